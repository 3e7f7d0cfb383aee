"""What the shards' row building and Parquet writing would cost done differently (issue 21).

Reads the corpus through the flow's own planning and reading (`plan_shards`, `read_shard`,
shards of 250 documents), normalizes every shard with `normalize_many` once (untimed), then times
on the same normalized documents, shard by shard:

1. rows: the flow's row building today (`ShardRows`, `process._add_document`,
   `process.add_normalized`, then `datasets.table` per dataset) against a columnar prototype
   (`columnar_tables`: each column built once per shard from the shard's documents, the
   mentions and edits of the whole shard transposed in one `zip(*...)`, the sentences'
   `entities` built as Arrow list/struct arrays from flat columns instead of a dict per entity).
   The prototype's tables are checked equal to today's (`pa.Table.equals`, metadata included):
   a faster builder that changes the output does not count.
2. text stored twice: bytes and write time (zstd, as `datasets.write_atomic` writes, fsync
   included) of documents/ and sentences/ as they are, and without their `raw_text`/`text`
   columns (the text then lives once, in documents/; a sentence is a span of it).

Prints seconds per dataset and in total, and what a livedoor run would save. Output files go to
a temp dir under /tmp/tadasu-bench and are removed (they are derivatives of the corpus).

    .venv/bin/python bench/table_costs.py --limit 1000
    .venv/bin/python bench/table_costs.py                 # livedoor, best of --repeat 3
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import BENCH_TMP, DEFAULT_CORPUS, corpus_input  # noqa: E402

import flows.datasets as ds  # noqa: E402
from flows import process  # noqa: E402
from flows.ingest import DEFAULT_MAX_DOC_BYTES, discover  # noqa: E402
from flows.shards import plan_shards, read_shard  # noqa: E402
from normalizers import PIPELINE_VERSION  # noqa: E402

clock = time.perf_counter


def normalized_shards(path: Path, shard_size: int) -> tuple[list[list[tuple]], process.RunContext]:
    """[(raw, doc_id, doc | None, reason | None)] per shard, as process_shard sees them."""
    files, _ = discover([str(path)])
    plan = plan_shards(files, shard_size, DEFAULT_MAX_DOC_BYTES)
    normalizer = process.get_normalizer(None, {})
    from normalizers import NormalizeConfig

    cfg = NormalizeConfig().to_dict()
    ctx = process.RunContext(out="/nonexistent", glossary=None, config=cfg, pipeline_version=PIPELINE_VERSION,
                             glossary_version=normalizer.glossary_version, config_fingerprint="bench",
                             max_doc_bytes=DEFAULT_MAX_DOC_BYTES)
    shards = []
    for spec in plan.shards:
        items = []
        for _, raw, doc in process._normalized(normalizer, read_shard(spec, DEFAULT_MAX_DOC_BYTES), False):
            doc_id = process.doc_id_of(raw.source, raw.raw_text)
            reason = raw.reason or (f"normalization_error: {doc}"[:500] if isinstance(doc, Exception) else None)
            items.append((raw, doc_id, None if reason else doc, reason))
        shards.append(items)
    return shards, ctx


def rows_today(items: list[tuple], ctx: process.RunContext) -> dict[str, pa.Table]:
    """The flow's row building, as process_shard does it (the same functions)."""
    rows = process.ShardRows()
    for raw, doc_id, doc, reason in items:
        if doc is None:
            process._add_document(rows, raw, doc_id, "rejected", reason, None, ctx)
            continue
        process._add_document(rows, raw, doc_id, "ok", None, doc.text, ctx)
        process.add_normalized(rows, doc_id, doc)
    return {name: ds.table(name, getattr(rows, name), ctx.meta(name)) for name in ds.DATASETS}


def _entities(items_ok: list[tuple]) -> pa.Array:
    """The sentences' `entities` column from flat columns: offsets + a struct of four arrays."""
    offsets = [0]
    starts: list[int] = []
    ends: list[int] = []
    labels: list = []
    ids: list = []
    for _, _, doc in items_ok:
        by_sent: dict[int, list] = {}
        for men in doc.mentions:
            by_sent.setdefault(men.sent_id if men.sent_id is not None else -1, []).append(men)
        for sid, sent in enumerate(doc.sentences):
            for x in by_sent.get(sid, ()):
                if sent.start <= x.start and x.end <= sent.end:
                    starts.append(x.start - sent.start)
                    ends.append(x.end - sent.start)
                    labels.append(x.label)
                    ids.append(x.entity_id)
            offsets.append(len(starts))
    struct = pa.StructArray.from_arrays(
        [pa.array(starts, pa.int32()), pa.array(ends, pa.int32()), pa.array(labels, pa.string()),
         pa.array(ids, pa.string())], fields=list(ds.ENTITY))
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), struct, type=pa.list_(ds.ENTITY))


def _documents(items: list[tuple], ctx: process.RunContext) -> pa.Table:
    raws = [it[0] for it in items]
    texts = [doc.text if doc is not None else None for _, _, doc, _ in items]
    n = len(items)
    cols = {
        "doc_id": [it[1] for it in items], "source": [r.source for r in raws],
        "content_hash": [process.content_hash_of(r.raw_text) for r in raws], "title": [r.title for r in raws],
        "published_at": [r.published_at for r in raws], "encoding": [r.encoding for r in raws],
        "status": ["rejected" if doc is None else "ok" for _, _, doc, _ in items],
        "reason": [it[3] for it in items], "raw_text": [r.raw_text for r in raws], "text": texts,
        "n_chars_raw": [len(r.raw_text) if r.raw_text is not None else None for r in raws],
        "n_chars": [len(t) if t is not None else None for t in texts],
        "glossary_version": [ctx.glossary_version] * n, "pipeline_version": [ctx.pipeline_version] * n,
    }
    return pa.Table.from_pydict(cols, schema=ds.SCHEMAS["documents"]).replace_schema_metadata(ctx.meta("documents"))


def columnar_tables(items: list[tuple], ctx: process.RunContext) -> dict[str, pa.Table]:
    """Prototype: the same four tables, each column built once for the whole shard."""
    ok = [(raw, doc_id, doc) for raw, doc_id, doc, _ in items if doc is not None]
    sent_doc = [doc_id for _, doc_id, doc in ok for _ in doc.sentences]
    sents = [s for _, _, doc in ok for s in doc.sentences]
    sent_ids = [i for _, _, doc in ok for i in range(len(doc.sentences))]
    raw_slices = [doc.raw[s.raw_start:s.raw_end] for _, _, doc in ok for s in doc.sentences]
    s_cols = dict(zip(("start", "end", "raw_start", "raw_end", "text"), zip(*sents))) if sents else {}
    sentences = pa.Table.from_pydict(
        {"doc_id": sent_doc, "sent_id": sent_ids, "start": s_cols.get("start", []), "end": s_cols.get("end", []),
         "raw_start": s_cols.get("raw_start", []), "raw_end": s_cols.get("raw_end", []), "raw_text": raw_slices,
         "text": s_cols.get("text", []), "entities": _entities(ok)},
        schema=ds.SCHEMAS["sentences"]).replace_schema_metadata(ctx.meta("sentences"))
    out = {"documents": _documents(items, ctx), "sentences": sentences}
    for name, attr in (("mentions", "mentions"), ("edits", "edits")):
        objs = [x for _, _, doc in ok for x in getattr(doc, attr)]
        owner = [doc_id for _, doc_id, doc in ok for _ in getattr(doc, attr)]
        cols = dict(zip(objs[0]._fields, zip(*objs))) if objs else {}
        schema = ds.SCHEMAS[name]
        data = {"doc_id": owner, **{f.name: cols.get(f.name, []) for f in schema if f.name != "doc_id"}}
        out[name] = pa.Table.from_pydict(data, schema=schema).replace_schema_metadata(ctx.meta(name))
    return out


def time_builders(shards: list[list[tuple]], ctx, repeat: int) -> dict[str, float]:
    """Best CPU seconds of this process per builder (CPU, not wall: the machine is shared and
    both builders are single-threaded Python and Arrow conversion)."""
    best = {"today": float("inf"), "columnar": float("inf")}
    for _ in range(repeat):
        for name, fn in (("today", rows_today), ("columnar", columnar_tables)):
            t = time.process_time()
            for items in shards:
                fn(items, ctx)
            best[name] = min(best[name], time.process_time() - t)
    return best


def check_equal(shards: list[list[tuple]], ctx) -> list[str]:
    differ = []
    for i, items in enumerate(shards):
        a, b = rows_today(items, ctx), columnar_tables(items, ctx)
        differ += [f"shard {i} {name}" for name in ds.DATASETS if not a[name].equals(b[name], check_metadata=True)]
    return differ


def text_twice(shards: list[list[tuple]], ctx, tmp: Path, repeat: int) -> list[tuple]:
    """(dataset, variant, bytes, best wall seconds, its CPU seconds) for documents/ and
    sentences/ with and without their raw_text and text columns, written shard by shard as the
    flow writes them."""
    tables = [rows_today(items, ctx) for items in shards]
    out = []
    for name in ("documents", "sentences"):
        for variant in ("as today", "without raw_text, text"):
            best = (float("inf"), 0.0)
            size = 0
            for _ in range(repeat):
                size = 0
                t, c = clock(), time.process_time()
                for i, tabs in enumerate(tables):
                    tab = tabs[name] if variant == "as today" else tabs[name].drop_columns(["raw_text", "text"])
                    path = tmp / name / f"part-{i}.parquet"
                    ds.write_atomic(tab, path)
                    size += path.stat().st_size
                best = min(best, (clock() - t, time.process_time() - c))
            out.append((name, variant, size, *best))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--shard-size", type=int, default=250)
    ap.add_argument("--repeat", type=int, default=3, help="passes per variant; the fastest counts")
    args = ap.parse_args(argv)

    t = clock()
    shards, ctx = normalized_shards(corpus_input(args.corpus, args.limit), args.shard_size)
    n_docs = sum(len(s) for s in shards)
    print(f"{n_docs:,} documents in {len(shards)} shards, read and normalized in {clock() - t:.1f} s (untimed)")
    differ = check_equal(shards, ctx)
    print("prototype tables equal to today's (pa.Table.equals, metadata included): "
          + ("yes, every shard and dataset" if not differ else f"NO: {', '.join(differ[:5])}"))
    best = time_builders(shards, ctx, args.repeat)
    print(f"\nrows + Arrow tables, all shards, best of {args.repeat} (CPU s):")
    print(f"  today (ShardRows, _add_document, add_normalized, datasets.table)  {best['today']:7.2f} s")
    print(f"  columnar prototype (columnar_tables)                              {best['columnar']:7.2f} s"
          f"   saves {best['today'] - best['columnar']:.2f} s ({best['today'] / best['columnar']:.2f}x)")
    tmp = Path(tempfile.mkdtemp(prefix="table-costs-", dir=BENCH_TMP))
    try:
        rows = text_twice(shards, ctx, tmp, args.repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nParquet writing (zstd, fsync, per shard), best of {args.repeat}:")
    for name, variant, size, sec, cpu in rows:
        print(f"  {name:<10} {variant:<24} {size / 1e6:8.1f} MB  {sec:6.2f} s wall  {cpu:6.2f} s CPU")
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
