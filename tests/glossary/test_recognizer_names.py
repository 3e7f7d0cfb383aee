"""People the recognizer finds by their name's form (issue 17): a katakana name with ・ that
starts with a given name (foreign_name), and the family name of a person found, standing alone
later in the text (repeat). Sentences written for these tests, in normalized form."""

from __future__ import annotations

import sqlite3

import pytest

from glossary import namelists
from glossary.kana import fold_key
from glossary.recognizer import NameRecognizer, family_name

GIVEN = frozenset({"トム", "キャリー", "ドン", "アイ", "マイク"})


@pytest.fixture(scope="module")
def rec():
    return NameRecognizer(frozenset({fold_key("スピーカー")}), given_names=GIVEN)


def names(rec, text):
    return [(text[m.start : m.end], m.label, m.evidence) for m in rec.find(text, [])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("主演のトム・クルーズが来日した。", [("トム・クルーズ", "PERSON", "foreign_name")]),
        ("共演はキャリー・マリガン。", [("キャリー・マリガン", "PERSON", "foreign_name")]),
        # a title in 『』 is a work, whatever its first word
        ("『トム・ソーヤ』を読んだ。", [("トム・ソーヤ", "PRODUCT", "title_bracket")]),
        # a shop (ドン is a title), letters spelled in katakana (I-O DATA), a list of common words
        ("ドン・キホーテで買った。", []),
        ("アイ・オー・データ機器の製品", []),
        ("内蔵マイク・スピーカー、充電用ジャック", []),
        # no given name first
        ("ワイン・チーズ・パンを並べた。", []),
    ],
)
def test_a_katakana_name_that_starts_with_a_given_name(rec, text, expected):
    assert names(rec, text) == expected


def test_the_family_name_is_found_again_standing_alone(rec):
    text = "主演のトム・クルーズが来日。クルーズは語った。クルーズ船ではない。"
    assert names(rec, text) == [("トム・クルーズ", "PERSON", "foreign_name"), ("クルーズ", "PERSON", "repeat")]
    text = "ゲストは2人、二階堂ふみ（女優）。二階堂は「楽しかった」と語る。"
    assert names(rec, text) == [("二階堂ふみ", "PERSON", "role_bracket"), ("二階堂", "PERSON", "repeat")]
    text = "染谷将太（俳優）が主演。染谷の演技が光る。"
    assert names(rec, text) == [("染谷将太", "PERSON", "role_bracket"), ("染谷", "PERSON", "repeat")]


@pytest.mark.parametrize(
    "name, family",
    [("染谷将太", "染谷"), ("二階堂ふみ", "二階堂"), ("沢尻エリカ", "沢尻"), ("豊田 尚", "豊田"),
     ("トム・クルーズ", "クルーズ"), ("京川舞", ""), ("ヨリ", ""), ("山田太郎次", "")],
)
def test_family_name(name, family):
    # three kanji split either way (京川舞, 澤穂希): no guess
    assert family_name(name) == family


def test_read_given_names_from_kana_only_entries(tmp_path):
    db = sqlite3.connect(tmp_path / "ne.db")
    db.executescript(
        "CREATE TABLE NEKanji (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT);"
        "CREATE TABLE NEKana (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT, nokanji BOOLEAN);"
        "CREATE TABLE NETranslation (ID INTEGER PRIMARY KEY, idseq INTEGER);"
        "CREATE TABLE NETransType (tid INTEGER, text TEXT);"
    )
    entries = [("トム", "given", None), ("キャリー", "fem", None), ("ジョン・ケージ", "person", None),
               ("ケン", "masc", "健"),  # a kanji entry: its reading is no foreign name
               ("ロンドン", "place", None), ("ル", "given", None)]  # a place; one letter
    for idseq, (kana, kind, kanji) in enumerate(entries, 1):
        db.execute("INSERT INTO NEKana (idseq, text) VALUES (?, ?)", (idseq, kana))
        if kanji:
            db.execute("INSERT INTO NEKanji (idseq, text) VALUES (?, ?)", (idseq, kanji))
        db.execute("INSERT INTO NETranslation (ID, idseq) VALUES (?, ?)", (idseq, idseq))
        db.execute("INSERT INTO NETransType (tid, text) VALUES (?, ?)", (idseq, kind))
    db.commit()
    db.close()
    assert namelists.read_given_names(tmp_path / "ne.db") == ["キャリー", "ジョン", "トム"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an interviewee: a name, さん and an age; one kanji or hiragana, found again before さん only
        ("ちが揺れています。（さきさん／33才）", [("さき", "PERSON", "age_honorific")]),
        ("という舞さん（29歳）は語る。舞さんの話では、舞台で",
         [("舞", "PERSON", "age_honorific"), ("舞", "PERSON", "repeat")]),
        ("おじさん（60歳）が来た。", []),  # kin words are no names
        ("奥さん（40歳）と来た。", []),
    ],
)
def test_a_name_before_san_and_an_age(rec, text, expected):
    assert names(rec, text) == expected


def test_a_character_and_its_actor_make_each_other():
    rec = NameRecognizer(person_names={"中井貴一": "中井"})
    text = "内科医・栗原一止（櫻井 翔）は語る。"
    assert names(rec, text) == [("栗原一止", "PERSON", "role_dot"), ("櫻井 翔", "PERSON", "cast")]
    text = "、澤田雄一郎（中井貴一）は一流"
    assert names(rec, text) == [("澤田雄一郎", "PERSON", "cast"), ("中井貴一", "PERSON", "name_list")]
    # a note in brackets after a credited person is no actor; four kanji not listed are no name
    assert names(rec, "内科医・栗原一止（追悼上映）") == [("栗原一止", "PERSON", "role_dot")]
    assert names(rec, "内科医・栗原一止（主人公役）") == [("栗原一止", "PERSON", "role_dot")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a device named with its carrier model code: the name before the code belongs to it
        ("スマートフォン「ARROWS X F-10D」を発売", [("ARROWS X F-10D", "PRODUCT", "model_code")]),
        ("「GALAXY SII WiMAX ISW11SC」に更新", [("GALAXY SII WiMAX ISW11SC", "PRODUCT", "model_code")]),
        ("ドコモ Xperia arc SO-01C の更新", [("Xperia arc SO-01C", "PRODUCT", "model_code")]),
        ("今回は手元のISW11SCを使う。", [("ISW11SC", "PRODUCT", "model_code")]),
        # a date, a part number with more digits: no model code
        ("2012-05-10Dまで", []),
        ("品番ABC-1234X", []),
    ],
)
def test_a_device_named_with_its_model_code(rec, text, expected):
    assert names(rec, text) == expected
