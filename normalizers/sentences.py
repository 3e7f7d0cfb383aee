"""Sentence segmentation with offsets: 。！？!? and line breaks end a sentence; 「…」 stays whole."""

from __future__ import annotations

import re

# A sentence ends after a run of terminators (and closing brackets right after them), or at a
# line break. An ASCII ! or ? after a Latin letter or digit ends a sentence only at the end of a
# line: brand names carry them mid-sentence (`Yahoo!ニュース`, `Yahoo! JAPAN`). An ASCII period
# ends a sentence only between two Japanese characters (`である.次に`, from a folded ．); elsewhere
# it is a decimal point, an abbreviation or part of a URL.
_OPEN = "「『（(【"
_CLOSE = "」』）)】"
_CLOSERS = "[」』）)】]*"
_KANA_KANJI = "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_SPLIT = (
    f"[。！？．]+{_CLOSERS}"
    f"|(?<![A-Za-z0-9])[!?]+{_CLOSERS}"
    f"|[!?]+{_CLOSERS}(?=[ \\t]*(?:\\n|$))"
    f"|(?<=[{_KANA_KANJI}])\\.(?=[{_KANA_KANJI}])"
    "|\\n+"
)
# One scan finds boundaries and brackets alike (a lone bracket is its own token), so the
# bracket depth is tracked without re-reading the text between boundaries.
_TOKENS = re.compile(f"{_SPLIT}|[{_OPEN}{_CLOSE}]")
_DEPTH = {c: 1 for c in _OPEN} | {c: -1 for c in _CLOSE}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, leading/trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    n = len(text)
    for m in _TOKENS.finditer(text):
        token = m.group()
        first = token[0]
        if len(token) == 1 and first in _DEPTH:
            depth += _DEPTH[first]  # a bracket on its own: no split inside 「…」
            continue
        if first == "\n":
            depth = 0  # a quote never spans a line break: unbalanced brackets reset here
            _append(text, spans, start, m.start())
            start = m.end()
            continue
        for c in token:
            if c in _DEPTH:
                depth += _DEPTH[c]
        if depth <= 0:
            depth = 0
            end = m.end()
            if token[-1] in _CLOSE and end < n and "\u3041" <= text[end] <= "\u309f":
                continue  # a quote the sentence goes on after: 「…。」と述べた。
            _append(text, spans, start, end)
            start = end
    _append(text, spans, start, n)
    return spans


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
