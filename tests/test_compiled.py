"""The compiled build (setup.py, normalizers/compiled.py) gives the same documents as the Python
source: the same inputs run through both in two subprocesses (TADASU_PURE=1 for the source, unset
for the compiled modules), and every document's text, edits, mentions and sentences must be equal.

The rest of the suite runs the source (tests/conftest.py sets TADASU_PURE=1): the tests that
patch a module's function see the patched function, and an edit needs no rebuild to be tested.
Without a compiled build on purpose (no C compiler, TADASU_PURE=1 at install) this test skips; a
build that failed (a type error mypyc refused) or is older than the source fails it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from normalizers import compiled

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_DIRS = (ROOT / "tests" / "golden" / "normalizers", ROOT / "tests" / "golden" / "numbers")
LIVEDOOR = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"
N_CORPUS_DOCS = 300
PUBLISHED = dt.date(2024, 9, 12)  # golden lines run without a date and with this one (relative dates)

# Runs in the subprocess: normalizes the texts of IN (JSON list of [text, published_at or null])
# one by one and through normalize_many (as the flow's shards do), and writes OUT: which build
# ran, where each compiled module came from, and the documents.
RUNNER = """
import dataclasses, importlib, json, sys
import normalizers
from normalizers import Normalizer, compiled
def fields(d):
    return repr((d.text, [tuple(e) for e in d.edits], [tuple(m) for m in d.mentions],
                 [tuple(s) for s in d.sentences], d.published_at, d.published_at_source))
texts = json.load(open(sys.argv[1], encoding="utf-8"))
n = Normalizer.from_glossary()
docs = [fields(n.normalize(text, published_at=published_at)) for text, published_at in texts]
many = n.normalize_many([t for t, _ in texts], [p for _, p in texts], errors="return")
# The glossary matcher on its own, every surface mode (the Normalizer above uses "en"): the texts
# as given are raw, so this also runs it on text no character rule has touched.
found = [repr([dataclasses.astuple(m) for s in ("en", "ja", "keep") for m in n.glossary.find(t, surface=s)]) for t, _ in texts]
files = {m: importlib.import_module(m).__file__ for m in compiled.MODULES}
json.dump({"build": normalizers.BUILD, "files": files, "docs": docs, "many": [fields(d) for d in many], "found": found},
          open(sys.argv[2], "w", encoding="utf-8"))
"""


def golden_texts() -> list[str]:
    """Every tab-separated field of every golden line (inputs, expected outputs: all are text)."""
    out = []
    for d in GOLDEN_DIRS:
        for path in sorted(d.glob("*.tsv")) + sorted(d.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    out += [f for f in line.split("\t") if f.strip()]
    return out


def corpus_texts() -> list[list]:
    out = []
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            out.append([doc["text"], doc.get("published_at")])
            if len(out) == N_CORPUS_DOCS:
                return out
    return out


def run_build(inputs: Path, out: Path, pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "TADASU_PURE"}
    if pure:
        env["TADASU_PURE"] = "1"
    subprocess.run([sys.executable, "-c", RUNNER, str(inputs), str(out)], cwd=ROOT, env=env, check=True, timeout=900)
    return json.loads(out.read_text(encoding="utf-8"))


def require_compiled_build() -> None:
    record = compiled.read_record()
    if record is None:
        pytest.fail("no normalizers/compiled_build.json: install with `.venv/bin/pip install --no-deps -e .`")
    if record["build"] != "compiled":
        reason = record.get("reason", "")
        if reason in ("no C compiler at install", "TADASU_PURE=1 at install"):
            pytest.skip(f"pure Python install: {reason}")
        pytest.fail(f"the compiled build failed at install: {reason}")
    state = compiled.build_state({})
    if state != "compiled":
        pytest.fail(f"{state}: compile again with `.venv/bin/pip install --no-deps -e .`")


def test_compiled_modules_give_the_documents_of_the_source(tmp_path):
    require_compiled_build()
    texts = [[t, None] for t in golden_texts()]
    texts += [[t, PUBLISHED.isoformat()] for t, _ in texts]
    texts += corpus_texts()
    inputs = tmp_path / "inputs.json"
    inputs.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")

    pure = run_build(inputs, tmp_path / "pure.json", pure=True)
    fast = run_build(inputs, tmp_path / "compiled.json", pure=False)

    assert pure["build"] == "pure: TADASU_PURE=1"
    assert all(f.endswith(".py") for f in pure["files"].values()), pure["files"]
    assert fast["build"] == "compiled"
    assert not any(f.endswith(".py") for f in fast["files"].values()), fast["files"]
    assert len(fast["docs"]) == len(pure["docs"]) == len(texts)
    for (text, published_at), want, got in zip(texts, pure["docs"], fast["docs"]):
        assert got == want, f"compiled and source differ on {text[:80]!r} (published_at {published_at})"
    assert pure["many"] == pure["docs"]
    for (text, published_at), want, got in zip(texts, pure["many"], fast["many"]):
        assert got == want, f"normalize_many: compiled and source differ on {text[:80]!r} (published_at {published_at})"
    for (text, _), want, got in zip(texts, pure["found"], fast["found"]):
        assert got == want, f"Glossary.find: compiled and source differ on {text[:80]!r}"


# Imports `glossary` before anything else (the CLI's `tadasu glossary lint` does): the glossary's
# compiled modules must follow the same choice as the normalizer's, all or none.
GLOSSARY_FIRST = """
import importlib, json, sys
import glossary
from normalizers import compiled
print(json.dumps({"build": glossary.BUILD, "files": {m: importlib.import_module(m).__file__ for m in compiled.MODULES}}))
"""


@pytest.mark.parametrize("pure", [True, False])
def test_importing_the_glossary_first_selects_the_build_for_all_modules(pure):
    require_compiled_build()
    env = {k: v for k, v in os.environ.items() if k != "TADASU_PURE"}
    if pure:
        env["TADASU_PURE"] = "1"
    got = json.loads(subprocess.run([sys.executable, "-c", GLOSSARY_FIRST], cwd=ROOT, env=env, check=True,
                                    capture_output=True, text=True, timeout=300).stdout)
    assert got["build"] == ("pure: TADASU_PURE=1" if pure else "compiled")
    wrong = {m: f for m, f in got["files"].items() if f.endswith(".py") != pure}
    assert wrong == {}, f"{got['build']}: modules loaded from the other build: {wrong}"


def test_a_changed_source_runs_as_source_until_compiled_again():
    hashes = compiled.source_hashes()
    record = {"build": "compiled", "modules": dict(hashes, **{"normalizers.numbers.tagger": "0" * 64})}
    assert compiled.state_for(record, {}) == "pure: source changed since the compiled build (normalizers.numbers.tagger)"
    assert compiled.state_for(record, {"TADASU_PURE": "1"}) == "pure: TADASU_PURE=1"
    assert compiled.state_for({"build": "pure", "reason": "no C compiler at install"}, {}) == "pure: no C compiler at install"
    assert compiled.state_for(None, {}).startswith("pure: no compiled build")


def test_the_source_finder_loads_each_module_from_its_py():
    finder = compiled.SourceFinder(compiled.MODULES)
    for name in compiled.MODULES:
        spec = finder.find_spec(name, None)
        assert spec is not None and spec.origin == str(compiled.source_path(name)), name
        assert (spec.submodule_search_locations is not None) == spec.origin.endswith("__init__.py")
    assert finder.find_spec("normalizers.debris", None) is None  # not compiled: the usual finders
    assert finder.find_spec("glossary.loader", None) is None


def test_no_compiled_module_uses_cached_property():
    # mypyc compiles a functools.cached_property into a plain property: its function runs on
    # every access. SpacedDocument.translated (two scans of the whole text) ran once per space
    # run, which made a long line quadratic in the compiled build only (bench/pathological.py).
    users = [m for m in compiled.MODULES if "cached_property" in compiled.source_path(m).read_text(encoding="utf-8")]
    assert users == [], f"cached_property in compiled modules (cache by hand): {users}"
