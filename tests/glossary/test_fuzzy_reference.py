"""The fuzzy linker's candidate lookup (the plan's keys indexed by their first and last two
characters, then OSA) links exactly what the run gate of 622ea17 linked (`fuzzy_reference.py`):
every `link` call compared, on generated texts full of one-edit variants and on real documents."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import Glossary

from .fuzzy_reference import reference_link

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "livedoor.jsonl.gz"


def _compared(g: Glossary) -> list[int]:
    """Makes every `link` call of g's linker compare the linker with the reference; returns a
    list that counts the calls and the links found."""
    linker = g._fuzzy_linker
    real_link = linker.link
    counts = [0, 0]

    def both(text, f, taken, doc_ids):
        got = real_link(text, f, taken, doc_ids)
        assert got == reference_link(linker, text, f, taken, set(doc_ids)), text
        counts[0] += 1
        counts[1] += len(got)
        return got

    linker.link = both
    return counts


def _one_edit(key: str, draw) -> str:
    """key with one random edit (substitution, insertion, deletion, transposition), or two."""
    chars = "アイウンマルトソフクロィッーヴ・abcdeilmnorstAM"
    s = key
    for _ in range(draw(st.integers(1, 2))):
        op = draw(st.sampled_from("sidt"))
        i = draw(st.integers(0, max(0, len(s) - 1)))
        c = draw(st.sampled_from(chars))
        if op == "s" and s:
            s = s[:i] + c + s[i + 1 :]
        elif op == "i":
            s = s[:i] + c + s[i:]
        elif op == "d" and len(s) > 1:
            s = s[:i] + s[i + 1 :]
        elif op == "t" and i + 1 < len(s):
            s = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    return s


KEYS = ["アルトマン", "サム・アルトマン", "マイクロソフト", "Microsoft", "OpenAI", "オープンAI", "デヴィッド・ヴィヴィアン",
        "ウルトラマン", "イーロン・マスク", "マスク"]
GLUE = ["", "の", "氏", " ", "・", "ー", "、", "&", "=", ".", "-", "9", "\n", "openai.com/", "ア", "x"]


@st.composite
def texts_near_keys(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        key = draw(st.sampled_from(KEYS))
        parts.append(_one_edit(key, draw) if draw(st.booleans()) else key)
        parts.append(draw(st.sampled_from(GLUE)))
    return "".join(parts)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts_near_keys())
def test_links_what_the_run_gate_linked_on_generated_texts(gdir, text):
    g = Glossary.load(gdir)
    _compared(g)
    g.find(text)


def test_links_what_the_run_gate_linked_on_generated_texts_some_link(gdir):
    """The generated texts above do link (the comparison is not of empty lists only)."""
    g = Glossary.load(gdir)
    counts = _compared(g)
    g.find("OpenAIとマイクロソフトのアルトマンン氏とサム・アルトマ、マイクロソフとMicrosfot。デヴィッド・ヴィヴィアン氏とデビッド・ビビアンン")
    assert counts[1] >= 5  # (find calls link again when a link adds an entity: 10)


@pytest.mark.skipif(not CORPUS.exists(), reason="the livedoor corpus is not there")
def test_links_what_the_run_gate_linked_on_real_documents():
    """2,000 livedoor documents with the shipped glossary: 19 links in 15 documents at 622ea17."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(2000), lines)]
    g = Glossary.load()
    counts = _compared(g)
    for text in texts:
        g.find(text)
    assert counts[0] > 1000 and counts[1] >= 19
