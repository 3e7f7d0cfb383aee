"""Headless Chromium opens the Prefect UI on the real run: the flow-run page, its Artifacts tab
(the summary listed first), the summary, the datasets artifact and the edits review.

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
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
BUDGET_MS = 20000  # virtual time for the app to load and render
WIDTH = 1920  # px: the edits review's raw and clean contexts side by side fit in this width


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


def _open_tab(url: str, tab: str | None, wait_for: list[str], screenshot: Path, timeout: float = 120) -> str:
    """Load url in headless Chromium driven over its DevTools protocol, click the tab labelled
    `tab` if any (the flow-run page resets a ?tab= query while the run loads), wait until every
    string of `wait_for` is on the page, save a screenshot of the whole page; return the page's
    visible text in order."""
    import base64
    import json
    import time
    import urllib.request

    from websockets.sync.client import connect

    with tempfile.TemporaryDirectory(prefix="tadasu-chromium-", ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", "--lang=en-US", f"--user-data-dir={profile}", f"--window-size={WIDTH},1100",
             "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            port = None
            for line in proc.stderr:  # "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/..."
                m = re.search(r"ws://127\.0\.0\.1:(\d+)/", line)
                if m:
                    port = m.group(1)
                    break
            assert port, "Chromium did not open its DevTools port"
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as r:
                page = next(t for t in json.load(r) if t["type"] == "page")
            with connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30) as ws:
                ids = iter(range(1, 10**6))

                def call(method: str, **params):
                    i = next(ids)
                    ws.send(json.dumps({"id": i, "method": method, "params": params}))
                    while True:
                        msg = json.loads(ws.recv(timeout=60))
                        if msg.get("id") == i:
                            assert "error" not in msg, msg
                            return msg.get("result", {})

                def text() -> str:
                    return call("Runtime.evaluate", expression="document.body ? document.body.innerText : ''",
                                returnByValue=True)["result"].get("value", "")

                def until(check, what: str) -> None:
                    deadline = time.monotonic() + timeout
                    while not check():
                        assert time.monotonic() < deadline, f"{what} never appeared in {url}:\n{text()[:2000]}"
                        time.sleep(0.25)

                call("Page.enable")
                call("Page.navigate", url=url)
                # The flow-run page's tabs are `<li class="p-tab">`; clicked until the content shows
                # (a click before the app has loaded the run does nothing).
                click = ("(() => { const t = [...document.querySelectorAll('.p-tab, [role=tab]')].find(e => "
                         f"e.textContent.trim() === {json.dumps(tab)}); if (t) t.click(); return !!t; }})()")

                def shown() -> bool:
                    if tab is not None:
                        call("Runtime.evaluate", expression=click, returnByValue=True)
                    page_text = text()
                    return all(w in page_text for w in wait_for)

                until(shown, f"the {tab} tab with " + ", ".join(wait_for))
                time.sleep(1)  # let the cards finish rendering for the screenshot (the checks above wait for content)
                # The UI scrolls an inner element, not the page: make the window as tall as the
                # tallest content so that the screenshot holds all of it (at most 8000 px).
                height = call("Runtime.evaluate", returnByValue=True, expression=(
                    "Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"))["result"]["value"]
                call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=min(max(int(height), 1100), 8000),
                     deviceScaleFactor=1, mobile=False)
                time.sleep(1)  # re-layout at the new size
                png = call("Page.captureScreenshot", format="png")["data"]
                screenshot.write_bytes(base64.b64decode(png))
                print(f"\nscreenshot of {url}" + (f" ({tab} tab)" if tab else "") + f": {screenshot}")
                return text()
        finally:
            proc.kill()
            proc.wait(timeout=30)


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

    # the run's Artifacts tab: the summary first (the flow's own artifact; the others belong to
    # task runs and come after it), then the candidates, datasets, edits review and progress
    keys = A.artifact_keys(A.run_scope([str(SAMPLE)]))
    tab_text = _open_tab(f"{prefect_server.url}/runs/flow-run/{flow_run.id}", "Artifacts", list(keys.values()),
                         SHOTS / "flow-run-artifacts-tab.png")
    where = {kind: tab_text.find(key) for kind, key in keys.items()}
    assert where["summary"] < min(i for kind, i in where.items() if kind != "summary"), (where, tab_text[:3000])

    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    arts = prefect_server.run(lambda c: c.read_artifacts(artifact_filter=ArtifactFilter(
        flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id]))))
    by_key = {a.key: a for a in arts}

    # this run's summary artifact page: the markdown is rendered with the run's numbers
    art_text = _open_tab(f"{prefect_server.url}/artifacts/artifact/{by_key[keys['summary']].id}", None,
                         ["tadasu run summary", "Rejected documents"], SHOTS / "artifact-summary.png")
    assert "tadasu run summary" in art_text, art_text[:1500]
    assert f"Documents: {docs['total']:,} total, {docs['ok']:,} ok, {docs['rejected']:,} rejected" in art_text
    gv = str(completed_run.run_json["glossary_version"])
    assert gv in art_text
    assert "Health: ok" in art_text and "news.jsonl#3" in art_text and "malformed_json" in art_text

    # the datasets artifact: rows per dataset and a snippet with the real path
    ds_text = _open_tab(f"{prefect_server.url}/artifacts/artifact/{by_key[keys['datasets']].id}", None,
                        ["tadasu datasets", "candidates"], SHOTS / "artifact-datasets.png")
    out = str(completed_run.out.resolve())
    assert "tadasu datasets" in ds_text and f"pl.read_parquet('{out}/documents/*.parquet')" in ds_text, ds_text[:2000]
    assert f"{docs['total']:,}" in ds_text

    # the edits review: a table with raw and clean context side by side
    ed_text = _open_tab(f"{prefect_server.url}/artifacts/artifact/{by_key[keys['edits-review']].id}", None,
                        ["clean_context", "⟦"], SHOTS / "artifact-edits-review.png")
    assert "raw_context" in ed_text and "clean_context" in ed_text and "⟦" in ed_text, ed_text[:2000]
