"""Score tadasu's number mentions against the hand annotation of livedoor (tests/golden/realtext/numbers.tsv).

A number is exact when tadasu has a mention with the same raw span and label and the same value
(or value_low/value_high), currency, unit and date value_text. Per label and split it prints: the
annotated numbers, those found with the right span, the exact ones, and the false positives (a
tadasu number mention that overlaps no annotated number) per 100 annotated numbers; then which
field differed most often. The annotation conventions are in tests/golden/realtext/NUMBERS.md.

    .venv/bin/python bench/score_numbers.py                     # dev and test
    .venv/bin/python bench/score_numbers.py --split dev --errors 40
    .venv/bin/python bench/score_numbers.py --batch e1     # one annotation batch (e1: the first 153 docs)
    .venv/bin/python bench/score_numbers.py --split dev --hold-out n19,n20 --errors 40   # tuning: fresh batches unseen

Tune on dev only; the test half is for reporting.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realtext  # noqa: E402

NUMBERS = realtext.GOLDEN / "numbers.tsv"
ANNOTATIONS = realtext.GOLDEN / "annotations-numbers"
LABELS = ("MONEY", "QUANTITY", "PERCENT", "DATE", "DURATION", "ORDINAL")


def annotated_docs() -> set[str]:
    """Documents whose numbers were annotated: every doc of an annotation batch, including those
    listed as having no number (a comment line `# no numbers: id id ...`)."""
    done = {r["doc_id"] for r in realtext.read_tsv(NUMBERS)}
    for path in ANNOTATIONS.glob("*.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") and "livedoor/" in line:
                done |= {w.strip(",") for w in line.split() if w.startswith("livedoor/")}
    return done


def num(s: str | None) -> float | None:
    return float(s) if s not in (None, "") else None


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold()
    return s.replace("ヶ", "").replace("カ", "").replace("ケ", "").replace("か", "")


def differences(gold: dict, m) -> list[str]:
    diffs = []
    if not (close(num(gold["value"]), m.value) and close(num(gold["value_low"]), m.value_low)
            and close(num(gold["value_high"]), m.value_high)):
        diffs.append("value")
    if (gold["currency"] or None) != (m.currency or None):
        diffs.append("currency")
    # A percentage's unit is its label: `%` / `パーセント` in tadasu's `unit` is not a difference.
    unit = None if gold["label"] == "PERCENT" and fold(m.unit) in ("%", "パーセント") else m.unit
    if fold(gold["unit"]) != fold(unit):
        diffs.append("unit")
    if gold["label"] == "DATE" and (gold["value_text"] or None) != (m.value_text or None):
        diffs.append("value_text")
    return diffs


def chosen(row: dict, split: str, batch: str | None = None, hold_out: frozenset[str] = frozenset()) -> bool:
    """Whether a sample row is scored: its split, its batch when one is asked for, and not a held-out batch (the
    fresh batches a round of tuning must not see: `--hold-out n19,n20`)."""
    return row["split"] == split and (not batch or row["batch"] == batch) and row["batch"] not in hold_out


def score(split: str, normalizer, errors: list | None, batch: str | None = None,
          hold_out: frozenset[str] = frozenset()) -> dict:
    docs = realtext.load_corpus()
    sample = {r["doc_id"]: r for r in realtext.sample_rows()}
    gold: dict[str, dict] = defaultdict(dict)
    for r in realtext.read_tsv(NUMBERS):
        gold[r["doc_id"]][(int(r["start"]), int(r["end"]))] = r
    per = {lab: Counter() for lab in (*LABELS, "ALL")}
    fields = Counter()
    for doc_id in sorted(annotated_docs()):
        if not chosen(sample[doc_id], split, batch, hold_out):
            continue
        text = docs[doc_id]["text"]
        doc = normalizer.normalize(text)
        pred = {(m.raw_start, m.raw_end): m for m in doc.mentions if m.label in LABELS}
        g = gold.get(doc_id, {})
        for span, r in g.items():
            m = pred.get(span)
            found = m is not None and m.label == r["label"]
            diffs = differences(r, m) if found else ["span/label"]
            for c in (per[r["label"]], per["ALL"]):
                c["gold"] += 1
                c["found"] += found
                c["exact"] += not diffs
            fields.update(diffs)
            if errors is not None and diffs:
                got = f"{m.label} {m.value} [{m.value_low},{m.value_high}] {m.value_text} {m.unit} {m.currency}" if m else "-"
                errors.append((doc_id, span, text, f"{r['label']} {r['value']} [{r['value_low']},{r['value_high']}] "
                                                   f"{r['value_text']} {r['unit']} {r['currency']}", got, diffs))
        for span, m in pred.items():
            if not any(s < span[1] and span[0] < e for s, e in g):
                per[m.label]["false"] += 1
                per["ALL"]["false"] += 1
                if errors is not None:
                    errors.append((doc_id, span, text, "-", f"{m.label} {m.value}", ["false positive"]))
    return {"labels": per, "fields": fields}


def print_table(split: str, res: dict) -> None:
    print(f"\n== {split}")
    print(f"{'label':10s} {'gold':>6s} {'found':>6s} {'exact':>6s} {'exact%':>7s} {'false':>6s} {'fp/100':>7s}")
    for lab, c in res["labels"].items():
        share = c["exact"] / c["gold"] if c["gold"] else float("nan")
        fp100 = 100 * c["false"] / c["gold"] if c["gold"] else float("nan")
        print(f"{lab:10s} {c['gold']:6d} {c['found']:6d} {c['exact']:6d} {share:7.3f} {c['false']:6d} {fp100:7.2f}")
    print("why not exact: " + ", ".join(f"{k} {v}" for k, v in res["fields"].most_common()))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", action="append", choices=["dev", "test"], help="default: dev and test")
    ap.add_argument("--errors", type=int, default=0, help="print this many errors (dev only!)")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--batch", help="only the documents of this annotation batch (sample.tsv: e1, n2)")
    ap.add_argument("--hold-out", default="", help="leave these batches out (comma-separated: the fresh ones a round of "
                    "tuning must not see, which sample.tsv files under dev)")
    args = ap.parse_args(argv)
    from normalizers import Normalizer

    normalizer = Normalizer.from_glossary()
    report = {}
    for split in args.split or ["dev", "test"]:
        errors: list | None = [] if args.errors else None
        res = score(split, normalizer, errors, args.batch, frozenset(filter(None, args.hold_out.split(","))))
        print_table(split, res)
        for doc_id, (s, e), text, want, got, diffs in (errors or [])[: args.errors]:
            ctx = (text[max(0, s - 10):s] + "[" + text[s:e] + "]" + text[e:e + 10]).replace("\n", " ")
            print(f"  {doc_id}:{s} {ctx}  want {want}  got {got}  ({', '.join(diffs)})")
        report[split] = {lab: dict(c) for lab, c in res["labels"].items()}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
