"""Issue 20.1: the real cause of a shard that fails in a worker process must reach the flow run's
logs (the UI), not only the worker's stderr, which nobody sees when a Prefect worker runs the flow.

A glossary with a regex variant that backtracks exponentially on Greek letters (a shape the lint
does not catch: its static check takes `\\p{Greek}` and `\\p{Script=Greek}` for different classes,
and its probes are Japanese text) times out on one document (`GlossaryTimeout`); with
`--fail-fast` that fails the shard, in one of the 2 worker processes. The run's logs are read back
through the API and must name the exception, its message and where in the worker it was raised.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# 2**45 ways to split the Greek run: never finishes within the glossary's 2 s pattern limit.
HANGS_ON_GREEK = r"(\p{Greek}|\p{Script=Greek})*[0-9]"

pytestmark = pytest.mark.slow


def _glossary_with_a_hanging_pattern(folder: Path) -> Path:
    shutil.copytree(ROOT / "glossary" / "data", folder)
    with open(folder / "entities.yaml", "a", encoding="utf-8") as f:
        f.write("  - id: greek_code\n    label: PRODUCT\n    canonical: GreekCode\n    canonical_ja: GreekCode\n"
                f"    variants:\n      - pattern: '{HANGS_ON_GREEK}'\n")
    return folder


def _input(folder: Path) -> Path:
    folder.mkdir()
    lines = [{"id": f"n{i}", "text": f"マイクロソフト は {i + 3}0% 増えた。"} for i in range(6)]
    lines[4]["text"] = "記号 " + "α" * 45 + " の話。"  # the document whose normalization times out
    (folder / "news.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                       encoding="utf-8")
    return folder


def _logs_of(server, flow_run_id) -> list[str]:
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    async def read(client):
        return await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])),
                                      limit=200)

    return [log.message for log in server.run(read)]


def test_the_worker_traceback_of_a_failed_shard_is_in_the_flow_runs_logs(prefect_server, tmp_path):
    glossary = _glossary_with_a_hanging_pattern(tmp_path / "glossary")
    data = _input(tmp_path / "in")
    out = tmp_path / "out"
    proc = subprocess.run([*prefect_server.tadasu(), "run", str(data), "--out", str(out), "--glossary", str(glossary),
                           "--workers", "2", "--shard-size", "2", "--fail-fast", "--no-progress"],
                          cwd=ROOT, env=prefect_server.client_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-2000:], proc.stderr[-3000:])

    runs = [r for r in prefect_server.read_flow_runs() if Path(str(r.parameters.get("out", ""))).resolve() == out.resolve()]
    assert len(runs) == 1 and runs[0].state_type.value == "FAILED", [(r.name, r.state) for r in runs]
    logs = "\n".join(_logs_of(prefect_server, runs[0].id))
    # the exception's type and message, as the worker raised it ...
    assert "GlossaryTimeout: glossary pattern" in logs and "ran over 2 s" in logs, logs[-4000:]
    assert "(greek_code)" in logs, logs[-4000:]
    # ... and the worker's traceback: where in the worker process it was raised
    assert "in the worker process:" in logs, logs[-4000:]
    worker_part = logs.split("in the worker process:", 1)[1]
    assert "Traceback (most recent call last):" in worker_part
    assert 'glossary/matcher.py", line' in worker_part and "in _pattern_hits" in worker_part, worker_part[:4000]
    assert 'flows/pool.py", line' in worker_part and "in _answer" in worker_part, worker_part[:4000]
