"""The worker pool of `--workers N` (flows.pool): real spawned processes, no Prefect server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from flows import pool
from flows.process import RunContext, ShardsFailed, load_glossary, process_batch
from flows.shards import plan_shards
from flows.ingest import discover

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def _batch(out: Path, shard_size: int = 3) -> tuple[list[dict], dict]:
    files, _ = discover([str(SAMPLE)])
    plan = plan_shards(files, shard_size, 1 << 20)
    # glossary None: the shipped one, whose version a shard checks and records
    ctx = RunContext(out=str(out), glossary=None, config={}, pipeline_version="p",
                     glossary_version=load_glossary(None).version, config_fingerprint="c", max_doc_bytes=1 << 20)
    batch = [{"spec": s.to_dict(), "fp": f"fp-{s.shard_id}"} for s in plan.shards]
    return batch, {k: getattr(ctx, k) for k in ctx.__slots__}


def _part_bytes(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


def _without_seconds(manifests: list[dict]) -> list[dict]:
    return [{k: v for k, v in m.items() if k != "seconds"} for m in manifests]


def test_pool_writes_what_the_flow_process_writes_and_its_workers_do_not_import_prefect(tmp_path):
    here, there = tmp_path / "here", tmp_path / "there"
    batch_here, ctx_here = _batch(here)
    batch_there, ctx_there = _batch(there)
    want = process_batch(batch_here, ctx_here)
    with pool.ShardPool(2, None, {}) as p:
        got = p.run_batch(batch_there, ctx_there)
        modules = p.call(eval, "sorted(__import__('sys').modules)")
    assert _without_seconds(got) == _without_seconds(want)
    assert _part_bytes(there) == _part_bytes(here)
    assert "normalizers.normalizer" in modules  # the initializer loaded the normalizer
    assert not [m for m in modules if m == "prefect" or m.startswith("prefect.")]


def test_a_failing_shard_fails_its_batch_with_its_own_message(tmp_path):
    batch, ctx = _batch(tmp_path)
    batch[1]["spec"]["files"][0]["path"] = str(tmp_path / "gone.jsonl")  # vanished since planning
    with pool.ShardPool(2, None, {}) as p:
        with pytest.raises(ShardsFailed, match=batch[1]["spec"]["shard_id"]):
            p.run_batch(batch, ctx)
    done = sorted(q.stem for q in (tmp_path / "_state" / "shards").glob("*.json"))
    assert done == sorted(b["spec"]["shard_id"] for i, b in enumerate(batch) if i != 1)


def test_a_dead_worker_fails_one_attempt_and_the_next_gets_new_processes(tmp_path):
    batch, ctx = _batch(tmp_path)
    with pool.ShardPool(1, None, {}) as p:
        (before,) = p.pids()
        with pytest.raises(pool.WorkerDied, match=f"worker process {before} died"):
            p.call(os._exit, 9)  # the only worker dies while it has the call
        ms = p.run_batch(batch, ctx)
        (after,) = p.pids()
        assert after != before
    assert len(ms) == len(batch)


def test_a_worker_killed_during_a_batch_fails_that_batch_and_the_retry_gets_a_new_one(tmp_path):
    batch, ctx = _batch(tmp_path)
    with pool.ShardPool(1, None, {}) as p:
        (real,) = p.pids()
        # The batch's own call meets the death (the worker kills itself while it has it).
        with pytest.raises(pool.WorkerDied):
            p.call(os.kill, real, signal.SIGKILL)
        assert len(p.run_batch(batch, ctx)) == len(batch)
        assert p.pids() != [real]
        # Killed from outside while idle: the next batch gets a new process, and succeeds.
        (second,) = p.pids()
        os.kill(second, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while _alive(second) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(p.run_batch(batch, ctx)) == len(batch)
        assert second not in p.pids()


def test_a_failing_call_reports_the_workers_traceback(tmp_path):
    with pool.ShardPool(1, None, {}) as p:
        with pytest.raises(ZeroDivisionError) as info:
            p.call(eval, "1 / 0")
    text = pool.worker_traceback(info.value)
    assert text and "Traceback" in text and "ZeroDivisionError" in text


def test_take_reuses_the_early_pool_only_for_the_same_run_settings():
    pool.start_early(2, None, {"a": 1})
    early = pool._early
    token = pool.take(2, None, {"a": 1})
    assert pool.pool_of(token) is early and pool._early is None
    pool.release(token)
    assert pool.pool_of(token) is None

    pool.start_early(2, None, {"a": 1})
    other = pool._early
    token = pool.take(2, None, {"a": 2})  # another config: the early pool is stopped, a new one started
    assert pool.pool_of(token) is not other
    assert other.closed
    pool.release(token)
    pool.release(token)  # idempotent


def test_held_kills_the_workers_when_the_block_raises(tmp_path):
    token = pool.take(2, None, {})
    p = pool.pool_of(token)
    pids = p.pids()
    with pytest.raises(KeyboardInterrupt):
        with pool.held(token):
            busy = [tmp_path / f"busy-{i}" for i in range(len(pids))]
            for marker in busy:  # each worker says when it has its (long) call
                code = f"import pathlib, time; pathlib.Path({str(marker)!r}).touch(); time.sleep(60)"
                threading.Thread(target=_ignore_death, args=(p, code), daemon=True).start()
            while not all(m.exists() for m in busy):
                time.sleep(0.05)
            t0 = time.monotonic()  # every worker is busy with its call
            raise KeyboardInterrupt
    assert time.monotonic() - t0 < 30  # not after the batches under way
    assert pool.pool_of(token) is None
    assert not [pid for pid in pids if _alive(pid)]


def test_run_batch_without_a_pool_runs_here_and_an_unknown_token_is_an_error(tmp_path):
    batch, ctx = _batch(tmp_path)
    assert len(pool.run_batch(batch, ctx, None)) == len(batch)
    with pytest.raises(RuntimeError, match="no worker pool"):
        pool.run_batch(batch, ctx, "no-such-token")


def test_workers_exit_when_the_flow_process_is_killed(tmp_path):
    """A SIGKILLed flow process leaves no worker behind (they would wait on their queue forever)."""
    code = textwrap.dedent("""
        import os, signal, sys
        from flows import pool
        p = pool.ShardPool(2, None, {})
        pids = sorted(p.call(os.getpid) for _ in range(4))
        print(" ".join(str(pid) for pid in p.pids()), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with out.open("w") as o, err.open("w") as e:  # files: a worker left behind would hold a pipe open
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=o, stderr=e, timeout=120)
    pids = [int(x) for x in out.read_text().split()]
    assert len(pids) == 2, err.read_text()[-2000:]
    deadline = time.monotonic() + 30
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in pids if _alive(pid)]
    assert not alive


def _ignore_death(p: pool.ShardPool, code: str) -> None:
    try:
        p.call(exec, code)
    except pool.WorkerDied:
        pass  # killed by the test, as meant


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie leader whose other threads (the parent watch) are still exiting has not closed its
    # files yet: the pool cannot see it dead until the last thread is gone.
    stat, tasks = Path(f"/proc/{pid}/stat"), Path(f"/proc/{pid}/task")
    try:
        zombie = stat.read_text().split(") ", 1)[1].startswith("Z")
        return not (zombie and len(list(tasks.iterdir())) <= 1)
    except (FileNotFoundError, ProcessLookupError):
        return False
