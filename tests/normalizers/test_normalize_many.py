"""`Normalizer.normalize_many`: the same documents as `normalize`, in order, a failing document
alone rejected (errors="return") or raised (errors="raise")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import Normalizer
from normalizers.normalizer import MANY_CHUNK as _CHUNK
from normalizers.numbers import clear_cache

from .test_alignment_properties import INTERESTING
from .test_golden import load_cases, unescape

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _parts(doc):
    return doc.raw, doc.text, doc.edits, doc.sentences, doc.mentions


@pytest.fixture(scope="module")
def linked() -> Normalizer:
    return Normalizer.from_glossary()


def _golden_texts() -> list[str]:
    texts = [unescape(c.values[1]["input"]) for c in load_cases()]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) > 50
    return texts


def test_same_documents_as_normalize_across_chunks(linked):
    texts = _golden_texts()
    texts = (texts * (1 + 2 * _CHUNK // len(texts)))[: 2 * _CHUNK + 7]  # three chunks, the last short
    dates = [None, "2024-09-12", dt.date(2023, 1, 5), "not a date"] * len(texts)
    dates = dates[: len(texts)]
    expected = [_parts(linked.normalize(t, published_at=d)) for t, d in zip(texts, dates)]
    clear_cache()  # the number tagger's cache is transparent: cold or warm gives the same
    assert [_parts(doc) for doc in linked.normalize_many(texts, dates)] == expected
    assert [_parts(doc) for doc in linked.normalize_many(texts[:3])] == [
        _parts(linked.normalize(t)) for t in texts[:3]
    ]
    assert linked.normalize_many([]) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(INTERESTING + list("ウルトラマンopenaiは年月日人")), max_size=50),
                max_size=5))
def test_same_documents_as_normalize_on_random_texts(linked, texts):
    assert [_parts(d) for d in linked.normalize_many(texts)] == [_parts(linked.normalize(t)) for t in texts]


class _Failing(Normalizer):
    """Fails in the glossary stage (a later stage than the rules) on texts holding 爆発."""

    def _link_entities(self, alignment):
        if "爆発" in alignment.text:
            raise ValueError(f"boom at {alignment.text[:3]}")
        return super()._link_entities(alignment)


def test_a_failing_document_is_returned_as_its_exception_and_the_others_go_on():
    n = _Failing(Normalizer.from_glossary().glossary)
    texts = [f"文書{i}は 7 月 22 日の ｏｐｅｎａｉ の話。" for i in range(_CHUNK + 5)]
    texts[3] = "ここで爆発する。"
    texts[_CHUNK + 1] = "爆発二回目。"
    out = n.normalize_many(texts, errors="return")
    assert len(out) == len(texts)
    assert [i for i, d in enumerate(out) if isinstance(d, Exception)] == [3, _CHUNK + 1]
    assert str(out[3]) == "boom at ここで" and str(out[_CHUNK + 1]) == "boom at 爆発二"
    assert all(_parts(d) == _parts(n.normalize(t)) for d, t in zip(out, texts) if not isinstance(d, Exception))
    with pytest.raises(ValueError, match="boom at ここで"):
        n.normalize_many(texts)  # errors="raise", the default: as a loop of normalize would


def test_arguments_are_checked():
    n = Normalizer()
    with pytest.raises(ValueError, match="errors must be"):
        n.normalize_many(["a"], errors="ignore")
    with pytest.raises(ValueError, match="2 texts but 1 published_at"):
        n.normalize_many(["a", "b"], ["2024-01-01"])
