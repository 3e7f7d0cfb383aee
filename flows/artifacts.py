"""Prefect artifacts for a tadasu run: progress, summary, glossary candidates, datasets, edits review.

Every public function is a no-op returning ``None`` outside a Prefect flow (or task) run
context, so the flow's helpers can call them unconditionally (and unit tests can call them
without a server). Artifact keys are lowercase letters, digits and dashes, as Prefect requires;
a key names a *series*: each run adds a new version, and the UI's Artifacts page shows the latest.
A run's keys are `tadasu-<scope>-<kind>` (`artifact_keys(run_scope(inputs))`): the scope is the
deployment's name, or the input's label and path hash, so runs on different inputs keep apart
histories. What they show is read from OUT by flows.report.

Also here: :func:`flow_run_name`, a callable for ``@flow(flow_run_name=...)`` that names a run
after its input, and :func:`label_run`, which sets the run's name and tags (input, glossary
version) once the glossary version is known.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from flows.report import short_cell

__all__ = [
    "ARTIFACT_KINDS",
    "DATASETS",
    "artifact_key",
    "artifact_keys",
    "create_progress",
    "flow_run_name",
    "label_run",
    "publish_outputs",
    "publish_summary",
    "render_datasets_markdown",
    "render_summary_markdown",
    "run_scope",
    "update_progress",
]

DATASETS = ("documents", "sentences", "mentions", "edits", "candidates")

KEY_PROGRESS = "tadasu-progress"  # (a run's keys are per scope: artifact_keys(run_scope(inputs)))
#: the run's artifacts by kind, in the order they are created (progress at the start)
ARTIFACT_KINDS = ("progress", "summary", "candidates", "datasets", "edits-review")

#: how many unknown names the curation table shows (the description names the file with all)
CANDIDATES_IN_TABLE = 50
#: how many entities the summary's "top entities" table shows
TOP_ENTITIES_IN_SUMMARY = 15
#: input files listed in the summary (most rejected first)
FILES_IN_SUMMARY = 50
#: edits per rule in the edits review
EDITS_PER_RULE = 8
EDITS_REVIEW_COLUMNS = ("rule", "before", "after", "raw_context", "clean_context", "doc_id")

_log = logging.getLogger("tadasu.artifacts")


# --------------------------------------------------------------------------------------------
# context helpers


def _in_run_context() -> bool:
    """True inside a Prefect flow run or task run."""
    from prefect.context import FlowRunContext, TaskRunContext

    return FlowRunContext.get() is not None or TaskRunContext.get() is not None


def _current_flow_run_id() -> uuid.UUID | None:
    from prefect.context import FlowRunContext, TaskRunContext

    ctx = FlowRunContext.get()
    if ctx is not None and ctx.flow_run is not None:
        return ctx.flow_run.id
    tctx = TaskRunContext.get()
    if tctx is not None and tctx.task_run is not None:
        return tctx.task_run.flow_run_id
    return None


def _logger() -> logging.Logger | logging.LoggerAdapter:
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except MissingContextError:  # outside a run: the module's logger
        return _log


def artifact_key(*parts: str) -> str:
    """A valid artifact key from free text: lowercase letters, digits and dashes only."""
    raw = "-".join(p for p in parts if p)
    key = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")
    key = re.sub(r"-{2,}", "-", key)
    return key or "tadasu"


# --------------------------------------------------------------------------------------------
# keys: one series per deployment, or per input when run by hand


def run_scope(inputs: Any) -> str:
    """What the run's artifact keys are named after: the deployment's name under a deployment
    (its runs form one history whatever their parameters), else the input: its label and a short
    hash of its absolute paths, so two folders both named `data` keep two histories."""
    from prefect.runtime import deployment

    name = deployment.name  # None outside a deployment run
    if name:
        return artifact_key(str(name).removeprefix("tadasu-")) or "deployment"
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs or ["data/sample"])
    digest = hashlib.sha256("\0".join(str(Path(str(p)).resolve()) for p in paths).encode()).hexdigest()[:6]
    return artifact_key(_input_label(paths), digest)


def artifact_keys(scope: str) -> dict[str, str]:
    """The run's artifact keys by kind: `tadasu-<scope>-summary`, ... (see ARTIFACT_KINDS)."""
    return {kind: artifact_key("tadasu", scope, kind) for kind in ARTIFACT_KINDS}


# --------------------------------------------------------------------------------------------
# progress


def _progress_text(done: int, total: int, reused: int, stopped: bool) -> str:
    saved = max(done - reused, 0)
    if stopped:
        return (f"Run stopped: {done:,} of {total:,} shards saved ({reused:,} reused from an earlier run, "
                f"{saved:,} by this run); rerun the same command to resume")
    return f"Shards: {done:,} of {total:,} done ({reused:,} reused from an earlier run, {saved:,} saved by this run)"


def create_progress(total_shards: int, reused: int = 0, key: str = KEY_PROGRESS) -> uuid.UUID | None:
    """Create the run's progress artifact (the reused shards already count as done); returns its
    id (None outside a run)."""
    if not _in_run_context():
        return None
    from prefect.artifacts import create_progress_artifact

    total = max(int(total_shards), 0)
    try:
        return create_progress_artifact(
            progress=100.0 if total == 0 else round(100.0 * reused / total, 2),
            key=key,
            description=_progress_text(reused, total, reused, False),
        )
    except Exception as exc:  # noqa: BLE001 - an artifact never fails the data run: logged
        _logger().warning("could not create the progress artifact: %s", exc)
        return None


def update_progress(artifact_id: uuid.UUID | None, done: int, total: int, reused: int = 0,
                    stopped: bool = False) -> None:
    """Set the progress artifact to done/total shards, `reused` of them from an earlier run;
    `stopped`: the run ended before all were done (a failure, Ctrl-C). A no-op without an
    artifact or run."""
    if artifact_id is None or not _in_run_context():
        return None
    from prefect.artifacts import update_progress_artifact

    total = max(int(total), 0)
    done = min(max(int(done), 0), total) if total else 0
    pct = 100.0 if total == 0 else round(100.0 * done / total, 2)
    try:
        update_progress_artifact(artifact_id=artifact_id, progress=pct,
                                 description=_progress_text(done, total, min(reused, done), stopped))
    except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
        _logger().warning("could not update the progress artifact: %s", exc)
    return None


# --------------------------------------------------------------------------------------------
# run name and tags


def _input_label(inputs: Any) -> str:
    """A short human label for the run's inputs: 'sample', 'corpus+2', ..."""
    if inputs is None:
        return "sample"
    if isinstance(inputs, Mapping):
        inputs = inputs.get("paths") or inputs.get("roots") or inputs.get("inputs") or list(inputs)
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    names = []
    for item in inputs or []:
        if isinstance(item, Mapping):
            item = item.get("path") or item.get("root") or item.get("source") or ""
        p = Path(str(item))
        names.append(p.stem if p.suffix else p.name)
    names = [n for n in names if n] or ["sample"]
    return names[0] if len(names) == 1 else f"{names[0]}+{len(names) - 1}"


def flow_run_name() -> str:
    """Name for ``@flow(flow_run_name=flow_run_name)``: ``<input>-<UTC yyyymmdd-hhmmss>``.

    Reads the run's parameters through ``prefect.runtime`` (``inputs``, ``input``, ``paths`` or
    ``input_paths``, whichever the flow has). The glossary version is added by
    :func:`label_run` once the glossary is loaded.
    """
    from prefect.runtime import flow_run

    params = dict(flow_run.parameters or {})  # ({} outside a flow run)
    inputs = None
    for name in ("inputs", "input", "paths", "input_paths", "input_dir"):
        if params.get(name):
            inputs = params[name]
            break
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    return f"{_input_label(inputs)}-{stamp}"


def _short_version(version: Any) -> str:
    v = str(version or "unknown")
    return v[:12]


def label_run(inputs: Any = None, glossary_version: str | None = None) -> None:
    """Rename the current flow run and add tags ``input:<label>``, ``glossary:<version>``.

    Name: ``<input> · glossary <version[:12]> · <run-id[:8]>``. Call once the glossary is
    loaded; publish_summary calls it too. No-op outside a flow run.
    """
    if not _in_run_context():
        return None
    flow_run_id = _current_flow_run_id()
    if flow_run_id is None:
        return None
    try:
        from prefect.client.orchestration import get_client

        label = _input_label(inputs)
        gv = _short_version(glossary_version)
        with get_client(sync_client=True) as client:
            run = client.read_flow_run(flow_run_id)
            tags = list(run.tags or [])
            for tag in ("tadasu", f"input:{label}", f"glossary:{gv}"):
                if tag not in tags:
                    tags.append(tag)
            client.update_flow_run(
                flow_run_id,
                name=f"{label} · glossary {gv} · {str(flow_run_id)[:8]}",
                tags=tags,
            )
    except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
        _logger().warning("could not label the flow run: %s", exc)
    return None


# --------------------------------------------------------------------------------------------
# summary markdown


def _fmt_int(n: Any) -> str:
    try:
        return f"{int(n):,}"
    except (TypeError, ValueError):
        return str(n)


def _fmt_float(x: Any, digits: int = 2) -> str:
    try:
        return f"{float(x):,.{digits}f}"
    except (TypeError, ValueError):
        return str(x)


def _md_escape(s: Any) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def _counts_table(title: str, head: str, counts: Mapping[str, Any] | None) -> list[str]:
    lines = [f"### {title}", ""]
    if not counts:
        return lines + ["(none)", ""]
    lines += [f"| {head} | count |", "|---|---:|"]
    for k, v in sorted(counts.items(), key=lambda kv: (-int(kv[1] or 0), str(kv[0]))):
        lines.append(f"| {_md_escape(k)} | {_fmt_int(v)} |")
    return lines + [""]


def _health_lines(health: Mapping[str, Any] | None) -> list[str]:
    if not health:
        return []
    verdict = "FAILED" if health.get("failed") else "ok"
    limit = health.get("max_reject_rate")
    limit_text = "no limit" if limit is None else f"limit {float(limit):.0%}"
    return [f"**Health: {verdict}** (reject rate {float(health.get('reject_rate', 0)):.1%}, {limit_text}): "
            f"{_md_escape(health.get('message', ''))}", ""]


def _rejections_lines(rej: Any) -> list[str]:
    """Input files, skipped entries and rejected documents (a flows.report.Rejections)."""
    out = ["### Input files", "", "| file | documents | ok | rejected |", "|---|---:|---:|---:|"]
    for f in rej.per_file[:FILES_IN_SUMMARY]:
        out.append(f"| {_md_escape(f['file'])} | {_fmt_int(f['documents'])} | {_fmt_int(f['ok'])} "
                   f"| {_fmt_int(f['rejected'])} |")
    if len(rej.per_file) > FILES_IN_SUMMARY:
        out.append(f"| … {len(rej.per_file) - FILES_IN_SUMMARY:,} more files | | | |")
    out.append("")
    if rej.skipped_by_reason:
        out += ["### Skipped entries (not read as documents)", "", "| reason | count | first entries |",
                "|---|---:|---|"]
        for reason, (n, first) in sorted(rej.skipped_by_reason.items(), key=lambda kv: (-kv[1][0], kv[0])):
            out.append(f"| {_md_escape(reason)} | {_fmt_int(n)} | {_md_escape(', '.join(first))} |")
        out.append("")
    out += ["### Rejected documents", ""]
    if not rej.rows:
        return out + ["(none)", ""]
    shown = (f"The first {len(rej.rows):,} of {rej.n_rejected:,}, in input order"
             if rej.n_rejected > len(rej.rows) else f"All {rej.n_rejected:,}")
    out += [f"{shown}; each is a row of `documents/` with `status` `rejected`.", "",
            "| source | reason | detail |", "|---|---|---|"]
    for r in rej.rows:
        detail = _md_escape(short_cell(r["detail"], 100))
        out.append(f"| {_md_escape(r['source'])} | {_md_escape(r['reason'])} | {detail} |")
    return out + [""]


def render_summary_markdown(summary: Mapping[str, Any], rejections: Any = None) -> str:
    """The run summary as Markdown (pure): from the run.json dict and, when given, what
    flows.report.read_rejections read back from documents/."""
    docs = summary.get("documents") or {}
    shards = summary.get("shards") or {}
    thr = summary.get("throughput") or {}
    health = summary.get("health") or {}
    out = ["# tadasu run summary", ""]
    out.append(
        f"**Documents: {_fmt_int(docs.get('total', 0))} total, "
        f"{_fmt_int(docs.get('ok', 0))} ok, {_fmt_int(docs.get('rejected', 0))} rejected**"
    )
    out.append("")
    out += _health_lines(health)
    out += [
        "| run | |",
        "|---|---|",
        f"| pipeline version | `{_md_escape(summary.get('pipeline_version', ''))}` |",
        f"| glossary version | `{_md_escape(summary.get('glossary_version', ''))}` |",
        f"| inputs | {_md_escape(_inputs_text(summary.get('inputs')))} |",
        f"| output | `{_md_escape(summary.get('out', ''))}` |",
        f"| shards | {_fmt_int(shards.get('total', 0))} total, "
        f"{_fmt_int(shards.get('processed', 0))} processed, "
        f"{_fmt_int(shards.get('skipped', 0))} skipped |",
        f"| workers | {_md_escape(summary.get('workers', ''))} |",
        f"| seconds | {_fmt_float(summary.get('seconds', 0))} |",
        f"| throughput | {_fmt_float(thr.get('docs_per_s', 0))} docs/s, "
        f"{_fmt_float(thr.get('mb_per_s', 0), 3)} MB/s |",
        "",
    ]
    out += _counts_table("Rejected documents by reason", "reason", docs.get("rejected_by_reason"))
    if rejections is not None:
        out += _rejections_lines(rejections)
    out += _counts_table("Mentions by label", "label", summary.get("mentions_by_label"))
    out += _counts_table("Edits by rule", "rule", summary.get("edits_by_rule"))

    top = list(summary.get("top_entities") or [])[:TOP_ENTITIES_IN_SUMMARY]
    out += ["### Top entities", ""]
    if top:
        out += ["| entity_id | canonical | mentions |", "|---|---|---:|"]
        for e in top:
            out.append(
                f"| {_md_escape(e.get('entity_id', ''))} | {_md_escape(e.get('canonical', ''))} "
                f"| {_fmt_int(e.get('count', 0))} |"
            )
    else:
        out.append("(none)")
    out.append("")
    return "\n".join(out)


def _inputs_text(inputs: Any) -> str:
    if inputs is None:
        return ""
    if isinstance(inputs, Mapping):
        parts = []
        for k, v in inputs.items():
            if isinstance(v, (list, tuple)):
                v = ", ".join(map(str, v))
            parts.append(f"{k}: {v}")
        return "; ".join(parts)
    if isinstance(inputs, (list, tuple)):
        return ", ".join(str(i) for i in inputs)
    return str(inputs)


# --------------------------------------------------------------------------------------------
# candidates table, datasets, edits review

_CANDIDATE_COLUMNS = ("surface", "romaji", "label_guess", "count", "n_docs", "suggested_entity_id", "score", "example")


def candidates_table(candidates: Iterable[Mapping[str, Any]], limit: int = CANDIDATES_IN_TABLE) -> list[dict]:
    """Top unknown names for curation: by count, then n_docs, then surface (pure). A score is
    shown only next to the entity it scores (null suggestion: blank score)."""
    rows = sorted(
        (dict(c) for c in candidates),
        key=lambda c: (-(c.get("count") or 0), -(c.get("n_docs") or 0), str(c.get("surface"))),
    )[:limit]
    table = []
    for c in rows:
        row = {}
        for col in _CANDIDATE_COLUMNS:
            v = c.get(col)
            if col == "score":
                v = round(v, 3) if isinstance(v, float) and c.get("suggested_entity_id") else None
            if col == "example" and isinstance(v, str) and len(v) > 80:
                v = v[:79] + "…"
            row[col] = "" if v is None else v
        table.append(row)
    return table


def _py_str(path: str) -> str:
    return repr(path)


def _sql_str(path: str) -> str:
    return "'" + path.replace("'", "''") + "'"


def render_datasets_markdown(stats: Sequence[Mapping[str, Any]]) -> str:
    """One section per dataset (flows.report.dataset_stats): rows, bytes, parts, schema, sample
    rows and how to read it, with the absolute path (pure)."""
    out = ["# tadasu datasets", ""]
    if not stats:
        return "\n".join(out + ["(no dataset was written)", ""])
    out += ["| dataset | rows | bytes on disk | part files |", "|---|---:|---:|---:|"]
    for d in stats:
        out.append(f"| {d['name']} | {_fmt_int(d['rows'])} | {_fmt_int(d['bytes'])} | {_fmt_int(d['parts'])} |")
    out.append("")
    for d in stats:
        out += [f"## {d['name']}", "", f"`{_md_escape(d['glob'])}`: {_fmt_int(d['rows'])} rows, "
                f"{_fmt_int(d['bytes'])} bytes in {_fmt_int(d['parts'])} part files", "",
                "| column | type |", "|---|---|"]
        out += [f"| {_md_escape(c)} | `{_md_escape(t)}` |" for c, t in d["schema"]]
        out.append("")
        if d["sample"]:
            cols = list(d["sample"][0])
            out += ["Sample rows:", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
            out += ["| " + " | ".join(_md_escape(r[c]) for c in cols) + " |" for r in d["sample"]]
            out.append("")
        out += ["```python", "import polars as pl", "",
                f"{d['name']} = pl.read_parquet({_py_str(d['glob'])})", "```", "",
                "```sql", f"SELECT * FROM read_parquet({_sql_str(d['glob'])}) LIMIT 10;  -- DuckDB", "```", ""]
    return "\n".join(out)


def publish_summary(summary: dict, rejections: Any, key: str) -> None:
    """The summary artifact; also labels the run (name and tags). The flow creates it directly
    and everything else from task runs: Prefect's Artifacts tab lists a flow run's own artifacts
    first, then its task runs' (each group by artifact id, a random UUID), so the summary is
    first there whatever the ids. No-op outside a run."""
    if not _in_run_context():
        return None
    from prefect.artifacts import create_markdown_artifact

    label_run(summary.get("inputs"), summary.get("glossary_version"))
    docs = summary.get("documents") or {}
    health = summary.get("health") or {}
    state = "FAILED: " if health.get("failed") else ""
    try:
        create_markdown_artifact(
            markdown=render_summary_markdown(summary, rejections),
            key=key,
            description=(
                f"{state}{_fmt_int(docs.get('ok', 0))} ok / {_fmt_int(docs.get('rejected', 0))} rejected"
                f" (reject rate {float(health.get('reject_rate', 0)):.1%}); "
                f"glossary {_short_version(summary.get('glossary_version'))}"
            ),
        )
    except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
        _logger().warning("could not publish the summary artifact: %s", exc)
    return None


def publish_outputs(out_dir: Path, keys: Mapping[str, str], edits_per_rule: int = EDITS_PER_RULE) -> None:
    """Candidates table, datasets, edits review, in this order, from OUT's datasets (call it
    from a task run: see publish_summary). Each artifact that fails is logged and skipped."""
    if not _in_run_context():
        return None
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    from flows import report

    log = _logger()
    try:
        total, top, path = report.top_candidates(out_dir, CANDIDATES_IN_TABLE)
        table = candidates_table(top)
        create_table_artifact(
            table=table if table else {c: [] for c in _CANDIDATE_COLUMNS}, key=keys["candidates"],
            description=(f"Top {len(table):,} of {total:,} unknown names seen in the corpus, by count; all of "
                         f"them: `{path}`. Add the real ones to the glossary."),
        )
    except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
        log.warning("could not publish the candidates artifact: %s", exc)
    try:
        stats = report.dataset_stats(out_dir)
        create_markdown_artifact(
            markdown=render_datasets_markdown(stats), key=keys["datasets"],
            description="; ".join(f"{d['name']} {d['rows']:,} rows" for d in stats) or "no datasets",
        )
    except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
        log.warning("could not publish the datasets artifact: %s", exc)
    try:
        rows, counts = report.edits_review(out_dir, edits_per_rule)
        create_table_artifact(
            table=rows if rows else {c: [] for c in EDITS_REVIEW_COLUMNS}, key=keys["edits-review"],
            description=(f"{len(rows):,} of the run's {sum(counts.values()):,} edits, up to {edits_per_rule} per "
                         f"rule ({len(counts)} rules), spread evenly over the corpus; the edit in ⟦ ⟧, raw and "
                         "clean side by side: check that each change is right."),
        )
    except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
        log.warning("could not publish the edits review artifact: %s", exc)
    return None
