"""The candidates' aggregate and suggestions prepared in the flow process while the workers
normalize (no Prefect).

finalize-run merges every shard's candidates partial and gives each distinct surface its romaji
and nearest entity (`output.aggregate_candidates` with the glossary's `suggest_many`): pykakasi's
dictionaries and the glossary's romaji index first (~0.6 CPU s), then reading and merging the
partials and comparing each surface's romaji with the keys (~0.9 s on livedoor). While the shards
run in worker processes the flow process only waits, so `SuggestionWarmer` does that work there,
in a daemon thread: it builds the index, then merges each finished shard's partial
(`output.CandidateMerge`) and asks for its new surfaces' suggestions (the index keeps every answer).
finalize-run takes the merge (`take_merge`) and reads only the shards it lacks; the same functions
compute the same rows, so the output is the same.
"""

from __future__ import annotations

import queue
import threading
import uuid
from pathlib import Path
from typing import Any, Callable, Iterable

from flows.output import CandidateMerge

THREAD_NAME = "tadasu-warm-suggestions"
# Surfaces romanized per call: the warmer looks at `stop` between chunks.
CHUNK = 500


class SuggestionWarmer:
    """`load()` gives the glossary with its romaji index built (flow.suggesting_glossary); `add`
    queues finished shards, whose partials are then merged and their new surfaces asked for;
    `stop` ends the thread after the chunk under way (finalize-run then has the glossary to
    itself); `publish` hands the merge to finalize-run. A failure is logged by `log` and ends
    the warming, with no merge: finalize-run meets it again and reports it."""

    def __init__(self, load: Callable[[], Any], out: Path | None, log: Callable[..., Any]) -> None:
        self._load, self._out, self._log = load, out, log
        self._queue: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self._stopped = threading.Event()
        self._seen: set[str] = set()
        self._merge: CandidateMerge | None = CandidateMerge()
        # Daemon: a run that fails while it warms exits without waiting for it (it only reads files).
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()

    def add(self, shard_ids: Iterable[str]) -> None:
        if self._out is not None:  # (None: the index only)
            self._queue.put(list(shard_ids))

    def stop(self) -> None:
        self._stopped.set()
        self._queue.put(None)
        self._thread.join()

    def publish(self) -> str | None:
        """After `stop`: a token for finalize-run's `take_merge`, None when there is no merge."""
        if self._out is None or self._merge is None:
            return None
        token = uuid.uuid4().hex
        with _MERGES_LOCK:
            _MERGES[token] = self._merge
        return token

    def _new_surfaces(self, out: Path, merge: CandidateMerge, shard_ids: list[str]) -> list[str]:
        read = merge.add(out, shard_ids)
        new: list[str] = []
        for s in read["surface"].to_pylist() if read is not None else []:
            if s not in self._seen:
                self._seen.add(s)
                new.append(s)
        return new

    def _run(self) -> None:
        try:
            g = self._load()
            while not self._stopped.is_set():
                shard_ids = self._queue.get()
                if shard_ids is None or self._out is None or self._merge is None:
                    return
                surfaces = self._new_surfaces(self._out, self._merge, shard_ids)
                for c in range(0, len(surfaces), CHUNK):
                    if self._stopped.is_set():
                        return
                    g.suggest_many(surfaces[c : c + CHUNK])
        except Exception as e:  # noqa: BLE001 - logged; finalize-run computes the same again and reports its error
            self._merge = None  # (a merge the failure may have left half done is not handed on)
            self._log("warming the glossary's suggestions failed (finalize-run tries again): %r", e)


# The merges of completed work phases, by token, until their finalize-run takes them.
_MERGES: dict[str, CandidateMerge] = {}
_MERGES_LOCK = threading.Lock()


def take_merge(token: str | None) -> CandidateMerge | None:
    """The candidate partials a run's warmer merged, at most once (a retried finalize-run reads
    every partial again)."""
    with _MERGES_LOCK:
        return _MERGES.pop(token, None) if token else None
