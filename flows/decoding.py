"""Decoding the bytes of a Japanese text (no Prefect, no file I/O).

Order: a BOM decides; else strict UTF-8; else UTF-8 with a few stray bytes (when the rest holds
valid multi-byte UTF-8: legacy-encoded Japanese text never does in volume) repaired to U+FFFD;
else the legacy encodings EUC-JP, cp932, Shift_JIS-2004, EUC-JIS-2004; else the repair of a
few bytes in any of them.

cp932 (Microsoft's Shift_JIS, what Japanese Shift_JIS files in the wild are) is tried before
Shift_JIS-2004: both decode IBM-extension kanji without error but only cp932 decodes them right
(厓, not 迆); Shift_JIS-2004 is used only when cp932 fails (JIS X 0213 characters). EUC-JP bytes
often decode as (wrong) cp932 half-width katakana, so EUC-JP comes first; but Shift_JIS text
whose only non-ASCII characters are half-width katakana in even runs decodes as EUC-JP kanji
too (ｶﾌﾞｼｷｶﾞｲｼｬ → 玉渕袈涓蒔). When both decode, the choice is checked (`_euc_or_cp932`):
real EUC-JP text has kana, this mojibake has none, and real half-width katakana puts its
voiced marks after the kana that take them. A choice the checks cannot make is flagged in the
encoding (`euc_jp?`): kanji-only EUC-JP (北海道) is valid cp932 half-width katakana as well.

A decoding that needed repairs says so: `ENC+replaced:N` (N characters became U+FFFD).
"""

from __future__ import annotations

import re

STRICT_LEGACY = ("euc_jp", "cp932", "shift_jis_2004", "euc_jis_2004")
REPAIR_ENCODINGS = ("utf-8", "cp932", "euc_jp")
# At most this share of characters may be repaired (U+FFFD) before a text counts as undecodable.
MAX_REPAIR_RATIO = 0.001
MAX_REPAIRS = 32
DOUBTFUL = "?"  # appended to an encoding the checks could not confirm

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
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_stray_bytes(data)
    if repaired is not None:
        return repaired
    decoded = {}
    for enc in STRICT_LEGACY:
        try:
            decoded[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc != "euc_jp":  # only EUC-JP needs a second reading to check it against
            break
    if decoded:
        enc = _euc_or_cp932(decoded.get("euc_jp"), decoded.get("cp932")) if "euc_jp" in decoded else next(iter(decoded))
        return _checked(decoded[enc.rstrip(DOUBTFUL)], enc)
    return _repair(data, REPAIR_ENCODINGS, None, None)


def _checked(text: str, enc: str) -> tuple[str, str]:
    if _control_ratio(text) > 0.01:
        raise Rejection("binary", f"control characters in text decoded as {enc.rstrip(DOUBTFUL)}")
    return text, enc


_NON_ASCII_VALID = re.compile("[^\x00-\x7f\ufffd]")


def _repairable(bad: int, text: str) -> bool:
    return bad <= MAX_REPAIRS and bad <= max(1, len(text) * MAX_REPAIR_RATIO) and _control_ratio(text) <= 0.01


def _utf8_with_stray_bytes(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with a few invalid bytes (a cut character, a stray byte), or None. Shift_JIS
    or EUC-JP bytes read as UTF-8 give far more than a few invalid bytes, and the cp932 reading
    of UTF-8 bytes can succeed as mojibake: so this comes before the legacy encodings."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if _repairable(bad, text) and _NON_ASCII_VALID.search(text):
        return text, f"utf-8+replaced:{bad}"
    return None


_KANA = re.compile("[\u3041-\u309f\u30a0-\u30ff]")
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]")
# A voiced mark (ﾞ), semi-voiced mark (ﾟ) or long-vowel mark (ｰ) where real half-width text
# never has one: after a character that does not take it.
_MISPLACED_MARK = re.compile(
    "(?<![\N{HALFWIDTH KATAKANA LETTER U}\uff76-\uff84\uff8a-\uff8e\N{HALFWIDTH KATAKANA LETTER WA}])"
    "\N{HALFWIDTH KATAKANA VOICED SOUND MARK}"
    "|(?<![\uff8a-\uff8e])\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}"
    "|(?<![\uff66-\uff9f\u30a0-\u30ff])\N{HALFWIDTH KATAKANA-HIRAGANA PROLONGED SOUND MARK}"
)


_VOICED_MARKS = re.compile("[\N{HALFWIDTH KATAKANA VOICED SOUND MARK}\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}]")
# Voiced marks, all after a kana that takes them, that make a cp932 reading the text. Kanji-only
# EUC-JP read as cp932 puts a mark after a kana that takes it about 45% of the time (the lead
# bytes B1-DF as kana): two or more all well placed rarely happen by chance.
MIN_VOICED_MARKS = 2


def _euc_or_cp932(euc: str | None, sjis: str | None) -> str:
    """Which reading of bytes that are valid EUC-JP (and maybe cp932) is the text.

    EUC-JP text with any kana (hiragana: every sentence) is EUC-JP: Shift_JIS half-width
    katakana read as EUC-JP gives kanji only. Without kana, a cp932 reading with well-formed
    half-width katakana (at least MIN_VOICED_MARKS voiced marks, each after a kana that takes
    it) is the text. Else EUC-JP, flagged as doubtful (`euc_jp?`): kanji-only EUC-JP (北海道)
    and half-width katakana without voiced marks (ﾄｳｷｮｳﾄ) are both valid in the other encoding,
    and nothing in the bytes tells them apart."""
    if sjis is None or euc is None or _KANA.search(euc):
        return "euc_jp"
    if len(_VOICED_MARKS.findall(sjis)) >= MIN_VOICED_MARKS and not _MISPLACED_MARK.search(sjis):
        return "cp932"
    return "euc_jp" + DOUBTFUL


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
    if _repairable(bad, text):
        return text, f"{label or enc}+replaced:{bad}"
    raise Rejection(
        "undecodable",
        f"not valid UTF-8, EUC-JP, Shift_JIS/cp932 or Shift_JIS-2004 (best: {enc} with {bad} invalid bytes)",
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> tuple[str, int]:
    """`text` with lone surrogates (a JSON `"\\ud83d"`: half an emoji; not encodable as UTF-8,
    so Parquet cannot store them) replaced by U+FFFD, and how many there were."""
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)
