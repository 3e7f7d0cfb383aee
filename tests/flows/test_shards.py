"""Shard planning, resume keys, one shard's processing and the dataset schemas (no Prefect)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from flows import datasets as ds
from flows import output
from flows import process as proc
from flows.ingest import discover
from flows.shards import ShardSpec, fingerprint, plan_shards, read_shard
from normalizers import NormalizeConfig, Normalizer


def _jsonl(path: Path, n: int, blank_every: int = 0) -> None:
    with gzip.open(path, "wt", encoding="utf-8") if path.suffix == ".gz" else open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"text": f"文書{i}です。 ７ 月 22 日に 5,000 億 円。"}, ensure_ascii=False) + "\n")
            if blank_every and i % blank_every == 0:
                f.write("\n")


def test_jsonl_shards_cover_every_line_once(tmp_path):
    _jsonl(tmp_path / "a.jsonl.gz", 103, blank_every=10)
    files, _ = discover([tmp_path])
    plan = plan_shards(files, shard_size=20, max_bytes=1 << 20)
    assert plan.n_docs == 103 and plan.blank_lines == 11
    assert [s.n_docs for s in plan.shards] == [20, 20, 20, 20, 20, 3]
    sources = [d.source for s in plan.shards for d in read_shard(s, 1 << 20)]
    assert len(sources) == len(set(sources)) == 103
    # Same input, same plan; ids and content hashes are stable.
    again = plan_shards(discover([tmp_path])[0], 20, 1 << 20)
    assert [(s.shard_id, s.content_hash) for s in again.shards] == [(s.shard_id, s.content_hash) for s in plan.shards]
    # Appending lines changes the last shard only.
    with gzip.open(tmp_path / "a.jsonl.gz", "at", encoding="utf-8") as f:
        f.write(json.dumps({"text": "追加です。"}, ensure_ascii=False) + "\n")
    grown = plan_shards(discover([tmp_path])[0], 20, 1 << 20)
    assert [(s.shard_id, s.content_hash) for s in grown.shards[:-1]] == [(s.shard_id, s.content_hash) for s in plan.shards[:-1]]
    assert grown.shards[-1].content_hash != plan.shards[-1].content_hash


def test_file_groups_are_content_defined(tmp_path):
    for i in range(60):
        (tmp_path / f"doc{i:03d}.txt").write_text(f"記事{i}。", encoding="utf-8")
    plan = plan_shards(discover([tmp_path])[0], 8, 1 << 20)
    assert sum(s.n_docs for s in plan.shards) == 60
    assert all(s.n_docs <= 16 for s in plan.shards)
    (tmp_path / "doc000a.txt").write_text("新しい記事。", encoding="utf-8")
    plan2 = plan_shards(discover([tmp_path])[0], 8, 1 << 20)
    changed = {(s.shard_id, s.content_hash) for s in plan2.shards} ^ {(s.shard_id, s.content_hash) for s in plan.shards}
    assert len(changed) <= 2 * 2  # the new file's group only (old and new version), not every later group


def test_fingerprint_changes_with_every_part_of_the_key():
    spec = ShardSpec("s1", "jsonl", [], 1, 10, 10, 100, "abc")
    base = fingerprint(spec, "g1", "p1", "c1", 100)
    assert base == fingerprint(ShardSpec.from_dict(spec.to_dict()), "g1", "p1", "c1", 100)
    assert len({base, fingerprint(spec, "g2", "p1", "c1", 100), fingerprint(spec, "g1", "p2", "c1", 100),
                fingerprint(spec, "g1", "p1", "c2", 100), fingerprint(spec, "g1", "p1", "c1", 101)}) == 5
    other = ShardSpec("s1", "jsonl", [], 1, 10, 10, 100, "abd")
    assert fingerprint(other, "g1", "p1", "c1", 100) != base


class _Exploding(Normalizer):
    # In a stage, so that `normalize` and `normalize_many` (what process_shard calls) both fail.
    def apply_rules(self, alignment):
        if "爆発" in alignment.text:
            raise ValueError("boom in the normalizer")
        return super().apply_rules(alignment)


def _ctx(out: Path) -> proc.RunContext:
    cfg = NormalizeConfig()
    return proc.RunContext(str(out), None, cfg.to_dict(), "test", None, cfg.fingerprint(), 1 << 20)


def test_process_shard_rejects_a_document_that_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(proc, "get_normalizer", lambda g, c: _Exploding())
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("ｏｐｅｎａｉは 7 月 22 日に発表した。", encoding="utf-8")
    (src / "b.txt").write_text("ここで爆発する。", encoding="utf-8")
    (src / "c.txt").write_bytes(b"")
    plan = plan_shards(discover([src])[0], 100, 1 << 20)
    (spec,) = plan.shards
    out = tmp_path / "out"
    m = proc.process_shard(spec, _ctx(out), "fp")
    assert (m["n_docs"], m["ok"], m["rejected"]) == (3, 1, 2)
    assert m["rejected_by_reason"] == {"empty": 1, "normalization_error": 1}
    docs = pq.read_table(ds.part_path(out, "documents", spec.shard_id)).to_pylist()
    bad = next(d for d in docs if d["source"] == "b.txt")
    # `reason` is the code, `reason_detail` the message (contract section 4, issue 20 item 5).
    assert bad["status"] == "rejected" and bad["reason"] == "normalization_error"
    assert bad["reason_detail"] == "ValueError: boom in the normalizer"
    assert bad["raw_text"] == "ここで爆発する。" and bad["text"] is None
    good = next(d for d in docs if d["source"] == "a.txt")
    assert good["text"].startswith("openaiは7月22日") or good["text"].startswith("openai")
    assert output.load_manifest(out, spec.shard_id)["fingerprint"] == "fp"
    # fail_fast: the exception propagates instead.
    ctx = _ctx(tmp_path / "out2")
    ctx.fail_fast = True
    with pytest.raises(ValueError):
        proc.process_shard(spec, ctx, "fp")


def test_process_shard_keeps_documents_and_results_in_step_across_chunks(tmp_path, monkeypatch):
    # More documents than one normalize_many chunk, with rejected-at-read and failing documents
    # among them: every row must still get its own document's text.
    monkeypatch.setattr(proc, "get_normalizer", lambda g, c: _Exploding())
    src = tmp_path / "in.jsonl"
    lines = []
    for i in range(2 * proc.NORMALIZE_CHUNK + 9):
        if i % 17 == 5:
            lines.append(json.dumps({"text": ""}))  # empty: rejected when read
        elif i % 29 == 11:
            lines.append(json.dumps({"text": f"{i}番で爆発する。"}, ensure_ascii=False))
        else:
            lines.append(json.dumps({"text": f"文書{i}は ７ 月 {i % 28 + 1} 日 に 公開。"}, ensure_ascii=False))
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (spec,) = plan_shards(discover([src])[0], 1000, 1 << 20).shards
    out = tmp_path / "out"
    m = proc.process_shard(spec, _ctx(out), "fp")
    docs = pq.read_table(ds.part_path(out, "documents", spec.shard_id)).to_pylist()
    assert len(docs) == m["n_docs"] == len(lines)
    plain = Normalizer()
    for line, d in zip(lines, docs):
        raw = json.loads(line)["text"]
        assert d["raw_text"] == (raw or d["raw_text"])
        if not raw:
            assert d["status"] == "rejected" and d["reason"] == "empty"
        elif "爆発" in raw:
            assert d["status"] == "rejected" and d["reason"] == "normalization_error"
            assert d["reason_detail"] == "ValueError: boom in the normalizer"
        else:
            assert d["status"] == "ok" and d["text"] == plain.normalize(raw).text
    assert m["rejected_by_reason"] == {
        "empty": sum(1 for i in range(len(lines)) if i % 17 == 5),
        "normalization_error": sum(1 for i in range(len(lines)) if i % 17 != 5 and i % 29 == 11),
    }


def test_fewer_collections_restores_the_collector_when_the_last_shard_ends():
    import gc
    import threading

    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    inside = threading.Event()
    release = threading.Event()

    def other_shard():
        with proc.fewer_collections():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=other_shard)
    with proc.fewer_collections():
        assert gc.get_threshold()[0] >= proc._GEN0_THRESHOLD and gc.isenabled()
        t.start()
        assert inside.wait(5)
    # The other thread's shard still runs: the settings stay until it ends.
    assert gc.get_threshold()[0] >= proc._GEN0_THRESHOLD
    release.set()
    t.join(5)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen
    with pytest.raises(RuntimeError):
        with proc.fewer_collections():
            raise RuntimeError("a shard that fails")
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen


def test_part_files_schema_metadata_and_readers(tmp_path, monkeypatch):
    monkeypatch.setattr(proc, "get_normalizer", lambda g, c: Normalizer())
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("ｍｉｃｒｏｓｏｆｔ は 7 月 22 日、ｶﾞｲﾄﾞを公開した。\r\n次の文。", encoding="utf-8")
    (src / "z.txt").write_bytes(b"\x00\x01")
    (spec,) = plan_shards(discover([src])[0], 100, 1 << 20).shards
    out = tmp_path / "out"
    proc.process_shard(spec, _ctx(out), "fp")
    for name in ds.DATASETS:
        f = ds.part_path(out, name, spec.shard_id)
        pf = pq.ParquetFile(f)
        assert pf.schema_arrow.remove_metadata() == ds.SCHEMAS[name], name
        meta = pf.schema_arrow.metadata
        assert meta[b"tadasu.pipeline_version"] == b"test"
        assert meta[b"tadasu.glossary_version"] == b"none"
        assert json.loads(meta[b"tadasu.config"]) == NormalizeConfig().to_dict()
        assert pf.metadata.row_group(0).column(0).compression == "ZSTD"
        glob = str(out / name / "*.parquet")
        n = pq.read_table(f).num_rows
        assert pl.read_parquet(glob).height == n
        assert len(pd.read_parquet(f)) == n
        assert duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall()[0][0] == n
    docs = pl.read_parquet(out / "documents" / "*.parquet").sort("source")
    assert docs["status"].to_list() == ["ok", "rejected"]
    assert docs["reason"][1] == "binary" and docs["reason_detail"][1]  # the code, and the message
    sents = pl.read_parquet(out / "sentences" / "*.parquet")
    raw = docs["raw_text"][0]
    text = docs["text"][0]
    for s in sents.iter_rows(named=True):
        assert text[s["start"] : s["end"]] == s["text"]
        assert raw[s["raw_start"] : s["raw_end"]] == s["raw_text"]
    assert not list(out.rglob(".*tmp*"))
