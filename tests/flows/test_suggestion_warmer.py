"""The flow process warms the candidates' suggestions while its workers normalize
(flows.suggestions.SuggestionWarmer, flows.flow._warm_now); no Prefect server."""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path

import flows.flow as F
from flows import datasets as ds
from flows.process import candidates_partial_path
from flows.suggestions import SuggestionWarmer


def _write_partial(out: Path, shard_id: str, surfaces: list[str]) -> None:
    n = len(surfaces)
    rows = {"surface": surfaces, "romaji": [None] * n, "count": [1] * n, "n_docs": [1] * n,
            "example": surfaces, "example_key": [f"{shard_id}:0"] * n, "suggested_entity_id": [None] * n,
            "score": [None] * n}
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


def test_a_failing_warmer_logs_and_stop_still_returns(tmp_path):
    logged = []

    def broken():
        raise RuntimeError("no pykakasi")

    warmer = SuggestionWarmer(broken, tmp_path, lambda *a: logged.append(a))
    warmer.add(["missing"])
    warmer.stop()
    assert logged and "no pykakasi" in repr(logged[0])


def test_one_worker_warms_at_once_n_workers_on_n_cores_from_the_last_batch(monkeypatch):
    monkeypatch.setattr(F.os, "cpu_count", lambda: 2)
    assert F._warm_now("token", 1, deque([["batch"]]))  # a core is free: at once
    assert not F._warm_now("token", 2, deque([["batch"]]))  # the cores are the workers'
    assert F._warm_now("token", 2, deque())  # last batch handed out
    assert F._warm_now(None, 8, deque()) and not F._warm_now(None, 1, deque())  # Dask as before
