"""The README's commands, run as written, so they cannot drift from the code (issue 20.6).

From README.md: the worked example's `tadasu run data/sample` (its printed summary must match the
README's, timings aside), the `tadasu glossary lint` commands, and every snippet of "Reading the
datasets" (Python blocks exec'd, the DuckDB block's statements run through the `duckdb` package),
and the schedule commands of "Schedules" (ls, then pause and resume by the id ls shows).
They run in a scratch project folder (tmp) whose `.venv`, `data/sample` and `path/to/glossary`
stand for this checkout's, so `data/clean` is written there, not in the checkout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.slow


def section(title: str) -> str:
    """The text of the `## title` section, up to the next `## ` heading."""
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end > 0 else None]


def fenced_blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, flags=re.M | re.S)


def indented_commands(text: str, prefix: str) -> list[str]:
    """Indented (code) lines that start with `prefix`, without their trailing `# comment`."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if line.startswith("    ") and stripped.startswith(prefix):
            out.append(re.sub(r"\s+#.*$", "", stripped))
    return out


def sql_statements(block: str) -> list[str]:
    no_comments = "\n".join(line for line in block.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in no_comments.split(";") if s.strip()]


def test_the_extraction_finds_what_the_readme_documents():
    reading = section("Reading the datasets")
    assert len(fenced_blocks(reading, "python")) == 3  # polars, pandas, Parquet metadata
    assert len(sql_statements(fenced_blocks(reading, "sql")[0])) == 2
    assert ".venv/bin/tadasu run data/sample" in indented_commands(section("Worked example: data/sample"),
                                                                    ".venv/bin/tadasu run")
    assert len(indented_commands(README, ".venv/bin/tadasu glossary lint")) == 2


@pytest.fixture(scope="module")
def project(prefect_server, tmp_path_factory) -> Path:
    """A scratch project folder: the README's relative paths resolve to this checkout's files,
    and what the commands write lands here."""
    proj = tmp_path_factory.mktemp("readme-project")
    (proj / ".venv").symlink_to(ROOT / ".venv")
    (proj / "data").mkdir()
    (proj / "data" / "sample").symlink_to(ROOT / "data" / "sample")
    shutil.copytree(ROOT / "glossary" / "data", proj / "path" / "to" / "glossary")
    return proj


def _sh(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def sample_run(project, prefect_server) -> str:
    """The worked example's command, as written; its stdout."""
    command = indented_commands(section("Worked example: data/sample"), ".venv/bin/tadasu run data/sample")[0]
    got = _sh(command, project, prefect_server.client_env())
    assert got.returncode == 0, f"{command}:\n{got.stdout[-2000:]}\n{got.stderr[-3000:]}"
    assert (project / "data" / "clean" / "run.json").is_file()
    return got.stdout


def test_the_worked_example_prints_the_summary_the_readme_shows(sample_run):
    example = section("Worked example: data/sample")
    documented = [line.strip() for line in example.splitlines() if line.strip().startswith(("tadasu: ", "mentions: "))]
    printed = [line.strip() for line in sample_run.splitlines() if line.strip().startswith(("tadasu: ", "mentions: "))]
    assert len(documented) == 2 and printed == documented, (printed, documented)


def test_glossary_lint_commands(project, prefect_server):
    for command in indented_commands(README, ".venv/bin/tadasu glossary lint"):
        got = _sh(command, project, prefect_server.client_env())
        assert got.returncode == 0, f"{command}:\n{got.stdout[-2000:]}\n{got.stderr[-2000:]}"
        assert "glossary OK" in got.stdout + got.stderr, got.stdout + got.stderr


def test_the_python_reading_snippets(project, sample_run, monkeypatch):
    monkeypatch.chdir(project)
    polars_block, pandas_block, metadata_block = fenced_blocks(section("Reading the datasets"), "python")
    ns: dict = {}
    exec(compile(polars_block, "README.md (polars)", "exec"), ns)
    assert ns["docs"].height == 8 and set(ns["docs"]["status"]) == {"ok", "rejected"}
    assert ns["mentions"].height > 0 and ns["sents"].height > 0
    assert (ns["sents"]["entities"].list.len() > 0).all()

    ns = {}
    exec(compile(pandas_block, "README.md (pandas)", "exec"), ns)
    edits = ns["edits"]
    assert len(edits) > 0 and all(str(t).endswith("[pyarrow]") for t in edits.dtypes), edits.dtypes

    ns = {}
    exec(compile(metadata_block, "README.md (metadata)", "exec"), ns)
    from normalizers import PIPELINE_VERSION

    assert ns["md"][b"tadasu.pipeline_version"] == PIPELINE_VERSION.encode()
    assert len(ns["md"][b"tadasu.glossary_version"]) >= 12


def test_the_duckdb_snippet(project, sample_run, monkeypatch):
    import duckdb

    monkeypatch.chdir(project)
    names, money = [duckdb.sql(s).fetchall() for s in sql_statements(fenced_blocks(section("Reading the datasets"), "sql")[0])]
    assert names and {label for *_, label in names} <= {"PERSON", "ORG"}
    assert money and money[0][0] == "MONEY" and money[0][1] > 0 and money[0][2] > 0


def test_the_schedule_commands_pause_and_resume_by_id(prefect_server, project):
    """`prefect deployment schedule ls|pause|resume` as the README writes them, on prefect.yaml's
    nightly deployment (deployed on a pool of its own that no worker polls, and deleted after)."""
    commands = indented_commands(section("Schedules"), ".venv/bin/prefect deployment schedule")
    found = [[c for c in commands if f" schedule {verb} " in c] for verb in ("ls", "pause", "resume")]
    assert [len(f) for f in found] == [1, 1, 1], f"the README's schedule ls/pause/resume commands: {commands}"
    (ls,), (pause,), (resume,) = found
    env = prefect_server.client_env()
    prefect = str(project / ".venv" / "bin" / "prefect")
    for args in (["work-pool", "create", "tadasu-readme", "--type", "process"],
                 ["deploy", "--name", "tadasu-nightly", "--pool", "tadasu-readme"]):
        got = subprocess.run([prefect, "--no-prompt", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=300)
        assert got.returncode == 0, got.stdout[-2000:] + got.stderr[-2000:]

    def active() -> list[bool]:
        dep = prefect_server.run(lambda c: c.read_deployment_by_name("normalize-corpus/tadasu-nightly"))
        return [s.active for s in dep.schedules]

    try:
        listed = _sh(ls, project, env)
        assert listed.returncode == 0, listed.stdout[-2000:] + listed.stderr[-2000:]
        ids = re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", listed.stdout)
        assert len(ids) == 1 and active() == [True], listed.stdout
        for command, want in ((pause, [False]), (resume, [True])):
            got = _sh(command.replace("SCHEDULE_ID", ids[0]), project, env)
            assert got.returncode == 0, f"{command}:\n{got.stdout[-2000:]}\n{got.stderr[-2000:]}"
            assert active() == want, command
    finally:
        subprocess.run([prefect, "--no-prompt", "deployment", "delete", "normalize-corpus/tadasu-nightly"], cwd=ROOT,
                       env=env, capture_output=True, timeout=120)
