"""The run's candidates: the shards' partial counts of unknown terms (flows.process.CandidateCollector)
merged into OUT/candidates/part-0.parquet at finalize, with their label guess, example and
suggestion, site furniture left out (glossary.candidates). Split from flows.output, which owns
the output folder."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from glossary.candidates import FURNITURE_MIN_DOCS, is_site_furniture, label_by_script

from . import datasets as ds
from .process import candidates_partial_path


# Partial candidate tables merged at a time: the run's aggregate is built incrementally so
# memory follows the number of distinct terms, not the number of shards.
AGGREGATE_CHUNK = 32
_PARTIAL_COLUMNS = ["surface", "count", "n_docs", "example", "example_key", "label_guess", "line_keys", "line_docs",
                    "line_copies"]
_SEP = "\x00"  # between example_key and example in the merge key: no key contains it


def _keyed(t: pa.Table) -> pa.Table:
    """A partial as (surface, count, n_docs, key_example, label_key): `example_key NUL example`,
    so the smallest key_example of a surface is the example of its smallest example_key; and
    `count (12 digits) label`, so the largest label_key is the label of the shard where the
    surface was most frequent."""
    labels = t["label_guess"] if "label_guess" in t.column_names else pa.nulls(t.num_rows, pa.string())
    counts = pc.utf8_lpad(pc.cast(t["count"], pa.string()), 12, "0")
    return pa.table({
        "surface": t["surface"],
        "count": t["count"],
        "n_docs": t["n_docs"],
        "key_example": pc.binary_join_element_wise(t["example_key"], t["example"], _SEP),
        "label_key": pc.binary_join_element_wise(counts, labels, ""),
    })


def _merge_partials(tables: list[pa.Table]) -> pa.Table:
    """One row per surface: counts summed, the example of the smallest example_key (the first
    occurrence in shard order, whatever the workers). A hash aggregation (no sort); associative:
    merging merged tables again gives the same result as merging all partials at once."""
    g = pa.concat_tables(tables).group_by("surface", use_threads=False).aggregate(
        [("count", "sum"), ("n_docs", "sum"), ("key_example", "min"), ("label_key", "max")]
    )
    return pa.table({
        "surface": g["surface"],
        "count": g["count_sum"],
        "n_docs": g["n_docs_sum"],
        "key_example": g["key_example_min"],
        "label_key": g["label_key_max"],
    })


def _labels(acc: pa.Table) -> pa.Array:
    """The label of the shard where the surface was most frequent, among the shards that had
    evidence for one; `label_by_script` for a surface no occurrence gave evidence for."""
    labels = pc.utf8_slice_codeunits(acc["label_key"], 12).to_pylist()
    return pa.array([lab or label_by_script(s) for lab, s in zip(labels, acc["surface"].to_pylist())], pa.string())


def _line_docs(t: pa.Table) -> pa.Table:
    """(surface, line, docs): the partial's documents per line a surface stood in, one row each."""
    if "line_keys" not in t.column_names:
        return pa.table({"surface": pa.array([], pa.string()), "line": pa.array([], pa.int64()),
                         "docs": pa.array([], pa.int64())})
    parents = pc.list_parent_indices(t["line_keys"])
    return pa.table({
        "surface": pc.take(t["surface"], parents),
        "line": pc.list_flatten(t["line_keys"]),
        "docs": pc.list_flatten(t["line_docs"]),
    })


def _merge_lines(tables: list[pa.Table]) -> pa.Table:
    g = pa.concat_tables(tables).group_by(["surface", "line"], use_threads=False).aggregate([("docs", "sum")])
    return pa.table({"surface": g["surface"], "line": g["line"], "docs": g["docs_sum"]})


def _line_copies(t: pa.Table) -> pa.Table:
    """(surface, line, copy): the copy keys of the documents of each line a surface stood in,
    one row each (a partial written before copies were kept has none: its lines count as before)."""
    if "line_copies" not in t.column_names:
        return pa.table({"surface": pa.array([], pa.string()), "line": pa.array([], pa.int64()),
                         "copy": pa.array([], pa.int64())})
    per_line = pc.list_flatten(t["line_copies"])  # aligned with line_keys' items
    line_of = pc.list_parent_indices(per_line)
    surface_of = pc.take(pc.list_parent_indices(t["line_copies"]), line_of)
    return pa.table({
        "surface": pc.take(t["surface"], surface_of),
        "line": pc.take(pc.list_flatten(t["line_keys"]), line_of),
        "copy": pc.list_flatten(per_line),
    })


def _merge_copies(tables: list[pa.Table]) -> pa.Table:
    """The distinct copies of each (surface, line), at most FURNITURE_MIN_DOCS of them: any that
    many tell a furniture line, so the merge stays the size of the lines, not of the documents."""
    g = pa.concat_tables(tables).group_by(["surface", "line"], use_threads=False).aggregate([("copy", "distinct")])
    kept = pc.list_slice(g["copy_distinct"], 0, FURNITURE_MIN_DOCS)
    parents = pc.list_parent_indices(kept)
    return pa.table({"surface": pc.take(g["surface"], parents), "line": pc.take(g["line"], parents),
                     "copy": pc.list_flatten(kept)})


def _drop_site_furniture(acc: pa.Table, lines: pa.Table | None, copies: pa.Table | None) -> pa.Table:
    """The aggregate without the terms that stand mostly in lines repeated across many
    documents (`glossary.candidates.is_site_furniture`: S-MAX, Peachy, MOVIE ENTER on livedoor);
    a line counts as repeated in as many distinct documents as it has copy keys
    (`candidates.furniture_docs`), or, from partials without them, in all its documents."""
    if lines is None or not lines.num_rows:
        return acc
    furn = lines.filter(pc.greater_equal(lines["docs"], FURNITURE_MIN_DOCS))
    if copies is not None and copies.num_rows:
        distinct = copies.group_by(["surface", "line"], use_threads=False).aggregate([("copy", "count")])
        furn = furn.join(distinct, ["surface", "line"], join_type="left outer", use_threads=False)
        n_copies = pc.coalesce(furn["copy_count"], furn["docs"])
        furn = furn.filter(pc.greater_equal(n_copies, FURNITURE_MIN_DOCS))
    g = furn.group_by("surface", use_threads=False).aggregate([("docs", "sum")])
    furniture = dict(zip(g["surface"].to_pylist(), g["docs_sum"].to_pylist()))
    keep = [not is_site_furniture(n, furniture.get(s, 0))
            for s, n in zip(acc["surface"].to_pylist(), acc["n_docs"].to_pylist())]
    return acc.filter(pa.array(keep, pa.bool_()))


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
    lines: pa.Table | None = None
    copies: pa.Table | None = None
    ids = sorted(shard_ids)
    for c in range(0, len(ids), AGGREGATE_CHUNK):
        t = _read_partials(out, ids[c : c + AGGREGATE_CHUNK])
        if t.num_rows:
            acc = _merge_partials(([acc] if acc is not None else []) + [_keyed(t)])
            lines = _merge_lines(([lines] if lines is not None else []) + [_line_docs(t)])
            copies = _merge_copies(([copies] if copies is not None else []) + [_line_copies(t)])
        # Arrow's allocator keeps what each chunk's scan and merge freed: handed back, the run's
        # peak stays that of one chunk, not of all (a 250 MB run's aggregation: +165 -> +92 MiB)
        del t
        pa.default_memory_pool().release_unused()
    if acc is not None:
        acc = _drop_site_furniture(acc, lines, copies)
    schema = ds.SCHEMAS["candidates"]
    if acc is None or not acc.num_rows:
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
                "label_guess": _labels(acc),
                "count": acc["count"],
                "n_docs": acc["n_docs"],
                "example": example,
                "suggested_entity_id": pa.array(entity, pa.string()),
                "score": pa.array(score, pa.float64()),
            }
        ).cast(schema).replace_schema_metadata(meta)
    ds.write_atomic(agg, out / "candidates" / "part-0.parquet")
    return agg.num_rows
