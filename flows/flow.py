"""The Prefect flow `normalize-corpus`: thin. One task per I/O step; the work is plain functions
(flows.ingest, flows.shards, flows.process, flows.output), testable without Prefect.

    plan-input       discover files, stream them once: shards with ids and content hashes
    prepare-output   decide which shards are finished (resume) and remove stale/partial files
    normalize-shards a batch of consecutive shards to do (see plan_batches): in the flow process
                     (1 worker), in N worker processes (flows.pool: plain processes that load the
                     normalizer while the input is planned) or on a Dask cluster, one batch per
                     worker at a time in input order; each shard writes its own part files
                     atomically and its manifest (resume is per shard)
    finalize-run     aggregate candidates, check documents in = ok + rejected on disk, run.json
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from contextlib import ExitStack
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed

from normalizers import PIPELINE_VERSION, NormalizeConfig

from . import datasets as ds
from . import output, pool
from .ingest import DEFAULT_MAX_DOC_BYTES, discover
from .process import RunContext, ShardsFailed, fewer_collections, load_glossary, shard_error
from .shards import Plan, ShardSpec, code_hash, fingerprint, plan_shards

DEFAULT_INPUT = "data/sample"
DEFAULT_OUT = "data/clean"
DEFAULT_SHARD_SIZE = 250

# Progress callbacks (the CLI's progress bar): called with (done, total) shards. Not a flow
# parameter: a callable is not serializable, and a deployment run has no terminal.
_progress_callbacks: list[Callable[[int, int, int], None]] = []


def add_progress_callback(fn: Callable[[int, int, int], None]) -> None:
    _progress_callbacks.append(fn)


def remove_progress_callback(fn: Callable[[int, int, int], None]) -> None:
    if fn in _progress_callbacks:
        _progress_callbacks.remove(fn)


def _progress(done: int, total: int, docs: int) -> None:
    for fn in list(_progress_callbacks):
        try:
            fn(done, total, docs)
        except Exception:  # noqa: BLE001 - a progress bar never fails a run
            pass


def _artifacts():
    try:
        from . import artifacts

        return artifacts
    except Exception:  # noqa: BLE001 - artifacts are optional
        return None


def _flow_run_name() -> str:
    """`<input>-<UTC time>` from the start (label_run adds the glossary version once it is known)."""
    art = _artifacts()
    return art.flow_run_name() if art is not None else "tadasu"


class RunFailed(Exception):
    """The run itself failed (not a document): the message is for the user."""


# -- tasks ---------------------------------------------------------------------------------------


_PRIMED_PLAN: dict[tuple, Plan] = {}


def _plan_key(inputs: list[str], shard_size: int, max_doc_bytes: int, files, skipped=()) -> tuple:
    stamps = []
    for f in files:
        st = os.stat(f.path)
        stamps.append((f.path, st.st_size, st.st_mtime_ns))
    # Skipped entries (never stat'ed: a broken link, a FIFO) by what discovery said of them.
    return tuple(inputs), shard_size, max_doc_bytes, tuple(stamps), tuple((s.source, s.skip) for s in skipped)


def _plan(files, skipped, shard_size: int, max_doc_bytes: int) -> Plan:
    """`skipped` (discovery's entries that are not read) become one rejected row each."""
    return plan_shards(list(files) + list(skipped), shard_size, max_doc_bytes)


def prime_plan(inputs: list[str], shard_size: int, max_doc_bytes: int, discovered=None) -> None:
    """Plan the input before the flow starts; the CLI does it while the temporary Prefect server
    boots (a core's idle wait; 0.65 s of a 250 MB run). The flow's plan-input task takes this
    plan if the files are unchanged (same paths, sizes and mtimes), else plans again. Never
    fails: the task then plans and reports the error as before. `discovered`: what `discover`
    gave for these inputs (the CLI has it from its check), else they are discovered here."""
    try:
        files, skipped = discovered if discovered is not None else discover(inputs)
        key = _plan_key(inputs, shard_size, max_doc_bytes, files, skipped)
        plan = _plan(files, skipped, shard_size, max_doc_bytes)
    except Exception:  # noqa: BLE001
        return
    _PRIMED_PLAN.clear()
    _PRIMED_PLAN[key] = plan


@task(name="plan-input", retries=2, retry_delay_seconds=2, persist_result=False, cache_policy=NO_CACHE)
def plan_input(inputs: list[str], shard_size: int, max_doc_bytes: int) -> Plan:
    files, skipped = discover(inputs)
    primed = _PRIMED_PLAN.pop(_plan_key(inputs, shard_size, max_doc_bytes, files, skipped), None) if _PRIMED_PLAN else None
    return primed if primed is not None else _plan(files, skipped, shard_size, max_doc_bytes)


@task(name="prepare-output", retries=2, retry_delay_seconds=2, persist_result=False, cache_policy=NO_CACHE)
def prepare_output(out: str, fingerprints: dict[str, str]) -> tuple[list[str], dict[str, dict], int]:
    return output.prepare(Path(out), fingerprints)


@task(name="normalize-shards", retries=1, retry_delay_seconds=2, persist_result=False, cache_policy=NO_CACHE,
      task_run_name="normalize-shards-{first}+{n}")
def normalize_shards(first: str, n: int, batch: list[dict], ctx: dict, pool_token: str | None = None) -> list[dict]:
    """A batch of consecutive shards (`process.process_batch`): in the flow's worker processes
    (`pool_token`, `--workers N > 1`), else where the task runs (1 worker: a thread of the flow
    process; Dask: a Dask worker)."""
    return pool.run_batch(batch, ctx, pool_token)


_SUGGEST_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _suggesting_glossary(glossary: str | None, version: str | None):
    g = load_glossary(glossary)
    if g is not None and hasattr(g, "suggest"):
        try:
            # Builds the romaji index (pykakasi's dictionaries: ~0.6 s of CPU, of which the
            # collector took 0.36 s, three full collections over objects that all stay alive).
            with fewer_collections():
                g.suggest("ア")
        except Exception:  # noqa: BLE001 - suggestions are a nicety: each suggest() then fails
            pass  # alone and aggregate_candidates writes nulls, as without the warm-up
    return g


def suggesting_glossary(glossary: str | None, version: str | None):
    """The glossary with its romaji index built, for the candidates' suggestions; one per
    (path, content version read at the start of the run), kept for the next runs of a
    long-lived `tadasu serve` (a changed file has another version, so is loaded again). The flow
    warms it in a thread once the last batch is handed out (the flow process only waits then),
    so finalize-run does not wait for it; the lock makes finalize-run wait for a warm-up under
    way rather than build a second index. A load that fails is not cached: finalize-run loads
    again and reports the error (retried, as before)."""
    with _SUGGEST_LOCK:
        g = _suggesting_glossary(glossary, version)
        if g is not None and getattr(g, "version", version) != version:
            # The file changed during the run: use what it holds now (as finalize-run did before
            # the cache), but never serve it to a later run as `version`.
            _suggesting_glossary.cache_clear()
        return g


def _warm_suggestions(glossary: str | None, version: str | None) -> None:
    def warm() -> None:
        try:
            suggesting_glossary(glossary, version)
        except Exception:  # noqa: BLE001 - finalize-run loads it again and reports what fails
            pass

    # Daemon: a run that fails while it warms exits without waiting for it (it only reads files).
    threading.Thread(target=warm, name="tadasu-warm-suggestions", daemon=True).start()


@task(name="finalize-run", retries=2, retry_delay_seconds=2, persist_result=False, cache_policy=NO_CACHE)
def finalize_run(out: str, shard_ids: list[str], n_docs: int, meta: dict[str, str], glossary: str | None = None,
                 glossary_version: str | None = None) -> dict:
    outp = Path(out)
    g = suggesting_glossary(glossary, glossary_version)
    n_candidates = output.aggregate_candidates(
        outp, shard_ids, {k.encode(): v.encode() for k, v in meta.items()},
        getattr(g, "suggest", None), getattr(g, "suggest_many", None),
    )
    checks = output.check_output(outp, shard_ids, n_docs)
    checks["candidates"] = n_candidates
    return checks


# -- task runner -------------------------------------------------------------------------------


def _share_api_url_with_workers() -> None:
    """Dask workers report their task runs to this run's Prefect server. Without PREFECT_API_URL
    in their environment each would start a temporary server of its own (measured: one per
    process, several seconds of CPU each, and task runs recorded where nobody looks)."""
    if os.environ.get("PREFECT_API_URL"):
        return
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        try:  # the temporary server this process started (no PREFECT_API_URL configured)
            from prefect.server.api.server import SubprocessASGIServer

            running = [srv for srv in SubprocessASGIServer._instances.values() if srv.running]
            url = running[0].api_url if running else None
        except Exception:  # noqa: BLE001 - then the workers start their own, as before
            url = None
    if url:
        os.environ["PREFECT_API_URL"] = str(url)


def make_task_runner(workers: int, dask_address: str | None, cluster: str = "process"):
    """Threads: 1 for 1 worker (no process start-up), N for the N processes of a worker pool
    (each task thread waits for its batch there); or Dask: a LocalCluster of N single-threaded
    processes, or an existing cluster at `dask_address`."""
    from prefect.task_runners import ThreadPoolTaskRunner

    if dask_address or cluster == "dask" and workers > 1:
        from prefect_dask import DaskTaskRunner

        _share_api_url_with_workers()
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                            "dashboard_address": None}
        )
    return ThreadPoolTaskRunner(max_workers=max(1, workers))


# -- batches -------------------------------------------------------------------------------------

# A task run costs ~0.2-0.4 s of CPU over the worker, the flow process and the API server
# (settings and client set-up in the worker process, task-run creation, state changes, events,
# logs), about what normalizing a 250-document shard costs: one task per shard made 2 workers
# barely faster than 1. Shards are therefore handed out in batches of consecutive shards, big
# while much work remains and shrinking towards the end (guided self-scheduling) so the workers
# finish together. Each shard still writes its own parts and manifest: resume is per shard.
# The 250 MB corpus with 2 workers: 25 tasks with a 16 MB maximum, 19 with 32 MB. Only the first
# batches reach the maximum (guided self-scheduling), and a failed batch redoes only its shards
# without a manifest (resume is per shard), so the cost is a coarser progress bar early on.
MAX_BATCH_BYTES = 32_000_000  # ~15-20 s of work: bounds the progress step and the redo on a retry
MIN_BATCH_BYTES = 2_000_000  # ~1 s of work: below that the task run costs as much as the work
BATCHES_PER_WORKER = 2  # a batch takes 1 / (workers x this) of the input bytes still to hand out
DASK_PARALLELISM = 8  # an existing Dask cluster: its size is unknown here; assume this many workers


def plan_batches(specs: list[ShardSpec], parallelism: int) -> list[list[ShardSpec]]:
    """Consecutive shards (input order, so a process's line reader continues) in batches of
    decreasing size: each takes remaining_bytes / (parallelism x BATCHES_PER_WORKER), within
    MIN_BATCH_BYTES..MAX_BATCH_BYTES, at least one shard."""
    remaining = sum(max(s.n_bytes, 1) for s in specs)
    ways = max(1, parallelism) * BATCHES_PER_WORKER
    floor = min(MIN_BATCH_BYTES, remaining / ways)  # a small input is still split between the workers
    batches: list[list[ShardSpec]] = []
    i = 0
    while i < len(specs):
        target = min(MAX_BATCH_BYTES, max(floor, remaining / ways))
        batch: list[ShardSpec] = []
        size = 0
        while i < len(specs) and (not batch or size + max(specs[i].n_bytes, 1) <= target):
            size += max(specs[i].n_bytes, 1)
            batch.append(specs[i])
            i += 1
        remaining -= size
        batches.append(batch)
    return batches


# -- the flow ------------------------------------------------------------------------------------


def _config_dict(config: dict | None) -> tuple[NormalizeConfig, dict]:
    cfg = NormalizeConfig(**(config or {}))
    return cfg, cfg.to_dict()


@flow(name="normalize-corpus", persist_result=False, log_prints=False, flow_run_name=_flow_run_name)
def normalize_corpus(
    inputs: list[str] | None = None,
    out: str = DEFAULT_OUT,
    glossary: str | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    fail_fast: bool = False,
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES,
    cluster: str = "process",
    config: dict[str, Any] | None = None,
) -> dict:
    """Normalize INPUT files/folders into the Parquet datasets under OUT (contract section 4).

    Rerunning skips finished shards (same content, glossary, pipeline and config); a killed run
    rerun ends with the same output as an uninterrupted one. Returns the run summary (run.json).
    """
    t0 = time.perf_counter()
    log = get_run_logger()
    inputs = list(inputs or [DEFAULT_INPUT])
    cfg, cfg_dict = _config_dict(config)
    workers = max(1, int(workers))

    g = load_glossary(glossary)  # small; its version is part of every shard's key
    glossary_version = g.version if g is not None else None
    del g
    art = _artifacts()
    if art is not None and hasattr(art, "label_run"):
        try:
            art.label_run(inputs, glossary_version)
        except Exception:  # noqa: BLE001
            pass

    # N worker processes: taken from the CLI, which started them while Prefect's server booted,
    # or started now, so that their start-up (Python, the normalizer, compiling the glossary)
    # overlaps with planning the input instead of following it.
    stack = ExitStack()
    pool_token = None
    if pool.wanted(workers, dask_address, cluster):
        pool_token = stack.enter_context(pool.held(pool.take(workers, glossary, cfg_dict)))
    with stack:
        plan: Plan = plan_input(inputs, shard_size, max_doc_bytes)
        ctx = RunContext(
            out=str(Path(out).resolve()),
            glossary=glossary,
            config=cfg_dict,
            pipeline_version=PIPELINE_VERSION,
            glossary_version=glossary_version,
            config_fingerprint=cfg.fingerprint(),
            max_doc_bytes=max_doc_bytes,
            fail_fast=fail_fast,
        )
        code = code_hash()
        fps = {s.shard_id: fingerprint(s, glossary_version, PIPELINE_VERSION, ctx.config_fingerprint, max_doc_bytes, code)
               for s in plan.shards}
        todo, reused, removed = prepare_output(ctx.out, fps)
        log.info("%d documents in %d shards: %d to normalize, %d finished before; %d stale files removed",
                 plan.n_docs, len(plan.shards), len(todo), len(reused), removed)

        total = len(plan.shards)
        progress_id = None
        if art is not None:
            try:
                progress_id = art.create_progress(total)
            except Exception:  # noqa: BLE001
                progress_id = None
        done = len(reused)
        docs_done = sum(m["n_docs"] for m in reused.values())
        _progress(done, total, docs_done)

        manifests: dict[str, dict] = dict(reused)
        n_failed = 0  # shards
        failure_msgs: list[str] = []
        # Input order: consecutive shards of a .jsonl.gz continue one open reader (see
        # ingest._LineReaders) instead of each decompressing the file from its start.
        todo_set = set(todo)
        todo_specs = [s for s in plan.shards if s.shard_id in todo_set]
        ctx_d = {k: getattr(ctx, k) for k in ctx.__slots__}
        t_work = time.perf_counter()
        runner_name = "none (all shards finished before)"
        if todo_specs:
            parallelism = max(workers, DASK_PARALLELISM) if dask_address else workers
            pending = deque(plan_batches(todo_specs, parallelism))
            log.info("%d shards to normalize in %d tasks", len(todo_specs), len(pending))
            runner = stack.enter_context(make_task_runner(workers, dask_address, cluster))
            if pool_token:
                # Entered after the runner, so left before it: a failing run kills the workers
                # first, and the runner's threads, which wait for them, end at once.
                stack.enter_context(pool.held(pool_token))
            runner_name = "ShardPool" if pool_token else type(runner).__name__
            running: dict[Any, list[ShardSpec]] = {}

            def submit_next() -> None:
                b = pending.popleft()
                fut = runner.submit(normalize_shards, {
                    "first": b[0].shard_id, "n": len(b), "ctx": ctx_d, "pool_token": pool_token,
                    "batch": [{"spec": s.to_dict(), "fp": fps[s.shard_id]} for s in b],
                })
                running[fut] = b

            # One batch per worker at a time, the next submitted when one finishes: submitted all
            # at once, the runner's submit threads reorder them (measured: most of a 2-worker run's
            # batches out of order), and a process given a batch before the one its line reader
            # stands at re-reads the .jsonl.gz from the start.
            while pending and len(running) < parallelism:
                submit_next()
            warming = False
            while running:
                if not pending and not warming and parallelism > 1 and not failure_msgs:
                    _warm_suggestions(glossary, glossary_version)
                    warming = True
                fut = next(iter(as_completed(list(running))))
                batch = running.pop(fut)
                try:
                    ms = fut.result()
                except Exception as e:  # noqa: BLE001
                    # The shards of the batch that finished have their manifest on disk.
                    finished = [output.finished_manifest(Path(ctx.out), s.shard_id, fps[s.shard_id]) for s in batch]
                    ms = [m for m in finished if m is not None]
                    n_failed += len(batch) - len(ms)
                    failure_msgs.append(str(e) if isinstance(e, ShardsFailed) else shard_error(batch[0], e))
                    log.error("batch from shard %s failed: %s", batch[0].shard_id, e)
                    if fail_fast:
                        pending.clear()
                if pending:
                    submit_next()
                for m in ms:
                    manifests[m["shard_id"]] = m
                    done += 1
                    docs_done += m["n_docs"]
                _progress(done, total, docs_done)
                if art is not None and progress_id is not None:
                    try:
                        art.update_progress(progress_id, done, total)
                    except Exception:  # noqa: BLE001
                        pass
    work_seconds = time.perf_counter() - t_work
    if failure_msgs:
        raise RunFailed(f"{n_failed} of {total} shards failed; first: {failure_msgs[0]}")

    meta = {k.decode(): v.decode() for k, v in ds.metadata(PIPELINE_VERSION, glossary_version, cfg_dict, "candidates").items()}
    checks = finalize_run(ctx.out, [s.shard_id for s in plan.shards], plan.n_docs, meta, glossary, glossary_version)

    summary = output.summarize([manifests[s.shard_id] for s in plan.shards])
    seconds = time.perf_counter() - t0
    processed = [manifests[i] for i in todo]
    docs_processed = sum(m["n_docs"] for m in processed)
    bytes_processed = sum(m["n_bytes"] for m in processed)
    run = {
        "status": "completed",
        "pipeline_version": PIPELINE_VERSION,
        "glossary_version": glossary_version,
        "config": cfg_dict,
        "config_fingerprint": ctx.config_fingerprint,
        "code_hash": code,
        "inputs": inputs,
        "out": ctx.out,
        "glossary": glossary,
        "input": {
            "files": plan.n_files,
            "documents": plan.n_docs,
            "bytes": plan.n_bytes,
            "blank_lines_skipped": plan.blank_lines,
            "unsupported_files": len(plan.unsupported_files),
            "unsupported_examples": plan.unsupported_files[:20],
            "skipped_by_reason": plan.skipped_by_reason,  # each also a rejected row of documents/
            "published_at_ignored": sum(m.get("published_at_ignored", 0) for m in manifests.values()),
        },
        **summary,
        "candidates": checks["candidates"],
        "checks": checks,
        "shards": {"total": total, "processed": len(todo), "skipped": len(reused), "shard_size": shard_size},
        "workers": workers if not dask_address else f"dask:{dask_address}",
        "task_runner": runner_name,
        "seconds": round(seconds, 3),
        "throughput": {
            "docs_per_s": round(docs_processed / work_seconds, 2) if work_seconds > 0 and docs_processed else 0.0,
            "mb_per_s": round(bytes_processed / 1e6 / work_seconds, 3) if work_seconds > 0 and docs_processed else 0.0,
            "documents_processed": docs_processed,
            "bytes_processed": bytes_processed,
            "work_seconds": round(work_seconds, 3),
        },
    }
    if run["documents"]["total"] != plan.n_docs or run["documents"]["ok"] + run["documents"]["rejected"] != plan.n_docs:
        raise RunFailed(f"documents in {plan.n_docs} != ok + rejected {run['documents']}")
    ds.write_json_atomic(run, Path(ctx.out) / "run.json")
    log.info("%d documents: %d ok, %d rejected; %.1f s", plan.n_docs, run["documents"]["ok"],
             run["documents"]["rejected"], seconds)
    if art is not None:
        try:
            import pyarrow.parquet as pq

            cands = pq.read_table(Path(ctx.out) / "candidates" / "part-0.parquet").slice(0, 200).to_pylist()
            art.publish_run_artifacts(run, cands, Path(ctx.out))
        except Exception as e:  # noqa: BLE001
            log.warning("could not publish artifacts: %s", e)
    return run


def run_json(out: str | os.PathLike) -> dict:
    return json.loads((Path(out) / "run.json").read_text(encoding="utf-8"))
