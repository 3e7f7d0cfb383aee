"""The romaji index (glossary.candidates.RomajiIndex): pykakasi's Hepburn through its public API
(`kakasi().convert`), each non-ASCII text converted once per index, ASCII taken as its own
romaji (equal to pykakasi's); and the batched nearest-entity search (suggest_many), which must
give exactly what the per-surface `suggest` gives."""

from __future__ import annotations

import random
from unittest import mock

import pykakasi
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import candidates as C
from glossary.candidates import RomajiIndex

HIRAGANA = [chr(c) for c in range(ord("\N{HIRAGANA LETTER SMALL A}"), ord("\N{HIRAGANA LETTER SMALL KE}") + 1)]
KATAKANA = [chr(c) for c in range(ord("\N{KATAKANA LETTER SMALL A}"), ord("\N{KATAKANA MIDDLE DOT}") + 1)]
PROLONGED = "\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}"
KANA = HIRAGANA + KATAKANA + [PROLONGED]
ASCII = [chr(c) for c in range(0x20, 0x7F)]

_KKS = pykakasi.kakasi()


def pykakasi_romaji(s: str) -> str:
    """pykakasi's Hepburn, lower-case, letters and digits only."""
    return C._NON_ALNUM.sub("", "".join(p["hepburn"] for p in _KKS.convert(s)).lower())


def test_known_spellings(glossary):
    # Including pykakasi's odd ones: っ before another script stays "tsu", a leading ー is
    # nothing, ー repeats the letter before it, ・ and ヷ go.
    idx = RomajiIndex(glossary)
    assert idx.romaji("サム・アルトマン") == "samuarutoman"
    assert idx.romaji("ッか") == "tsuka" and idx.romaji("っか") == "kka"
    assert idx.romaji("ーア") == "a" and idx.romaji("カー") == "kaa" and idx.romaji("ンー") == "nn"
    assert idx.romaji("ジャン=ポールAIー") == "janpooruaii"
    assert idx.romaji("ヷ") == ""


def test_every_printable_ascii_character_alone_and_next_to_kana(glossary):
    idx = RomajiIndex(glossary)
    texts = ASCII + [a + b for a in ASCII for b in ("ア", "あ", PROLONGED)] + [b + a for a in ASCII for b in ("ア", "あ")]
    assert [s for s in texts if idx.romaji(s) != pykakasi_romaji(s)] == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ASCII), max_size=24))
def test_ascii_is_its_own_romaji_as_pykakasi_says(s):
    assert _index([]).romaji(s) == pykakasi_romaji(s)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(KANA + ["=", "A", "1", " ", "東", "京"]), min_size=1, max_size=16).map("".join))
def test_romaji_is_pykakasis(s):
    assert _index([]).romaji(s) == pykakasi_romaji(s)


def test_each_text_is_converted_once_per_index():
    idx = _index([])
    with mock.patch.object(RomajiIndex, "_pykakasi_romaji", autospec=True, side_effect=RomajiIndex._pykakasi_romaji) as conv:
        first = [idx.romaji(s) for s in ["なでら", "なでら", "孫正義", "Nadella", "なでら"]]
    assert first == ["nadera", "nadera", pykakasi_romaji("孫正義"), "nadella", "nadera"]
    assert [c.args[1] for c in conv.call_args_list] == ["なでら", "孫正義"]  # ASCII never goes to pykakasi


def test_the_cache_is_bounded():
    idx = RomajiIndex.__new__(RomajiIndex)
    RomajiIndex.__init__(idx, mock.Mock(entities={}), cache_size=3)
    for s in ["ア", "イ", "ウ", "エ", "オ"]:
        idx.romaji(s)
    assert 0 < len(idx._romaji_of) <= 3 and idx.romaji("オ") == "o"


def test_index_romaji_uses_pykakasi_for_the_rest(glossary):
    idx = RomajiIndex(glossary)
    voiced = "\N{COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK}"
    for s in ["孫正義", "ｻﾑ", "オープンAI", "サム・アルトマン", f"ア{voiced}イ"]:
        assert idx.romaji(s) == pykakasi_romaji(s), s
    assert idx.romaji("Sam Altman!") == "samaltman"


# -- suggest_many ------------------------------------------------------------------------------


def _index(keys: list[str]) -> RomajiIndex:
    idx = RomajiIndex(mock.Mock(entities={}))
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
