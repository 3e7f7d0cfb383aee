"""The real-text yardstick: a stratified sample of livedoor, hand annotations pointing into it.

The annotation files (tests/golden/realtext/) hold document ids and offsets into the corpus, never
its text: the news corpus forbids derivatives. Subcommands:

    sample   write tests/golden/realtext/sample.tsv: 34 documents per category (seeded), each
             with its split (dev/test, alternating within a category) and the sha256 of its text,
             so a changed corpus is noticed instead of silently misaligning the offsets
    show     print documents of the sample with line numbers, for annotating them
    expand   turn the annotators' lists (surface, label, canonical, which occurrences) into
             offsets: tests/golden/realtext/entities.tsv (doc_id, start, end, surface, label, canonical)

    .venv/bin/python bench/realtext.py show livedoor/peachy-6601231
    .venv/bin/python bench/realtext.py show --batch e1 --from 0 --count 10
    .venv/bin/python bench/realtext.py expand
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"
GOLDEN = ROOT / "tests" / "golden" / "realtext"
SAMPLE = GOLDEN / "sample.tsv"
ENTITIES = GOLDEN / "entities.tsv"
PER_CATEGORY = 34
SEED = 20261205
LABELS = ("PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT")


def load_corpus(path: Path = CORPUS) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t",
                                   quoting=csv.QUOTE_NONE))


def write_tsv(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for r in rows:
            fh.write("\t".join("" if v is None else str(v) for v in r) + "\n")


def cmd_sample(args: argparse.Namespace) -> None:
    docs = load_corpus()
    by_cat: dict[str, list[str]] = defaultdict(list)
    for doc_id, d in docs.items():
        by_cat[d["source"].split(":", 1)[1]].append(doc_id)
    rng = random.Random(SEED)
    rows = []
    for cat in sorted(by_cat):
        chosen = rng.sample(sorted(by_cat[cat]), PER_CATEGORY)
        for i, doc_id in enumerate(chosen):
            # Batches for the annotators: e1/e2 split each category in two halves; n marks the
            # first 17 per category, annotated for numbers too.
            rows.append([doc_id, cat, "dev" if i % 2 == 0 else "test", "e1" if i < 17 else "e2",
                         "n" if i < 17 else "", len(docs[doc_id]["text"]), sha256(docs[doc_id]["text"])])
    GOLDEN.mkdir(parents=True, exist_ok=True)
    write_tsv(SAMPLE, ["doc_id", "category", "split", "batch", "numbers", "n_chars", "sha256"], rows)
    print(f"{len(rows)} documents -> {SAMPLE.relative_to(ROOT)}")


def sample_rows() -> list[dict]:
    return read_tsv(SAMPLE)


def cmd_show(args: argparse.Namespace) -> None:
    docs = load_corpus()
    ids = list(args.doc_ids)
    if args.batch:
        ids += [r["doc_id"] for r in sample_rows() if r["batch"] == args.batch]
    ids = ids[args.start: args.start + args.count] if args.count else ids[args.start:]
    for doc_id in ids:
        d = docs[doc_id]
        print(f"=== {doc_id}  ({d['source']}; title: {d['title']})")
        for n, line in enumerate(d["text"].split("\n"), 1):
            if line.strip():
                print(f"{n:3d}| {line}")
        print()


def occurrences(text: str, surface: str) -> list[int]:
    starts, i = [], text.find(surface)
    while i >= 0:
        starts.append(i)
        i = text.find(surface, i + 1)
    return starts


def expand_doc(text: str, items: list[dict], where: str) -> tuple[list[tuple], list[str]]:
    """Spans for one document's annotation list. `occurrences` is `*` (every occurrence that is
    not inside a longer annotated span) or 1-based indices among the surface's occurrences."""
    problems: list[str] = []
    explicit: list[tuple] = []
    star: list[dict] = []
    for it in items:
        starts = occurrences(text, it["surface"])
        if not starts:
            problems.append(f"{where}: surface not in the text: {it['surface']!r}")
            continue
        occ = (it.get("occurrences") or "*").strip()
        if occ == "*":
            star.append(it)
            continue
        for k in occ.split(","):
            k = int(k)
            if not 1 <= k <= len(starts):
                problems.append(f"{where}: {it['surface']!r} has {len(starts)} occurrences, not {k}")
                continue
            explicit.append((starts[k - 1], starts[k - 1] + len(it["surface"]), it))
    spans = list(explicit)
    # Longer surfaces first, so a short name inside a longer annotated name is not counted twice.
    for it in sorted(star, key=lambda it: -len(it["surface"])):
        for s in occurrences(text, it["surface"]):
            e = s + len(it["surface"])
            if any(a <= s and e <= b and (a, b) != (s, e) for a, b, _ in spans):
                continue
            if any(a < e and s < b for a, b, _ in spans):
                if not any((a, b) == (s, e) for a, b, _ in spans):
                    problems.append(f"{where}: {it['surface']!r} at {s} overlaps another span")
                continue
            spans.append((s, e, it))
    spans.sort(key=lambda x: (x[0], x[1]))
    for (a1, b1, i1), (a2, b2, i2) in zip(spans, spans[1:]):
        if a2 < b1:
            problems.append(f"{where}: overlapping spans {i1['surface']!r} and {i2['surface']!r}")
    return spans, problems


def cmd_expand(args: argparse.Namespace) -> None:
    docs = load_corpus()
    sample = {r["doc_id"]: r for r in sample_rows()}
    items: dict[str, list[dict]] = defaultdict(list)
    problems: list[str] = []
    for path in sorted((GOLDEN / "annotations").glob("*.tsv")):
        for n, row in enumerate(read_tsv(path), 2):
            where = f"{path.relative_to(ROOT)}:{n}"
            if row["doc_id"] not in sample:
                problems.append(f"{where}: {row['doc_id']} is not in the sample")
            elif row["label"] not in LABELS:
                problems.append(f"{where}: unknown label {row['label']!r}")
            else:
                row["where"] = where
                items[row["doc_id"]].append(row)
    out = []
    for doc_id, its in items.items():
        text = docs[doc_id]["text"]
        if sha256(text) != sample[doc_id]["sha256"]:
            problems.append(f"{doc_id}: the corpus text changed since the sample was drawn")
            continue
        spans, p = expand_doc(text, its, doc_id)
        problems += p
        out += [[doc_id, s, e, text[s:e], it["label"], it.get("canonical") or ""] for s, e, it in spans]
    out.sort(key=lambda r: (r[0], r[1]))
    write_tsv(ENTITIES, ["doc_id", "start", "end", "surface", "label", "canonical"], out)
    done = {r[0] for r in out}
    print(f"{len(out)} spans in {len(done)} documents -> {ENTITIES.relative_to(ROOT)}")
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if problems:
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("sample").set_defaults(fn=cmd_sample)
    s = sub.add_parser("show")
    s.add_argument("doc_ids", nargs="*")
    s.add_argument("--batch", help="every document of an annotation batch (e1, e2)")
    s.add_argument("--from", dest="start", type=int, default=0)
    s.add_argument("--count", type=int, default=0)
    s.set_defaults(fn=cmd_show)
    sub.add_parser("expand").set_defaults(fn=cmd_expand)
    args = p.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
