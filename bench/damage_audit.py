"""The damage audit: did an edit make the text worse? Anyone can rerun it on a run's output.

    sample  OUT [OUT ...] --per-rule N   edits sampled per rule (every glossary / correction /
            fuzzy rewrite in the sampled documents), each with its context raw and clean side by
            side, written as a TSV for a reviewer: one row per edit, `verdict` and `why` empty
    report  VERDICTS [...]               verdict counts per rule; exit 1 if any edit is judged
            to change the meaning or delete content

Verdicts: `ok` (the clean text says the same, as well or better), `worse` (harder to read, a
phrase space lost, a native name anglicized, but the meaning holds), `meaning` (the meaning
changed: a wrong name, a word split or joined into another word, a number changed), `deleted`
(content the reader needed is gone). An edit is keyed by `doc_id:raw_start:raw_end:rule:after`,
so verdicts survive reruns of the same pipeline; the verdict files kept as golden cases
(tests/golden/normalizers/damage/) hold the keys and verdicts, not the corpus text.

    .venv/bin/tadasu run ../shared/corpus/livedoor.jsonl.gz --out /tmp/audit/livedoor
    .venv/bin/python bench/damage_audit.py sample /tmp/audit/livedoor --per-rule 40 > /tmp/audit/edits.tsv
    # review: fill verdict and why in a copy, then
    .venv/bin/python bench/damage_audit.py report /tmp/audit/edits-reviewed.tsv

    derive  [--livedoor N] [--aozora N] [--per-rule N]   the same review rows without a run: the
            first N documents of each corpus and the seeds, read in place from ../shared and
            normalized in this process (shipped glossary, default config); keys name the document
            by its place (`livedoor#12`, `seeds/000_x.txt`) instead of a run's doc_id. This is
            what tests/golden/normalizers/damage/ holds and its test re-derives.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl

from flows.report import edit_context

REWRITE_RULES = ("glossary", "correction", "fuzzy", "mt_correction")
VERDICTS = ("ok", "worse", "meaning", "deleted")
CONTEXT = 24
COLUMNS = ["key", "rule", "before", "after", "raw_context", "clean_context", "verdict", "why"]


def edit_key(row: dict) -> str:
    return f"{row['doc_id']}:{row['raw_start']}:{row['raw_end']}:{row['rule']}:{row['after']}"


def context(text: str, start: int, end: int) -> str:
    """The span in ⟦ ⟧ with CONTEXT characters each side, line breaks shown as ⏎ (the same
    contexts as the run's edits-review artifact)."""
    return edit_context(text, start, end, CONTEXT)


def load(out: str) -> tuple[pl.DataFrame, dict[str, tuple[str, str]]]:
    edits = pl.read_parquet(f"{out}/edits/*.parquet")
    docs = pl.read_parquet(f"{out}/documents/*.parquet", columns=["doc_id", "status", "raw_text", "text"])
    texts = {d["doc_id"]: (d["raw_text"], d["text"]) for d in docs.filter(pl.col("status") == "ok").iter_rows(named=True)}
    return edits, texts


def sample(outs: list[str], per_rule: int, seed: int, max_rewrites: int) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    for out in outs:
        edits, texts = load(out)
        by_rule: dict[str, list[dict]] = defaultdict(list)
        for e in edits.iter_rows(named=True):
            by_rule[e["rule"]].append(e)
        for rule, es in sorted(by_rule.items()):
            n = max_rewrites if rule in REWRITE_RULES else per_rule
            for e in rng.sample(es, min(n, len(es))):
                raw, clean = texts[e["doc_id"]]
                rows.append({
                    "key": edit_key(e), "rule": rule, "before": e["before"], "after": e["after"],
                    "raw_context": context(raw, e["raw_start"], e["raw_end"]),
                    "clean_context": context(clean, e["start"], e["end"]), "verdict": "", "why": "",
                })
    return rows


SHARED = Path(__file__).resolve().parents[2] / "shared"
# The documents the kept verdicts cover (tests/golden/normalizers/damage/README.md): cheap enough
# to normalize in a test, and they hold every glossary rewrite the audit reviewed.
DERIVE_LIMITS = {"livedoor": 400, "aozora": 20}
# And the documents where the audit of a whole run (every distinct rewrite of livedoor and aozora)
# found a rewrite that changed the meaning or made the text worse (damage/README.md).
DERIVE_EXTRA = {"livedoor": (1014, 3026, 3217, 3249, 3361, 4280, 5938, 7308, 7341), "aozora": (197, 254)}


def corpus_documents(limits: dict[str, int] | None = None, extra: dict | None = None) -> list[tuple[str, str]]:
    """(place, raw text) of the first documents of livedoor and aozora, the extra ones, every seed."""
    out = []
    extra = DERIVE_EXTRA if extra is None else extra
    for name, n in (limits or DERIVE_LIMITS).items():
        wanted = set(extra.get(name, ()))
        last = max([n - 1, *wanted])
        with gzip.open(SHARED / "corpus" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for i, line in zip(range(last + 1), fh):
                if i < n or i in wanted:
                    out.append((f"{name}#{i}", json.loads(line)["text"]))
    out += [(f"seeds/{p.name}", p.read_text(encoding="utf-8")) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    return out


def derived_edits(documents: list[tuple[str, str]]) -> list[dict]:
    """Every edit of each document normalized with the shipped glossary, as review rows."""
    from normalizers import Normalizer

    n = Normalizer.from_glossary()
    rows = []
    for place, raw in documents:
        doc = n.normalize(raw)
        for e in doc.edits:
            rows.append({
                "key": f"{place}:{e.raw_start}:{e.raw_end}:{e.rule}:{e.after}", "rule": e.rule,
                "before": e.before, "after": e.after, "raw_context": context(raw, e.raw_start, e.raw_end),
                "clean_context": context(doc.text, e.start, e.end), "verdict": "", "why": "",
            })
    return rows


def is_rewrite(rule: str) -> bool:
    return any(part in REWRITE_RULES or part.startswith("glossary") for part in rule.split("+"))


def cmd_derive(args: argparse.Namespace) -> None:
    rows = derived_edits(corpus_documents({"livedoor": args.livedoor, "aozora": args.aozora}))
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_rule[r["rule"]].append(r)
    picked = []
    for rule, rs in sorted(by_rule.items()):
        # One generator per rule: a rule that comes or goes leaves the other rules' samples alone.
        picked += rs if is_rewrite(rule) else random.Random(f"{args.seed}:{rule}").sample(rs, min(args.per_rule, len(rs)))
    _write(picked)


def _write(rows: list[dict]) -> None:
    w = sys.stdout
    w.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        w.write("\t".join(clean_cell(str(r[c])) for c in COLUMNS) + "\n")
    print(f"{len(rows)} edits", file=sys.stderr)


CELL_MAX = 400  # a deleted debris block can be kilobytes: the reviewer sees its head and its size


def clean_cell(value: str) -> str:
    value = value.replace("\t", " ").replace("\n", "⏎")
    return value if len(value) <= CELL_MAX else f"{value[:CELL_MAX]}…({len(value)} chars)"


def cmd_sample(args: argparse.Namespace) -> None:
    _write(sample(args.outs, args.per_rule, args.seed, args.max_rewrites))


def read_verdicts(paths: list[str]) -> list[dict]:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as fh:
            for n, r in enumerate(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 2):
                if r["verdict"] not in VERDICTS:
                    raise SystemExit(f"{path}:{n}: verdict {r['verdict']!r} is not one of {', '.join(VERDICTS)}")
                rows.append(r)
    return rows


def cmd_report(args: argparse.Namespace) -> None:
    rows = read_verdicts(args.verdicts)
    per_rule: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        per_rule[r["rule"]][r["verdict"]] += 1
    print(f"{'rule':24s} " + " ".join(f"{v:>8s}" for v in (*VERDICTS, "total")))
    total = Counter()
    for rule, c in sorted(per_rule.items()):
        total.update(c)
        print(f"{rule:24s} " + " ".join(f"{c[v]:8d}" for v in VERDICTS) + f" {sum(c.values()):8d}")
    print(f"{'ALL':24s} " + " ".join(f"{total[v]:8d}" for v in VERDICTS) + f" {sum(total.values()):8d}")
    bad = [r for r in rows if r["verdict"] in ("meaning", "deleted")]
    for r in bad:
        print(f"{r['verdict']:8s} {r['rule']:16s} {r['raw_context']}  →  {r['clean_context']}  ({r['why']})")
    sys.exit(1 if bad else 0)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("outs", nargs="+", help="output folders of tadasu runs")
    s.add_argument("--per-rule", type=int, default=40, help="edits per rule and output folder")
    s.add_argument("--max-rewrites", type=int, default=400, help="name rewrites per rule and folder")
    s.add_argument("--seed", type=int, default=0)
    s.set_defaults(fn=cmd_sample)
    d = sub.add_parser("derive")
    d.add_argument("--livedoor", type=int, default=DERIVE_LIMITS["livedoor"])
    d.add_argument("--aozora", type=int, default=DERIVE_LIMITS["aozora"])
    d.add_argument("--per-rule", type=int, default=25, help="edits per rule that is not a name rewrite")
    d.add_argument("--seed", type=int, default=0)
    d.set_defaults(fn=cmd_derive)
    r = sub.add_parser("report")
    r.add_argument("verdicts", nargs="+")
    r.set_defaults(fn=cmd_report)
    args = ap.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
