"""Issue 15, items 1 and 9: tadasu writes and deletes only in an output folder it owns.

Every folder and user file here is made by the test (tmp_path). Refusals are checked through
`tadasu run` (`main`) and through the flow called as a deployment would call it; the lock with a
real second process holding it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows import output
from flows import process as proc
from flows.cli import EXIT_OK, EXIT_USAGE, main
from flows.ingest import discover
from flows.shards import plan_shards
from normalizers import NormalizeConfig

ROOT = Path(__file__).resolve().parents[2]

# Names a user's own folder may well hold, each matching what tadasu used to delete as its own:
# run.json, candidates/*.parquet, documents/part-*.parquet (Spark's names), .*.tmp-*.
USER_FILES = {
    "run.json": b'{"job": "spark nightly"}',
    "candidates/ranked.parquet": b"PAR1 user candidates",
    "documents/part-00000-5f1c.snappy.parquet": b"PAR1 spark output",
    ".upload.tmp-42": b"half an upload",
    "notes.txt": "メモ".encode(),
}

# Another process holding OUT as a run does, until killed.
HOLDER = """
import sys, time
from flows import output
with output.claim(sys.argv[1], []):
    print("held", flush=True)
    time.sleep(600)
"""


def _make(folder: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _input(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("ｏｐｅｎａｉは 7 月 22 日に発表した。", encoding="utf-8")
    (src / "b.txt").write_text("ソフトバンクグループは 5,000 億 円を投じる。", encoding="utf-8")
    return src


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tadasu: error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_a_folder_tadasu_did_not_make_is_refused_and_nothing_in_it_is_deleted(tmp_path, capsys):
    user = tmp_path / "mine"
    _make(user, USER_FILES)
    code = main(["run", str(_input(tmp_path)), "--out", str(user), "--no-progress"])
    line = _one_error_line(capsys.readouterr().err)
    assert code == EXIT_USAGE
    assert str(user) in line and "not made by tadasu" in line and "--force" in line
    assert _files(user) == USER_FILES  # nothing deleted, nothing written (no marker, no lock)


def _tadasu_run(server, *args: str) -> subprocess.CompletedProcess:
    """The real `tadasu run` command (a run in this process would leave Prefect's console
    handler writing to a captured stream)."""
    return subprocess.run([*server.tadasu(), "run", *args, "--no-progress"], env=server.client_env(), cwd=str(ROOT),
                          capture_output=True, text=True, timeout=240)


def test_force_uses_the_folder_and_keeps_every_file_tadasu_did_not_write(tmp_path, capsys, prefect_server):
    src = _input(tmp_path)
    # Names tadasu writes itself (run.json, documents/): even --force does not write over them.
    clash = tmp_path / "clash"
    _make(clash, USER_FILES)
    assert main(["run", str(src), "--out", str(clash), "--force", "--no-progress"]) == EXIT_USAGE
    line = _one_error_line(capsys.readouterr().err)
    assert "candidates, documents, run.json" in line and "even with --force" in line
    assert _files(clash) == USER_FILES

    # Names that only match tadasu's patterns: the run goes ahead and leaves them all.
    out = tmp_path / "shared"
    theirs = {"notes.txt": b"x", ".upload.tmp-42": b"y", ".run.json.tmp-7": b"z", "part-0001.parquet": b"PAR1"}
    _make(out, theirs)
    run = _tadasu_run(prefect_server, str(src), "--out", str(out), "--force")
    assert run.returncode == EXIT_OK, run.stderr[-3000:]
    assert "tadasu: 2 documents: 2 ok, 0 rejected" in run.stdout
    after = _files(out)
    assert {k: after[k] for k in theirs} == theirs
    marker = output.read_marker(out)
    assert marker is not None and marker["adopted_entries"] == sorted(theirs)
    assert json.loads(after["run.json"])["documents"]["total"] == 2  # a marked folder's run.json is ours

    # Marked now: a rerun needs no --force and still leaves them; one input gone, its parts go.
    (src / "b.txt").unlink()
    rerun = _tadasu_run(prefect_server, str(src), "--out", str(out), "--shard-size", "1")
    assert rerun.returncode == EXIT_OK, rerun.stderr[-3000:]
    assert "left in place, not written by tadasu" not in rerun.stderr  # what was there is known
    again = _files(out)
    assert {k: again[k] for k in theirs} == theirs
    assert len([k for k in again if k.startswith("documents/")]) == 1

    # A Parquet file a user drops among the datasets is not tadasu's: refused, not deleted.
    (out / "documents" / "part-userfile.parquet").write_bytes(b"PAR1 mine")
    assert main(["run", str(src), "--out", str(out), "--no-progress"]) == EXIT_USAGE
    line = _one_error_line(capsys.readouterr().err)
    assert "documents/part-userfile.parquet" in line and "did not write" in line
    assert (out / "documents" / "part-userfile.parquet").read_bytes() == b"PAR1 mine"


def test_an_empty_out_is_refused(tmp_path, capsys, monkeypatch):
    here = tmp_path / "cwd"
    _make(here, USER_FILES)
    monkeypatch.chdir(here)  # what `--out ""` meant: the current folder
    code = main(["run", str(_input(tmp_path)), "--out", "", "--no-progress"])
    assert code == EXIT_USAGE
    assert "output folder name is empty" in _one_error_line(capsys.readouterr().err)
    assert _files(here) == USER_FILES
    with pytest.raises(output.OutputRefused, match="empty"):
        with output.claim("  ", []):
            pass


def test_out_and_input_must_not_nest(tmp_path, capsys):
    src = _input(tmp_path)
    (tmp_path / "link").symlink_to(src, target_is_directory=True)
    for out, inp in [(src / "clean", src), (tmp_path / "link" / "clean", src), (src, src)]:
        assert main(["run", str(inp), "--out", str(out), "--no-progress"]) == EXIT_USAGE
        assert "would read its own output" in _one_error_line(capsys.readouterr().err)
        assert not (src / "clean").exists()
    # An input inside OUT: OUT's files would be read as input.
    out = tmp_path / "o"
    _make(out, {"in.txt": "テキスト".encode()})
    assert main(["run", str(out / "in.txt"), "--out", str(out), "--no-progress"]) == EXIT_USAGE
    assert "is inside the output folder" in _one_error_line(capsys.readouterr().err)


def _hold(out: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], cwd=str(ROOT), stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_run_on_the_same_out_stops_at_once_naming_the_first(tmp_path, capsys):
    src = _input(tmp_path)
    out = tmp_path / "out"
    holder = _hold(out)
    try:
        before = _files(out)
        code = main(["run", str(src), "--out", str(out), "--no-progress"])
        line = _one_error_line(capsys.readouterr().err)
        assert code == EXIT_USAGE
        assert "in use by another tadasu run" in line and f"pid {holder.pid} on " in line and "started" in line
        assert _files(out) == before  # the second run wrote and deleted nothing
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_of_a_sigkilled_run_is_free_again(tmp_path):
    out = tmp_path / "out"
    holder = _hold(out)
    with pytest.raises(output.OutputInUse, match=f"pid {holder.pid} "):
        with output.claim(out, []):
            pass
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert output.lock_holder(out) is None
    with output.claim(out, []) as path:
        assert path == out.resolve()


def test_a_deployment_run_on_any_folder_is_refused(tmp_path, prefect_server):
    from flows.flow import normalize_corpus

    user = tmp_path / "anydir"
    _make(user, USER_FILES)
    with prefect_server.settings():
        state = normalize_corpus(inputs=[str(_input(tmp_path))], out=str(user), return_state=True)
    assert state.is_failed()
    with pytest.raises(output.OutputRefused, match="not made by tadasu.*--force"):
        state.result()
    assert _files(user) == USER_FILES


def _ctx(out: Path) -> proc.RunContext:
    cfg = NormalizeConfig()
    # The shipped glossary's real version: a shard checks that its normalizer uses the run's.
    return proc.RunContext(str(out), None, cfg.to_dict(), "test", proc.load_glossary(None).version,
                           cfg.fingerprint(), 1 << 20)


def test_prepare_deletes_only_what_a_shard_record_names(tmp_path):
    src = _input(tmp_path)
    (src / "c.txt").write_text("三件目の記事。", encoding="utf-8")
    specs = plan_shards(discover([src])[0], 1, 1 << 20).shards
    assert len(specs) >= 3
    out = tmp_path / "out"
    with output.claim(out, [src]):
        kept, gone, killed = specs[0], specs[1], specs[2]
        proc.process_shard(kept, _ctx(out), "fp-kept")
        proc.process_shard(gone, _ctx(out), "fp-gone")
        # A run killed in the middle of a shard: its intent and some parts, no manifest.
        proc.process_shard(killed, _ctx(out), "fp-killed")
        proc.manifest_path(out, killed.shard_id).unlink()
        intent = proc.intent_path(out, killed.shard_id)
        intent.parent.mkdir(parents=True, exist_ok=True)
        intent.write_text(json.dumps({"shard_id": killed.shard_id,
                                      "parts": proc.shard_part_names(out, killed.shard_id)}))
        theirs = {"notes.txt": b"n", "_state/shards/README": b"r", "documents/README.md": b"m"}
        _make(out, theirs)
        (out / "documents" / f".part-{killed.shard_id}.parquet.tmp-99").write_bytes(b"half")
        warnings: list[str] = []
        todo, reused, removed = output.prepare(out, {kept.shard_id: "fp-kept"}, warn=warnings.append)
    assert todo == [] and list(reused) == [kept.shard_id]
    left = _files(out)
    for rel, data in theirs.items():
        assert left[rel] == data
    for shard in (gone, killed):
        assert not [k for k in left if shard.shard_id in k], shard.shard_id
    assert all(f"part-{kept.shard_id}" in k for k in left if k.endswith(".parquet"))
    assert removed == 2 * (5 + 1) + 1  # two shards' 5 parts and record each, the temporary
    assert warnings and "notes.txt" in warnings[0]
