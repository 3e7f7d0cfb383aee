"""The real flow end to end, on a real Prefect server (conftest's `prefect_server`).

Contract invariants on the written Parquet, read with polars, pandas/pyarrow and DuckDB; output
identical with 1, 2 and 4 workers; resume and glossary change; SIGKILL mid-run then rerun gives
the same output as a clean run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from flows import datasets as ds
from glossary.loader import SHIPPED_DIR as SHIPPED_GLOSSARY
from glossary.loader import directory_version

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
ENC = SHARED / "corpus" / "original_encoding"
LIVEDOOR = SHARED / "corpus" / "livedoor.jsonl.gz"
SAMPLE = ROOT / "data" / "sample"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run_flow(prefect_server):
    from flows.flow import normalize_corpus

    def _run(inputs, out, **kw):
        # (conftest's session fixture points the environment at the server too: the process
        # pool's message thread reads the API URL from there)
        with prefect_server.settings():
            state = normalize_corpus(inputs=[str(i) for i in inputs], out=str(out), return_state=True, **kw)
        assert state.is_completed(), state
        return state.result()

    return _run


def part_digests(out: Path) -> dict[str, str]:
    """sha256 of every visible Parquet file under OUT, by relative path."""
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for name in ds.ALL_DATASETS
        for p in sorted((out / name).glob("*.parquet"))
    }


def assert_contract(out: Path, n_docs: int) -> dict:
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    d = run["documents"]
    assert d["total"] == n_docs == d["ok"] + d["rejected"] == run["input"]["documents"]
    assert sum(d["rejected_by_reason"].values()) == d["rejected"]
    assert run["checks"]["passed"]

    docs = pl.read_parquet(out / "documents" / "*.parquet")
    assert docs.height == n_docs and docs["doc_id"].n_unique() == n_docs
    assert docs.filter(pl.col("status") == "ok").height == d["ok"]
    rejected = docs.filter(pl.col("status") == "rejected")
    assert rejected["reason"].null_count() == 0
    assert docs.filter(pl.col("status") == "ok")["reason"].null_count() == d["ok"]
    texts = {r["doc_id"]: (r["raw_text"], r["text"]) for r in docs.iter_rows(named=True)}
    for r in docs.iter_rows(named=True):
        if r["raw_text"] is not None:
            assert r["content_hash"] == hashlib.sha256(r["raw_text"].encode()).hexdigest()
            assert r["doc_id"] == hashlib.sha256(r["source"].encode() + b"\0" + r["raw_text"].encode()).hexdigest()

    for name in ("sentences", "mentions", "edits"):
        t = pl.read_parquet(out / name / "*.parquet")
        assert t.is_duplicated().sum() == 0, name
        assert set(t["doc_id"].unique()) <= set(docs.filter(pl.col("status") == "ok")["doc_id"])
    sents = pl.read_parquet(out / "sentences" / "*.parquet")
    assert sents.select("doc_id", "sent_id").is_duplicated().sum() == 0
    for s in sents.iter_rows(named=True):
        raw, text = texts[s["doc_id"]]
        assert text[s["start"] : s["end"]] == s["text"]
        assert raw[s["raw_start"] : s["raw_end"]] == s["raw_text"]
        for e in s["entities"]:
            assert 0 <= e["start"] < e["end"] <= len(s["text"])
    for m in pl.read_parquet(out / "mentions" / "*.parquet").iter_rows(named=True):
        raw, text = texts[m["doc_id"]]
        assert text[m["start"] : m["end"]] == m["surface"], m
        assert raw[m["raw_start"] : m["raw_end"]] == m["raw_surface"], m
    for e in pl.read_parquet(out / "edits" / "*.parquet").iter_rows(named=True):
        raw, text = texts[e["doc_id"]]
        assert raw[e["raw_start"] : e["raw_end"]] == e["before"]
        assert text[e["start"] : e["end"]] == e["after"]

    # Every reader, unchanged, sees the same rows; schema and metadata on every part.
    for name in ds.ALL_DATASETS:
        glob = str(out / name / "*.parquet")
        n = pl.read_parquet(glob).height
        assert duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall()[0][0] == n
        assert sum(len(pd.read_parquet(p)) for p in (out / name).glob("*.parquet")) == n
        for p in (out / name).glob("*.parquet"):
            schema = pq.read_schema(p)
            assert schema.remove_metadata() == ds.SCHEMAS[name]
            assert schema.metadata[b"tadasu.pipeline_version"] == run["pipeline_version"].encode()
            assert schema.metadata[b"tadasu.glossary_version"] == (run["glossary_version"] or "none").encode()
            assert json.loads(schema.metadata[b"tadasu.config"]) == run["config"]
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]
    return run


@pytest.mark.parametrize(
    "name,inputs,n_docs,reasons",
    [
        ("seeds", [SEEDS], 5, {}),
        ("sample", [SAMPLE], 8, {"malformed_json": 1, "missing_text": 1}),
        ("original_encoding", [ENC, ENC / "japanpost_KEN_ALL_excerpt.sjis.csv"], 6, {}),
    ],
)
def test_real_inputs(run_flow, tmp_path, name, inputs, n_docs, reasons):
    if not all(Path(i).exists() for i in inputs):
        pytest.skip("input not present")
    out = tmp_path / name
    run = run_flow(inputs, out)
    assert_contract(out, n_docs)
    assert run["documents"]["rejected_by_reason"] == reasons
    docs = pl.read_parquet(out / "documents" / "*.parquet")
    if name == "original_encoding":
        enc = dict(zip(docs["source"], docs["encoding"]))
        assert enc["aozora_3798_ibm-ext-kanji.cp932.txt"] == "cp932"
        assert enc["aozora_1872_jisx0213.sjis2004.txt"] == "shift_jis_2004"
        raw = dict(zip(docs["source"], docs["raw_text"]))
        assert "厓" in raw["aozora_3798_ibm-ext-kanji.cp932.txt"]
        assert "\r\n" in raw["aozora_45630_ame-ni-mo-makezu.sjis.txt"]
        assert "\r" not in "".join(docs["text"])
    if name == "sample":
        assert set(docs["encoding"].drop_nulls()) >= {"utf-8", "cp932"}
        text = "".join(t for t in docs["text"] if t)
        assert "ウルトラマン" not in text or "Altman" in text


def _mixed_input(tmp_path: Path) -> list[Path]:
    return [p for p in (SEEDS, SAMPLE, ENC) if p.exists()]


def test_workers_1_2_4_identical(run_flow, tmp_path):
    inputs = _mixed_input(tmp_path)
    digests = {}
    for workers in (1, 2, 4):
        out = tmp_path / f"w{workers}"
        run = run_flow(inputs, out, workers=workers, shard_size=2)
        assert run["shards"]["processed"] == run["shards"]["total"] > 4
        digests[workers] = part_digests(out)
    assert digests[1] == digests[2] == digests[4]
    assert len(digests[1]) >= 4 * run["shards"]["total"]


def test_existing_dask_cluster_gives_the_same_output(run_flow, tmp_path):
    from distributed import LocalCluster

    inputs = _mixed_input(tmp_path)
    run_flow(inputs, tmp_path / "local", workers=1, shard_size=3)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run = run_flow(inputs, tmp_path / "dask", dask_address=cluster.scheduler_address, shard_size=3)
    assert run["task_runner"] == "DaskTaskRunner" and run["workers"].startswith("dask:tcp://")
    assert part_digests(tmp_path / "dask") == part_digests(tmp_path / "local")


def test_resume_and_glossary_change(run_flow, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(SAMPLE.iterdir()):
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    first = run_flow([src], out, shard_size=1)
    before = part_digests(out)
    again = run_flow([src], out, shard_size=1)
    assert again["shards"]["processed"] == 0 and again["shards"]["skipped"] == first["shards"]["total"]
    assert part_digests(out) == before and again["documents"] == first["documents"]

    # One input gone: its part files go too; the rest is reused.
    (src / "xai_grok.md").unlink()
    third = run_flow([src], out, shard_size=1)
    assert third["shards"]["processed"] == 0 and third["documents"]["total"] == first["documents"]["total"] - 1
    assert_contract(out, third["documents"]["total"])

    # A new glossary version: everything is redone, no part keeps the old version. (The files
    # are edited: a run reads its glossary once, from the files, and pins that copy.)
    gdir = tmp_path / "glossary"
    shutil.copytree(SHIPPED_GLOSSARY, gdir)
    with_copy = run_flow([src], out, shard_size=1, glossary=str(gdir))
    assert with_copy["shards"]["processed"] == 0  # the same files: the same version
    with open(gdir / "entities.yaml", "a", encoding="utf-8") as f:
        f.write("\n# a reviewer's note: a new version\n")
    fourth = run_flow([src], out, shard_size=1, glossary=str(gdir))
    assert fourth["shards"]["processed"] == fourth["shards"]["total"]
    run = assert_contract(out, fourth["documents"]["total"])
    assert run["glossary_version"] == directory_version(gdir) != with_copy["glossary_version"]
    assert set(pl.read_parquet(out / "documents" / "*.parquet")["glossary_version"]) == {run["glossary_version"]}


def _livedoor_slice(path: Path, n: int) -> None:
    import gzip

    with gzip.open(LIVEDOOR, "rb") as src, open(path, "wb") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)


def _livedoor_head(tmp_path: Path, n: int = 400) -> Path:
    """The first `n` livedoor articles as a .jsonl file (skips the test without the corpus)."""
    if not LIVEDOOR.exists():
        pytest.skip("livedoor corpus not present")
    data = tmp_path / "in" / "livedoor_head.jsonl"
    data.parent.mkdir()
    _livedoor_slice(data, n)
    return data


def test_sigkill_mid_run_then_rerun_equals_clean_run(prefect_server, run_flow, tmp_path):
    data = _livedoor_head(tmp_path)
    out = tmp_path / "killed"
    cmd = [*prefect_server.tadasu(), "run", str(data), "--out", str(out), "--shard-size", "20"]
    env = prefect_server.client_env()
    proc = subprocess.Popen(cmd, env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    state = out / "_state" / "shards"
    t0 = time.monotonic()
    try:
        while time.monotonic() - t0 < 150:
            if proc.poll() is not None:
                break
            if state.is_dir() and len(list(state.glob("*.json"))) >= 3:
                break
            time.sleep(0.05)
        killed = proc.poll() is None
        if killed:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert killed, f"run ended before it could be killed: {proc.stderr.read().decode()[-2000:]}"
    finished = len(list(state.glob("*.json")))
    assert 3 <= finished < 20
    assert not (out / "run.json").exists()

    rerun = subprocess.run(cmd, env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    resumed = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert resumed["shards"]["skipped"] >= finished - 1  # at most the one being renamed is redone
    assert resumed["shards"]["processed"] + resumed["shards"]["skipped"] == resumed["shards"]["total"] == 20

    clean = tmp_path / "clean"
    run_flow([data], clean, shard_size=20)
    assert part_digests(out) == part_digests(clean)
    assert_contract(out, 400)


def _session_processes(sid: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid and fields[0] != "Z":  # (state, ppid, pgrp, session, ...)
            pids.append(int(stat.parent.name))
    return pids


def test_ctrl_c_stops_the_run_its_workers_and_server_at_once_and_the_rerun_resumes(prefect_server, tmp_path):
    """Ctrl-C on a terminal sends SIGINT to the foreground process group. The run (its own
    temporary server, 2 workers) must stop within seconds with exit code 130 and its message,
    leave no process behind, and the rerun resume. (The temporary server used to be in that group:
    it died first, and the run then spent minutes retrying its last calls before a traceback.)"""
    data = _livedoor_head(tmp_path)
    out = tmp_path / "interrupted"
    cmd = [*prefect_server.tadasu(), "run", str(data), "--out", str(out), "--shard-size", "20", "--workers", "2"]
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # its own temporary server
    proc = subprocess.Popen(cmd, env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True,  # a process group of its own, as on a terminal
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    state = out / "_state" / "shards"
    t0 = time.monotonic()
    try:
        while time.monotonic() - t0 < 150 and proc.poll() is None:
            if state.is_dir() and len(list(state.glob("*.json"))) >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, f"run ended before Ctrl-C: {proc.stderr.read().decode()[-2000:]}"
        t_int = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(timeout=60)
        stopped_in = time.monotonic() - t_int
        deadline = time.monotonic() + 10
        while _session_processes(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _session_processes(proc.pid)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    err = proc.stderr.read().decode()
    assert code == 130, err[-3000:]
    assert err.rstrip().splitlines()[-1] == "tadasu: error: interrupted; rerun the same command to resume", err[-3000:]
    assert stopped_in < 20, err[-3000:]
    assert left == []  # no worker, no server
    finished = len(list(state.glob("*.json")))

    rerun = subprocess.run(cmd, env=prefect_server.client_env(), cwd=str(ROOT), capture_output=True, text=True,
                           timeout=240)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    resumed = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert resumed["shards"]["skipped"] >= finished - 2  # the shards being renamed may be redone
    assert resumed["shards"]["processed"] + resumed["shards"]["skipped"] == resumed["shards"]["total"] == 20
    assert_contract(out, 400)
