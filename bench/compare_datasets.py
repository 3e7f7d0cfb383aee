"""Did a change to flows/ change what a run writes? Compare two OUT folders dataset by dataset.

    .venv/bin/python bench/compare_datasets.py OUT_BEFORE OUT_AFTER

For each dataset of contract section 4 (documents, sentences, mentions, edits, candidates) it
reads every part file of both folders (polars, `OUT/<dataset>/*.parquet`), checks that the
schemas are equal (names, types, order) and that the key-value metadata of the part files agrees
(`tadasu.*` keys), then sorts the rows of each side by every column that can be sorted (all but
the nested `sentences.entities`; rows equal in those are equal or compared in their read order)
and compares them row for row (nulls equal to nulls, floats exactly). It also compares run.json's
counts (documents by status and reason, mentions by label, edits by rule, rows per dataset,
candidates, checks), leaving out what differs between any two runs (seconds, throughput, the
output path, the code hash). Prints one line per dataset and the first differing rows; exit 0
when everything is equal, 1 otherwise. Not a test: the net for "faster, same output" on real
data (issue 21), beside `bench/output_digest.py` (the normalizer's side).
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

DATASETS = ("documents", "sentences", "mentions", "edits", "candidates")
# run.json fields that differ between two runs of the same input by nature
RUN_VOLATILE = ("seconds", "throughput", "out", "code_hash", "checks", "task_runner", "workers", "shards")


def read(out: Path, name: str) -> tuple[pl.DataFrame, object, set[tuple[bytes, bytes]]]:
    files = sorted(glob.glob(str(out / name / "*.parquet")))
    if not files:
        raise SystemExit(f"{out / name}: no part files")
    schema = pq.read_schema(files[0])
    meta = set()
    for f in files:
        md = pq.read_schema(f).metadata or {}
        meta |= {(k, v) for k, v in md.items() if k.startswith(b"tadasu.")}
    return pl.read_parquet(files), schema.remove_metadata(), meta


def sortable(df: pl.DataFrame) -> list[str]:
    return [c for c, t in df.schema.items() if not isinstance(t, (pl.List, pl.Struct))]


def compare_dataset(a_out: Path, b_out: Path, name: str, show: int) -> bool:
    a, a_schema, a_meta = read(a_out, name)
    b, b_schema, b_meta = read(b_out, name)
    ok = True
    if not a_schema.equals(b_schema):
        print(f"  {name}: schemas differ:\n    {a_schema}\n    vs\n    {b_schema}")
        ok = False
    if a_meta != b_meta:
        print(f"  {name}: part-file metadata differs: {sorted(a_meta ^ b_meta)[:4]}")
        ok = False
    if a.height != b.height:
        print(f"  {name}: {a.height:,} rows vs {b.height:,}")
        return False
    keys = sortable(a)
    a_sorted = a.sort(keys, nulls_last=True, maintain_order=True)
    b_sorted = b.sort(keys, nulls_last=True, maintain_order=True)
    if not a_sorted.equals(b_sorted, null_equal=True):
        differ = a_sorted.with_row_index("_row").filter(
            pl.any_horizontal(*[
                ~pl.col(c).eq_missing(b_sorted[c]) for c in a.columns
            ])
        )
        print(f"  {name}: {differ.height:,} of {a.height:,} sorted rows differ; first:")
        for row in differ.head(show).iter_rows(named=True):
            i = row.pop("_row")
            other = b_sorted.row(i, named=True)
            cols = [c for c in a.columns if row[c] != other[c]]
            print(f"    row {i}: " + "; ".join(f"{c}: {row[c]!r:.80} vs {other[c]!r:.80}" for c in cols))
        return False
    print(f"  {name}: equal ({a.height:,} rows, {len(a.columns)} columns)")
    return ok


def run_counts(out: Path) -> dict:
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {k: v for k, v in run.items() if k not in RUN_VOLATILE}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--show", type=int, default=5, help="differing rows to print per dataset")
    args = ap.parse_args(argv)
    ok = True
    for name in DATASETS:
        ok &= compare_dataset(args.before, args.after, name, args.show)
    a, b = run_counts(args.before), run_counts(args.after)
    if a == b:
        print("  run.json: counts equal")
    else:
        ok = False
        print("  run.json differs: " + ", ".join(k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)))
    print("EQUAL" if ok else "DIFFERENT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
