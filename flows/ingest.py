"""Ingest: turn input files into raw documents (no Prefect here).

Everything that cannot become a document is still a document: a `RawDoc` with a `reason`
(`"<code>: <detail>"`) that the flow writes as a `rejected` row (`reason` the code,
`reason_detail` the detail). Codes:

    empty            zero bytes, or only whitespace after decoding; a .jsonl or .parquet file
                     without any document
    binary           NUL bytes, control characters or a known binary signature
    undecodable      not UTF-8 / EUC-JP / Shift_JIS (cp932) / Shift_JIS-2004, not even with a few
                     repaired bytes
    too_large        over the per-document size limit (the bytes are not read)
    malformed_json   a jsonl line that is not a JSON object (also: nested too deep, an integer
                     of more digits than Python converts)
    missing_text     a jsonl line / parquet row without a `text` string
    truncated_input  a .jsonl.gz that ends inside a gzip member: one row after the last complete
                     line, with the incomplete line's bytes as its raw_text
    unreadable       an I/O or format error in the container (corrupt gzip data, trailing bytes
                     that are not gzip, a corrupt parquet row group: one row per row it held)
    unsupported_format, hidden, special_file, outside_input_root, symlink_loop
                     files and folders skipped by discovery (flows.discovery)
    normalization_error  (set by the flow) the normalizer raised on this document

An ok document can carry a `note` (written as its `reason_detail`): a `published_at` that is
not a date (kept null, `published_at_source` null), lone surrogates replaced by U+FFFD.
Decoding: flows.decoding.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from typing import Iterator

from normalizers.normalizer import as_date

from .decoding import DOUBTFUL, Rejection, decode_bytes, without_surrogates
from .discovery import SUPPORTED_SUFFIXES, TEXT_SUFFIXES, InputError, InputFile, discover, kind_of
from .linestream import Lines, StreamFault

__all__ = [
    "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "InputError", "InputFile", "RawDoc", "Rejection", "decode_bytes",
    "discover", "kind_of", "read_jsonl_range", "read_parquet_range", "read_text_file",
]

DEFAULT_MAX_DOC_BYTES = 8 * 1024 * 1024


@dataclass(slots=True)
class RawDoc:
    """One input document before normalization; `reason` set means rejected."""

    source: str
    raw_text: str | None
    encoding: str | None = None
    title: str | None = None
    published_at: dt.date | None = None
    reason: str | None = None  # "code: detail"
    external_id: str | None = None  # the input's own id (jsonl `id`, parquet column `id`)
    published_at_source: str | None = None  # "input" when the input gave a valid date
    note: str | None = None  # an ok document's remark (reason_detail): what was kept or mended


def check_text(text: str) -> None:
    if not text.strip():
        raise Rejection("empty", "only whitespace")


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
    return RawDoc(f.source, text, enc, title=title, note=_encoding_note(enc))


def open_lines(path: str) -> Lines:
    """A .jsonl(.gz) file for `iter_lines`. The planner and the shards' readers both read
    through this, so a damaged file faults for both at the same line."""
    return Lines(path)


def iter_lines(fh: Lines, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number from 1, bytes without line ending or None if over `max_bytes`, length).

    Memory stays bounded by `max_bytes` whatever the line length. A damaged container raises
    `StreamFault` after the last complete line."""
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


# What ends a file's lines early: the planner and the reader count it as one rejected document.
CONTAINER_ERRORS = (StreamFault, OSError)


parse_date = as_date  # one reading of published_at for the flow and the normalizer


def _with_replacements(enc: str | None, n: int) -> str | None:
    if not n:
        return enc
    base, _, before = (enc or "utf-8").partition("+replaced:")
    return f"{base}+replaced:{int(before or 0) + n}"


def _external_id(value: object) -> str | None:
    """The input's own id as a string: a string or an integer (not a bool), else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _encoding_note(enc: str | None) -> str | None:
    if enc is not None and enc.endswith(DOUBTFUL):
        return "encoding doubtful: the bytes are valid EUC-JP and cp932 alike; read as EUC-JP"
    return None


def document(source: str, text: str, enc: str | None, title: object = None, published_at: object = None,
             external_id: object = None, surrogates: bool = False) -> RawDoc:
    """An input record's fields as a document: lone surrogates replaced (and counted in
    `encoding`) when the record `surrogates` may hold them, a `published_at` that is not a date
    kept null with a note, an empty text rejected."""
    notes = [note] if (note := _encoding_note(enc)) else []
    n = 0
    title = title if isinstance(title, str) else None
    ext = _external_id(external_id)
    if surrogates:
        text, n = without_surrogates(text)
        if title is not None:
            title, k = without_surrogates(title)
            n += k
        if ext is not None:
            ext, k = without_surrogates(ext)
            n += k
    if n:
        notes.append(f"{n} lone surrogate(s) replaced by U+FFFD")
    date = parse_date(published_at)
    if date is None and published_at is not None and published_at != "":
        shown, _ = without_surrogates(repr(published_at)[:60])
        notes.append(f"published_at ignored: not a date: {shown}")
    doc = RawDoc(source, text, _with_replacements(enc, n), title=title, published_at=date, external_id=ext,
                 published_at_source="input" if date is not None else None, note="; ".join(notes) or None)
    if not text.strip():
        doc.reason = "empty: only whitespace"
    return doc


def parse_jsonl_line(source: str, data: bytes | None, length: int, max_bytes: int) -> RawDoc:
    """One jsonl line as a document; `source` already carries the `#N` suffix. Whatever the
    line holds, the answer is a document (rejected with its reason) and never an exception."""
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
    except RecursionError:
        return RawDoc(source, line, enc, reason="malformed_json: nested too deep to parse")
    except ValueError as e:  # an integer of more digits than int() converts (sys.set_int_max_str_digits)
        return RawDoc(source, line, enc, reason=f"malformed_json: {e}")
    if not isinstance(obj, dict):
        return RawDoc(source, line, enc, reason=f"malformed_json: a {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        what = "no 'text' field" if text is None else f"'text' is a {type(text).__name__}"
        return RawDoc(source, None, enc, reason=f"missing_text: {what}", external_id=_external_id(obj.get("id")))
    # Only a JSON escape makes a lone surrogate (decoded bytes never hold one): a byte search
    # spares a scan of every text (0.12 s of a livedoor pass).
    escaped = b"\\ud" in data or b"\\uD" in data
    return document(source, text, enc, obj.get("title"), obj.get("published_at"), obj.get("id"), escaped)


class _OpenReaders:
    """Open readers left where the last shard of a file stopped, one per file: (stamp, handle,
    iterator, next position).

    A .jsonl.gz cannot seek, and a parquet row group decodes from its start: without this, the
    shard at line/row N would decode and skip N lines or rows first, and a run would cost
    O(lines x shards). Shards of a file are handed out in file order, so a process's next shard
    usually starts at or after where its reader stands. A reader is taken out of the cache while
    in use (threads never share one) and dropped when the file's size or mtime changed.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers: dict[str, tuple] = {}

    def take(self, path: str, first: int) -> tuple | None:
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns)
        with self._lock:
            cached = self._readers.pop(path, None)
        if cached is not None:
            if cached[0] == stamp and cached[3] <= first:
                return cached
            cached[1].close()
        return None

    @staticmethod
    def stamp(path: str) -> tuple[int, int]:
        st = os.stat(path)
        return st.st_size, st.st_mtime_ns

    def give_back(self, path: str, reader: tuple) -> None:
        with self._lock:
            old = self._readers.pop(path, None)
            self._readers[path] = reader
        if old is not None:
            old[1].close()


_LINE_READERS = _OpenReaders()
_ROW_READERS = _OpenReaders()


def _fault_doc(source: str, fault: StreamFault, lineno: int, max_bytes: int) -> RawDoc:
    partial = fault.partial if 0 < len(fault.partial) <= max_bytes else b""
    kept = f"; the {len(partial)} bytes of the incomplete line are its raw_text" if partial else ""
    raw = partial.decode("utf-8", errors="replace") if partial else None
    return RawDoc(source, raw, "utf-8" if partial else None,
                  reason=f"{fault.code}: {fault.detail}, after line {lineno}{kept}")


def read_jsonl_range(f: InputFile, first: int, last: int, max_bytes: int) -> Iterator[RawDoc]:
    """Documents of lines first..last (1-based, inclusive) of a .jsonl/.jsonl.gz file; blank
    lines are not documents. A damaged container ends the lines with one rejected row (at the
    line number after the last complete line, which the planner counts the same way)."""
    lineno = first - 1
    cached = _LINE_READERS.take(f.path, first)
    if cached is None:
        fh = open_lines(f.path)
        cached = (_OpenReaders.stamp(f.path), fh, iter_lines(fh, max_bytes), 1)
    stamp, fh, lines, _ = cached
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
    except StreamFault as fault:
        fh.close()
        if first <= lineno + 1 <= last:  # else the fault belongs to the next shard
            yield _fault_doc(f"{f.source}#{lineno + 1}", fault, lineno, max_bytes)
    except OSError as e:
        fh.close()
        if first <= lineno + 1 <= last:
            yield RawDoc(f"{f.source}#{lineno + 1}", None, reason=f"unreadable: {type(e).__name__}: {e} (after line {lineno})")
    finally:
        if finished and not fh.closed:
            _LINE_READERS.give_back(f.path, (stamp, fh, lines, last + 1))
        elif not finished:
            fh.close()  # abandoned mid-range (an error or a consumer that stopped): start afresh


# -- parquet ------------------------------------------------------------------------------------

PARQUET_COLUMNS = ("text", "title", "published_at", "id")
PARQUET_BATCH = 1024


class _RowCursor:
    """A parquet file's rows from the row group holding `start` on, in chunks (first row,
    columns as lists or the error that lost them, number of rows). A row group that fails to
    decode gives one chunk of its unread rows with the error: the other row groups are read."""

    def __init__(self, path: str, start: int):
        import pyarrow.parquet as pq

        self.pf = pq.ParquetFile(path)
        names = self.pf.schema_arrow.names
        self.columns = [c for c in PARQUET_COLUMNS if c in names]
        md = self.pf.metadata
        self.group_rows = [md.row_group(g).num_rows for g in range(md.num_row_groups)]
        group, row = 0, 0
        while group < len(self.group_rows) and row + self.group_rows[group] <= start:
            row += self.group_rows[group]
            group += 1
        self.current: tuple[int, dict | Exception, int] | None = None
        self._rest = self._from_group(group, row)

    def close(self) -> None:
        self.pf.close()

    def chunks(self) -> Iterator[tuple[int, dict | Exception, int]]:
        """The chunk the last reader stopped in (if any), then the following ones."""
        if self.current is not None:
            yield self.current
        for chunk in self._rest:
            self.current = chunk
            yield chunk

    def _from_group(self, group: int, row: int) -> Iterator[tuple[int, dict | Exception, int]]:
        for g in range(group, len(self.group_rows)):
            done = 0
            try:
                for batch in self.pf.iter_batches(PARQUET_BATCH, row_groups=[g], columns=self.columns, use_threads=False):
                    try:
                        data: dict | Exception = batch.to_pydict()
                    except Exception as e:  # noqa: BLE001 - e.g. a string that is not UTF-8
                        data = e
                    yield row + done, data, batch.num_rows
                    done += batch.num_rows
            except Exception as e:  # noqa: BLE001 - a corrupt page: the rest of this row group
                if self.group_rows[g] > done:
                    yield row + done, RuntimeError(f"row group {g}: {type(e).__name__}: {e}"), self.group_rows[g] - done
            row += self.group_rows[g]


def read_parquet_range(f: InputFile, start: int, stop: int, max_bytes: int) -> Iterator[RawDoc]:
    """Rows start..stop-1 (0-based) of a parquet file; sources are `name#N` with N from 1.
    Exactly one document per row of the range (the planner counts rows from the metadata)."""
    row = start
    cursor = None
    try:
        cached = _ROW_READERS.take(f.path, start)
        stamp, cursor = cached[:2] if cached else (_OpenReaders.stamp(f.path), _RowCursor(f.path, start))
        if "text" not in cursor.columns:
            yield RawDoc(f"{f.source}#1", None, reason="missing_text: parquet file has no 'text' column")
            return
        for first, data, n in cursor.chunks():
            for r in range(max(first, row), min(first + n, stop)):
                source = f"{f.source}#{r + 1}"
                if isinstance(data, Exception):
                    yield RawDoc(source, None, reason=f"unreadable: {type(data).__name__}: {data}"[:500])
                else:
                    yield _parquet_doc(source, data, r - first, max_bytes)
                row = r + 1
            if row >= stop:
                _ROW_READERS.give_back(f.path, (stamp, cursor, None, stop))
                cursor = None
                return
    except Exception as e:  # noqa: BLE001 - a file that cannot be opened is data, not a crash
        reason = f"unreadable: {type(e).__name__}: {e}"[:500]
        for r in range(row, stop):
            yield RawDoc(f"{f.source}#{r + 1}", None, reason=reason)
        row = stop
    finally:
        if cursor is not None:
            cursor.close()
    for r in range(row, stop):  # fewer rows than the metadata said
        yield RawDoc(f"{f.source}#{r + 1}", None, reason="unreadable: the file holds fewer rows than its metadata says")


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
    if len(text) * 3 > max_bytes and len(text.encode(errors="surrogatepass")) > max_bytes:
        return RawDoc(source, None, reason=f"too_large: {len(text.encode(errors='surrogatepass'))} bytes > limit {max_bytes}")
    column = lambda name: data[name][i] if name in data else None  # noqa: E731
    return document(source, text, enc, column("title"), column("published_at"), column("id"))


def sha256_file(path: str, h=None) -> "hashlib._Hash":
    h = h or hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h
