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
    cmd = [*prefect_server.tadasu(), "serve", "--cron", "* * * * *", "data/sample", "--out", str(out)]
    log_path = tmp_path / "serve.log"
    env = prefect_server.client_env(
        PREFECT_RUNNER_POLL_FREQUENCY="2",  # pick up the due run within seconds
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
        states = sorted({r.state_type.value for r in runs})
        print(f"\nserve: waited {waited:.0f}s; {len(runs)} runs of the deployment, states {states}; "
              f"finished: {[(r.name, r.state_type.value) for r in runs if r.state_type.value != 'SCHEDULED']}")
        assert dep is not None, f"deployment not registered:\n{log_path.read_text(errors='replace')[-3000:]}"
        assert [s.schedule.cron for s in dep.schedules] == ["* * * * *"], dep.schedules
        completed = [r for r in runs if r.state_type.value == "COMPLETED"]
        assert completed, (
            f"no COMPLETED run of normalize-corpus/{DEPLOYMENT_NAME} within {WAIT_FOR_COMPLETED_RUN}s: "
            f"{[(r.name, r.state_type.value) for r in runs if r.state_type.value != 'SCHEDULED']}\n{log_path.read_text(errors='replace')[-3000:]}"
        )
        run = completed[0]
        assert run.auto_scheduled, "the completed run was not created by the schedule"
        assert "tadasu" in run.tags
        # the deployment's parameters: the input and output given to `tadasu serve`, made absolute
        assert dep.parameters["out"] == str(out) and dep.parameters["inputs"] == [str(ROOT / "data" / "sample")]
        assert (out / "run.json").is_file(), "the scheduled run wrote no run.json to --out"
    finally:
        prefect_server.stop(proc)


@pytest.mark.slow
def test_prefect_yaml_deploys_to_a_process_pool_and_a_worker_runs_it(prefect_server, tmp_path):
    """The README's `prefect deploy` path: work pool, `prefect deploy --all`, a worker run."""
    prefect = [str(Path(prefect_server.tadasu()[0]).parent / "prefect"), "--no-prompt"]
    env = prefect_server.client_env()

    def sh(*args: str, timeout: float = 90) -> str:
        p = subprocess.run([*prefect, *args], env=env, cwd=str(ROOT), capture_output=True, text=True,
                           timeout=timeout)
        assert p.returncode == 0, f"prefect {' '.join(args)} failed:\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}"
        return p.stdout + p.stderr

    yaml_before = (ROOT / "prefect.yaml").read_bytes()
    sh("work-pool", "create", "tadasu", "--type", "process")
    sh("deploy", "--all")
    assert (ROOT / "prefect.yaml").read_bytes() == yaml_before, "prefect deploy rewrote prefect.yaml"

    async def read(client):
        return {n: await client.read_deployment_by_name(f"normalize-corpus/{n}")
                for n in ("tadasu-nightly", "tadasu-adhoc")}

    deps = prefect_server.run(read)
    nightly, adhoc = deps["tadasu-nightly"], deps["tadasu-adhoc"]
    assert nightly.work_pool_name == adhoc.work_pool_name == "tadasu"
    assert nightly.entrypoint == "flows/flow.py:normalize_corpus"
    assert [s.schedule.cron for s in nightly.schedules] == ["0 3 * * *"] and not adhoc.schedules
    # the recorded pull step runs the flow in this checkout, so relative paths mean the same
    assert nightly.pull_steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}
    ], nightly.pull_steps

    # the nightly deployment has served its purpose here: delete it (and its scheduled runs) so
    # the worker below can only pick up the ad-hoc run, whatever the time of day
    sh("deployment", "delete", "normalize-corpus/tadasu-nightly")

    out = tmp_path / "worker-out"
    sh("deployment", "run", "normalize-corpus/tadasu-adhoc", "--param", f"out={out}")
    sh("worker", "start", "--pool", "tadasu", "--run-once", timeout=150)

    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId

    runs = prefect_server.run(lambda c: c.read_flow_runs(
        flow_run_filter=FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(any_=[adhoc.id]))))
    assert [r.state_type.value for r in runs] == ["COMPLETED"], [(r.name, r.state) for r in runs]
    assert (out / "run.json").is_file()
