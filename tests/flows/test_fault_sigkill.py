"""Issue 15's fault test: a 2-worker run over the whole livedoor corpus, SIGKILLed at 5 random
points (the CLI, its workers and its server: the whole process group), each time rerun to the
end; every rerun's datasets, compared row by row (sorted), equal a clean run's.

Long (several full runs of livedoor): marked `soak`, which the default test run leaves out
(pytest.ini `-m "not soak"`); run it with `.venv/bin/pytest -m soak tests/flows/test_fault_sigkill.py`.
The kill points are drawn from a seeded generator, so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows import datasets as ds

from .conftest import ROOT

LIVEDOOR = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"
KILLS = 5
SEED = 15

pytestmark = [pytest.mark.slow, pytest.mark.soak]


def sorted_rows(out: Path) -> dict[str, pa.Table]:
    """Every dataset as one table sorted by all its columns that sort (nested ones aside)."""
    tables = {}
    for name in ds.ALL_DATASETS:
        t = pq.read_table(out / name)
        keys = [f.name for f in t.schema if not pa.types.is_nested(f.type)]
        tables[name] = t.sort_by([(k, "ascending") for k in keys]).replace_schema_metadata(None)
    return tables


def run(cmd: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=1200)


def kill_after(cmd: list[str], env: dict, out: Path, finished_shards: int) -> int:
    """Start the run and SIGKILL its process group once `finished_shards` shard manifests exist
    (a point inside the normalization, whatever the machine's speed); returns how many existed."""
    proc = subprocess.Popen(cmd, env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    state = out / "_state" / "shards"
    try:
        while proc.poll() is None:
            if state.is_dir() and len(list(state.glob("*.json"))) >= finished_shards:
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"the run ended before its kill point: {proc.stderr.read().decode()[-2000:]}"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return len(list(state.glob("*.json")))


def test_five_sigkills_of_a_two_worker_livedoor_run_each_rerun_equals_a_clean_run(prefect_server, tmp_path):
    if not LIVEDOOR.exists():
        pytest.fail(f"livedoor corpus missing: {LIVEDOOR}")
    env = prefect_server.client_env()
    base = [*prefect_server.tadasu(), "run", str(LIVEDOOR), "--workers", "2"]
    clean_out = tmp_path / "clean"
    done = run([*base, "--out", str(clean_out)], env)
    assert done.returncode == 0, done.stderr[-3000:]
    clean = sorted_rows(clean_out)
    total = len(list((clean_out / "_state" / "shards").glob("*.json")))
    rng = random.Random(SEED)
    for k in range(KILLS):
        out = tmp_path / f"killed-{k}"
        cmd = [*base, "--out", str(out)]
        point = rng.randrange(1, total)
        saved = kill_after(cmd, env, out, point)
        assert not (out / "run.json").exists()
        rerun = run(cmd, env)
        assert rerun.returncode == 0, rerun.stderr[-3000:]
        got = sorted_rows(out)
        for name, table in clean.items():
            assert got[name].equals(table), f"kill {k} (after {saved} of {total} shards): {name} differs"
