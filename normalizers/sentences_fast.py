"""A speed-up kept apart (issue 16): `split_sentences` without the regex split.

The reference is `sentences.split_sentences`: `_BOUNDARY.split` over the masked text, a class
test on every character (~50 instructions each in `re`) and ~4,000 instructions per boundary (the
parts' strings, the engine's state). Every boundary holds a terminator (。！？．!?.) or a line
break, so here those are found with `str.find` (memchr speed) and each is read as `_BOUNDARY`
reads it, left to right, with character tests on code points (compiled: no object per test):

- 。！？． then more of them, then closing brackets unless hiragana follows them (no match), or
  no closing bracket;
- ! or ? not after a Latin letter, digit, ! or ?: the same; after a Latin letter or digit: more
  of them and closing brackets, then only spaces or tabs to the line end (else no match);
- . between two kana or kanji;
- after any of those, the spaces and at most one line break with the whitespace after it;
- a line break: the spaces before it (from the first, not before the previous boundary) and
  the whitespace after it.

tests/normalizers/test_sentences_fast.py: the same spans as the reference on generated texts of
terminators, brackets, spaces and letters, and on the golden sentences; output_digest over the
corpora. The gain is in bench/README.md, "Speed-core round, session 9".
"""

from __future__ import annotations

from .chars import HIRAGANA, expand
from .sentences import _CLOSERS, _KANA_KANJI, _strip, is_bang, is_terminator, masked, positions

_HIRAGANA_SET = expand(HIRAGANA)
_KANA_KANJI_SET = expand(_KANA_KANJI)
# What a boundary starts at (besides the spaces before a line break, reached from the break).
_NEEDLES = ("\n", "。", "！", "？", "．", "!", "?", ".")


def _is_latin_or_digit(c: int) -> bool:
    return 0x61 <= c <= 0x7A or 0x41 <= c <= 0x5A or 0x30 <= c <= 0x39


def _closers_end(scan: str, i: int, n: int) -> int:
    """After a terminator run ending at i: where the boundary's terminator part ends (past the
    closing brackets), -1 when closing brackets are followed by hiragana (no boundary)."""
    j = i
    while j < n and scan[j] in _CLOSERS:
        j += 1
    if j > i and j < n and scan[j] in _HIRAGANA_SET:
        return -1
    return j


def _terminator_end(scan: str, p: int, n: int) -> int:
    """Where the terminator part of a boundary at the terminator scan[p] ends; -1: no boundary."""
    c = ord(scan[p])
    if is_terminator(c):
        i = p + 1
        while i < n and is_terminator(ord(scan[i])):
            i += 1
        return _closers_end(scan, i, n)
    if is_bang(c):
        before = ord(scan[p - 1]) if p > 0 else 0
        if is_bang(before):
            return -1
        i = p + 1
        while i < n and is_bang(ord(scan[i])):
            i += 1
        if not _is_latin_or_digit(before):
            return _closers_end(scan, i, n)
        # After a Latin letter or digit (Yahoo!ニュース): only at the end of a line.
        while i < n and scan[i] in _CLOSERS:
            i += 1
        k = i
        while k < n and (scan[k] == " " or scan[k] == "\t"):
            k += 1
        return i if k == n or scan[k] == "\n" else -1
    # "." between two kana or kanji
    if 0 < p < n - 1 and scan[p - 1] in _KANA_KANJI_SET and scan[p + 1] in _KANA_KANJI_SET:
        return p + 1
    return -1


def _whitespace_end(scan: str, k: int, n: int) -> int:
    while k < n and scan[k].isspace():
        k += 1
    return k


def split_sentences_fast(text: str) -> list[tuple[int, int]]:
    """`sentences.split_sentences(text)`, the same spans."""
    scan = masked(text)
    n = len(scan)
    candidates = positions(scan, _NEEDLES)
    spans: list[tuple[int, int]] = []
    pos = 0  # where the current sentence starts: the previous boundary's end
    for p in candidates:
        if p < pos:
            continue  # inside the previous boundary
        if scan[p] == "\n":
            start = p
            while start > pos and scan[start - 1] != "\n" and scan[start - 1].isspace():
                start -= 1
            end = start  # a line break's boundary holds no terminator
            after = _whitespace_end(scan, p + 1, n)
        else:
            end = _terminator_end(scan, p, n)
            if end < 0:
                continue
            start = p
            k = end
            while k < n and scan[k] != "\n" and scan[k].isspace():
                k += 1
            after = _whitespace_end(scan, k + 1, n) if k < n and scan[k] == "\n" else k
        if pos < end:
            spans.append((pos, end))
        pos = after
    if pos < n:  # the final segment, which has no boundary
        spans.append((pos, n))
    # Only the text's own edges can still carry whitespace: boundaries take what follows them.
    for k in (0, -1):
        if spans and (text[spans[k][0]].isspace() or text[spans[k][1] - 1].isspace()):
            _strip(text, spans, k)
    return spans
