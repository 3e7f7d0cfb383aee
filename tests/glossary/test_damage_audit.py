"""Issue 18's damage audit as a golden test: the edits of the audited documents, derived again from
the corpus read in place, against the reviewers' verdicts (tests/golden/normalizers/damage/)."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAMAGE = ROOT / "tests" / "golden" / "normalizers" / "damage"
ROUNDS = sorted(DAMAGE.glob("review-*.tsv"), key=lambda p: int(p.stem.split("-")[1]))


def _audit():
    """bench/damage_audit.py (not a package: loaded from its path)."""
    spec = importlib.util.spec_from_file_location("bench_damage_audit", ROOT / "bench" / "damage_audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _verdicts(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return {r["key"]: r for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


@pytest.fixture(scope="module")
def fresh() -> dict[str, str]:
    audit = _audit()
    rows = audit.derived_edits(audit.corpus_documents())
    return {audit.clean_cell(r["key"]): r["rule"] for r in rows}


def test_the_rounds_are_well_formed():
    assert [p.name for p in ROUNDS] == [f"review-{i}.tsv" for i in range(len(ROUNDS))] and len(ROUNDS) >= 3
    for path in ROUNDS:
        rows = _verdicts(path)
        assert len(rows) >= 500, path.name
        assert {r["verdict"] for r in rows.values()} <= {"ok", "worse", "meaning", "deleted"}, path.name
        assert all(r["why"].strip() for r in rows.values()), path.name


def test_no_edit_judged_meaning_or_deleted_comes_back(fresh):
    back = [(p.name, k, r["why"]) for p in ROUNDS for k, r in _verdicts(p).items()
            if r["verdict"] in ("meaning", "deleted") and k in fresh]
    assert back == []


def test_the_current_round_judges_nothing_meaning_or_deleted():
    assert [k for k, r in _verdicts(ROUNDS[-1]).items() if r["verdict"] in ("meaning", "deleted")] == []


def test_every_reviewed_edit_of_the_current_round_is_still_there(fresh):
    """A kept edit whose key changed (moved, another replacement, gone) needs a new review."""
    gone = [k for k in _verdicts(ROUNDS[-1]) if k not in fresh]
    assert gone == [], f"{len(gone)} reviewed edits changed: review them again (damage/README.md)"


def test_every_rewrite_has_a_verdict(fresh):
    audit = _audit()
    current = _verdicts(ROUNDS[-1])
    unreviewed = [k for k, rule in fresh.items() if audit.is_rewrite(rule) and k not in current]
    assert unreviewed == [], f"{len(unreviewed)} rewrites without a verdict (damage/README.md)"
