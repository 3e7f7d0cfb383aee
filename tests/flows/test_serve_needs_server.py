"""Issue 20.6: `tadasu serve` without a Prefect server (no PREFECT_API_URL in the environment nor
in the profile) waited forever; it must stop at once, exit code 2, saying what it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import offline_env, stop_process_group, tadasu_exe

ROOT = Path(__file__).resolve().parents[2]
# Generous for a busy machine (importing Prefect takes seconds); the old behaviour never ended.
EXIT_WITHIN = 90


def _env_without_server(home: Path) -> dict[str, str]:
    env = offline_env()
    for k in list(env):
        if k.startswith("PREFECT_") and k != "PREFECT_SERVER_ANALYTICS_ENABLED":
            env.pop(k)
    env["PREFECT_HOME"] = str(home)  # an empty home: no profile that names a server
    return env


def test_serve_without_a_server_stops_at_once_with_a_clear_message(tmp_path):
    proc = subprocess.Popen([*tadasu_exe(), "serve", "data/sample", "--out", str(tmp_path / "out")],
                            cwd=ROOT, env=_env_without_server(tmp_path / "prefect-home"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=EXIT_WITHIN)
    except subprocess.TimeoutExpired:
        stop_process_group(proc)
        pytest.fail(f"`tadasu serve` without a server was still running after {EXIT_WITHIN} s")
    assert proc.returncode == 2, (proc.returncode, stdout[-2000:], stderr[-2000:])
    assert "tadasu serve needs a running Prefect server" in stderr and "PREFECT_API_URL" in stderr, stderr
    assert "Traceback" not in stderr, stderr
    assert not (tmp_path / "out").exists(), "nothing is written when serve cannot start"


def test_a_server_named_in_the_profile_counts(tmp_path):
    """`prefect config set PREFECT_API_URL=...` (the README's alternative) is a configured server."""
    home = tmp_path / "prefect-home"
    home.mkdir()
    (home / "profiles.toml").write_text(
        'active = "team"\n\n[profiles.team]\nPREFECT_API_URL = "http://prefect.example:4200/api"\n', encoding="utf-8")
    code = "from flows.deploy import configured_api_url; print(configured_api_url())"
    got = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env_without_server(home),
                         capture_output=True, text=True, timeout=EXIT_WITHIN)
    assert got.returncode == 0, got.stderr[-2000:]
    assert got.stdout.strip() == "http://prefect.example:4200/api"
    bare = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env_without_server(tmp_path / "empty-home"),
                          capture_output=True, text=True, timeout=EXIT_WITHIN)
    assert bare.stdout.strip() == "None", bare.stdout + bare.stderr[-2000:]
