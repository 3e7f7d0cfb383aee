"""Contract sections 5 and 7 (issue 18): a name is tagged and rewritten whole or not at all. A
glossary name that is one part of a longer katakana name joined by ・ or = is neither."""

from __future__ import annotations

import pytest

from normalizers import Normalizer

NORMALIZER = Normalizer.from_glossary()


def _linked(text: str) -> tuple[str, list[tuple[str, str]]]:
    doc = NORMALIZER.normalize(text)
    return doc.text, [(m.surface, m.entity_id) for m in doc.mentions if m.entity_id]


@pytest.mark.parametrize("raw", [
    "ロベルト・ミラノ氏が来日した。",      # a person, not Milan
    "エロン・マスク氏が語った。",          # never エロン・Musk (an unknown first name)
    "マイケル・ジョーダンの靴",            # a person, not the country Jordan
])
def test_a_part_of_a_dotted_name_is_neither_tagged_nor_rewritten(raw):
    text, linked = _linked(raw)
    assert text == raw and linked == []


def test_a_whole_dotted_name_and_a_list_of_names_still_are():
    assert _linked("イーロン・マスク氏") == ("Elon Musk氏", [("Elon Musk", "elon_musk")])
    text, linked = _linked("アップル・マイクロソフト・グーグル")
    assert text == "Apple・Microsoft・Google"
    assert [eid for _, eid in linked] == ["apple", "microsoft", "google"]


def test_a_kanji_name_next_to_a_dotted_katakana_name_is_a_list_item():
    # was: 米国・サンフランシスコ -> 米国・San Francisco -> (second pass) United States・San Francisco
    for raw in ("米国・サンフランシスコにて", "韓国・香港・台湾・シンガポールで"):
        once = NORMALIZER.normalize(raw).text
        assert NORMALIZER.normalize(once).text == once
