"""The flow process warms the candidates' suggestions while its workers normalize
(flows.suggestions.SuggestionWarmer, flows.flow._warm_now); no Prefect server."""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path

import pyarrow.parquet as pq

import flows.flow as F
from flows import datasets as ds
from flows import output
from flows.process import candidates_partial_path
from flows.suggestions import SuggestionWarmer, take_merge


def _write_partial(out: Path, shard_id: str, surfaces: list[str]) -> None:
    n = len(surfaces)
    rows = {"surface": surfaces, "romaji": [None] * n, "count": [len(s) for s in surfaces], "n_docs": [1] * n,
            "example": [f"{s} in {shard_id}" for s in surfaces], "example_key": [f"{shard_id}:0"] * n,
            "suggested_entity_id": [None] * n, "score": [None] * n, "label_guess": ["ORG"] * n,
            "line_keys": [[7, len(s)] for s in surfaces], "line_docs": [[1, 2]] * n}
    ds.write_atomic(ds.table("candidates", rows, None, ds.CANDIDATE_PARTIAL), candidates_partial_path(out, shard_id))


class _Recording:
    """A glossary whose suggest_many records what it is asked; `done` is set once `expect` surfaces were."""

    def __init__(self, expect: int) -> None:
        self.asked: list[str] = []
        self.expect = expect
        self.done = threading.Event()

    def suggest_many(self, surfaces):
        self.asked += surfaces
        if len(self.asked) >= self.expect:
            self.done.set()
        return [(None, None, s) for s in surfaces]


def test_the_warmer_romanizes_each_new_surface_of_the_shards_it_is_given_once(tmp_path):
    _write_partial(tmp_path, "a", ["ナデラ", "OpenAI", "スミス"])
    _write_partial(tmp_path, "b", ["スミス", "アルトマン"])
    g = _Recording(expect=4)
    loads = []
    warmer = SuggestionWarmer(lambda: loads.append(1) or g, tmp_path, lambda *a: None)
    warmer.add(["a"])
    warmer.add(iter(["b"]))  # (the flow hands it a generator)
    assert g.done.wait(timeout=120)
    warmer.stop()
    assert sorted(g.asked) == sorted(["ナデラ", "OpenAI", "スミス", "アルトマン"]) and loads == [1]


def test_finalize_reads_only_the_partials_the_warmer_did_not_merge_and_writes_the_same(tmp_path, monkeypatch):
    ids = [f"s{i}" for i in range(6)]
    for i, sid in enumerate(ids):
        _write_partial(tmp_path, sid, [f"語{j}" for j in range(i, i + 5)] + ["OpenAI"])
    meta = {b"k": b"v"}

    def suggest_many(surfaces):
        return [(f"e-{s}", 0.95, s.lower()) for s in surfaces]

    n = output.aggregate_candidates(tmp_path, ids, meta, None, suggest_many)
    assert n > 5
    from_scratch = pq.read_table(tmp_path / "candidates" / "part-0.parquet")
    g = _Recording(expect=9)  # 語0..語7 and OpenAI
    warmer = SuggestionWarmer(lambda: g, tmp_path, lambda *a: None)
    warmer.add(ids[:2])
    warmer.add(ids[1:4])  # (a retried batch gives its finished shards again: merged once)
    assert g.done.wait(timeout=120)
    warmer.stop()
    token = warmer.publish()
    read: list[str] = []
    partials = output._read_partials
    monkeypatch.setattr(output, "_read_partials", lambda out, shard_ids: read.extend(shard_ids) or partials(out, shard_ids))
    assert output.aggregate_candidates(tmp_path, ids, meta, None, suggest_many, take_merge(token)) == n
    assert sorted(read) == ids[4:]
    assert pq.read_table(tmp_path / "candidates" / "part-0.parquet").equals(from_scratch)
    assert take_merge(token) is None  # once: a retried finalize-run reads every partial


def test_a_failing_warmer_logs_and_stop_still_returns(tmp_path):
    logged = []

    def broken():
        raise RuntimeError("no pykakasi")

    warmer = SuggestionWarmer(broken, tmp_path, lambda *a: logged.append(a))
    warmer.add(["missing"])
    warmer.stop()
    assert logged and "no pykakasi" in repr(logged[0])
    assert warmer.publish() is None  # no merge: finalize-run reads every partial


def test_one_worker_warms_at_once_n_workers_on_n_cores_from_the_last_batch(monkeypatch):
    monkeypatch.setattr(F.os, "cpu_count", lambda: 2)
    assert F._warm_now("token", 1, deque([["batch"]]))  # a core is free: at once
    assert not F._warm_now("token", 2, deque([["batch"]]))  # the cores are the workers'
    assert F._warm_now("token", 2, deque())  # last batch handed out
    assert F._warm_now(None, 8, deque()) and not F._warm_now(None, 1, deque())  # Dask as before
