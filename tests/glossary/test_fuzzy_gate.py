"""The fuzzy gate's first test (`fuzzy.may_pass_gate`, substring scans before any array): a
necessary condition of the gate's LCS test, so `find` links the same with it as without it, and a
document it turns away builds no array and calls no `cdist`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from glossary import Glossary, fuzzy

from .test_matcher_fast_paths import FRAGMENTS

KANA = "アイウトマンルソフクロビツドー"
RUNS = st.lists(st.text(alphabet=KANA + "ab", min_size=1, max_size=12), min_size=1, max_size=5)
KEYS = st.lists(st.text(alphabet=KANA + "ab", min_size=4, max_size=9), min_size=1, max_size=4)


@settings(max_examples=2_000, deadline=None)
@given(RUNS, KEYS)
def test_the_first_test_passes_wherever_the_lcs_test_does(runs, keys):
    lcs_passes = any(LCSseq.similarity(r, k) >= len(k) - 1 for r in runs for k in keys)
    if lcs_passes:
        assert fuzzy.may_pass_gate(runs, keys)


def _ungated(runs: list[str], keys: list[str]) -> bool:
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(FRAGMENTS, max_size=12))
def test_find_is_the_same_without_the_first_test(glossary, parts):
    text = "".join(parts)
    gated = glossary.find(text)
    with mock.patch.object(fuzzy, "may_pass_gate", _ungated):
        assert glossary.find(text) == gated


def test_find_is_the_same_without_the_first_test_on_real_documents():
    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "livedoor.jsonl.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(200), lines)]
    g = Glossary.load()
    gated = [g.find(t) for t in texts]
    with mock.patch.object(fuzzy, "may_pass_gate", _ungated):
        assert [g.find(t) for t in texts] == gated


def test_a_document_far_from_every_supported_key_calls_no_cdist(glossary):
    # OpenAI supports the fuzzy keys of Altman and Microsoft; the document's other katakana runs
    # lack most of their characters.
    text = "OpenAIは新サービスをリリースした。ユーザーインターフェースとデザインが話題だ。"
    calls = []

    def counting_cdist(*args, **kwargs):
        calls.append(args)
        return real_cdist(*args, **kwargs)

    real_cdist = fuzzy.cdist
    with mock.patch.object(fuzzy, "cdist", counting_cdist):
        assert [m.method for m in glossary.find(text)] == ["glossary"]
    assert calls == []


def test_a_plan_that_never_passes_the_gate_compiles_no_token_pattern(glossary):
    """The token patterns (a regex per token length) are compiled for the plans whose runs pass
    the gate only; the runs are one pattern per kind."""
    built = []

    def counting_long_tokens(latin, n):
        built.append((latin, n))
        return real_long_tokens(latin, n)

    real_long_tokens = fuzzy.long_tokens
    with mock.patch.object(fuzzy, "long_tokens", counting_long_tokens):
        glossary.find("OpenAIは新サービスをリリースした。ユーザーインターフェースとデザインが話題だ。")
        assert built == []
        text = "OpenAIのアルトマンン氏が来日した。"
        assert [(text[m.start : m.end], m.method) for m in glossary.find(text)] == [
            ("OpenAI", "glossary"), ("アルトマンン", "fuzzy")]
        assert built == [(False, 5)]
