"""The flow's task runner (moved out of flows/flow.py, which keeps the run's steps): threads for
the flow process's one worker or a worker pool's N processes, or Dask."""

from __future__ import annotations

import os

from prefect import get_client


def _share_api_url_with_workers() -> None:
    """Dask workers report their task runs to this run's Prefect server. Without PREFECT_API_URL
    in their environment each would start a temporary server of its own (measured: one per
    process, several seconds of CPU each, and task runs recorded where nobody looks). The URL is
    the one this process's client talks to: the configured server, or Prefect's temporary one."""
    if os.environ.get("PREFECT_API_URL"):
        return
    url = str(get_client(sync_client=True).api_url)
    if url.startswith(("http://", "https://")):  # (an in-process app has no address to share)
        os.environ["PREFECT_API_URL"] = url


def make_task_runner(workers: int, dask_address: str | None, cluster: str = "process"):
    """Threads: 1 for 1 worker (no process start-up), N for the N processes of a worker pool
    (each task thread waits for its batch there); or Dask: a LocalCluster of N single-threaded
    processes, or an existing cluster at `dask_address`."""
    from prefect.task_runners import ThreadPoolTaskRunner

    if dask_address or cluster == "dask" and workers > 1:
        from prefect_dask import DaskTaskRunner

        _share_api_url_with_workers()
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                            "dashboard_address": None}
        )
    return ThreadPoolTaskRunner(max_workers=max(1, workers))
