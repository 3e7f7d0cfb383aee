"""A running Prefect server for the bench scripts (not a benchmark itself).

`running_server(home)` starts `prefect server start --host 127.0.0.1 --port P` (the production
setting: with its background services) on a free loopback port, with `PREFECT_SERVER_API_PORT=P`,
analytics off, `DO_NOT_TRACK=1` and its own `PREFECT_HOME` (`home`), waits until /api/health
answers and yields a `Server` (API URL, pid, CPU seconds so far). It is stopped when the block ends, also on Ctrl-C or SIGTERM
(the signal becomes KeyboardInterrupt, so the `finally` runs): SIGTERM to the server's own
process group (it is started in a new session), SIGKILL after 15 s.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prefect_env(home: Path, api_url: str | None) -> dict[str, str]:
    """The environment of a process that talks to the server at `api_url` (None: none set, so
    `tadasu run` starts its temporary server), with PREFECT_HOME `home`."""
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    # The temporary server's first start in a fresh PREFECT_HOME creates its database: on this
    # shared machine (load 15-20) that took longer than Prefect's default 20 s wait and the
    # warm-up run failed. Patience only; it changes no cost that is measured.
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # the group this script started (its own session)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class Server:
    """A running server: its API URL and the pid of its `prefect server start` process."""

    def __init__(self, url: str, pid: int) -> None:
        self.url, self.pid = url, pid

    def cpu_seconds(self) -> float:
        """CPU seconds the server's process tree has used so far (psutil)."""
        import psutil

        total = 0.0
        try:
            root = psutil.Process(self.pid)
            for p in [root, *root.children(recursive=True)]:
                t = p.cpu_times()
                total += t.user + t.system
        except psutil.Error:
            pass
        return total


def _sigterm_as_interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


@contextmanager
def running_server(home: Path, timeout: float = 180.0) -> Iterator["Server"]:
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = prefect_env(home, None)
    env["PREFECT_SERVER_API_PORT"] = str(port)
    prefect = Path(sys.executable).parent / "prefect"
    log = open(home / "server.log", "wb")
    previous = signal.signal(signal.SIGTERM, _sigterm_as_interrupt)
    proc = subprocess.Popen([str(prefect), "--no-prompt", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                            start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api"
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"prefect server exited with {proc.returncode}; see {home / 'server.log'}")
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"prefect server not up after {timeout:.0f} s; see {home / 'server.log'}")
            time.sleep(0.2)
        yield Server(url, proc.pid)
    finally:
        _stop(proc)
        log.close()
        signal.signal(signal.SIGTERM, previous)
