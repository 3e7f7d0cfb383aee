"""documents/ records the date a dateline gives a document without `published_at` (issue 19)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq

from flows import process as proc
from flows.flow import _plan
from flows.ingest import discover
from normalizers import NormalizeConfig

MAX = 1 << 20


def _documents(inputs: list, out: Path) -> list[dict]:
    cfg = NormalizeConfig()
    ctx = proc.RunContext(str(out), None, cfg.to_dict(), "test", proc.load_glossary(None).version,
                          cfg.fingerprint(), MAX)
    plan = _plan(*discover([str(i) for i in inputs]), 250, MAX)
    for spec in plan.shards:
        proc.process_shard(spec, ctx, "fp")
    docs = pq.read_table(out / "documents").to_pylist()
    assert len(docs) == plan.n_docs
    return sorted(docs, key=lambda d: d["source"])


def test_dateline_fills_published_at_when_the_input_gives_none(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("ニュース\n\n見出し\n\n2024-09-12\n\n昨年の話。", encoding="utf-8")
    (root / "b.txt").write_text("見出し\n昨年の話。2024-09-12に発表。", encoding="utf-8")  # not a dateline
    lines = [{"id": "x", "text": "2024年9月12日\n昨年の話。", "published_at": "2012-03-01"},
             {"id": "y", "text": "2024年9月12日\n昨年の話。"}]
    (root / "c.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    docs = _documents([root], tmp_path / "out")
    got = [(d["source"], d["published_at"], d["published_at_source"]) for d in docs]
    assert got == [
        ("a.txt", dt.date(2024, 9, 12), "dateline"),
        ("b.txt", None, None),
        ("c.jsonl#1", dt.date(2012, 3, 1), "input"),
        ("c.jsonl#2", dt.date(2024, 9, 12), "dateline"),
    ]
    mentions = pq.read_table(tmp_path / "out" / "mentions").to_pylist()
    assert sorted(str(m["value_text"]) for m in mentions if m["surface"] == "昨年") == ["2011", "2023", "2023", "None"]
