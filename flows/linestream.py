"""Lines of a .jsonl or .jsonl.gz file that survive a damaged container (no Prefect here).

`LineStream` hands out every complete line that precedes a fault, then raises `StreamFault`
with the bytes of the incomplete line it was in (`partial`). A `gzip.GzipFile` (or ISA-L's
`igzip`) under a `readline` loses what it had inflated in the call that failed: a .jsonl.gz with
trailing bytes lost its last 3 lines (7,364 of 7,367 where `zcat` gives all).

Faults and their codes:

    truncated_input   the file ends inside a gzip member (a cut download)
    unreadable        corrupt deflate data or checksum, bytes after the last member that are not
                      gzip, or an I/O error

Line ends: LF and CRLF as read; a file whose first chunk has CRs and no LF (old Mac) has every
CR read as LF (the same number of bytes, so lengths and hashes stay per byte).
"""

from __future__ import annotations

import gzip
import zlib

try:  # Intel's ISA-L inflate: the same gzip streams, ~2.8x the speed of zlib
    from isal import igzip as _fast_gzip  # (a 250 MB .jsonl.gz: 0.49 s a pass, zlib 1.39 s)
    from isal import isal_zlib as _fast_zlib
except ImportError:  # another platform without its wheel: the standard library
    _fast_gzip, _fast_zlib = gzip, zlib

READ_SIZE = 256 * 1024  # compressed bytes read at a time
MAX_INFLATE = 4 * 1024 * 1024  # decompressed bytes per inflate call: bounds memory on a gzip bomb
GZIP_MAGIC = b"\x1f\x8b"
_INFLATE_ERRORS = (zlib.error, _fast_zlib.error)
# What the fast reader raises on a damaged file (gzip.BadGzipFile is an OSError).
_FAST_READER_ERRORS = (OSError, EOFError, zlib.error, _fast_zlib.error)


class StreamFault(Exception):
    """The container is damaged here; `partial` holds the bytes of the incomplete line."""

    def __init__(self, code: str, detail: str, partial: bytes = b""):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.partial = partial


class LineStream:
    """`readline(limit)` over a plain or gzip file, as `io.BufferedReader.readline` does, but
    every complete line before a fault is delivered and the fault raised after them."""

    def __init__(self, path: str):
        self._fh = open(path, "rb")
        self._gzip = path.lower().endswith(".gz")
        self._inflater = None  # the current gzip member's
        self._member_start = 0  # file offset of the current member
        self._member_out = 0  # bytes the current member has given so far
        self._pending = b""  # compressed bytes read but not yet given to an inflater
        self._buf = b""
        self._pos = 0
        self._eof = False
        self._fault: StreamFault | None = None
        self._cr_only: bool | None = None
        self._members = 0  # gzip members started

    # -- the file ----------------------------------------------------------------------------

    def close(self) -> None:
        self._fh.close()

    @property
    def closed(self) -> bool:
        return self._fh.closed

    def __enter__(self) -> "LineStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- lines -------------------------------------------------------------------------------

    def skip(self, n: int) -> None:
        """Pass over the next `n` bytes (what a faster reader delivered already)."""
        while len(self._buf) - self._pos < n:
            n -= len(self._buf) - self._pos
            self._buf, self._pos = b"", 0
            if not self._more():
                return  # the fault (if any) comes with the next readline
        self._pos += n

    def readline(self, limit: int = -1) -> bytes:
        """The next line with its LF, at most `limit` bytes; b"" at the end. Raises the fault
        once every complete line before it was returned."""
        scan = self._pos
        while True:
            i = self._buf.find(b"\n", scan)
            if i >= 0 and (limit < 0 or i - self._pos < limit):
                line = self._buf[self._pos : i + 1]
                self._pos = i + 1
                return line
            if 0 <= limit <= len(self._buf) - self._pos:
                line = self._buf[self._pos : self._pos + limit]
                self._pos += limit
                return line
            scan = len(self._buf) - self._pos  # where the search resumes once _more shifted the buffer
            if not self._more():
                rest = self._buf[self._pos :]
                self._buf, self._pos = b"", 0
                if self._fault is not None:
                    fault, self._fault = self._fault, None
                    self._eof = True
                    fault.partial = rest
                    raise fault
                return rest

    def _more(self) -> bool:
        """Append the next decoded chunk to the buffer; False at the end or at a fault."""
        if self._eof or self._fault is not None:
            return False
        held = len(self._buf) - self._pos
        try:
            chunk = self._next_gzip_chunk() if self._gzip else self._fh.read(READ_SIZE)
        except StreamFault as fault:
            self._fault = fault
            return len(self._buf) - self._pos > held  # _recover delivered what preceded the damage
        except OSError as e:
            self._fault = StreamFault("unreadable", f"{type(e).__name__}: {e}")
            return False
        if not chunk:
            self._eof = True
            return False
        if self._cr_only is None:
            self._cr_only = _cr_only(chunk)
        if self._cr_only:
            chunk = chunk.replace(b"\r", b"\n")
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return True

    # -- gzip --------------------------------------------------------------------------------

    def _next_gzip_chunk(self) -> bytes:
        while True:
            if self._inflater is None and not self._start_member():
                return b""
            d = self._inflater
            src = d.unconsumed_tail or self._pending or self._fh.read(READ_SIZE)
            self._pending = b""
            if not src:
                tail = d.flush()  # output the inflater still holds, if any
                if tail:
                    self._member_out += len(tail)
                    return tail
                raise StreamFault("truncated_input", "the gzip stream ends inside a member (truncated file)")
            try:
                out = d.decompress(src, MAX_INFLATE)
            except _INFLATE_ERRORS as e:
                raise self._recover(e) from None
            self._member_out += len(out)
            if d.eof:
                self._pending = d.unused_data
                self._member_start = self._fh.tell() - len(self._pending)
                self._inflater = None
            if out:
                return out

    def _start_member(self) -> bool:
        """A new member at the next non-zero byte (gzip tolerates zero padding), or False at the
        end of the file; bytes that are not gzip are a fault."""
        while True:
            data = self._pending.lstrip(b"\0")
            self._pending = b""
            if len(data) < 2:
                more = self._fh.read(READ_SIZE)
                if not more:
                    if data:
                        raise StreamFault("unreadable", f"{len(data)} byte(s) after the last gzip member")
                    return False
                self._pending = data + more
                continue
            if not data.startswith(GZIP_MAGIC):
                rest = len(data) + _remaining(self._fh)
                if not self._members:
                    raise StreamFault("unreadable", "not gzip data (no gzip header at the start)")
                raise StreamFault("unreadable", f"{rest} bytes after the last gzip member are not gzip data")
            self._members += 1
            self._pending = data
            self._member_start = self._fh.tell() - len(data)
            self._member_out = 0
            self._inflater = _fast_zlib.decompressobj(31)
            return True

    def _recover(self, error: Exception) -> StreamFault:
        """The inflater failed inside a call, and its output for that call is lost: inflate this
        member again with zlib, from its start, byte by byte over the last block, so that what
        precedes the damage is delivered. Only on a damaged file."""
        fault = StreamFault("unreadable", f"corrupt gzip data: {error}")
        self._fh.seek(self._member_start)
        d = zlib.decompressobj(31)
        produced = []
        while True:
            block = self._fh.read(READ_SIZE)
            if not block:
                break
            snapshot = d.copy()
            try:
                produced.append(d.decompress(block))
                continue
            except zlib.error:
                d = snapshot
            for k in range(len(block)):
                try:
                    produced.append(d.decompress(block[k : k + 1]))
                except zlib.error:
                    break
            break
        recovered = b"".join(produced)[self._member_out :]
        if self._cr_only:
            recovered = recovered.replace(b"\r", b"\n")
        self._buf = self._buf[self._pos :] + recovered
        self._pos = 0
        return fault


def _remaining(fh) -> int:
    here = fh.tell()
    end = fh.seek(0, 2)
    fh.seek(here)
    return end - here


def _cr_only(chunk: bytes) -> bool | None:
    """Whether the first bytes of a file end their lines in CR alone (old Mac): CRs and no LF.
    None while neither was seen. (A CR inside an LF or CRLF file, such as `\r\r\n`, leaves
    the lines as they are: iter_lines strips CRs at a line's end.)"""
    if b"\n" in chunk:
        return False
    return True if b"\r" in chunk else None


class Lines:
    """What `open_lines` gives: the C line reader of a gzip or plain file (ISA-L `igzip`: about
    1.5x LineStream's speed on livedoor) until it fails or meets a CR-only file; then a
    `LineStream` takes over at the byte where it stopped, and delivers the complete lines the
    fast reader lost with its failing read before raising the fault. A healthy file never
    pays for the slower reader; a damaged one is read once more up to the fault."""

    def __init__(self, path: str):
        self._path = path
        self._fast = _fast_gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")
        self._exact: LineStream | None = None
        self._delivered = 0
        self._first = True

    def readline(self, limit: int = -1) -> bytes:
        if self._exact is not None:
            return self._exact.readline(limit)
        try:
            line = self._fast.readline(limit)
        except _FAST_READER_ERRORS:
            return self._hand_over().readline(limit)
        if self._first:
            self._first = False
            if _cr_only(line):
                return self._hand_over().readline(limit)
        self._delivered += len(line)
        return line

    def _hand_over(self) -> LineStream:
        self._fast.close()
        self._exact = LineStream(self._path)
        self._exact.skip(self._delivered)
        return self._exact

    def close(self) -> None:
        self._fast.close()
        if self._exact is not None:
            self._exact.close()

    @property
    def closed(self) -> bool:
        return self._fast.closed and (self._exact is None or self._exact.closed)

    def __enter__(self) -> "Lines":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
