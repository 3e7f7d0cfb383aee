"""The temporary Prefect server `tadasu run` starts before its imports (flows/server.py): when it
starts, when it does not, that a run uses it and leaves nothing behind, and that a server that
fails to come up falls back to Prefect's own."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows import server

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a child of ours: reap it, or it stays a zombie that kill(0) still finds
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            pass
        time.sleep(0.05)
    return False


def _refused(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("argv", [[], ["glossary", "lint"], ["serve"], ["run", "--help"], ["run", "x", "-h"]])
def test_only_a_run_starts_one(argv, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(server.TemporaryServer, "start", lambda self: pytest.fail("started"))
    assert server.start_early(argv) is None


def test_a_configured_server_is_used_instead(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    monkeypatch.setattr(server.TemporaryServer, "start", lambda self: pytest.fail("started"))
    assert server.start_early(["run", "data/sample"]) is None


def test_a_configured_profile_stops_the_early_server(monkeypatch):
    """The environment had no URL, so the server started; Prefect's settings (the profile here)
    name one: `use` stops ours and returns None, and the environment is left alone."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    early = _FakeServer(["sleep", "30"]).start()
    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        assert server.use(early, _Log()) is None
    assert early.process is None and "PREFECT_API_URL" not in os.environ


class _FakeServer(server.TemporaryServer):
    def __init__(self, command: list[str]):
        super().__init__()
        self._command = command

    def command(self) -> list[str]:
        return self._command


class _Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def warning(self, msg: str, *args) -> None:
        self.lines.append(msg % args)

    info = warning


def test_a_server_that_dies_falls_back_to_prefects_own(monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    early = _FakeServer([sys.executable, "-c", "import sys; print('port in use', file=sys.stderr); sys.exit(3)"]).start()
    log = _Log()
    with temporary_settings(restore_defaults={PREFECT_API_URL}):  # (this session has its server)
        assert server.server_configured() is False
        assert server.use(early, log) is None
    assert len(log.lines) == 1 and "exited with code 3: port in use" in log.lines[0]
    assert early.process is None and not early.in_use
    assert "PREFECT_API_URL" not in os.environ


def test_a_server_that_never_answers_times_out(monkeypatch):
    early = _FakeServer(["sleep", "30"]).start()
    pid = early.process.pid
    try:
        assert early.wait(timeout=0.3) is None
        assert "still starting" in early.why()
    finally:
        early.stop()
    assert _gone(pid, 5)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_server_dies_with_a_killed_run(tmp_path):
    """SIGKILL skips every exit handler: the kernel still ends the server (no orphan left holding
    the port and the database)."""
    pid_file = tmp_path / "pid"
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from flows import server\n"
        "class S(server.TemporaryServer):\n"
        "    def command(self): return ['sleep', '60']\n"
        "s = S().start()\n"
        f"open({str(pid_file)!r}, 'w').write(str(s.process.pid))\n"
        "time.sleep(60)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(pid_file.read_text())
        run.send_signal(signal.SIGKILL)
        run.wait(10)
        assert _gone(child, 10), "the server outlived the killed run"
    finally:
        run.kill()


@pytest.mark.slow
def test_run_uses_the_early_server_and_stops_it(tmp_path):
    """The real command, as the README gives it, with no server configured: the run reports to
    the server started before the imports (not a second one of Prefect's), completes, and leaves
    no server behind."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "home"), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
               PREFECT_LOGGING_LEVEL="INFO")
    exe = Path(sys.executable).parent / "tadasu"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "flows.cli"]
    p = subprocess.run([*cmd, "run", str(SAMPLE), "--out", str(tmp_path / "out"), "--workers", "2"],
                       env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=240)
    assert p.returncode == 0, p.stderr[-3000:]
    started = [line for line in p.stderr.splitlines() if "Started a temporary Prefect server on" in line]
    assert len(started) == 1, p.stderr[-3000:]
    assert "Starting temporary server" not in p.stderr  # Prefect's own, in this process or a worker
    port = int(started[0].split("http://127.0.0.1:")[1].split()[0])
    assert _refused(port), "the temporary server still answers after the run"
    assert (tmp_path / "out" / "run.json").exists()
