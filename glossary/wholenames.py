"""Whole names only (contract sections 5 and 7): a glossary hit that is one part of a longer
katakana name joined by ・ or = is dropped, neither tagged nor rewritten."""

from __future__ import annotations

import re
from typing import Protocol

from normalizers.chars import KATAKANA, KATAKANA_RUN, NAME_JOINERS

_KATA = re.compile(f"[{KATAKANA}]")


class Span(Protocol):
    start: int
    end: int


_DOTS = frozenset(NAME_JOINERS)


def whole_names(text: str, hits: list[Span]) -> list[Span]:
    """Drops a hit that is one part of a longer katakana name joined by ・ or = (`ロベルト・ミラノ`
    is a person, not Milan; `エロン・マスク` is not `エロン・Musk`): a name is tagged and rewritten
    whole or not at all (contract section 5 and 7). A run whose every part is a hit is a list of
    names (`アップル・マイクロソフト・グーグル`) and stays. `hits`: sorted and disjoint."""
    spans = {(h.start, h.end) for h in hits}
    kept = []
    for h in hits:
        s, e = h.start, h.end
        # Only a katakana name joins through ・ (`米国・サンフランシスコ` is a list of places).
        dotted = (s >= 2 and text[s - 1] in _DOTS and _KATA.match(text[s - 2]) and _KATA.match(text[s])) or (
            e + 1 < len(text) and text[e] in _DOTS and _KATA.match(text[e + 1]) and _KATA.match(text[e - 1]))
        if dotted and not _parts_all_hits(text, s, spans):
            continue
        kept.append(h)
    return kept


def _parts_all_hits(text: str, s: int, spans: set[tuple[int, int]]) -> bool:
    """The ・/=-joined katakana run around position s: is each of its parts a hit of its own?"""
    a = s
    while a > 0 and (_KATA.match(text[a - 1]) or (text[a - 1] in _DOTS and a >= 2 and _KATA.match(text[a - 2]))):
        a -= 1
    run = KATAKANA_RUN.match(text, a)
    if run is None:
        return False
    pos = a
    for part in re.split(f"[{NAME_JOINERS}]", run.group()):
        if (pos, pos + len(part)) not in spans:
            return False
        pos += len(part) + 1
    return True
