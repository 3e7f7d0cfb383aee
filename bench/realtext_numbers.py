"""Number mentions in the real-text yardstick: the annotators' lists to offsets.

    python3 bench/realtext_numbers.py expand
    python3 bench/realtext_numbers.py draw --batch n2 --per-category 7 --seed 20261206

`draw` appends to sample.tsv a seeded random draw per category of livedoor documents not yet in
the sample, all in the dev split, marked for numbers (`n`) in a new batch: the dev half grown blind.

reads tests/golden/realtext/annotations-numbers/*.tsv (doc_id, surface, occurrences, label, value,
value_low, value_high, value_text, unit, currency, approximate, qualifier, note), checks the labels
and fields, and writes tests/golden/realtext/numbers.tsv (doc_id, start, end, surface, label, value,
value_low, value_high, value_text, unit, currency, approximate, qualifier). Problems are printed
with file:line; the exit status is 1 when there is any. Guidelines: NUMBERS.md.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realtext import (GOLDEN, ROOT, SAMPLE, expand_doc, load_corpus, read_tsv, sample_rows,  # noqa: E402
                      sha256, write_tsv)

ANNOTATIONS = GOLDEN / "annotations-numbers"
NUMBERS = GOLDEN / "numbers.tsv"
LABELS = ("MONEY", "QUANTITY", "PERCENT", "DATE", "DURATION", "ORDINAL")
COLUMNS = ["doc_id", "surface", "occurrences", "label", "value", "value_low", "value_high", "value_text",
           "unit", "currency", "approximate", "qualifier", "note"]
OUT_COLUMNS = ["doc_id", "start", "end", "surface", "label", "value", "value_low", "value_high",
               "value_text", "unit", "currency", "approximate", "qualifier"]
CURRENCIES = {"JPY", "USD", "EUR", "CNY", "GBP", "KRW", "HKD", "AUD", "TWD"}
EMPTY_MARK = "# Annotated, no number mention:"
DATE_TEXT = re.compile(r"^(\d{3,4}(-\d\d(-\d\d)?)?|\d{4}-(SP|SU|FA|WI|H1|H2|Q[1-4])|FY\d{4}|--\d\d(-\d\d)?|---\d\d"
                       r"|\S+/\S+)$")


def _number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def check_row(row: dict) -> list[str]:
    """What is wrong with one annotation row (empty when nothing)."""
    p = []
    if row.get("label") not in LABELS:
        p.append(f"unknown label {row.get('label')!r}")
    if not row.get("surface"):
        p.append("empty surface")
    occ = (row.get("occurrences") or "").strip()
    if occ != "*" and not re.fullmatch(r"\d+(,\d+)*", occ):
        p.append(f"occurrences must be * or 1-based numbers, not {occ!r}")
    for f in ("value", "value_low", "value_high"):
        if row.get(f) and not _number(row[f]):
            p.append(f"{f} is not a number: {row[f]!r}")
    if row.get("value") and (row.get("value_low") or row.get("value_high")):
        p.append("value and value_low/value_high are exclusive")
    if row.get("value_low") and row.get("value_high") and _number(row["value_low"]) and \
            _number(row["value_high"]) and float(row["value_low"]) > float(row["value_high"]):
        p.append("value_low > value_high")
    if row.get("approximate") not in ("", "true", None):
        p.append(f"approximate is 'true' or empty, not {row['approximate']!r}")
    label = row.get("label")
    if label == "MONEY" and row.get("currency") and row["currency"] not in CURRENCIES:
        p.append(f"currency is not ISO 4217: {row['currency']!r}")
    if label == "MONEY" and row.get("unit"):
        p.append(f"a MONEY has a currency, not a unit ({row['unit']!r})")
    if label != "MONEY" and row.get("currency"):
        p.append("currency on a non-MONEY mention")
    if label == "DATE":
        if row.get("value") or row.get("value_low") or row.get("value_high"):
            p.append("a DATE has value_text only")
        if row.get("value_text") and not DATE_TEXT.match(row["value_text"]):
            p.append(f"value_text is not an ISO date: {row['value_text']!r}")
    elif not (row.get("value") or row.get("value_low") or row.get("value_high")):
        p.append(f"a {label} needs value or value_low/value_high")
    if label == "DURATION" and not row.get("unit"):
        p.append(f"a {label} needs a unit")
    return p


def cmd_expand(args: argparse.Namespace) -> None:
    docs = load_corpus()
    sample = {r["doc_id"]: r for r in sample_rows()}
    items: dict[str, list[dict]] = defaultdict(list)
    problems: list[str] = []
    empty: set[str] = set()
    for path in sorted(ANNOTATIONS.glob("*.tsv")):
        # Documents read and found without any number are listed in a comment line, so that a
        # document with no row is told apart from one not annotated yet.
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(EMPTY_MARK):
                empty.update(d.strip() for d in line[len(EMPTY_MARK):].split(",") if d.strip())
        rows = read_tsv(path)
        if rows and list(rows[0].keys()) != COLUMNS:
            problems.append(f"{path.relative_to(ROOT)}:1: header is not {' '.join(COLUMNS)}")
        for n, row in enumerate(rows, 2):
            where = f"{path.relative_to(ROOT)}:{n}"
            if None in row or any(v is None for v in row.values()):
                problems.append(f"{where}: wrong number of fields")
                continue
            if row["doc_id"] not in sample:
                problems.append(f"{where}: {row['doc_id']} is not in the sample")
                continue
            if sample[row["doc_id"]]["numbers"] != "n":
                problems.append(f"{where}: {row['doc_id']} is not marked for numbers in the sample")
            problems += [f"{where}: {m}" for m in check_row(row)]
            row["where"] = where
            items[row["doc_id"]].append(row)
    out = []
    for doc_id, its in items.items():
        text = docs[doc_id]["text"]
        if sha256(text) != sample[doc_id]["sha256"]:
            problems.append(f"{doc_id}: the corpus text changed since the sample was drawn")
            continue
        spans, p = expand_doc(text, its, doc_id)
        # expand_doc names the document; name the line too.
        for m in p:
            hit = next((it["where"] for it in its if repr(it["surface"]) in m), doc_id)
            problems.append(m.replace(doc_id, hit, 1) if hit != doc_id else m)
        out += [[doc_id, s, e, text[s:e], it["label"]] + [it[c] for c in OUT_COLUMNS[5:]] for s, e, it in spans]
    out.sort(key=lambda r: (r[0], r[1]))
    write_tsv(NUMBERS, OUT_COLUMNS, out)
    done = {r[0] for r in out}
    for d in sorted(empty):
        if d not in sample:
            problems.append(f"{d}: listed as annotated without numbers, but not in the sample")
        elif d in done:
            problems.append(f"{d}: listed as annotated without numbers, but has number rows")
    marked = sum(1 for r in sample.values() if r["numbers"] == "n")
    by_label: dict[str, int] = defaultdict(int)
    for r in out:
        by_label[r[4]] += 1
    print(f"{len(out)} number mentions in {len(done)} documents -> {NUMBERS.relative_to(ROOT)}")
    print("  " + ", ".join(f"{k} {by_label[k]}" for k in LABELS))
    print(f"  documents annotated: {len(done | empty)} of the {marked} marked for numbers "
          f"({len(empty)} without any number)")
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if problems:
        sys.exit(1)


def cmd_draw(args: argparse.Namespace) -> None:
    """Append a seeded draw of new dev documents to sample.tsv (existing rows unchanged)."""
    docs = load_corpus()
    rows = sample_rows()
    if any(r["batch"] == args.batch for r in rows):
        sys.exit(f"batch {args.batch} is already in {SAMPLE.relative_to(ROOT)}")
    taken = {r["doc_id"] for r in rows}
    by_cat: dict[str, list[str]] = defaultdict(list)
    for doc_id, d in docs.items():
        if doc_id not in taken:
            by_cat[d["source"].split(":", 1)[1]].append(doc_id)
    rng = random.Random(args.seed)
    header = list(rows[0].keys())
    new = [[r[c] for c in header] for r in rows]
    for cat in sorted(by_cat):
        for doc_id in rng.sample(sorted(by_cat[cat]), args.per_category):
            text = docs[doc_id]["text"]
            new.append([doc_id, cat, "dev", args.batch, "n", len(text), sha256(text)])
    write_tsv(SAMPLE, header, new)
    print(f"{len(new) - len(rows)} documents appended to {SAMPLE.relative_to(ROOT)} (batch {args.batch}, dev)")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("expand").set_defaults(fn=cmd_expand)
    d = sub.add_parser("draw", help="append a seeded draw of new dev documents to sample.tsv")
    d.add_argument("--batch", required=True)
    d.add_argument("--per-category", type=int, default=7)
    d.add_argument("--seed", type=int, required=True)
    d.set_defaults(fn=cmd_draw)
    args = p.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
