"""Issue 17: a glossary hit that is part of a longer name is never the short entity's link. It
becomes the longer name's mention (unlinked, method "pattern", typed by the word that ends it)
or no mention; the text is what it was (glossary.wholenames.longer_names, run by
glossary.mentions.NameSpans, tags only).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from normalizers import NormalizeConfig, Normalizer

NORMALIZER = Normalizer.from_glossary()
NO_LONGER_NAMES = Normalizer.from_glossary()
NO_LONGER_NAMES.name_spans = None  # the glossary's mentions as the matcher gives them


def _names(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.surface, m.label, m.entity_id) for m in NORMALIZER.normalize(text).mentions if m.method != "number"]


@pytest.mark.parametrize("raw, name, label", [
    ("京都大学に進学した。", "京都大学", "ORG"),           # a place + 大学: the university
    ("日本代表が勝った。", "日本代表", "ORG"),             # a place + 代表: the team
    ("大阪東急インで会見した。", "大阪東急イン", "LOCATION"),  # a hotel named after the city
    ("新製品のiPhone 4Sを発売した。", "iPhone 4S", "PRODUCT"),  # a product + its model
    ("Intel Z77搭載のマザーボード", "Intel Z77", "PRODUCT"),  # a company + a model: the product
    ("Intel Z77 Express搭載のマザーボード", "Intel Z77 Express", "PRODUCT"),  # words of the name after the model
    ("Windows 8 Proを搭載", "Windows 8 Pro", "PRODUCT"),
    ("docomo NEXT seriesの新機種", "Docomo NEXT series", "PRODUCT"),  # a maker's line of products (its case respelled)
    ("Huawei Japanが発表した。", "Huawei Japan", "ORG"),    # a company + its country: the subsidiary
    ("KDDI株式会社が発表した。", "KDDI株式会社", "ORG"),      # the legal form belongs to the name
])
def test_a_hit_that_starts_a_longer_name_becomes_that_name(raw, name, label):
    doc = NORMALIZER.normalize(raw)
    assert doc.text == NO_LONGER_NAMES.normalize(raw).text
    names = [(m.surface, m.label, m.entity_id, m.method) for m in doc.mentions if m.method != "number"]
    assert names == [(name, label, None, "pattern")]


@pytest.mark.parametrize("raw", [
    "東京ヴェルディに移籍した。",        # a club the glossary does not know: no label to give it
    "INAC神戸が勝利した。",             # the name started before the city
    "TSUTAYA 渋谷店で販売する。",        # a branch: the shop's name starts before the district
    "日本初の試みだ。",                  # a place fused into a word (GUIDELINES.md: 日本初, 福島県民)
    "韓国式の美容法",
    "福島県民の声",
])
def test_a_hit_inside_a_longer_name_it_cannot_type_is_no_mention(raw):
    assert _names(raw) == []


@pytest.mark.parametrize("raw, kept", [
    ("NVIDIA GB200を搭載した。", ["nvidia", "nvidia_gb200"]),  # two names side by side
    ("日本メーカーの新製品", ["japan"]),                      # a place and a common noun (GUIDELINES.md)
    ("Androidアプリを公開した。", ["android"]),
    ("iPhone 3台を買った。", ["iphone"]),                     # a count, not a model
    ("Apple 1社の一人勝ち", ["apple"]),
    ("Docomo 7.8mmの新機種", ["ntt_docomo"]),                  # a size, not a model
    ("京都府と大阪府", ["kyoto_prefecture", "osaka_prefecture"]),
    ("日本政府は発表した。", ["japan"]),                       # a place and a separate noun
    ("日本流通の現状", ["japan"]),                            # 流通 is a word of its own
    ("古風ナ京都ノ舊家", ["kyoto"]),                           # a particle in katakana (old texts)
    ("これを米国百貨店が", ["united_states"]),                  # a place and a common noun ending in 店
    ("博覧会はParis 1889と書く", ["paris"]),                   # a year after a place
])
def test_a_name_of_its_own_stays_linked(raw, kept):
    assert [eid for _, _, eid in _names(raw)] == kept


def test_the_recognizer_keeps_the_longer_name():
    names = Normalizer.from_glossary(config=NormalizeConfig(recognize_names=True))
    doc = names.normalize("京都大学の田中教授が語った。")
    assert [(m.surface, m.label, m.entity_id) for m in doc.mentions] == [
        ("京都大学", "ORG", None), ("田中", "PERSON", None)]


# -- a part of a longer name is not rewritten either (issue 17, s13: contract section 7) ----------

@pytest.mark.parametrize("raw, name, label", [
    ("TOHO シネマズ梅田ほかで公開。", "TOHO シネマズ梅田", "LOCATION"),  # one cinema of the chain
    ("TOHOシネマズ日比谷で上映する。", "TOHOシネマズ日比谷", "LOCATION"),
    ("TOHOシネマズ シャンテほかで公開", "TOHOシネマズ シャンテ", "LOCATION"),
    ("98年フランスW杯の優勝国", "フランスW杯", "EVENT"),                # the place + W杯: the event
])
def test_a_rewritten_part_of_a_longer_name_is_left_as_written(raw, name, label):
    doc = NORMALIZER.normalize(raw)
    assert name in doc.text  # not `TOHO Cinemas梅田`, `France W杯`
    assert [(m.surface, m.label, m.entity_id) for m in doc.mentions if m.method != "number"] == [(name, label, None)]


@pytest.mark.parametrize("raw, kept", [
    ("映画『恋するパリ』を観た。", "恋するパリ"),                 # a title in 『』 the place does not fill
    ("『ロンドンの休日』が公開", "ロンドンの休日"),
    ("「グアム ココ ロードレース」に参加した。", "グアム ココ ロードレース"),  # the name goes on after a space
    ("会場はシネマサンシャイン池袋ほか。", "シネマサンシャイン池袋"),    # a cinema named after the district
    ("ディノスシネマズ札幌劇場で", "ディノスシネマズ札幌劇場"),
    ("書店 浜松町店で販売", "浜松町店"),                          # a shop named after a place or station
    ("TSUTAYA 関西空港店、", "関西空港店"),
    ("TSUTAYA 成田空港第1ターミナル店", "成田空港第1ターミナル店"),
])
def test_a_place_inside_a_title_or_a_shop_is_neither_tagged_nor_rewritten(raw, kept):
    doc = NORMALIZER.normalize(raw)
    assert kept in doc.text
    assert _names(raw) == []


@pytest.mark.parametrize("raw, kept", [
    ("『ロンドン』を観た。", ["london"]),                       # the title is the place's name: the matcher's
    ("『パリ、ロンドン』", ["paris", "london"]),                # a list in 『』 names the places
    ("コンシューマ関西支社長の談話", ["kansai"]),               # a katakana word, no facility
    ("グアム ハワイ ツアー", ["guam", "hawaii"]),                # two places side by side
    ("会場は TSUTAYA 渋谷", ["shibuya"]),                      # a hit that ends the text after a space
    ("ロンドン ロイヤル・プレミアが開かれた", ["london"]),       # a place, then one word: an event there
    ("パナソニック エネループ ホームページ", ["panasonic"]),    # a company before its product line
])
def test_names_of_their_own_stay_linked_near_titles_and_shops(raw, kept):
    assert [eid for _, _, eid in _names(raw)] == kept


@pytest.mark.parametrize("raw, kept", [
    ("DOCUMENTARY of AKB48 Show must go on", []),     # a capitalized word and `of`: the name goes on
    ("“Made in Japan, SAKATA”の技術", []),
    ("Cases for iPhone", ["iphone"]),                  # `for` is no part of a name (a MODEL for TOKYO MOTOR SHOW)
    ("He lives in Tokyo.", ["tokyo"]),                 # `in` after a lowercase word: a sentence
])
def test_a_capitalized_word_and_of_or_in_before_a_latin_hit(raw, kept):
    assert [eid for _, _, eid in _names(raw)] == kept
