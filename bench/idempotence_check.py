"""Idempotence on real text (issue 15, item 7): which documents change on a second pass?

    .venv/bin/python bench/idempotence_check.py                 # livedoor, aozora, the seeds
    .venv/bin/python bench/idempotence_check.py --limit 500     # the first 500 of each input
    .venv/bin/python bench/idempotence_check.py --corpus ../shared/corpus/livedoor.jsonl.gz

Normalizes every document with `Normalizer.from_glossary()`, normalizes the output again, and
lists the documents whose text changes: input, index, id, and the first place where the two
texts differ (before / after, with some context either side). A document whose normalization
raises is listed as an error, not a crash. Prints per input: documents, changed, errors.
Exit code 1 when any document changes or fails. Nothing is written: the news corpus forbids
derivatives, so only short contexts are printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _corpus import add_input_arguments, load_input  # noqa: E402

from normalizers import Normalizer  # noqa: E402

CONTEXT = 30  # characters shown either side of the first difference


def first_difference(a: str, b: str) -> tuple[int, str, str]:
    """(offset, context in a, context in b) around the first place a and b differ: the common
    prefix and suffix are trimmed so the contexts show the change itself."""
    start = 0
    n = min(len(a), len(b))
    while start < n and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    lo = max(0, start - CONTEXT)
    return start, a[lo : end_a + CONTEXT], b[lo : end_b + CONTEXT]


def check_input(normalizer: Normalizer, name: str, docs: list[dict], show: int) -> tuple[int, int]:
    """(changed, errors) over one input's documents; prints each changed one (up to `show`)."""
    changed = errors = 0
    for i, d in enumerate(docs):
        label = f"{name}[{i}] id={d.get('id')}"
        try:
            once = normalizer.normalize(d["text"]).text
            twice = normalizer.normalize(once).text
        except Exception as exc:  # a failing document is reported, and the check goes on
            errors += 1
            print(f"ERROR {label}: {type(exc).__name__}: {exc}")
            continue
        if twice == once:
            continue
        changed += 1
        if changed <= show:
            at, before, after = first_difference(once, twice)
            print(f"CHANGED {label} at {at}:\n  1st: {before!r}\n  2nd: {after!r}")
    return changed, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(ap)
    ap.add_argument("--show", type=int, default=50, help="changed documents printed per input")
    args = ap.parse_args()

    normalizer = Normalizer.from_glossary(args.glossary)
    totals = []
    for p in map(Path, args.corpus):
        docs = load_input(p, args.limit)
        t0 = time.perf_counter()
        changed, errors = check_input(normalizer, p.name, docs, args.show)
        totals.append((p.name, len(docs), changed, errors, time.perf_counter() - t0))
    print(f"glossary version {normalizer.glossary_version}")
    for name, n, changed, errors, secs in totals:
        print(f"{name}: {n:,} documents, {changed:,} change on a second pass, {errors:,} errors ({secs:.0f} s)")
    return 1 if any(c or e for _, _, c, e, _ in totals) else 0


if __name__ == "__main__":
    sys.exit(main())
