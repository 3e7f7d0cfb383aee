"""Session-wide settings for every test.

- The shared seeds and corpus must be beside this checkout (`../shared`). Many tests read them
  in place (they are not ours to copy into the project). Without them those tests used to skip
  one by one, so a checkout in another place passed while testing much less: the session now
  stops at once with a plain message instead.
- Hypothesis profiles: no deadlines anywhere. A busy machine (2 cores shared by several
  processes) made a property test fail with DeadlineExceeded (260 ms against 200 ms); a deadline
  measures the machine, not the code. `HYPOTHESIS_PROFILE=dev` keeps the default example counts
  with a deadline off as well, for local runs; the default profile is `ci`.
- The tests run the Python source of the normalizer, not its compiled build (TADASU_PURE=1,
  normalizers/compiled.py; also in the subprocesses they start): a test that patches a module's
  function then patches the function that runs, and an edit is tested without a rebuild.
  tests/test_compiled.py checks that the compiled build gives the same documents.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ["TADASU_PURE"] = "1"  # before anything imports normalizers (see above)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_DIRS = (SHARED / "seeds", SHARED / "corpus")

settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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


NUMBER_GOLDEN = ROOT / "tests" / "golden" / "numbers"


@pytest.fixture(scope="session")
def golden_number_texts() -> list[str]:
    """The input of every golden number case (the first field of each line), for the tests that
    run the tagger's parts on many real inputs (grammar, engines, memo)."""
    out = []
    for name in ("handwritten.tsv", "synthetic.tsv", "issue19.tsv", "must_not_tag.txt"):
        for line in (NUMBER_GOLDEN / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                out.append(line.split("\t")[0])
    return out


@pytest.fixture
def aggregate_candidates(tmp_path):
    """`aggregate(normalizer, shards, suggest=None)`: each shard's texts normalized and mined into
    its candidates partial under tmp_path, as the flow's shards do, then aggregated as the
    flow's finalize does; the candidates/ rows by surface."""
    import pyarrow.parquet as pq

    from flows import datasets as ds
    from flows import candidate_aggregate
    from flows.process import CandidateCollector, candidates_partial_path

    def aggregate(normalizer, shards: dict[str, list[str]], suggest=None) -> dict[str, dict]:
        for sid, texts in shards.items():
            cands = CandidateCollector(normalizer.glossary)
            for i, text in enumerate(texts):
                cands.add(f"{sid}:{i:08d}", normalizer.normalize(text))
            ds.write_atomic(ds.table("candidates", cands.rows(), None, ds.CANDIDATE_PARTIAL),
                            candidates_partial_path(tmp_path, sid))
        candidate_aggregate.aggregate_candidates(tmp_path, list(shards), {}, suggest=suggest)
        return {r["surface"]: r for r in pq.read_table(tmp_path / "candidates" / "part-0.parquet").to_pylist()}

    return aggregate
