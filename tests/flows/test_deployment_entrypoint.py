"""Issue 20.1: Prefect's deployment loader runs `flows/flow.py` by its file path (a module of its
own, not `flows.flow`); with `workers=2` the spawned worker processes then failed to import what
they were handed (`from . import datasets`: no parent package), and all shards failed. The flow
loaded that way must give the same output as `tadasu run`."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flows import datasets as ds

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _small_input(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for i in range(5):
        (folder / f"doc{i}.txt").write_text(f"ｏｐｅｎａｉ は 7 月 {i + 1} 日、約{i + 2}億ドルを調達した。", encoding="utf-8")
    lines = [json.dumps({"id": f"n{i}", "text": f"マイクロソフト は {i + 3}0% 増えた。"}, ensure_ascii=False)
             for i in range(6)]
    lines.insert(3, '{"text": "broken')  # one malformed line: rejected alone
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _digests(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for name in ds.ALL_DATASETS for p in sorted((out / name).glob("*.parquet"))}


LOAD_AND_RUN = textwrap.dedent("""
    import json, sys
    from prefect.flows import load_flow_from_entrypoint

    flow = load_flow_from_entrypoint("flows/flow.py:normalize_corpus")  # as a deployment run does
    assert flow.fn.__module__ != "flows.flow", flow.fn.__module__       # (loaded by path, really)
    state = flow(inputs=[sys.argv[1]], out=sys.argv[2], workers=2, shard_size=2, return_state=True)
    print("STATE", state.type.value, state.message)
    sys.exit(0 if state.is_completed() else 1)
""")


def test_the_flow_loaded_by_file_path_runs_with_two_workers_like_tadasu_run(prefect_server, tmp_path):
    data = _small_input(tmp_path / "in")
    env = prefect_server.client_env()
    by_path = subprocess.run([sys.executable, "-c", LOAD_AND_RUN, str(data), str(tmp_path / "by-path")],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert by_path.returncode == 0, by_path.stdout[-3000:] + by_path.stderr[-5000:]
    cli = subprocess.run([*prefect_server.tadasu(), "run", str(data), "--out", str(tmp_path / "cli"),
                          "--workers", "2", "--shard-size", "2"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stderr[-3000:]

    run = json.loads((tmp_path / "by-path" / "run.json").read_text(encoding="utf-8"))
    assert run["documents"]["total"] == 12 and run["documents"]["rejected_by_reason"] == {"malformed_json": 1}
    assert run["shards"]["processed"] == run["shards"]["total"] >= 4 and run["task_runner"] == "ShardPool"
    got, want = _digests(tmp_path / "by-path"), _digests(tmp_path / "cli")
    assert got == want and len(got) >= 4 * run["shards"]["total"]
