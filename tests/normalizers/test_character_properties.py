"""Contract invariants of the character stage (Normalizer() without glossary), on arbitrary
Unicode, on text dense in the characters the rules care about, and on real corpus lines."""

from __future__ import annotations

import gzip
import json
import random
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizers import Normalizer, replay
from normalizers.debris import DEBRIS_RULES
from normalizers.rules import CHARACTER_RULES, LAYOUT_RULES

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
NORMALIZER = Normalizer()
RULE_NAMES = {r.name for r in CHARACTER_RULES + DEBRIS_RULES + LAYOUT_RULES}


@lru_cache(maxsize=None)
def sample_lines(n: int = 300, seed: int = 20240912) -> tuple[str, ...]:
    """`n` non-empty lines from livedoor and aozora, the same ones every run (read in place)."""
    rng = random.Random(seed)
    lines: list[str] = []
    for name in ("livedoor.jsonl.gz", "aozora.jsonl.gz"):
        with gzip.open(CORPUS / name, "rt", encoding="utf-8") as f:
            docs = [json.loads(line)["text"] for line in f]
        for text in rng.sample(docs, min(len(docs), n // 2)):
            candidates = [line for line in text.split("\n") if line.strip()]
            if candidates:
                lines.append(rng.choice(candidates)[:300])
    return tuple(lines)


# Characters the rules care about (look-alikes named so they stay visible), so random text
# exercises every rule often.
INTERESTING = list(
    " \t\r\n日本語テストカかはヽabcXYZ019.,%$¥億万兆・。、「」()|•~"
    "\N{IDEOGRAPHIC SPACE}\N{NO-BREAK SPACE}\N{ZERO WIDTH NO-BREAK SPACE}\N{NEXT LINE}\x00\x07"
    "\N{ZERO WIDTH SPACE}\N{LEFT-TO-RIGHT MARK}\N{LINE SEPARATOR}"
    "\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}\N{HORIZONTAL BAR}\N{HYPHEN}\N{EN DASH}\N{MINUS SIGN}"
    "\N{EM DASH}\N{FULLWIDTH HYPHEN-MINUS}-\N{FULLWIDTH TILDE}\N{WAVE DASH}\N{TILDE OPERATOR}"
    "\N{HALFWIDTH KATAKANA LETTER KA}\N{HALFWIDTH KATAKANA LETTER A}\N{HALFWIDTH KATAKANA VOICED SOUND MARK}"
    "\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}\N{HALFWIDTH KATAKANA-HIRAGANA PROLONGED SOUND MARK}"
    "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}\N{COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK}"
    "\N{FULLWIDTH LATIN CAPITAL LETTER A}\N{FULLWIDTH DIGIT ONE}\N{FULLWIDTH EXCLAMATION MARK}"
    "\N{FULLWIDTH YEN SIGN}\N{CIRCLED DIGIT ONE}"
)
INTERESTING_TEXT = st.text(alphabet=st.sampled_from(INTERESTING), max_size=60)
# Lines glued with the debris patterns' pieces so the whole-line rules fire too.
PIECES = st.sampled_from(
    [
        "• abmhh\n", "• 0 comments\n", "  • 0 comments", "English", "日本語", "Français", "Deutsch",
        "• 📺TV | Amazonで24.99ドル(25ドルお得!)\n", "🎃お得なセール🦃\n", "|\n", "\n", "\n\n\n", " ",
        "本文です。", "ｶﾞ", "Microsoft と OpenAI", "7 月 22 日", "1995〜2001年", "70,000 ~ 100,000",
    ]
)
PIECE_TEXT = st.lists(st.one_of(PIECES, INTERESTING_TEXT), max_size=8).map("".join)


def check_invariants(raw: str) -> None:
    doc = NORMALIZER.normalize(raw)
    text = doc.text
    # Edits replay to the output, and the output is a fixed point.
    assert replay(raw, doc.edits) == text
    assert NORMALIZER.normalize(text).text == text
    # Edits: sorted, disjoint, named after known rules, and every character outside them kept.
    prev_raw = prev = 0
    for e in doc.edits:
        assert prev_raw <= e.raw_start <= e.raw_end and prev <= e.start <= e.end
        assert raw[e.raw_start : e.raw_end] == e.before and text[e.start : e.end] == e.after
        assert e.before != e.after
        assert set(e.rule.split("+")) <= RULE_NAMES, e.rule
        assert raw[prev_raw : e.raw_start] == text[prev : e.start]
        prev_raw, prev = e.raw_end, e.end
    assert raw[prev_raw:] == text[prev:]
    # to_raw: a span of untouched text maps to the same characters in the raw text; any span
    # maps to a raw span containing the raw text of the edits it touches.
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
        raw_start, raw_end = doc.to_raw(s.start, s.end)
        assert (raw_start, raw_end) == (s.raw_start, s.raw_end)
        assert 0 <= raw_start <= raw_end <= len(raw)
    step = max(1, len(text) // 7)
    for start in range(0, len(text), step):
        end = min(len(text), start + step)
        raw_start, raw_end = doc.to_raw(start, end)
        touched = [e for e in doc.edits if e.start < end and start < e.end]
        if not touched:
            assert raw[raw_start:raw_end] == text[start:end]
        for e in touched:
            assert raw_start <= e.raw_start and e.raw_end <= raw_end


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_arbitrary_unicode(raw):
    check_invariants(raw)


@given(INTERESTING_TEXT)
@settings(max_examples=400, deadline=None)
def test_rule_dense_text(raw):
    check_invariants(raw)


@given(PIECE_TEXT)
@settings(max_examples=300, deadline=None)
def test_debris_pieces(raw):
    check_invariants(raw)


@given(st.lists(st.sampled_from(sample_lines()), min_size=1, max_size=4), st.sampled_from(["\n", "\n\n", "\r\n", " "]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_real_corpus_lines(lines, sep):
    check_invariants(sep.join(lines))


def test_real_corpus_lines_each():
    lines = sample_lines()
    assert len(lines) > 250
    for line in lines:
        check_invariants(line)


def test_does_the_rules_change_real_lines():
    # The sample is not all clean: the invariants above are exercised on real edits.
    changed = sum(1 for line in sample_lines() if NORMALIZER.normalize(line).edits)
    assert changed > 50
