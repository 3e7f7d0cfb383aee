"""Fuzzy linking (close spellings, only with contextual support), unknown-name candidates,
romaji suggestions, and the fold offset map."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.kana import fold, fold_key


def fuzzy(g, text):
    return [(text[m.start : m.end], m.entity_id, m.method) for m in g.find(text) if m.method == "fuzzy"]


def test_fuzzy_links_one_kana_off_with_support(glossary):
    text = "OpenAIのアルトマンン氏とサム・アルトマは、マイクロソフの支援を受けた。マイクロソフトは否定した。"
    ms = [m for m in glossary.find(text) if m.method == "fuzzy"]
    assert [(text[m.start : m.end], m.entity_id) for m in ms] == [
        ("アルトマンン", "sam_altman"),
        ("サム・アルトマ", "sam_altman"),
        ("マイクロソフ", "microsoft"),
    ]
    # without a context-free Microsoft mention, マイクロソフ stays unlinked
    assert "microsoft" not in [e for _, e, _ in fuzzy(glossary, "OpenAIはマイクロソフの支援を受けた。")]
    assert all(0.5 < m.confidence < 1 for m in ms)
    assert [m.replacement for m in ms] == ["Altman", "Sam Altman", "Microsoft"]
    assert {m.rule for m in ms} == {"glossary_fuzzy"}
    assert glossary.find(text, fuzzy=False) == [m for m in glossary.find(text) if m.method != "fuzzy"]


def test_fuzzy_needs_a_context_free_mention(glossary):
    # No OpenAI/Microsoft/Altman mention: nothing supports the link.
    assert fuzzy(glossary, "アルトマンン氏が来日した。") == []
    # ウルトラマン is a context-only variant: not a mention that supports anything.
    assert fuzzy(glossary, "ウルトラマンとアルトマンン") == []


def test_fuzzy_is_conservative(glossary):
    doc = "OpenAIとマイクロソフトの記事。"
    for text in ["ウルトラマンが来た", "マスクを着用", "マスコの話", "アルトの声", "ウルトラマンサーガ", "アルトマンズ・ホテル"]:
        assert fuzzy(glossary, doc + text) == [], text
    # Latin: one edit, whole word, long enough
    assert fuzzy(glossary, doc + "Microsfot said") == [("Microsfot", "microsoft", "fuzzy")]
    assert fuzzy(glossary, doc + "Micro said") == []


def test_candidates_are_unknown_names_outside_taken_spans(glossary):
    text = "OpenAIのサム・アルトマン氏は、ジョン・スミス氏とFactorial FundsやiPhoneについて語った。CEOはマスク氏。"
    taken = [(m.start, m.end) for m in glossary.find(text)]
    got = [t for _, _, t in glossary.candidates(text, taken)]
    assert got == ["ジョン・スミス", "Factorial Funds", "iPhone"]
    for s, e, t in glossary.candidates(text, taken):
        assert text[s:e] == t


def test_candidates_skip_known_keys_even_when_not_taken(glossary):
    text = "OpenAIとGoogle AIとブルーベリー社"
    assert [t for _, _, t in glossary.candidates(text, [])] == ["ブルーベリー"]


def test_suggest_by_romaji(glossary):
    eid, score, romaji = glossary.suggest("アルトマーン")
    assert eid == "sam_altman" and 0.7 < score <= 1 and romaji.startswith("arut")
    eid, score, _ = glossary.suggest("Altmann")
    assert eid == "sam_altman"
    eid, score, _ = glossary.suggest("マイクロソフド")
    assert eid == "microsoft"
    # Nothing suggested: no score either (contract section 4); `nearest` still says how near.
    assert glossary.suggest("ブルーベリー")[:2] == (None, None)
    from glossary.candidates import RomajiIndex

    _, low, _ = RomajiIndex(glossary).nearest("ブルーベリー")
    assert low < score


KANA = st.text(alphabet="アイウエオカキクヴァィゥェォッーャュョ・ ・abcXYZ漢字", max_size=30)


@settings(max_examples=300, deadline=None)
@given(KANA, KANA, st.sampled_from(["デヴィッド・ヴィヴィアン", "コンピューター", "サム・アルトマン", "Open AI", "ヴァーヴ社"]))
def test_fold_maps_a_key_back_to_a_surface_that_folds_to_it(a, b, name):
    text = a + name + b
    f = fold(text)
    key = fold_key(name)
    i = f.text.find(key)
    assert i >= 0
    s, e = f.to_source(i, i + len(key))
    assert 0 <= s < e <= len(text)
    assert fold_key(text[s:e]) == key


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="オープンAIアルトマンサムウルトラマスク氏・ーopenai xaiXbox ", max_size=60))
def test_find_spans_are_sorted_disjoint_and_in_text(glossary, text):
    ms = glossary.find(text)
    last = 0
    for m in ms:
        assert last <= m.start < m.end <= len(text)
        last = m.end


def test_fold_is_identity_on_plain_text():
    text = "これは普通の文章です。漢字とひらがな。"
    assert fold(text).text == text
    rnd = random.Random(0)
    s = "".join(rnd.choice("あいうえお漢字。") for _ in range(500))
    assert fold(s).to_source(10, 20) == (10, 20)


def test_runs_remembered_across_documents_link_by_each_document_s_support(glossary, gdir, monkeypatch):
    """A run's candidates (keys one edit away, supported or not) are remembered across documents
    (`FuzzyKind.runs`); each document links only to the keys its own mentions support, as a
    fresh linker does, and forgetting the runs (MAX_RUNS) changes nothing either."""
    from glossary import Glossary
    from glossary import fuzzy as fuzzy_module

    texts = ["OpenAIはマイクロソフの支援を受けた。", "マイクロソフトはマイクロソフの支援を受けた。",
             "OpenAIはマイクロソフの支援を受けた。", "MicrosoftとMicrosfotとOpenAI。", "OpenAIとMicrosfot。"]
    got = [fuzzy(glossary, t) for t in texts]
    assert got == [[], [("マイクロソフ", "microsoft", "fuzzy")], [], [("Microsfot", "microsoft", "fuzzy")], []]
    assert glossary._fuzzy_linker.kinds[0].runs["マイクロソフ"] != []  # remembered, its key not supported in texts[2]
    assert got == [fuzzy(Glossary.load(gdir), t) for t in texts]
    monkeypatch.setattr(fuzzy_module, "MAX_RUNS", 1)
    forgetful = Glossary.load(gdir)
    assert got == [fuzzy(forgetful, t) for t in texts]
    assert len(forgetful._fuzzy_linker.kinds[1].runs) == 1


def test_forget_runs_empties_the_memo_and_changes_no_link(gdir):
    """`Glossary.forget_runs` (the benchmarks' cold start) empties every kind's memo of runs; the
    links found after it are those found before."""
    from glossary import Glossary

    g = Glossary.load(gdir)
    texts = ["マイクロソフトはマイクロソフの支援を受けた。", "MicrosoftとMicrosfotとOpenAI。"]
    before = [fuzzy(g, t) for t in texts]
    assert all(kind.runs for kind in g._fuzzy_linker.kinds)
    g.forget_runs()
    assert not any(kind.runs for kind in g._fuzzy_linker.kinds)
    assert [fuzzy(g, t) for t in texts] == before == [[("マイクロソフ", "microsoft", "fuzzy")],
                                                      [("Microsfot", "microsoft", "fuzzy")]]
