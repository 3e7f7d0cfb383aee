"""`records_fast.builder`: the named tuples built from a tuple of their fields are the objects the
constructors build, and the documents are the same as a Normalizer's that builds every Edit,
Sentence and Mention with the constructors."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import Normalizer
from normalizers.alignment import Edit, Replacement
from normalizers.document import Mention, Sentence
from normalizers.records_fast import builder

from .test_alignment_properties import INTERESTING

SEEDS = sorted((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("*.txt"))
NORMALIZER = Normalizer.from_glossary()
LABELS = {"PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT", "MONEY", "QUANTITY", "PERCENT", "DATE", "DURATION", "ORDINAL"}
PIECES = ["OpenAI", "マイクロソフト", "約5億ドル", "2024年9月", "。", "\n"]
METHODS = {"glossary", "correction", "fuzzy", "pattern", "ner", "number"}


def test_built_objects_are_the_constructors():
    samples = {
        Edit: (1, 2, 3, 4, "rule", "a", "b"),
        Sentence: (0, 5, 0, 6, "text。"),
        Replacement: (1, 2, "x", "rule"),
        Mention: tuple(range(21)),
    }
    for cls, fields in samples.items():
        built = builder(cls)(fields)
        assert type(built) is cls and built == cls(*fields) and built._asdict() == cls(*fields)._asdict()
    with pytest.raises(TypeError):
        builder(tuple)
    with pytest.raises(TypeError):
        builder(Normalizer)


def test_mention_fields_are_in_the_order_the_normalizer_builds_them():
    # Normalizer._document builds mentions from all 21 fields in this order.
    assert Mention._fields == (
        "start", "end", "raw_start", "raw_end", "surface", "raw_surface", "label", "method", "entity_id", "canonical",
        "canonical_ja", "confidence", "value", "value_low", "value_high", "value_text", "unit", "currency",
        "approximate", "qualifier", "sent_id",
    )
    assert Sentence._fields == ("start", "end", "raw_start", "raw_end", "text")
    assert Edit._fields == ("raw_start", "raw_end", "start", "end", "rule", "before", "after")


def _by_constructors():
    """The module-level builders replaced by the constructors, for as long as the block runs."""
    return mock.patch.multiple(
        "normalizers.normalizer",
        _SENTENCE_FROM_FIELDS=lambda f: Sentence(*f),
        _MENTION_FROM_FIELDS=lambda f: Mention(**dict(zip(Mention._fields, f))),
    ), mock.patch("normalizers.alignment._EDIT_FROM_FIELDS", lambda f: Edit(*f)), mock.patch(
        "normalizers.rules._REPLACEMENT_FROM_FIELDS", lambda f: Replacement(*f))


def _same_documents(text: str) -> None:
    fast = NORMALIZER.normalize(text, "2024-09-12")
    patch_normalizer, patch_alignment, patch_rules = _by_constructors()
    with patch_normalizer, patch_alignment, patch_rules:
        slow = NORMALIZER.normalize(text, "2024-09-12")
    assert (fast.edits, fast.sentences, fast.mentions) == (slow.edits, slow.sentences, slow.mentions)
    assert {type(x) for x in fast.edits + fast.sentences + fast.mentions} <= {Edit, Sentence, Mention}
    for m in fast.mentions:  # each field holds what its name says
        assert fast.text[m.start : m.end] == m.surface and text[m.raw_start : m.raw_end] == m.raw_surface
        assert m.label in LABELS and m.method in METHODS
        if m.entity_id is not None:
            entity = NORMALIZER.glossary.entities[m.entity_id]
            assert (m.canonical, m.canonical_ja, m.label) == (entity.canonical, entity.canonical_ja, entity.label)
        assert isinstance(m.confidence, float) and isinstance(m.sent_id, int)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_documents_are_the_constructors(path):
    _same_documents(path.read_text("utf-8"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(INTERESTING + PIECES), max_size=30).map("".join))
def test_random_documents_are_the_constructors(text):
    _same_documents(text)


# The rules whose replacement is a string or a `str.translate` table: `Rule.replacements` builds
# their Replacements column-wise in C (`builder`, `map` over the matches).
_TABLE_RULES = [r for r in Normalizer().rules if type(r.replace) in (str, dict)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(INTERESTING + PIECES + ["ＡＢ１", "～", "\r\n", "\n\n\n\n", " ~ 5"]), max_size=30).map("".join))
def test_rule_replacements_are_the_constructors(text):
    assert len(_TABLE_RULES) >= 8
    for rule in _TABLE_RULES:
        replace = rule.replace
        want = [Replacement(*m.span(), replace if type(replace) is str else m.group().translate(replace), rule.name)
                for m in rule.pattern.finditer(text)] if rule.may_match(text) else []
        got = rule.replacements(text)
        assert got == want and all(type(r) is Replacement for r in got), rule.name
