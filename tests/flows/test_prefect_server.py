"""The real flow against a real Prefect server: state, task runs, artifacts (issue 6).

The `completed_run` fixture (conftest.py) starts `prefect server start` on a free loopback port
and runs `tadasu run data/sample --out TMP` once with PREFECT_API_URL pointing at it; this file
reads everything back through the API and compares it with OUT/run.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flows import artifacts as A
from flows import report

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def sample_keys() -> dict[str, str]:
    """The artifact keys of the completed_run fixture's run (`tadasu run SAMPLE`, no deployment)."""
    return A.artifact_keys(A.run_scope([str(SAMPLE)]))


# ---------------------------------------------------------------------------------------------
# fast: the artifacts module outside a run, and its pure parts


def test_artifact_functions_are_noops_outside_a_run(tmp_path):
    assert A.create_progress(3) is None
    assert A.update_progress(None, 1, 3) is None
    assert A.update_progress("0b1c6d1e-0000-0000-0000-000000000000", 1, 3) is None
    assert A.publish_summary({"documents": {"ok": 1}}, None, "tadasu-x-summary") is None
    assert A.publish_outputs(tmp_path, A.artifact_keys("x")) is None
    assert A.label_run(["data/sample"], "abc") is None


def test_artifact_keys_are_valid():
    pattern = re.compile(r"^[a-z0-9-]+$")
    keys = [A.KEY_PROGRESS, *sample_keys().values(), *A.artifact_keys(A.run_scope(["/x/コーパス 1"])).values()]
    keys += [A.artifact_key("Tadasu", "run_summary", "日本語 X")]
    assert all(pattern.match(k) for k in keys), keys


def test_summary_markdown_has_the_numbers():
    summary = {
        "pipeline_version": "0.1.0",
        "glossary_version": "0123456789abcdef",
        "inputs": ["data/sample"],
        "out": "data/clean",
        "documents": {"total": 1234, "ok": 1200, "rejected": 34, "rejected_by_reason": {"empty": 30, "duplicate": 4}},
        "shards": {"total": 3, "processed": 2, "skipped": 1},
        "mentions_by_label": {"ORG": 55, "MONEY": 7},
        "edits_by_rule": {"fullwidth_ascii": 99},
        "top_entities": [{"entity_id": "openai", "canonical": "OpenAI", "count": 42}],
        "seconds": 2.5,
        "throughput": {"docs_per_s": 493.6, "mb_per_s": 1.25},
        "workers": 2,
    }
    md = A.render_summary_markdown(summary)
    assert "**Documents: 1,234 total, 1,200 ok, 34 rejected**" in md
    for line in ("| empty | 30 |", "| duplicate | 4 |", "| ORG | 55 |", "| MONEY | 7 |",
                 "| fullwidth_ascii | 99 |", "| openai | OpenAI | 42 |", "`0123456789abcdef`"):
        assert line in md, line
    assert "2 processed, 1 skipped" in md and "493.60 docs/s" in md


def test_candidates_table_orders_and_limits():
    cands = [{"surface": f"s{i}", "romaji": "", "count": i % 7, "n_docs": 1, "example": "x" * 200,
              "suggested_entity_id": None, "score": 0.5} for i in range(80)]
    table = A.candidates_table(cands)
    assert len(table) == A.CANDIDATES_IN_TABLE
    assert [r["count"] for r in table] == sorted((r["count"] for r in table), reverse=True)
    assert all(len(r["example"]) <= 80 and r["suggested_entity_id"] == "" for r in table)


# ---------------------------------------------------------------------------------------------
# slow: the real server


def _artifacts_of(server, flow_run_id):
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    async def read(client):
        return await client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )

    return server.run(read)


@pytest.mark.slow
def test_flow_run_completed_with_task_runs_and_labels(prefect_server, completed_run):
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    run_json = completed_run.run_json

    async def read(client):
        fr = await client.read_flow_run(completed_run.flow_run_id)
        trs = await client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[fr.id])), limit=200
        )
        return fr, trs

    flow_run, task_runs = prefect_server.run(read)
    assert flow_run.state_type.value == "COMPLETED", flow_run.state
    # every task run finished well, and the batch tasks (named `<input>#<first>-<last> (N shards)`,
    # issue 20.4) cover exactly the shards the run normalized
    assert task_runs, "the flow ran no tasks"
    assert all(tr.state_type.value == "COMPLETED" for tr in task_runs), [
        (tr.name, tr.state_type) for tr in task_runs
    ]
    batches = [tr.name for tr in task_runs if tr.task_key.startswith("normalize_shards")]
    counts = [re.fullmatch(r".+ \((\d+) shards?\)", name) for name in batches]
    assert batches and all(counts), batches
    assert sum(int(m.group(1)) for m in counts) == run_json["shards"]["processed"]
    assert "news.jsonl#1-6 (1 shard)" in batches, batches
    # the run is named and tagged after its input and glossary version
    gv = str(run_json["glossary_version"])[:12]
    assert f"glossary:{gv}" in flow_run.tags, flow_run.tags
    assert "input:sample" in flow_run.tags, flow_run.tags
    assert "sample" in flow_run.name and gv in flow_run.name, flow_run.name


@pytest.mark.slow
def test_artifacts_match_run_json(prefect_server, completed_run):
    run_json = completed_run.run_json
    arts = _artifacts_of(prefect_server, completed_run.flow_run_id)
    by_key = {a.key: a for a in arts if a.key}
    keys = sample_keys()
    assert set(keys.values()) <= set(by_key), sorted(by_key)

    # progress: all shards done
    assert float(by_key[keys["progress"]].data) == pytest.approx(100.0)

    # summary markdown: the same numbers as OUT/run.json
    md = by_key[keys["summary"]].data
    docs = run_json["documents"]
    assert docs["total"] == docs["ok"] + docs["rejected"]
    assert f"**Documents: {docs['total']:,} total, {docs['ok']:,} ok, {docs['rejected']:,} rejected**" in md
    for reason, n in (docs.get("rejected_by_reason") or {}).items():
        assert f"| {reason} | {n:,} |" in md, reason
    for label, n in run_json["mentions_by_label"].items():
        assert f"| {label} | {n:,} |" in md, label
    for rule, n in run_json["edits_by_rule"].items():
        assert f"| {rule} | {n:,} |" in md, rule
    for e in run_json["top_entities"][: A.TOP_ENTITIES_IN_SUMMARY]:
        assert f"| {e['entity_id']} | {e['canonical']} | {e['count']:,} |" in md, e
    assert f"`{run_json['glossary_version']}`" in md

    # candidates table: the top of OUT/candidates/, for curation
    import polars as pl

    table = json.loads(by_key[keys["candidates"]].data)
    cand_dir = completed_run.out / "candidates"
    parts = sorted(cand_dir.glob("*.parquet"))
    n_cands = pl.read_parquet(parts).height if parts else 0
    # A table artifact is rows (a list of dicts) or columns (a dict of lists, e.g. when empty).
    n_rows = len(next(iter(table.values()), [])) if isinstance(table, dict) else len(table)
    assert n_rows == min(n_cands, A.CANDIDATES_IN_TABLE)
    if n_rows:
        top = pl.read_parquet(parts).sort("count", descending=True)["count"][0]
        assert table[0]["count"] == top

    # datasets: one artifact, the rows of each dataset as on disk, and no file:// link (issue 20.3)
    datasets_md = by_key[keys["datasets"]].data
    for d in report.dataset_stats(completed_run.out):
        assert f"| {d['name']} | {d['rows']:,} | {d['bytes']:,} | {d['parts']:,} |" in datasets_md, d["name"]
    assert not any("file://" in (a.data if isinstance(a.data, str) else json.dumps(a.data)) for a in arts)
