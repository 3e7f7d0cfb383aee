"""The recognizer's false hits on the dev half of the real-text sample, one class per case
(issue 17): standards and codes are not names, page furniture is not tagged, credits name
people, a spaced kanji name is one name. Sentences written for these tests, in normalized form
(ASCII brackets and colons, as the normalizer hands text to the recognizer)."""

from __future__ import annotations

import pytest

from glossary.recognizer import NameRecognizer


@pytest.fixture(scope="module")
def rec():
    return NameRecognizer()


def names(rec, text):
    return [(text[m.start : m.end], m.label) for m in rec.find(text, [])]


@pytest.mark.parametrize(
    "text",
    [
        "容量はmicroSDHCで32GBまで、防水はIPX5に対応。",  # formats and ratings
        "WiMAXとADSLの速度を比べた。",
        "AVCHD2.0規格で記録できる。",  # a standard with its version
        "BDXL対応ドライブ",
        "掟破りのSIM2枚挿しスマホ",  # capitals and a number: a code
        "入賞作はTVF2012で発表",
        "売り場は地下のB1Fです。",  # a floor
        "相談者 No.028 の悩み",
    ],
)
def test_standards_codes_and_units_are_not_names(rec, text):
    assert names(rec, text) == []


def test_a_code_with_company_evidence_is_still_an_org(rec):
    assert names(rec, "SIM2枚挿しのACME48社が発表") == [("ACME48", "ORG")]


@pytest.mark.parametrize(
    "text",
    [
        "・ミラクルマックス(Mira-MAX) \n",  # a link list line: the site's own name in its reading
        "新機種の使い方まとめ - Mira-MAX - ブログ\n",  # a page title's suffix
        "新機種の使い方まとめ - Mira-MAX\n",
    ],
)
def test_page_furniture_is_not_tagged(rec, text):
    assert names(rec, text) == []


def test_the_same_name_in_prose_is_tagged(rec):
    text = "・ミラクルマックス(Mira-MAX) \nブログメディア「Mira-MAX」でも紹介した。"
    assert [(m.start, m.label) for m in rec.find(text, [])] == [(text.rindex("Mira"), "PRODUCT")]


@pytest.mark.parametrize(
    "text, person",
    [
        ("photographs: Ken Oda/GLOVE styling:Mai Sato", "Ken Oda"),
        ("photographs: Ken Oda/GLOVE styling:Mai Sato", "Mai Sato"),
        ("model:Christo/BRAVO", "Christo"),
        ("記事執筆:Hisumo\n", "Hisumo"),
    ],
)
def test_credits_name_people(rec, text, person):
    assert (person, "PERSON") in names(rec, text)


@pytest.mark.parametrize(
    "text, person",
    [
        ("関西支社長 甘川 純一 氏は語った。", "甘川 純一"),  # 関西 is the branch, not a name
        ("著者の野島 哲也氏は、", "野島 哲也"),
    ],
)
def test_a_spaced_kanji_name_is_one_name(rec, text, person):
    assert names(rec, text) == [(person, "PERSON")]


@pytest.mark.parametrize(
    "text",
    [
        "無関係な男性諸氏でも知っている。",  # 諸氏: gentlemen
        "この山葵姐さんに相談しよう。",
        "沢村賞投手の下半身",  # an award before a title
        "取締役会長が口を出す",
        "もうバアさんだ。",
    ],
)
def test_words_before_a_title_that_are_no_names(rec, text):
    assert [n for n in names(rec, text) if n[1] == "PERSON"] == []


def test_latin_guesses_are_optional_and_evidence_is_kept():
    """Without guesses (NormalizeConfig.guess_latin_names off), a Latin name needs evidence:
    company (ORG), a credit (PERSON) or what is done with goods (発売: issue 17's latin_product)."""
    text = "新型のZentrix Proが好評だ。Quorvaは発表した。photographs: Ken Oda/GLOVE\n新型のAR.Flyerを発売した。"
    plain = NameRecognizer(latin_guesses=False)
    assert [(text[m.start : m.end], m.label, m.evidence) for m in plain.find(text, [])] == [
        ("Quorva", "ORG", "latin_org"), ("Ken Oda", "PERSON", "credit"), ("AR.Flyer", "PRODUCT", "latin_product")]
    guessing = NameRecognizer(latin_guesses=True)
    assert ("Zentrix Pro", "PRODUCT") in names(guessing, text)


def test_the_normalizer_passes_guess_latin_names_on():
    from glossary import Glossary
    from normalizers import NormalizeConfig, Normalizer

    glossary = Glossary.load(None)
    text = "新型のZentrix Proが好評だ。"
    off = Normalizer(glossary, NormalizeConfig(recognize_names=True)).normalize(text)
    on = Normalizer(glossary, NormalizeConfig(recognize_names=True, guess_latin_names=True)).normalize(text)
    assert [m.surface for m in off.mentions if m.method == "pattern"] == []
    assert [m.surface for m in on.mentions if m.method == "pattern"] == ["Zentrix Pro"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a phrase quoted in 『』, told by what follows it (issue 17, dev false hits)
        ("それをさすがに『アリ』とは思っていない。", []),
        ("メンバー表に『4番山崎』と書いてあった。", []),
        ("球団の『山崎武司退団』報道にピリピリ", []),
        ("広告には『涌井秀章「ベッドで撮られた姿」』という見出しが躍り", []),
        ("番組は『「笑わない女王」の父との絆』と題し", []),
        # titles all the same: 『…』という映画, a title holding a quote, a title and another
        ("『幸せへのキセキ』という映画。", [("幸せへのキセキ", "PRODUCT")]),
        ("『夢の扉特別編「20年後の君へ」』が答えを", [("夢の扉特別編「20年後の君へ」", "PRODUCT")]),
        ("『ヒミズ』と『ヒューゴ』を観た。", [("ヒミズ", "PRODUCT"), ("ヒューゴ", "PRODUCT")]),
        # a campaign's name is an event
        ("ショップでは『スーツコレクション』キャンペーンを開催。", [("スーツコレクション", "EVENT")]),
    ],
)
def test_a_quoted_phrase_is_no_title(rec, text, expected):
    assert names(rec, text) == expected
