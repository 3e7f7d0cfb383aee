"""Which build of the hot modules runs (the normalizer's and the glossary matcher's): compiled with
mypyc, or the Python source.

`setup.py` compiles `MODULES` with mypyc when it can (mypy is a build requirement; a C compiler
must be there) and writes `BUILD_RECORD` beside this file: the sha256 of every source it
compiled, or why it compiled nothing. The compiled modules (`.so`) sit next to their `.py`
and Python imports them first. `select()`, run by `normalizers/__init__.py` and
`glossary/__init__.py` before any of them is imported (once per process), keeps them only when

- `TADASU_PURE` is not `1` in the environment, and
- every source still has the hash it was compiled from (after an edit, the edited source runs,
  with a warning, until `.venv/bin/pip install --no-deps -e .` compiles it again);

otherwise it puts `SourceFinder` first on `sys.meta_path`, which loads those modules from their
`.py`. All of them or none: compiled modules call each other's functions directly in C, so a
module loaded from source beside compiled ones would not be the one they call.

`normalizers.BUILD` says which runs ("compiled", or "pure: <why>"); `tadasu run` writes it to
run.json (`normalizer_build`). Standard library only: setup.py loads this file by its path.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Mapping, Sequence

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent  # the packages of MODULES (normalizers/, glossary/) sit here
BUILD_RECORD = PACKAGE_DIR / "compiled_build.json"  # written by setup.py; not in git

# The modules setup.py compiles (their gain per set is in bench/README.md, "Compiled build").
# A module here must type-check under mypy (mypyc compiles from the types), must not be
# subclassed or monkeypatched from interpreted code, and holds no surrogate in a literal.
MODULES = (
    "normalizers.alignment",
    "normalizers.dateline",
    "normalizers.normalizer",
    "normalizers.rules",
    "normalizers.triggers",
    "normalizers.sentences",
    "normalizers.sentences_fast",
    "normalizers.spacing",
    "normalizers.numbers",
    "normalizers.numbers._fast",
    "normalizers.numbers.amounts",
    "normalizers.numbers.context",
    "normalizers.numbers.counts",
    "normalizers.numbers.date_patterns",
    "normalizers.numbers.date_tables",
    "normalizers.numbers.dates",
    "normalizers.numbers.grammar",
    "normalizers.numbers.match",
    "normalizers.numbers.name_tables",
    "normalizers.numbers.numerals",
    "normalizers.numbers.patterns",
    "normalizers.numbers.tables",
    "normalizers.numbers.tagger",
    "normalizers.numbers.values",
    "normalizers.numbers.word_tables",
    # The glossary matcher (`Glossary.find`), compiled with the normalizer that calls it, the
    # mention policy run on its spans (mentions, wholenames) and the name recognizer with its
    # context and form rules and its evidence words' scan (recognizer, name_context, name_forms,
    # cues: bench/README.md, "Entities (issue 17)", session 12). Not compiled: namelists.py, loader.py and lint.py (load time
    # only), candidates.py (pykakasi); its per-document mining is (glossary.mining:
    # bench/README.md, "Issue 21, session 9").
    "glossary.context",
    "glossary.cues",
    "glossary.fuzzy",
    "glossary.hidden",
    "glossary.kana",
    "glossary.keysearch",
    "glossary.matcher",
    "glossary.mentions",
    "glossary.mining",
    "glossary.name_context",
    "glossary.name_forms",
    "glossary.recognizer",
    "glossary.rewrites",
    "glossary.web",
    "glossary.wholenames",
)


def source_path(module: str) -> Path:
    """The .py file of one of `MODULES` (a package's `__init__.py`)."""
    path = ROOT.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def source_hashes() -> dict[str, str]:
    return {m: hashlib.sha256(source_path(m).read_bytes()).hexdigest() for m in MODULES}


def read_record() -> dict | None:
    try:
        return json.loads(BUILD_RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def build_state(environ: Mapping[str, str] = os.environ) -> str:
    """"compiled" when the compiled modules may run, else "pure: <why>"."""
    return state_for(read_record(), environ)


def state_for(record: dict | None, environ: Mapping[str, str]) -> str:
    """`build_state` for a given build record (None: there is none)."""
    if environ.get("TADASU_PURE") == "1":
        return "pure: TADASU_PURE=1"
    if record is None:
        return "pure: no compiled build (no compiled_build.json)"
    if record.get("build") != "compiled":
        return f"pure: {record.get('reason', 'not compiled')}"
    stale = sorted(m for m, h in source_hashes().items() if record.get("modules", {}).get(m) != h)
    if stale:
        return "pure: source changed since the compiled build (" + ", ".join(stale) + ")"
    missing = [m for m in MODULES if not compiled_path(m)]
    if missing:
        return "pure: compiled module missing (" + ", ".join(missing) + ")"
    return "compiled"


def compiled_path(module: str) -> Path | None:
    """The compiled file beside the source of one of `MODULES` (`tagger.cpython-311-….so`), if any."""
    stem = str(source_path(module).with_suffix(""))
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        if Path(stem + suffix).exists():
            return Path(stem + suffix)
    return None


class SourceFinder(importlib.abc.MetaPathFinder):
    """Finds `names` as their .py source, ahead of a compiled module beside them."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = frozenset(names)

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
                  ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        source = source_path(fullname)
        package_dirs = [str(source.parent)] if source.name == "__init__.py" else None
        return importlib.util.spec_from_file_location(fullname, source, submodule_search_locations=package_dirs)


_selected: list[str] = []  # the state `select` chose in this process


def select() -> str:
    """Decide once per process, before any of `MODULES` is imported; returns `build_state()`.
    Later calls (normalizers/ and glossary/ both call it, whichever is imported first decides)
    return the same state."""
    if _selected:
        return _selected[0]
    state = build_state()
    _selected.append(state)
    if state == "compiled":
        return state
    if not any(isinstance(f, SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, SourceFinder(MODULES))
    if state.startswith("pure: source changed"):
        warnings.warn(f"normalizers: {state}; running the Python source. "
                      "Compile again with `.venv/bin/pip install --no-deps -e .`", stacklevel=2)
    return state
