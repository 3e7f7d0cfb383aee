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
_JOINER = re.compile(f"[{NAME_JOINERS}]")


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
        # (Cheap tests first: `find` runs this on every hit.)
        if text[s - 1 : s] == " " and _brand_line_tail(text, s, e, spans):
            continue
        if e - s <= SHORT_NAME + 1 and _JOINER.search(text, s, e) and _split_short_name(text, h):
            continue
        kept.append(h)
    return kept


# A name this short (joiners aside) split by a ・ the variant does not have is two names' parts.
SHORT_NAME = 3


def _split_short_name(text: str, h: Span) -> bool:
    """`イ・ラン` (Lee Ran, a person) is not `イラン` (Iran): the ・ splits a short key into the
    parts of another name (issue 18's audit). Longer names keep linking across an added ・
    (ロンドン・オリンピック)."""
    surface = text[h.start : h.end]
    if not any(d in surface for d in _DOTS):
        return False
    chosen = getattr(h, "chosen", None)
    written = chosen.variant.text if chosen is not None else None
    return written is not None and not any(d in written for d in _DOTS) and len(re.sub(f"[{NAME_JOINERS}]", "", surface)) <= SHORT_NAME


# What may close a brand line after its last word: the end of a line, a closing bracket, 、 or 。.
_PHRASE_END = re.compile(
    "$|[\n\N{IDEOGRAPHIC COMMA}\N{IDEOGRAPHIC FULL STOP})\N{FULLWIDTH RIGHT PARENTHESIS}\N{RIGHT CORNER BRACKET}"
    "\N{RIGHT WHITE CORNER BRACKET}\N{RIGHT ANGLE BRACKET}\N{RIGHT DOUBLE ANGLE BRACKET}\N{RIGHT BLACK LENTICULAR BRACKET}]"
)


def _brand_line_tail(text: str, s: int, e: int, spans: set[tuple[int, int]]) -> bool:
    """A katakana hit that ends a space-joined name after a ・-joined katakana name that is no hit:
    `ポール・スミス ロンドン〉` is the brand's line (Paul Smith London), not the city (issue 18)."""
    if s < 4 or text[s - 1] != " " or not _KATA.match(text[s]) or not _PHRASE_END.match(text, e):
        return False
    a = s - 1
    while a > 0 and (_KATA.match(text[a - 1]) or text[a - 1] in _DOTS):
        a -= 1
    name = text[a : s - 1]
    return any(d in name for d in _DOTS) and _KATA.match(name[0]) is not None and (a, s - 1) not in spans


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
