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

_CLOSERS = "」』）)】"
_KANA_KANJI = "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_HIRAGANA = "\N{HIRAGANA LETTER SMALL A}-\N{HIRAGANA DIGRAPH YORI}"
# Stand-in for the masked inside of a quote: not a terminator, bracket, space or Latin letter.
_FILLER = "\N{GETA MARK}"

# Every branch starts with a character class, so the regex engine can skip ahead to candidate
# characters; the context checks of the rare ASCII cases are done in Python.
_BOUNDARY = re.compile(
    # Possessive runs: a run of terminators is one boundary, never split inside.
    f"[。！？．]++(?:[{_CLOSERS}]++(?![{_HIRAGANA}])|(?![{_CLOSERS}]))"
    f"|[!?]++[{_CLOSERS}]*+"
    f"|\\.(?=[{_KANA_KANJI}])"
    "|\n+"
)
_LINE_END = re.compile("[ \t]*(?:\n|$)")
_KANA_KANJI_CHAR = re.compile(f"[{_KANA_KANJI}]")
_HIRAGANA_CHAR = re.compile(f"[{_HIRAGANA}]")


def _ascii_boundary(scan: str, m: re.Match[str]) -> bool:
    """Whether an ASCII ! ? or . match ends a sentence (see the module docstring)."""
    start, end = m.start(), m.end()
    prev = scan[start - 1] if start else ""
    if m.group()[0] == ".":
        return bool(prev) and _KANA_KANJI_CHAR.match(prev) is not None
    if prev.isascii() and prev.isalnum():
        return _LINE_END.match(scan, end) is not None  # Yahoo! mid-line is a name
    if m.group()[-1] in _CLOSERS and end < len(scan) and _HIRAGANA_CHAR.match(scan, end):
        return False  # (…お得!)です: the sentence goes on after the bracket
    return True


# A bracketed stretch within one line (the inner bracket kinds may nest: 「…『…』…」).
_QUOTED = re.compile("「[^「」\n]*」|『[^『』\n]*』|（[^（）\n]*）|\\([^()\n]*\\)|【[^【】\n]*】")
_QUOTE_TAIL = re.compile(f"[。！？．!?]*[{_CLOSERS}]\\Z")
_OPENERS = ("「", "『", "（", "(", "【")


def _mask(m: re.Match[str]) -> str:
    # Keep the closing bracket and the terminators right before it: they decide whether the
    # sentence ends after the quote.
    quoted = m.group()
    keep = _QUOTE_TAIL.search(quoted).start()  # type: ignore[union-attr]
    return _FILLER * keep + quoted[keep:]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, leading/trailing spaces excluded."""
    scan = _QUOTED.sub(_mask, text) if any(o in text for o in _OPENERS) else text
    spans: list[tuple[int, int]] = []
    append = spans.append
    start = 0
    for m in _BOUNDARY.finditer(scan):
        b_start, b_end = m.span()
        first = scan[b_start]
        if first == "\n":
            end = b_start
        elif first in "!?." and not _ascii_boundary(scan, m):
            continue
        else:
            end = b_end
        # Normalized text rarely has spaces at sentence edges: look before slicing.
        if start < end and not text[start].isspace() and not text[end - 1].isspace():
            append((start, end))
        else:
            _append(text, spans, start, end)
        start = b_end
    _append(text, spans, start, len(text))
    return spans


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        start += len(segment) - len(segment.lstrip())
        spans.append((start, start + len(stripped)))
