"""Which glossary hits are rewritten (contract section 7, issue 18: a rewrite never makes the
text worse). The matcher decides what a hit means; this module decides, from the text around the
hits, whether its replacement is written. A hit kept as written is still tagged and linked.

- Native names stay native (`surface="en"`): a name written in a native Japanese script (any
  kanji or hiragana in it: 米国, 孫正義, 東京, 味の素) is not rewritten unless its variant is a listed
  mistranslation or a correction (rule `mt_correction`: 英偉達 → NVIDIA, 黄仁勲 → Jensen Huang).
  Katakana and Latin forms of names are rewritten (アルトマン → Altman, openai → OpenAI).
- Aliases stay: two names side by side as an alias pair (`X(Y)`, `X（Y）`, `X・Y`, `X、Y`, `X Y`,
  `X/Y`, or glued) that read differently as written never read the same after the rewrite
  (`アンソロピック(Anthropic)` does not become `Anthropic(Anthropic)`, `Amazon Web Services(AWS)`
  does not lose its full form): the rewrites that made them equal are dropped, corrections and
  mistranslations last.
- A word is not respelled: a correction with no entity whose replacement is the text as written
  after folding (`ギリシヤ語` found as the not-a-place entry `ギリシャ語`) leaves the author's
  spelling alone (Aozora).
- A place is a word's part, not rewritten, when written in katakana inside a Japanese word: the
  language or people (ギリシア語, イギリス人, ソウル市民), a style or manner (フランス式, パリ娘), a
  quarter of it (南フランス, 西ドイツ; not 中東アブダビ): `Greece語`, `南France` are no words. It stays tagged.
- A part of a longer name is not rewritten (`wholenames.part_of_longer_name`, the reading
  `wholenames.longer_names` tags by): `TOHO シネマズ渋谷` (a cinema), `『恋するバルセロナ』` (a title),
  `ドイツW杯` (an event), `グアム ココ ロードレース` stay as written; a rewrite covers the whole name or
  nothing (contract section 7, issue 17).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from normalizers.chars import (
    HIRAGANA,
    KANJI,
    KATAKANA,
    KATAKANA_BLOCK_FIRST,
    KATAKANA_BLOCK_LAST,
    NAME_JOINERS,
    NO_KANJI_OR_HIRAGANA_BELOW,
    SMALL_KE,
    UNIFIED_IDEOGRAPHS_FIRST,
    UNIFIED_IDEOGRAPHS_LAST,
)

from .kana import fold_key
from .wholenames import part_of_longer_name

if TYPE_CHECKING:
    # (compiled: the hits' fields read from the native object, not looked up by name)
    from .matcher import GlossaryMatch

# Any kanji or hiragana: the name is written in a native Japanese script.
_NATIVE: Final = re.compile(f"[{KANJI}{HIRAGANA}]")
_KANJI: Final = re.compile(f"[{KANJI}]")
# What stands between a name and its alias: brackets, a middle dot or =, a comma, a slash, spaces
# (at most two characters: `」（` is not an alias pair, and farther apart is another phrase).
_ALIAS_GAP: Final = re.compile(
    f"[ \N{IDEOGRAPHIC SPACE}(\N{FULLWIDTH LEFT PARENTHESIS}{NAME_JOINERS}"
    "\N{IDEOGRAPHIC COMMA},\N{FULLWIDTH COMMA}/\N{FULLWIDTH SOLIDUS}]{0,2}"
)
CORRECTIVE_RULE: Final = "mt_correction"
FUZZY_RULE: Final = "glossary_fuzzy"
# A katakana place name glued to one of these is part of a Japanese word (ギリシア語, パリ娘,
# フランス式, ソウル市民; 南フランス).
_PLACE_WORD_AFTER: Final = re.compile("[語人娘式風流的]|[市国]民")
_PLACE_WORD_BEFORE: Final = frozenset("南北東西")
_KATAKANA_NAME: Final = re.compile(f"[{KATAKANA}{NAME_JOINERS}]+")


def rewrite_policy(
    text: str, hits: list[GlossaryMatch], surface: str, common_words: frozenset[str] = frozenset()
) -> list[GlossaryMatch]:
    """The hits (sorted, disjoint) with `replacement` set to None where writing it would make the
    text worse: a native name under "en", a respelling, a place inside a word, a part of a longer
    name (`wholenames.part_of_longer_name`; `common_words`: the glossary's, folded), a rewrite that
    makes an alias pair read the same. (One pass with early exits: `find` calls it on every
    document.)"""
    en = surface == "en"
    out = hits
    starts: dict[int, Any] | None = None
    for i, h in enumerate(hits):
        r = h.replacement
        if r is None:
            continue
        s, e = h.start, h.end
        if h.rule == CORRECTIVE_RULE:
            kept = h.entity_id is None and only_respells(text, h)
        else:
            kept = en and (native_span(text, s, e) or (h.label == "LOCATION" and place_inside_word(text, h)))
        label = h.label
        if not kept and label is not None and h.entity_id is not None and not _respelled(text, s, e, r, h.rule):
            if starts is None:
                starts = {x.start: x for x in hits}
            kept = part_of_longer_name(text, s, e, label, starts, common_words)
        if kept:
            if out is hits:
                out = list(hits)
            out[i] = h.without_replacement()
    return keep_aliases(text, out)


def _respelled(text: str, s: int, e: int, r: str, rule: str) -> bool:
    """The rewrite only respells a Latin word: its case (QUALCOMM → Qualcomm, Thinkpad → ThinkPad)
    or a typo fuzzy linking found (Windos → Windows). It may stand inside a longer Latin name
    (`Qualcomm MSM8960`, `Windows 8`): the name reads the same, spelled as its owner spells it."""
    if len(r) == e - s and text.startswith(r, s):
        return True  # (written as it is: no rewrite at all)
    written = text[s:e]
    if not (r.isascii() and written.isascii()):
        return False
    return rule == FUZZY_RULE or (len(r) == e - s and r.casefold() == written.casefold())


def is_native(surface: str) -> bool:
    """Written in a native Japanese script: any kanji or hiragana (米国, 孫正義, 味の素, 東京エレクトロン)."""
    return _NATIVE.search(surface) is not None


def native_span(text: str, s: int, e: int) -> bool:
    """`_NATIVE.search(text, s, e) is not None` (text[s:e] is a native name), without a regex call
    for a span of katakana and Latin letters: `rewrite_policy` asks it of every hit with a
    replacement (a regex call is ~1,500 instructions, a code point read ~20)."""
    for i in range(s, e):
        c = ord(text[i])
        if c < NO_KANJI_OR_HIRAGANA_BELOW or (KATAKANA_BLOCK_FIRST <= c <= KATAKANA_BLOCK_LAST and c != SMALL_KE):
            continue  # (the code points: chars.py)
        if UNIFIED_IDEOGRAPHS_FIRST <= c <= UNIFIED_IDEOGRAPHS_LAST:  # most kanji
            return True
        if _NATIVE.match(text, i) is not None:
            return True
    return False


def only_respells(text: str, h: GlossaryMatch) -> bool:
    """A correction whose replacement is the text as written after folding (ギリシヤ語 found as
    ギリシャ語): the same word in another spelling."""
    return h.replacement is not None and fold_key(h.replacement) == fold_key(text[h.start : h.end])


def place_inside_word(text: str, h: GlossaryMatch) -> bool:
    """A katakana place that is part of a Japanese word (ギリシア語, パリ娘, 南フランス)."""
    if not _KATAKANA_NAME.fullmatch(text, h.start, h.end):
        return False
    # 南フランス, but not 中東アブダビ (東 ends the word 中東)
    quarter = h.start > 0 and text[h.start - 1] in _PLACE_WORD_BEFORE and not (h.start > 1 and _KANJI.match(text[h.start - 2]))
    return quarter or _PLACE_WORD_AFTER.match(text, h.end) is not None


def _written(text: str, h: GlossaryMatch) -> str:
    return text[h.start : h.end] if h.replacement is None else h.replacement


def keep_aliases(text: str, hits: list[GlossaryMatch]) -> list[GlossaryMatch]:
    """Drops the rewrites that make an alias pair read the same (casefolded) when, as written,
    it did not: plain rewrites first, then corrections and mistranslations if still equal
    (`ウルトラマン(アルトマン)` → `Altman(アルトマン)`, not `Altman(Altman)`)."""
    out = hits
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if b.start - a.end > 2 or not _ALIAS_GAP.fullmatch(text, a.end, b.start):
            continue
        if out is hits:
            out = list(hits)
        if text[a.start : a.end].casefold() == text[b.start : b.end].casefold():
            continue  # the same name twice already (openai(OpenAI)): rewritten alike
        for corrective in (False, True):
            if _written(text, out[i]).casefold() != _written(text, out[i + 1]).casefold():
                break
            for j in (i, i + 1):
                h = out[j]
                if h.replacement is not None and (h.rule == CORRECTIVE_RULE) == corrective:
                    out[j] = h.without_replacement()
    return out
