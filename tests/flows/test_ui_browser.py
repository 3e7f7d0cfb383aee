"""Headless Chromium opens the Prefect UI on the real run: flow-run page and summary artifact.

The UI is a JavaScript app: Chromium's --virtual-time-budget lets it fetch from the API and
render before --dump-dom / --screenshot. Screenshots go to tests/artifacts-out/ (a folder that
ignores itself in git) and their paths are printed. Skipped only when no Chromium is installed
(CI installs Debian's `chromium`).
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from flows import artifacts as A

SHOTS = Path(__file__).resolve().parents[1] / "artifacts-out"
BUDGET_MS = 20000  # virtual time for the app to load and render


def _chromium():
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def _browse(url: str, *, screenshot: Path | None = None) -> str:
    """Load url headless; return the rendered DOM (and save a screenshot when asked)."""
    exe = _chromium()
    with tempfile.TemporaryDirectory(prefix="tadasu-chromium-") as profile:
        base = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=en-US",
            f"--user-data-dir={profile}", "--window-size=1440,1100",
            f"--virtual-time-budget={BUDGET_MS}",
        ]
        dom = subprocess.run(base + ["--dump-dom", url], capture_output=True, text=True, timeout=90)
        assert dom.returncode == 0, dom.stderr[-2000:]
        if screenshot is not None:
            shot = subprocess.run(base + [f"--screenshot={screenshot}", url], capture_output=True,
                                  text=True, timeout=90)
            assert shot.returncode == 0 and screenshot.stat().st_size > 10_000, shot.stderr[-2000:]
            print(f"\nscreenshot of {url}: {screenshot}")
    return html.unescape(dom.stdout)


def _visible_text(dom: str) -> str:
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))


@pytest.mark.slow
def test_ui_shows_flow_run_and_summary_artifact(prefect_server, completed_run):
    if _chromium() is None:
        pytest.skip("no Chromium installed (CI: apt-get install -y chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / ".gitignore").write_text("*\n")

    flow_run = prefect_server.run(lambda c: c.read_flow_run(completed_run.flow_run_id))
    docs = completed_run.run_json["documents"]

    # the flow-run page: its name, the flow's name and its final state are rendered
    run_text = _visible_text(_browse(f"{prefect_server.url}/runs/flow-run/{flow_run.id}",
                                     screenshot=SHOTS / "flow-run.png"))
    assert flow_run.name in run_text, run_text[:1500]
    assert "normalize-corpus" in run_text
    assert "Completed" in run_text

    # this run's summary artifact page: the markdown is rendered with the run's numbers
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    arts = prefect_server.run(lambda c: c.read_artifacts(artifact_filter=ArtifactFilter(
        key=ArtifactFilterKey(any_=[A.KEY_SUMMARY]),
        flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id]))))
    assert len(arts) == 1, arts
    art_text = _visible_text(_browse(f"{prefect_server.url}/artifacts/artifact/{arts[0].id}",
                                     screenshot=SHOTS / "artifact-summary.png"))
    assert "tadasu run summary" in art_text, art_text[:1500]
    assert f"Documents: {docs['total']:,} total, {docs['ok']:,} ok, {docs['rejected']:,} rejected" in art_text
    gv = str(completed_run.run_json["glossary_version"])
    assert gv in art_text
