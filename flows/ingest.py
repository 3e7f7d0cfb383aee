"""Ingest: find input files, decode them, and turn them into raw documents (no Prefect here).

Everything that cannot become a document is still a document: a `RawDoc` with a `reason`
(`"<code>: <detail>"`) that the flow writes as a `rejected` row. Codes:

    empty            zero bytes, or only whitespace after decoding
    binary           NUL bytes, control characters or a known binary signature
    undecodable      not UTF-8 / EUC-JP / Shift_JIS (cp932) / Shift_JIS-2004, not even with a few
                     repaired bytes
    too_large        over the per-document size limit (the bytes are not read)
    malformed_json   a jsonl line that is not a JSON object
    missing_text     a jsonl line / parquet row without a `text` string
    unreadable       an I/O or format error in the container (truncated gzip, corrupt parquet)
    normalization_error  (set by the flow) the normalizer raised on this document

Decoding order: a BOM decides; else strict UTF-8, EUC-JP, cp932, Shift_JIS-2004, EUC-JIS-2004.
cp932 (Microsoft's Shift_JIS, what Japanese Shift_JIS files in the wild are) is tried before
Shift_JIS-2004: both decode IBM-extension kanji without error but only cp932 decodes them right
(厓, not 迆); Shift_JIS-2004 is used only when cp932 fails (JIS X 0213 characters). EUC-JP comes
before cp932 because EUC-JP bytes often decode as (wrong) cp932, never the other way round.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from normalizers.normalizer import as_date

TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED_SUFFIXES = (".txt", ".md", ".jsonl", ".jsonl.gz", ".parquet")
DEFAULT_MAX_DOC_BYTES = 8 * 1024 * 1024

STRICT_ENCODINGS = ("utf-8", "euc_jp", "cp932", "shift_jis_2004", "euc_jis_2004")
REPAIR_ENCODINGS = ("utf-8", "cp932", "euc_jp")
# At most this share of characters may be repaired (U+FFFD) before a text counts as undecodable.
MAX_REPAIR_RATIO = 0.001
MAX_REPAIRS = 32

_BINARY_MAGIC = {
    b"\x89PNG": "PNG image",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (docx/xlsx/zip)",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "ELF executable",
    b"PAR1": "Parquet file",
    b"\xd0\xcf\x11\xe0": "OLE document (doc/xls)",
}


class Rejection(Exception):
    """Why an input cannot become a document: `code` (a short category) and `detail`."""

    def __init__(self, code: str, detail: str):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail

    @property
    def reason(self) -> str:
        return f"{self.code}: {self.detail}"


class InputError(Exception):
    """The run cannot start: an input path that does not exist."""


@dataclass(slots=True)
class RawDoc:
    """One input document before normalization; `reason` set means rejected."""

    source: str
    raw_text: str | None
    encoding: str | None = None
    title: str | None = None
    published_at: dt.date | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # absolute path
    source: str  # path relative to the input root, '/'-separated
    kind: str  # "text" | "jsonl" | "parquet"


# -- decoding -----------------------------------------------------------------------------------


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:65536]
    if b"\x00" in head:
        return f"{head.count(0)} NUL bytes in the first {len(head)} bytes"
    return None


# C0 controls other than the whitespace ones and ESC: many of them mean a binary file.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    return len(_CONTROL_CHARS.findall(sample)) / len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a Japanese text; returns (text, encoding) or raises `Rejection`."""
    if not data:
        raise Rejection("empty", "no bytes")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            return _repair(data[3:], ("utf-8",), e, "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise Rejection("undecodable", f"UTF-16 BOM but invalid UTF-16 ({e.reason} at byte {e.start})") from None
    what = _looks_binary(data)
    if what:
        raise Rejection("binary", what)
    for enc in STRICT_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) > 0.01:
            raise Rejection("binary", f"control characters in text decoded as {enc}")
        return text, enc
    return _repair(data, REPAIR_ENCODINGS, None, None)


def _repair(data: bytes, encodings: tuple[str, ...], err, label: str | None) -> tuple[str, str]:
    """A few invalid bytes (a truncated character, a stray byte) are replaced by U+FFFD and the
    encoding is recorded as `ENC+replaced:N`; more than that is beyond repair."""
    best: tuple[int, str, str] | None = None
    for enc in encodings:
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd") - data.decode(enc, errors="ignore").count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, enc, text)
    assert best is not None
    bad, enc, text = best
    if bad <= MAX_REPAIRS and bad <= max(1, len(text) * MAX_REPAIR_RATIO) and _control_ratio(text) <= 0.01:
        return text, f"{label or enc}+replaced:{bad}"
    raise Rejection(
        "undecodable",
        f"not valid UTF-8, EUC-JP, Shift_JIS/cp932 or Shift_JIS-2004 (best: {enc} with {bad} invalid bytes)",
    )


def check_text(text: str) -> None:
    if not text.strip():
        raise Rejection("empty", "only whitespace")


# -- discovery ----------------------------------------------------------------------------------


def kind_of(name: str) -> str | None:
    low = name.lower()
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    if low.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if low.endswith(".parquet"):
        return "parquet"
    return None


def discover(inputs: list[str | os.PathLike]) -> tuple[list[InputFile], list[str]]:
    """Input files (sorted by source) and the files skipped in folders for their suffix.

    A folder contributes its supported files (recursively, hidden files and folders skipped);
    a file named explicitly is always read (an unknown suffix is read as text). `source` is
    relative to the input root: the folder given, or the folder of a file given; with several
    inputs, relative to their common folder, so sources stay unique.
    """
    if not inputs:
        raise InputError("no input given")
    paths = []
    for p in inputs:
        path = Path(p).expanduser()
        if not path.exists():
            raise InputError(f"input not found: {p}")
        paths.append(path.resolve())
    roots = [p if p.is_dir() else p.parent for p in paths]
    base = Path(os.path.commonpath([str(r) for r in roots])) if len(roots) > 1 else roots[0]
    found: dict[str, InputFile] = {}
    skipped: list[str] = []
    for path in paths:
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    full = Path(dirpath) / name
                    rel = full.relative_to(base).as_posix()
                    if name.startswith("."):
                        continue
                    kind = kind_of(name)
                    if kind is None:
                        skipped.append(rel)
                        continue
                    found[rel] = InputFile(str(full), rel, kind)
        else:
            rel = path.relative_to(base).as_posix()
            found[rel] = InputFile(str(path), rel, kind_of(path.name) or "text")
    return [found[k] for k in sorted(found)], [s for s in skipped if s not in found]


# -- reading ------------------------------------------------------------------------------------


def read_text_file(f: InputFile, max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> RawDoc:
    """One .txt/.md file as one document (rejected with a reason if it cannot be read)."""
    try:
        size = os.path.getsize(f.path)
        if size > max_bytes:
            raise Rejection("too_large", f"{size} bytes > limit {max_bytes}")
        with open(f.path, "rb") as fh:
            data = fh.read()
        text, enc = decode_bytes(data)
        check_text(text)
    except Rejection as r:
        return RawDoc(f.source, None if r.code != "empty" else "", None, reason=r.reason)
    except OSError as e:
        return RawDoc(f.source, None, None, reason=f"unreadable: {e.strerror or e}")
    title = None
    if f.path.lower().endswith(".md"):
        for line in text.splitlines():
            if line.startswith("# "):
                title = line[2:].strip() or None
                break
    return RawDoc(f.source, text, enc, title=title)


try:  # Intel's ISA-L inflate: the same gzip files and errors, ~2.8x the stdlib's speed
    from isal import igzip as _gzip  # (a 250 MB .jsonl.gz: 0.49 s a pass, stdlib 1.39 s)
    from isal.isal_zlib import error as _inflate_error
except ImportError:  # another platform without its wheel: the standard library
    _gzip, _inflate_error = gzip, zlib.error


def open_lines(path: str) -> BinaryIO:
    """A .jsonl(.gz) file for `iter_lines`. The planner and the shards' readers both read
    through this, so a damaged gzip fails for both at the same line."""
    return _gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def iter_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number from 1, bytes without line ending or None if over `max_bytes`, length).

    Memory stays bounded by `max_bytes` whatever the line length. Container errors (truncated
    gzip) propagate to the caller."""
    lineno = 0
    while True:
        line = fh.readline(max_bytes + 2)
        if not line:
            return
        lineno += 1
        if line.endswith(b"\n") or len(line) <= max_bytes:
            yield lineno, line.rstrip(b"\r\n"), len(line)
            continue
        length = len(line)
        while not line.endswith(b"\n"):
            line = fh.readline(1 << 20)
            if not line:
                break
            length += len(line)
        yield lineno, None, length


CONTAINER_ERRORS = (OSError, EOFError, zlib.error, _inflate_error, gzip.BadGzipFile)


parse_date = as_date  # one reading of published_at for the flow and the normalizer


def parse_jsonl_line(source: str, data: bytes | None, length: int, max_bytes: int) -> RawDoc:
    """One jsonl line as a document; `source` already carries the `#N` suffix."""
    if data is None:
        return RawDoc(source, None, reason=f"too_large: line of {length} bytes > limit {max_bytes}")
    try:
        line, enc = decode_bytes(data)
    except Rejection as r:
        return RawDoc(source, None, reason=r.reason)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return RawDoc(source, line, enc, reason=f"malformed_json: {e.msg} at column {e.colno}")
    if not isinstance(obj, dict):
        return RawDoc(source, line, enc, reason=f"malformed_json: a {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        what = "no 'text' field" if text is None else f"'text' is a {type(text).__name__}"
        return RawDoc(source, None, enc, reason=f"missing_text: {what}")
    title = obj.get("title")
    doc = RawDoc(source, text, enc, title=title if isinstance(title, str) else None,
                 published_at=parse_date(obj.get("published_at")))
    if not text.strip():
        doc.reason = "empty: only whitespace"
    return doc


class _LineReaders:
    """Open line readers left where the last shard of a file stopped, one per file.

    A .jsonl.gz cannot seek: without this, the shard at line N would decompress and skip N lines
    first, and a run would cost O(lines x shards). Shards of a file are handed out in file order,
    so a process's next shard usually starts at or after where its reader stands. A reader is
    taken out of the cache while in use (threads never share one) and dropped when the file's
    size or mtime changed.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers: dict[str, tuple[tuple[int, int], BinaryIO, Iterator, int]] = {}

    def take(self, path: str, first: int, max_bytes: int) -> tuple[tuple[int, int], BinaryIO, Iterator, int]:
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns)
        with self._lock:
            cached = self._readers.pop(path, None)
        if cached is not None:
            if cached[0] == stamp and cached[3] <= first:
                return cached
            cached[1].close()
        fh = open_lines(path)
        return stamp, fh, iter_lines(fh, max_bytes), 1

    def give_back(self, path: str, reader: tuple[tuple[int, int], BinaryIO, Iterator, int]) -> None:
        with self._lock:
            old = self._readers.pop(path, None)
            self._readers[path] = reader
        if old is not None:
            old[1].close()


_LINE_READERS = _LineReaders()


def read_jsonl_range(f: InputFile, first: int, last: int, max_bytes: int) -> Iterator[RawDoc]:
    """Documents of lines first..last (1-based, inclusive) of a .jsonl/.jsonl.gz file; blank
    lines are not documents. A container error inside the range ends it with a rejected row."""
    lineno = first - 1
    stamp, fh, lines, _ = _LINE_READERS.take(f.path, first, max_bytes)
    finished = False
    try:
        for lineno, data, length in lines:
            if lineno < first:
                continue
            if data is not None and not data.strip():
                if lineno >= last:
                    finished = True
                    return
                continue
            yield parse_jsonl_line(f"{f.source}#{lineno}", data, length, max_bytes)
            if lineno >= last:
                finished = True
                return
        finished = True  # end of file
    except CONTAINER_ERRORS as e:
        fh.close()
        if not first <= lineno + 1 <= last:
            return  # the error belongs to the next shard
        yield RawDoc(f"{f.source}#{lineno + 1}", None, reason=f"unreadable: {type(e).__name__}: {e} (after line {lineno})")
        return
    finally:
        if finished and not fh.closed:
            _LINE_READERS.give_back(f.path, (stamp, fh, lines, last + 1))
        elif not finished:
            fh.close()  # abandoned mid-range (an error or a consumer that stopped): start afresh


def read_parquet_range(f: InputFile, start: int, stop: int, max_bytes: int) -> Iterator[RawDoc]:
    """Rows start..stop-1 (0-based) of a parquet file; sources are `name#N` with N from 1."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(f.path)
        names = pf.schema_arrow.names
        if "text" not in names:
            yield RawDoc(f"{f.source}#1", None, reason="missing_text: parquet file has no 'text' column")
            return
        cols = [c for c in ("text", "title", "published_at") if c in names]
        row = 0
        for batch in pf.iter_batches(batch_size=1024, columns=cols):
            n = batch.num_rows
            if row + n <= start:
                row += n
                continue
            data = batch.to_pydict()
            for i in range(n):
                r = row + i
                if r < start:
                    continue
                if r >= stop:
                    return
                yield _parquet_doc(f"{f.source}#{r + 1}", data, i, max_bytes)
            row += n
    except Exception as e:  # noqa: BLE001 - a corrupt file is data, not a crash
        yield RawDoc(f"{f.source}#{start + 1}", None, reason=f"unreadable: {type(e).__name__}: {e}")


def _parquet_doc(source: str, data: dict, i: int, max_bytes: int) -> RawDoc:
    text = data["text"][i]
    if isinstance(text, bytes):
        try:
            text, enc = decode_bytes(text)
        except Rejection as r:
            return RawDoc(source, None, reason=r.reason)
    else:
        enc = "utf-8"
    if not isinstance(text, str):
        return RawDoc(source, None, reason="missing_text: null text")
    if len(text) * 3 > max_bytes and len(text.encode()) > max_bytes:
        return RawDoc(source, None, reason=f"too_large: {len(text.encode())} bytes > limit {max_bytes}")
    title = data.get("title", [None] * (i + 1))[i]
    doc = RawDoc(source, text, enc, title=title if isinstance(title, str) else None,
                 published_at=parse_date(data.get("published_at", [None] * (i + 1))[i]))
    if not text.strip():
        doc.reason = "empty: only whitespace"
    return doc


def sha256_file(path: str, h=None) -> "hashlib._Hash":
    h = h or hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h
