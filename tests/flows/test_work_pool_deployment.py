"""Issue 20.1: prefect.yaml's `tadasu-adhoc` deployment, run through a process work pool by
`prefect worker start` (the README's route) with `workers=2`, writes the same datasets as
`tadasu run` on the same input.

Everything through the command lines a user types: `prefect work-pool create --type process`,
`prefect deploy --name tadasu-adhoc --pool tadasu-test` from the project folder (prefect.yaml's
deployment on a pool of this test's own, so no other worker picks its runs), `prefect deployment
run ... --param inputs=[...] --param out=... --param workers=2`, and `prefect worker start --pool
tadasu-test` as a subprocess until the run is finished (bounded wait). The worker runs the flow
in a subprocess of its own from the project folder, loading `flows/flow.py` by path: the route
that failed every shard with `BrokenProcessPool` before the flow imported absolutely.

Input: every sixth document of the livedoor corpus (1,228 of 7,367, all nine categories; read from
../shared/corpus/livedoor.jsonl.gz into the test's temporary folder): five shards, so both
workers take several. The whole corpus took two minutes of the suite for no route the slice does
not take. Rows are compared per dataset as sorted multisets of whole rows (row hashes, then the
sorted frames themselves).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import time
from pathlib import Path

import pytest

from flows import datasets as ds

from .conftest import stop_process_group

ROOT = Path(__file__).resolve().parents[2]
LIVEDOOR = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"
POOL = "tadasu-test"
DEPLOYMENT = "normalize-corpus/tadasu-adhoc"
WAIT_FOR_RUN = 900  # s: a bound, not a speed check (2 workers on 2 busy cores)
EVERY = 6  # the slice: every sixth document

pytestmark = pytest.mark.slow


def _sorted_rows(folder: Path):
    import polars as pl

    df = pl.read_parquet(sorted(folder.glob("*.parquet")))
    # Equal rows hash alike: sorted by their hash, two multisets of rows line up row by row.
    return df.with_columns(_row=df.hash_rows()).sort("_row")


def _same_rows(got: Path, want: Path) -> None:
    from polars.testing import assert_frame_equal

    for name in ds.ALL_DATASETS:
        a, b = _sorted_rows(got / name), _sorted_rows(want / name)
        assert a.schema == b.schema, name
        assert a.height == b.height, (name, a.height, b.height)
        assert_frame_equal(a, b, check_exact=True)


def _wait_for_terminal(server, flow_run_id: str, worker: subprocess.Popen, worker_log: Path):
    t0 = time.monotonic()
    while True:
        run = server.run(lambda c: c.read_flow_run(flow_run_id))
        if run.state_type.value in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            return run, time.monotonic() - t0
        if worker.poll() is not None:
            pytest.fail(f"the worker exited with {worker.returncode}:\n{worker_log.read_text(errors='replace')[-4000:]}")
        if time.monotonic() - t0 > WAIT_FOR_RUN:
            pytest.fail(f"the flow run is {run.state_type.value} after {WAIT_FOR_RUN} s:\n"
                        f"{worker_log.read_text(errors='replace')[-4000:]}")
        time.sleep(3)


def _livedoor_slice(path: Path) -> int:
    """Every EVERY-th line of livedoor, written to `path`; returns how many."""
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        lines = [line for i, line in enumerate(f) if i % EVERY == 0]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def test_adhoc_deployment_through_a_process_work_pool_matches_tadasu_run(prefect_server, tmp_path):
    assert LIVEDOOR.is_file(), LIVEDOOR
    corpus = tmp_path / "livedoor-slice.jsonl"
    n_docs = _livedoor_slice(corpus)
    prefect = [str(Path(prefect_server.tadasu()[0]).parent / "prefect"), "--no-prompt"]
    env = prefect_server.client_env(PREFECT_WORKER_QUERY_SECONDS="2")  # picks the run up within seconds

    def sh(*args: str, timeout: float = 120) -> str:
        p = subprocess.run([*prefect, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        assert p.returncode == 0, f"prefect {' '.join(args)} failed:\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}"
        return p.stdout + p.stderr

    yaml_before = (ROOT / "prefect.yaml").read_bytes()
    sh("work-pool", "create", POOL, "--type", "process")
    sh("deploy", "--name", "tadasu-adhoc", "--pool", POOL)
    assert (ROOT / "prefect.yaml").read_bytes() == yaml_before, "prefect deploy rewrote prefect.yaml"
    dep = prefect_server.run(lambda c: c.read_deployment_by_name(DEPLOYMENT))
    assert dep.work_pool_name == POOL and dep.entrypoint == "flows/flow.py:normalize_corpus"

    deployed = tmp_path / "deployed"
    said = sh("deployment", "run", DEPLOYMENT, "--param", f"inputs={json.dumps([str(corpus)])}",
              "--param", f"out={deployed}", "--param", "workers=2")
    flow_run_id = re.search(r"UUID: ([0-9a-f-]{36})", said).group(1)

    worker_log = tmp_path / "worker.log"
    with open(worker_log, "wb") as log:
        worker = subprocess.Popen([*prefect, "worker", "start", "--pool", POOL], env=env, cwd=ROOT, stdout=log,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        run, waited = _wait_for_terminal(prefect_server, flow_run_id, worker, worker_log)
    finally:
        stop_process_group(worker)
    assert run.state_type.value == "COMPLETED", (run.state, worker_log.read_text(errors="replace")[-4000:])
    print(f"\ndeployment run of {n_docs} livedoor documents (workers=2) through pool {POOL}: {waited:.0f} s from trigger to COMPLETED")

    t0 = time.monotonic()
    cli_out = tmp_path / "cli"
    cli = subprocess.run([*prefect_server.tadasu(), "run", str(corpus), "--out", str(cli_out), "--workers", "2"],
                         cwd=ROOT, env=prefect_server.client_env(), capture_output=True, text=True, timeout=WAIT_FOR_RUN)
    assert cli.returncode == 0, cli.stderr[-3000:]
    print(f"tadasu run of the same (--workers 2): {time.monotonic() - t0:.0f} s")

    got = json.loads((deployed / "run.json").read_text(encoding="utf-8"))
    want = json.loads((cli_out / "run.json").read_text(encoding="utf-8"))
    assert got["documents"]["total"] == n_docs > 1000 and got["documents"] == want["documents"]
    assert got["workers"] == 2 and got["task_runner"] == "ShardPool"
    assert got["mentions_by_label"] == want["mentions_by_label"] and got["edits_by_rule"] == want["edits_by_rule"]
    _same_rows(deployed, cli_out)
