"""What a finished run's output says about the run, for its health check, log and artifacts.

No Prefect here: plain functions over OUT's datasets (polars, pyarrow) and run.json's counts,
so they can be tested and reused (bench/damage_audit.py takes `edit_context` from here).

- `reject_health`: the reject rate over the documents that were read, against a limit;
- `read_rejections`: rejected rows by reason (with their first sources), per-input-file counts;
- `dataset_stats`: rows, bytes, parts, schema and sample rows of each dataset;
- `top_candidates`: the true number of unknown names and the most frequent ones;
- `edits_review`: a deterministic sample of the run's edits per rule, with raw and clean contexts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATASETS = ("documents", "sentences", "mentions", "edits", "candidates")
CONTEXT = 24  # characters each side of an edit, by default (bench/damage_audit.py's TSV)
REVIEW_CONTEXT = 16  # in the edits-review artifact: narrower, so raw and clean fit side by side in the UI
CELL_MAX = 80  # a sample cell or an edit's before/after longer than this is cut, its length shown
SOURCES_PER_REASON = 5  # sources named per reason in the log's WARNING lines
REJECTED_ROWS = 50  # rejected documents listed in the summary (the rest: OUT/documents/)

# A row of a .jsonl(.gz) or .parquet file: `file#N`; any other source is a file of its own.
_LINE_SUFFIX = re.compile(r"^(.*\.(?:jsonl|jsonl\.gz|parquet))#\d+$")


def input_file_of(source: str) -> str:
    """The input file a documents/ row came from: its source without the `#N` line suffix."""
    m = _LINE_SUFFIX.match(source)
    return m.group(1) if m else source


def _input_order(source: str) -> tuple[str, int]:
    """Sort key: by file, then line or row number (news.jsonl#9 before news.jsonl#10)."""
    file = input_file_of(source)
    return file, int(source[len(file) + 1:]) if file != source else 0


def edit_context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The span in ⟦ ⟧ with `width` characters each side, line breaks shown as ⏎."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return (left + "⟦" + text[start:end] + "⟧" + right).replace("\n", "⏎").replace("\t", " ")


def short_cell(value: Any, limit: int = CELL_MAX) -> str:
    """A cell for a Markdown or table artifact: one line, cut at `limit` with its length shown."""
    s = "" if value is None else str(value)
    s = s.replace("\r", "").replace("\n", "⏎").replace("\t", " ")
    return s if len(s) <= limit else f"{s[:limit]}…({len(s)} chars)"


# -- health ----------------------------------------------------------------------------------


def reject_health(documents: dict, skipped_by_reason: dict[str, int], max_reject_rate: float | None) -> dict:
    """The run's reject rate: rejected / documents *read*. Entries that were never read as
    documents (an unsupported file, a hidden one, an empty container: `skipped_by_reason`) are
    rows of documents/ and get their own WARNING, but do not count here: a folder with .csv
    files next to good .jsonl ones is not a bad run. Over `max_reject_rate` (None: no limit)
    `failed` is True and `message` says why, with the reasons and their counts."""
    by_reason = dict(documents.get("rejected_by_reason") or {})
    for code, n in skipped_by_reason.items():  # skipped entries are rejected rows of their own code
        left = by_reason.get(code, 0) - n
        if left > 0:
            by_reason[code] = left
        else:
            by_reason.pop(code, None)
    n_skipped = sum(skipped_by_reason.values())
    read = int(documents.get("total", 0)) - n_skipped
    rejected = sum(by_reason.values())
    rate = rejected / read if read > 0 else 0.0
    failed = max_reject_rate is not None and read > 0 and rate > max_reject_rate
    reasons = ", ".join(f"{k} {v:,}" for k, v in sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0])))
    message = (f"{rejected:,} of {read:,} documents read were rejected ({rate:.1%})"
               + (f": {reasons}" if reasons else ""))
    if failed:
        message += f"; above the limit max_reject_rate={max_reject_rate:g} ({max_reject_rate:.0%})"
    return {"documents_read": read, "rejected_read": rejected, "skipped_entries": n_skipped,
            "reject_rate": round(rate, 4), "rejected_read_by_reason": dict(sorted(by_reason.items())),
            "max_reject_rate": max_reject_rate, "failed": failed, "message": message}


def check_reject_rate(rate: float | None) -> None:
    if rate is not None and not (isinstance(rate, (int, float)) and 0 <= rate <= 1):
        raise ValueError(f"max_reject_rate must be a number from 0 to 1 (or None: no limit), not {rate!r}")


# -- rejected rows and per-file counts --------------------------------------------------------


@dataclass
class Rejections:
    """documents/ read back: per reason (read documents and skipped entries apart), the count and
    first sources; rejected rows for the summary's table; ok/rejected per input file."""

    read_by_reason: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    skipped_by_reason: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)  # source, reason, detail: the first REJECTED_ROWS
    n_rejected: int = 0
    per_file: list[dict] = field(default_factory=list)  # file, documents, ok, rejected


def read_rejections(out: Path, skipped_sources: set[str]) -> Rejections:
    """From OUT/documents/ (source, status, reason, reason_detail only: no text is read)."""
    import polars as pl

    parts = sorted((Path(out) / "documents").glob("*.parquet"))
    result = Rejections()
    if not parts:
        return result
    docs = pl.read_parquet(parts, columns=["source", "status", "reason", "reason_detail"])
    files = docs.with_columns(pl.col("source").str.replace(_LINE_SUFFIX.pattern, "$1").alias("file"))
    per_file = (files.group_by("file")
                .agg(pl.len().alias("documents"), (pl.col("status") == "ok").sum().alias("ok"),
                     (pl.col("status") == "rejected").sum().alias("rejected"))
                .sort(["rejected", "documents", "file"], descending=[True, True, False]))
    result.per_file = per_file.to_dicts()
    rejected = sorted(docs.filter(pl.col("status") == "rejected").iter_rows(named=True),
                      key=lambda r: _input_order(r["source"]))
    result.n_rejected = len(rejected)
    result.rows = [{"source": r["source"], "reason": r["reason"], "detail": r["reason_detail"]}
                   for r in rejected[:REJECTED_ROWS]]
    for r in rejected:
        target = result.skipped_by_reason if r["source"] in skipped_sources else result.read_by_reason
        n, first = target.get(r["reason"], (0, []))
        if len(first) < SOURCES_PER_REASON:
            first.append(r["source"])
        target[r["reason"]] = (n + 1, first)
    return result


def rejection_warnings(rej: Rejections) -> list[str]:
    """The run's WARNING lines: one per reason, the documents rejected, then the input entries
    skipped unread, with their count and first sources (the full list: documents/)."""
    lines = []
    for one, many, by_reason in (("document rejected", "documents rejected", rej.read_by_reason),
                                 ("input entry skipped, not read,", "input entries skipped, not read,",
                                  rej.skipped_by_reason)):
        for reason, (n, first) in sorted(by_reason.items(), key=lambda kv: (-kv[1][0], kv[0])):
            more = ", …" if n > len(first) else ""
            lines.append(f"{n} {one if n == 1 else many} as {reason}: {', '.join(first)}{more}")
    return lines


# -- datasets -----------------------------------------------------------------------------------


def _sample_rows(part: Path, n: int) -> list[dict]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(part).iter_batches(batch_size=n):
        return [{k: short_cell(v, 24) for k, v in row.items()} for row in batch.to_pylist()[:n]]
    return []


def dataset_stats(out: Path, n_sample: int = 3) -> list[dict]:
    """Per dataset folder under OUT: path, parts, rows, bytes, schema (column, type), sample rows."""
    import pyarrow.parquet as pq

    stats = []
    for name in DATASETS:
        folder = (Path(out) / name).resolve()
        parts = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
        if not parts:
            continue
        rows = [pq.ParquetFile(p).metadata.num_rows for p in parts]
        schema = pq.read_schema(parts[0])
        sample_part = next((p for p, n in zip(parts, rows) if n), parts[0])
        stats.append({
            "name": name, "folder": str(folder), "glob": str(folder / "*.parquet"), "parts": len(parts),
            "rows": sum(rows), "bytes": sum(p.stat().st_size for p in parts),
            "schema": [(f.name, str(f.type)) for f in schema],
            "sample": _sample_rows(sample_part, n_sample),
        })
    return stats


# -- candidates -------------------------------------------------------------------------------


def top_candidates(out: Path, limit: int) -> tuple[int, list[dict], str]:
    """(how many unknown names the run found, the `limit` most frequent, the file that has all)."""
    import polars as pl

    path = (Path(out) / "candidates" / "part-0.parquet").resolve()
    if not path.exists():
        return 0, [], str(path)
    cands = pl.read_parquet(path)
    top = cands.sort(["count", "n_docs", "surface"], descending=[True, True, False]).head(limit)
    return cands.height, top.to_dicts(), str(path)


# -- edits review -------------------------------------------------------------------------------


def sample_rows(rule_codes, doc_keys, starts, per_rule: int) -> list[int]:
    """The row numbers of the first edit of each of `per_rule` equal buckets of each rule's edits,
    the edits of a rule ordered by (doc key, start). Rule codes need not be ordered by name: the
    sample is taken per rule."""
    import numpy as np

    order = np.lexsort((starts, doc_keys, rule_codes))
    sorted_codes = rule_codes[order]
    bounds = np.flatnonzero(sorted_codes[1:] != sorted_codes[:-1]) + 1
    rows = []
    for first, end in zip([0, *bounds.tolist()], [*bounds.tolist(), len(order)]):
        n = end - first
        # bucket k starts at the smallest i with i * per_rule // n == k: ceil(k * n / per_rule)
        firsts = sorted({-(-k * n // per_rule) for k in range(per_rule)})
        rows += [int(order[first + i]) for i in firsts if i < n]
    return rows


def edits_review(out: Path, per_rule: int) -> tuple[list[dict], dict[str, int]]:
    """Up to `per_rule` edits of each rule, spread evenly over the run's edits ordered by
    (doc_id, raw_start): doc_id is a hash, so the sample is spread over the corpus, and the same
    output gives the same sample. Each with the raw and clean context side by side. Also the
    number of edits per rule."""
    import polars as pl

    parts = sorted((Path(out) / "edits").glob("*.parquet"))
    if not parts or per_rule < 1:
        return [], {}
    order = ["rule", "doc_id", "raw_start"]
    # The keys alone are sorted, then the picked rows read whole: sorting the edits with their
    # before/after strings took twice as long.
    keys = pl.concat([pl.read_parquet(p, columns=order).select(
        pl.col("rule").cast(pl.Categorical),
        # doc_id is a hex sha256 (contract section 4): its first 15 digits order the edits as the
        # whole id does (unless two ids share them: the sample stays deterministic) in 8 bytes
        # instead of a 64-character string. With the keys read part by part and sorted by numpy,
        # the review's peak memory is about a third of sorting the strings (issue 21;
        # bench/README.md, "Peak memory of the edits review").
        pl.col("doc_id").str.slice(0, 15).str.to_integer(base=16, strict=False).fill_null(-1),
        "raw_start") for p in parts])
    picked_rows = sample_rows(keys["rule"].to_physical().to_numpy(), keys["doc_id"].to_numpy(),
                              keys["raw_start"].to_numpy(), per_rule)
    picked = (pl.scan_parquet(parts).with_row_index("_row").filter(pl.col("_row").is_in(picked_rows))
              .collect().sort(order))
    counts = dict(keys.group_by("rule").len().with_columns(pl.col("rule").cast(pl.String)).iter_rows())
    doc_ids = picked["doc_id"].unique().to_list()
    texts = {d: (raw, clean) for d, raw, clean in
             pl.scan_parquet(sorted((Path(out) / "documents").glob("*.parquet")))
             .select("doc_id", "raw_text", "text").filter(pl.col("doc_id").is_in(doc_ids)).collect().iter_rows()}
    rows = []
    for e in picked.iter_rows(named=True):
        raw, clean = texts.get(e["doc_id"], ("", ""))
        raw_context = edit_context(raw or "", e["raw_start"], e["raw_end"], REVIEW_CONTEXT)
        clean_context = edit_context(clean or "", e["start"], e["end"], REVIEW_CONTEXT)
        rows.append({"rule": e["rule"], "before": short_cell(e["before"], 40), "after": short_cell(e["after"], 40),
                     "raw_context": short_cell(raw_context, 80), "clean_context": short_cell(clean_context, 80),
                     "doc_id": e["doc_id"][:12]})
    return rows, {k: counts[k] for k in sorted(counts)}
