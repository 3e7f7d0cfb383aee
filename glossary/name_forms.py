"""People and devices the recognizer finds by the form of their name (issue 17), apart from the
evidence rules of `glossary.recognizer` and the context forms of `glossary.name_context`:

- foreign_names: a katakana name with ・ whose first part is a given name (トム・クルーズ).
- cast_pairs: a character（actor） pair whose one half is a person (栗原一止（櫻井 翔）).
- model_names: a device named with its carrier model code (ARROWS X F-10D).
- family_name: the part of a full name a text uses alone later (染谷 of 染谷将太).

Each returns spans (or a string); the recognizer types them. Pure: compiled patterns only.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from normalizers.chars import HIRAGANA as HIRA
from normalizers.chars import KANJI
from normalizers.chars import KATAKANA as KATA, KATAKANA_LETTERS as KATA_LETTERS
from normalizers.chars import KATAKANA_MIDDLE_DOT as DOT

from .name_context import bracket_role, matches_at, occurrences

# Given names in JMnedict that start names of shops, titles and works more than of people here
# (ドン・キホーテ, サー・...), and the letters spelled in katakana (アイ・オー・データ is I-O DATA).
NOT_GIVEN = frozenset("ドン サー ミスター ミス セント サン ドクター ザ ニュー キング クイーン レディ マダム プリンス "
                      "プリンセス ビッグ リトル ラ ル ロ デ ダ".split())
LETTER_NAMES = frozenset("エー エイ ビー シー ディー イー エフ ジー エイチ アイ ジェー ジェイ ケー ケイ エル エム エヌ オー "
                         "ピー キュー アール エス ティー ユー ブイ ヴィ ダブリュー エックス ワイ ゼット ゼッド".split())
# A katakana name of parts joined by ・, the whole run (not followed by more katakana or ・).
_KATAKANA_RUN = re.compile(f"[{KATA_LETTERS}][{KATA}]+(?:{DOT}[{KATA_LETTERS}][{KATA}]*)+(?![{KATA}{DOT}])")
_KATA_CHAR = re.compile(f"[{KATA}]")


def _run_start(text: str, dot: int) -> int:
    """Where the katakana-and-・ run holding text[dot] starts."""
    i = dot
    while i and (text[i - 1] == DOT or _KATA_CHAR.match(text, i - 1)):
        i -= 1
    return i


def foreign_names(text: str, given_names: frozenset[str], common: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Katakana runs with ・ that start with a given name (トム・クルーズ), read from each ・; not
    when a part is a letter spelled out or the first or last part a common word (`common`)."""
    out: list[tuple[int, int]] = []
    end = 0  # where the last run ended: each run is read once
    dot = text.find(DOT)
    while dot != -1:
        if dot >= end:
            m = _KATAKANA_RUN.match(text, _run_start(text, dot))
            if m is not None:
                end = m.end()
                parts = m.group().split(DOT)
                if len(parts) <= 4 and parts[0] in given_names and len(parts[-1]) >= 2 \
                        and parts[0] not in NOT_GIVEN and not LETTER_NAMES.intersection(parts) \
                        and not common(parts[0]) and not common(parts[-1]):
                    out.append((m.start(), end))
        dot = text.find(DOT, max(dot, end) + 1)
    return out


# A character and its actor, side by side in a cast list: 砂山（要潤）, 栗原一止（櫻井 翔）.
_CAST_BEFORE = re.compile(
    f"(?<![{KANJI}{KATA}{DOT}])(?:[{KANJI}]{{2,5}}|[{KANJI}]{{1,3}} [{KANJI}]{{1,3}}"
    f"|[{KATA_LETTERS}][{KATA}]*(?:{DOT}[{KATA_LETTERS}][{KATA}]*)*)[(（]\\Z"
)
_CAST_INSIDE = re.compile(
    f"[(（](?P<n>[{KANJI}]{{2,5}}|[{KANJI}]{{1,3}} [{KANJI}]{{1,3}}|[{KANJI}]{{1,3}}[{HIRA}]{{2,4}}"
    f"|[{KATA_LETTERS}][{KATA}]*(?:{DOT}[{KATA_LETTERS}][{KATA}]*)*)[)）]"
)
_KANJI_ONLY = re.compile(f"[{KANJI}]+")
# The recognizer's rules whose persons make the other half of a pair (role_bracket's bracket
# holds a role, not an actor).
CAST_EVIDENCE = frozenset({"name_list", "foreign_name", "role_dot", "person_title", "credit_list"})


def cast_pairs(text: str, persons: Iterable[tuple[int, int]], listed: Callable[[str], bool],
               role: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The other half of a character（actor） pair whose one half (`persons`) is a person. Inside
    the brackets, a name of kanji alone must be a listed person's (`listed`): four kanji in
    brackets are as often a note (追悼上映); neither half is a role word (`role`)."""
    out: list[tuple[int, int]] = []
    for s, e in persons:
        if s and text[s - 1] in "(（" and text.startswith((")", "）"), e):
            before = _CAST_BEFORE.search(text, max(0, s - 20), s)
            if before is not None and not role(before.group()[:-1]):
                out.append((before.start(), before.end() - 1))
        inside = _CAST_INSIDE.match(text, e)
        if inside is not None:
            name = inside.group("n")
            if not role(name) and not bracket_role(name) and (not _KANJI_ONLY.fullmatch(name) or listed(name)):
                out.append(inside.span("n"))
    return out


# A carrier's model code (F-10D, SC-06D, HW-01E, IS11T, ISW11SC), and up to four Latin words before
# it, the model's name (a word of capitals and digits, or a lower-case word inside: Xperia arc).
_MODEL_CODE = re.compile(r"(?<![A-Za-z0-9\-])(?:[A-Z]{1,3}-\d{2}[A-Z]|ISW?\d{2}[A-Z]{1,3})(?![A-Za-z0-9])")
_MODEL_WORDS = re.compile(r"(?:(?<![A-Za-z0-9.\-])[A-Za-z][A-Za-z0-9+]* ){1,4}\Z")
# What every code holds, led by a literal the regex engine skips ahead to (the code's own pattern
# starts at any capital; bench/README.md has what it cost).
_MODEL_HINT = re.compile(r"-\d\d[A-Z]|ISW?\d\d")


def model_hint_starts(text: str) -> list[int]:
    """Where `_MODEL_HINT` may match: each - and each IS."""
    return occurrences(text, ("-", "IS"))


def model_names(text: str) -> list[tuple[int, int]]:
    """Devices named with their model code: the code and the Latin words before it."""
    out: list[tuple[int, int]] = []
    for hint in matches_at(_MODEL_HINT, text, model_hint_starts(text)):
        start = hint.start()
        if text[start] == "-":  # the code's capitals before the dash: one to three
            while start > hint.start() - 3 and start and "A" <= text[start - 1] <= "Z":
                start -= 1
        m = _MODEL_CODE.match(text, start)
        if m is None:
            continue
        words = _MODEL_WORDS.search(text, max(0, m.start() - 48), m.start())
        out.append((words.start() if words is not None and words.group()[0].isupper() else m.start(), m.end()))
    return out


# A kanji surname and a kana given name (二階堂ふみ, 沢尻エリカ), two names apart (豊田 尚), four kanji
# (read 2 + 2, the usual split), a foreign name with ・ (its last part is the family name).
KANJI_KANA_NAME = re.compile(f"(?P<f>[{KANJI}]{{2,3}})(?:[{HIRA}]{{2,4}}|[{KATA_LETTERS}]{{2,4}})")
_FAMILY_NAME = re.compile(
    f"(?P<f>[{KANJI}]{{2,3}})(?:[{HIRA}]{{2,4}}|[{KATA_LETTERS}]{{2,4}}| [{KANJI}]{{1,3}})"
    f"|(?P<g>[{KANJI}]{{2}})[{KANJI}]{{2}}|[{KATA}{DOT}]+{DOT}(?P<l>[{KATA_LETTERS}][{KATA}]+)"
)


def family_name(person: str) -> str:
    """The part of a person's full name a text uses alone later (染谷 of 染谷将太, 二階堂 of
    二階堂ふみ, クルーズ of トム・クルーズ); "" when the name is not a full name of these forms."""
    m = _FAMILY_NAME.fullmatch(person)
    if m is None:
        return ""
    return m.group("f") or m.group("g") or m.group("l") or ""
