"""The candidates' romaji and suggested entities, worked out in a helper process while the shards
run (issue 21). No Prefect here: the helper process imports this module.

At finalize-run the aggregate of the run's unknown terms asks the glossary's romaji index for the
nearest entity of every distinct surface (`Glossary.suggest_many`): pykakasi's dictionaries, the
romaji of the glossary's names and of the run's surfaces, a similarity matrix: 1.8 of 14 CPU s
of a livedoor run with 1 worker, all of it in line after the last shard. A `SuggestionHelper`
is one process (a `pool.ShardPool` of one, which starts it with the normalizer's imports and not
Prefect's) that builds the index while the first shards run and works out the suggestions of
each finished shard's surfaces (read from its candidates partial) as the batches come back; at
finalize only the surfaces of the last shards are left. The answers are the glossary's own
(`suggest_many` gives each surface's answer independently of the others), so candidates/ is
the same as when the flow process works them out. If the helper fails (it cannot start, dies,
raises), the flow process works them out itself (`local_fallback`), as before.
"""

from __future__ import annotations

import queue
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import pyarrow.parquet as pq

from flows.pool import ShardPool
from flows.process import candidates_partial_path, fewer_collections, load_glossary

# -- in the helper process ------------------------------------------------------------------------

# (glossary version, {surface: (entity_id, score, romaji)}): the newest version's answers only.
_answers: dict[str, dict[str, tuple]] = {}


def prime(glossary: str | None, surfaces: list[str]) -> int:
    """The suggestions of the surfaces not answered before (the romaji index is built by the
    first call); returns how many were new."""
    g = load_glossary(glossary)
    answers = _answers.get(g.version)
    if answers is None:
        _answers.clear()
        answers = _answers[g.version] = {}
    new = [s for s in dict.fromkeys(surfaces) if s not in answers]
    # (asked even for none: the first call builds the romaji index.) The index and the answers
    # stay alive: the collector need not traverse them (see flows.flow.suggesting_glossary).
    with fewer_collections():
        for surface, answer in zip(new, g.suggest_many(new)):
            answers[surface] = tuple(answer)
    return len(new)


def answers(glossary: str | None, surfaces: list[str]) -> list[tuple]:
    """`Glossary.suggest_many(surfaces)`, from the answers primed before where there are."""
    prime(glossary, surfaces)
    got = _answers[load_glossary(glossary).version]
    return [got[s] for s in surfaces]


# -- in the flow process --------------------------------------------------------------------------


def partial_surfaces(out: Path, shard_ids: list[str]) -> list[str]:
    """The candidate surfaces of these shards (their partials under OUT/_state/candidates/)."""
    surfaces: list[str] = []
    for shard_id in shard_ids:
        path = candidates_partial_path(out, shard_id)
        if path.exists():
            surfaces += pq.read_table(path, columns=["surface"])["surface"].to_pylist()
    return surfaces


class SuggestionHelper:
    """The helper process and the flow-side thread that feeds it the finished shards' surfaces
    (`shards_done`, never blocking the flow); `suggest_many` waits for what was fed, then asks
    for the run's surfaces. The first failure is kept in `error`: nothing more is sent, and
    `suggest_many` raises it."""

    def __init__(self, out: str, glossary: str | None, config: dict):
        self.out = Path(out)
        self.glossary = glossary
        self.error: BaseException | None = None
        self._todo: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self._pool: ShardPool | None = None
        try:
            self._pool = ShardPool(1, glossary, config)
        except Exception as e:  # noqa: BLE001 - kept in self.error: finalize then works locally, logged
            self.error = e
        self._thread = threading.Thread(target=self._feed, name="tadasu-suggestions", daemon=True)
        self._thread.start()
        self.shards_done([])  # builds the index now, while the first shards run

    def shards_done(self, shard_ids: list[str]) -> None:
        self._todo.put(list(shard_ids))

    def _feed(self) -> None:
        while True:
            ids = self._todo.get()
            if ids is None:
                return
            if self.error is not None or self._pool is None:
                continue
            try:
                self._pool.call(prime, self.glossary, partial_surfaces(self.out, ids))
            except Exception as e:  # noqa: BLE001 - kept in self.error, raised by suggest_many (logged there)
                self.error = e

    def suggest_many(self, surfaces: list[str]) -> list[tuple]:
        self._todo.put(None)
        self._thread.join()
        if self.error is not None:
            raise self.error
        assert self._pool is not None
        return self._pool.call(answers, self.glossary, surfaces)

    def close(self, kill: bool = False) -> None:
        self._todo.put(None)
        if self._pool is not None:
            self._pool.close(kill=kill)


# The helpers of running flows by token: finalize-run finds its run's helper by the token it is
# given (a process handle is not a task parameter).
_helpers: dict[str, SuggestionHelper] = {}
_helpers_lock = threading.Lock()


@contextmanager
def started(out: str, glossary: str | None, config: dict) -> Iterator[str]:
    """A SuggestionHelper for the block, by its token (`helper_of`); killed if the block raises."""
    helper = SuggestionHelper(out, glossary, config)
    token = uuid.uuid4().hex
    with _helpers_lock:
        _helpers[token] = helper
    try:
        yield token
    except BaseException:
        helper.close(kill=True)
        raise
    finally:
        with _helpers_lock:
            _helpers.pop(token, None)
    helper.close()


def helper_of(token: str | None) -> SuggestionHelper | None:
    with _helpers_lock:
        return _helpers.get(token) if token else None


def local_fallback(helper: SuggestionHelper, local: Callable[[], Any], warn: Callable[..., Any]
                   ) -> Callable[[list[str]], list]:
    """`suggest_many` for finalize-run: the helper's answers, else (it failed: `warn`ed) those
    of `local()`, the glossary with its index built in this process."""

    def suggest_many(surfaces: list[str]) -> list:
        try:
            return helper.suggest_many(surfaces)
        except Exception as e:  # noqa: BLE001 - logged; the flow process works them out itself
            warn("the suggestion helper process failed (%r): the candidates' suggestions are worked out "
                 "in the flow process", e)
            return local().suggest_many(surfaces)

    return suggest_many
