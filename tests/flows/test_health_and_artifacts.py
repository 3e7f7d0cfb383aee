"""A run's health and the artifacts a monitoring team reads (issue 20, parts 2-4).

Fast: the reject rate and its limit, task-run labels, the datasets Markdown, the candidates table.
Slow: real runs against the session's Prefect server (conftest.py): a run over the reject limit
ends Failed with its reasons and WARNING lines; the completed sample run's artifacts read back
through the API (order, keys, true totals, datasets, edits review); a run stopped by Ctrl-C while
its first batch runs leaves a progress artifact that counts the shards it saved.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path

import polars as pl
import pytest

from flows import artifacts as A
from flows import report
from flows.ingest import InputFile
from flows.progress import batch_label
from flows.shards import ShardSpec

from .conftest import read_flow_runs, tadasu_exe

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


# -- fast -----------------------------------------------------------------------------------------


def test_reject_rate_counts_documents_read_not_skipped_entries():
    docs = {"total": 14, "ok": 3, "rejected": 11,
            "rejected_by_reason": {"malformed_json": 6, "missing_text": 2, "unsupported_format": 3}}
    h = report.reject_health(docs, {"unsupported_format": 3}, 0.5)
    assert (h["documents_read"], h["rejected_read"], h["skipped_entries"]) == (11, 8, 3)
    assert h["reject_rate"] == pytest.approx(8 / 11, abs=1e-4) and h["failed"]
    assert "malformed_json 6, missing_text 2" in h["message"] and "max_reject_rate=0.5" in h["message"]
    # the same rate under a higher limit, or no limit, passes; a folder of skipped files alone too
    assert not report.reject_health(docs, {"unsupported_format": 3}, 0.8)["failed"]
    assert not report.reject_health(docs, {"unsupported_format": 3}, None)["failed"]
    only_skipped = {"total": 3, "ok": 0, "rejected": 3, "rejected_by_reason": {"unsupported_format": 3}}
    assert not report.reject_health(only_skipped, {"unsupported_format": 3}, 0.0)["failed"]
    # an empty .txt (read, rejected `empty`) counts; an empty .jsonl (skipped, `empty`) does not
    mixed = {"total": 4, "ok": 2, "rejected": 2, "rejected_by_reason": {"empty": 2}}
    h = report.reject_health(mixed, {"empty": 1}, 0.3)
    assert (h["documents_read"], h["rejected_read"], h["failed"]) == (3, 1, True)


def test_max_reject_rate_is_a_share_from_0_to_1(capsys):
    from flows.cli import build_parser
    from flows.flow import DEFAULT_MAX_REJECT_RATE

    parser = build_parser()
    assert parser.parse_args(["run"]).max_reject_rate == DEFAULT_MAX_REJECT_RATE == 0.5
    assert parser.parse_args(["run", "--max-reject-rate", "0.02"]).max_reject_rate == 0.02
    for bad in ("1.5", "-0.1", "half"):
        with pytest.raises(SystemExit):
            parser.parse_args(["run", "--max-reject-rate", bad])
    report.check_reject_rate(None)
    with pytest.raises(ValueError, match="from 0 to 1"):
        report.check_reject_rate(50)


def test_batch_labels_name_the_input_and_document_range():
    f = InputFile("/x/livedoor.jsonl.gz", "livedoor.jsonl.gz", "jsonl")
    shards = [ShardSpec(f"s{i}", "jsonl", [f], 1 + 250 * i, 250 * (i + 1), 250) for i in range(10)]
    assert batch_label(shards) == "livedoor.jsonl.gz#1-2500 (10 shards)"
    assert batch_label(shards[4:5]) == "livedoor.jsonl.gz#1001-1250 (1 shard)"
    p = InputFile("/x/t.parquet", "t.parquet", "parquet")
    assert batch_label([ShardSpec("p", "parquet", [p], 0, 500, 500)]) == "t.parquet#1-500 (1 shard)"
    texts = ShardSpec("t", "files", [InputFile("/x/a.txt", "a.txt", "text"), InputFile("/x/b.md", "b.md", "text")])
    assert batch_label([texts, shards[0]]) == "a.txt .. livedoor.jsonl.gz#250 (2 shards)"


def test_artifact_keys_are_per_deployment_or_per_input(monkeypatch, tmp_path):
    a, b = tmp_path / "a" / "data", tmp_path / "b" / "data"
    key = A.artifact_keys(A.run_scope([str(a)]))["summary"]
    assert re.fullmatch(r"tadasu-data-[0-9a-f]{6}-summary", key)
    assert A.artifact_keys(A.run_scope([str(b)]))["summary"] != key  # two folders named data
    assert A.run_scope([str(a)]) == A.run_scope([str(a / ".." / "data")])  # the same folder
    import prefect.runtime.deployment

    monkeypatch.setattr(prefect.runtime.deployment, "name", "tadasu-nightly", raising=False)
    assert A.artifact_keys(A.run_scope([str(a)]))["summary"] == "tadasu-nightly-summary"
    assert A.artifact_keys(A.run_scope([str(b)]))["edits-review"] == "tadasu-nightly-edits-review"


def test_datasets_markdown_has_paths_readers_can_use():
    stats = [{"name": "documents", "folder": "/o/it's", "glob": "/o/it's/documents/*.parquet", "parts": 2,
              "rows": 12345, "bytes": 67890, "schema": [("doc_id", "string")], "sample": [{"doc_id": "ab|c"}]}]
    md = A.render_datasets_markdown(stats)
    assert "| documents | 12,345 | 67,890 | 2 |" in md
    assert "documents = pl.read_parquet(\"/o/it's/documents/*.parquet\")" in md
    assert "read_parquet('/o/it''s/documents/*.parquet')" in md  # SQL quoting
    assert "| ab\\|c |" in md and "file://" not in md


def test_summary_lists_health_files_skips_and_rejected_documents_in_input_order():
    rej = report.Rejections(
        read_by_reason={"malformed_json": (60, ["n.jsonl#2"])}, skipped_by_reason={"hidden": (1, [".x"])},
        rows=[{"source": f"n.jsonl#{i}", "reason": "malformed_json", "detail": "x|y"} for i in range(2, 52)],
        n_rejected=60, per_file=[{"file": "n.jsonl", "documents": 100, "ok": 40, "rejected": 60}])
    health = report.reject_health({"total": 101, "rejected_by_reason": {"malformed_json": 60, "hidden": 1}},
                                  {"hidden": 1}, 0.5)
    md = A.render_summary_markdown({"documents": {"total": 101, "ok": 40, "rejected": 61}, "health": health}, rej)
    assert "**Health: FAILED** (reject rate 60.0%, limit 50%)" in md
    assert "| n.jsonl | 100 | 40 | 60 |" in md and "| hidden | 1 | .x |" in md
    assert "The first 50 of 60, in input order" in md and "| n.jsonl#2 | malformed_json | x\\|y |" in md
    assert report.rejection_warnings(rej) == ["60 documents rejected as malformed_json: n.jsonl#2, …",
                                              "1 input entry skipped, not read, as hidden: .x"]


def test_candidates_table_shows_a_score_only_with_its_suggestion():
    rows = A.candidates_table([
        {"surface": "アルトマソ", "count": 5, "n_docs": 2, "suggested_entity_id": "sam_altman", "score": 0.91234},
        {"surface": "ナニカ", "count": 9, "n_docs": 1, "suggested_entity_id": None, "score": 0.4},
    ])
    assert [r["surface"] for r in rows] == ["ナニカ", "アルトマソ"]
    assert rows[0]["score"] == "" and rows[1]["score"] == 0.912


def test_edit_context_marks_the_span():
    assert report.edit_context("abc\ndefgh", 4, 6, width=2) == "c⏎⟦de⟧fg"


# -- slow: real runs ---------------------------------------------------------------------------------


def _artifacts_of(server, flow_run_id):
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.client.schemas.sorting import ArtifactSort

    return server.run(lambda c: c.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])),
        sort=ArtifactSort.CREATED_DESC))[::-1]


def _run_of(server, out: Path):
    runs = [r for r in read_flow_runs(server) if Path(str(r.parameters.get("out", ""))).resolve() == out.resolve()]
    assert len(runs) == 1, runs
    return runs[0]


def _mostly_broken_input(folder: Path) -> Path:
    """11 documents read, 8 of them rejected (6 malformed_json, 2 missing_text), and 2 .csv
    files skipped unread (not counted in the rate)."""
    folder.mkdir()
    lines = [json.dumps({"id": f"ok{i}", "text": f"OpenAIは{i}月に発表した。"}, ensure_ascii=False)
             for i in range(3)]
    lines += ['{"id": "bad", "text": "unterminated'] * 6 + ['{"id": "notext"}'] * 2
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("a.csv", "b.csv"):
        (folder / name).write_text("x,y\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_run_over_the_reject_limit_fails_with_its_reasons(prefect_server, tmp_path):
    inp, out = _mostly_broken_input(tmp_path / "in"), tmp_path / "out"
    proc = subprocess.run([*tadasu_exe(), "run", str(inp), "--out", str(out), "--no-progress"],
                          env=prefect_server.client_env(), cwd=str(ROOT), capture_output=True, text=True, timeout=300)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 1, log[-3000:]
    assert "too many documents rejected: 8 of 11 documents read were rejected (72.7%)" in log, log[-3000:]
    assert "malformed_json 6, missing_text 2" in log
    # WARNING lines: one per reason with its count and first sources, skipped entries apart
    assert re.search(r"WARNING .* 6 documents rejected as malformed_json: news\.jsonl#4, news\.jsonl#5", log), log
    assert re.search(r"WARNING .* 2 documents rejected as missing_text: news\.jsonl#10, news\.jsonl#11", log), log
    assert re.search(r"WARNING .* 2 input entries skipped, not read, as unsupported_format: a\.csv, b\.csv", log), log

    # the flow run is Failed, its state message has the reasons
    run = _run_of(prefect_server, out)
    assert run.state_type.value == "FAILED", run.state
    assert "malformed_json 6, missing_text 2" in (run.state.message or ""), run.state.message
    # the output and the summary are there to look at
    run_json = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run_json["status"] == "failed" and run_json["health"]["failed"]
    assert run_json["documents"] == {"total": 13, "ok": 3, "rejected": 10, "rejected_by_reason": {
        "malformed_json": 6, "missing_text": 2, "unsupported_format": 2}}
    keys = A.artifact_keys(A.run_scope([str(inp)]))
    by_key = {a.key: a for a in _artifacts_of(prefect_server, run.id)}
    assert set(keys.values()) <= set(by_key), sorted(by_key)
    summary = by_key[keys["summary"]]
    assert "**Health: FAILED** (reject rate 72.7%, limit 50%)" in summary.data
    assert "| news.jsonl | 11 | 3 | 8 |" in summary.data and "| news.jsonl#4 | malformed_json |" in summary.data
    assert summary.description.startswith("FAILED: ")


@pytest.mark.slow
def test_artifacts_in_order_keyed_per_input_with_true_figures(prefect_server, completed_run):
    out = completed_run.out.resolve()
    arts = _artifacts_of(prefect_server, completed_run.flow_run_id)  # oldest first
    keys = A.artifact_keys(A.run_scope([str(SAMPLE)]))
    assert re.fullmatch(r"tadasu-sample-[0-9a-f]{6}-summary", keys["summary"]), keys
    assert [a.key for a in arts] == [keys[k] for k in A.ARTIFACT_KINDS]  # created in this order
    # only the summary is the flow run's own: Prefect's Artifacts tab lists it first
    assert [a.key for a in arts if a.task_run_id is None] == [keys["summary"]]
    by_key = {a.key: a for a in arts}
    texts = [a.data if isinstance(a.data, str) else json.dumps(a.data) for a in arts]
    assert not any("file://" in t or "OUT/" in t for t in texts + [a.description or "" for a in arts])

    # progress: every shard, and where they came from
    progress = by_key[keys["progress"]]
    n = completed_run.run_json["shards"]["total"]
    assert float(progress.data) == pytest.approx(100.0)
    assert progress.description == f"Shards: {n} of {n} done (0 reused from an earlier run, {n} saved by this run)"

    # candidates: the true total and the real path
    cands = pl.read_parquet(out / "candidates" / "part-0.parquet")
    desc = by_key[keys["candidates"]].description
    assert f"of {cands.height:,} unknown names" in desc and str(out / "candidates" / "part-0.parquet") in desc

    # datasets: rows as on disk; the polars and DuckDB snippets run as printed
    md = by_key[keys["datasets"]].data
    import duckdb

    for name in ("documents", "sentences", "mentions", "edits", "candidates"):
        rows = pl.read_parquet(out / name / "*.parquet").height
        assert f"| {name} | {rows:,} |" in md, name
        code = re.search(rf"{name} = pl\.read_parquet\((.+?)\)\n", md).group(1)
        assert pl.read_parquet(eval(code)).height == rows  # noqa: S307 - the artifact's own snippet
        sql = re.search(rf"(SELECT \* FROM read_parquet\('{re.escape(str(out / name))}[^;]+);", md).group(1)
        assert len(duckdb.sql(sql.replace("LIMIT 10", "")).fetchall()) == rows

    # edits review: up to EDITS_PER_RULE per rule, each a real edit of the run in its contexts
    review = json.loads(by_key[keys["edits-review"]].data)
    edits = pl.read_parquet(out / "edits" / "*.parquet")
    per_rule = edits.group_by("rule").len()
    assert {r["rule"] for r in review} == set(per_rule["rule"])
    for rule, count in per_rule.iter_rows():
        assert sum(r["rule"] == rule for r in review) == min(count, A.EDITS_PER_RULE), rule
    for r in review:
        match = edits.filter((pl.col("rule") == r["rule"]) & pl.col("doc_id").str.starts_with(r["doc_id"]))
        assert match.height, r
        assert "⟦" in r["raw_context"] and "⟦" in r["clean_context"]
        if "…(" not in r["before"] + r["after"] + r["raw_context"] + r["clean_context"]:  # (not cut)
            assert f"⟦{r['before']}⟧" in r["raw_context"] and f"⟦{r['after']}⟧" in r["clean_context"], r


def _long_documents(path: Path, n: int) -> None:
    seed = (ROOT.parent / "shared" / "seeds")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(seed.glob("*"))[:3] if p.is_file())
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"d{i}", "text": f"{i}: " + text}, ensure_ascii=False) + "\n")


@pytest.mark.slow
def test_progress_counts_the_saved_shards_of_a_run_stopped_mid_batch(prefect_server, tmp_path):
    inp, out = tmp_path / "long.jsonl", tmp_path / "out"
    _long_documents(inp, 40)
    # 40 one-document shards, 1 worker: the first batch holds half of them (flow.plan_batches)
    proc = subprocess.Popen([*tadasu_exe(), "run", str(inp), "--out", str(out), "--shard-size", "1", "--no-progress"],
                            env=prefect_server.client_env(), cwd=str(ROOT), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    manifests = out / "_state" / "shards"
    deadline = time.monotonic() + 240
    while len(list(manifests.glob("*.json"))) < 2:  # two shards of the first batch saved
        assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read()[-3000:] if proc.stdout else ""
        time.sleep(0.02)
    seen = len(list(manifests.glob("*.json")))
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    log, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130, log[-3000:]
    on_disk = len(list(manifests.glob("*.json")))
    assert on_disk < 40, "the run finished before it was stopped"

    run = _run_of(prefect_server, out)
    keys = A.artifact_keys(A.run_scope([str(inp)]))
    progress = {a.key: a for a in _artifacts_of(prefect_server, run.id)}[keys["progress"]]
    m = re.fullmatch(r"Run stopped: (\d+) of 40 shards saved \(0 reused from an earlier run, (\d+) by this run\); "
                     r"rerun the same command to resume", progress.description or "")
    assert m, (progress.description, log[-2000:])
    saved = int(m.group(1))
    # at least what was saved when Ctrl-C came (a shard may finish while the run stops)
    assert seen <= saved <= on_disk and int(m.group(2)) == saved, (seen, saved, on_disk)
    assert float(progress.data) == pytest.approx(100.0 * saved / 40, abs=0.01)
