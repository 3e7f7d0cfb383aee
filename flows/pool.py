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

Built on `multiprocessing`'s public Process and Pipe (not concurrent.futures, whose workers can be
stopped at once only through its private attributes): the pool owns its processes, so it can kill
them, replace a dead one, and send back a failing call's traceback as text (a worker's stderr is
seen by nobody when a Prefect worker runs the flow).

No Prefect here: this module is imported by the worker processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import time
import traceback
import uuid
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator

from flows.process import get_normalizer, process_batch

# Warms what the first shard would otherwise pay for: the compiled glossary and the number
# tagger's and the candidate miner's first calls.
_WARM_TEXT = "東京都で5,000円の会議。"
_PARENT_POLL_SECONDS = 1.0
_STOP = b""  # sent instead of a call: the worker exits


class WorkerDied(Exception):
    """A worker process ended while it had a batch (killed, out of memory, a crash in native
    code, Ctrl-C): the batch fails; the next call gets a new process (the task's retry)."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker process (set as its `__cause__`)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def worker_traceback(exc: BaseException) -> str | None:
    """The worker-side traceback of an exception a worker call raised, else None."""
    cause = exc.__cause__
    return str(cause) if isinstance(cause, RemoteTraceback) else None


def _exit_with_parent(parent: int) -> None:
    """A worker whose flow process died (even by SIGKILL) exits instead of waiting forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="tadasu-exit-with-parent", daemon=True).start()


def _warm(glossary: str | None, config: dict) -> None:
    normalizer = get_normalizer(glossary, config)
    doc = normalizer.normalize(_WARM_TEXT)
    if normalizer.glossary is not None:
        list(normalizer.glossary.candidates(doc.text, []))


def _answer(fn: Callable, args: tuple) -> tuple[bool, Any]:
    try:
        return True, fn(*args)
    except Exception as e:  # noqa: BLE001 - sent back with its traceback: the flow logs both
        return False, (e, traceback.format_exc())


def _send(conn: Connection, ok: bool, value: Any) -> None:
    try:
        conn.send((ok, value))
    except Exception:  # noqa: BLE001 - a result or exception that does not pickle: its text
        text = value[1] if not ok else ""
        conn.send((False, (RuntimeError(f"unpicklable result: {traceback.format_exc()}"), text)))


def _serve(conn: Connection, parent: int, glossary: str | None, config: dict) -> None:
    """A worker process: warm the normalizer, then answer calls until told to stop."""
    # Ctrl-C reaches the whole process group: stop at once, without a traceback per process
    # (part files are written atomically; the flow process reports the interruption). Unless
    # the flow process ignores it (started in the background): then so do its workers.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, lambda signum, frame: os._exit(128 + signum))
    _exit_with_parent(parent)
    warmed = _answer(_warm, (glossary, config))
    if not warmed[0]:  # the shards then fail with the same error, each with its own message
        print(f"tadasu worker {os.getpid()}: warm-up failed:\n{warmed[1][1]}", file=sys.stderr, flush=True)
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if data == _STOP:
            return
        try:
            fn, args = pickle.loads(data)
        except Exception as e:  # noqa: BLE001 - e.g. the function's module does not import here
            _send(conn, False, (e, traceback.format_exc()))
            continue
        _send(conn, *_answer(fn, args))


class _Worker:
    """One spawned process and the flow process's end of its pipe."""

    def __init__(self, context, initargs: tuple) -> None:
        self.conn, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, *initargs), name="tadasu-worker", daemon=True)
        self.process.start()
        child_end.close()
        self.dead = False  # its pipe broke: replaced before its next call, whatever is_alive says

    def gone(self) -> bool:
        """Dead, by its broken pipe or its sentinel (closed when the process ends, even if another
        waiter reaped it first: then `is_alive` cannot tell, its waitpid failing)."""
        return self.dead or bool(wait([self.process.sentinel], timeout=0)) or not self.process.is_alive()

    def died(self) -> WorkerDied:
        self.dead = True
        self.process.join(timeout=5)
        return WorkerDied(f"worker process {self.process.pid} died (exit code {self.process.exitcode})")

    def call(self, fn: Callable, args: tuple) -> Any:
        data = pickle.dumps((fn, args))  # (a call that does not pickle fails here, in the caller)
        try:
            self.conn.send_bytes(data)
            wait([self.conn, self.process.sentinel])
            ok, value = self.conn.recv()  # a result sent just before dying is still read
        except (EOFError, OSError):
            raise self.died() from None
        if ok:
            return value
        exc, text = value
        raise exc from RemoteTraceback(text)

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.terminate()
            self.process.join(timeout=10)
        elif self.process.is_alive():
            try:
                self.conn.send_bytes(_STOP)
            except OSError:
                pass  # already gone
        self.conn.close()


def wanted(workers: int, dask_address: str | None, cluster: str) -> bool:
    """`--workers N > 1` without Dask: the shards run in a ShardPool of N processes."""
    return workers > 1 and not dask_address and cluster == "process"


def pool_key(workers: int, glossary: str | None, config: dict) -> tuple:
    return workers, glossary, json.dumps(config, sort_keys=True)


class ShardPool:
    """`workers` processes, started at once (spawn: a fresh interpreter, not a fork of a process
    that runs Prefect's threads). `call` and `run_batch` block their thread until a worker is
    free and has answered; a dead worker is replaced when it is next needed."""

    def __init__(self, workers: int, glossary: str | None, config: dict):
        self.key = pool_key(workers, glossary, config)
        self.workers = workers
        self._context = multiprocessing.get_context("spawn")
        self._initargs = (os.getpid(), glossary, config)
        self._all: list[_Worker] = [_Worker(self._context, self._initargs) for _ in range(workers)]
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self.closed = False
        for w in self._all:
            self._idle.put(w)

    def pids(self) -> list[int]:
        """The worker processes' ids (those alive or not yet reaped)."""
        with self._lock:
            return [w.process.pid for w in self._all]

    def _replace(self, dead: _Worker) -> _Worker:
        with self._lock:
            if self.closed:
                raise WorkerDied("the worker pool is closed")
            dead.stop(kill=True)
            new = _Worker(self._context, self._initargs)
            self._all[self._all.index(dead)] = new
            return new

    def call(self, fn: Callable, *args: Any) -> Any:
        """`fn(*args)` in a free worker (fn must be importable there by its module name)."""
        w = self._idle.get()
        try:
            if w.gone():  # died since its last call: a new process now
                w = self._replace(w)
            return w.call(fn, args)
        finally:
            self._idle.put(w)

    def run_batch(self, batch: list[dict], ctx: dict) -> list[dict]:
        return self.call(process_batch, batch, ctx)

    def close(self, kill: bool = False) -> None:
        """Stop the workers: idle ones exit once told (not waited for: their teardown overlaps
        with the end of the run; multiprocessing reaps them at exit). `kill`: terminate them at
        once and wait (an interrupted or failed run)."""
        with self._lock:
            self.closed = True
            workers = list(self._all)
        for w in workers:
            w.stop(kill)

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


def pool_of(token: str) -> ShardPool | None:
    with _registry_lock:
        return _running.get(token)


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
    pool = pool_of(token)
    if pool is None:
        raise RuntimeError(f"no worker pool {token} in this process (the flow run that started it has ended)")
    return pool.run_batch(batch, ctx)


def local_worker_count(workers: int, dask_address: str | None, warn: Callable[..., Any]) -> int:
    """Worker processes to start on this machine: at least 1, at most one per CPU core (each
    loads its own normalizer, ~100 MB: `--workers 500` would start 500 of them for no gain).
    A Dask cluster elsewhere (`dask_address`) sizes itself: no cap."""
    workers = max(1, workers)
    cores = os.cpu_count() or 1
    if dask_address is None and workers > cores:
        warn("--workers %d is more than this machine's %d CPU cores: using %d", workers, cores, cores)
        return cores
    return workers
