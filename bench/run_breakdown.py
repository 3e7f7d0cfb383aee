"""Where a `tadasu run`'s time goes: start-up, plan/read, normalize, candidates, rows, Parquet,
Prefect, finalize (issue 21, the measuring part).

For each server mode and worker count it runs, in this order: the plain console script
(`.venv/bin/tadasu run`, uninstrumented: the run the issue's ratio is about); in this process, a
plain `Normalizer.normalize_many` pass over the same documents (chunks of `MANY_CHUNK`, as the
shards call it; the collector's default settings; reading the file is not timed); then the real
command line with stage timers, for the split (`bench/_timed_cli.py`: `flows.cli.entry` with
timing wrappers around public functions of flows/ and around the shards' `normalize_many`,
installed in that process and in its `--workers N` processes; nothing under flows/ is edited).
All three run the compiled build when there is one (production's build; the timers do not need
the Python source), or all three the Python source with `--pure` (`TADASU_PURE=1`: the sessions
before 9 measured that way, which hides the pipeline's cost behind a normalizer twice as slow).
`--no-split` leaves out the timed run. Server modes:

  running    a `prefect server start` this script starts on a free loopback port with its own
             PREFECT_HOME (the production setting: with its services), stopped at the end, also
             on Ctrl-C; the runs get PREFECT_API_URL
  temporary  no PREFECT_API_URL: `tadasu run` starts its temporary server (flows/server.py)

Each mode starts with an untimed warm-up run on data/sample. Per run it prints:

- the CLI process's timeline (sums to the wall time): start-up (process start → normalize_corpus
  called: interpreter, imports, CLI checks, waiting for the temporary server, planning while it
  boots), Prefect's flow-run start (→ the flow function's body; includes claiming OUT), the
  flow body, the flow-run end (final state), exit (summary, exit handlers, the server's stop);
- the split the issue asks for, in seconds of wall time: start-up (without the planning done in
  it), plan/read, normalize, candidates, row building (Python rows + their Arrow tables), Parquet
  writing (and the small JSON records), Prefect (flow-run start and end, the three synchronous
  tasks' own time, the normalize-shards tasks' gaps: work-phase time with no batch running,
  progress artifacts, the run's artifacts), finalize (prepare-output's work, output checks,
  summary, glossary version, shard bookkeeping), exit, and the rest of the flow body. In-shard
  stages run in the worker processes with --workers 2: their "process s" are summed over the
  processes, "wall s" scales them to the time batches were running (the union of the batches'
  intervals), so the wall column sums to the wall time;
- flow s (run.json `seconds`) of the plain console script, the plain normalize_many seconds, and
  their ratio (the issue's target: <= 1.5 with 1 worker against a running server), with the load
  average before and after; the timed run's flow s beside it (the timers cost a Python call and
  two clock reads per timed call, ~60,000 calls on livedoor).

Run (from the project root):

    .venv/bin/python bench/run_breakdown.py --limit 500 --modes temporary --workers 1     # quick
    .venv/bin/python bench/run_breakdown.py                           # livedoor: both modes, 1 and 2 workers
    .venv/bin/python bench/run_breakdown.py --scale 10 --modes running   # the 250 MB corpus
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import BENCH_TMP, DEFAULT_CORPUS, ROOT, _open_text, count_docs, scaled_corpus  # noqa: E402
from _prefect_server import prefect_env, running_server  # noqa: E402
from run_scaling import run_once  # noqa: E402

TIMED_CLI = Path(__file__).resolve().parent / "_timed_cli.py"


def plain_normalize_many(path: Path, glossary: str | None) -> dict:
    """Seconds of `normalize_many` over the file's documents (64 at a time; reading not timed)."""
    from normalizers.normalizer import MANY_CHUNK

    from _corpus import normalizer_with_glossary

    normalizer, note = normalizer_with_glossary(glossary)
    seconds = cpu = 0.0
    n = 0
    texts: list[str] = []
    dates: list = []

    def flush() -> None:
        nonlocal seconds, cpu, n
        t, c = time.perf_counter(), time.process_time()
        normalizer.normalize_many(texts, dates, errors="return")
        seconds += time.perf_counter() - t
        cpu += time.process_time() - c
        n += len(texts)
        texts.clear()
        dates.clear()

    with _open_text(path) as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                texts.append(d["text"])
                dates.append(d.get("published_at"))
                if len(texts) == MANY_CHUNK:
                    flush()
    if texts:
        flush()
    return {"seconds": seconds, "cpu": cpu, "docs": n, "note": note}


def union_length(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for a, b in sorted(intervals):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def load_timings(tdir: Path) -> tuple[dict, list[dict]]:
    flows = [json.loads(Path(p).read_text()) for p in glob.glob(str(tdir / "flow-*.json"))]
    workers = [json.loads(Path(p).read_text()) for p in glob.glob(str(tdir / "worker-*.json"))]
    if len(flows) != 1:
        raise RuntimeError(f"{len(flows)} flow timing files in {tdir} (the run failed?)")
    return flows[0], workers


SHARD_STAGES = ("shard.read", "shard.normalize", "shard.candidates", "shard.rows", "shard.to_arrow",
                "shard.parquet_write", "shard.json", "shard.counts", "shard.other")

# The split: row -> the timer stages it sums (see the module docstring; start-up, Prefect and exit
# come from the marks).
SPLIT_STAGES = {
    "plan/read": ("plan", "plan.prime", "shard.read"),
    "normalize": ("shard.normalize",),
    "candidates": ("shard.candidates", "finalize.candidates", "flow.to_arrow", "flow.parquet_write"),
    "row building": ("shard.rows", "shard.to_arrow"),
    "  of which Arrow tables": ("shard.to_arrow",),
    "Parquet writing": ("shard.parquet_write", "shard.json"),
    "finalize": ("prepare", "finalize.check", "finalize.summary", "flow.glossary", "flow.json", "shard.counts",
                 "shard.other", "batch.wait"),
}
IN_SHARD = set(SHARD_STAGES) | {"batch.wait"}


def _sum(timings: list[dict], kind: str, stages) -> tuple[float, float]:
    """(seconds in shards, seconds elsewhere) of `stages`, `kind` "seconds" or "cpu", summed
    over the processes. `batch.wait` (pool.run_batch's own time) is process_batch's bookkeeping
    when the shards run in the flow process, but the wait for a worker with --workers N: then
    it is left out."""
    if len(timings) > 1:
        stages = [k for k in stages if k != "batch.wait"]
    inside = sum(t[kind].get(k, 0.0) for t in timings for k in stages if k in IN_SHARD)
    outside = sum(t[kind].get(k, 0.0) for t in timings for k in stages if k not in IN_SHARD)
    return inside, outside


def _stage_totals(timings: list[dict], kind: str) -> dict[str, float]:
    """Every timer stage summed over the processes (for --json)."""
    out: dict[str, float] = {}
    for t in timings:
        for k, v in t[kind].items():
            out[k] = round(out.get(k, 0.0) + v, 4)
    return out


def breakdown(flow: dict, workers: list[dict], spawn: float, exited: float, run: dict, flow_cpu_total: float) -> dict:
    """The timeline and the split (see the module docstring): wall and CPU seconds per row."""
    m, iv = flow["marks"], flow["intervals"]
    timings = [flow, *workers]
    prime_wall = sum(x[1] - x[0] for x in iv.get("plan.prime", []))
    prime_cpu = sum(x[2] for x in iv.get("plan.prime", []))
    timeline = {
        "start-up": (m["flow_call"][0] - spawn, m["flow_call"][1]),
        "flow-run start": (m["body_start"][0] - m["flow_call"][0], m["body_start"][1] - m["flow_call"][1]),
        "flow body": (m["body_end"][0] - m["body_start"][0], m["body_end"][1] - m["body_start"][1]),
        "flow-run end": (m["flow_return"][0] - m["body_end"][0], m["flow_return"][1] - m["body_end"][1]),
        "exit": (exited - m["flow_return"][0], max(0.0, flow_cpu_total - m["main_return"][1])),
    }
    work = float(run["throughput"]["work_seconds"])
    batches = union_length([tuple(x[:2]) for x in iv.get("batch.wait", [])])
    shard_wall = sum(_sum(timings, "seconds", IN_SHARD))
    scale = batches / shard_wall if shard_wall else 0.0  # in-shard process seconds -> wall seconds
    split: dict[str, dict] = {"start-up": {"wall": timeline["start-up"][0] - prime_wall,
                                           "cpu": timeline["start-up"][1] - prime_cpu}}
    named_cpu_in_flow = 0.0  # CPU of the flow process in named stages between flow_call and flow_return
    for row, stages in SPLIT_STAGES.items():
        w_in, w_out = _sum(timings, "seconds", stages)
        c_in, c_out = _sum(timings, "cpu", stages)
        split[row] = {"wall": w_out + w_in * scale, "cpu": c_in + c_out}
        if not row.startswith("  "):
            named_cpu_in_flow += _sum([flow], "cpu", stages)[0] + _sum([flow], "cpu", stages)[1]
    named_cpu_in_flow -= prime_cpu  # planning in the CLI happened before flow_call
    task_own = sum(flow["seconds"].get(f"task.{t}", 0.0) for t in ("plan_input", "prepare_output", "finalize_run"))
    gaps = max(0.0, work - batches)
    art = flow["seconds"].get("artifacts", 0.0) + flow["seconds"].get("artifacts.progress", 0.0)
    flow_cpu = m["flow_return"][1] - m["flow_call"][1]
    split["Prefect"] = {
        "wall": timeline["flow-run start"][0] + timeline["flow-run end"][0] + task_own + gaps
        + flow["seconds"].get("artifacts", 0.0),
        # everything the CLI process burnt during the flow outside the named stages: Prefect's
        # engine and its threads (API client, events, logs), artifacts, the flow body's own code
        "cpu": flow_cpu - named_cpu_in_flow,
    }
    # (the progress artifact is updated after the next batch is submitted: it overlaps a batch,
    # so it is not subtracted from the gaps)
    split["  of which task overhead"] = {"wall": task_own + gaps, "cpu": float("nan")}
    split["  of which artifacts"] = {"wall": art, "cpu": flow["cpu"].get("artifacts", 0.0)
                                     + flow["cpu"].get("artifacts.progress", 0.0)}
    split["exit"] = {"wall": timeline["exit"][0], "cpu": timeline["exit"][1]}
    wall_total = sum(v[0] for v in timeline.values())
    rest = wall_total - sum(v["wall"] for k, v in split.items() if not k.startswith("  "))
    split["rest of the flow body"] = {"wall": rest, "cpu": float("nan")}
    return {"timeline": timeline, "split": split, "work": work, "batches": batches, "gaps": gaps,
            "shard_scale": scale, "prime": prime_wall}


def print_ratio(label: str, r: dict, plain: dict, load: tuple) -> None:
    """The issue's figure: the plain console script's flow s against normalize_many's seconds."""
    flow_s = float((r.get("run_json") or {}).get("seconds") or "nan")
    print(f"\n== {label}: tadasu run (plain console script, {(r.get('run_json') or {}).get('normalizer_build')}): "
          f"exit {r['rc']}, wall {r['wall']:.2f} s, flow s (run.json) {flow_s:.2f}, tree peak RSS "
          f"{r['tree_peak'] / 2**20:,.0f} MiB\n   plain normalize_many: {plain['seconds']:.2f} s, {plain['cpu']:.2f} CPU s "
          f"({plain['docs']:,} docs; {plain['note']})\n   RATIO flow s / normalize_many s = "
          f"{flow_s / plain['seconds']:.2f}   (target for 1 worker, running server: <= 1.5; load avg "
          f"{load[0]:.1f} -> {load[1]:.1f})")


def print_run(label: str, r: dict, b: dict, plain: dict, load: tuple, server_cpu: float | None) -> None:
    wall = r["wall"]
    flow_s = float((r.get("run_json") or {}).get("seconds") or "nan")
    print(f"\n== {label}, timed run (the split): exit {r['rc']}, wall {wall:.2f} s, flow s (run.json) {flow_s:.2f}, "
          f"load avg {load[0]:.1f} -> {load[1]:.1f}, tree peak RSS {r['tree_peak'] / 2**20:,.0f} MiB")
    print("   timeline of the CLI process   wall s   CPU s")
    for k, (w, c) in b["timeline"].items():
        print(f"     {k:<28} {w:7.2f} {c:7.2f}")
    print(f"   split                         wall s   CPU s  % of wall   (work phase {b['work']:.2f} s: "
          f"batches running {b['batches']:.2f} s, gaps {b['gaps']:.2f} s)")
    for k, v in b["split"].items():
        cpu = "      -" if v["cpu"] != v["cpu"] else f"{v['cpu']:7.2f}"
        print(f"     {k:<28} {v['wall']:7.2f} {cpu}  {100 * v['wall'] / wall:8.1f}%")
    roles = r.get("cpu_roles") or {}
    run_cpu = roles.get("flow", 0.0) + roles.get("worker", 0.0)
    print(f"   CPU s by process: " + "  ".join(f"{k} {v:.1f}" for k, v in roles.items() if k != "n_workers")
          + (f"  running server {server_cpu:.1f}" if server_cpu is not None else "")
          + f";  other processes on the machine took ~{max(0.0, r['machine_busy'] - r['user'] - r['sys']):.1f} CPU s")
    print(f"   plain normalize_many: {plain['seconds']:.2f} s, {plain['cpu']:.2f} CPU s ({plain['docs']:,} docs; "
          f"{plain['note']});  inside the shards: {b['split']['normalize']['cpu']:.2f} CPU s")
    print(f"   timed run: flow s / normalize_many s = {flow_s / plain['seconds']:.2f}   (wall / normalize_many "
          f"{wall / plain['seconds']:.2f}; CPU of the run's processes / normalize_many CPU "
          f"{run_cpu / plain['cpu']:.2f})")


def timed_run(cmd_tail: list[str], env: dict, workdir: Path, timeout: float | None, plain_cli: bool) -> tuple[dict, float, float]:
    """One `tadasu run` (timed CLI, or the plain console script): (run_once's result, spawn, exit)."""
    tdir = workdir / "timings"
    tdir.mkdir(parents=True, exist_ok=True)
    env = {**env, "TADASU_BENCH_TIMINGS": str(tdir), "PYTHONUNBUFFERED": "1"}
    cmd = ([str(ROOT / ".venv" / "bin" / "tadasu")] if plain_cli else [sys.executable, str(TIMED_CLI)]) + cmd_tail
    spawn = time.time()
    r = run_once(cmd, env, 0.05, timeout, workdir / "log.txt")
    exited = spawn + r["wall"]
    rj = workdir / "out" / "run.json"
    r["run_json"] = json.loads(rj.read_text()) if rj.exists() else None
    return r, spawn, exited


def stop_children() -> None:
    """End the runs this script started (and their workers and temporary servers), by pid: on
    Ctrl-C the terminal signals them too, on SIGTERM to this script it does not."""
    import psutil

    procs = psutil.Process().children(recursive=True)
    for p in procs:
        try:
            p.terminate()
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(procs, timeout=10)
    for p in alive:
        try:
            p.kill()
        except psutil.Error:
            pass


def run_mode(mode: str, args, path: Path, base: Path, results: list) -> None:
    home = base / f"home-{mode}"
    server = running_server(home) if mode == "running" else nullcontext(None)
    with server as srv:
        try:
            _run_configurations(mode, srv, args, path, base, results)
        except BaseException:
            stop_children()  # before the server stops: a run still reporting to it ends first
            raise


def _run_configurations(mode: str, srv, args, path: Path, base: Path, results: list) -> None:
    """The warm-up and the timed runs of one server mode."""
    env = prefect_env(base / f"home-{mode}", srv.url if srv else None)
    if not args.no_warmup:
        w = base / f"warmup-{mode}"
        r, _, _ = timed_run(["run", str(ROOT / "data" / "sample"), "--out", str(w / "out"), "--no-progress"],
                            env, w, args.timeout, False)
        print(f"[{mode}] warm-up on data/sample: exit {r['rc']} in {r['wall']:.1f} s", flush=True)
    for rep in range(args.repeat):
        for workers in [int(x) for x in args.workers.split(",")]:
            label = f"{mode} server, {workers} worker{'s' if workers > 1 else ''}, x{args.scale}, round {rep + 1}"
            load0 = os.getloadavg()[0]
            pd = base / f"plain-{mode}-w{workers}-{rep}"
            tail = ["run", str(path), "--out", str(pd / "out"), "--workers", str(workers), "--no-progress"]
            if args.glossary:
                tail += ["--glossary", args.glossary]
            pr, _, _ = timed_run(tail, env, pd, args.timeout, True)
            plain = plain_normalize_many(path, args.glossary)
            print_ratio(label, pr, plain, (load0, os.getloadavg()[0]))
            if pr["rc"] != 0:
                print("   log " + str(pd / "log.txt") + ":\n" +
                      "\n".join((pd / "log.txt").read_text(errors="replace").splitlines()[-10:]))
            pflow = (pr.get("run_json") or {}).get("seconds")
            entry = {"label": label, "mode": mode, "workers": workers, "rc": pr["rc"], "flow_s": pflow, "plain": plain,
                     "wall": pr["wall"], "tree_peak": pr["tree_peak"], "build": (pr.get("run_json") or {}).get("normalizer_build"),
                     "load_ratio": (load0, os.getloadavg()[0])}
            if not args.split:
                results.append(entry)
                continue
            load0 = os.getloadavg()[0]
            wd = base / f"run-{mode}-w{workers}-{rep}"
            tail[tail.index("--out") + 1] = str(wd / "out")
            srv_cpu0 = srv.cpu_seconds() if srv else None
            r, spawn, exited = timed_run(tail, env, wd, args.timeout, False)
            server_cpu = srv.cpu_seconds() - srv_cpu0 if srv else None
            load = (load0, os.getloadavg()[0])
            if r["rc"] != 0:
                print(f"\n== {label}, timed run: exit {r['rc']}; log {wd / 'log.txt'}:\n" +
                      "\n".join((wd / "log.txt").read_text(errors="replace").splitlines()[-10:]))
                entry["timed"] = {"rc": r["rc"], "flow_s": float("nan")}
                results.append(entry)
                continue
            flow, wks = load_timings(wd / "timings")
            b = breakdown(flow, wks, spawn, exited, r["run_json"], (r.get("cpu_roles") or {}).get("flow", 0.0))
            print_run(label, r, b, plain, load, server_cpu)
            entry["timed"] = {"wall": r["wall"], "rc": r["rc"], "flow_s": r["run_json"]["seconds"], "load": load,
                              "breakdown": b, "tree_peak": r["tree_peak"], "cpu_roles": r.get("cpu_roles"),
                              "server_cpu": server_cpu,
                              "stages": {kind: _stage_totals([flow, *wks], kind) for kind in ("seconds", "cpu")}}
            results.append(entry)
            sys.stdout.flush()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="jsonl(.gz) corpus (default livedoor)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--scale", type=int, default=1, help="corpus repetitions (10: the 250 MB corpus)")
    ap.add_argument("--workers", default="1,2", help="worker counts (default 1,2)")
    ap.add_argument("--modes", default="running,temporary", help="server modes: running, temporary")
    ap.add_argument("--glossary", default=None, help="glossary dir (default: the shipped one)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds over the worker counts")
    ap.add_argument("--pure", action="store_true", help="every side runs the Python source (TADASU_PURE=1)")
    ap.add_argument("--no-split", dest="split", action="store_false", help="no timed run: the ratio only")
    ap.add_argument("--timeout", type=float, default=None, help="kill a run after this many seconds")
    ap.add_argument("--no-warmup", action="store_true", help="skip the untimed warm-up run per mode")
    ap.add_argument("--keep", action="store_true", help="keep the output, logs and PREFECT_HOMEs")
    ap.add_argument("--json", default=None, help="also write the results to this JSON file")
    args = ap.parse_args(argv)
    if args.pure:
        os.environ["TADASU_PURE"] = "1"
    else:
        os.environ.pop("TADASU_PURE", None)

    path = (scaled_corpus(args.corpus, args.scale, args.limit) if (args.scale != 1 or args.limit)
            else Path(args.corpus))
    n, nbytes = count_docs(path)
    BENCH_TMP.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix="breakdown-", dir=BENCH_TMP))
    print(f"input: {path}  {n:,} docs  {nbytes / 1e6:,.1f} MB of text;  cpus {os.cpu_count()};  load avg "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())};  work dir {base}", flush=True)
    results: list[dict] = []
    try:
        for mode in args.modes.split(","):
            run_mode(mode, args, path, base, results)
    except KeyboardInterrupt:
        print("\ninterrupted: the runs and the server (if any) were stopped")
        return 130
    finally:
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1))
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print("\nsummary  (ratio = flow s of the plain console script / plain normalize_many s; target <= 1.5: "
          "1 worker, running server; timed: the timed run's flow s)")
    for e in results:
        timed = f"  timed flow {e['timed']['flow_s']:7.2f}" if "timed" in e else ""
        print(f"  {e['label']:<48} {e['build']}: wall {e['wall']:7.2f}  flow {float(e['flow_s'] or 'nan'):7.2f}  "
              f"normalize_many {e['plain']['seconds']:6.2f}  ratio {float(e['flow_s'] or 'nan') / e['plain']['seconds']:5.2f}"
              f"{timed}  load {e['load_ratio'][0]:.1f}->{e['load_ratio'][1]:.1f}")
    return 0 if results and all(e["rc"] == 0 and e.get("timed", {}).get("rc", 0) == 0 for e in results) else 1


if __name__ == "__main__":
    sys.exit(main())
