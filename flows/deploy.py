"""Deployments of the `normalize-corpus` flow.

Two ways to run tadasu on a schedule (both documented in the README's "Schedules" section):

* ``tadasu serve --cron EXPR`` → :func:`serve`: a long-running process that registers the
  deployment ``normalize-corpus/tadasu-serve`` with the Prefect server and executes its runs
  itself (``Flow.serve``). Stop it with Ctrl-C: the schedule is paused on shutdown.
* ``prefect deploy`` with the project's ``prefect.yaml``: deployments that a *process work pool*
  worker executes (``prefect worker start --pool tadasu``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any

__all__ = ["DEPLOYMENT_NAME", "configured_api_url", "deployment_parameters", "serve"]

#: the deployment that `tadasu serve` registers: `normalize-corpus/tadasu-serve`
DEPLOYMENT_NAME = "tadasu-serve"
DEPLOYMENT_TAGS = ["tadasu", "served"]


def _jsonable(value: Any) -> Any:
    """Parameters are stored as JSON by the server: paths become strings, tuples lists."""
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def deployment_parameters(flow_params: Mapping[str, Any]) -> dict[str, Any]:
    """The deployment's default parameters: the given ones that are set, JSON-ready.

    ``None`` means "the flow's own default" and is left out, so the flow keeps deciding.
    """
    return {k: _jsonable(v) for k, v in flow_params.items() if v is not None}


def configured_api_url() -> str | None:
    """The Prefect server's API URL from the environment or the active profile, else None."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url or None


def serve(cron: str | None = None, **flow_params: Any) -> None:
    """Serve `normalize-corpus` as the deployment ``normalize-corpus/tadasu-serve``.

    ``cron``: a cron expression (``"0 3 * * *"``: every day at 03:00 in the server's timezone,
    UTC by default); without it the deployment has no schedule and runs only when triggered
    (``prefect deployment run normalize-corpus/tadasu-serve``). ``flow_params`` become the
    deployment's default parameters (e.g. ``inputs=["data/sample"], out="data/clean"``).
    At most one run executes at a time (runs that fall due meanwhile wait), because two runs
    would write the same output folder. Blocks until interrupted.

    ``max_reject_rate`` (0..1, default the flow's 0.5; ``None``: no limit) is a parameter like
    the others: a run whose documents read are rejected above it writes its output and
    artifacts, then ends Failed with the reasons. The runs' artifact keys are named after the
    deployment (``tadasu-serve-summary``, ...: ``artifacts.run_scope``), one history whatever
    the parameters.
    """
    from flows.flow import normalize_corpus  # Prefect import cost only when serving

    params = deployment_parameters(flow_params)
    # Relative paths are resolved against the directory `tadasu serve` was started in, so the
    # runs (separate processes) read and write where the user meant.
    for key, value in list(params.items()):
        params[key] = _absolutize(key, value)

    normalize_corpus.serve(
        name=DEPLOYMENT_NAME,
        cron=cron,
        parameters=params,
        tags=list(DEPLOYMENT_TAGS),
        description=(
            "tadasu: normalize Japanese text against the glossary and write the Parquet datasets"
            + (f" (cron {cron!r})" if cron else " (no schedule: run on demand)")
        ),
        limit=1,
        pause_on_shutdown=True,
    )


_PATH_PARAMS = {"inputs", "input", "paths", "input_paths", "out", "out_dir", "output", "glossary", "glossary_dir"}


def _absolutize(key: str, value: Any) -> Any:
    if key not in _PATH_PARAMS:
        return value
    if isinstance(value, str) and value and "://" not in value:
        return str(Path(value).expanduser().resolve())
    if isinstance(value, list):
        return [_absolutize(key, v) for v in value]
    return value
