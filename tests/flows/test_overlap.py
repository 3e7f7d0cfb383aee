"""Work the flow does beside the normalizer, moved off its path (issue 21): a shard's files are
written in process.ShardWriter's thread while the next shard is normalized."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows import datasets as ds
from flows import process
from flows.process import ShardsFailed, manifest_path, process_batch
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
