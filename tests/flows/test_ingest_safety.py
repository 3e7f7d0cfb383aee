"""Issue 15 (data safety, input) and issue 20 item 5 (documents/ columns): every input file and
folder ends as rows or a named skip, readers keep every record before a fault, one bad record is
rejected alone, and decoding never gives "ok" mojibake. Every input is made by the test."""

from __future__ import annotations

import gzip
import json
import os
import random
import threading
import zlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows import process as proc
from flows.flow import _plan
from flows.ingest import InputFile, decode_bytes, discover, read_jsonl_range, read_parquet_range
from flows.shards import plan_shards, read_shard
from normalizers import NormalizeConfig

MAX = 1 << 20


def _ctx(out: Path) -> proc.RunContext:
    cfg = NormalizeConfig()
    # The shipped glossary's real version: a shard checks that its normalizer uses the run's.
    return proc.RunContext(str(out), None, cfg.to_dict(), "test", proc.load_glossary(None).version,
                           cfg.fingerprint(), MAX)


def _plan_of(inputs: list, shard_size: int = 250):
    """The plan the flow makes (discovery's files and skips)."""
    return _plan(*discover([str(i) for i in inputs]), shard_size, MAX)


def _rows(inputs: list, out: Path, shard_size: int = 250) -> tuple[list[dict], list[dict]]:
    """documents/ rows and manifests of every shard of the plan, processed in order."""
    plan = _plan_of(inputs, shard_size)
    manifests = [proc.process_shard(spec, _ctx(out), "fp") for spec in plan.shards]
    docs = pq.read_table(out / "documents").to_pylist() if plan.shards else []
    assert len(docs) == plan.n_docs == sum(m["n_docs"] for m in manifests)  # documents in = ok + rejected
    return sorted(docs, key=lambda d: d["source"]), manifests


def _jsonl_body(n: int) -> bytes:
    return "".join(json.dumps({"id": f"d{i}", "text": f"文書{i}です。" * 20}, ensure_ascii=False) + "\n"
                   for i in range(n)).encode()


def _read_all(path: Path, shard_size: int = 7) -> tuple[int, list]:
    """(planned documents, documents the shards read, shard after shard)."""
    f = InputFile(str(path), path.name, "jsonl")
    plan = plan_shards([f], shard_size, MAX)
    docs = [d for spec in plan.shards for d in read_shard(spec, MAX)]
    for spec in plan.shards:  # resume: any shard alone (a fresh reader) gives what was planned
        assert len(list(read_shard(spec, MAX))) == spec.n_docs
    return plan.n_docs, docs


# -- 2. gzip with trailing bytes, truncated --------------------------------------------------


def test_gzip_with_trailing_garbage_keeps_every_line(tmp_path):
    p = tmp_path / "t.jsonl.gz"
    p.write_bytes(gzip.compress(_jsonl_body(100)) + b"this is not gzip\n" * 3)
    planned, docs = _read_all(p)
    assert planned == len(docs) == 101
    assert all(d.reason is None for d in docs[:100]) and docs[99].external_id == "d99"
    assert docs[-1].source == "t.jsonl.gz#101" and docs[-1].reason.startswith("unreadable: ")
    assert "not gzip" in docs[-1].reason
    # Zero padding (what tape and block tools append) is no fault: gzip ignores it too.
    p.write_bytes(gzip.compress(_jsonl_body(20)) + b"\0" * 512)
    planned, docs = _read_all(p)
    assert planned == len(docs) == 20 and all(d.reason is None for d in docs)


def test_truncated_gzip_keeps_every_complete_line(tmp_path):
    body = _jsonl_body(100)
    data = gzip.compress(body)
    p = tmp_path / "t.jsonl.gz"
    p.write_bytes(data[: len(data) - 40])  # the trailer and the end of the last line are gone
    planned, docs = _read_all(p)
    ok = [d for d in docs if d.reason is None]
    survived = zlib.decompressobj(31).decompress(data[: len(data) - 40])  # what `zcat` recovers
    assert len(ok) == survived.count(b"\n") and len(ok) >= 90
    assert planned == len(docs) == len(ok) + 1
    assert docs[-1].reason.startswith("truncated_input: ") and docs[-1].raw_text  # the partial line kept


def test_gzip_checksum_error_keeps_the_lines_of_the_failing_read(tmp_path):
    """A damaged trailer (CRC) fails the inflater's last call, whose output (up to a read's
    worth of lines) the fast reader drops: the exact reader inflates them again."""
    rng = random.Random(3)  # incompressible text: the member spans several reads
    body = "".join(json.dumps({"text": "".join(chr(rng.randrange(0x4E00, 0x9FA0)) for _ in range(100))},
                              ensure_ascii=False) + "\n" for _ in range(3000)).encode()
    data = bytearray(gzip.compress(body))
    data[-8] ^= 0xFF  # the CRC-32 of the member
    p = tmp_path / "crc.jsonl.gz"
    p.write_bytes(bytes(data))
    planned, docs = _read_all(p, shard_size=500)
    assert planned == len(docs) == 3001 and all(d.reason is None for d in docs[:3000])
    assert docs[-1].reason.startswith("unreadable: ")


# -- 3. folders, links ---------------------------------------------------------------------------


def test_unreadable_subfolder_is_a_named_row(tmp_path, monkeypatch):
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "x.txt").write_text("読めない。", encoding="utf-8")
    (root / "a.txt").write_text("読める。", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # chmod 000 does not stop root, which the tests may run as
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, _ = _rows([root], tmp_path / "out")
    by_source = {d["source"]: d for d in docs}
    assert by_source["a.txt"]["status"] == "ok"
    locked = by_source["locked"]
    assert (locked["status"], locked["reason"]) == ("rejected", "unreadable")
    assert "Permission denied" in locked["reason_detail"] and locked["raw_text"] is None


def test_links_are_followed_only_inside_the_input_root(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("外の秘密。", encoding="utf-8")
    root = tmp_path / "in"
    (root / "real").mkdir(parents=True)
    (root / "real" / "a.txt").write_text("中の文書。", encoding="utf-8")
    (root / "leak.txt").symlink_to(outside / "secret.txt")
    (root / "leakdir").symlink_to(outside, target_is_directory=True)
    (root / "alias").symlink_to(root / "real", target_is_directory=True)  # inside: followed
    (root / "real" / "loop").symlink_to(root, target_is_directory=True)  # would never end
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    docs, _ = _rows([root], tmp_path / "out")
    by_source = {d["source"]: (d["status"], d["reason"]) for d in docs}
    assert by_source == {
        "alias/a.txt": ("ok", None),
        "alias/loop": ("rejected", "symlink_loop"),
        "dangling.txt": ("rejected", "unreadable"),
        "leak.txt": ("rejected", "outside_input_root"),
        "leakdir": ("rejected", "outside_input_root"),
        "real/a.txt": ("ok", None),
        "real/loop": ("rejected", "symlink_loop"),
    }
    assert not any("秘密" in (d["raw_text"] or "") for d in docs)


# -- 5. jsonl id, CR-only lines, bad published_at ----------------------------------------------


def test_jsonl_id_cr_only_lines_and_published_at(tmp_path):
    lines = [
        {"id": "a-1", "text": "一つ目。", "published_at": "2024-09-12"},
        {"id": 42, "text": "二つ目。", "published_at": "yesterday"},
        {"id": ["not", "an", "id"], "text": "三つ目。"},
    ]
    p = tmp_path / "mac.jsonl"
    p.write_bytes("\r".join(json.dumps(x, ensure_ascii=False) for x in lines).encode() + b"\r")  # old Mac
    docs, (m,) = _rows([p], tmp_path / "out")
    assert [d["source"] for d in docs] == ["mac.jsonl#1", "mac.jsonl#2", "mac.jsonl#3"]
    assert [d["status"] for d in docs] == ["ok", "ok", "ok"]
    assert [d["external_id"] for d in docs] == ["a-1", "42", None]
    assert [str(d["published_at"]) for d in docs] == ["2024-09-12", "None", "None"]
    assert [d["published_at_source"] for d in docs] == ["input", None, None]
    assert [d["reason"] for d in docs] == [None, None, None]
    assert docs[1]["reason_detail"] == "published_at ignored: not a date: 'yesterday'"
    assert docs[0]["reason_detail"] is None and m["published_at_ignored"] == 1


def test_reason_is_a_code_and_every_file_is_a_row(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("本文。", encoding="utf-8")
    (root / "b.txt").write_bytes(b"")
    (root / "c.csv").write_text("x,y", encoding="utf-8")
    (root / "d.jsonl").write_bytes(b'{"text": "ok"}\n{"text": \n')
    (root / "e.jsonl").write_bytes(b"\n\n")  # no document at all
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), root / "f.parquet")
    docs, _ = _rows([root], tmp_path / "out")
    got = [(d["source"], d["status"], d["reason"]) for d in docs]
    assert got == [
        ("a.txt", "ok", None), ("b.txt", "rejected", "empty"), ("c.csv", "rejected", "unsupported_format"),
        ("d.jsonl#1", "ok", None), ("d.jsonl#2", "rejected", "malformed_json"),
        ("e.jsonl", "rejected", "empty"), ("f.parquet", "rejected", "empty"),
    ]
    assert all(d["reason_detail"] for d in docs if d["status"] == "rejected")


# -- 6. decoding -------------------------------------------------------------------------------


def test_shift_jis_half_width_katakana_is_not_euc_jp(tmp_path):
    # Even runs of half-width katakana are valid EUC-JP kanji too: ｶﾌﾞｼｷｶﾞｲｼｬ -> 玉渕袈涓蒔.
    text = "ｶﾌﾞｼｷｶﾞｲｼｬ ﾄｳｷｮｳﾄ\r\n0001,ﾐﾅﾄｸ,ｼﾌﾞﾔ\r\n"
    data = text.encode("cp932")
    data.decode("euc_jp")  # (the trap: this does not fail)
    assert decode_bytes(data) == (text, "cp932")
    # EUC-JP text (it has kana) stays EUC-JP, although its bytes are valid cp932 as well.
    text = "株式会社のテストです。ｶﾞｲﾄﾞ付き"
    text.encode("euc_jp").decode("cp932")
    assert decode_bytes(text.encode("euc_jp")) == (text, "euc_jp")
    # Kanji-only EUC-JP is valid cp932 (ﾋﾌｳ､ﾆｻ) and nothing tells them apart: EUC-JP, flagged.
    for text in ("北海道", "経済産業省"):
        text.encode("euc_jp").decode("cp932")
        assert decode_bytes(text.encode("euc_jp")) == (text, "euc_jp?")
    (tmp_path / "kanji.txt").write_bytes("北海道".encode("euc_jp"))
    docs, _ = _rows([tmp_path / "kanji.txt"], tmp_path / "out")
    assert (docs[0]["status"], docs[0]["encoding"]) == ("ok", "euc_jp?") and "doubtful" in docs[0]["reason_detail"]


def test_utf8_line_with_one_stray_byte_is_utf8_replaced_not_cp932(tmp_path):
    line = json.dumps({"id": "x1", "text": "東京都の新しい会社が来年の計画を発表した。"}, ensure_ascii=False).encode()
    cut = line.rindex(b'"}')
    data = line[:cut] + b"\x81" + line[cut:]  # one stray byte: the whole line is valid cp932
    data.decode("cp932")  # (the trap)
    text, enc = decode_bytes(data)
    assert enc == "utf-8+replaced:1" and text == line[:cut].decode() + "\ufffd" + line[cut:].decode()
    p = tmp_path / "s.jsonl"
    p.write_bytes(data + b"\n")
    (doc,) = read_jsonl_range(InputFile(str(p), "s.jsonl", "jsonl"), 1, 1, MAX)
    assert doc.reason is None and doc.encoding == "utf-8+replaced:1" and doc.raw_text.startswith("東京都")


# -- 8. one bad record is rejected alone ----------------------------------------------------------


def _between_good_lines(tmp_path: Path, bad: str) -> tuple[list[dict], dict]:
    lines = [json.dumps({"text": "前の文書。"}, ensure_ascii=False), bad, json.dumps({"text": "後の文書。"}, ensure_ascii=False)]
    p = tmp_path / "bad.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, (m,) = _rows([p], tmp_path / "out")
    assert [(d["source"], d["status"]) for d in docs if d["source"] != "bad.jsonl#2"] == [
        ("bad.jsonl#1", "ok"), ("bad.jsonl#3", "ok")]
    return docs, m


def test_lone_surrogate_is_replaced_flagged_and_the_shard_is_written(tmp_path):
    docs, m = _between_good_lines(tmp_path, '{"text": "絵文字が切れた\\ud83d。", "title": "\\udc00題"}')
    surrogate = docs[1]
    assert surrogate["status"] == "ok" and surrogate["raw_text"] == "絵文字が切れた\ufffd。"
    assert surrogate["title"] == "\ufffd題" and surrogate["text"] == "絵文字が切れた\ufffd。"
    assert surrogate["encoding"] == "utf-8+replaced:2" and "surrogate" in surrogate["reason_detail"]


@pytest.mark.parametrize("bad", [
    "[" * 100_000 + "]" * 100_000,  # deeper than the parser recurses
    '{"text": "大きな数。", "n": ' + "9" * 5000 + "}",  # more digits than int() converts
], ids=["100000-deep", "5000-digit-int"])
def test_unparsable_json_line_is_rejected_alone(tmp_path, bad):
    docs, m = _between_good_lines(tmp_path, bad)
    assert (docs[1]["status"], docs[1]["reason"]) == ("rejected", "malformed_json") and docs[1]["reason_detail"]
    assert m["rejected_by_reason"] == {"malformed_json": 1}


def test_file_name_that_is_not_utf8_is_planned_and_written(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    name = os.fsdecode(b"\xff\xfe-legacy.txt")  # a name written by another system
    Path(os.fsdecode(os.fsencode(root)) + "/" + name).write_text("名前が壊れている。", encoding="utf-8")
    docs, _ = _rows([root], tmp_path / "out")
    (doc,) = docs
    assert doc["source"] == "\\xff\\xfe-legacy.txt" and doc["status"] == "ok"


def _corrupt_second_row_group(path: Path) -> int:
    """Overwrite the page header of the second row group's text column; returns its row count."""
    md = pq.ParquetFile(path).metadata
    offset = md.row_group(1).column(0).data_page_offset
    data = bytearray(path.read_bytes())
    data[offset : offset + 24] = b"\xff" * 24
    path.write_bytes(bytes(data))
    return md.row_group(1).num_rows


def test_corrupt_parquet_page_rejects_its_row_group_alone(tmp_path):
    p = tmp_path / "c.parquet"
    n = 300
    pq.write_table(pa.table({"text": [f"行{i}の本文。" for i in range(n)], "id": list(range(n))}), p,
                   row_group_size=100, compression="none")
    bad_rows = _corrupt_second_row_group(p)
    docs, manifests = _rows([p], tmp_path / "out", shard_size=40)
    assert len(docs) == n
    order = sorted(docs, key=lambda d: int(d["source"].split("#")[1]))
    assert [d["status"] for d in order] == ["ok"] * 100 + ["rejected"] * bad_rows + ["ok"] * 100
    assert {d["reason"] for d in order[100:200]} == {"unreadable"}
    assert "row group 1" in order[150]["reason_detail"]
    assert order[250]["external_id"] == "250"


def test_parquet_shards_decode_each_row_once(tmp_path, monkeypatch):
    """The shard at row N continues where the previous one stopped (no decoding from row 0:
    quadratic); a shard read alone decodes from its own row group."""
    p = tmp_path / "big.parquet"
    n = 5000
    pq.write_table(pa.table({"text": [f"本文{i}。" for i in range(n)]}), p, row_group_size=1000)
    decoded = []
    real = pq.ParquetFile.iter_batches

    def counting(self, *args, **kwargs):
        for batch in real(self, *args, **kwargs):
            decoded.append(batch.num_rows)
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", counting)
    f = InputFile(str(p), "big.parquet", "parquet")
    plan = plan_shards([f], 250, MAX)
    rows = [d for spec in plan.shards for d in read_shard(spec, MAX)]
    assert [d.source for d in rows] == [f"big.parquet#{i + 1}" for i in range(n)]
    assert sum(decoded) == n
    decoded.clear()
    assert len(list(read_parquet_range(f, 3250, 3500, MAX))) == 250  # alone, from another process
    assert sum(decoded) <= 1000


# -- 10. FIFOs, devices ---------------------------------------------------------------------------


def test_named_pipe_is_skipped_without_being_opened(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("本文。", encoding="utf-8")
    fifo = root / "pipe.txt"
    os.mkfifo(fifo)
    result: dict = {}

    def plan() -> None:
        result["plan"] = _plan_of([root])

    t = threading.Thread(target=plan, daemon=True)
    t.start()
    t.join(120)  # a hang guard only: planning two entries takes milliseconds
    if t.is_alive():  # opened: give it an end of file so the thread ends, then fail
        os.close(os.open(fifo, os.O_WRONLY))
        t.join()
        pytest.fail("planning opened the FIFO and blocked")
    docs, _ = _rows([root], tmp_path / "out")
    by_source = {d["source"]: (d["status"], d["reason"]) for d in docs}
    assert by_source == {"a.txt": ("ok", None), "pipe.txt": ("rejected", "special_file")}
    assert result["plan"].skipped_by_reason == {"special_file": 1}
