"""`KeySearch.find` (the keys searched as UTF-16 code units) gives `KeySearch.reference`'s hits
(the keys searched as str): on texts made to hold hits across two characters' code units, beyond
the BMP, with lone surrogates, and on livedoor documents folded as `find` folds them."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from glossary import Glossary
from glossary.kana import fold_fast
from glossary.keysearch import KeySearch

# `x` is 78 00 in UTF-16-LE: inside the units of U+7801 U+4E00 (01 78 00 4E) at an odd offset;
# `一` (U+4E00, 00 4E) inside those of `N` U+4E4E... (4E 00 4E 4E).
KEYS = ["x", "xy", "一", "一二", "N", "ab", "アイ", "アイウ", "東京", "東京都", "\U00020000", "𠀋x"]
ALPHABET = "xyNab\u7801\u4e00\u4e8c\u4e4eアイウ東京都\U00020000𠀋 \n"


def _chars(found: tuple[list[tuple[int, int, int]], int]) -> list[tuple[int, int, int]]:
    hits, width = found
    return [(ki, s // width, e // width) for ki, s, e in hits]


@pytest.mark.parametrize("dfa", [True, False])
def test_find_is_reference_on_generated_texts(dfa):
    search = KeySearch(KEYS, dfa)
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24)))
        assert _chars(search.find(text)) == search.reference(text), text


def test_a_hit_across_code_units_falls_back():
    search = KeySearch(["x", "一"], True)
    text = "\u7801\u4e00"  # 01 78 00 4E: `x` at byte 1
    assert [s for _, s, _ in search._units.find_matches_as_indexes(text.encode("utf-16-le"))] == [1]
    assert _chars(search.find(text)) == search.reference(text) == [(1, 1, 2)]
    assert search.find("N\u4e4e") == ([], 1)  # `一` at byte 1: no hit, but the search is the reference's


def test_beyond_the_bmp_and_lone_surrogates():
    search = KeySearch(KEYS, True)
    for text in ["\U00020000x東京", "𠀋xy", "東京\ud800都x", "\udfffアイ"]:
        assert _chars(search.find(text)) == search.reference(text), text
    assert search.find("東京\ud800都x") == ([(KEYS.index("東京"), 0, 2), (0, 4, 5)], 1)
    assert search.find("東京都x") == ([(KEYS.index("東京都"), 0, 6), (0, 6, 8)], 2)


def test_find_is_reference_on_livedoor():
    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "livedoor.jsonl.gz"
    search = Glossary.load()._ac
    assert search is not None
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for _, line in zip(range(500), lines):
            ft = fold_fast(json.loads(line)["text"]).text
            assert _chars(search.find(ft)) == search.reference(ft)
