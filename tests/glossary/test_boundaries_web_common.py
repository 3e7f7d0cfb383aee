"""Compound names (a long katakana name running into more katakana), no matches inside URLs and
addresses, fuzzy linking that leaves common words alone, and name-like unknown-name candidates."""

from __future__ import annotations

import pytest

from glossary import Glossary
from normalizers import NormalizeConfig, Normalizer

from .conftest import BASE, write_glossary

EXTRA = """\
  - id: stargate
    label: PRODUCT
    canonical: Stargate
    canonical_ja: スターゲート
    variants:
      - text: スターゲート
        compound: true
        context:
          doc_any: [openai]
  - id: softbank
    label: ORG
    canonical: SoftBank
    canonical_ja: ソフトバンク
    variants: [ソフトバンク]
  - id: windows
    label: PRODUCT
    canonical: Windows
    canonical_ja: Windows
    variants: [Windows, ウィンドウズ]
  - id: iphone
    label: PRODUCT
    canonical: iPhone
    canonical_ja: iPhone
    variants: [iPhone]
  - id: amazon
    label: ORG
    canonical: Amazon
    canonical_ja: アマゾン
    variants:
      - Amazon
      - text: Amazon.co.jp
        replace: Amazon.co.jp
"""


@pytest.fixture
def g(tmp_path):
    d = write_glossary(tmp_path / "g", BASE + EXTRA)
    (d / "common_words.txt").write_text("# test\nウィンドウ  # window\nコメント\nモデル\n", encoding="utf-8")
    return Glossary.load(d)


def spans(g, text, **kw):
    return [(text[m.start : m.end], m.entity_id) for m in g.find(text, **kw)]


def test_long_org_name_matches_before_more_katakana(g):
    assert spans(g, "ソフトバンクグループとマイクロソフトオフィス") == [("ソフトバンク", "softbank"), ("マイクロソフト", "microsoft")]


def test_short_names_people_and_mistranslations_keep_the_boundary(g):
    doc = "OpenAIとマイクロソフト。"
    for text in ["メタボ対策", "アルトマンズ・ホテル", "ウルトラマンサーガ"]:
        got = spans(g, doc + text)
        assert got == [("OpenAI", "openai"), ("マイクロソフト", "microsoft")], text


def test_compound_flag_lets_a_short_context_variant_run_on(g):
    text = "OpenAIのスターゲートプロジェクト"
    ms = g.find(text, surface="ja")
    assert [(text[m.start : m.end], m.replacement) for m in ms][1] == ("スターゲート", "スターゲート")


@pytest.mark.parametrize("surface", ["en", "ja", "keep"])
def test_stargate_project_keeps_its_word_and_is_idempotent(g, surface):
    n = Normalizer(g, NormalizeConfig(surface=surface))
    doc = n.normalize("openaiは「stargateプロジェクト」と「スターゲートプロジェクト」を進める。")
    assert doc.text.count("プロジェクト") == 2
    again = n.normalize(doc.text)
    assert again.text == doc.text
    assert [(m.start, m.end, m.entity_id) for m in again.mentions] == [(m.start, m.end, m.entity_id) for m in doc.mentions]


def test_no_match_inside_urls_addresses_domains(g):
    text = "参考: https://openai.com/index/x と info@openai.com、microsoft.com/ja-jp、jp.openai.net.tw。OpenAIは発表した。"
    assert spans(g, text) == [("OpenAI", "openai")]


def test_a_domain_that_is_a_name_as_a_whole_still_matches(g):
    text = "販売元:Amazon.co.jp、OpenAI"
    assert spans(g, text) == [("Amazon.co.jp", "amazon"), ("OpenAI", "openai")]
    assert g.find(text)[0].replacement == "Amazon.co.jp"


def test_fuzzy_leaves_common_words_and_model_numbers_alone(g):
    doc = "Windowsとマイクロソフト、iPhoneの話。"
    for text in ["ウィンドウを閉じる", "ウインドウを閉じる", "iPhone4とiPhone5", "Windows7が動く", "https://www.microsfot.com/"]:
        assert [m for m in g.find(doc + text) if m.method == "fuzzy"] == [], text
    # real misspellings still link
    got = [(m.entity_id, m.method) for m in g.find(doc + "ウィンドズとWindos 8とiPhoenとアルトマンン、OpenAI")]
    assert ("windows", "fuzzy") in got and got.count(("iphone", "fuzzy")) == 1 and ("sam_altman", "fuzzy") in got


def test_candidates_are_name_like(g):
    text = "コメントやモデルが多い。ジョン・スミス氏、ブルーベリー社、スミスCEO、「ニコニコ」、パイナップル、詳細はhttps://example.com/Foo"
    got = [t for _, _, t in g.candidates(text, [])]
    assert got == ["ジョン・スミス", "ブルーベリー", "スミス", "ニコニコ"]


def test_suggestions_only_when_close(g):
    assert g.suggest("コメント")[0] is None
    assert g.suggest("モデル")[0] is None
    assert g.suggest("サム・アルトマーン")[0] == "sam_altman"


def test_a_name_written_under_a_context_keeps_needing_it(g):
    """イーロン → Elon only with doc_any; the Elon it writes must not become a context-free
    mention the second time (it would support マスク's doc_any, changing the text)."""
    ents = BASE.replace(
        """      - イーロン・マスク
""",
        """      - イーロン・マスク
      - text: イーロン
        replace: Elon
        context:
          doc_any: [sam_altman]
      - text: マスク
        replace: Musk
        context:
          doc_any: [elon_musk]
""",
    )
    d = write_glossary(g.path.parent / "g2", ents)
    n = Normalizer(Glossary.load(d), NormalizeConfig(surface="en"))
    doc = n.normalize("アルトマンはマスクについて語った。「イーロンは才能がある」")
    assert n.normalize(doc.text).text == doc.text
