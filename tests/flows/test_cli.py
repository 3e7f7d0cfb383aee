"""`tadasu` as a user and a scheduler see it: help, exit codes, one-line messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import EXIT_USAGE, build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for word in ("run", "glossary", "serve", "exit codes"):
        assert word in out


def test_run_help_lists_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = capsys.readouterr().out
    for opt in ("--out", "--glossary", "--workers", "--dask-address", "--shard-size", "--fail-fast", "INPUT"):
        assert opt in out


def test_parser_defaults():
    args = build_parser().parse_args(["run"])
    assert args.inputs == [] and args.out == "data/clean" and args.workers == 1 and not args.fail_fast


@pytest.mark.parametrize("argv", [["run", "--workers", "0"], ["run", "--shard-size", "x"], ["nope"]])
def test_bad_usage_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2


def test_missing_input_is_one_line_exit_2(tmp_path, capsys):
    code = main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err.strip() == f"tadasu: error: input not found: {tmp_path / 'nope'}"


def test_unwritable_output_exit_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    (tmp_path / "in.txt").write_text("テキスト", encoding="utf-8")
    code = main(["run", str(tmp_path / "in.txt"), "--out", str(blocker / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "tadasu: error: output folder" in err and "not writable" in err and "Traceback" not in err


def test_missing_glossary_dir_exit_2(tmp_path, capsys):
    (tmp_path / "in.txt").write_text("テキスト", encoding="utf-8")
    code = main(["run", str(tmp_path / "in.txt"), "--out", str(tmp_path / "o"), "--glossary", str(tmp_path / "g")])
    assert code == EXIT_USAGE
    assert "glossary not found" in capsys.readouterr().err


def test_invalid_glossary_shows_lint_messages_not_a_traceback(tmp_path):
    gdir = tmp_path / "g"
    gdir.mkdir()
    (gdir / "entities.yaml").write_text("entities:\n  - id: Bad Id\n    label: NOPE\n", encoding="utf-8")
    (tmp_path / "in.txt").write_text("テキスト", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", str(tmp_path / "in.txt"), "--out", str(tmp_path / "o"),
         "--glossary", str(gdir)],
        cwd=str(ROOT), capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == EXIT_USAGE, p.stderr
    assert "Traceback" not in p.stderr
    assert "tadasu: error: invalid glossary" in p.stderr.splitlines()[-1]
    assert "entities.yaml" in p.stderr  # the linter names the file (and line)


def test_the_command_exits_with_mains_code_after_a_run(tmp_path):
    """`entry` (the installed command) skips the interpreter's teardown after a run: the exit
    code must still be main's, and what was printed must all be there."""
    code = "import sys; from flows.cli import entry; sys.argv = ['tadasu', *sys.argv[1:]]; entry()"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # a pipe: block-buffered
    p = subprocess.run([sys.executable, "-c", code, "run", str(tmp_path / "missing"), "--out", str(tmp_path / "o")],
                       cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == EXIT_USAGE, p.stderr
    assert p.stderr.splitlines()[-1] == f"tadasu: error: input not found: {tmp_path / 'missing'}", p.stderr
    (tmp_path / "in.txt").write_text("ｏｐｅｎａｉは 7 月 22 日に発表した。", encoding="utf-8")
    p = subprocess.run([sys.executable, "-c", code, "run", str(tmp_path / "in.txt"), "--out", str(tmp_path / "o")],
                       cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=240)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "tadasu: 1 documents: 1 ok, 0 rejected" in p.stdout, p.stdout
    assert p.stdout.rstrip().splitlines()[-1].startswith("  output:"), p.stdout


@pytest.mark.slow
def test_a_terminal_gets_the_progress_bar_not_log_lines(tmp_path):
    """On a terminal `tadasu run` shows a progress bar and the summary; Prefect's INFO lines
    (read when Prefect is imported, so set before) would scroll through the bar."""
    import pty
    import re
    import select

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_LEVEL"}
    exe = Path(sys.executable).parent / "tadasu"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "flows.cli"]
    p = subprocess.Popen([*cmd, "run", str(ROOT / "data" / "sample"), "--out", str(tmp_path / "out")],
                         cwd=str(ROOT), env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    seen = b""
    try:
        while p.poll() is None or select.select([master], [], [], 0)[0]:
            if select.select([master], [], [], 0.2)[0]:
                seen += os.read(master, 65536)
    finally:
        os.close(slave)
        os.close(master)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode(errors="replace"))  # colours, cursor moves
    assert p.wait(240) == 0, text[-2000:]
    assert "normalizing" in text and "8 documents: 6 ok, 2 rejected" in text, text[-2000:]
    assert "| INFO" not in text, text[-2000:]
