"""A temporary Prefect server for one `tadasu run`, started before the command line's imports.

With no Prefect server configured, Prefect starts a temporary one at the flow's first API call:
after the CLI has imported Prefect, polars and the normalizer (~2.8 s), and after importing its
own server module (~1.3 s more); the run then waits ~3 s for the server to answer, one core idle.
Started here first, the server boots on the other core while the CLI imports, and the flow's
first call finds it up: a run is ~3-4 s shorter whatever its size (bench/run_scaling.py).

It is `prefect server start` (Prefect's public command) without the background services (a run
needs none), on loopback, a free port and the database a temporary server uses, with the UI
(Prefect's own has none; it costs no start-up time), so the run's "View at" link works while the
run lasts; stopped when the run ends. Nothing starts when a server is configured (PREFECT_API_URL in the
environment or the Prefect profile) or Prefect's temporary servers are turned off
(PREFECT_SERVER_EPHEMERAL_ENABLED=false). If it does not come up, the run goes on with
Prefect's own temporary server, as before, and the log says why.

No heavy imports here: this module runs before Prefect is imported.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

READY_POLL_SECONDS = 0.05
STOP_TIMEOUT_SECONDS = 5.0
# The least time the temporary server gets to answer. Prefect's default startup timeout (20 s) is
# about 7 boots on an idle machine, but a busy one (load 11 on 2 cores) took longer: the run then
# failed for a slow boot, not a broken server. A larger PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS wins.
MIN_STARTUP_WAIT_SECONDS = 120.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prefect_command() -> list[str]:
    exe = Path(sys.executable).parent / "prefect"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "prefect"]


def _die_with_parent():
    """Linux: the server gets SIGTERM when this process dies, even by SIGKILL (no orphan server
    holding the database). Elsewhere nothing (the stop at exit still runs)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def preexec() -> None:
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)

    return preexec


def server_configured() -> bool | None:
    """True when runs must go to a configured server (or temporary servers are off), False when
    Prefect would start a temporary one; None when that is unknown without importing Prefect
    (the caller decides after its imports)."""
    if os.environ.get("PREFECT_API_URL"):
        return True
    if "prefect.settings" not in sys.modules:
        return None
    from prefect.settings import get_current_settings

    s = get_current_settings()
    return bool(s.api.url) or not s.server.ephemeral.enabled


class TemporaryServer:
    """`prefect server start --no-services` on a free loopback port, as a child process."""

    def __init__(self) -> None:
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._log: IO[bytes] | None = None
        self.started = time.monotonic()
        self.in_use = False  # the run reports to it: stopped at exit, after Prefect's last calls

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def command(self) -> list[str]:
        return [*_prefect_command(), "--no-prompt", "server", "start", "--no-services",
                "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "ERROR"]

    def start(self) -> "TemporaryServer":
        """Spawn the server and return at once (it answers ~3 s later: see `wait`)."""
        self.port = _free_port()
        self._log = tempfile.TemporaryFile()
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            self.command(),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
            env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
            preexec_fn=_die_with_parent(),
            # Out of the terminal's process group: Ctrl-C interrupts the run, whose last calls
            # (the flow run's final state) still reach the server; it is stopped at exit.
            start_new_session=True,
        )
        return self

    def wait(self, timeout: float) -> str | None:
        """The API URL once the server answers /health; None if it exits or is not up within
        `timeout` seconds of its start (`why()` then says what it printed)."""
        deadline = self.started + timeout
        url = f"{self.api_url}/health"
        while self.process is not None and self.process.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=1) as r:
                    if r.status == 200:
                        return self.api_url
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                return None
            time.sleep(READY_POLL_SECONDS)
        return None

    def why(self) -> str:
        """What the server printed (its last lines), or how it ended."""
        code = None if self.process is None else self.process.poll()
        text = ""
        if self._log is not None:
            try:
                self._log.seek(0)
                text = self._log.read().decode("utf-8", "replace").strip()
            except (OSError, ValueError):
                pass
        tail = " | ".join(text.splitlines()[-3:])
        state = "still starting" if code is None else f"exited with code {code}"
        return f"{state}{': ' + tail if tail else ''}"

    def stop(self) -> None:
        p, self.process = self.process, None
        if p is not None and p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


def start_early(argv: list[str]) -> TemporaryServer | None:
    """For `tadasu run` (not --help) with no server in the environment: start one now. The
    profile and the ephemeral setting are checked by `use` after Prefect is imported."""
    if not argv or argv[0] != "run" or "-h" in argv or "--help" in argv:
        return None
    if server_configured():
        return None
    try:
        return TemporaryServer().start()
    except OSError:
        return None  # no prefect command, no free port: Prefect starts its own, as before


def use(early: TemporaryServer | None, log) -> str | None:
    """After the imports: once the early server answers, point Prefect's settings (this process's
    and, through the environment, the workers') at it and return its API URL; else stop it and
    return None (a configured server is used, or Prefect starts its temporary one as before)."""
    if early is None:
        return None
    if server_configured():
        early.stop()
        return None
    import prefect.context
    from prefect.settings import get_current_settings

    # Every thread of the run (Prefect's log and event senders have their own) reads the global
    # settings: they are rebuilt from the environment, as Prefect does after loading plugins.
    refresh = getattr(prefect.context, "refresh_global_settings_context", None)
    url = None
    if refresh is not None:
        configured = get_current_settings().server.ephemeral.startup_timeout_seconds
        url = early.wait(max(configured, MIN_STARTUP_WAIT_SECONDS))
        if url is None:
            log.warning("the temporary Prefect server did not start (%s); Prefect starts its own", early.why())
    if url is None:
        early.stop()
        return None
    os.environ["PREFECT_API_URL"] = url  # also read by the worker processes at their start
    refresh()
    # At exit, as Prefect stops its own temporary server: exit handlers run last-registered
    # first, so the log and event senders that start during the run flush before this.
    early.in_use = True
    atexit.register(early.stop)
    log.info("Started a temporary Prefect server on %s (UI and API) until this run ends; set "
             "PREFECT_API_URL to keep runs in a server of your own", url.removesuffix("/api"))
    return url
