"""Batches of shards per task (flows.flow.plan_batches, normalize_shards) and the incremental
candidate aggregate (flows.candidate_aggregate.aggregate_candidates); no Prefect server."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import flows.flow as F
from flows import datasets as ds
from flows import candidate_aggregate, process
from flows.ingest import InputFile
from flows.process import candidates_partial_path, manifest_path
from flows.shards import ShardSpec


def _specs(sizes: list[int]) -> list[ShardSpec]:
    f = InputFile("/nonexistent/a.jsonl", "a.jsonl", "jsonl")
    return [ShardSpec(f"s{i:04d}", "jsonl", [f], i * 10 + 1, i * 10 + 10, 10, n) for i, n in enumerate(sizes)]


@pytest.mark.parametrize("parallelism", [1, 2, 4, 8])
def test_batches_cover_every_shard_once_in_order(parallelism):
    rng = random.Random(parallelism)
    specs = _specs([rng.randint(1, 2_000_000) for _ in range(300)])
    batches = F.plan_batches(specs, parallelism)
    assert [s.shard_id for b in batches for s in b] == [s.shard_id for s in specs]
    assert all(b for b in batches)
    sizes = [sum(s.n_bytes for s in b) for b in batches]
    assert all(sz <= F.MAX_BATCH_BYTES or len(b) == 1 for sz, b in zip(sizes, batches))
    # Far fewer tasks than shards, and the last batches are small (the workers finish together).
    assert len(batches) < len(specs) / 3
    assert sizes[0] > F.MAX_BATCH_BYTES / 2
    assert all(sz <= F.MIN_BATCH_BYTES or len(b) == 1 for sz, b in zip(sizes[-3:], batches[-3:]))


def test_batches_of_tiny_inputs_and_empty_shards():
    assert F.plan_batches([], 2) == []
    specs = _specs([0, 0, 5])
    assert [s.shard_id for b in F.plan_batches(specs, 2) for s in b] == ["s0000", "s0001", "s0002"]
    # A small input for several workers: each worker still gets work.
    assert len(F.plan_batches(_specs([100] * 8), 4)) >= 4
    assert len(F.plan_batches(_specs([100] * 8), 1)) >= 2


def _write_partial(out: Path, shard_id: str, rows: dict[str, list]) -> None:
    t = ds.table("candidates", rows, None, ds.CANDIDATE_PARTIAL)
    ds.write_atomic(t, candidates_partial_path(out, shard_id))


def test_chunked_candidate_aggregate_equals_one_pass(tmp_path, monkeypatch):
    rng = random.Random(7)
    surfaces = [f"語{i}" for i in range(40)]
    ids = [f"{i:016x}" for i in range(23)]
    for sid in ids:
        chosen = sorted(rng.sample(surfaces, rng.randint(0, 12)))
        n = len(chosen)
        _write_partial(tmp_path, sid, {
            "surface": chosen, "romaji": [None] * n, "count": [rng.randint(1, 9) for _ in chosen],
            "n_docs": [1] * n, "example": [f"{s}@{sid}" for s in chosen],
            "example_key": [f"{sid}:{rng.randint(0, 99):08d}" for _ in chosen],
            "suggested_entity_id": [None] * n, "score": [None] * n,
        })
    results = {}
    for chunk in (1, 2, 5, 1000):
        monkeypatch.setattr(candidate_aggregate, "AGGREGATE_CHUNK", chunk)
        out = tmp_path / f"c{chunk}"
        (out / "_state").mkdir(parents=True)
        (out / "_state" / "candidates").symlink_to(tmp_path / "_state" / "candidates")
        n = candidate_aggregate.aggregate_candidates(out, list(reversed(ids)), {b"k": b"v"},
                                        suggest=lambda s: (f"E:{s}", 0.5, s.upper()))
        results[chunk] = pq.read_table(out / "candidates" / "part-0.parquet").to_pylist()
        assert n == len(results[chunk])
    assert results[1] == results[2] == results[5] == results[1000]
    rows = results[1]
    assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)
    # The example is the first occurrence in shard order.
    first = rows[0]
    owners = sorted(sid for sid in ids if first["surface"] in
                    pq.read_table(candidates_partial_path(tmp_path, sid))["surface"].to_pylist())
    assert first["example"] == f"{first['surface']}@{owners[0]}"


def test_empty_candidate_aggregate(tmp_path):
    _write_partial(tmp_path, "a", {})
    assert candidate_aggregate.aggregate_candidates(tmp_path, ["a"], {b"k": b"v"}) == 0
    assert pq.read_table(tmp_path / "candidates" / "part-0.parquet").num_rows == 0


def test_batch_task_runs_the_other_shards_and_a_retry_redoes_only_the_failed(tmp_path, monkeypatch):
    specs = _specs([10, 10, 10, 10])
    calls: list[str] = []
    fail = {"s0001"}

    def fake_process(spec, ctx, fp, writer=None):  # (process_batch hands it its ShardWriter)
        calls.append(spec.shard_id)
        if spec.shard_id in fail:
            raise OSError("disk full")
        m = {"shard_id": spec.shard_id, "fingerprint": fp, "n_docs": spec.n_docs}
        ds.write_json_atomic(m, manifest_path(Path(ctx.out), spec.shard_id))
        return m

    monkeypatch.setattr(process, "process_shard", fake_process)
    ctx = dict(out=str(tmp_path), glossary=None, config={}, pipeline_version="p", glossary_version=None,
               config_fingerprint="c", max_doc_bytes=1 << 20, fail_fast=False)
    batch = [{"spec": s.to_dict(), "fp": f"fp-{s.shard_id}"} for s in specs]
    with pytest.raises(F.ShardsFailed, match="s0001.*OSError: disk full"):
        F.normalize_shards.fn("s0000", 4, batch, ctx)
    assert calls == ["s0000", "s0001", "s0002", "s0003"]
    fail.clear()
    calls.clear()
    ms = F.normalize_shards.fn("s0000", 4, batch, ctx)
    assert calls == ["s0001"]  # the retry redoes only the shard without a manifest
    assert [m["shard_id"] for m in ms] == ["s0000", "s0001", "s0002", "s0003"]
    # fail_fast: the first failure propagates, the rest of the batch does not run.
    fail.add("s0002")
    calls.clear()
    for s in specs:
        manifest_path(tmp_path, s.shard_id).unlink()
    with pytest.raises(OSError):
        F.normalize_shards.fn("s0000", 4, batch, {**ctx, "fail_fast": True})
    assert calls == ["s0000", "s0001", "s0002"]


class _Unsuggesting:
    """A glossary whose romaji index cannot be built (e.g. pykakasi missing or broken)."""

    version = "v-broken"

    def suggest(self, surface):
        raise RuntimeError("no romaji")


def test_a_failing_suggestion_warm_up_is_not_a_failed_finalize(tmp_path, monkeypatch):
    # Suggestions are a nicety: before the warm-up, finalize-run caught each suggest() failure
    # and wrote null suggestions; warming the index must not turn that into a failed run.
    F._suggesting_glossary.cache_clear()
    monkeypatch.setattr(F, "load_glossary", lambda path: _Unsuggesting())
    try:
        g = F.suggesting_glossary("broken", "v-broken")
        assert isinstance(g, _Unsuggesting)
        F._warm_suggestions("broken", "v-broken")  # in a thread: must not raise either
        _write_partial(tmp_path, "a", {
            "surface": ["テスト"], "romaji": [None], "count": [2], "n_docs": [1], "example": ["テスト例"],
            "example_key": ["a:00000000"], "suggested_entity_id": [None], "score": [None],
        })
        assert candidate_aggregate.aggregate_candidates(tmp_path, ["a"], {b"k": b"v"}, g.suggest) == 1
        row = pq.read_table(tmp_path / "candidates" / "part-0.parquet").to_pylist()[0]
        assert (row["romaji"], row["suggested_entity_id"], row["score"]) == (None, None, None)
    finally:
        F._suggesting_glossary.cache_clear()


def test_a_glossary_changed_during_the_run_is_not_cached_under_the_old_version(monkeypatch):
    # The key is the version read at the start of the run; a file that changed since must not
    # be served later (in a long-lived `tadasu serve`) as that version.
    F._suggesting_glossary.cache_clear()
    loaded = []

    class G:
        def __init__(self, version):
            self.version = version

        def suggest(self, surface):
            return None, 0.0, ""

    versions = iter(["v2", "v1"])
    monkeypatch.setattr(F, "load_glossary", lambda path: loaded.append(1) or G(next(versions)))
    try:
        assert F.suggesting_glossary("p", "v1").version == "v2"  # what the file holds now
        assert F.suggesting_glossary("p", "v1").version == "v1"  # reloaded, not the stale one
        assert F.suggesting_glossary("p", "v1").version == "v1" and len(loaded) == 2  # cached
    finally:
        F._suggesting_glossary.cache_clear()


def test_candidate_merge_takes_the_example_of_the_smallest_key():
    # Keys that are prefixes of one another, examples with NUL and characters below and above
    # any key character: the merge by `min(key NUL example)` equals the sort-based definition.
    import pyarrow as pa

    rng = random.Random(3)
    alphabet = ["\x00", "\x01", " ", "0", ":", "a", "z", "語", "\U0001f600"]
    rows = []
    for _ in range(400):
        key = "k" + "".join(rng.choice(["0", "1", ":"]) for _ in range(rng.randint(0, 3)))
        rows.append((rng.choice("ab"), key, "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4)))))
    seen, uniq = set(), []
    for s, k, e in rows:  # example keys are unique per surface (one per document)
        if (s, k) not in seen:
            seen.add((s, k))
            uniq.append((s, k, e))
    parts = [uniq[i::3] for i in range(3)]
    tables = [candidate_aggregate._keyed(pa.table({
        "surface": [s for s, _, _ in p], "count": pa.array([1] * len(p), pa.int64()),
        "n_docs": pa.array([1] * len(p), pa.int64()), "example": [e for _, _, e in p],
        "example_key": [k for _, k, _ in p],
    })) for p in parts]
    merged = candidate_aggregate._merge_partials([candidate_aggregate._merge_partials(tables[:2]), tables[2]])
    assert merged.schema.field("count").type == pa.int64() and merged.schema.field("n_docs").type == pa.int64()
    import pyarrow.compute as pc

    got = dict(zip(merged["surface"].to_pylist(),
                   pc.list_element(pc.split_pattern(merged["key_example"], candidate_aggregate._SEP, max_splits=1), 1).to_pylist()))
    want = {}
    for s, k, e in sorted(uniq, key=lambda r: (r[0], r[1].encode())):
        want.setdefault(s, e)
    assert got == want
    counts = dict(zip(merged["surface"].to_pylist(), merged["count"].to_pylist()))
    assert counts == {s: sum(1 for r in uniq if r[0] == s) for s in want}
