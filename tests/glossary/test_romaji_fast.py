"""The romaji index without pykakasi's kakasi() for kana (glossary.candidates.kana_romaji) and
the batched nearest-entity search (RomajiIndex.suggest_many): both must give exactly what
pykakasi / the per-surface `suggest` give."""

from __future__ import annotations

import random
import unicodedata

import pykakasi
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import candidates as C
from glossary.candidates import RomajiIndex, kana_romaji

HIRAGANA = [chr(c) for c in range(ord("\N{HIRAGANA LETTER SMALL A}"), ord("\N{HIRAGANA LETTER SMALL KE}") + 1)]
KATAKANA = [chr(c) for c in range(ord("\N{KATAKANA LETTER SMALL A}"), ord("\N{KATAKANA MIDDLE DOT}") + 1)]
PROLONGED = "\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}"
KANA = HIRAGANA + KATAKANA + [PROLONGED]
ASCII = [chr(c) for c in range(0x20, 0x7F)]
HANDLED = KANA + ASCII
# Characters of the kana blocks (and look-alikes) left to pykakasi: unassigned code points,
# combining and spacing (semi-)voiced marks, iteration marks, ゟ ゠ ヿ, half-width kana and
# marks, other long-vowel dashes, full-width ＝, kanji.
BLOCKS = [chr(c) for c in range(0x3040, 0x3100)]
NOT_HANDLED = [c for c in BLOCKS if c not in HANDLED] + [
    "\N{HALFWIDTH KATAKANA LETTER A}", "\N{HALFWIDTH KATAKANA MIDDLE DOT}",
    "\N{HALFWIDTH KATAKANA-HIRAGANA PROLONGED SOUND MARK}", "\N{HORIZONTAL BAR}", "\N{MINUS SIGN}",
    "\N{FULLWIDTH EQUALS SIGN}", "\N{IDEOGRAPHIC FULL STOP}", "\x01", "\t", "語",
]

_KKS = pykakasi.kakasi()


def pykakasi_romaji(s: str) -> str:
    """What RomajiIndex.romaji gave for non-ASCII text before kana_romaji: pykakasi's Hepburn."""
    return C._NON_ALNUM.sub("", "".join(p["hepburn"] for p in _KKS.convert(s)).lower())


def _mismatches(texts) -> list[tuple[str, str | None, str]]:
    out = []
    for s in texts:
        got = kana_romaji(s)
        want = pykakasi_romaji(s)
        if got != want:
            out.append((s, got, want))
    return out


def test_known_spellings():
    # Including pykakasi's odd ones: っ before another script stays "tsu", a leading ー is
    # nothing, ー repeats the letter before it, ・ and ヷ go.
    assert kana_romaji("サム・アルトマン") == "samuarutoman"
    assert kana_romaji("ッか") == "tsuka" and kana_romaji("っか") == "kka"
    assert kana_romaji("ーア") == "a" and kana_romaji("カー") == "kaa" and kana_romaji("ンー") == "nn"
    assert kana_romaji("ジャン=ポールAIー") == "janpooruaii" == pykakasi_romaji("ジャン=ポールAIー")
    assert kana_romaji("ヷ") == ""
    assert kana_romaji("東京") is None and kana_romaji("ｱ") is None


def test_every_single_character():
    assert _mismatches(HANDLED) == []
    assert [c for c in HANDLED if kana_romaji(c) is None] == []
    assert [c for c in NOT_HANDLED if kana_romaji("ア" + c) is not None] == []


def test_every_pair_of_kana():
    assert _mismatches(a + b for a in KANA for b in KANA) == []


def test_every_pair_of_kana_and_ascii():
    assert _mismatches(s for a in KANA for b in ASCII for s in (a + b, b + a)) == []


def test_sokuon_triples():
    # The table's 3-character keys all start with っ (っきゃ, っふぁ ...): every っ/ッ + kana +
    # small kana or ー, in one script and across scripts.
    small = [c for c in KANA if "SMALL" in unicodedata.name(c)] + [PROLONGED, "あ", "ア"]
    firsts = ["\N{HIRAGANA LETTER SMALL TU}", "\N{KATAKANA LETTER SMALL TU}", "ん", "ン"]
    assert _mismatches(a + b + c for a in firsts for b in KANA for c in small) == []


_ALPHABET = st.sampled_from(BLOCKS + ASCII[:20] + ["a", "K", "1", "=", "."] + NOT_HANDLED[-10:])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_ALPHABET, st.sampled_from(KANA)), max_size=12).map("".join))
def test_kana_romaji_is_pykakasis_or_declines(s):
    got = kana_romaji(s)
    if all(c in HANDLED for c in s):
        assert got is not None
    if got is not None:
        assert got == pykakasi_romaji(s)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(KANA + ["=", "A", "1", " "]), min_size=1, max_size=16).map("".join))
def test_kana_text_is_pykakasis(s):
    assert kana_romaji(s) == pykakasi_romaji(s)


def test_index_romaji_uses_pykakasi_for_the_rest(glossary):
    idx = RomajiIndex(glossary)
    voiced = "\N{COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK}"
    for s in ["孫正義", "ｻﾑ", "オープンAI", "サム・アルトマン", f"ア{voiced}イ"]:
        assert idx.romaji(s) == pykakasi_romaji(s), s
    assert idx.romaji("Sam Altman!") == "samaltman"


# -- suggest_many ------------------------------------------------------------------------------


def _index(keys: list[str]) -> RomajiIndex:
    idx = RomajiIndex.__new__(RomajiIndex)
    idx._kks = None
    idx.keys = list(keys)
    idx.ids = [f"e{i}" for i in range(len(keys))]
    return idx


def test_suggest_many_equals_suggest_with_ties_and_chunks(monkeypatch):
    monkeypatch.setattr(C, "SUGGEST_CHUNK", 7)
    rng = random.Random(11)

    def word(alphabet: str, n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, n)))

    # Short keys over a small alphabet, with repeats: many equal best scores.
    idx = _index([word("abc", 5) for _ in range(60)] + ["abc", "abc", "cab"])
    surfaces = [word("abcd", 6) for _ in range(300)] + ["", "・・", "ー", "アイ", "abc", "ABC"]
    want = [idx.suggest(s) for s in surfaces]
    assert idx.suggest_many(surfaces) == want
    assert sum(e is not None for e, _, _ in want) > 10  # some pass SUGGEST_MIN_SCORE
    # The first of equal best keys, as extractOne: "abc" is key 60 and 61 here.
    assert idx.suggest_many(["abc"])[0][0] == idx.ids[idx.keys.index("abc")]


def test_suggest_many_on_an_empty_index_and_no_surfaces():
    idx = _index([])
    assert idx.suggest_many(["アイ", "x", ""]) == [idx.suggest(s) for s in ["アイ", "x", ""]]
    assert _index(["a"]).suggest_many([]) == []


def test_suggest_many_on_a_glossary(glossary):
    surfaces = ["アルトマーン", "Altmann", "マイクロソフド", "ブルーベリー", "オープンエーアイ", "ｻﾑ", "!!", ""]
    assert glossary.suggest_many(surfaces) == [glossary.suggest(s) for s in surfaces]
