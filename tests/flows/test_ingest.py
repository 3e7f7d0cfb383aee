"""Ingest: every real encoding decodes to the right characters; every bad input is a reason."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.ingest import (
    InputError,
    InputFile,
    Rejection,
    decode_bytes,
    discover,
    read_jsonl_range,
    read_parquet_range,
    read_text_file,
)

ROOT = Path(__file__).resolve().parents[2]
ENC_DIR = ROOT.parent / "shared" / "corpus" / "original_encoding"
needs_corpus = pytest.mark.skipif(not ENC_DIR.is_dir(), reason="../shared/corpus not present")


# -- the real legacy-encoded files (README of original_encoding/) ---------------------------------

EXPECTED = {
    # file: (encoding, characters that must be there, characters that must not)
    "aozora_45630_ame-ni-mo-makezu.sjis.txt": ("cp932", ["雨ニモマケズ"], []),
    "aozora_4889_jikiso.sjis.txt": ("cp932", ["\uff0d", "億"], ["\u2212"]),
    "aozora_3798_ibm-ext-kanji.cp932.txt": ("cp932", ["厓"], ["迆"]),
    "aozora_43180_nec-special.cp932.txt": ("cp932", ["Ⅰ"], []),
    "aozora_1872_jisx0213.sjis2004.txt": ("shift_jis_2004", [], []),
    "japanpost_KEN_ALL_excerpt.sjis.csv": ("cp932", ["ﾎｯｶｲﾄﾞｳ", "北海道", "\uff5e"], ["\u301c"]),
}


@needs_corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_original_encoding_files_decode_right(name):
    data = (ENC_DIR / name).read_bytes()
    text, enc = decode_bytes(data)
    want_enc, present, absent = EXPECTED[name]
    assert enc == want_enc
    # Reference decoding: the one the README names as right for this file.
    assert text == data.decode(want_enc)
    for s in present:
        assert s in text, s
    for s in absent:
        assert s not in text, s
    assert "\ufffd" not in text


@needs_corpus
def test_jisx0213_file_is_not_cp932():
    data = (ENC_DIR / "aozora_1872_jisx0213.sjis2004.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("cp932")
    text, enc = decode_bytes(data)
    assert enc == "shift_jis_2004" and text == data.decode("shift_jisx0213")


@needs_corpus
def test_crlf_is_kept_in_raw_text():
    f = InputFile(str(ENC_DIR / "aozora_45630_ame-ni-mo-makezu.sjis.txt"), "x.txt", "text")
    doc = read_text_file(f)
    assert doc.reason is None and "\r\n" in doc.raw_text


SAMPLE = "オープンAIのアルトマン氏は７月２２日、５,０００億円の投資を発表した。ｶﾞｲﾄﾞ～"


@pytest.mark.parametrize(
    "data,enc",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("cp932"), "cp932"),
        (SAMPLE.replace("ｶﾞｲﾄﾞ～", "").encode("shift_jis"), "cp932"),
        (SAMPLE.replace("～", "〜").encode("euc_jp"), "euc_jp"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        ("森鷗外の舞姫と𩸽".encode("shift_jis_2004"), "shift_jis_2004"),
        (b"plain ascii\r\n", "utf-8"),
    ],
)
def test_decode_encodings(data, enc):
    text, got = decode_bytes(data)
    assert got == enc
    assert text.lstrip("\ufeff") in (SAMPLE, SAMPLE.replace("ｶﾞｲﾄﾞ～", ""), SAMPLE.replace("～", "〜"),
                                     "森鷗外の舞姫と𩸽", "plain ascii\r\n")


def test_a_few_invalid_bytes_are_repaired_and_recorded():
    data = ("日本語の文章です。" * 400).encode("utf-8")
    data = data[:99] + b"\xff" + data[99:]  # at a character boundary
    text, enc = decode_bytes(data)
    assert enc == "utf-8+replaced:1"
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize(
    "data,code",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"abc\x00def\x00" * 50, "binary"),
        (bytes(range(128, 256)) * 20, "undecodable"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 40, "binary"),
    ],
)
def test_decode_rejections(data, code):
    with pytest.raises(Rejection) as e:
        decode_bytes(data)
    assert e.value.code == code
    assert e.value.reason.startswith(code + ": ")


# -- files, jsonl, parquet -------------------------------------------------------------------


def _file(tmp_path: Path, name: str, data: bytes) -> InputFile:
    p = tmp_path / name
    p.write_bytes(data)
    return InputFile(str(p), name, "text")


def test_text_file_reasons(tmp_path):
    assert read_text_file(_file(tmp_path, "e.txt", b"")).reason.startswith("empty:")
    assert read_text_file(_file(tmp_path, "w.txt", " \r\n\u3000".encode())).reason.startswith("empty:")
    assert read_text_file(_file(tmp_path, "b.txt", b"\x00" * 100)).reason.startswith("binary:")
    big = read_text_file(_file(tmp_path, "big.txt", "あ".encode() * 1000), max_bytes=1000)
    assert big.reason.startswith("too_large:") and big.raw_text is None
    ok = read_text_file(_file(tmp_path, "a.md", "# 見出し\n\n本文です。".encode("cp932")))
    assert ok.reason is None and ok.encoding == "cp932" and ok.title == "見出し"


def test_jsonl_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "一行目です。", "title": "題", "published_at": "2024-09-12"}, ensure_ascii=False),
        '{"text": "閉じていない',
        "",
        json.dumps({"id": "c"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": "x" * 500}),
        json.dumps({"text": 12}),
    ]
    p = tmp_path / "d.jsonl"
    p.write_bytes(("\r\n".join(lines) + "\n").encode("utf-8"))
    f = InputFile(str(p), "d.jsonl", "jsonl")
    docs = list(read_jsonl_range(f, 1, 100, max_bytes=200))
    assert [d.source for d in docs] == ["d.jsonl#1", "d.jsonl#2", "d.jsonl#4", "d.jsonl#5", "d.jsonl#6",
                                        "d.jsonl#7", "d.jsonl#8"]
    codes = [d.reason.split(":")[0] if d.reason else None for d in docs]
    assert codes == [None, "malformed_json", "missing_text", "malformed_json", "empty", "too_large", "missing_text"]
    assert docs[0].raw_text == "一行目です。" and docs[0].title == "題" and str(docs[0].published_at) == "2024-09-12"
    # A range reads exactly its lines.
    assert [d.source for d in read_jsonl_range(f, 2, 4, 200)] == ["d.jsonl#2", "d.jsonl#4"]


def test_truncated_gzip_is_one_rejected_document(tmp_path):
    body = "".join(json.dumps({"text": f"文書{i}です。" * 50}, ensure_ascii=False) + "\n" for i in range(200))
    data = gzip.compress(body.encode())
    p = tmp_path / "t.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    docs = list(read_jsonl_range(InputFile(str(p), "t.jsonl.gz", "jsonl"), 1, 10**9, 1 << 20))
    assert docs[-1].reason.startswith("truncated_input:")  # its own code since issue 15 (was unreadable)
    assert all(d.reason is None for d in docs[:-1]) and len(docs) > 1


def test_corrupt_gzip_is_one_rejected_document_for_plan_and_reader(tmp_path):
    """Damaged deflate data (not a short file): the inflater's own error (ISA-L's IsalError, or
    zlib.error without it) is a container error, for the planner as for the reader, which
    reject the same one document after the lines that did inflate."""
    from flows.shards import plan_shards

    rng = random.Random(7)  # incompressible text: the good member spans many input buffers
    good = gzip.compress("".join(
        json.dumps({"text": "".join(chr(rng.randrange(0x4E00, 0x9FA0)) for _ in range(100))}, ensure_ascii=False)
        + "\n" for _ in range(3000)).encode())
    bad = bytearray(gzip.compress(b'{"text": "x"}\n'))
    bad[10] = 0b111  # the second member's first deflate block: BFINAL 1, BTYPE 11 (reserved)
    p = tmp_path / "c.jsonl.gz"
    p.write_bytes(good + bytes(bad))
    f = InputFile(str(p), "c.jsonl.gz", "jsonl")
    docs = list(read_jsonl_range(f, 1, 10**9, 1 << 20))
    assert len(docs) > 1000 and all(d.reason is None for d in docs[:-1])
    assert docs[-1].reason.startswith("unreadable:") and "BadGzipFile" not in docs[-1].reason
    assert plan_shards([f], 50, 1 << 20).n_docs == len(docs)


def test_parquet(tmp_path):
    p = tmp_path / "x.parquet"
    pq.write_table(pa.table({"text": ["一つ目。", None, "三つ目。"], "title": ["a", "b", None]}), p)
    docs = list(read_parquet_range(InputFile(str(p), "x.parquet", "parquet"), 0, 3, 1000))
    assert [d.source for d in docs] == ["x.parquet#1", "x.parquet#2", "x.parquet#3"]
    assert docs[1].reason.startswith("missing_text:") and docs[0].title == "a"
    q = tmp_path / "y.parquet"
    pq.write_table(pa.table({"body": ["x"]}), q)
    (d,) = read_parquet_range(InputFile(str(q), "y.parquet", "parquet"), 0, 1, 1000)
    assert d.reason.startswith("missing_text:")
    c = tmp_path / "c.parquet"
    c.write_bytes(b"PAR1 this is not parquet PAR1")
    (d,) = read_parquet_range(InputFile(str(c), "c.parquet", "parquet"), 0, 1, 1000)
    assert d.reason.startswith("unreadable:")


def test_discover(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / "a" / "y.csv").write_text("y")
    (tmp_path / "a" / ".hidden.txt").write_text("h")
    (tmp_path / "b.jsonl").write_text("{}")
    files, skipped = discover([tmp_path])
    assert [f.source for f in files] == ["a/x.txt", "b.jsonl"]
    # Skipped entries are named with their reason (each becomes a rejected row since issue 15).
    assert [(s.source, s.kind, s.skip.split(":")[0]) for s in skipped] == [
        ("a/.hidden.txt", "skipped", "hidden"), ("a/y.csv", "skipped", "unsupported_format")]
    files, _ = discover([tmp_path / "a" / "y.csv"])  # named explicitly: read as text
    assert [(f.source, f.kind) for f in files] == [("y.csv", "text")]
    files, _ = discover([tmp_path / "a", tmp_path / "b.jsonl"])
    assert [f.source for f in files] == ["a/x.txt", "b.jsonl"]
    with pytest.raises(InputError):
        discover([tmp_path / "missing"])
