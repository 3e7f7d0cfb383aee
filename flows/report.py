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
    sample is taken per rule. The definition, with every key in memory: the run reads its edits
    part by part with `sampled_edits`, which is tested equal to it."""
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


# The doc key (see `edits_review`) in bins of its top 12 of 60 bits, -1 (an id that is not hex) in
# the first: the bins are ordered as the keys they hold, so the i-th edit of a rule in key order
# is found from the bins' counts, then among the edits of its own bin alone.
_KEY_BIN_WIDTH = 1 << 48
_KEY_BINS = (1 << 12) + 1


def _doc_key() -> Any:
    import polars as pl

    # doc_id is a hex sha256 (contract section 4): its first 15 digits order the edits as the
    # whole id does (unless two ids share them: the sample stays deterministic) in 8 bytes.
    return pl.col("doc_id").str.slice(0, 15).str.to_integer(base=16, strict=False).fill_null(-1)


def _part_keys(part: Path) -> Any:
    """An edits part's sort keys, one row per edit in the part's order: rule, key, start, bin."""
    import polars as pl

    keys = pl.read_parquet(part, columns=["rule", "doc_id", "raw_start"])
    return keys.select("rule", _doc_key().alias("key"), pl.col("raw_start").alias("start")).with_columns(
        ((pl.col("key") + 1) // _KEY_BIN_WIDTH).alias("bin"))


def sampled_edits(parts: list[Path], per_rule: int) -> tuple[list[tuple[int, int]], dict[str, int]]:
    """`sample_rows` over the edits of `parts` (concatenated in this order), read one part at a
    time: (part index, row in the part) of each picked edit, sorted, and the edits per rule.
    Two passes: edits per rule and key bin; then the edits of the bins that hold a picked rank,
    ordered as `sample_rows` orders them (key, start, position). Memory is bounded by the bins'
    counts and those bins' edits, not by the run's size: the keys of a 250 MB run's 1.6 million
    edits held at once took ~100 MiB (issue 21). Tested equal to `sample_rows`
    (tests/flows/test_edits_review_sample.py)."""
    import numpy as np
    import polars as pl

    per_bin: dict[str, Any] = {}
    for part in parts:
        for (rule,), group in _part_keys(part).group_by("rule"):
            counts = np.bincount(group["bin"].to_numpy(), minlength=_KEY_BINS)
            per_bin[rule] = per_bin[rule] + counts if rule in per_bin else counts
    # sample_rows' picks in each rule's order (bucket k starts at ceil(k * n / per_rule)), each
    # as (its bin, its rank among the bin's edits)
    wanted: dict[tuple[str, int], list[int]] = {}
    for rule, counts in per_bin.items():
        n = int(counts.sum())
        before = np.cumsum(counts) - counts  # edits of the rule in the bins before each bin
        for i in sorted({-(-k * n // per_rule) for k in range(per_rule)}):
            if i < n:
                b = int(np.searchsorted(before, i, side="right")) - 1  # the last bin starting at or before i
                wanted.setdefault((rule, b), []).append(i - int(before[b]))
    bins = pl.DataFrame({"rule": [r for r, _ in wanted], "bin": [b for _, b in wanted]},
                        schema={"rule": pl.String, "bin": pl.Int64})
    found: dict[tuple[str, int], list[tuple[int, int, int, int]]] = {key: [] for key in wanted}
    for j, part in enumerate(parts):
        keys = _part_keys(part).with_row_index("row").join(bins, on=["rule", "bin"], how="semi")
        for rule, key, start, b, row in keys.select("rule", "key", "start", "bin", "row").iter_rows():
            found[(rule, b)].append((key, start, j, row))
    picked = []
    for at, edits in found.items():
        edits.sort()
        picked += [edits[rank][2:] for rank in wanted[at]]
    return sorted(picked), {rule: int(counts.sum()) for rule, counts in per_bin.items()}


def edits_review(out: Path, per_rule: int) -> tuple[list[dict], dict[str, int]]:
    """Up to `per_rule` edits of each rule, spread evenly over the run's edits ordered by
    (doc_id, raw_start): doc_id is a hash, so the sample is spread over the corpus, and the same
    output gives the same sample. Each with the raw and clean context side by side. Also the
    number of edits per rule. The keys are read part by part (`sampled_edits`), then only the
    parts that hold a picked edit, and each edit's document from its shard's documents part."""
    import polars as pl

    parts = sorted((Path(out) / "edits").glob("*.parquet"))
    if not parts or per_rule < 1:
        return [], {}
    picked_at, counts = sampled_edits(parts, per_rule)
    rows_in: dict[int, list[int]] = {}
    for j, row in picked_at:
        rows_in.setdefault(j, []).append(row)
    if not rows_in:
        return [], {k: counts[k] for k in sorted(counts)}
    texts: dict[str, tuple[str, str]] = {}
    frames = []
    for j, rows in rows_in.items():
        frame = pl.read_parquet(parts[j])[rows]
        frames.append(frame)
        # A shard's edits are of its own documents: in the documents part of the same name.
        doc_part = Path(out) / "documents" / parts[j].name
        if doc_part.exists():
            docs = pl.read_parquet(doc_part, columns=["doc_id", "raw_text", "text"])
            texts.update((d, (raw, clean)) for d, raw, clean in
                         docs.filter(pl.col("doc_id").is_in(frame["doc_id"].unique().to_list())).iter_rows())
    picked = pl.concat(frames).sort(["rule", "doc_id", "raw_start"], maintain_order=True)
    missing = sorted(set(picked["doc_id"].to_list()) - texts.keys())
    if missing:  # (parts not named by shard, as a tadasu run names them: every documents part)
        texts.update((d, (raw, clean)) for d, raw, clean in
                     pl.scan_parquet(sorted((Path(out) / "documents").glob("*.parquet")))
                     .select("doc_id", "raw_text", "text").filter(pl.col("doc_id").is_in(missing)).collect().iter_rows())
    rows = []
    for e in picked.iter_rows(named=True):
        raw, clean = texts.get(e["doc_id"], ("", ""))
        raw_context = edit_context(raw or "", e["raw_start"], e["raw_end"], REVIEW_CONTEXT)
        clean_context = edit_context(clean or "", e["start"], e["end"], REVIEW_CONTEXT)
        rows.append({"rule": e["rule"], "before": short_cell(e["before"], 40), "after": short_cell(e["after"], 40),
                     "raw_context": short_cell(raw_context, 80), "clean_context": short_cell(clean_context, 80),
                     "doc_id": e["doc_id"][:12]})
    return rows, {k: counts[k] for k in sorted(counts)}
