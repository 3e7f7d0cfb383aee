"""Prefect artifacts for a tadasu run: progress, summary, glossary candidates, dataset links.

Every public function is a no-op returning ``None`` outside a Prefect flow (or task) run
context, so the flow's helpers can call them unconditionally (and unit tests can call them
without a server). Artifact keys are lowercase letters, digits and dashes, as Prefect requires;
a key names a *series*: each run adds a new version, and the UI's Artifacts page shows the latest.

Also here: :func:`flow_run_name`, a callable for ``@flow(flow_run_name=...)`` that names a run
after its input, and :func:`label_run`, which sets the run's name and tags (input, glossary
version) once the glossary version is known.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "DATASETS",
    "KEY_CANDIDATES",
    "KEY_PROGRESS",
    "KEY_SUMMARY",
    "artifact_key",
    "create_progress",
    "flow_run_name",
    "label_run",
    "publish_run_artifacts",
    "render_summary_markdown",
    "update_progress",
]

DATASETS = ("documents", "sentences", "mentions", "edits", "candidates")

KEY_PROGRESS = "tadasu-progress"
KEY_SUMMARY = "tadasu-run-summary"
KEY_CANDIDATES = "tadasu-glossary-candidates"
KEY_DATASET_PREFIX = "tadasu-dataset-"

#: how many unknown names the curation table shows (the full list is in OUT/candidates/)
CANDIDATES_IN_TABLE = 50
#: how many entities the summary's "top entities" table shows
TOP_ENTITIES_IN_SUMMARY = 15

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
# progress


def create_progress(total_shards: int) -> uuid.UUID | None:
    """Create the run's progress artifact at 0 %; returns its id (None outside a run)."""
    if not _in_run_context():
        return None
    from prefect.artifacts import create_progress_artifact

    try:
        return create_progress_artifact(
            progress=0.0,
            key=KEY_PROGRESS,
            description=f"Shards normalized: 0 of {int(total_shards)}",
        )
    except Exception as exc:  # noqa: BLE001 - an artifact never fails the data run: logged
        _logger().warning("could not create the progress artifact: %s", exc)
        return None


def update_progress(artifact_id: uuid.UUID | None, done: int, total: int) -> None:
    """Set the progress artifact to done/total shards (a no-op without an artifact or run)."""
    if artifact_id is None or not _in_run_context():
        return None
    from prefect.artifacts import update_progress_artifact

    total = max(int(total), 0)
    done = min(max(int(done), 0), total) if total else 0
    pct = 100.0 if total == 0 else round(100.0 * done / total, 2)
    try:
        update_progress_artifact(
            artifact_id=artifact_id,
            progress=pct,
            description=f"Shards normalized: {done} of {total}",
        )
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
    loaded; publish_run_artifacts calls it too. No-op outside a flow run.
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


def render_summary_markdown(summary: Mapping[str, Any]) -> str:
    """The run summary as Markdown (pure; from the run.json dict)."""
    docs = summary.get("documents") or {}
    shards = summary.get("shards") or {}
    thr = summary.get("throughput") or {}
    out = []
    out.append("# tadasu run summary")
    out.append("")
    out.append(
        f"**Documents: {_fmt_int(docs.get('total', 0))} total, "
        f"{_fmt_int(docs.get('ok', 0))} ok, {_fmt_int(docs.get('rejected', 0))} rejected**"
    )
    out.append("")
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
# candidates table and dataset links

_CANDIDATE_COLUMNS = ("surface", "romaji", "count", "n_docs", "suggested_entity_id", "score", "example")


def candidates_table(candidates: Iterable[Mapping[str, Any]], limit: int = CANDIDATES_IN_TABLE) -> list[dict]:
    """Top unknown names for curation: by count, then n_docs, then score (pure)."""
    rows = sorted(
        (dict(c) for c in candidates),
        key=lambda c: (-(c.get("count") or 0), -(c.get("n_docs") or 0), -(c.get("score") or 0), str(c.get("surface"))),
    )[:limit]
    table = []
    for c in rows:
        row = {}
        for col in _CANDIDATE_COLUMNS:
            v = c.get(col)
            if col == "score" and isinstance(v, float):
                v = round(v, 3)
            if col == "example" and isinstance(v, str) and len(v) > 80:
                v = v[:79] + "…"
            row[col] = "" if v is None else v
        table.append(row)
    return table


def dataset_dirs(out_dir: Path) -> list[tuple[str, Path]]:
    """(name, folder) for the datasets present under out_dir, in contract order."""
    out_dir = Path(out_dir)
    return [(name, out_dir / name) for name in DATASETS if (out_dir / name).is_dir()]


def publish_run_artifacts(summary: dict, candidates: list[dict], out_dir: Path) -> None:
    """Markdown summary, glossary-candidates table and dataset links for the current run.

    Also labels the run (name and tags from inputs and glossary version). No-op outside a run.
    """
    if not _in_run_context():
        return None
    from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

    log = _logger()
    label_run(summary.get("inputs"), summary.get("glossary_version"))
    docs = summary.get("documents") or {}
    try:
        create_markdown_artifact(
            markdown=render_summary_markdown(summary),
            key=KEY_SUMMARY,
            description=(
                f"{_fmt_int(docs.get('ok', 0))} ok / {_fmt_int(docs.get('rejected', 0))} rejected; "
                f"glossary {_short_version(summary.get('glossary_version'))}"
            ),
        )
    except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
        log.warning("could not publish the summary artifact: %s", exc)

    table = candidates_table(candidates or [])
    try:
        create_table_artifact(
            table=table if table else {c: [] for c in _CANDIDATE_COLUMNS},
            key=KEY_CANDIDATES,
            description=(
                f"Top {len(table)} of {len(candidates or [])} unknown names seen in the corpus "
                "(full list: OUT/candidates/); add the real ones to the glossary."
            ),
        )
    except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
        log.warning("could not publish the candidates artifact: %s", exc)

    for name, folder in dataset_dirs(Path(out_dir)):
        n_parts = len(list(folder.glob("*.parquet")))
        try:
            create_link_artifact(
                link=folder.resolve().as_uri() + "/",
                link_text=f"{name}/ ({n_parts} Parquet part{'s' if n_parts != 1 else ''})",
                key=artifact_key(KEY_DATASET_PREFIX + name),
                description=f"tadasu `{name}` dataset of this run: {folder.resolve()}",
                )
        except Exception as exc:  # noqa: BLE001 - logged; an artifact never fails the data run
            log.warning("could not publish the link artifact for %s: %s", name, exc)
    return None
