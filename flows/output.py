"""The output folder as a whole (plain functions): resume decisions, stale parts, the run's
aggregate (candidates, checks, run.json)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from . import datasets as ds
from .process import candidates_partial_path, manifest_path


def load_manifest(out: Path, shard_id: str) -> dict | None:
    try:
        return json.loads(manifest_path(out, shard_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def finished_manifest(out: Path, shard_id: str, fingerprint: str) -> dict | None:
    """The shard's manifest if one was written for this fingerprint (the shard finished), else None."""
    m = load_manifest(out, shard_id)
    return m if m is not None and m.get("fingerprint") == fingerprint else None


def _shard_complete(out: Path, shard_id: str) -> bool:
    return all(ds.part_path(out, name, shard_id).exists() for name in ds.DATASETS) and candidates_partial_path(
        out, shard_id
    ).exists()


def prepare(out: Path, fingerprints: dict[str, str]) -> tuple[list[str], dict[str, dict], int]:
    """Decide what to run and make the folder consistent before any shard runs.

    Returns (shard ids to process, manifests of finished shards reused, files removed). Removed:
    temporaries of killed writers; part files and manifests of shards that are not in this plan;
    and those of planned shards whose recorded fingerprint is not the current one (an old
    glossary / pipeline / config / content): so readers never see two versions side by side.
    The candidates aggregate and run.json describe a finished run and go until it finishes again.
    """
    out.mkdir(parents=True, exist_ok=True)
    removed = ds.remove_temporaries(out)
    todo: list[str] = []
    reused: dict[str, dict] = {}
    for shard_id, fp in fingerprints.items():
        m = finished_manifest(out, shard_id, fp)
        if m is not None and _shard_complete(out, shard_id):
            reused[shard_id] = m
        else:
            todo.append(shard_id)
    keep = set(reused)
    # Manifest first: a shard without its manifest is unfinished, whatever parts are left.
    state = out / "_state" / "shards"
    if state.is_dir():
        for p in state.glob("*.json"):
            if p.stem not in keep:
                p.unlink(missing_ok=True)
                removed += 1
    for name in ds.DATASETS:
        for shard_id in ds.part_ids(out, name) - keep:
            ds.part_path(out, name, shard_id).unlink(missing_ok=True)
            removed += 1
    cdir = out / "_state" / "candidates"
    if cdir.is_dir():
        for p in cdir.glob("part-*.parquet"):
            if p.name[5:-8] not in keep:
                p.unlink(missing_ok=True)
                removed += 1
    if todo or removed:
        for p in [out / "run.json", *(out / "candidates").glob("*.parquet")]:
            if p.exists():
                p.unlink()
                removed += 1
    return todo, reused, removed


# Partial candidate tables merged at a time: the run's aggregate is built incrementally so
# memory follows the number of distinct terms, not the number of shards.
AGGREGATE_CHUNK = 32
_PARTIAL_COLUMNS = ["surface", "count", "n_docs", "example", "example_key"]
_SEP = "\x00"  # between example_key and example in the merge key: no key contains it


def _keyed(t: pa.Table) -> pa.Table:
    """A partial as (surface, count, n_docs, key_example): `example_key NUL example`, so the
    smallest key_example of a surface is the example of its smallest example_key."""
    return pa.table({
        "surface": t["surface"],
        "count": t["count"],
        "n_docs": t["n_docs"],
        "key_example": pc.binary_join_element_wise(t["example_key"], t["example"], _SEP),
    })


def _merge_partials(tables: list[pa.Table]) -> pa.Table:
    """One row per surface: counts summed, the example of the smallest example_key (the first
    occurrence in shard order, whatever the workers). A hash aggregation (no sort); associative:
    merging merged tables again gives the same result as merging all partials at once."""
    g = pa.concat_tables(tables).group_by("surface", use_threads=False).aggregate(
        [("count", "sum"), ("n_docs", "sum"), ("key_example", "min")]
    )
    return pa.table({
        "surface": g["surface"],
        "count": g["count_sum"],
        "n_docs": g["n_docs_sum"],
        "key_example": g["key_example_min"],
    })


def _read_partials(out: Path, shard_ids: list[str]) -> pa.Table:
    """The partials of `shard_ids` in one table (rows in no particular order: the merge does not
    care). One dataset scan: a `pq.read_table` per file costs ~1 ms of set-up each."""
    paths = [str(candidates_partial_path(out, s)) for s in shard_ids]
    return pads.dataset(paths, schema=ds.CANDIDATE_PARTIAL, format="parquet").to_table(columns=_PARTIAL_COLUMNS)


def _suggestions(suggest, suggest_many, surfaces: list[str]) -> list[tuple | None]:
    """(entity_id, score, romaji) of each surface, None where it fails. `suggest_many` (the
    glossary's) answers all at once (one matrix of similarities instead of a search per
    surface); without it, or if it fails, each surface is asked of `suggest` alone, so a bad
    surface nulls only its own row."""
    if suggest_many is not None:
        try:
            got = [(e, sc, r) for e, sc, r in suggest_many(surfaces)]
            if len(got) == len(surfaces):
                return got
        except Exception:  # noqa: BLE001 - the per-surface loop below keeps what works
            pass
    out: list[tuple | None] = []
    for surface in surfaces:
        try:
            e, sc, r = suggest(surface)
        except Exception:  # noqa: BLE001 - a suggestion is a nicety, never a failed run
            out.append(None)
            continue
        out.append((e, sc, r))
    return out


def aggregate_candidates(out: Path, shard_ids: list[str], meta: dict[bytes, bytes], suggest=None,
                         suggest_many=None) -> int:
    """Sum the shards' unknown terms into OUT/candidates/part-0.parquet; returns the row count.

    The partials are read AGGREGATE_CHUNK at a time and merged into a running aggregate.
    `suggest(surface) -> (entity_id, score, romaji)` (the glossary's) fills romaji and the nearest
    entity, once per distinct term of the run; `suggest_many(surfaces)`, when given, does them all
    in one call."""
    acc: pa.Table | None = None
    ids = sorted(shard_ids)
    for c in range(0, len(ids), AGGREGATE_CHUNK):
        t = _read_partials(out, ids[c : c + AGGREGATE_CHUNK])
        if t.num_rows:
            acc = _merge_partials(([acc] if acc is not None else []) + [_keyed(t)])
    schema = ds.SCHEMAS["candidates"]
    if acc is None:
        agg = ds.table("candidates", {}, meta)
    else:
        acc = acc.sort_by([("count", "descending"), ("surface", "ascending")])
        example = pc.list_element(pc.split_pattern(acc["key_example"], _SEP, max_splits=1), 1)
        n = acc.num_rows
        romaji, entity, score = [None] * n, [None] * n, [None] * n
        if suggest is not None:
            for j, sug in enumerate(_suggestions(suggest, suggest_many, acc["surface"].to_pylist())):
                if sug is not None:
                    e, sc, r = sug
                    entity[j], score[j], romaji[j] = e, float(sc) if sc is not None else None, r
        agg = pa.table(
            {
                "surface": acc["surface"],
                "romaji": pa.array(romaji, pa.string()),
                "count": acc["count"],
                "n_docs": acc["n_docs"],
                "example": example,
                "suggested_entity_id": pa.array(entity, pa.string()),
                "score": pa.array(score, pa.float64()),
            }
        ).cast(schema).replace_schema_metadata(meta)
    ds.write_atomic(agg, out / "candidates" / "part-0.parquet")
    return agg.num_rows


def check_output(out: Path, shard_ids: list[str], planned_docs: int) -> dict:
    """Re-read what is on disk: documents in = ok + rejected, no duplicate doc_id, every shard's
    parts present and nothing else. Raises AssertionError with the broken invariant."""
    expected = set(shard_ids)
    for name in ds.DATASETS:
        have = ds.part_ids(out, name)
        if have != expected:
            raise AssertionError(
                f"{name}/: {len(expected - have)} part files missing, {len(have - expected)} unexpected"
            )
    docs = ds.read_dataset(out, "documents", ["doc_id", "status"])
    n = docs.num_rows
    n_ok = pc.sum(pc.equal(docs["status"], "ok")).as_py() or 0
    n_rej = pc.sum(pc.equal(docs["status"], "rejected")).as_py() or 0
    n_unique = pc.count_distinct(docs["doc_id"]).as_py()
    if n != planned_docs:
        raise AssertionError(f"documents in: {planned_docs}, rows in documents/: {n}")
    if n_ok + n_rej != n:
        raise AssertionError(f"ok {n_ok} + rejected {n_rej} != {n} documents")
    if n_unique != n:
        raise AssertionError(f"{n - n_unique} duplicate doc_id in documents/")
    return {"documents": n, "ok": n_ok, "rejected": n_rej, "unique_doc_ids": n_unique, "passed": True}


def summarize(manifests: list[dict]) -> dict:
    reasons: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for m in manifests:
        reasons.update(m["rejected_by_reason"])
        labels.update(m["mentions_by_label"])
        rules.update(m["edits_by_rule"])
        entities.update(m["entities"])
        rows.update(m["rows"])
    return {
        "documents": {
            "total": sum(m["n_docs"] for m in manifests),
            "ok": sum(m["ok"] for m in manifests),
            "rejected": sum(m["rejected"] for m in manifests),
            "rejected_by_reason": dict(sorted(reasons.items())),
        },
        "mentions_by_label": dict(sorted(labels.items())),
        "edits_by_rule": dict(sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))),
        "top_entities": [
            {"entity_id": k.split("\t")[0], "canonical": k.split("\t", 1)[-1], "count": v}
            for k, v in sorted(entities.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
        ],
        "rows": dict(sorted(rows.items())),
        "n_chars": sum(m.get("n_chars", 0) for m in manifests),
    }


def clear(out: Path) -> None:  # pragma: no cover - used by tests
    shutil.rmtree(out, ignore_errors=True)
