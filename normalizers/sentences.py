"""Sentence segmentation with offsets: 。！？!? and line breaks end a sentence; 「…」 stays whole.

A sentence ends after a run of terminators (and closing brackets right after them), or at a
line break. An ASCII ! or ? after a Latin letter or digit ends a sentence only at the end of a
line: brand names carry them mid-sentence (`Yahoo!ニュース`, `Yahoo! JAPAN`). An ASCII period
ends a sentence only between two Japanese characters (`である.次に`, from a folded ．); elsewhere
it is a decimal point, an abbreviation or part of a URL. A closing bracket followed by hiragana
continues the sentence (「…。」と述べた。).

Quotes and brackets on one line are kept whole by masking their inside before the boundary scan
(so the scan is one regex pass, not a Python loop over characters).
"""

from __future__ import annotations

import re
from typing import Final

from .chars import HIRAGANA, KANA_BLOCKS, KANJI, WHITESPACE

_CLOSERS = "」』）)】"
_KANA_KANJI = KANA_BLOCKS + KANJI
# Stand-in for the masked inside of a quote: not a terminator, bracket, space or Latin letter.
_FILLER = "\N{GETA MARK}"

# A boundary is a terminator run and the whitespace after it, or a line break and the whitespace
# around it. `re.split` finds every boundary in one C-level pass, so no Python code runs per
# sentence. The pattern starts with one character class (the regex engine then skips straight to
# candidates: 3x faster than a branch of classes); lookbehinds then say which character it took.
# Possessive runs: a run of terminators is one boundary, never split inside.
_TERMINATOR_TAIL = (
    f"(?<=[。！？．])[。！？．]*+(?:[{_CLOSERS}]++(?![{HIRAGANA}])|(?![{_CLOSERS}]))"
    # ASCII ! ? not after a Latin letter or digit (or another ! ?): like 。
    f"|(?<=[!?])(?<![A-Za-z0-9!?][!?])[!?]*+(?:[{_CLOSERS}]++(?![{HIRAGANA}])|(?![{_CLOSERS}]))"
    # after one (Yahoo!ニュース, Yahoo! JAPAN): only at the end of a line
    f"|(?<=[A-Za-z0-9][!?])[!?]*+[{_CLOSERS}]*+(?=[ \t]*+(?:\n|\\Z))"
    # . only between two Japanese characters (である.次に, from a folded ．)
    f"|(?<=[{_KANA_KANJI}]\\.)(?=[{_KANA_KANJI}])"
)
# `\s` spelled out (chars.WHITESPACE): in the opening class, `\s` is a category test on every
# character the scan skips; spelled out, the class compiles to one table lookup.
_WHITESPACE = WHITESPACE
_BOUNDARY = re.compile(
    f"([。！？．!?.{_WHITESPACE}]"
    f"(?:(?:{_TERMINATOR_TAIL})[^\\S\\n]*+(?:\\n\\s*+)?"
    r"|(?<=\n)\s*+"  # a line break
    r"|(?<=[^\S\n])[^\S\n]*+\n\s*+))"  # spaces before a line break
)

_BRACKETS = ("「」", "『』", "（）", "()", "【】")  # (opener, closer) pairs
# A bracketed stretch within one line (the inner bracket kinds may nest: 「…『…』…」) that holds a
# terminator: masking one without any changes no boundary, and most quotes have none.
_QUOTED = re.compile(
    "|".join(
        f"{o}[^{o}{c}\n。！？．!?.]*+[。！？．!?.][^{o}{c}\n]*+{c}"  # possessive: linear
        for o, c in (map(re.escape, pair) for pair in _BRACKETS)
    )
)
# Terminators kept before a quote's closing bracket (not `.`: it ends no sentence there).
_TAIL_TERMINATORS = "。！？．!?"
_OPENERS = tuple(pair[0] for pair in _BRACKETS)
# (Final: compiled, a static read, not a lookup in the module's dict per quote.)
_CLOSER_OF: Final = {ord(pair[0]): ord(pair[1]) for pair in _BRACKETS}


# The terminators as code points (compiled: a test with no string made), for `_terminator_first`
# and `sentences_fast`, which read the text by code point.
def is_terminator(c: int) -> bool:
    """。！？．"""
    return c == 0x3002 or c == 0xFF01 or c == 0xFF1F or c == 0xFF0E


def is_bang(c: int) -> bool:
    """! ?"""
    return c == 0x21 or c == 0x3F


def _terminator_first(text: str, start: int) -> bool:
    """`_QUOTED`'s first test at the opening bracket text[start], on code points: a terminator
    (。！？．!?.) comes before the line ends or the bracket closes or opens again. Most quotes
    hold none (「ソフトバンク」): no regex call for them."""
    opener = ord(text[start])
    closer = _CLOSER_OF[opener]
    for k in range(start + 1, len(text)):
        c = ord(text[k])
        if 0x3011 < c < 0xFF01:
            continue  # kana, kanji (past 【】 U+3011, before ！ U+FF01): none of the characters below
        if is_terminator(c) or is_bang(c) or c == 0x2E:
            return True
        if c == opener or c == closer or c == 0x0A:
            return False
    return False


def _mask(m: re.Match[str]) -> str:
    # Keep the closing bracket (a match ends with it) and the terminators right before it: they
    # decide whether the sentence ends after the quote. An rstrip finds them, not a regex search.
    quoted = m.group()
    keep = len(quoted[:-1].rstrip(_TAIL_TERMINATORS))
    return _FILLER * keep + quoted[keep:]


def positions(text: str, needles: tuple[str, ...]) -> list[int]:
    """Where any of the one-character `needles` occurs in `text`, sorted (`str.find`)."""
    found: list[int] = []
    for needle in needles:
        pos = text.find(needle)
        while pos >= 0:
            found.append(pos)
            pos = text.find(needle, pos + 1)
    found.sort()
    return found


def masked(text: str) -> str:
    """`_QUOTED.sub(_mask, text)`: the quotes that hold a terminator masked. A quote starts at an
    opening bracket: those are found by `str.find` (a memchr-speed search) and the pattern is
    tried at each, left to right, as `sub` tries it, instead of a regex scan of every character;
    only where a terminator comes first (`_terminator_first`)."""
    starts = positions(text, _OPENERS)
    if not starts:
        return text
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    for start in starts:
        # (an opener inside a quote masked already is not tried, as in `sub`)
        if start >= done and _terminator_first(text, start):
            m = _QUOTED.match(text, start)
            if m is not None:
                pieces.append(text[done:start])
                pieces.append(_mask(m))
                done = m.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, leading/trailing spaces excluded."""
    scan = masked(text)
    # [segment, boundary, segment, ...]: a sentence is a segment and its boundary's terminator
    # run, which is the boundary without its trailing whitespace (none at a bare line break).
    parts = _BOUNDARY.split(scan)
    spans: list[tuple[int, int]] = []
    pos = 0  # where parts[k] starts
    for k in range(0, len(parts) - 1, 2):
        start = pos
        pos += len(parts[k])
        boundary = parts[k + 1]
        end = pos + len(boundary.rstrip())
        pos += len(boundary)
        if start < end:
            spans.append((start, end))
    if pos < len(text):  # the final segment, which has no boundary
        spans.append((pos, len(text)))
    # Only the text's own edges can still carry whitespace: boundaries take what follows them.
    for k in (0, -1):
        if spans and (text[spans[k][0]].isspace() or text[spans[k][1] - 1].isspace()):
            _strip(text, spans, k)
    return spans


def _strip(text: str, spans: list[tuple[int, int]], k: int) -> None:
    """Strip spans[k] of leading and trailing whitespace; drop it if nothing is left."""
    start, end = spans[k]
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        start += len(segment) - len(segment.lstrip())
        spans[k] = (start, start + len(stripped))
    else:
        del spans[k]
