"""Property tests of the alignment machinery and the character stage's contract invariants."""

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import Normalizer, replay
from normalizers.alignment import Alignment, RawSpans, Replacement

# Characters the rules care about, so random text exercises them often.
INTERESTING = list(
    " \u3000\u00a0\t\r\n\ufeff\x00\x85ー―‐–−-~～〜ｶﾞｲﾄﾞﾊﾟ゛゙Ａ１！？。、「」日本語テストabcXYZ0123456789.,%$¥億万兆"
)
japanese_text = st.text(alphabet=st.sampled_from(INTERESTING), max_size=60)
any_text = st.text(max_size=60)

NORMALIZER = Normalizer()


@st.composite
def stages(draw):
    """A text and a few stages of random replacements over it."""
    text = draw(st.text(alphabet="abcdef", max_size=20))
    al_text = text
    plan = []
    for _ in range(draw(st.integers(1, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, len(al_text)), max_size=6)))
        repls = []
        last = 0
        for a, b in zip(cuts[::2], cuts[1::2]):
            if a < last:
                continue
            repls.append(Replacement(a, b, draw(st.text(alphabet="XYZ", max_size=3)), draw(st.sampled_from("pqr"))))
            last = b
        plan.append(repls)
        # Simulate to know the next stage's text length.
        parts, pos = [], 0
        for r in repls:
            parts += [al_text[pos : r.start], r.new]
            pos = r.end
        parts.append(al_text[pos:])
        al_text = "".join(parts)
    return text, plan


@given(stages())
@settings(max_examples=400)
def test_composed_edits_replay_and_map(case):
    raw, plan = case
    al = Alignment(raw)
    for repls in plan:
        expected_parts, pos = [], 0
        for r in repls:
            expected_parts += [al.text[pos : r.start], r.new]
            pos = r.end
        expected_parts.append(al.text[pos:])
        al.apply(repls)
        assert al.text == "".join(expected_parts)
        assert replay(raw, al.edits) == al.text
        # Edits are sorted and disjoint on both sides.
        for a, b in zip(al.edits, al.edits[1:]):
            assert a.raw_end <= b.raw_start and a.end <= b.start
        for e in al.edits:
            assert raw[e.raw_start : e.raw_end] == e.before and al.text[e.start : e.end] == e.after
    # Text outside edits maps to identical raw text.
    for e_prev, e_next in zip([None] + al.edits, al.edits + [None]):
        s = e_prev.end if e_prev else 0
        t = e_next.start if e_next else len(al.text)
        if s < t:
            rs, rt = al.to_raw(s, t)
            assert raw[rs:rt] == al.text[s:t]


@given(st.one_of(japanese_text, any_text))
@settings(max_examples=500)
def test_normalize_invariants(raw):
    doc = NORMALIZER.normalize(raw)
    assert replay(raw, doc.edits) == doc.text
    assert NORMALIZER.normalize(doc.text).text == doc.text
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        rs, rt = doc.to_raw(s.start, s.end)
        assert (rs, rt) == (s.raw_start, s.raw_end)
        assert 0 <= rs <= rt <= len(raw)


def _aligned_spans(case, cuts):
    """The alignment of a generated case and sorted, non-overlapping spans within its text."""
    raw, plan = case
    al = Alignment(raw)
    for repls in plan:
        al.apply(repls)
    spans, pos = [], 0
    for gap, length in cuts:
        start = min(pos + gap % 4, len(al.text))
        end = min(start + length, len(al.text))
        spans.append((start, end))
        pos = end
    return al, spans


@given(stages(), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5)), max_size=8))
@settings(max_examples=300)
def test_to_raw_spans_agrees_with_to_raw(case, cuts):
    al, spans = _aligned_spans(case, cuts)
    assert al.to_raw_spans(spans) == [al.to_raw(s, e) for s, e in spans]


def test_no_op_replacement_joins_no_merged_edit():
    # A replacement that changes nothing is not an edit, even where it falls inside the span of
    # a merge (it neither widens it nor adds its rule).
    al = Alignment("abcdef")
    al.apply([Replacement(1, 3, "XY", "p")])
    al.apply([Replacement(0, 2, "Q", "q"), Replacement(2, 4, "Yd", "r")])
    assert al.text == "QYdef"
    assert [tuple(e) for e in al.edits] == [(0, 3, 0, 2, "p+q", "abc", "QY")]
    assert al.to_raw(0, 5) == (0, 6) and al.to_raw(2, 3) == (3, 4)


@given(stages(), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5)), max_size=8), st.booleans())
@settings(max_examples=300)
def test_raw_spans_sweep_agrees_with_a_fresh_sweep_per_span(case, cuts, by_character):
    # `RawSpans` keeps its edit pointers (and the current edits' bounds and offsets) from one
    # span to the next: each span must map as it does from a sweep that starts at it.
    al, spans = _aligned_spans(case, cuts)
    sweep = RawSpans(al, by_character)
    assert [sweep.span(s, e) for s, e in spans] == [RawSpans(al, by_character).span(s, e) for s, e in spans]
    if not by_character:
        assert [RawSpans(al).span(s, e) for s, e in spans] == [al.to_raw(s, e) for s, e in spans]
