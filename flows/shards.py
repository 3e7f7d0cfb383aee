"""Sharding (no Prefect here): plan the input into shards with stable ids and content keys.

A shard is a small, picklable description of a slice of the input, never the text itself:

- `jsonl`: lines first..last of one .jsonl/.jsonl.gz file, `shard_size` documents each;
- `parquet`: rows start..stop of one parquet file;
- `files`: a group of .txt/.md files. Groups are content-defined on the sorted sources: a group
  ends after a file whose source hash is 0 mod `shard_size` (or at 2 x shard_size files), so a
  new file changes its own group only, not every group after it.
- `skipped`: entries that are not read, one rejected row each: what discovery skipped
  (`InputFile.skip`: unsupported_format, special_file, outside_input_root ...) and .jsonl or
  .parquet files without any document (`empty`). Never opened.

`shard_id` depends on where the shard is (file, first line / first source), `content_hash` on
its bytes. `fingerprint(spec, ...)` adds the glossary version, pipeline version and config: a
finished shard whose recorded fingerprint equals the current one is reused as is.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .ingest import CONTAINER_ERRORS, InputFile, iter_lines, open_lines, sha256_file

SCHEMA_VERSION = "2"  # 2: documents/ has external_id, published_at_source, reason_detail


@dataclass(slots=True)
class ShardSpec:
    shard_id: str
    kind: str  # "files" | "jsonl" | "parquet" | "skipped"
    files: list[InputFile]  # one for jsonl/parquet
    first: int = 0  # jsonl: first line (1-based); parquet: first row (0-based)
    last: int = 0  # jsonl: last line (inclusive); parquet: stop row (exclusive)
    n_docs: int = 0
    n_bytes: int = 0
    content_hash: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["files"] = [asdict(f) for f in self.files]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ShardSpec":
        d = dict(d)
        d["files"] = [InputFile(**f) for f in d["files"]]
        return cls(**d)


@dataclass(slots=True)
class Plan:
    shards: list[ShardSpec] = field(default_factory=list)
    n_files: int = 0
    n_docs: int = 0
    n_bytes: int = 0
    blank_lines: int = 0
    unsupported_files: list[str] = field(default_factory=list)
    skipped_by_reason: dict[str, int] = field(default_factory=dict)  # rows that are not read


def _hid(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def files_boundary(source: str, shard_size: int) -> bool:
    """Content-defined group end: after this source a new group starts."""
    if shard_size <= 1:
        return True
    return int(hashlib.sha256(source.encode()).hexdigest()[:12], 16) % shard_size == 0


def plan_text_files(files: list[InputFile], shard_size: int) -> list[ShardSpec]:
    shards: list[ShardSpec] = []
    group: list[InputFile] = []

    def close() -> None:
        if not group:
            return
        h = hashlib.sha256()
        n_bytes = 0
        for f in group:
            h.update(f.source.encode() + b"\0")
            try:
                n_bytes += os.path.getsize(f.path)
                sha256_file(f.path, h)
            except OSError as e:  # unreadable now: the task will reject it with the reason
                h.update(f"unreadable {e}".encode())
            h.update(b"\0")
        shards.append(ShardSpec(_hid("files", group[0].source), "files", list(group), n_docs=len(group),
                                n_bytes=n_bytes, content_hash=h.hexdigest()))
        group.clear()

    for f in files:
        group.append(f)
        if files_boundary(f.source, shard_size) or len(group) >= 2 * shard_size:
            close()
    close()
    return shards


def plan_jsonl(f: InputFile, shard_size: int, max_bytes: int, plan: Plan) -> list[ShardSpec]:
    """Stream the file once: line ranges of `shard_size` documents and their content hashes."""
    shards: list[ShardSpec] = []
    h = hashlib.sha256()
    first, n, n_bytes, lineno = 1, 0, 0, 0

    def close(last: int) -> None:
        nonlocal h, first, n, n_bytes
        if n:
            shards.append(ShardSpec(_hid("jsonl", f.source, first), "jsonl", [f], first, last, n, n_bytes,
                                    h.hexdigest()))
        h = hashlib.sha256()
        first, n, n_bytes = last + 1, 0, 0

    try:
        with open_lines(f.path) as fh:
            for lineno, data, length in iter_lines(fh, max_bytes):
                n_bytes += length
                if data is not None and not data.strip():
                    plan.blank_lines += 1
                    h.update(b"\n")
                    continue
                h.update(data if data is not None else f"<{length} bytes>".encode())
                h.update(b"\n")
                n += 1
                if n >= shard_size:
                    close(lineno)
    except CONTAINER_ERRORS as e:
        # The reader hits the same error at the same place and rejects one document for it.
        h.update(f"error {type(e).__name__}".encode())
        n += 1
        close(lineno + 1)
        return shards
    close(lineno)
    if not shards:  # not one document: the file is still a row
        blank = f" ({lineno} blank lines)" if lineno else ""
        return [_skipped_spec(f, f"empty: no documents{blank}")]
    return shards


def _skipped_spec(f: InputFile, reason: str) -> ShardSpec:
    """A file that gives no document to read, as the one-row shard that says why."""
    entry = InputFile(f.path, f.source, "skipped", reason)
    return ShardSpec(_hid("skipped", f.source), "skipped", [entry], n_docs=1, content_hash=_hid(f.source, reason))


def plan_skipped(entries: list[InputFile], shard_size: int) -> list[ShardSpec]:
    """Skipped entries in shards of `shard_size` rows (cheap: no text is read or normalized)."""
    shards = []
    for i in range(0, len(entries), shard_size):
        group = entries[i : i + shard_size]
        h = hashlib.sha256()
        for e in group:
            h.update(f"{e.source}\0{e.skip}\0".encode())
        shards.append(ShardSpec(_hid("skipped", group[0].source), "skipped", group, n_docs=len(group),
                                content_hash=h.hexdigest()))
    return shards


def plan_parquet(f: InputFile, shard_size: int) -> list[ShardSpec]:
    import pyarrow.parquet as pq

    size = os.path.getsize(f.path)
    file_hash = sha256_file(f.path).hexdigest()
    try:
        pf = pq.ParquetFile(f.path)
        n_rows = pf.metadata.num_rows
        if n_rows and "text" not in pf.schema_arrow.names:
            n_rows = -1  # one rejected document for the whole file
    except Exception:  # noqa: BLE001 - corrupt: one rejected document
        n_rows = -1
    if n_rows == 0:
        return [_skipped_spec(f, "empty: no rows")]
    if n_rows < 0:  # corrupt or without text: one shard, the reader rejects one document
        return [ShardSpec(_hid("parquet", f.source, 0), "parquet", [f], 0, 1, 1, size, file_hash)]
    shards = []
    for start in range(0, n_rows, shard_size):
        stop = min(n_rows, start + shard_size)
        shards.append(ShardSpec(_hid("parquet", f.source, start), "parquet", [f], start, stop, stop - start,
                                size * (stop - start) // n_rows, _hid(file_hash, start, stop)))
    return shards


def plan_shards(files: list[InputFile], shard_size: int, max_bytes: int) -> Plan:
    if shard_size < 1:
        raise ValueError("shard_size must be >= 1")
    skipped = [f for f in files if f.kind == "skipped"]
    plan = Plan(n_files=len(files) - len(skipped))
    plan.shards += plan_text_files([f for f in files if f.kind == "text"], shard_size)
    plan.shards += plan_skipped(skipped, shard_size)
    for f in files:
        if f.kind == "jsonl":
            plan.shards += plan_jsonl(f, shard_size, max_bytes, plan)
        elif f.kind == "parquet":
            plan.shards += plan_parquet(f, shard_size)
    ids = [s.shard_id for s in plan.shards]
    assert len(ids) == len(set(ids)), "shard ids collide"
    plan.n_docs = sum(s.n_docs for s in plan.shards)
    reasons: dict[str, int] = {}
    for spec in plan.shards:
        if spec.kind == "skipped":
            for e in spec.files:
                code = (e.skip or "").split(":", 1)[0]
                reasons[code] = reasons.get(code, 0) + 1
    plan.skipped_by_reason = dict(sorted(reasons.items()))
    plan.unsupported_files = [f.source for f in skipped if (f.skip or "").startswith("unsupported_format:")]
    plan.n_bytes = sum(s.n_bytes for s in plan.shards)
    return plan


def code_hash() -> str:
    """Hash of the code that decides a shard's output (normalizers, glossary, ingest, datasets).

    Part of the resume key next to PIPELINE_VERSION: a change to the rules that forgot to bump
    the version still reprocesses every shard instead of mixing old and new output."""
    import importlib.util

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    files = [here / n for n in ("ingest.py", "shards.py", "process.py", "datasets.py", "decoding.py", "discovery.py",
                                "linestream.py")]
    for pkg in ("normalizers", "glossary"):
        spec = importlib.util.find_spec(pkg)
        if spec is not None and spec.submodule_search_locations:
            for loc in spec.submodule_search_locations:
                files += sorted(Path(loc).rglob("*.py"))
    for f in files:
        try:
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
        except OSError:
            pass
    return h.hexdigest()[:16]


def fingerprint(spec: ShardSpec, glossary_version: str | None, pipeline_version: str, config_fp: str,
                max_bytes: int, code: str = "") -> str:
    """The resume key of a shard: what it reads, and everything that decides its output."""
    blob = json.dumps(
        {
            "content": spec.content_hash,
            "kind": spec.kind,
            "sources": [f.source for f in spec.files],
            "range": [spec.first, spec.last],
            "glossary": glossary_version,
            "pipeline": pipeline_version,
            "config": config_fp,
            "max_bytes": max_bytes,
            "schema": SCHEMA_VERSION,
            "code": code,
        },
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def read_shard(spec: ShardSpec, max_bytes: int):
    """The raw documents of a shard, in input order."""
    from .ingest import RawDoc, read_jsonl_range, read_parquet_range, read_text_file

    if spec.kind == "skipped":
        for f in spec.files:
            yield RawDoc(f.source, None, reason=f.skip)
    elif spec.kind == "files":
        for f in spec.files:
            yield read_text_file(f, max_bytes)
    elif spec.kind == "jsonl":
        yield from read_jsonl_range(spec.files[0], spec.first, spec.last, max_bytes)
    elif spec.kind == "parquet":
        yield from read_parquet_range(spec.files[0], spec.first, spec.last, max_bytes)
    else:  # pragma: no cover
        raise ValueError(f"unknown shard kind {spec.kind}")
