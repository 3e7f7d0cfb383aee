"""bench/score_numbers.py: which annotated documents a score counts (the scoring itself runs the normalizer over the
whole annotation: a benchmark, run by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import score_numbers  # noqa: E402

ROWS = [{"split": "dev", "batch": "n2"}, {"split": "dev", "batch": "n19"}, {"split": "test", "batch": "e1"}]


def test_a_split_counts_its_documents_only():
    assert [score_numbers.chosen(r, "dev") for r in ROWS] == [True, True, False]
    assert [score_numbers.chosen(r, "test") for r in ROWS] == [False, False, True]


def test_held_out_batches_are_left_out_of_their_split():
    # n19 is filed under dev in sample.tsv; a round of tuning scores dev without it.
    assert [score_numbers.chosen(r, "dev", hold_out=frozenset({"n19", "n20"})) for r in ROWS] == [True, False, False]


def test_a_batch_asked_for_is_scored_alone():
    assert [score_numbers.chosen(r, "dev", batch="n19") for r in ROWS] == [False, True, False]
