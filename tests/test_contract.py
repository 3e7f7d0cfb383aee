"""The contract's invariants (section 3) for the whole Normalizer: glossary, numbers, sentences.

Runs the shipped glossary over the seeds and over random mixtures of seed lines, so the stages
interact: character rules, glossary replacements, number tags and sentence offsets.
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizers import NormalizeConfig, Normalizer, replay

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("shared", "seeds").glob("*.txt"))
SEED_LINES = [line for p in SEEDS for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module", params=["en", "ja", "keep"])
def normalizer(request):
    return Normalizer.from_glossary(config=NormalizeConfig(surface=request.param))


def check_invariants(n: Normalizer, raw: str) -> None:
    doc = n.normalize(raw, published_at="2024-10-01")
    assert replay(raw, doc.edits) == doc.text
    for e in doc.edits:
        assert raw[e.raw_start : e.raw_end] == e.before
        assert doc.text[e.start : e.end] == e.after
        assert e.rule
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.surface, m
        assert raw[m.raw_start : m.raw_end] == m.raw_surface, m
        assert m.surface.strip() == m.surface and m.surface, m
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        assert doc.to_raw(s.start, s.end) == (s.raw_start, s.raw_end)
    # Mentions of one document never overlap.
    spans = sorted((m.start, m.end) for m in doc.mentions)
    for (_, a_end), (b_start, _) in zip(spans, spans[1:]):
        assert a_end <= b_start
    again = n.normalize(doc.text, published_at="2024-10-01")
    assert again.text == doc.text
    assert again.edits == [] or all(e.before == e.after for e in again.edits)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_invariants(normalizer, seed):
    check_invariants(normalizer, seed.read_text(encoding="utf-8"))


@given(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=6), st.sampled_from(["\n", "\r\n", " ", "", "\u3000"]))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_mixed_seed_lines(normalizer, lines, sep):
    check_invariants(normalizer, sep.join(lines))


def test_mentions_are_idempotent_on_seeds():
    """A second pass over normalized text finds the same entities at the same places."""
    n = Normalizer.from_glossary()
    for seed in SEEDS:
        doc = n.normalize(seed.read_text(encoding="utf-8"))
        again = n.normalize(doc.text)
        first = [(m.start, m.end, m.entity_id, m.label) for m in doc.mentions]
        second = [(m.start, m.end, m.entity_id, m.label) for m in again.mentions]
        assert first == second, seed.name
