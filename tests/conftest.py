"""Session-wide: the shared seeds and corpus must be beside this checkout (`../shared`).

Many tests read them in place (they are not ours to copy into the project). Without them those
tests used to skip one by one, so a checkout in another place passed while testing much less:
the session now stops at once with a plain message instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_DIRS = (SHARED / "seeds", SHARED / "corpus")


def missing_shared_dirs() -> list[Path]:
    return [d for d in SHARED_DIRS if not d.is_dir() or not any(d.iterdir())]


def pytest_sessionstart(session: pytest.Session) -> None:
    missing = missing_shared_dirs()
    if missing:
        pytest.exit(
            "the shared seeds and corpus must be beside this checkout, at "
            f"{SHARED} (missing or empty: {', '.join(str(d) for d in missing)}); "
            "clone into a folder next to shared/, e.g. WORK/tadasu with WORK/shared",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )
