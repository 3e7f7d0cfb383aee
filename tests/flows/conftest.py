"""Shared fixtures for tests that need a real Prefect server.

``prefect_server``: one ``prefect server start`` per test session, on a free loopback port, with
its SQLite database and PREFECT_HOME in a temp dir (offline: analytics off). Started lazily:
only sessions that run a test asking for it pay the few seconds it takes.

``completed_run``: the real flow run once on data/sample against that server (``tadasu run`` as
a subprocess with PREFECT_API_URL set), returning its output folder, run.json and flow-run id;
shared by the server, artifact and browser tests.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
VENV_BIN = Path(sys.executable).parent
SERVER_START_TIMEOUT = 90  # seconds; measured ~10-20 s on 2 shared cores


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tadasu_exe() -> list[str]:
    """The `tadasu` console script of this environment (or `python -m flows.cli`)."""
    exe = VENV_BIN / "tadasu"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "flows.cli"]


def offline_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env.update(
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass
class PrefectServer:
    url: str  # http://127.0.0.1:PORT  (the UI)
    api_url: str  # http://127.0.0.1:PORT/api
    home: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    def client_env(self, **extra: str) -> dict[str, str]:
        """Environment for a client process (tadasu run/serve) that talks to this server."""
        env = offline_env()
        for k in list(env):  # never inherit another server's or profile's settings
            if k.startswith("PREFECT_") and k not in ("PREFECT_SERVER_ANALYTICS_ENABLED",):
                env.pop(k)
        env.update(
            PREFECT_API_URL=self.api_url,
            PREFECT_HOME=str(self.home / "client-home"),
            PREFECT_LOGGING_LEVEL="INFO",
        )
        env.update(extra)
        return env

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def read_flow_runs(self, **filters):
        """Flow runs of `normalize-corpus` (newest first) through the API."""
        return _read_flow_runs(self, **filters)

    def run(self, coro_fn):
        """Run `coro_fn(client)` with an async Prefect client pointed at this server."""
        import asyncio

        from prefect.client.orchestration import get_client

        async def _go():
            async with get_client() as client:
                return await coro_fn(client)

        with self.settings():
            return asyncio.run(_go())

    @staticmethod
    def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
        stop_process_group(proc, timeout)

    @staticmethod
    def tadasu() -> list[str]:
        return tadasu_exe()

    def settings(self):
        """A context manager pointing in-process Prefect clients at this server."""
        from prefect.settings import PREFECT_API_URL, temporary_settings

        return temporary_settings({PREFECT_API_URL: self.api_url})


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory) -> PrefectServer:
    home = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    env = offline_env()
    for k in list(env):
        if k.startswith("PREFECT_") and k != "PREFECT_SERVER_ANALYTICS_ENABLED":
            env.pop(k)
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{home / 'prefect.db'}",
        PREFECT_SERVER_API_HOST="127.0.0.1",
        PREFECT_SERVER_API_PORT=str(port),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        # the schedule test must not wait a minute for the scheduler's next loop
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="5",
        PREFECT_SERVER_SERVICES_LATE_RUNS_ENABLED="false",
    )
    log_path = home / "server.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [str(VENV_BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: we stop exactly what we started
        cwd=str(home),
    )
    server = PrefectServer(
        url=f"http://127.0.0.1:{port}",
        api_url=f"http://127.0.0.1:{port}/api",
        home=home,
        log_path=log_path,
        process=proc,
    )
    t0 = time.monotonic()
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"prefect server exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                with urllib.request.urlopen(server.api_url + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() - t0 > SERVER_START_TIMEOUT:
                pytest.fail(f"prefect server not healthy after {SERVER_START_TIMEOUT}s:\n{server.log_tail()}")
            time.sleep(0.5)
        print(f"\nprefect server {server.url} healthy after {time.monotonic() - t0:.1f}s (log {log_path})")
        yield server
    finally:
        stop_process_group(proc)
        log.close()


def stop_process_group(proc: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM then SIGKILL the process group *we* started (start_new_session=True)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


@dataclass
class CompletedRun:
    out: Path
    run_json: dict
    flow_run_id: str
    stdout: str


def read_flow_runs(server: PrefectServer, **filters):
    """Flow runs of `normalize-corpus` (newest first) through the API."""
    return server.read_flow_runs(**filters)


def _read_flow_runs(server: PrefectServer, **filters):
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    async def _read():
        async with get_client() as client:
            return await client.read_flow_runs(
                flow_filter=FlowFilter(name=FlowFilterName(any_=["normalize-corpus"])),
                sort=FlowRunSort.START_TIME_DESC,
                **filters,
            )

    with server.settings():
        return asyncio.run(_read())


@pytest.fixture(scope="session")
def completed_run(prefect_server, tmp_path_factory) -> CompletedRun:
    if not SAMPLE.is_dir() or not any(SAMPLE.iterdir()):
        pytest.skip("data/sample is empty")
    out = tmp_path_factory.mktemp("tadasu-out") / "clean"
    cmd = [*tadasu_exe(), "run", str(SAMPLE), "--out", str(out)]
    t0 = time.monotonic()
    proc = subprocess.run(
        cmd,
        env=prefect_server.client_env(),
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=240,
    )
    print(f"\n`{' '.join(cmd)}` took {time.monotonic() - t0:.1f}s, exit {proc.returncode}")
    assert proc.returncode == 0, f"tadasu run failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    run_json = json.loads((out / "run.json").read_text(encoding="utf-8"))
    runs = [r for r in read_flow_runs(prefect_server) if Path(str(r.parameters.get("out", ""))).resolve() == out.resolve()]
    assert len(runs) == 1, f"expected one normalize-corpus run writing {out}: {runs}\n{proc.stderr[-3000:]}"
    return CompletedRun(out=out, run_json=run_json, flow_run_id=str(runs[0].id), stdout=proc.stdout + proc.stderr)



@pytest.fixture(scope="session", autouse=True)
def _flows_use_the_session_server(prefect_server):
    """Every flow test talks to the session's server: none starts Prefect's temporary server,
    whose shutdown at interpreter exit logs to already-closed streams after pytest's summary."""
    from prefect.settings import PREFECT_LOGGING_TO_API_ENABLED, temporary_settings

    old = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = prefect_server.api_url
    # In-process flows keep their logs local: a log shipped after the server stopped at the end
    # of the session would print connection errors after pytest's summary. (Subprocess runs, the
    # ones the server and browser tests read back, still send theirs.)
    with prefect_server.settings(), temporary_settings({PREFECT_LOGGING_TO_API_ENABLED: False}):
        yield
    if old is None:
        os.environ.pop("PREFECT_API_URL", None)
    else:
        os.environ["PREFECT_API_URL"] = old


@pytest.fixture(autouse=True)
def _events_worker_stopped_after_each_test():
    """An in-process flow run starts Prefect's events worker, whose websocket to the server stays
    open in a background thread and pings it every ~20 s; each ping draws its payload with
    `random.getrandbits`, i.e. from the global `random` state. Left open, a ping that lands while
    a later hypothesis test draws an example makes hypothesis warn "Do not use the random module
    inside strategies" (seen once per suite run under load, each time in another property test).
    Stopping the worker after each test closes the websocket; the next flow starts a new one."""
    yield
    from prefect.events.worker import EventsWorker

    EventsWorker.drain_all(timeout=30, at_exit=False)
