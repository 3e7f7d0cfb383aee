"""Recall and precision of the shipped glossary on the five hand-annotated seed articles.

The annotation (tests/golden/glossary/seed_mentions.tsv) was made by reading the seeds' raw text,
independently of the matcher: every PERSON / ORG / PRODUCT / LOCATION / EVENT mention, the name only
(not 氏, CEO, 社), raw offsets. See tests/golden/glossary/README.md for the decisions taken.

The seeds live in ../shared/seeds (beside the work tree, never copied into it); the test skips
when they are not there. Run with `-s` to see the table:

    .venv/bin/pytest -q -s tests/glossary/test_seed_annotation.py
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "glossary" / "seed_mentions.tsv"
SEEDS = ROOT.parent / "shared" / "seeds"
ENTITY_LABELS = ("PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT")

# Floors: a little below what the matcher reached when the annotation was made (see README.md).
# Raise them when the glossary or matcher gets better; never lower them to make a change pass.
# Measured (835 scored mentions): precision 1.000 everywhere but ORG 0.996 (two hits inside URLs),
# recall 1.000 everywhere. LOCATION has 16 mentions and EVENT 1, so their floors allow one miss.
PRECISION_FLOOR = {"PERSON": 0.98, "ORG": 0.98, "PRODUCT": 0.97, "LOCATION": 0.93, "EVENT": 0.5, "ALL": 0.98}
RECALL_FLOOR = {"PERSON": 0.98, "ORG": 0.98, "PRODUCT": 0.97, "LOCATION": 0.93, "EVENT": 0.5, "ALL": 0.98}


def _gold() -> dict[str, set[tuple[int, int, str, str]]]:
    gold: dict[str, set[tuple[int, int, str, str]]] = defaultdict(set)
    with GOLDEN.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            gold[row["seed"]].add((int(row["raw_start"]), int(row["raw_end"]), row["entity_id"], row["label"]))
    return gold


def _seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


pytestmark = pytest.mark.skipif(not _seed_files(), reason=f"seed articles not found in {SEEDS}")


@pytest.fixture(scope="module")
def normalizer():
    from normalizers import Normalizer

    return Normalizer.from_glossary()


@pytest.fixture(scope="module")
def predictions(normalizer):
    """seed name -> (raw text, NormalizedDocument)."""
    return {p.name: (p.read_text(encoding="utf-8"), normalizer.normalize(p.read_text(encoding="utf-8"))) for p in _seed_files()}


def test_golden_file_is_consistent():
    """Every annotated span slices to its surface in the raw seed and names a glossary entity."""
    import yaml

    entities = yaml.safe_load((ROOT / "glossary" / "data" / "entities.yaml").read_text(encoding="utf-8"))["entities"]
    labels = {e["id"]: e["label"] for e in entities}
    seeds = {p.name: p.read_text(encoding="utf-8") for p in _seed_files()}
    with GOLDEN.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows
    for row in rows:
        raw = seeds[row["seed"]]
        assert raw[int(row["raw_start"]) : int(row["raw_end"])] == row["raw_surface"], row
        assert row["label"] in ENTITY_LABELS, row
        assert labels.get(row["entity_id"]) == row["label"], row


def test_mention_invariants(predictions):
    for name, (raw, doc) in predictions.items():
        assert doc.raw == raw
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.surface, (name, m)
            assert raw[m.raw_start : m.raw_end] == m.raw_surface, (name, m)
            if m.label in ENTITY_LABELS:  # a recognized name (method pattern) links no entity
                assert m.method == "pattern" or m.entity_id, (name, m)


def _score(predictions):
    gold = _gold()
    tp: dict[str, int] = defaultdict(int)
    n_pred: dict[str, int] = defaultdict(int)
    n_gold: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    spurious: list[str] = []
    removed = 0
    for name, (raw, doc) in predictions.items():
        pred = {(m.raw_start, m.raw_end, m.entity_id, m.label) for m in doc.mentions if m.label in ENTITY_LABELS}
        # Mentions inside text the normalizer deletes (debris: the shop-advert block of seed 000)
        # cannot be found in the output; they are counted apart, not as misses.
        deleted = [(e.raw_start, e.raw_end) for e in doc.edits if not e.after.strip()]
        g = set()
        for s, e, eid, label in gold.get(name, set()):
            if any(a <= s and e <= b for a, b in deleted):
                removed += 1
            else:
                g.add((s, e, eid, label))
        for s, e, eid, label in pred:
            n_pred[label] += 1
            if (s, e, eid, label) in g:
                tp[label] += 1
            else:
                spurious.append(f"{name[:3]} {s}-{e} {raw[s:e]!r} {label} {eid}")
        for s, e, eid, label in g:
            n_gold[label] += 1
            if (s, e, eid, label) not in pred:
                misses.append(f"{name[:3]} {s}-{e} {raw[s:e]!r} {label} {eid}")
    table = {}
    for label in (*ENTITY_LABELS, "ALL"):
        if label == "ALL":
            t, p, g_ = sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())
        else:
            t, p, g_ = tp[label], n_pred[label], n_gold[label]
        table[label] = (t, p, g_, t / p if p else 1.0, t / g_ if g_ else 1.0)
    return table, sorted(misses), sorted(spurious), removed


def test_precision_and_recall_per_label(predictions):
    table, misses, spurious, removed = _score(predictions)
    print(f"\n{removed} annotated mentions lie in text the normalizer removes (debris); not scored")
    print("label       gold  pred    tp  precision  recall")
    for label, (t, p, g, prec, rec) in table.items():
        print(f"{label:9s} {g:6d} {p:5d} {t:5d}  {prec:9.3f}  {rec:6.3f}")
    if misses:
        print(f"missed ({len(misses)}):\n  " + "\n  ".join(misses))
    if spurious:
        print(f"spurious ({len(spurious)}):\n  " + "\n  ".join(spurious))
    for label, (t, p, g, prec, rec) in table.items():
        assert prec >= PRECISION_FLOOR[label], f"{label} precision {prec:.3f} < {PRECISION_FLOOR[label]}"
        assert rec >= RECALL_FLOOR[label], f"{label} recall {rec:.3f} < {RECALL_FLOOR[label]}"
