"""Normalize one shard and write its part files (plain functions: the Prefect task wraps them).

`process_shard(spec, ctx)` reads the shard's documents, normalizes them a chunk at a time (a
document whose normalization raises becomes a `rejected` row with the exception as reason),
writes one part file per dataset atomically, then the shard manifest
(`OUT/_state/shards/<id>.json`) last: a shard is finished exactly when its manifest exists with
the current fingerprint.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from glossary.candidates import FURNITURE_MIN_DOCS, copy_key
from glossary.mining import centred_example, document_terms
from normalizers.normalizer import MANY_CHUNK

from . import columns
from . import datasets as ds
from .ingest import RawDoc
from .shards import ShardSpec, read_shard

TOP_ENTITIES = 50


class GlossaryUnavailable(Exception):
    """The glossary cannot be loaded (the message says why)."""


@dataclass(slots=True)
class RunContext:
    """What every shard needs to know; small and picklable."""

    out: str
    glossary: str | None
    config: dict
    pipeline_version: str
    glossary_version: str | None
    config_fingerprint: str
    max_doc_bytes: int
    fail_fast: bool = False

    def meta(self, dataset: str) -> dict[bytes, bytes]:
        return ds.metadata(self.pipeline_version, self.glossary_version, self.config, dataset)


def load_glossary(path: str | None):
    """The compiled glossary at `path` (None: $TADASU_GLOSSARY, else the shipped one).

    One per content version in a process (compiling takes ~0.25 s, and a run asks in the CLI's
    check, in the flow, in every worker and at finalize): the version is read from the files
    each time, so a changed file is compiled again. A run's shards ask for its pinned copy
    (`run_glossary.pin_glossary`), which never changes."""
    from glossary import Glossary
    from glossary.loader import directory_version

    from flows.run_glossary import GlossaryNotFound, glossary_source

    try:
        source = glossary_source(path)
    except GlossaryNotFound as e:
        raise GlossaryUnavailable(f"cannot load glossary {path}: {e}") from None
    version = directory_version(source)
    g = _GLOSSARIES.get(version)
    if g is None:
        g = Glossary.load(source)
        if g.version == version:  # not a file changed between the two reads
            _GLOSSARIES.clear()  # only the newest is kept
            _GLOSSARIES[version] = g
    return g


_GLOSSARIES: dict[str, Any] = {}


@lru_cache(maxsize=4)
def _normalizer(glossary: str | None, version: str | None, config_json: str):
    from normalizers import NormalizeConfig, Normalizer

    return Normalizer(load_glossary(glossary), NormalizeConfig(**json.loads(config_json)))


def get_normalizer(glossary: str | None, config: dict):
    """One normalizer per process, glossary content and config (`version` is part of the key, so
    a long-lived process picks up an edited glossary)."""
    g = load_glossary(glossary)
    return _normalizer(glossary, g.version, json.dumps(config, sort_keys=True))


class GlossaryChanged(Exception):
    """A shard would be normalized with another glossary version than its run's."""


def check_glossary_version(normalizer: Any, ctx: RunContext) -> None:
    """A shard records `ctx.glossary_version`: it must be the version its normalizer uses."""
    if normalizer.glossary_version != ctx.glossary_version:
        raise GlossaryChanged(f"the run's glossary is version {ctx.glossary_version}, this shard's normalizer "
                              f"has {normalizer.glossary_version} ({ctx.glossary})")


def doc_id_of(source: str, text: str | None) -> str:
    return hashlib.sha256(source.encode() + b"\0" + (text or "").encode()).hexdigest()


def content_hash_of(text: str | None) -> str | None:
    return hashlib.sha256(text.encode()).hexdigest() if text is not None else None


@dataclass(slots=True)
class ShardRows:
    """A shard's documents/ rows, and its normalized documents (with their ids), whose
    sentences, mentions and edits become tables column by column at the end (flows.columns)."""

    documents: dict[str, list] = field(default_factory=lambda: ds.empty_rows("documents"))
    ok_ids: list[str] = field(default_factory=list)
    ok_docs: list[Any] = field(default_factory=list)


def _add_document(rows: ShardRows, raw: RawDoc, doc_id: str, status: str, reason: str | None, text: str | None,
                  ctx: RunContext) -> None:
    """One row of documents/: `reason` "code: detail" is split into `reason` (the code) and
    `reason_detail`; an ok document's note is its reason_detail."""
    code, _, detail = reason.partition(": ") if reason is not None else (None, "", raw.note)
    d = rows.documents
    d["doc_id"].append(doc_id)
    d["source"].append(raw.source)
    d["external_id"].append(raw.external_id)
    d["content_hash"].append(content_hash_of(raw.raw_text))
    d["title"].append(raw.title)
    d["published_at"].append(raw.published_at)
    d["published_at_source"].append(raw.published_at_source)
    d["encoding"].append(raw.encoding)
    d["status"].append(status)
    d["reason"].append(code)
    d["reason_detail"].append(detail or None)
    d["raw_text"].append(raw.raw_text)
    d["text"].append(text)
    d["n_chars_raw"].append(len(raw.raw_text) if raw.raw_text is not None else None)
    d["n_chars"].append(len(text) if text is not None else None)
    d["glossary_version"].append(ctx.glossary_version)
    d["pipeline_version"].append(ctx.pipeline_version)




class CandidateCollector:
    """Unknown terms of a shard (`glossary.mining.document_terms`: the names the recognizer
    tagged without an entity and the glossary's `find_candidates`), counted per surface;
    suggestions come at finalize (`candidate_aggregate.aggregate_candidates`)."""

    def __init__(self, glossary: Any):
        self.g = glossary if glossary is not None and hasattr(glossary, "candidates") else None
        self.count: Counter[str] = Counter()
        self.docs: Counter[str] = Counter()
        self.example: dict[str, tuple[str, str]] = {}
        # (a Counter is built only for a new surface, not per occurrence)
        self.labels: defaultdict[str, Counter[str]] = defaultdict(Counter)
        # documents per (surface, key of the line it stood in): site furniture is told apart
        # when the run's shards are aggregated (glossary.candidates.is_site_furniture)
        self.lines: defaultdict[str, Counter[int]] = defaultdict(Counter)
        # the `copy_key`s of those documents, up to FURNITURE_MIN_DOCS of them: exact copies of
        # one document count once (a line is furniture in that many distinct documents)
        self.line_copies: dict[tuple[str, int], set[int]] = {}

    def add(self, key: str, doc: Any) -> None:
        if self.g is None:
            return
        taken = [(m.start, m.end) for m in doc.mentions]
        seen = set()
        # Names the recognizer tagged without an entity are candidates too, with their label.
        tagged = [(m.start, m.end, m.surface, m.label) for m in doc.mentions if m.method in ("pattern", "ner")]
        lines_seen = set()
        copy = None
        # a bare term's label is guessed from the evidence around it (None: not counted)
        for start, end, surface, label, line in document_terms(self.g, doc.text, taken, tagged):
            if label is not None:
                self.labels[surface][label] += 1
            self.count[surface] += 1
            if (surface, line) not in lines_seen:
                lines_seen.add((surface, line))
                self.lines[surface][line] += 1
                if copy is None:
                    copy = copy_key(doc.text)
                copies = self.line_copies.setdefault((surface, line), set())
                if len(copies) < FURNITURE_MIN_DOCS:
                    copies.add(copy)
            if surface not in seen:
                seen.add(surface)
                self.docs[surface] += 1
                if surface not in self.example:
                    self.example[surface] = (key, centred_example(doc.text, start, end))

    def rows(self) -> dict[str, list]:
        """The shard's partial counts. Romaji and suggestions are added once per distinct term
        when the run's shards are aggregated (`candidate_aggregate.aggregate_candidates`), not per shard."""
        out: dict[str, list] = {f.name: [] for f in ds.CANDIDATE_PARTIAL}
        for surface in sorted(self.count):
            key, example = self.example[surface]
            out["surface"].append(surface)
            out["romaji"].append(None)
            out["count"].append(self.count[surface])
            out["n_docs"].append(self.docs[surface])
            out["example"].append(example)
            out["example_key"].append(key)
            out["suggested_entity_id"].append(None)
            out["score"].append(None)
            labels = self.labels.get(surface)
            out["label_guess"].append(min(labels, key=lambda lab: (-labels[lab], lab)) if labels else None)
            lines = self.lines.get(surface, Counter())
            out["line_keys"].append(list(lines))
            out["line_docs"].append(list(lines.values()))
            out["line_copies"].append([sorted(self.line_copies[(surface, line)]) for line in lines])
        return out


# Documents read and normalized together: as many as `Normalizer.normalize_many` takes a stage at.
NORMALIZE_CHUNK = MANY_CHUNK


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _normalized(normalizer: Any, docs: Iterable[RawDoc], fail_fast: bool) -> Iterator[tuple[int, RawDoc, Any]]:
    """(index, raw document, its NormalizedDocument, the exception its normalization raised, or
    None when it was rejected as read), in input order. A chunk's readable documents go through
    the normalizer's stages together (`normalize_many`: faster than one at a time); a document
    that fails comes back as its exception, unless `fail_fast`, when it raises."""
    for chunk in _chunks(enumerate(docs), NORMALIZE_CHUNK):
        readable = [raw for _, raw in chunk if raw.reason is None]
        normalized = iter(normalizer.normalize_many(
            [raw.raw_text for raw in readable], [raw.published_at for raw in readable],
            errors="raise" if fail_fast else "return",
        ))
        for i, raw in chunk:
            yield i, raw, (next(normalized) if raw.reason is None else None)


# Collector settings while a shard runs: a shard makes millions of small objects (edits,
# sentences, mentions, row values) and frees them by reference counting, so the default
# collections (one per 700 allocations, full ones as the shard's rows grow) only cost time: 1.0 s
# of a 7.9 s run on livedoor, 0.9 s of it traversing the glossary and Prefect again and again.
# Everything alive before the shard is frozen (out of the collector's view), and collections
# come less often; cyclic garbage is still collected, later.
_GEN0_THRESHOLD = 50_000
_gc_lock = threading.Lock()
_gc_depth = 0  # shards running in this process's threads
_gc_saved: tuple[tuple[int, int, int], int] | None = None  # (thresholds, objects frozen before)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The collector's settings above while the block runs (nested and in threads: from the
    first to enter to the last to leave); then back as they were."""
    global _gc_depth, _gc_saved
    with _gc_lock:
        _gc_depth += 1
        if _gc_depth == 1:
            _gc_saved = gc.get_threshold(), gc.get_freeze_count()
            gc.freeze()
            gc.set_threshold(max(_gc_saved[0][0], _GEN0_THRESHOLD), *_gc_saved[0][1:])
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved[0])
                if not _gc_saved[1]:  # (unfreeze is all or nothing: keep what the program froze)
                    gc.unfreeze()  # back in the oldest generation: collected as usual from now on


def manifest_path(out: Path, shard_id: str) -> Path:
    return out / "_state" / "shards" / f"{shard_id}.json"


def candidates_partial_path(out: Path, shard_id: str) -> Path:
    return out / "_state" / "candidates" / f"part-{shard_id}.parquet"


INTENTS_DIR = "writing"  # OUT/_state/writing/<id>.json: a shard's parts, named before they are written


def intent_path(out: Path, shard_id: str) -> Path:
    return out / "_state" / INTENTS_DIR / f"{shard_id}.json"


def shard_part_names(out: Path, shard_id: str) -> list[str]:
    """The files a shard writes, relative to OUT (what its intent and manifest record)."""
    paths = [ds.part_path(out, name, shard_id) for name in ds.DATASETS] + [candidates_partial_path(out, shard_id)]
    return [p.relative_to(out).as_posix() for p in paths]


def process_shard(spec: ShardSpec, ctx: RunContext, fingerprint: str, writer: "ShardWriter | None" = None
                  ) -> dict | None:
    """Normalize a shard, write its part files and manifest; returns the (small) manifest. With
    a `writer` (process_batch), the files are written in its thread while the caller goes on
    with the next shard, and the manifest comes from `writer.results()`: None is returned."""
    t0 = time.perf_counter()
    normalizer = get_normalizer(ctx.glossary, ctx.config)
    check_glossary_version(normalizer, ctx)
    rows = ShardRows()
    cands = CandidateCollector(normalizer.glossary)
    reasons: Counter[str] = Counter()
    n_docs = ok = chars_in = candidate_errors = dates_ignored = 0
    with fewer_collections():
        for i, raw, doc in _normalized(normalizer, read_shard(spec, ctx.max_doc_bytes), ctx.fail_fast):
            n_docs += 1
            doc_id = doc_id_of(raw.source, raw.raw_text)
            if raw.raw_text is not None:
                chars_in += len(raw.raw_text)
            if raw.reason is not None:
                reasons[raw.reason.split(":", 1)[0]] += 1
                _add_document(rows, raw, doc_id, "rejected", raw.reason, None, ctx)
                continue
            if isinstance(doc, Exception):  # HojiChar style: the document is rejected, the run goes on
                code = rejection_code(doc)
                reason = f"{code}: {type(doc).__name__}: {doc}"
                reasons[code] += 1
                _add_document(rows, raw, doc_id, "rejected", reason[:500], None, ctx)
                continue
            ok += 1
            if raw.note is not None and "published_at ignored" in raw.note:
                dates_ignored += 1
            if raw.published_at is None and doc.published_at_source == "dateline":  # the text's own date
                raw = dataclasses.replace(raw, published_at=doc.published_at, published_at_source="dateline")
            _add_document(rows, raw, doc_id, "ok", None, doc.text, ctx)
            rows.ok_ids.append(doc_id)
            rows.ok_docs.append(doc)
            try:
                cands.add(f"{spec.shard_id}:{i:08d}", doc)
            except Exception:  # noqa: BLE001 - candidate mining never rejects a document: counted
                candidate_errors += 1
    if n_docs != spec.n_docs:
        raise RuntimeError(f"shard {spec.shard_id}: read {n_docs} documents, planned {spec.n_docs} (input changed during the run?)")

    tables = {"documents": ds.table("documents", rows.documents, ctx.meta("documents")),
              **columns.document_tables(rows.ok_ids, rows.ok_docs, ctx.meta)}
    del rows  # the documents are in the tables now: not held while the next shard runs
    manifest = {
        "shard_id": spec.shard_id,
        "fingerprint": fingerprint,
        "glossary_version": ctx.glossary_version,  # the one its normalizer used (checked above)
        "n_docs": n_docs,
        "ok": ok,
        "rejected": n_docs - ok,
        "rejected_by_reason": dict(sorted(reasons.items())),
        "published_at_ignored": dates_ignored,  # ok documents whose published_at was not a date
        # mentions_by_label, edits_by_rule, entities (bounded by the glossary size)
        **columns.shard_counts(tables["mentions"], tables["edits"]),
        "rows": {name: tables[name].num_rows for name in ds.DATASETS},
        "n_bytes": spec.n_bytes,
        "n_chars": chars_in,
        "candidate_errors": candidate_errors,  # documents whose candidate mining raised
        "parts": shard_part_names(Path(ctx.out), spec.shard_id),
    }
    tables["candidates"] = ds.table("candidates", cands.rows(), None, ds.CANDIDATE_PARTIAL)
    if writer is None:
        return write_shard(Path(ctx.out), manifest, tables, t0)
    writer.submit(spec, write_shard, Path(ctx.out), manifest, tables, t0)
    return None


def write_shard(out: Path, manifest: dict, tables: dict[str, Any], t0: float) -> dict:
    """A shard's intent, part files (`tables`: the datasets and the candidates partial), then its
    manifest, which makes the shard finished; returns the manifest."""
    shard_id = manifest["shard_id"]
    # Named before they are written: a run killed meanwhile leaves files tadasu can prove it wrote
    # (output.prepare deletes only those).
    ds.write_json_atomic({"shard_id": shard_id, "parts": manifest["parts"]}, intent_path(out, shard_id))
    for name in ds.DATASETS:
        ds.write_atomic(tables[name], ds.part_path(out, name, shard_id))
    ds.write_atomic(tables["candidates"], candidates_partial_path(out, shard_id))
    manifest = {**manifest, "seconds": round(time.perf_counter() - t0, 3)}
    ds.write_json_atomic(manifest, manifest_path(out, shard_id))
    intent_path(out, shard_id).unlink(missing_ok=True)  # the manifest names the parts now
    return manifest


WRITER_THREAD = "tadasu-shard-writer"


class ShardWriter:
    """Writes shards' files (`write_shard`) in one background thread, one shard at a time, while
    the caller normalizes the next shard: Parquet encoding, compression and fsync release the
    GIL, so on a second core they cost the batch no time (issue 21; bench/README.md,
    run_breakdown). `submit` first waits for the shard before (at most one shard's tables are held);
    `results()` waits for all and gives (spec, manifest or the exception its writing raised)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=WRITER_THREAD)
        self._pending: tuple[ShardSpec, Future] | None = None
        self._done: list[tuple[ShardSpec, dict | BaseException]] = []

    def _wait(self) -> None:
        if self._pending is not None:
            spec, fut = self._pending
            self._pending = None
            try:
                self._done.append((spec, fut.result()))
            except Exception as e:  # noqa: BLE001 - handed to process_batch, which records it per shard
                self._done.append((spec, e))

    def submit(self, spec: ShardSpec, fn: Callable[..., dict], *args: Any) -> None:
        self._wait()
        self._pending = spec, self._pool.submit(fn, *args)

    def results(self) -> list[tuple[ShardSpec, dict | BaseException]]:
        self._wait()
        done, self._done = self._done, []
        return done

    def close(self) -> None:
        self._wait()  # (a write under way finishes: its files are whole or absent either way)
        self._pool.shutdown(wait=True)


def rejection_code(exc: BaseException) -> str:
    """The reason code of a document whose normalization raised, from the exception's type: the
    class's own `reason_code` when it has one (a normalizer error class names its code there),
    `timeout` for a TimeoutError (a glossary regex that ran too long), else
    `normalization_error`. A new exception class needs no change here."""
    for cls in type(exc).__mro__:
        code = vars(cls).get("reason_code")
        if isinstance(code, str) and code:
            return code
    return "timeout" if isinstance(exc, TimeoutError) else "normalization_error"


def shard_error(spec: ShardSpec, e: BaseException) -> str:
    return f"shard {spec.shard_id} ({spec.files[0].source}...): {type(e).__name__}: {e}"


class ShardsFailed(Exception):
    """Some shards of a batch failed (the message names the first); the others are finished.
    `retryable`: every failure was an I/O error, which another attempt may not meet."""

    retryable = False


def process_batch(batch: list[dict], ctx: dict) -> list[dict]:
    """Normalize a batch of consecutive shards ({"spec", "fp"} each) one after the other (the
    body of the flow's normalize-shards task, wherever it runs); each shard writes its own part
    files and manifest, so resume stays per shard. A failing shard does not stop the others
    (unless fail_fast); ShardsFailed is raised at the end, and a retry (after an I/O error) redoes
    only the shards without a manifest: idempotent."""
    from . import output

    rc = RunContext(**ctx)
    out = Path(rc.out)
    manifests: dict[str, dict] = {}
    failed: list[str] = []
    all_io = True

    def failure(spec: ShardSpec, e: BaseException) -> None:
        nonlocal all_io
        if rc.fail_fast:
            raise e
        failed.append(shard_error(spec, e))
        all_io = all_io and isinstance(e, OSError)

    def written(writer: ShardWriter) -> None:
        for spec, m in writer.results():
            if isinstance(m, BaseException):
                failure(spec, m)
            else:
                manifests[spec.shard_id] = m

    # The collector's settings for the whole batch, not shard by shard: leaving them after each
    # shard and entering again cost ~23 gen0 and 1.5 gen1 collections per shard (0.17 of 3.0
    # CPU s on 8 livedoor shards; bench/README.md, run_breakdown.py).
    # A shard's files are written while the next one is normalized; with fail_fast in line, so
    # the first failure, writing included, stops the batch before the next shard.
    writer = ShardWriter()
    try:
        with fewer_collections():
            for item in batch:
                spec = ShardSpec.from_dict(item["spec"])
                done = output.finished_manifest(out, spec.shard_id, item["fp"])  # by an earlier attempt
                if done is not None:
                    manifests[spec.shard_id] = done
                    continue
                try:
                    m = process_shard(spec, rc, item["fp"], writer=None if rc.fail_fast else writer)
                except Exception as e:  # noqa: BLE001 - recorded in ShardsFailed; the other shards still run
                    failure(spec, e)
                    continue
                if m is not None:
                    manifests[spec.shard_id] = m
            written(writer)
    finally:
        writer.close()
    if failed:
        more = f" (and {len(failed) - 1} more shards of this batch)" if len(failed) > 1 else ""
        error = ShardsFailed(failed[0] + more)
        error.retryable = all_io  # (an attribute: pickled with the exception to the flow process)
        raise error
    order = [ShardSpec.from_dict(item["spec"]).shard_id for item in batch]
    return [manifests[i] for i in order if i in manifests]
