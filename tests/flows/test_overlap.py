"""Work the flow does beside the normalizer, moved off its path (issue 21): a shard's files are
written in process.ShardWriter's thread while the next shard is normalized, and the candidates'
suggestions are worked out in flows.suggestions' helper process while the shards run."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows import datasets as ds
from flows import process
from flows import suggestions
from flows.process import ShardsFailed, candidates_partial_path, manifest_path, process_batch
from flows.shards import plan_shards
from flows.ingest import discover

WRITER_THREAD = "tadasu-shard-writer"  # what process.ShardWriter names its thread


def _input(tmp_path: Path, n: int = 6) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.dumps({"id": f"d{i}", "text": f"ソフトバンクのスミス氏は{i + 1}億ドルを投じた。ブルーベリー社のジョン・スミス氏も。"},
                        ensure_ascii=False) for i in range(n)]
    (src / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


def _batch(tmp_path: Path, shard_size: int = 2) -> tuple[list[dict], dict, list[str]]:
    files, skipped = discover([str(_input(tmp_path))])
    plan = plan_shards(list(files) + list(skipped), shard_size, 1 << 20)
    out = tmp_path / "out"
    ctx = dict(out=str(out), glossary=None, config={}, pipeline_version="p", glossary_version=None,
               config_fingerprint="c", max_doc_bytes=1 << 20, fail_fast=False)
    ctx["glossary_version"] = process.load_glossary(None).version
    batch = [{"spec": s.to_dict(), "fp": f"fp-{s.shard_id}"} for s in plan.shards]
    return batch, ctx, [s.shard_id for s in plan.shards]


def test_a_shards_files_are_written_while_the_next_shard_is_normalized(tmp_path, monkeypatch):
    batch, ctx, ids = _batch(tmp_path)
    assert len(ids) == 3
    second_started = threading.Event()
    waited: list[bool] = []
    writers: set[str] = set()
    read_shard, write_atomic = process.read_shard, ds.write_atomic

    def reading(spec, *args):
        if spec.shard_id == ids[1]:
            second_started.set()
        return read_shard(spec, *args)

    def writing(table, path):
        writers.add(threading.current_thread().name)
        if ids[0] in path.name and not waited:
            # Written in line, the first shard's parts would come before the second shard is
            # read: this wait would time out. Overlapped, the second shard starts meanwhile.
            waited.append(second_started.wait(timeout=60))
        return write_atomic(table, path)

    monkeypatch.setattr(process, "read_shard", reading)
    monkeypatch.setattr(ds, "write_atomic", writing)
    manifests = process_batch(batch, ctx)
    assert waited == [True]
    assert writers and all(name.startswith(WRITER_THREAD) for name in writers)
    assert [m["shard_id"] for m in manifests] == ids
    out = Path(ctx["out"])
    for m in manifests:
        assert json.loads(manifest_path(out, m["shard_id"]).read_text()) == m
        assert m["rows"]["documents"] == 2
        for name in ds.DATASETS:
            assert pq.read_table(ds.part_path(out, name, m["shard_id"])).num_rows == m["rows"][name]
    assert not list((out / "_state" / "writing").glob("*.json"))  # every intent replaced by its manifest


def test_a_failed_background_write_fails_its_shard_alone_and_a_retry_redoes_only_it(tmp_path, monkeypatch):
    # (Held before the writer thread too: the guard that moving the writing kept it.)
    batch, ctx, ids = _batch(tmp_path)
    write_atomic = ds.write_atomic

    def failing(table, path):
        if path.name == f"part-{ids[1]}.parquet" and path.parent.name == "edits":
            raise OSError("disk full")
        return write_atomic(table, path)

    monkeypatch.setattr(ds, "write_atomic", failing)
    with pytest.raises(ShardsFailed, match=f"{ids[1]}.*OSError: disk full") as e:
        process_batch(batch, ctx)
    assert e.value.retryable
    out = Path(ctx["out"])
    assert [manifest_path(out, i).exists() for i in ids] == [True, False, True]
    monkeypatch.setattr(ds, "write_atomic", write_atomic)
    done = []
    shard = process.process_shard
    monkeypatch.setattr(process, "process_shard", lambda spec, *a, **k: done.append(spec.shard_id) or shard(spec, *a, **k))
    assert [m["shard_id"] for m in process_batch(batch, ctx)] == ids
    assert done == [ids[1]]


def _partials(out: Path) -> list[str]:
    shards = {"a" * 16: ["ブルーベリー", "アルトマソ", "Kestrel"], "b" * 16: ["アルトマソ", "ジョン・スミス", "Nvidia Corp"]}
    for shard_id, surfaces in shards.items():
        n = len(surfaces)
        rows = {"surface": surfaces, "romaji": [None] * n, "count": [1] * n, "n_docs": [1] * n,
                "example": surfaces, "example_key": [f"{shard_id}:0"] * n, "suggested_entity_id": [None] * n,
                "score": [None] * n}
        ds.write_atomic(ds.table("candidates", rows, None, ds.CANDIDATE_PARTIAL), candidates_partial_path(out, shard_id))
    return list(shards)


def test_the_helper_answers_as_the_glossary_does(tmp_path):
    ids = _partials(tmp_path)
    g = process.load_glossary(None)
    asked = ["アルトマソ", "ジョン・スミス", "Kestrel", "ブルーベリー", "Nvidia Corp", "ナデラ", "Open AI"]
    with suggestions.started(str(tmp_path), {}) as token:
        helper = suggestions.helper_of(token)
        helper.shards_done(ids[:1])
        helper.shards_done(ids[1:])
        got = helper.suggest_many(asked)
        assert helper.error is None
    assert suggestions.helper_of(token) is None
    assert got == [tuple(a) for a in g.suggest_many(asked)]
    assert any(entity for entity, _, _ in got)  # a real suggestion among them, not only nulls


def test_a_failing_helper_leaves_the_suggestions_to_the_flow_process(tmp_path):
    _partials(tmp_path)
    warned: list[str] = []
    asked = ["アルトマソ", "Kestrel"]
    g = process.load_glossary(None)
    with suggestions.started(str(tmp_path), {}, str(tmp_path / "no-such-glossary")) as token:
        helper = suggestions.helper_of(token)
        many = suggestions.local_fallback(helper, lambda: g, lambda msg, *a: warned.append(msg % a))
        assert many(asked) == g.suggest_many(asked)
    assert helper.error is not None
    assert len(warned) == 1 and "suggestion helper process failed" in warned[0]


@pytest.mark.slow
def test_a_run_leaves_the_romaji_index_to_the_helper_and_writes_the_same_candidates(prefect_server, tmp_path,
                                                                                    monkeypatch):
    import flows.flow as F

    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    built: list[str] = []
    local = F.suggesting_glossary

    def in_the_flow_process(glossary, version):
        built.append(glossary)
        return local(glossary, version)

    monkeypatch.setattr(F, "suggesting_glossary", in_the_flow_process)
    with prefect_server.settings():
        state = F.normalize_corpus(inputs=[str(sample)], out=str(tmp_path / "out"), workers=1, return_state=True)
    assert state.is_completed(), state
    assert built == []  # the flow process never built the index: the helper answered
    got = pq.read_table(tmp_path / "out" / "candidates" / "part-0.parquet").to_pylist()
    assert got
    g = process.load_glossary(None)
    expected = g.suggest_many([r["surface"] for r in got])
    assert [(r["suggested_entity_id"], r["score"], r["romaji"]) for r in got] == [tuple(e) for e in expected]
