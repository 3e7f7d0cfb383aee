"""`Glossary.find` returns GlossaryMatch objects like the ones its constructor builds, frozen and
hashable (they were once built unfrozen and retyped; now by the constructor, which this keeps)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import Glossary
from glossary.matcher import GlossaryMatch

_GLOSSARY = Glossary.load(None)  # the shipped one: exact and fuzzy matches of every kind
_PIECES = ["マイクロソフト", "マイクロソフド", "グーグル", "OpenAI", "オープンAI", "アップル", "エヌビディア", "テネシー州",
           "メンフィス", "NVIDIA", "H100", "Microsoft", "Googel", "の", "と", "は", "。", " ", "\n", "a", "x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), st.sampled_from(["en", "ja", "keep"]))
def test_found_matches_are_plain_glossary_matches(text, surface):
    for m in _GLOSSARY.find(text, surface=surface):
        assert type(m) is GlossaryMatch
        fields = dataclasses.astuple(m)
        built = GlossaryMatch(*fields)
        assert m == built and hash(m) == hash(built) and repr(m) == repr(built)
        with pytest.raises(dataclasses.FrozenInstanceError):
            m.start = 0  # type: ignore[misc]


def test_fuzzy_matches_are_built_the_same_way():
    found = _GLOSSARY.find("マイクロソフトの発表。マイクロソフドは", surface="en")
    assert any(m.method == "fuzzy" for m in found)  # (else the test above never saw one)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), st.sampled_from(["en", "ja", "keep"]))
def test_without_replacement_is_dataclasses_replace(text, surface):
    """`rewrite_policy` drops a rewrite with `GlossaryMatch.without_replacement` (one constructor
    call) instead of `dataclasses.replace`: the same match, replacement None."""
    for m in _GLOSSARY.find(text, surface=surface):
        kept = m.without_replacement()
        assert type(kept) is GlossaryMatch and kept == dataclasses.replace(m, replacement=None)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), st.sampled_from(["ORG", "PRODUCT", None]))
def test_with_label_is_dataclasses_replace(text, label):
    """`NameSpans` relabels a service with `GlossaryMatch.with_label`: the same as `dataclasses.replace`."""
    for m in _GLOSSARY.find(text):
        relabeled = m.with_label(label)
        assert type(relabeled) is GlossaryMatch and relabeled == dataclasses.replace(m, label=label)
