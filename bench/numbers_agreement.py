"""How far two independent annotations of the same documents' numbers agree.

    python3 bench/numbers_agreement.py                       # second annotations vs numbers.tsv
    python3 bench/numbers_agreement.py --list 400            # and the disagreements, in context

The first annotation is tests/golden/realtext/numbers.tsv (the yardstick); the second is every file in
tests/golden/realtext/second-numbers/ (same columns as annotations-numbers/*.tsv, made by another
annotator who saw neither the first annotation nor tadasu's output). Only the documents the second
annotation covers are compared. Agreement uses score_numbers' exact match (same span, label, value or
range, currency, unit, DATE value_text), so it is the ceiling a tagger can be measured against on
these documents: where the two annotators differ, at least one of them slipped or the guideline is
silent. The disagreements are what adjudication reads (blind to tadasu), NUMBERS.md in hand.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realtext  # noqa: E402
from realtext_numbers import EMPTY_MARK, LABELS, check_row  # noqa: E402
from score_numbers import NUMBERS, differences, num  # noqa: E402

SECOND = realtext.GOLDEN / "second-numbers"


def read_second(paths: list[Path]) -> tuple[dict[str, list[dict]], set[str], list[str]]:
    """Rows per document, the documents annotated as having no number, and format problems."""
    rows: dict[str, list[dict]] = defaultdict(list)
    empty: set[str] = set()
    problems: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(EMPTY_MARK):
                empty.update(d.strip() for d in line[len(EMPTY_MARK):].split(",") if d.strip())
        for n, row in enumerate(realtext.read_tsv(path), 2):
            if None in row or any(v is None for v in row.values()):
                problems.append(f"{path}:{n}: wrong number of fields")
                continue
            problems += [f"{path}:{n}: {p}" for p in check_row(row)]
            rows[row["doc_id"]].append(row)
    return rows, empty, problems


def as_mention(row: dict) -> SimpleNamespace:
    """A second-annotation row in the shape score_numbers.differences compares a tagger's mention in."""
    return SimpleNamespace(value=num(row["value"]), value_low=num(row["value_low"]),
                           value_high=num(row["value_high"]), currency=row["currency"] or None,
                           unit=row["unit"] or None, value_text=row["value_text"] or None)


def compare(first: dict[str, dict], second: dict[str, dict], per: dict, out: list, doc_id: str, text: str) -> None:
    """Count one document: `first`/`second` map (start, end) to a row."""
    for span, a in first.items():
        b = second.get(span)
        same = b is not None and b["label"] == a["label"]
        diffs = differences(a, as_mention(b)) if same else ["span/label"]
        for c in (per[a["label"]], per["ALL"]):
            c["first"] += 1
            c["same_span"] += same
            c["exact"] += not diffs
        if diffs:
            out.append((doc_id, span, text, a, b, diffs))
    for span, b in second.items():
        per[b["label"]]["second"] += 1
        per["ALL"]["second"] += 1
        if span not in first:
            if not any(s < span[1] and span[0] < e for s, e in first):
                per[b["label"]]["second_only"] += 1
                per["ALL"]["second_only"] += 1
            out.append((doc_id, span, text, None, b, ["second only"]))


def describe(row: dict | None) -> str:
    if row is None:
        return "-"
    return (f"{row['label']} {row['value']} [{row['value_low']},{row['value_high']}] {row['value_text']} "
            f"{row['unit']} {row['currency']}").replace("  ", " ")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, help=f"second annotation files (default: {SECOND}/*.tsv)")
    ap.add_argument("--list", type=int, default=0, help="print this many disagreements in context")
    args = ap.parse_args(argv)
    files = args.files or sorted(SECOND.glob("*.tsv"))
    second_rows, empty, problems = read_second(files)
    docs = realtext.load_corpus()
    first_rows: dict[str, dict] = defaultdict(dict)
    for r in realtext.read_tsv(NUMBERS):
        first_rows[r["doc_id"]][(int(r["start"]), int(r["end"]))] = r
    per = {lab: Counter() for lab in (*LABELS, "ALL")}
    out: list = []
    covered = sorted(set(second_rows) | empty)
    for doc_id in covered:
        text = docs[doc_id]["text"]
        spans, p = realtext.expand_doc(text, second_rows.get(doc_id, []), doc_id)
        problems += p
        compare(first_rows.get(doc_id, {}), {(s, e): it for s, e, it in spans}, per, out, doc_id, text)
    print(f"{len(covered)} documents annotated twice ({len(files)} files)")
    print(f"{'label':10s} {'first':>6s} {'second':>6s} {'span':>6s} {'exact':>6s} {'exact%':>7s} {'2nd only':>8s}")
    for lab, c in per.items():
        share = c["exact"] / c["first"] if c["first"] else float("nan")
        print(f"{lab:10s} {c['first']:6d} {c['second']:6d} {c['same_span']:6d} {c['exact']:6d} {share:7.3f} "
              f"{c['second_only']:8d}")
    a = per["ALL"]
    if a["first"] + a["second"]:
        print(f"exact agreement, symmetric (2·exact / (first + second)): {2 * a['exact'] / (a['first'] + a['second']):.3f}")
    for doc_id, (s, e), text, a_row, b_row, diffs in out[: args.list]:
        ctx = (text[max(0, s - 12):s] + "[" + text[s:e] + "]" + text[e:e + 12]).replace("\n", " ")
        print(f"  {doc_id}:{s} {ctx}  first {describe(a_row)}  second {describe(b_row)}  ({', '.join(diffs)})")
    for p in problems:
        print("problem:", p, file=sys.stderr)


if __name__ == "__main__":
    main()
