"""The name recognizer (glossary/recognizer.py): one positive and one negative case per evidence
rule, on sentences written for these tests, and its place in the normalizer."""

from __future__ import annotations

import pytest

from glossary.kana import fold_key
from glossary.recognizer import NameRecognizer
from normalizers import NormalizeConfig, Normalizer


@pytest.fixture(scope="module")
def rec():
    return NameRecognizer(frozenset({fold_key("スマートフォン")}))  # common words come folded


def names(rec, text, taken=None):
    return [(text[m.start : m.end], m.label, m.evidence) for m in rec.find(text, taken or [])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("昨日、森川さんが来た。", ("森川", "PERSON")),
        ("会見で香坂真司選手は語った。", ("香坂真司", "PERSON")),
        ("当時の大森元首相が語った。", ("大森", "PERSON")),  # 元首相 is the title, not part of the name
        ("ロベルト・ミラノ氏によれば", ("ロベルト・ミラノ", "PERSON")),
        ("ピーター・グレンCEOは述べた", ("ピーター・グレン", "PERSON")),
        ("Tanaka Rinさんが登壇", ("Tanaka Rin", "PERSON")),
        ("株式会社ミナトラボが発表した", ("株式会社ミナトラボ", "ORG")),
        ("東海港湾銀行の支店", ("東海港湾銀行", "ORG")),
        ("北都大学の研究チーム", ("北都大学", "ORG")),
        ("アクメ社は新製品を", ("アクメ", "ORG")),
        ("テキサス州の工場", ("テキサス州", "LOCATION")),
        ("ルミナス映画祭で上映", ("ルミナス映画祭", "EVENT")),
        ("新作『月夜のカメレオン』が公開", ("月夜のカメレオン", "PRODUCT")),
        ("アプリ「ポケット家計簿」を配信", ("ポケット家計簿", "PRODUCT")),
        ("新型のZentrix Proを発売した", ("Zentrix Pro", "PRODUCT")),
        ("『春の庭』山田花子著", ("山田花子", "PERSON")),  # an author before 著 (issue 17)
    ],
)
def test_evidence_finds_the_name_only(rec, text, expected):
    assert expected in [(s, lab) for s, lab, _ in names(rec, text)]


@pytest.mark.parametrize(
    "text",
    [
        "お客さんが来た。奥さんと娘さんも。",  # family and customers are not names
        "同氏は否定した。彼氏ができた。",
        "映画監督として知られる",  # a job title before a title
        "主な仕様は次のとおり。模様替えをした。",  # 様 after one kanji is a word
        "証券アナリストは慎重だ。",  # アナ is a title, アナリスト is not
        "国立大学と私立大学の違い",
        "楽天市場で買った。関西地区での評価",  # 市場 (market) and 地区 are not places
        "撮影賞と美術賞を受賞",  # award categories are not events
        "彼は『そんなことはない、大丈夫だ』と言った。",  # a quoted sentence, not a title
        "見出しは『新工場稼働、増産へ』だった。",  # punctuation: a headline quoted, not a title
        "「今日は暑いですね」と話した。",  # 「」 without a title cue is a quote
        "USB接続とLTE通信、AC電源、P74参照",  # terms, acronyms and page numbers
        "Distributed by Warner Bros and others.",  # an English phrase
        "新しいスマートフォンさん",  # a common word (the glossary's list) before さん
        "話題の名著と共著",  # 著 after a word is no author
    ],
)
def test_no_name_without_evidence(rec, text):
    assert names(rec, text) == []


def test_alias_in_brackets_gives_both_names(rec):
    text = "新サービス「Zeta(ゼータ)」を開始"
    assert [(s, lab) for s, lab, _ in names(rec, text)] == [("Zeta", "PRODUCT"), ("ゼータ", "PRODUCT")]


def test_repeats_are_tagged_where_they_stand_alone(rec):
    text = "森川さんは語った。森川の話では、森川町とは関係ない。"
    got = names(rec, text)
    assert [(s, e) for s, _, e in got] == [("森川", "person_title"), ("森川", "repeat")]


def test_longest_name_wins_and_taken_spans_are_respected(rec):
    text = "株式会社ミナトラボ社の発表"
    assert [s for s, _, _ in names(rec, text)] == ["株式会社ミナトラボ"]
    # a glossary span over the name: the recognizer adds nothing there
    assert names(rec, "森川さんが来た", taken=[(0, 2)]) == []


def test_find_is_pure(rec):
    text = "森川さんが来た。森川は笑った。"
    first = rec.find(text, [])
    rec.find("香坂選手が来た。", [])
    assert rec.find(text, []) == first


def _glossary():
    from glossary import Glossary

    return Glossary.load(None)


def test_normalizer_tags_pattern_mentions_without_entity():
    n = Normalizer(_glossary(), NormalizeConfig(recognize_names=True))
    raw = "ＡＩ企業の森川さんは、株式会社ミナトラボの 社長です。"
    doc = n.normalize(raw)
    pattern = [m for m in doc.mentions if m.method == "pattern"]
    assert {(m.surface, m.label) for m in pattern} == {("森川", "PERSON"), ("株式会社ミナトラボ", "ORG")}
    for m in pattern:
        assert m.entity_id is None and m.canonical is None
        assert doc.text[m.start : m.end] == m.surface and raw[m.raw_start : m.raw_end] == m.raw_surface
    assert n.normalize(doc.text).text == doc.text
    # tagging only: the same text with the recognizer off
    off = Normalizer(_glossary(), NormalizeConfig(recognize_names=False))
    off_doc = off.normalize(raw)
    assert off_doc.text == doc.text and off_doc.edits == doc.edits
    assert not [m for m in off_doc.mentions if m.method == "pattern"]


def test_pattern_mentions_never_overlap_glossary_or_numbers():
    n = Normalizer(_glossary(), NormalizeConfig(recognize_names=True))
    doc = n.normalize("OpenAIのサム・アルトマン氏と森川さんは2024年に『月夜のカメレオン』を観た。")
    spans = sorted((m.start, m.end) for m in doc.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert any(m.method == "glossary" for m in doc.mentions)
    assert ("月夜のカメレオン", "PRODUCT") in {(m.surface, m.label) for m in doc.mentions if m.method == "pattern"}


def test_normalize_many_matches_normalize():
    n = Normalizer(_glossary(), NormalizeConfig(recognize_names=True))
    texts = ["森川さんが来た。", "テキサス州の北都大学で", "『月夜のカメレオン』"]
    assert [d.mentions for d in n.normalize_many(texts)] == [n.normalize(t).mentions for t in texts]


@pytest.mark.parametrize(
    "text",
    [
        "［STORY］天才指揮者として成功した男の物語。",  # a heading in capitals is a common word
        "STEP1：自分の仕事を書き出す",  # a common word numbered
        "作品の Hot! ワードを紹介",
        "Special Reportをお届けします",  # every word common
    ],
)
def test_common_english_words_alone_are_not_names(rec, text):
    assert names(rec, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Zentrixは発表した資料で", "Zentrix"),  # what a company does
        ("Quorvaの社長が来日", "Quorva"),  # its officers
        ("Brevikを買収した", "Brevik"),
        ("(C) 2010 Nordwind Pictures", "Nordwind Pictures"),  # a copyright holder (normalized text: ASCII)
        ("©Lumacore", "Lumacore"),
    ],
)
def test_latin_name_with_company_evidence_is_org(rec, text, name):
    assert (name, "ORG", "latin_org") in names(rec, text)


def test_latin_name_without_company_evidence_stays_product(rec):
    assert ("Zentrix Pro", "PRODUCT", "latin_name") in names(rec, "新型のZentrix Proは好評だ")


def test_the_recognizer_is_off_by_default():
    """Until it costs at most about a tenth of the normalizer's time (bench/recognizer_check.py
    speed; issue 17): its precision on dev (0.92 for its own names) would allow it."""
    assert Normalizer(_glossary()).recognizer is None
