"""The candidates' suggestions warmed in the flow process while the workers normalize (no Prefect).

finalize-run gives every distinct candidate surface of the run its romaji and nearest entity
(`output.aggregate_candidates` with the glossary's `suggest_many`): pykakasi's dictionaries and the
glossary's romaji index first (~0.6 CPU s), then the romaji of each surface (~0.5 s on livedoor).
While the shards run in worker processes the flow process only waits, so `SuggestionWarmer`
does that work there, in a daemon thread: it builds the index, then romanizes the surfaces of each
finished shard, read from its candidates partial (`suggest_many`: the index keeps every romaji
it computed, so finalize-run finds them done). Nothing it computes is written anywhere: finalize-run
computes whatever the warmer did not reach, with the same functions, so the output is the same.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Any, Callable, Iterable

import pyarrow.parquet as pq

from flows.process import candidates_partial_path

THREAD_NAME = "tadasu-warm-suggestions"
# Surfaces romanized per call: the warmer looks at `stop` between chunks.
CHUNK = 500


class SuggestionWarmer:
    """`load()` gives the glossary with its romaji index built (flow.suggesting_glossary); `add`
    queues finished shards, whose partial's new surfaces are then romanized; `stop` ends the
    thread after the chunk under way (finalize-run then has the glossary to itself). A failure
    is logged by `log` and ends the warming: finalize-run meets it again and reports it."""

    def __init__(self, load: Callable[[], Any], out: Path | None, log: Callable[..., Any]) -> None:
        self._load, self._out, self._log = load, out, log
        self._queue: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self._stopped = threading.Event()
        self._seen: set[str] = set()
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

    def _new_surfaces(self, out: Path, shard_ids: list[str]) -> list[str]:
        new: list[str] = []
        for shard_id in shard_ids:
            path = candidates_partial_path(out, shard_id)
            for s in pq.read_table(path, columns=["surface"]).column(0).to_pylist():
                if s not in self._seen:
                    self._seen.add(s)
                    new.append(s)
        return new

    def _run(self) -> None:
        try:
            g = self._load()
            while not self._stopped.is_set():
                shard_ids = self._queue.get()
                if shard_ids is None:
                    return
                surfaces = self._new_surfaces(self._out, shard_ids) if self._out is not None else []
                for c in range(0, len(surfaces), CHUNK):
                    if self._stopped.is_set():
                        return
                    g.suggest_many(surfaces[c : c + CHUNK])
        except Exception as e:  # noqa: BLE001 - logged; finalize-run computes the same again and reports its error
            self._log("warming the glossary's suggestions failed (finalize-run tries again): %r", e)
