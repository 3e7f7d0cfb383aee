"""What one Prefect task run and one flow run cost against a running server (issue 21).

Starts a `prefect server start` (bench/_prefect_server.py: free loopback port, own PREFECT_HOME,
stopped at the end and on Ctrl-C), points this process at it, and times, inside one flow run:

  sync      N calls of a task that does nothing (`persist_result=False, cache_policy=NO_CACHE`,
            as the flow's plan-input / prepare-output / finalize-run are declared)
  submitted N task runs submitted to a ThreadPoolTaskRunner one at a time and waited for (as the
            flow's normalize-shards loop does with 1 worker)
  call      N plain calls of the same function (the baseline)

and M empty flow runs (flow-run creation, states, final state). Per item it prints wall seconds,
this process's CPU seconds and the server's CPU seconds (psutil over its process tree): what
a task run costs the run's machine beyond the work it wraps.

    .venv/bin/python bench/prefect_task_cost.py              # N=40, M=5
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import BENCH_TMP  # noqa: E402
from _prefect_server import prefect_env, running_server  # noqa: E402


def measure(label: str, fn, n: int, srv, results: list) -> None:
    s0, w0, c0 = srv.cpu_seconds(), time.perf_counter(), time.process_time()
    fn()
    wall, cpu, server = time.perf_counter() - w0, time.process_time() - c0, srv.cpu_seconds() - s0
    results.append((label, n, wall / n, cpu / n, server / n))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=40, help="task runs per kind")
    ap.add_argument("-m", type=int, default=5, help="empty flow runs")
    args = ap.parse_args(argv)
    BENCH_TMP.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="task-cost-", dir=BENCH_TMP))
    with running_server(home / "server") as srv:
        os.environ.update(prefect_env(home / "client", srv.url))
        from prefect import flow, task
        from prefect.cache_policies import NO_CACHE
        from prefect.task_runners import ThreadPoolTaskRunner

        def work(i: int) -> int:
            return i

        noop = task(name="noop", persist_result=False, cache_policy=NO_CACHE)(work)
        results: list[tuple] = []

        @flow(name="task-cost", persist_result=False)
        def task_cost() -> None:
            measure("plain call", lambda: [work(i) for i in range(args.n)], args.n, srv, results)
            measure("sync task run", lambda: [noop(i) for i in range(args.n)], args.n, srv, results)
            with ThreadPoolTaskRunner(max_workers=1) as runner:
                measure("submitted task run", lambda: [runner.submit(noop, {"i": i}).result() for i in range(args.n)],
                        args.n, srv, results)

        @flow(name="empty", persist_result=False)
        def empty() -> None:
            return None

        task_cost()  # the first flow run also pays for the client's set-up: measured apart below
        measure("empty flow run", lambda: [empty() for _ in range(args.m)], args.m, srv, results)
        from prefect.logging.handlers import APILogHandler

        APILogHandler().flush()  # the last flow run's logs reach the server before it stops
    shutil.rmtree(home, ignore_errors=True)
    print(f"against a running server (load avg {' '.join(f'{x:.1f}' for x in os.getloadavg())}):")
    print(f"  {'item':<20} {'n':>4} {'wall s each':>12} {'CPU s each':>11} {'server CPU s each':>18}")
    for label, n, wall, cpu, server in results:
        print(f"  {label:<20} {n:4} {wall:12.4f} {cpu:11.4f} {server:18.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
