"""Whole-process `tadasu run`: wall time, peak memory, documents/s, worker scaling (issue 7).

What it measures: for each input (the corpus, and the corpus repeated `--scales` times) and each
worker count, one subprocess `.venv/bin/tadasu run INPUT --out FRESH_DIR --workers N`, timed from
start to exit (Python start-up, Prefect, ingest, normalize, Parquet writing: everything). Then:

  docs/s        documents in the input / wall seconds
  MB/s          UTF-8 bytes of the input texts / wall seconds
  scaling       docs/s with N workers / docs/s with 1 worker, same input
                (target: 2 workers >= 1.8x 1 worker on the 250 MB corpus, issue 21; 1.7x was issue 7's)
  tree peak     peak of the SUM of RSS over the process tree (the CLI and all its descendants:
                Prefect's temporary server, Dask workers), polled with psutil every --poll s.
                RSS counts pages shared between forked processes once per process, so this errs
                high; a process living shorter than the poll interval may be missed.
  max proc      ru_maxrss from wait4() on the CLI: the largest single process of the tree (its
                descendants included once reaped): a lower bound of the tree's peak.
  mem ratio     tree peak on the scaled input / on the x1 input, same worker count
                (target: 250 MB peak <= 1.2x the 25 MB peak)
  flow s        the flow run's own seconds from run.json (plan, normalize, write, finalize):
                the wall time without the process's start-up (imports, Prefect's temporary
                server) and shutdown, a fixed cost of several seconds per run whatever the input
  flow scaling  the same ratio as scaling, on flow seconds

Per run it also prints CPU seconds by process kind (flow = the CLI, server = Prefect's temporary
API server, worker = the worker processes of --workers N or Dask; last poll of each process),
the largest peak RSS of each kind, and the machine's busy CPU seconds during the run: what
other processes took is what makes wall times (and the scaling ratio) incomparable on a shared
2-core machine. CPU seconds per process are the steadier figure there.

Each run gets a fresh output dir under /tmp/tadasu-bench (removed afterwards unless --keep). The
runs share one PREFECT_HOME under /tmp/tadasu-bench (so the Prefect database is migrated once, by
an untimed warm-up run on data/sample) unless --prefect-home is given ("inherit" keeps the caller's).

Run (from the project root):

    .venv/bin/python bench/run_scaling.py --limit 200 --scales 1,2            # quick, while developing
    .venv/bin/python bench/run_scaling.py                                     # livedoor 25 MB and 250 MB, 1 and 2 workers
    .venv/bin/python bench/run_scaling.py --scales 10 --workers 1,2           # just the 250 MB scaling
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import BENCH_TMP, DEFAULT_CORPUS, ROOT, count_docs, scaled_corpus  # noqa: E402

try:
    import psutil
except ImportError:  # pragma: no cover
    psutil = None


def _busy_cpu() -> float | None:
    """Busy CPU seconds of the whole machine since boot (all cores; idle and iowait excluded)."""
    if psutil is None:
        return None
    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0) - getattr(t, "guest", 0.0) - getattr(t, "guest_nice", 0.0)


def role_of(proc, root_pid: int) -> str:
    """flow (the CLI), server (Prefect's temporary API server), worker (a worker process)
    or other (multiprocessing's resource tracker, ...)."""
    if proc.pid == root_pid:
        return "flow"
    try:
        cmd = " ".join(proc.cmdline())
    except psutil.Error:
        return "other"
    if "uvicorn" in cmd or " server start" in cmd:  # Prefect's own, or the one the CLI starts
        return "server"
    if "spawn_main" in cmd or "dask" in cmd or "forkserver" in cmd:
        return "worker"
    return "other"


def tree_rss(proc, cpu: dict | None = None) -> tuple[int, int]:
    """(sum of RSS over proc and its descendants, number of processes). With `cpu`, records the
    latest (role, user + sys CPU seconds) of every process seen, by pid."""
    total = n = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            rss = p.memory_info().rss
            total += rss
            n += 1
            if cpu is not None:
                t = p.cpu_times()
                # (a role once known is kept; "other" is asked again: a spawned worker polled
                # between its fork and its exec still shows the CLI's command line)
                role = cpu[p.pid][0] if p.pid in cpu and cpu[p.pid][0] != "other" else role_of(p, proc.pid)
                cpu[p.pid] = (role, t.user + t.system, max(rss, cpu[p.pid][2] if p.pid in cpu else 0))
        except psutil.Error:
            pass
    return total, n


def cpu_by_role(cpu: dict) -> dict[str, float]:
    """CPU seconds by role, from the last poll of each process (its final < --poll s is missed)."""
    out: dict[str, float] = {}
    for role, sec, _ in cpu.values():
        out[role] = out.get(role, 0.0) + sec
    out["n_workers"] = sum(1 for v in cpu.values() if v[0] == "worker")
    return out


def rss_by_role(cpu: dict) -> dict[str, int]:
    """Peak RSS per process, the largest per role (bytes)."""
    out: dict[str, int] = {}
    for role, _, rss in cpu.values():
        out[role] = max(out.get(role, 0), rss)
    return out


def run_once(cmd: list[str], env: dict, poll: float, timeout: float | None, log: Path) -> dict:
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        popen = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        peak = peak_n = 0
        ps = psutil.Process(popen.pid) if psutil else None
        status = ru = None
        cpu: dict = {}
        busy0 = _busy_cpu()
        while True:
            pid, status, ru = os.wait4(popen.pid, os.WNOHANG)
            if pid:
                break
            if ps is not None:
                rss, n = tree_rss(ps, cpu)
                if rss > peak:
                    peak = rss
                peak_n = max(peak_n, n)
            if timeout and time.perf_counter() - t0 > timeout:
                popen.kill()
                pid, status, ru = os.wait4(popen.pid, 0)
                break
            time.sleep(poll)
        wall = time.perf_counter() - t0
        busy = _busy_cpu() - busy0 if busy0 is not None else float("nan")
    popen.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "rc": popen.returncode,
        "tree_peak": peak,
        "procs": peak_n,
        "max_proc": ru.ru_maxrss * 1024,  # Linux: kB
        "user": ru.ru_utime,
        "sys": ru.ru_stime,
        # CPU seconds per role as last polled (a process's final < --poll s may be missed)
        "cpu_roles": cpu_by_role(cpu),
        "rss_roles": rss_by_role(cpu),
        # CPU seconds the whole machine was busy during the run: minus the run's own CPU, what
        # other processes took (wall times are only comparable when that is small)
        "machine_busy": busy,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="jsonl(.gz) corpus (default livedoor, 25 MB)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents of the corpus")
    ap.add_argument("--scales", default="1,10", help="corpus repetitions to run (default 1,10: 25 and 250 MB)")
    ap.add_argument("--workers", default=None, help="worker counts (default 1,2, and 4 with >= 4 cores)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per configuration; the fastest counts")
    ap.add_argument("--tadasu", default=str(ROOT / ".venv" / "bin" / "tadasu"), help="the CLI to run")
    ap.add_argument("--extra", default="", help="extra arguments for `tadasu run` (one string)")
    ap.add_argument("--poll", type=float, default=0.05, help="RSS polling interval, seconds")
    ap.add_argument("--timeout", type=float, default=None, help="kill a run after this many seconds")
    ap.add_argument("--prefect-home", default=None, help='PREFECT_HOME for the runs; "inherit": the caller\'s')
    ap.add_argument("--no-warmup", action="store_true", help="skip the untimed warm-up run on data/sample")
    ap.add_argument("--keep", action="store_true", help="keep the output dirs")
    args = ap.parse_args(argv)

    if psutil is None:
        print("note: psutil missing (.venv/bin/pip install psutil): only the wait4 max-process figure")
    if not Path(args.tadasu).exists():
        print(f"{args.tadasu} not found: install the project (README) or wait for the CLI (flows/cli.py)")
        return 2
    workers = [int(w) for w in args.workers.split(",")] if args.workers else (
        [1, 2, 4] if (os.cpu_count() or 1) >= 4 else [1, 2])
    scales = [int(s) for s in args.scales.split(",")]

    env = dict(os.environ)
    BENCH_TMP.mkdir(parents=True, exist_ok=True)
    if args.prefect_home != "inherit":
        env["PREFECT_HOME"] = args.prefect_home or str(BENCH_TMP / "prefect-home")
    env.setdefault("PYTHONUNBUFFERED", "1")

    inputs = {}
    for s in scales:
        path = scaled_corpus(args.corpus, s, args.limit) if (s != 1 or args.limit) else Path(args.corpus)
        inputs[s] = (path, *count_docs(path))
    print(f"tadasu: {args.tadasu}  cpus: {os.cpu_count()}  load avg: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
          f"  PREFECT_HOME: {env.get('PREFECT_HOME', '(default)')}")
    for s, (path, n, b) in inputs.items():
        print(f"input x{s}: {path}  {n:,} docs  {b / 1e6:,.1f} MB of text")

    if not args.no_warmup:
        out = Path(tempfile.mkdtemp(prefix="warmup-", dir=BENCH_TMP))
        r = run_once([args.tadasu, "run", str(ROOT / "data" / "sample"), "--out", str(out / "out")], env,
                     args.poll, args.timeout, out / "log.txt")
        print(f"warm-up on data/sample: exit {r['rc']} in {r['wall']:.1f} s")
        if r["rc"] != 0:
            print("    last lines of the log:\n      " + "\n      ".join(
                (out / "log.txt").read_text(errors="replace").splitlines()[-8:]))
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)

    # Rounds: each round runs every worker count once, so the machine's drift between runs (its
    # speed moves by 10% between invocations here) falls on both sides of a ratio alike. The
    # fastest run of each configuration counts; the ratios of each round are printed too.
    runs: dict[tuple[int, int], list[dict]] = {}
    for s, (path, n, b) in inputs.items():
        for rep in range(args.repeat):
            for w in workers:
                tmp = Path(tempfile.mkdtemp(prefix=f"run-x{s}-w{w}-", dir=BENCH_TMP))
                cmd = [args.tadasu, "run", str(path), "--out", str(tmp / "out"), "--workers", str(w), *args.extra.split()]
                r = run_once(cmd, env, args.poll, args.timeout, tmp / "log.txt")
                r["run_json"] = None
                rj = tmp / "out" / "run.json"
                if rj.exists():
                    try:
                        r["run_json"] = json.loads(rj.read_text())
                    except ValueError:
                        pass
                print(f"  x{s} workers={w} run {rep + 1}: exit {r['rc']}  {r['wall']:.1f} s  tree peak "
                      f"{r['tree_peak'] / 2**20:,.0f} MiB  max proc {r['max_proc'] / 2**20:,.0f} MiB  "
                      f"cpu {r['user'] + r['sys']:.1f} s  procs {r['procs']}  log {tmp / 'log.txt'}", flush=True)
                roles = r.get("cpu_roles") or {}
                if roles:
                    n_tasks = ((r["run_json"] or {}).get("shards") or {}).get("processed") or 0
                    per_task = (f"  ({(roles.get('flow', 0) + roles.get('server', 0) + roles.get('worker', 0)) / n_tasks:.2f} s"
                                f" per shard, {n_tasks} shards)" if n_tasks else "")
                    print("    cpu s by process: " + "  ".join(
                        f"{k} {v:.1f}" for k, v in roles.items() if k != "n_workers")
                        + f"  ({roles.get('n_workers', 0)} worker processes){per_task}", flush=True)
                    print("    peak RSS MiB by process (largest of each kind): " + "  ".join(
                        f"{k} {v / 2**20:,.0f}" for k, v in r["rss_roles"].items()), flush=True)
                    own = r["user"] + r["sys"]
                    print(f"    machine: {r['machine_busy']:.1f} CPU s busy over {r['wall']:.1f} s x {os.cpu_count()} cores;"
                          f" other processes took ~{max(0.0, r['machine_busy'] - own):.1f} CPU s", flush=True)
                if r["rc"] != 0:
                    print("    last lines of the log:\n      " + "\n      ".join(
                        (tmp / "log.txt").read_text(errors="replace").splitlines()[-8:]))
                if not args.keep:
                    shutil.rmtree(tmp, ignore_errors=True)
                runs.setdefault((s, w), []).append(r)
    # The fastest successful run of each configuration (the last one if none succeeded).
    results = {k: min((r for r in rs if r["rc"] == 0), key=lambda r: r["wall"], default=rs[-1]) for k, rs in runs.items()}

    print()
    print(f"{'input':<7} {'MB':>6} {'docs':>7} {'workers':>7} {'exit':>4} {'wall s':>8} {'docs/s':>8} {'MB/s':>6} "
          f"{'scaling':>8} {'tree peak MiB':>13} {'max proc MiB':>12} {'mem ratio':>9} {'flow s':>7} {'flow scaling':>12}")
    for (s, w), r in results.items():
        path, n, b = inputs[s]
        base = results.get((s, workers[0]))
        scaling = (base["wall"] / r["wall"]) if base and base["rc"] == 0 and r["rc"] == 0 else float("nan")
        small = results.get((scales[0], w))
        mem_ratio = (r["tree_peak"] / small["tree_peak"] if small and small["tree_peak"] and s != scales[0]
                     and r["rc"] == 0 and small["rc"] == 0 else float("nan"))
        fmt = lambda x, width: f"{'-':>{width}} " if x != x else f"{x:{width}.2f}x"  # noqa: E731 (nan: n/a)
        fmt_s = lambda x, width: f"{'-':>{width}}" if x != x else f"{x:{width}.1f}"  # noqa: E731
        flow_s = _flow_seconds(r)
        base_flow = _flow_seconds(base) if base else float("nan")
        print(f"x{s:<6} {b / 1e6:6.1f} {n:7,} {w:7} {r['rc']:4} {r['wall']:8.1f} {n / r['wall']:8.1f} "
              f"{b / 1e6 / r['wall']:6.2f} {fmt(scaling, 7)} {r['tree_peak'] / 2**20:13,.0f} "
              f"{r['max_proc'] / 2**20:12,.0f} {fmt(mem_ratio, 8)} {fmt_s(flow_s, 7)} {fmt(base_flow / flow_s, 11)}")
    if args.repeat > 1:
        for (s, w), rs in runs.items():
            if w == workers[0]:
                continue
            pairs = [a["wall"] / r["wall"] for a, r in zip(runs[(s, workers[0])], rs) if a["rc"] == 0 and r["rc"] == 0]
            if pairs:
                print(f"x{s} workers={w}: scaling round by round " + ", ".join(f"{x:.2f}x" for x in pairs)
                      + f" (median {statistics.median(pairs):.2f}x)")
    print("targets (issue 21): 2 workers >= 1.8x 1 worker (scaling, on the 250 MB input); "
          "250 MB tree peak <= 1.2x the 25 MB tree peak (mem ratio)")
    if workers[0] != 1:
        print(f"note: scaling is relative to {workers[0]} workers")
    return 0 if all(r["rc"] == 0 for r in results.values()) else 1


def _flow_seconds(r: dict) -> float:
    """The flow run's own seconds (run.json), nan when the run wrote none."""
    seconds = (r.get("run_json") or {}).get("seconds")
    return float(seconds) if seconds else float("nan")


if __name__ == "__main__":
    sys.exit(main())
