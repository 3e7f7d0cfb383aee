"""The shipped glossary's issue 17 growth: names the dev half of the real-text sample missed, and
the short forms that stay unlinked without their context. Sentences written for these tests."""

from __future__ import annotations

import pytest

from normalizers import Normalizer

NORMALIZER = Normalizer.from_glossary(None)


def linked(text: str) -> list[tuple[str, str]]:
    return [(m.raw_surface, m.entity_id) for m in NORMALIZER.normalize(text).mentions if m.entity_id]


@pytest.mark.parametrize("text, expected", [
    ("東北各地で復興が進む。", [("東北", "tohoku")]),
    ("幕張メッセで開幕した。", [("幕張メッセ", "makuhari_messe")]),
    ("ドコモの「Xi」（クロッシィ）対応機", [("ドコモ", "ntt_docomo"), ("Xi", "docomo_xi"), ("クロッシィ", "docomo_xi")]),
    ("アンドロイド端末を買った。", [("アンドロイド", "android")]),
    ("読売巨人軍の原監督", [("巨人軍", "yomiuri_giants")]),
    ("プロ野球の巨人が勝った。", [("巨人", "yomiuri_giants")]),
    ("なでしこジャパンの澤穂希。澤は語った。",
     [("なでしこジャパン", "nadeshiko_japan"), ("澤穂希", "homare_sawa"), ("澤", "homare_sawa")]),
    ("オランド大統領が就任した。", [("オランド", "francois_hollande")]),
    ("ノキアの新機種", [("ノキア", "nokia")]),
    ("ブラウンの電気シェーバー", [("ブラウン", "braun")]),
])
def test_names_the_dev_half_missed_are_linked(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize("text", [
    "巨人の肩に乗る。",  # a giant
    "人間そっくりのアンドロイドが話題に。",  # a humanoid robot
    "お弁当とタンブラーを持ち歩く。",  # a tumbler
    "ジャニーズ風のイケメン",  # a look, not the agency
    "ヴェルディのオペラを聴いた。",  # the composer
    "澤さんが来た。",  # a surname, no footballer named
    "オランドという名前",  # a name without the office: not linked to Hollande
    "ICSとは何か。",  # no Android named
    "ブラウン神父の事件簿",  # a surname: no shaver named
])
def test_short_forms_stay_unlinked_without_their_context(text):
    assert linked(text) == []
