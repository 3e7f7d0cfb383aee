"""How a run shows its progress: the shard count (the CLI's bar and the progress artifact) and
the names of its normalize-shards task runs.

`ShardProgress` counts shards reused from an earlier run and saved by this one, including those
of batches still running whose manifest is on disk (a manifest is written after its shard's
part files): the flow asks it while it waits, and once more when the run stops early, so the
artifact says what a rerun will reuse even after a crash.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Callable

from flows import artifacts, output
from flows.shards import ShardSpec

# Progress callbacks (the CLI's progress bar): called with (done, total, docs). Not a flow
# parameter: a callable is not serializable, and a deployment run has no terminal.
_progress_callbacks: list[Callable[[int, int, int], None]] = []


def add_progress_callback(fn: Callable[[int, int, int], None]) -> None:
    _progress_callbacks.append(fn)


def remove_progress_callback(fn: Callable[[int, int, int], None]) -> None:
    if fn in _progress_callbacks:
        _progress_callbacks.remove(fn)


def notify_callbacks(done: int, total: int, docs: int) -> None:
    from prefect.logging import get_run_logger

    for fn in list(_progress_callbacks):
        try:
            fn(done, total, docs)
        except Exception as e:  # noqa: BLE001 - a progress bar never fails a run: it is dropped
            get_run_logger().warning("progress display %r failed and is turned off: %r", fn, e)
            remove_progress_callback(fn)


class ShardProgress:
    """Shards done = reused + saved by this run; shown on the CLI's bar and the progress artifact."""

    POLL_SECONDS = 10.0  # while batches run, their saved shards are counted this often

    def __init__(self, out: Path, fingerprints: dict[str, str], artifact_id: Any, total: int,
                 reused: dict[str, dict]) -> None:
        self.out, self.fingerprints, self.artifact_id = out, fingerprints, artifact_id
        self.total, self.n_reused = total, len(reused)
        self.done, self.docs = len(reused), sum(m["n_docs"] for m in reused.values())
        notify_callbacks(self.done, self.total, self.docs)

    def add(self, manifests: list[dict]) -> None:
        """A batch ended: its saved shards (all, or those before a failure)."""
        self.done += len(manifests)
        self.docs += sum(m["n_docs"] for m in manifests)
        self.show(self.done)

    def in_flight(self, batches: Iterable[list[ShardSpec]]) -> int:
        """Shards of the running batches that are saved: their manifest for this run is on disk."""
        return sum(output.finished_manifest(self.out, s.shard_id, self.fingerprints[s.shard_id]) is not None
                   for batch in batches for s in batch)

    def show(self, done: int, stopped: bool = False) -> None:
        if not stopped:
            notify_callbacks(done, self.total, self.docs)
        artifacts.update_progress(self.artifact_id, done, self.total, self.n_reused, stopped)


def _place(spec: ShardSpec, last: bool) -> tuple[str, int | None]:
    """Where a shard starts (or ends): its file and document number (jsonl line, parquet row
    from 1); for a group of text files or skipped entries the file alone."""
    if spec.kind == "jsonl":
        return spec.files[0].source, spec.last if last else spec.first
    if spec.kind == "parquet":
        return spec.files[0].source, spec.last if last else spec.first + 1
    return spec.files[-1 if last else 0].source, None


def batch_label(batch: list[ShardSpec]) -> str:
    """A normalize-shards task run's name: its input and document range, e.g.
    `livedoor.jsonl.gz#1-2500 (10 shards)`, or `a.txt .. news.jsonl#4 (2 shards)` across files
    (ASCII `..`: the UI's run graph draws "…" as a blank)."""
    (src0, n0), (src1, n1) = _place(batch[0], False), _place(batch[-1], True)
    if src0 == src1:
        where = src0 if n0 is None else f"{src0}#{n0}-{n1}"
    else:
        where = f"{src0}{'' if n0 is None else f'#{n0}'} .. {src1}{'' if n1 is None else f'#{n1}'}"
    return f"{where} ({len(batch)} shard{'s' if len(batch) != 1 else ''})"
