"""Golden cases: every row of every TSV under tests/golden/normalizers/ (format in its README)."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from normalizers import Normalizer, replay

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "normalizers"
NORMALIZER = Normalizer()

# TSVs in the same folder with a format of their own, read by their own test.
OTHER_FORMATS = {"spaces.tsv"}  # tests/normalizers/test_spaces_golden.py (SPACES.md)

_ESCAPE = re.compile(r"\\(n|t|r|\\|u[0-9a-fA-F]{4}|N\{[^}]+\})")


def unescape(s: str) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e in ("n", "t", "r", "\\"):
            return {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[e]
        if e[0] == "u":
            return chr(int(e[1:], 16))
        return unicodedata.lookup(e[2:-1])

    return _ESCAPE.sub(one, s)


def load_cases() -> list:
    cases = []
    for path in sorted(GOLDEN.glob("*.tsv")):
        if path.name in OTHER_FORMATS:
            continue
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        assert rows, f"{path.name} has no cases"
        for line, row in enumerate(rows, start=2):
            assert row.get("id") and row.get("input") is not None, f"{path.name}:{line}: id and input are required"
            cases.append(pytest.param(path.stem, row, id=f"{path.stem}:{row['id']}"))
    return cases


CASES = load_cases()


def test_every_kind_is_present():
    kinds = {c.values[0] for c in CASES}
    assert {"in_the_wild", "synthetic", "must_not_change"} <= kinds
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"


@pytest.mark.parametrize("kind,row", CASES)
def test_golden_case(kind, row):
    raw = unescape(row["input"])
    expected = unescape(row["expected"]) if row.get("expected") else raw
    doc = NORMALIZER.normalize(raw)
    assert doc.text == expected
    assert replay(raw, doc.edits) == doc.text
    assert NORMALIZER.normalize(doc.text).text == doc.text
    used = {part for e in doc.edits for part in e.rule.split("+")}
    if kind == "must_not_change" or expected == raw:
        assert doc.edits == [], f"unexpected edits {doc.edits}"
    wanted = {r.strip() for r in (row.get("rules") or "").split(",") if r.strip()}
    assert wanted <= used, f"rules {sorted(wanted - used)} not among the edits' rules {sorted(used)}"
