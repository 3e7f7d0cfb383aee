"""People introduced by the words around them (glossary/name_context.py, issue 17): a role and
・, an age in brackets, a closing byline, a film's credits. Sentences written for these tests, in normalized form."""

from __future__ import annotations

import pytest

from glossary.recognizer import NameRecognizer


@pytest.fixture(scope="module")
def rec():
    return NameRecognizer()


def names(rec, text):
    return [(text[m.start : m.end], m.label, m.evidence) for m in rec.find(text, [])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("内科医・栗山一止は病院に勤める。", [("栗山一止", "PERSON", "role_dot")]),
        ("ヒロイン・ミサ・クロエを演じた。", [("ミサ・クロエ", "PERSON", "role_dot")]),
        ("酒が回った由希子(32才)がこう言った。", [("由希子", "PERSON", "age")]),
        ("サッカーの内川篤史(23歳)もけがで", [("内川篤史", "PERSON", "age")]),
        ("と思う。(オフィスミナト/佐野せつな)\n", [("オフィスミナト", "ORG", "byline"), ("佐野せつな", "PERSON", "byline")]),
        # a film's credits, to the end of the line (issue 17)
        ("監督：本間みつお\n", [("本間みつお", "PERSON", "credit_list")]),
        ("キャスト：ブレア・ライト、ダン・ハンフリー。セレナ・ヴァン\n次の行",
         [("ブレア・ライト", "PERSON", "credit_list"), ("ダン・ハンフリー", "PERSON", "credit_list"),
          ("セレナ・ヴァン", "PERSON", "credit_list")]),
        ("出演：山野太郎、鈴川花子ほか\n", [("山野太郎", "PERSON", "credit_list"), ("鈴川花子", "PERSON", "credit_list")]),
    ],
)
def test_people_introduced_by_the_words_around_them(rec, text, expected):
    assert names(rec, text) == expected


def test_a_name_found_so_is_found_again_standing_alone(rec):
    text = "内科医・栗山一止は語る。栗山一止の話では"
    assert [(s, e) for s, _, e in names(rec, text)] == [("栗山一止", "role_dot"), ("栗山一止", "repeat")]


@pytest.mark.parametrize(
    "text",
    [
        "歌手・女優として活躍する。",  # roles listed, no name
        "(声優・ナレーター)",  # roles after ・ are no name (羽田道夫 before them is: role_bracket)
        "会社員(32歳)の相談",  # a role before the age
        "長男(5歳)と出かけた。",
        "(アニメーター/アニメーション監督)\n",  # roles, not a byline
        "発売日は(10/13号)\n",  # a date
        "監督：未定です。\n",  # a clause after a credit, not a name
    ],
)
def test_roles_and_dates_are_not_people(rec, text):
    assert [n for n in names(rec, text) if n[1] == "PERSON"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # a staff list: each name followed by its role in brackets (issue 17, dev misses)
        ("野村早紀（助監督）、丹波 真（詩織役）、高瀬孝河（カメラアシスタント）。",
         [("野村早紀", "PERSON", "role_bracket"), ("丹波 真", "PERSON", "role_bracket"),
          ("高瀬孝河", "PERSON", "role_bracket")]),
        ("- 鈴木おさむ（放送作家）\n", [("鈴木おさむ", "PERSON", "role_bracket")]),
        ("- 門間雄介（編集者/ライター）\n", [("門間雄介", "PERSON", "role_bracket")]),
        ("羽田道夫(声優・ナレーター)", [("羽田道夫", "PERSON", "role_bracket")]),
        # not a role: a count, a place, a clause, a role before the role
        ("参加者（10名）が集まった。", []),
        ("本社（東京）で会見した。", []),
        ("と話したとき（主婦）", []),
        ("母親（主婦）に聞いた。", []),
    ],
)
def test_a_name_before_its_role_in_brackets(rec, text, expected):
    assert names(rec, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a kanji surname and a given name in kana after a role: the kanji alone are no whole name
        ("女優・小野ゆり子について", []),
        ("タレント・里田まいと交際中", []),
        # a particle after the kanji name: the name is whole
        ("俳優・大森南朋は語る。", [("大森南朋", "PERSON", "role_dot")]),
        ("俳優・大森南朋と共演", [("大森南朋", "PERSON", "role_dot")]),
    ],
)
def test_a_role_dot_name_is_whole(rec, text, expected):
    assert names(rec, text) == expected
