"""The glossary of a run: read once at its start and pinned by version (no Prefect here).

Workers used to load the glossary folder per shard: a glossary edited during a run gave the
later shards the new version while every shard recorded, and was resumed under, the version
read at the start; the mixed output then survived every rerun. Now the flow copies the files
once at the start (`GlossarySnapshot.take`: the copy's version is the run's), and once the
output folder is prepared it pins the copy at `OUT/_state/glossary/<version>/`, a folder named
by its content that nothing edits. Every shard of the run loads that copy
(`process.get_normalizer`, cached per process by version). The output folder is where the
shards' workers already read and write (on a Dask cluster too), so it needs no other shared place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from glossary.loader import common_word_files, data_files, directory_version, resolve_dir

PINNED_DIR = Path("_state") / "glossary"
_TEMP_PREFIX = ".pin-"


class GlossaryNotFound(Exception):
    """The glossary folder asked for does not exist."""


def glossary_source(path: str | None) -> Path:
    """The folder a glossary is read from: `path`, else $TADASU_GLOSSARY, else the shipped one."""
    d = resolve_dir(path or os.environ.get("TADASU_GLOSSARY") or None)
    if not d.is_dir():
        raise GlossaryNotFound(f"glossary folder not found: {d}")
    return d


def _copy_data_files(src: Path, dst: Path) -> None:
    yamls, tsvs = data_files(src)
    for f in [*yamls, *tsvs, *common_word_files(src)]:
        (dst / f.name).write_bytes(f.read_bytes())


class GlossarySnapshot:
    """The glossary's data files as read once, in a private folder (`folder`), and their version."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.version = version

    @classmethod
    def take(cls, path: str | None) -> "GlossarySnapshot":
        src = glossary_source(path)
        folder = Path(tempfile.mkdtemp(prefix="tadasu-glossary-"))
        try:
            _copy_data_files(src, folder)  # each file read once, here
            return cls(folder, directory_version(folder))  # the version of exactly what was copied
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def pin(self, out: Path) -> str:
        """Copy it to `OUT/_state/glossary/<version>/` (atomically: a complete folder or none) and
        return that folder. Other pinned versions are removed: the output folder holds one
        run's output at a time."""
        root = Path(out) / PINNED_DIR
        root.mkdir(parents=True, exist_ok=True)
        final = root / self.version
        if not (final.is_dir() and directory_version(final) == self.version):
            staging = Path(tempfile.mkdtemp(dir=root, prefix=_TEMP_PREFIX))
            try:
                _copy_data_files(self.folder, staging)
                shutil.rmtree(final, ignore_errors=True)
                os.replace(staging, final)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        for other in root.iterdir():
            if other.name != self.version:
                shutil.rmtree(other, ignore_errors=True)
        return str(final)

    def discard(self) -> None:
        """Remove the private copy (the pinned one stays with the output)."""
        shutil.rmtree(self.folder, ignore_errors=True)
