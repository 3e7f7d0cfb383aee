"""Sentence segmentation with offsets: 。！？!? and line breaks end a sentence; 「…」 stays whole."""

from __future__ import annotations

import re

# A sentence ends after a run of terminators (and closing brackets right after them), or at a
# line break. ASCII !? end a sentence only before a space, a line break, the end or Japanese
# (so `Yahoo!ニュース` after a Latin word is not split).
_TERMINATORS = "。！？!?．"
_OPEN = "「『（(【"
_CLOSE = "」』）)】"
_SPLIT = re.compile(r"[。！？．]+[」』）)】]*|(?<![A-Za-z0-9])[!?]+[」』）)】]*|[!?]+(?=\s|$)|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, leading/trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    pos = 0
    for m in _SPLIT.finditer(text):
        # Track bracket depth between the last boundary and this one: no split inside 「…」.
        segment = text[pos : m.start()]
        depth += sum(segment.count(c) for c in _OPEN) - sum(segment.count(c) for c in _CLOSE)
        token = m.group()
        depth += sum(token.count(c) for c in _OPEN) - sum(token.count(c) for c in _CLOSE)
        pos = m.end()
        if token[0] == "\n":
            depth = 0  # a quote never spans a line break: unbalanced brackets reset here
            _append(text, spans, start, m.start())
            start = m.end()
        elif depth <= 0:
            depth = 0
            _append(text, spans, start, m.end())
            start = m.end()
    _append(text, spans, start, len(text))
    return spans


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
