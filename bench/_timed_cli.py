"""`tadasu run` with stage timers: what bench/run_breakdown.py starts instead of .venv/bin/tadasu.

    TADASU_BENCH_TIMINGS=DIR .venv/bin/python bench/_timed_cli.py run INPUT --out OUT [--workers N]

Runs the real command line (`flows.cli.entry`, the `tadasu` console script's function) with
timing wrappers around public functions of flows/ and the normalizer, installed for this process
only (nothing under flows/ is edited). Each wrapper keeps its EXCLUSIVE time (a timed call inside
another timed call is charged to itself only, per thread), so the stages never overlap. The
timings go to DIR as JSON: `flow-<pid>.json` from the CLI process when `main` returns,
`worker-<pid>.json` from each `--workers N` process after every shard (the pool's processes are
spawned and re-import this file as `__mp_main__`, which installs the shard timers there; they
may be terminated without running exit handlers, hence the write per shard).

Each stage has wall seconds (`seconds`) and the thread's CPU seconds (`cpu`). Marks are
(epoch seconds, comparable across processes; the process's CPU seconds so far): `interpreter` (this file's first line),
`cli_main`, `flow_call` / `flow_return` (normalize_corpus called / returned to the CLI),
`body_start` / `body_end` (the flow function's body, `_normalize_corpus`), `main_return`.
"""

from __future__ import annotations

import time

INTERPRETER_MARK, INTERPRETER_CPU = time.time(), time.process_time()

import json  # noqa: E402
import os  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

# The build runs as the environment says (compiled unless TADASU_PURE=1): `normalize_many` is
# timed through the normalizer `process.get_normalizer` hands out (`TimedNormalizer`), not by
# replacing a method of the class, which a compiled (mypyc) class does not allow.

clock = time.perf_counter
thread_cpu = time.thread_time
TIMINGS_ENV = "TADASU_BENCH_TIMINGS"


class StageTimer:
    """Exclusive seconds and calls per stage name; intervals of selected stages (epoch)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}  # CPU seconds of the thread (steadier on a busy machine)
        self.calls: dict[str, int] = {}
        self.marks: dict[str, tuple[float, float]] = {"interpreter": (INTERPRETER_MARK, INTERPRETER_CPU)}
        self.intervals: dict[str, list[tuple[float, float]]] = {}
        self._local = threading.local()
        self._lock = threading.Lock()

    def _stack(self) -> list:
        stack = getattr(self._local, "stack", None)
        if stack is None:
            stack = self._local.stack = []
        return stack

    def enter(self) -> None:
        stack = self._stack()
        now, cpu = clock(), thread_cpu()
        if stack:  # the caller's time so far is its own
            stack[-1][1] += now - stack[-1][0]
            stack[-1][3] += cpu - stack[-1][2]
        stack.append([now, 0.0, cpu, 0.0])

    def leave(self, stage: str) -> None:
        stack = self._stack()
        now, cpu = clock(), thread_cpu()
        start, own, cpu_start, cpu_own = stack.pop()
        own += now - start
        cpu_own += cpu - cpu_start
        if stack:  # the caller's clocks restart now
            stack[-1][0] = now
            stack[-1][2] = cpu
        with self._lock:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + own
            self.cpu[stage] = self.cpu.get(stage, 0.0) + cpu_own
            self.calls[stage] = self.calls.get(stage, 0) + 1

    def mark(self, name: str) -> None:
        self.marks[name] = (time.time(), time.process_time())

    def interval(self, stage: str, start: float, end: float, cpu: float) -> None:
        with self._lock:
            self.intervals.setdefault(stage, []).append((start, end, cpu))

    def dump(self, path: Path) -> None:
        with self._lock:
            data = {"pid": os.getpid(), "seconds": self.seconds, "cpu": self.cpu, "calls": self.calls,
                    "marks": self.marks, "intervals": self.intervals}
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path)


TIMER = StageTimer()


def timed(owner, attr: str, stage: str, interval: bool = False) -> None:
    """Replace `owner.attr` (a module function or a class's method) with a timing wrapper."""
    original = getattr(owner, attr)

    def wrapper(*args, **kwargs):
        t_start, cpu_start = time.time(), thread_cpu()
        TIMER.enter()
        try:
            return original(*args, **kwargs)
        finally:
            TIMER.leave(stage)
            if interval:  # inclusive: wall from, to (epoch) and the thread's CPU seconds
                TIMER.interval(stage, t_start, time.time(), thread_cpu() - cpu_start)

    wrapper.__wrapped__ = original
    setattr(owner, attr, wrapper)


class TimedNormalizer:
    """A shard's normalizer with `normalize_many` timed as `shard.normalize`; every other
    attribute is the normalizer's own (`glossary`, `glossary_version`)."""

    def __init__(self, normalizer) -> None:
        self.normalizer = normalizer

    def normalize_many(self, *args, **kwargs):
        TIMER.enter()
        try:
            return self.normalizer.normalize_many(*args, **kwargs)
        finally:
            TIMER.leave("shard.normalize")

    def __getattr__(self, name: str):
        return getattr(self.normalizer, name)


def timed_generator(owner, attr: str, stage: str) -> None:
    """Replace a generator function: each step of the generator it returns is timed."""
    original = getattr(owner, attr)

    def wrapper(*args, **kwargs):
        inner = original(*args, **kwargs)
        while True:
            TIMER.enter()
            try:
                item = next(inner)
            except StopIteration:
                return
            finally:
                TIMER.leave(stage)
            yield item

    setattr(owner, attr, wrapper)


def timed_by_caller(owner, attr: str, stage: str) -> None:
    """Like `timed`, charged to `shard.<stage>` inside a shard (this thread runs process_shard)
    and to `flow.<stage>` elsewhere (run.json, the candidates aggregate at finalize)."""
    original = getattr(owner, attr)

    def wrapper(*args, **kwargs):
        TIMER.enter()
        try:
            return original(*args, **kwargs)
        finally:
            TIMER.leave(f"shard.{stage}" if _in_shard() else f"flow.{stage}")

    setattr(owner, attr, wrapper)


_IN_SHARD = threading.local()


def _in_shard() -> bool:
    """This thread runs process_shard, or is the thread that writes the shards' files
    (process.ShardWriter, named WRITER_THREAD...)."""
    from flows.process import WRITER_THREAD

    return bool(getattr(_IN_SHARD, "depth", 0)) or threading.current_thread().name.startswith(WRITER_THREAD)


def install_shard_timers(dump_to: Path | None) -> None:
    """Timers inside `process_shard`, wherever the shards run (this process or a pool worker)."""
    import flows.datasets as ds
    import flows.process as process
    timed_generator(process, "read_shard", "shard.read")
    get_normalizer = process.get_normalizer
    process.get_normalizer = lambda *args, **kwargs: TimedNormalizer(get_normalizer(*args, **kwargs))
    timed(process.CandidateCollector, "add", "shard.candidates")
    timed(process.CandidateCollector, "rows", "shard.candidates")
    import flows.columns as columns

    for name in ("_add_document", "doc_id_of", "content_hash_of"):
        timed(process, name, "shard.rows")
    timed_by_caller(ds, "table", "to_arrow")
    # sentences/, mentions/, edits/ built as Arrow columns from the documents (no Python rows)
    timed(columns, "document_tables", "shard.to_arrow")
    timed(columns, "shard_counts", "shard.counts")  # the manifest's counts from the columns
    timed_by_caller(ds, "write_atomic", "parquet_write")
    timed_by_caller(ds, "write_json_atomic", "json")
    original = process.process_shard

    def process_shard(*args, **kwargs):
        TIMER.enter()
        _IN_SHARD.depth = getattr(_IN_SHARD, "depth", 0) + 1
        try:
            return original(*args, **kwargs)
        finally:
            _IN_SHARD.depth -= 1
            TIMER.leave("shard.other")  # process_shard's own time: counters, loop, gc settings
            if dump_to is not None:
                TIMER.dump(dump_to)

    process.process_shard = process_shard


def install_flow_timers() -> None:
    """Timers of the flow process: the flow's phases, its tasks and what they call."""
    import flows.artifacts as artifacts
    import flows.flow as flow
    import flows.candidate_aggregate as candidate_aggregate
    import flows.output as output
    import flows.pool as pool

    install_shard_timers(None)
    # The flow body and normalize_corpus as called by the CLI: marks, not stages.
    body = flow._normalize_corpus

    def normalize_corpus_body(*args, **kwargs):
        TIMER.mark("body_start")
        try:
            return body(*args, **kwargs)
        finally:
            TIMER.mark("body_end")

    flow._normalize_corpus = normalize_corpus_body
    flow_obj = flow.normalize_corpus

    def normalize_corpus(*args, **kwargs):
        TIMER.mark("flow_call")
        try:
            return flow_obj(*args, **kwargs)
        finally:
            TIMER.mark("flow_return")

    flow.normalize_corpus = normalize_corpus
    # Synchronous tasks: the call of the Prefect Task (its engine included) and, inside, the work.
    # Their intervals (inclusive wall time, epoch) are kept too: few calls, and they place the
    # call in the run (planning before the flow starts or inside it; batches overlapping).
    for task_name in ("plan_input", "prepare_output", "finalize_run"):
        timed(flow, task_name, f"task.{task_name}", interval=True)
    timed(flow, "prime_plan", "plan.prime", interval=True)  # the CLI, while the temporary server boots
    timed(flow, "discover", "plan", interval=True)
    timed(flow, "_plan", "plan", interval=True)
    timed(output, "prepare", "prepare", interval=True)
    timed(candidate_aggregate, "aggregate_candidates", "finalize.candidates", interval=True)
    timed(flow, "suggesting_glossary", "finalize.candidates", interval=True)
    timed(output, "check_output", "finalize.check", interval=True)
    timed(output, "summarize", "finalize.summary", interval=True)
    timed(pool, "run_batch", "batch.wait", interval=True)
    timed(flow, "load_glossary", "flow.glossary", interval=True)
    for name in ("label_run", "create_progress", "publish_summary", "publish_outputs"):
        timed(artifacts, name, "artifacts", interval=True)
    timed(artifacts, "update_progress", "artifacts.progress", interval=True)


def main() -> None:
    out_dir = Path(os.environ[TIMINGS_ENV])
    import flows.cli as cli

    run = cli.cmd_run

    def cmd_run(*args, **kwargs):
        install_flow_timers()  # flows.flow is imported by now (build_parser), Prefect too
        return run(*args, **kwargs)

    cli.cmd_run = cmd_run
    cli_main = cli.main

    def main_timed(*args, **kwargs):
        TIMER.mark("cli_main")
        try:
            return cli_main(*args, **kwargs)
        finally:
            TIMER.mark("main_return")
            TIMER.dump(out_dir / f"flow-{os.getpid()}.json")

    cli.main = main_timed
    cli.entry()


if __name__ == "__mp_main__" and os.environ.get(TIMINGS_ENV):
    # A worker process of `--workers N` (multiprocessing's spawn runs the parent's main file
    # under this name before it unpickles the work).
    install_shard_timers(Path(os.environ[TIMINGS_ENV]) / f"worker-{os.getpid()}.json")

if __name__ == "__main__":
    main()
