"""A shard's sentences/, mentions/ and edits/ tables built column by column, and its counts read
from them (no Prefect, no file I/O).

The normalizer hands over each document's sentences, mentions and edits as named tuples. One
`zip(*...)` per shard turns all of a kind into columns in C, each column becomes an Arrow array
once, `doc_id` is a `take` of the shard's ids, and the sentences' `entities` are a list array
over one struct array of every mention that lies in its sentence, found with numpy: no Python
dict or row per sentence or entity (issue 21: a row at a time cost as much CPU as a third of
the normalizer). The manifest's counts (mentions by label, linked entities, edits by rule) are
`value_counts` of the columns just built, not a loop over every mention and edit.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import datasets as ds


def _columns(items: list[tuple], n_fields: int) -> list[tuple]:
    """The columns of equal-length tuples (`zip(*items)`), `n_fields` empty ones for no items."""
    return list(zip(*items)) if items else [()] * n_fields


def _repeat_ids(doc_ids: pa.Array, counts: np.ndarray) -> pa.Array:
    """doc_ids[i] repeated counts[i] times, in order."""
    return doc_ids.take(pa.array(np.repeat(np.arange(len(counts), dtype=np.int32), counts)))


def _table(name: str, arrays: dict[str, pa.Array], meta: dict[bytes, bytes] | None) -> pa.Table:
    t = pa.Table.from_arrays([arrays[f.name] for f in ds.SCHEMAS[name]], schema=ds.SCHEMAS[name])
    return t.replace_schema_metadata(meta) if meta else t


def _typed(column: Sequence[Any], name: str, dataset: str) -> pa.Array:
    return pa.array(column, ds.SCHEMAS[dataset].field(name).type)


def mentions_table(doc_ids: pa.Array, docs: list[Any], meta: dict[bytes, bytes] | None) -> pa.Table:
    counts = np.fromiter((len(d.mentions) for d in docs), np.int64, len(docs))
    items = [m for d in docs for m in d.mentions]
    fields = items[0]._fields if items else ds.MENTION_FIELDS
    columns = dict(zip(fields, _columns(items, len(fields))))
    arrays = {name: _typed(columns[name], name, "mentions") for name in ds.MENTION_FIELDS}
    arrays["doc_id"] = _repeat_ids(doc_ids, counts)
    return _table("mentions", arrays, meta)


def edits_table(doc_ids: pa.Array, docs: list[Any], meta: dict[bytes, bytes] | None) -> pa.Table:
    counts = np.fromiter((len(d.edits) for d in docs), np.int64, len(docs))
    items = [e for d in docs for e in d.edits]
    names = [f.name for f in ds.SCHEMAS["edits"]][1:]  # raw_start, raw_end, start, end, rule, before, after
    fields = items[0]._fields if items else names
    columns = dict(zip(fields, _columns(items, len(fields))))
    arrays = {name: _typed(columns[name], name, "edits") for name in names}
    arrays["doc_id"] = _repeat_ids(doc_ids, counts)
    return _table("edits", arrays, meta)


def _entities(mentions: pa.Table, sent_counts: np.ndarray, starts: np.ndarray, ends: np.ndarray,
              mention_counts: np.ndarray) -> pa.Array:
    """Each sentence's `entities`: the mentions with its sent_id that lie inside it, in mention
    order, offsets relative to the sentence's start (what a dict per entity gave before)."""
    n_sent = len(starts)
    sid = pc.fill_null(mentions["sent_id"], -1).to_numpy().astype(np.int64)
    m_start = mentions["start"].to_numpy(zero_copy_only=False).astype(np.int64)
    m_end = mentions["end"].to_numpy(zero_copy_only=False).astype(np.int64)
    m_doc = np.repeat(np.arange(len(sent_counts)), mention_counts)
    base = np.concatenate(([0], np.cumsum(sent_counts)[:-1])) if len(sent_counts) else np.zeros(0, np.int64)
    inside = (sid >= 0) & (sid < sent_counts[m_doc]) if len(sid) else np.zeros(0, bool)
    g = np.where(inside, base[m_doc] + sid, 0) if len(sid) else np.zeros(0, np.int64)
    if n_sent:
        inside &= (starts[g] <= m_start) & (m_end <= ends[g])
    chosen = np.nonzero(inside)[0]
    order = chosen[np.argsort(g[chosen], kind="stable")]  # by sentence; mention order within one
    offsets = np.zeros(n_sent + 1, np.int32)
    offsets[1:] = np.cumsum(np.bincount(g[chosen], minlength=n_sent)[:n_sent])
    at = pa.array(order, pa.int64())
    values = pa.StructArray.from_arrays(
        [pa.array(m_start[order] - starts[g[order]], pa.int32()), pa.array(m_end[order] - starts[g[order]], pa.int32()),
         mentions["label"].take(at).combine_chunks(), mentions["entity_id"].take(at).combine_chunks()],
        fields=list(ds.ENTITY),
    )
    return pa.ListArray.from_arrays(pa.array(offsets), values, type=pa.list_(ds.ENTITY))


def sentences_table(doc_ids: pa.Array, docs: list[Any], mentions: pa.Table, meta: dict[bytes, bytes] | None) -> pa.Table:
    counts = np.fromiter((len(d.sentences) for d in docs), np.int64, len(docs))
    items = [s for d in docs for s in d.sentences]
    starts, ends, raw_starts, raw_ends, texts = _columns(items, 5)
    raw_texts = [d.raw[s.raw_start : s.raw_end] for d in docs for s in d.sentences]
    total = int(counts.sum())
    first = np.repeat(np.concatenate(([0], np.cumsum(counts)[:-1])) if len(counts) else counts, counts)
    starts_np, ends_np = np.array(starts, np.int64), np.array(ends, np.int64)
    mention_counts = np.fromiter((len(d.mentions) for d in docs), np.int64, len(docs))
    arrays = {
        "doc_id": _repeat_ids(doc_ids, counts),
        "sent_id": pa.array(np.arange(total) - first, pa.int32()),
        "start": pa.array(starts_np, pa.int32()),
        "end": pa.array(ends_np, pa.int32()),
        "raw_start": _typed(raw_starts, "raw_start", "sentences"),
        "raw_end": _typed(raw_ends, "raw_end", "sentences"),
        "raw_text": _typed(raw_texts, "raw_text", "sentences"),
        "text": _typed(texts, "text", "sentences"),
        "entities": _entities(mentions, counts, starts_np, ends_np, mention_counts),
    }
    return _table("sentences", arrays, meta)


def document_tables(doc_ids: list[str], docs: list[Any], meta) -> dict[str, pa.Table]:
    """sentences/, mentions/ and edits/ of a shard's normalized documents (`doc_ids[i]` is the
    id of `docs[i]`); `meta(dataset)` gives each table's key-value metadata."""
    ids = pa.array(doc_ids, pa.string())
    mentions = mentions_table(ids, docs, meta("mentions"))
    return {
        "sentences": sentences_table(ids, docs, mentions, meta("sentences")),
        "mentions": mentions,
        "edits": edits_table(ids, docs, meta("edits")),
    }


def _value_counts(values: pa.Array | pa.ChunkedArray) -> dict[str, int]:
    vc = pc.value_counts(values)
    return dict(zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist()))


def shard_counts(mentions: pa.Table, edits: pa.Table) -> dict[str, dict[str, int]]:
    """Mentions by label ("None" for no label), linked entities (`entity_id TAB canonical`) and
    edits by rule (a fused `a+b` rule counts for each), each sorted by key: the manifest's."""
    label = mentions["label"]
    labels = pc.if_else(pc.fill_null(pc.equal(label, ""), True), "None", label)
    linked = pc.fill_null(pc.not_equal(mentions["entity_id"], ""), False)
    entity_keys = pc.binary_join_element_wise(
        mentions["entity_id"], pc.fill_null(mentions["canonical"], ""), "\t").filter(linked)
    rules = pc.list_flatten(pc.split_pattern(edits["rule"], "+"))
    return {key: dict(sorted(_value_counts(values).items())) for key, values in
            (("mentions_by_label", labels), ("entities", entity_keys), ("edits_by_rule", rules))}
