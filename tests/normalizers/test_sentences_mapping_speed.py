"""Guards for the speed-ups of the sentence splitter and of `Normalizer._document`."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import Normalizer
from normalizers.numbers.match import NumberMatch
from normalizers.sentences import _BOUNDARY, _WHITESPACE, split_sentences


def test_spelled_out_whitespace_is_exactly_backslash_s():
    # The boundary's opening class spells `\s` out (a table lookup instead of a category test):
    # it must be the very same set of characters, or boundaries would change.
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(f"[{_WHITESPACE}]", every) == re.findall(r"\s", every)


_SLOW_BOUNDARY = re.compile(_BOUNDARY.pattern.replace(f"[。！？．!?.{_WHITESPACE}]", r"[。！？．!?.\s]", 1))

# Terminators, brackets, spaces and line breaks of every kind, Latin and Japanese letters.
_SENTENCE_TEXT = st.text(
    alphabet=st.sampled_from(list("。！？．!?.「」『』（）()【】 \t\n\u3000\u2028\x85\xa0aZ9あア日")), max_size=80
)


@given(_SENTENCE_TEXT)
@settings(max_examples=500)
def test_boundary_splits_as_with_backslash_s(text):
    assert _SLOW_BOUNDARY.pattern != _BOUNDARY.pattern
    assert _BOUNDARY.split(text) == _SLOW_BOUNDARY.split(text)


def _Number(start, end):
    """A number at start:end (`_document` takes `NumberMatch`es: the compiled build reads their
    fields by index)."""
    return NumberMatch(start, end, "NUMBER", 1, value_text="1")


class _Entity:
    label, method, entity_id, canonical, canonical_ja, confidence = "ORG", "exact", "E1", "X", "エックス", 1.0


@st.composite
def _entities_and_numbers(draw):
    """Sorted, disjoint entity spans and sorted, disjoint number spans (which may overlap the
    entities, touch them, or be empty) over a text of 40 characters."""

    def spans():
        cuts = sorted(draw(st.lists(st.integers(0, 40), max_size=10)))
        return [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]

    return spans(), spans()


@given(_entities_and_numbers())
@settings(max_examples=300)
def test_mentions_are_sorted_entities_first_and_numbers_that_overlap_none(case):
    # `_document` merges the two sorted lists instead of sorting them: the result must be what a
    # stable sort of entities + the numbers overlapping no entity gives.
    entity_spans, number_spans = case
    text = "あ" * 40
    normalizer = Normalizer()
    alignment = normalizer._ruled(text)
    entities = [(s, e, _Entity()) for s, e in entity_spans]
    numbers = [_Number(s, e) for s, e in number_spans]
    doc = normalizer._document(alignment, entities, numbers, split_sentences(alignment.text))
    kept = [
        (n.start, n.end, "number")
        for n in numbers
        if not any(s < n.end and n.start < e for s, e in entity_spans)  # (an empty entity inside counts)
    ]
    expected = sorted([(s, e, "exact") for s, e in entity_spans] + kept, key=lambda t: t[:2])
    assert [(m.start, m.end, m.method) for m in doc.mentions] == expected
