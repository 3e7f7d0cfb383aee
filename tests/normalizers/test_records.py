"""The records a document holds (`Edit`, `Sentence`, `Mention`): the Normalizer builds them
positionally, in field order, so the field order is pinned here, and every field of every record
holds what its name says, on the seeds and on random documents. They are built by
`alignment.new_record` (`tuple.__new__`) from the tuple of their fields, never through the named
tuples' generated Python `__new__`, which costs about 3.5 times as much (bench/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import Normalizer
from normalizers.alignment import Edit, replay
from normalizers.document import Mention, Sentence

from .test_alignment_properties import INTERESTING

SEEDS = sorted((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("*.txt"))
NORMALIZER = Normalizer.from_glossary()
LABELS = {"PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT", "MONEY", "QUANTITY", "PERCENT", "DATE", "DURATION", "ORDINAL"}
PIECES = ["OpenAI", "マイクロソフト", "約5億ドル", "2024年9月", "。", "\n"]
METHODS = {"glossary", "correction", "fuzzy", "pattern", "ner", "number"}


def test_mention_fields_are_in_the_order_the_normalizer_builds_them():
    # Normalizer._document builds mentions from all 21 fields in this order.
    assert Mention._fields == (
        "start", "end", "raw_start", "raw_end", "surface", "raw_surface", "label", "method", "entity_id", "canonical",
        "canonical_ja", "confidence", "value", "value_low", "value_high", "value_text", "unit", "currency",
        "approximate", "qualifier", "sent_id",
    )
    assert Sentence._fields == ("start", "end", "raw_start", "raw_end", "text")
    assert Edit._fields == ("raw_start", "raw_end", "start", "end", "rule", "before", "after")


def test_records_are_built_without_the_named_tuples_python_new(monkeypatch):
    # Calling the class runs the named tuple's Python `__new__` (~0.42 us against ~0.12 us for
    # `tuple.__new__`, ~140,000 records per 2,000 livedoor docs): the normalizer must not.
    def refuse(cls, *args, **kwargs):
        raise AssertionError(f"{cls.__name__} built through its Python __new__")

    for cls in (Edit, Sentence, Mention):
        monkeypatch.setattr(cls, "__new__", staticmethod(refuse))
    text = "ＯｐｅｎＡＩは 7 月 22 日、約５億ドルを調達した。\nマイクロソフトも出資する。"
    doc = NORMALIZER.normalize(text)
    assert doc.edits and len(doc.sentences) == 2 and len(doc.mentions) >= 3
    assert {type(x) for x in doc.edits + doc.sentences + doc.mentions} == {Edit, Sentence, Mention}
    assert doc.sentences[1] == tuple.__new__(Sentence, (doc.sentences[1].start, doc.sentences[1].end,
        doc.sentences[1].raw_start, doc.sentences[1].raw_end, "Microsoftも出資する。"))  # fmt: skip


def _records_hold_their_fields(text: str) -> None:
    doc = NORMALIZER.normalize(text, "2024-09-12")
    assert {type(x) for x in doc.edits + doc.sentences + doc.mentions} <= {Edit, Sentence, Mention}
    assert replay(text, doc.edits) == doc.text
    for e in doc.edits:
        assert text[e.raw_start : e.raw_end] == e.before and doc.text[e.start : e.end] == e.after and e.rule
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
    for m in doc.mentions:  # each field holds what its name says
        assert doc.text[m.start : m.end] == m.surface and text[m.raw_start : m.raw_end] == m.raw_surface
        assert m.label in LABELS and m.method in METHODS
        if m.entity_id is not None:
            entity = NORMALIZER.glossary.entities[m.entity_id]
            assert (m.canonical, m.canonical_ja, m.label) == (entity.canonical, entity.canonical_ja, entity.label)
        assert isinstance(m.confidence, float) and isinstance(m.sent_id, int)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_documents_records_hold_their_fields(path):
    _records_hold_their_fields(path.read_text("utf-8"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(INTERESTING + PIECES), max_size=30).map("".join))
def test_random_documents_records_hold_their_fields(text):
    _records_hold_their_fields(text)
