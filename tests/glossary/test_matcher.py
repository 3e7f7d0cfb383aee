"""Glossary.find: leftmost-longest, boundaries, folding, context, surface modes, corrections."""

from __future__ import annotations

import pytest

from glossary import Glossary, GlossaryMatch


def spans(g: Glossary, text: str, **kw) -> list[tuple[str, str | None]]:
    return [(text[m.start : m.end], m.entity_id) for m in g.find(text, **kw)]


def test_leftmost_longest_prefers_the_whole_name(glossary):
    text = "サム・アルトマンとアルトマン氏"
    ms = glossary.find(text)
    assert [(text[m.start : m.end], m.entity_id) for m in ms] == [("サム・アルトマン", "sam_altman"), ("アルトマン", "sam_altman")]
    assert [m.replacement for m in ms] == ["Sam Altman", "Altman"]
    # the span stops before 氏
    assert text[ms[1].end] == "氏"


def test_longest_latin_phrase_wins_over_its_parts(glossary):
    assert spans(glossary, "Google AIの研究") == [("Google AI", "google_ai")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("We maintain it", []),  # `ai` never inside a word
        ("aiの進歩", [("ai", "generic_ai")]),
        ("AI企業", [("AI", "generic_ai")]),
        ("Xboxとx360", []),  # `X` never inside Xbox / x360
        ("Xに投稿", [("X", "x_corp")]),
        ("xに投稿", []),  # case_sensitive: lower-case x is not X
        ("xAIは", [("xAI", "xai")]),
        ("XAIは", [("XAI", "xai")]),  # case-insensitive by default
        ("SpaceXAIは", []),
        ("openaiのモデル", [("openai", "openai")]),
        ("reopenai", []),
    ],
)
def test_ascii_boundaries_and_case(glossary, text, expected):
    assert spans(glossary, text) == expected


def test_rejected_longer_key_does_not_hide_a_valid_shorter_one(tmp_path):
    from .conftest import write_glossary

    g = Glossary.load(
        write_glossary(
            tmp_path,
            """\
            entities:
              - id: a
                label: ORG
                canonical: Open Group
                canonical_ja: オープングループ
                variants: [open group]
              - id: b
                label: ORG
                canonical: Group Ltd
                canonical_ja: グループ社
                variants: [group ltd]
            """,
            None,
        )
    )
    # LeftmostLongest finds `open group` at 0 first; it fails the ASCII boundary (`open groupx`),
    # and the `group ltd` inside it must still be found.
    text = "open group ltd"
    assert spans(g, text) == [("open group", "a")]
    text = "reopen group ltd"
    assert spans(g, text) == [("group ltd", "b")]


@pytest.mark.parametrize(
    "text,surface",
    [
        ("デビッド・ビビアン", "デビッド・ビビアン"),  # ヴィ/ビ
        ("デヴィッドヴィヴィアン", "デヴィッドヴィヴィアン"),  # no separator
        ("デヴィッド ヴィヴィアン", "デヴィッド ヴィヴィアン"),  # space
        ("デーヴィッド・ヴィヴィアーン", "デーヴィッド・ヴィヴィアーン"),  # extra long vowels
        ("デヴイツド・ヴイヴイアン", "デヴイツド・ヴイヴイアン"),  # large kana for small
        ("サムアルトマン", "サムアルトマン"),
        ("サム＝アルトマン", "サム＝アルトマン"),
    ],
)
def test_kana_folding_matches_and_maps_offsets_back(glossary, text, surface):
    full = f"記者は{text}氏に聞いた"
    ms = glossary.find(full)
    assert len(ms) == 1
    assert full[ms[0].start : ms[0].end] == surface


def test_trailing_long_vowel_belongs_to_the_name(glossary):
    text = "コンピューターの会社"
    ms = glossary.find(text)
    assert [(text[m.start : m.end], m.confidence) for m in ms] == [("コンピューター", 0.95)]
    ms = glossary.find("コンピュータの会社")
    assert [m.confidence for m in ms] == [1.0]
    # サーバ folds to サバ: too short to accept サーバー as the same word by folding alone
    assert [m.confidence for m in glossary.find("サーバの会社")] == [1.0]
    assert glossary.find("サーバーの会社") == []


def test_short_key_does_not_match_after_folding(glossary):
    # メタ (Meta) folds onto メーター (meter) only by dropping ー: too short to trust.
    assert spans(glossary, "メーター表示") == []
    assert spans(glossary, "メタ社") == [("メタ", "meta")]


def test_katakana_boundary(glossary):
    # ウルトラマン in a longer katakana word is another word, even in an OpenAI document.
    assert [e for _, e in spans(glossary, "OpenAIとウルトラマンサーガ")] == ["openai"]
    assert spans(glossary, "メタバース") == []


def test_context_doc_any_two_pass(glossary):
    about_openai = "ウルトラマンは説明した。OpenAIは資金を調達した。"
    ms = glossary.find(about_openai)
    assert [(about_openai[m.start : m.end], m.entity_id, m.replacement, m.rule) for m in ms] == [
        ("ウルトラマン", "sam_altman", "Altman", "mt_correction"),
        ("OpenAI", "openai", "OpenAI", "glossary"),
    ]
    tv_hero = "ウルトラマンが怪獣と戦う。子どもたちに人気のヒーローだ。"
    assert spans(glossary, tv_hero) == []


def test_context_doc_any_counts_only_context_free_mentions(glossary):
    # A second ウルトラマン does not make the document about OpenAI.
    assert spans(glossary, "ウルトラマンとウルトラマン") == []


def test_context_after_and_before(glossary):
    assert spans(glossary, "マスクを着用してください") == []
    assert spans(glossary, "マスクの着用") == []
    assert spans(glossary, "マスク氏は語った") == [("マスク", "elon_musk")]
    assert spans(glossary, "テスラのマスクCEOは") == [("マスク", "elon_musk")]
    assert spans(glossary, "イーロン・マスク氏は") == [("イーロン・マスク", "elon_musk")]
    # before_any: the text right before must end with イーロン (」 is in between here)
    assert spans(glossary, "「イーロン」マスクの") == []
    assert spans(glossary, "イーロンマスクの") == [("イーロンマスク", "elon_musk")]


def test_surface_modes(glossary):
    text = "サム・アルトマンとウルトラマンとOpenAI"
    by = {s: [m.replacement for m in glossary.find(text, surface=s)] for s in ("en", "ja", "keep")}
    assert by["en"] == ["Sam Altman", "Altman", "OpenAI"]
    assert by["ja"] == ["アルトマン", "アルトマン", "オープンAI"]
    # keep: untouched but the mistranslation, which becomes canonical_ja
    assert by["keep"] == [None, "アルトマン", None]
    with pytest.raises(ValueError):
        glossary.find(text, surface="fr")


def test_corrections_apply_in_every_mode(glossary):
    text = "語形変化aiとthe infomationの記事"
    for surface, first in (("en", "Inflection AI"), ("keep", "Inflection AI"), ("ja", "インフレクションAI")):
        ms = glossary.find(text, surface=surface)
        assert [(text[m.start : m.end], m.rule) for m in ms] == [("語形変化ai", "mt_correction"), ("the infomation", "mt_correction")]
        assert ms[0].replacement == first and ms[0].entity_id == "inflection_ai"
        assert ms[1].replacement == "The Information" and ms[1].entity_id is None


def test_regex_variant_with_boundaries(glossary):
    text = "GPT-4o miniとGPT-4とxGPT-4"
    assert spans(glossary, text) == [("GPT-4o mini", "gpt4o"), ("GPT-4", "gpt4o")]


def test_output_is_found_again_and_stable(glossary):
    # The replacement text links to the same entity and replaces with itself (a no-op), so a
    # second normalization pass changes nothing.
    text = "ウルトラマンとOpenAI、マスク氏"
    ms = glossary.find(text)
    out, last = [], 0
    for m in ms:
        out.append(text[last : m.start] + (m.replacement or text[m.start : m.end]))
        last = m.end
    out_text = "".join(out) + text[last:]
    assert out_text == "AltmanとOpenAI、Musk氏"
    again = glossary.find(out_text)
    assert [(m.entity_id, m.replacement) for m in again] == [("sam_altman", "Altman"), ("openai", "OpenAI"), ("elon_musk", "Musk")]
    assert all(m.replacement == out_text[m.start : m.end] for m in again)


def test_matches_are_frozen_dataclasses(glossary):
    m = glossary.find("OpenAI")[0]
    assert isinstance(m, GlossaryMatch)
    with pytest.raises(Exception):
        m.start = 3  # type: ignore[misc]


def test_version_is_a_content_hash(tmp_path):
    from .conftest import BASE, write_glossary

    a = Glossary.load(write_glossary(tmp_path / "a"))
    b = Glossary.load(write_glossary(tmp_path / "b"))
    c = Glossary.load(write_glossary(tmp_path / "c", BASE.replace("CEO of", "CEO at") + "\n# edited\n"))
    assert a.version == b.version and len(a.version) == 12
    assert c.version != a.version


def test_load_path_forms(tmp_path):
    from .conftest import write_glossary

    write_glossary(tmp_path / "proj" / "data")
    assert Glossary.load(tmp_path / "proj").version == Glossary.load(tmp_path / "proj" / "data").version
    # several entities*.yaml files in one dir
    d = tmp_path / "multi"
    write_glossary(d, "entities:\n  - {id: a, label: ORG, canonical: Aaa Corp, canonical_ja: エーエー, variants: [エーエーエー]}\n", None)
    write_glossary(d, "entities:\n  - {id: b, label: ORG, canonical: Bbb Corp, canonical_ja: ビービー, variants: [ビービービー]}\n", None, "entities_more.yaml")
    g = Glossary.load(d)
    assert [m.entity_id for m in g.find("エーエーエーとビービービー")] == ["a", "b"]
