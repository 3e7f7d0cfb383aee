"""The worker processes of `--workers N` (N > 1): plain Python processes that normalize batches of
shards (`process.process_batch`) for the flow's normalize-shards tasks, which run in threads of
the flow process and wait for them.

Why not Prefect's ProcessPoolTaskRunner: each of its processes imports Prefect and runs the task
engine (settings, an API client, task-run states and events) next to the work: ~1.6 s of CPU per
process before its first shard and more per task run, on the cores the shards need. These
processes import only the normalizer (~0.4 s) and load the glossary; the task runs (their
states, logs, retries) stay in the flow process, where the UI shows them as before. The CLI
starts the pool before the flow (`start_early`), so the processes start while the temporary
server boots; the flow takes that pool when it matches (`take`), else starts one.

No Prefect here: this module is imported by the worker processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Iterator

from .process import get_normalizer, process_batch

# Warms what the first shard would otherwise pay for: the compiled glossary and the number
# tagger's and the candidate miner's first calls.
_WARM_TEXT = "東京都で5,000円の会議。"
_PARENT_POLL_SECONDS = 1.0


def _exit_with_parent(parent: int) -> None:
    """A worker whose flow process died (even by SIGKILL) exits instead of waiting forever on a
    queue that nobody feeds (each worker holds the queue's write end too, so it never sees EOF)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="tadasu-exit-with-parent", daemon=True).start()


def _init_worker(parent: int, glossary: str | None, config: dict) -> None:
    """Each worker process, once. Never raises: an initializer that raises breaks the whole pool;
    a glossary that does not load fails the shards instead, each with its own message."""
    # Ctrl-C reaches the whole process group: stop at once, without a traceback per process
    # (part files are written atomically; the flow process reports the interruption). Unless
    # the flow process ignores it (started in the background): then so do its workers.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, lambda signum, frame: os._exit(128 + signum))
    _exit_with_parent(parent)
    try:
        normalizer = get_normalizer(glossary, config)
        doc = normalizer.normalize(_WARM_TEXT)
        g = normalizer.glossary
        if g is not None and hasattr(g, "candidates"):
            list(g.candidates(doc.text, []))
    except Exception:  # noqa: BLE001
        pass


def wanted(workers: int, dask_address: str | None, cluster: str) -> bool:
    """`--workers N > 1` without Dask: the shards run in a ShardPool of N processes."""
    return workers > 1 and not dask_address and cluster == "process"


def pool_key(workers: int, glossary: str | None, config: dict) -> tuple:
    return workers, glossary, json.dumps(config, sort_keys=True)


class ShardPool:
    """`workers` processes, started at once (spawn: a fresh interpreter, not a fork of a process
    that runs Prefect's threads). `run_batch` blocks its calling thread until the batch is done."""

    def __init__(self, workers: int, glossary: str | None, config: dict):
        self.key = pool_key(workers, glossary, config)
        self.workers = workers
        self._initargs = (os.getpid(), glossary, config)
        self._lock = threading.Lock()
        self._broken = False
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_init_worker, initargs=self._initargs)
        for _ in range(self.workers):  # one process per submit while none is idle: all start now
            executor.submit(os.getpid)
        return executor

    def run_batch(self, batch: list[dict], ctx: dict) -> list[dict]:
        with self._lock:
            if self._broken:  # new processes for the next attempt (the task's retry)
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._start()
                self._broken = False
            executor = self._executor
        try:
            return executor.submit(process_batch, batch, ctx).result()
        except BrokenProcessPool:
            # A worker died (killed, out of memory, a crash in native code, Ctrl-C): its batch
            # fails. Not replaced here: an interrupted run is ending, a retry replaces them.
            with self._lock:
                if self._executor is executor:
                    self._broken = True
            raise

    def close(self, kill: bool = False) -> None:
        """Stop the workers: they exit once idle, without being waited for (their interpreter
        teardown, ~0.1-0.3 s, then overlaps with the end of the run; the executor's exit hook
        reaps them before this process exits). `kill`: terminate them at once and wait (an
        interrupted or failed run)."""
        executor = self._executor
        if kill:
            for proc in list((getattr(executor, "_processes", None) or {}).values()):
                proc.terminate()
        executor.shutdown(wait=kill, cancel_futures=True)

    def __enter__(self) -> "ShardPool":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(kill=exc_type is not None)


# The pool the CLI started before the flow (at most one), and the pools of running flows by token:
# a task finds its flow's pool by the token it is given (a pool is not a task parameter).
_early: ShardPool | None = None
_running: dict[str, ShardPool] = {}
_registry_lock = threading.Lock()


def start_early(workers: int, glossary: str | None, config: dict) -> None:
    """Start the pool now (the CLI, before the flow) for a flow that will `take` it."""
    global _early
    with _registry_lock:
        if _early is not None:
            _early.close()
        _early = ShardPool(workers, glossary, config)


def take(workers: int, glossary: str | None, config: dict) -> str:
    """A token for a flow run's pool: the early pool if it was started for the same workers,
    glossary and config, else a new one. Release it with `held(token)` or `release(token)`."""
    global _early
    with _registry_lock:
        pool, _early = _early, None
    if pool is not None and pool.key != pool_key(workers, glossary, config):
        pool.close()
        pool = None
    if pool is None:
        pool = ShardPool(workers, glossary, config)
    token = uuid.uuid4().hex
    with _registry_lock:
        _running[token] = pool
    return token


def release(token: str, kill: bool = False) -> None:
    """Stop the pool's processes (after their batches, or at once with `kill`); idempotent."""
    with _registry_lock:
        pool = _running.pop(token, None)
    if pool is not None:
        pool.close(kill=kill)


@contextmanager
def held(token: str) -> Iterator[str]:
    """Release the pool when the block ends: its workers are killed if the block raised (an
    interrupted or failed run does not wait for the batches under way)."""
    try:
        yield token
    except BaseException:
        release(token, kill=True)
        raise
    release(token)


def run_batch(batch: list[dict], ctx: dict, token: str | None) -> list[dict]:
    """The batch in the pool of `token`, or in this process when there is none (1 worker, Dask)."""
    if token is None:
        return process_batch(batch, ctx)
    with _registry_lock:
        pool = _running.get(token)
    if pool is None:
        raise RuntimeError(f"no worker pool {token} in this process (the flow run that started it has ended)")
    return pool.run_batch(batch, ctx)
