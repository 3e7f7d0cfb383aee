"""The Prefect flow `normalize-corpus`: thin. One task per I/O step; the work is plain functions
(flows.ingest, flows.shards, flows.process, flows.output), testable without Prefect.

    start_run        read the glossary once (its files copied aside: the run's version) and config
    plan-input       discover files, stream them once: shards with ids and content hashes
    prepare-output   decide which shards are finished (resume) and remove stale/partial files;
                     then the glossary copy is pinned in OUT/_state/glossary/<version>/
    normalize-shards a batch of consecutive shards to do (see plan_batches): in the flow process
                     (1 worker), in N worker processes (flows.pool: plain processes that load the
                     normalizer while the input is planned) or on a Dask cluster, one batch per
                     worker at a time in input order; each shard loads the pinned glossary, writes
                     its own part files atomically and its manifest (resume is per shard)
    finalize-run     aggregate candidates, check documents in = ok + rejected on disk
    report_run       the health check (reject rate), WARNING lines per reason, run.json, log
                     line, the summary artifact; publish-artifacts: candidates, datasets, edits
                     review; then a run over max_reject_rate fails with its reasons

Imports are absolute (`flows.x`, not `.x`): Prefect's deployment loader runs this file by its
path as a module of its own, and the spawned worker processes must find what it hands them
(`flows.process.process_batch`) by a name they can import.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from prefect import flow, get_client, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.logging import get_logger

from flows import artifacts, candidate_aggregate, output, pool, report
from flows.progress import ShardProgress, batch_label
# (re-exported: the CLI and tests register their progress callbacks here)
from flows.progress import add_progress_callback, remove_progress_callback  # noqa: F401
from flows import datasets as ds
from flows.ingest import DEFAULT_MAX_DOC_BYTES, InputError, discover
from flows.pool import WorkerDied, worker_traceback
from flows.process import RunContext, ShardsFailed, fewer_collections, load_glossary, shard_error
from flows.run_glossary import GlossarySnapshot
from flows.shards import Plan, ShardSpec, code_hash, fingerprint, plan_shards
from normalizers import BUILD as NORMALIZER_BUILD, PIPELINE_VERSION, NormalizeConfig

DEFAULT_INPUT = "data/sample"
DEFAULT_OUT = "data/clean"
DEFAULT_SHARD_SIZE = 250
# Over half of the documents read rejected: the input is likely not what was meant (a wrong
# file, a wrong encoding, a schema change upstream), so the run fails, output written. The
# shipped sample rejects 2 of 8 on purpose. Skipped entries (unsupported files ...) do not count.
DEFAULT_MAX_REJECT_RATE = 0.5

_log = get_logger("tadasu")

class RunFailed(Exception):
    """The run itself failed (not a document): the message is for the user."""


# -- retries: on I/O errors only -----------------------------------------------------------------


def _failure_of(state) -> BaseException | None:
    exc = state.result(raise_on_failure=False)
    return exc if isinstance(exc, BaseException) else None


def retry_on_io(task_, task_run, state) -> bool:
    """A task's retry condition: an I/O error may pass (a busy disk, a network filesystem);
    bad input (a path that does not exist, an invalid glossary) or a bug fails at once."""
    exc = _failure_of(state)
    return isinstance(exc, OSError) and not isinstance(exc, InputError)


def retry_batch(task_, task_run, state) -> bool:
    """normalize-shards: again on a dead worker process (the retry gets a new one) or when every
    failed shard of the batch failed on I/O; a shard that failed on its data or code would fail
    the same way again."""
    exc = _failure_of(state)
    if isinstance(exc, ShardsFailed):
        return exc.retryable
    return isinstance(exc, (WorkerDied, OSError))


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
    fails on its input: the task then plans and reports the error. `discovered`: what
    `discover` gave for these inputs (the CLI has it from its check), else they are discovered here."""
    try:
        files, skipped = discovered if discovered is not None else discover(inputs)
        key = _plan_key(inputs, shard_size, max_doc_bytes, files, skipped)
        plan = _plan(files, skipped, shard_size, max_doc_bytes)
    except (InputError, OSError, ValueError):
        return  # the plan-input task meets the same error and reports it
    _PRIMED_PLAN.clear()
    _PRIMED_PLAN[key] = plan


@task(name="plan-input", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_on_io, persist_result=False,
      cache_policy=NO_CACHE)
def plan_input(inputs: list[str], shard_size: int, max_doc_bytes: int) -> Plan:
    files, skipped = discover(inputs)
    primed = _PRIMED_PLAN.pop(_plan_key(inputs, shard_size, max_doc_bytes, files, skipped), None) if _PRIMED_PLAN else None
    return primed if primed is not None else _plan(files, skipped, shard_size, max_doc_bytes)


@task(name="prepare-output", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_on_io,
      persist_result=False, cache_policy=NO_CACHE)
def prepare_output(out: str, fingerprints: dict[str, str], progress_key: str = artifacts.KEY_PROGRESS
                   ) -> tuple[list[str], dict[str, dict], int, Any]:
    """output.prepare, then the progress artifact (the reused shards count as done). Created in
    this task run, not by the flow, so the summary is the flow's only artifact: listed first."""
    todo, reused, removed = output.prepare(Path(out), fingerprints, warn=get_run_logger().warning)
    return todo, reused, removed, artifacts.create_progress(len(fingerprints), len(reused), progress_key)


@task(name="normalize-shards", retries=1, retry_delay_seconds=2, retry_condition_fn=retry_batch,
      persist_result=False, cache_policy=NO_CACHE, task_run_name="{label}")
def normalize_shards(label: str, n: int, batch: list[dict], ctx: dict, pool_token: str | None = None) -> list[dict]:
    """A batch of `n` consecutive shards (`process.process_batch`), named by `batch_label`: in the
    flow's worker processes (`pool_token`, `--workers N > 1`), else where the task runs (1
    worker: a thread of the flow process; Dask: a Dask worker)."""
    return pool.run_batch(batch, ctx, pool_token)


@task(name="publish-artifacts", persist_result=False, cache_policy=NO_CACHE)
def publish_artifacts(out: str, keys: dict[str, str]) -> None:
    """Candidates, datasets and edits review (after the flow's summary: see
    artifacts.publish_summary); each failure is logged, none fails the run."""
    artifacts.publish_outputs(Path(out), keys)


_SUGGEST_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _suggesting_glossary(glossary: str | None, version: str | None):
    g = load_glossary(glossary)
    try:
        # Builds the romaji index (pykakasi's dictionaries: ~0.6 s of CPU, of which the
        # collector took 0.36 s, three full collections over objects that all stay alive).
        with fewer_collections():
            g.suggest("ア")
    except Exception as e:  # noqa: BLE001 - suggestions are a nicety: each suggest() then fails
        # alone and aggregate_candidates writes nulls, as without the warm-up
        _log.warning("the glossary's suggestion index could not be built; candidates get no suggestions: %r", e)
    return g


def suggesting_glossary(glossary: str | None, version: str | None):
    """The glossary with its romaji index built, for the candidates' suggestions; one per
    (path, version read at the start of the run), kept for the next runs of a long-lived
    `tadasu serve`. The flow warms it in a thread once the last batch is handed out (the flow
    process only waits then), so finalize-run does not wait for it; the lock makes finalize-run
    wait for a warm-up under way rather than build a second index. A load that fails is not
    cached: finalize-run loads again and reports the error."""
    with _SUGGEST_LOCK:
        g = _suggesting_glossary(glossary, version)
        if g.version != version:
            # The files changed since `version` was read (a run's pinned copy never does): use
            # what they hold now, but never serve it to a later run as `version`.
            _suggesting_glossary.cache_clear()
        return g


def _warm_suggestions(glossary: str | None, version: str | None) -> None:
    def warm() -> None:
        try:
            suggesting_glossary(glossary, version)
        except Exception as e:  # noqa: BLE001 - finalize-run loads it again and fails with this error
            _log.info("warming the glossary's suggestions failed (finalize-run tries again): %r", e)

    # Daemon: a run that fails while it warms exits without waiting for it (it only reads files).
    threading.Thread(target=warm, name="tadasu-warm-suggestions", daemon=True).start()


@task(name="finalize-run", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_on_io,
      persist_result=False, cache_policy=NO_CACHE)
def finalize_run(out: str, shard_ids: list[str], n_docs: int, meta: dict[str, str], glossary: str | None = None,
                 glossary_version: str | None = None) -> dict:
    outp = Path(out)
    g = suggesting_glossary(glossary, glossary_version)
    n_candidates = candidate_aggregate.aggregate_candidates(
        outp, shard_ids, {k.encode(): v.encode() for k, v in meta.items()}, g.suggest, g.suggest_many,
    )
    checks = output.check_output(outp, shard_ids, n_docs)
    checks["candidates"] = n_candidates
    return checks


# -- task runner -------------------------------------------------------------------------------


def _share_api_url_with_workers() -> None:
    """Dask workers report their task runs to this run's Prefect server. Without PREFECT_API_URL
    in their environment each would start a temporary server of its own (measured: one per
    process, several seconds of CPU each, and task runs recorded where nobody looks). The URL is
    the one this process's client talks to: the configured server, or Prefect's temporary one."""
    if os.environ.get("PREFECT_API_URL"):
        return
    url = str(get_client(sync_client=True).api_url)
    if url.startswith(("http://", "https://")):  # (an in-process app has no address to share)
        os.environ["PREFECT_API_URL"] = url


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


# -- the flow's steps ----------------------------------------------------------------------------


@dataclass
class RunSetup:
    """What a run decides before any shard runs: its glossary version and config (read once),
    the context every shard gets, and the shards' resume keys."""

    inputs: list[str]
    glossary: str | None  # as asked for (run.json); shards read `ctx.glossary`, the pinned copy
    snapshot: GlossarySnapshot
    config: dict
    ctx: RunContext
    code: str
    fingerprints: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # artifact keys by kind (artifacts.artifact_keys)
    progress_id: Any = None  # the progress artifact (made by prepare-output)


def start_run(inputs: list[str], out: str, glossary: str | None, config: dict | None, max_doc_bytes: int,
              fail_fast: bool) -> RunSetup:
    """Read the glossary files once (a private copy: its version is the run's) and the config."""
    cfg = NormalizeConfig(**(config or {}))
    snapshot = GlossarySnapshot.take(glossary)
    try:
        version = load_glossary(str(snapshot.folder)).version  # compiled here once, for the whole process
    except BaseException:
        snapshot.discard()
        raise
    ctx = RunContext(out=str(Path(out).resolve()), glossary=str(snapshot.folder), config=cfg.to_dict(),
                     pipeline_version=PIPELINE_VERSION, glossary_version=version,
                     config_fingerprint=cfg.fingerprint(), max_doc_bytes=max_doc_bytes, fail_fast=fail_fast)
    artifacts.label_run(inputs, version)
    keys = artifacts.artifact_keys(artifacts.run_scope(inputs))
    return RunSetup(inputs, glossary, snapshot, ctx.config, ctx, code_hash(), keys=keys)


def plan_work(setup: RunSetup, plan: Plan) -> tuple[list[str], dict[str, dict]]:
    """The shards to normalize and those finished before (prepare-output); then the glossary
    copy goes to OUT/_state/glossary/<version>/, where every shard of the run loads it."""
    ctx = setup.ctx
    setup.fingerprints = {
        s.shard_id: fingerprint(s, ctx.glossary_version, PIPELINE_VERSION, ctx.config_fingerprint, ctx.max_doc_bytes,
                                setup.code)
        for s in plan.shards
    }
    todo, reused, removed, setup.progress_id = prepare_output(ctx.out, setup.fingerprints, setup.keys["progress"])
    ctx.glossary = setup.snapshot.pin(Path(ctx.out))
    get_run_logger().info("%d documents in %d shards: %d to normalize, %d finished before; %d stale files removed; "
                          "glossary version %s", plan.n_docs, len(plan.shards), len(todo), len(reused), removed,
                          ctx.glossary_version)
    return todo, reused


@dataclass
class WorkDone:
    """What normalize_all gives back: a manifest per finished shard, and the failures."""

    manifests: dict[str, dict]
    failures: list[str] = field(default_factory=list)
    n_failed: int = 0
    runner_name: str = "none (all shards finished before)"
    seconds: float = 0.0


def _batch_failed(setup: RunSetup, batch: list[ShardSpec], e: Exception, work: WorkDone) -> list[dict]:
    """A failed batch: its shards that finished have their manifest on disk; the cause (with a
    worker's traceback) goes to the run's log."""
    out = Path(setup.ctx.out)
    finished = [output.finished_manifest(out, s.shard_id, setup.fingerprints[s.shard_id]) for s in batch]
    ms = [m for m in finished if m is not None]
    work.n_failed += len(batch) - len(ms)
    work.failures.append(str(e) if isinstance(e, ShardsFailed) else shard_error(batch[0], e))
    remote = worker_traceback(e)
    get_run_logger().error("batch from shard %s failed: %s%s", batch[0].shard_id, e,
                           f"\nin the worker process:\n{remote}" if remote else "")
    return ms


def normalize_all(setup: RunSetup, plan: Plan, todo: list[str], reused: dict[str, dict], runner,
                  pool_token: str | None, parallelism: int) -> WorkDone:
    """The normalize-shards tasks, one batch per worker at a time in input order; progress.
    `runner`: None when there is nothing to do (every shard finished before)."""
    log = get_run_logger()
    t0 = time.perf_counter()
    work = WorkDone(manifests=dict(reused))
    if runner is not None:
        work.runner_name = "ShardPool" if pool_token else type(runner).__name__
    progress = ShardProgress(Path(setup.ctx.out), setup.fingerprints, setup.progress_id, len(plan.shards), reused)
    # Input order: consecutive shards of a .jsonl.gz continue one open reader (see
    # ingest._LineReaders) instead of each decompressing the file from its start.
    todo_set = set(todo)
    pending = deque(plan_batches([s for s in plan.shards if s.shard_id in todo_set], parallelism))
    log.info("%d shards to normalize in %d tasks", len(todo), len(pending))
    ctx_d = {k: getattr(setup.ctx, k) for k in setup.ctx.__slots__}
    running: dict[Any, list[ShardSpec]] = {}
    finished: queue.Queue = queue.Queue()

    def submit_next() -> None:
        b = pending.popleft()
        fut = runner.submit(normalize_shards, {
            "label": batch_label(b), "n": len(b), "ctx": ctx_d, "pool_token": pool_token,
            "batch": [{"spec": s.to_dict(), "fp": setup.fingerprints[s.shard_id]} for s in b],
        })
        running[fut] = b
        fut.add_done_callback(finished.put)

    # One batch per worker at a time, the next submitted when one finishes: submitted all at
    # once, the runner's submit threads reorder them (measured: most of a 2-worker run's batches
    # out of order), and a process given a batch before the one its line reader stands at
    # re-reads the .jsonl.gz from the start.
    completed = False
    try:
        while pending and len(running) < parallelism:
            submit_next()
        warming = False
        while running:
            if not pending and not warming and parallelism > 1 and not work.failures:
                _warm_suggestions(setup.ctx.glossary, setup.ctx.glossary_version)
                warming = True
            try:
                fut = finished.get(timeout=ShardProgress.POLL_SECONDS)
            except queue.Empty:  # a batch still runs: count what its shards saved so far
                progress.show(progress.done + progress.in_flight(running.values()))
                continue
            batch = running.pop(fut)
            try:
                ms = fut.result()
            except Exception as e:  # noqa: BLE001 - recorded: logged, counted, and the run fails at the end
                ms = _batch_failed(setup, batch, e, work)
                if setup.ctx.fail_fast:
                    pending.clear()
            if pending:
                submit_next()
            for m in ms:
                work.manifests[m["shard_id"]] = m
            progress.add(ms)
        completed = not work.failures
    finally:
        if not completed:  # failed or interrupted: the artifact says what is saved (a rerun resumes from it)
            progress.show(progress.done + progress.in_flight(running.values()), stopped=True)
    work.seconds = time.perf_counter() - t0
    return work


def finalize(setup: RunSetup, plan: Plan) -> dict:
    """finalize-run: candidates aggregated, the output checked on disk."""
    meta = {k.decode(): v.decode()
            for k, v in ds.metadata(PIPELINE_VERSION, setup.ctx.glossary_version, setup.config, "candidates").items()}
    return finalize_run(setup.ctx.out, [s.shard_id for s in plan.shards], plan.n_docs, meta, setup.ctx.glossary,
                        setup.ctx.glossary_version)


def run_summary(setup: RunSetup, plan: Plan, todo: list[str], work: WorkDone, checks: dict, shard_size: int,
                workers: int, dask_address: str | None, seconds: float) -> dict:
    """run.json: versions, config, input counts, documents by status and reason, throughput."""
    ctx = setup.ctx
    processed = [work.manifests[i] for i in todo]
    docs_processed = sum(m["n_docs"] for m in processed)
    bytes_processed = sum(m["n_bytes"] for m in processed)
    rate = work.seconds > 0 and docs_processed
    run = {
        "status": "completed",
        "pipeline_version": PIPELINE_VERSION,
        "normalizer_build": NORMALIZER_BUILD,  # "compiled" (mypyc) or "pure: <why>" (normalizers/compiled.py)
        "glossary_version": ctx.glossary_version,
        "config": setup.config,
        "config_fingerprint": ctx.config_fingerprint,
        "code_hash": setup.code,
        "inputs": setup.inputs,
        "out": ctx.out,
        "glossary": setup.glossary,
        "input": {
            "files": plan.n_files,
            "documents": plan.n_docs,
            "bytes": plan.n_bytes,
            "blank_lines_skipped": plan.blank_lines,
            "unsupported_files": len(plan.unsupported_files),
            "unsupported_examples": plan.unsupported_files[:20],
            "skipped_by_reason": plan.skipped_by_reason,  # each also a rejected row of documents/
            "published_at_ignored": sum(m.get("published_at_ignored", 0) for m in work.manifests.values()),
        },
        **output.summarize([work.manifests[s.shard_id] for s in plan.shards]),
        "candidates": checks["candidates"],
        "checks": checks,
        "shards": {"total": len(plan.shards), "processed": len(todo), "skipped": len(plan.shards) - len(todo),
                   "shard_size": shard_size},
        "workers": workers if not dask_address else f"dask:{dask_address}",
        "task_runner": work.runner_name,
        "seconds": round(seconds, 3),
        "throughput": {
            "docs_per_s": round(docs_processed / work.seconds, 2) if rate else 0.0,
            "mb_per_s": round(bytes_processed / 1e6 / work.seconds, 3) if rate else 0.0,
            "documents_processed": docs_processed,
            "bytes_processed": bytes_processed,
            "work_seconds": round(work.seconds, 3),
        },
    }
    d = run["documents"]
    if d["total"] != plan.n_docs or d["ok"] + d["rejected"] != plan.n_docs:
        raise RunFailed(f"documents in {plan.n_docs} != ok + rejected {d}")
    return run


def report_run(setup: RunSetup, plan: Plan, run: dict, max_reject_rate: float | None) -> None:
    """The health check, the WARNING lines, run.json (written last of the output), the log
    line, the artifacts; then, if too many documents were rejected, the run fails with the
    reasons: its output and summary are there to look at."""
    out = Path(run["out"])
    log = get_run_logger()
    skipped = {f.source for s in plan.shards if s.kind == "skipped" for f in s.files}
    rej = report.read_rejections(out, skipped)
    health = run["health"] = report.reject_health(run["documents"], plan.skipped_by_reason, max_reject_rate)
    if health["failed"]:
        run["status"] = "failed"
    for line in report.rejection_warnings(rej):
        log.warning(line)
    ds.write_json_atomic(run, out / "run.json")
    d = run["documents"]
    log.info("%d documents: %d ok, %d rejected; %.1f s", d["total"], d["ok"], d["rejected"], run["seconds"])
    artifacts.publish_summary(run, rej, setup.keys["summary"])
    try:
        publish_artifacts(str(out), setup.keys)
    except Exception as e:  # noqa: BLE001 - an artifact never fails the data run: logged
        log.warning("could not publish the run's artifacts: %r", e)
    if health["failed"]:
        raise RunFailed(f"too many documents rejected: {health['message']}")


# -- the flow ------------------------------------------------------------------------------------


@flow(name="normalize-corpus", persist_result=False, log_prints=False, flow_run_name=artifacts.flow_run_name)
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
    force: bool = False,
    max_reject_rate: float | None = DEFAULT_MAX_REJECT_RATE,
) -> dict:
    """Normalize INPUT files/folders into the Parquet datasets under OUT (contract section 4).

    OUT must be new, empty or tadasu's own (its marker; `force` adopts another folder) and apart
    from the input; it is locked for the run (`output.claim`): else the run fails at once, with
    nothing deleted. Rerunning skips finished shards (same content, glossary, pipeline and
    config); a killed run rerun ends with the same output as an uninterrupted one. Returns the
    run summary (run.json). More than `max_reject_rate` (0..1; None: no limit) of the documents
    read rejected: the run writes its output, run.json and artifacts, then fails with the reasons.
    """
    from prefect.runtime import flow_run

    report.check_reject_rate(max_reject_rate)
    with output.claim(out, list(inputs or [DEFAULT_INPUT]), force, flow_run_id=flow_run.id):
        return _normalize_corpus(inputs, out, glossary, workers, dask_address, shard_size, fail_fast,
                                 max_doc_bytes, cluster, config, max_reject_rate)


def _normalize_corpus(inputs: list[str] | None, out: str, glossary: str | None, workers: int,
                      dask_address: str | None, shard_size: int, fail_fast: bool, max_doc_bytes: int,
                      cluster: str, config: dict[str, Any] | None, max_reject_rate: float | None) -> dict:
    """The run, in the flow, while OUT is claimed."""
    t0 = time.perf_counter()
    inputs = list(inputs or [DEFAULT_INPUT])
    workers = pool.local_worker_count(int(workers), dask_address, get_run_logger().warning)
    setup = start_run(inputs, out, glossary, config, max_doc_bytes, fail_fast)
    with ExitStack() as stack:
        stack.callback(setup.snapshot.discard)
        pool_token = None
        if pool.wanted(workers, dask_address, cluster):
            # Taken from the CLI, which started the processes while Prefect's server booted, or
            # started now: their start-up overlaps with planning the input instead of following it.
            pool_token = stack.enter_context(pool.held(pool.take(workers, glossary, setup.config)))
        plan = plan_input(inputs, shard_size, max_doc_bytes)
        todo, reused = plan_work(setup, plan)
        runner = None
        if todo:
            runner = stack.enter_context(make_task_runner(workers, dask_address, cluster))
            if pool_token:
                # Entered after the runner, so left before it: a failing run kills the workers
                # first, and the runner's threads, which wait for them, end at once.
                stack.enter_context(pool.held(pool_token))
        parallelism = max(workers, DASK_PARALLELISM) if dask_address else workers
        work = normalize_all(setup, plan, todo, reused, runner, pool_token, parallelism)
    if work.failures:
        raise RunFailed(f"{work.n_failed} of {len(plan.shards)} shards failed; first: {work.failures[0]}")
    checks = finalize(setup, plan)
    run = run_summary(setup, plan, todo, work, checks, shard_size, workers, dask_address, time.perf_counter() - t0)
    report_run(setup, plan, run, max_reject_rate)
    return run


def run_json(out: str | os.PathLike) -> dict:
    return json.loads((Path(out) / "run.json").read_text(encoding="utf-8"))
