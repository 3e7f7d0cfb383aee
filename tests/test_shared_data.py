"""The shared seeds and corpus are found relative to this checkout, and a session without them
stops with a plain message (tests/conftest.py) instead of skipping the tests that read them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def test_the_shared_seeds_and_corpus_are_beside_the_checkout():
    assert sorted(SHARED.joinpath("seeds").glob("*.txt")), f"no seed articles in {SHARED / 'seeds'}"
    assert (SHARED / "corpus" / "livedoor.jsonl.gz").is_file()
    assert (SHARED / "corpus" / "original_encoding").is_dir()


def _pytest_in(checkout: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                          cwd=checkout, capture_output=True, text=True, timeout=120)


def test_a_checkout_without_shared_data_fails_the_session_instead_of_skipping(tmp_path):
    checkout = tmp_path / "work" / "tadasu"
    (checkout / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", checkout / "tests" / "conftest.py")
    (checkout / "tests" / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")

    missing = _pytest_in(checkout)
    assert missing.returncode == 4, missing.stdout + missing.stderr
    assert str(tmp_path / "work" / "shared") in missing.stdout + missing.stderr
    assert "1 passed" not in missing.stdout

    for name in ("seeds", "corpus"):  # present (content does not matter to the check)
        (tmp_path / "work" / "shared" / name).mkdir(parents=True)
        (tmp_path / "work" / "shared" / name / "x").write_text("x", encoding="utf-8")
    present = _pytest_in(checkout)
    assert present.returncode == 0 and "1 passed" in present.stdout, present.stdout + present.stderr
