"""The candidate aggregate's fast paths (flows.candidate_aggregate): the partials read in one dataset scan per
chunk, and the suggestions asked of the glossary's `suggest_many` at once: the same table as
one read per file and one `suggest` per surface."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from flows import datasets as ds
from flows import candidate_aggregate
from flows.process import candidates_partial_path


def _write_partials(out: Path, n_shards: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    surfaces = [f"テスト{i}" for i in range(30)] + ["", "x"]
    ids = [f"{i:016x}" for i in range(n_shards)]
    for k, sid in enumerate(ids):
        chosen = sorted(set(rng.sample(surfaces, rng.randint(0, 10))) | ({"テスト3"} if k == 1 else set()))
        n = len(chosen)
        t = ds.table("candidates", {
            "surface": chosen, "romaji": [None] * n, "count": [rng.randint(1, 9) for _ in chosen],
            "n_docs": [1] * n, "example": [f"{s}@{sid}" for s in chosen],
            "example_key": [f"{sid}:{rng.randint(0, 99):08d}" for _ in chosen],
            "suggested_entity_id": [None] * n, "score": [None] * n,
        }, None, ds.CANDIDATE_PARTIAL)
        ds.write_atomic(t, candidates_partial_path(out, sid))
    return ids


def test_one_scan_reads_the_rows_of_every_file(tmp_path):
    ids = _write_partials(tmp_path, 9, seed=1)
    per_file = pa.concat_tables(
        [pq.read_table(candidates_partial_path(tmp_path, s), columns=candidate_aggregate._PARTIAL_COLUMNS) for s in ids]
    )
    scanned = candidate_aggregate._read_partials(tmp_path, ids)
    assert scanned.schema == per_file.schema
    assert sorted(scanned.to_pylist(), key=repr) == sorted(per_file.to_pylist(), key=repr)
    first = candidates_partial_path(tmp_path, ids[0])
    assert candidate_aggregate._read_partials(tmp_path, ids[:1]).num_rows == pq.read_metadata(first).num_rows


class _Glossary:
    """suggest / suggest_many that agree, and count how they are called."""

    def __init__(self, many_fails: bool = False):
        self.single = 0
        self.many: list[list[str]] = []
        self.many_fails = many_fails

    def suggest(self, surface):
        self.single += 1
        if surface == "テスト3":
            raise ValueError("no romaji")  # this one surface gets null suggestions
        return (f"E{len(surface)}" if len(surface) > 4 else None), len(surface) / 10, surface.lower()

    def suggest_many(self, surfaces):
        self.many.append(list(surfaces))
        if self.many_fails:
            raise RuntimeError("batch broken")
        return [self.suggest(s) if s != "テスト3" else (None, 0.0, "") for s in surfaces]


def _aggregate(out: Path, ids: list[str], suggest, suggest_many=None) -> list[dict]:
    n = candidate_aggregate.aggregate_candidates(out, ids, {b"k": b"v"}, suggest, suggest_many)
    rows = pq.read_table(out / "candidates" / "part-0.parquet").to_pylist()
    assert n == len(rows)
    return rows


def test_suggest_many_answers_for_every_surface_at_once(tmp_path):
    ids = _write_partials(tmp_path, 12, seed=2)
    g = _Glossary()
    per_surface = _aggregate(tmp_path, ids, g.suggest)
    assert g.many == [] and g.single == len(per_surface)
    g = _Glossary()
    batched = _aggregate(tmp_path, ids, g.suggest, g.suggest_many)
    assert len(g.many) == 1 and g.many[0] == [r["surface"] for r in batched]
    # suggest_many's own answer for テスト3 (it did not fail there) vs null per surface: the
    # batch was used for every row, the rest equal.
    diff = [(a, b) for a, b in zip(per_surface, batched) if a != b]
    assert [a["surface"] for a, _ in diff] == ["テスト3"]
    assert diff[0][0]["romaji"] is None and diff[0][1]["romaji"] == ""


def test_a_failing_suggest_many_falls_back_to_each_surface(tmp_path):
    ids = _write_partials(tmp_path, 12, seed=3)
    per_surface = _aggregate(tmp_path, ids, _Glossary().suggest)
    g = _Glossary(many_fails=True)
    assert _aggregate(tmp_path, ids, g.suggest, g.suggest_many) == per_surface
    assert len(g.many) == 1 and g.single == len(per_surface)
    assert any(r["romaji"] is None for r in per_surface) and any(r["romaji"] for r in per_surface)
