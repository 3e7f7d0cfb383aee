"""Finding the input files (no Prefect here): every file and folder under an input root ends as
an input file or as a named skip, which the flow writes as a `rejected` row of `documents/`.

The rules:

- A folder contributes its supported files (.txt, .md, .jsonl, .jsonl.gz, .parquet),
  recursively; a file named explicitly is always read (an unknown suffix is read as text).
- Skipped, each with its reason code (a row with `source` = its path, no text):
    unsupported_format   a file with another suffix
    hidden               a file or folder whose name starts with "." (its contents are not read)
    special_file         a FIFO, socket or device: never opened (a FIFO would block the run)
    outside_input_root   a symbolic link whose target is outside the input root
    symlink_loop         a link to a folder that contains it (it would be walked forever)
    unreadable           a folder that cannot be listed, a broken link
- Symbolic links are followed only inside the input root (the folder given, resolved): a link
  to a file or folder inside it reads the target under the link's own path; one that leads
  outside is skipped (`ln -s /etc/passwd d/leak.txt` must never land in `raw_text`).
- `source` is the path relative to the input root (with several inputs, to their common
  folder), '/'-separated. A name that is not valid UTF-8 (a file written by another system) is
  shown with backslash escapes (`\\xff.txt`): Parquet strings must be UTF-8; `path` keeps the
  real name to open.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED_SUFFIXES = (".txt", ".md", ".jsonl", ".jsonl.gz", ".parquet")


class InputError(Exception):
    """The run cannot start: an input path that does not exist."""


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # absolute path
    source: str  # path relative to the input root, '/'-separated, valid UTF-8
    kind: str  # "text" | "jsonl" | "parquet" | "skipped"
    skip: str | None = None  # kind "skipped": why, as "code: detail"


def kind_of(name: str) -> str | None:
    low = name.lower()
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    if low.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if low.endswith(".parquet"):
        return "parquet"
    return None


def source_of(path: str, base: str) -> str:
    """`path` relative to `base`, '/'-separated, with undecodable bytes backslash-escaped."""
    rel = os.path.relpath(path, base).replace(os.sep, "/")
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")


def _special(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "not a regular file"
    return None


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


class _Walk:
    """One input folder's walk: files and skips into the shared dicts (keyed by source)."""

    def __init__(self, root: str, base: str, found: dict[str, InputFile], skipped: dict[str, InputFile]):
        self.root, self.base, self.found, self.skipped = root, base, found, skipped

    def skip(self, path: str, code: str, detail: str) -> None:
        source = source_of(path, self.base)
        self.skipped[source] = InputFile(path, source, "skipped", f"{code}: {detail}")

    def file(self, path: str, name: str) -> None:
        source = source_of(path, self.base)
        kind = kind_of(name)
        if kind is None:
            self.skip(path, "unsupported_format", f"not one of {', '.join(SUPPORTED_SUFFIXES)}")
        else:
            self.found[source] = InputFile(path, source, kind)

    def run(self) -> None:
        stack: list[tuple[str, tuple[str, ...]]] = [(self.root, (self.root,))]  # (folder, real ancestors)
        while stack:
            folder, ancestors = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as e:
                self.skip(folder, "unreadable", f"folder cannot be listed: {e.strerror or e}")
                continue
            subfolders = []
            for entry in entries:
                sub = self.entry(entry, ancestors)
                if sub is not None:
                    subfolders.append(sub)
            stack.extend(reversed(subfolders))

    def entry(self, entry: os.DirEntry, ancestors: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
        """Classify one directory entry; a folder to walk is returned."""
        path = entry.path
        if entry.name.startswith("."):
            self.skip(path, "hidden", "hidden files and folders are not read")
            return None
        try:
            if entry.is_symlink():
                return self.link(entry, ancestors)
            st = entry.stat(follow_symlinks=False)
        except OSError as e:
            self.skip(path, "unreadable", e.strerror or str(e))
            return None
        if stat.S_ISDIR(st.st_mode):
            return path, ancestors + (os.path.join(ancestors[-1], entry.name),)
        what = _special(st.st_mode)
        if what:
            self.skip(path, "special_file", f"{what}: not opened")
            return None
        self.file(path, entry.name)
        return None

    def link(self, entry: os.DirEntry, ancestors: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
        path = entry.path
        target = os.path.realpath(path)
        if not _inside(target, self.root):
            self.skip(path, "outside_input_root", "symbolic link to a path outside the input root")
            return None
        try:
            st = os.stat(target)
        except OSError as e:
            self.skip(path, "unreadable", f"broken symbolic link: {e.strerror or e}")
            return None
        if stat.S_ISDIR(st.st_mode):
            if any(_inside(a, target) for a in ancestors):
                self.skip(path, "symlink_loop", "symbolic link to a folder that contains it")
                return None
            return path, ancestors + (target,)
        what = _special(st.st_mode)
        if what:
            self.skip(path, "special_file", f"symbolic link to {what}: not opened")
            return None
        self.file(path, entry.name)
        return None


def discover(inputs: list[str | os.PathLike]) -> tuple[list[InputFile], list[InputFile]]:
    """Input files and skipped entries (kind "skipped"), each sorted by source; see the module
    docstring for the rules."""
    if not inputs:
        raise InputError("no input given")
    paths = []
    for p in inputs:
        path = Path(p).expanduser()
        if not path.exists():
            raise InputError(f"input not found: {os.fsencode(str(p)).decode('utf-8', 'backslashreplace')}")
        paths.append(path.resolve())
    roots = [p if p.is_dir() else p.parent for p in paths]
    base = os.path.commonpath([str(r) for r in roots]) if len(roots) > 1 else str(roots[0])
    found: dict[str, InputFile] = {}
    skipped: dict[str, InputFile] = {}
    for path in paths:
        if path.is_dir():
            _Walk(str(path), base, found, skipped).run()
            continue
        source = source_of(str(path), base)
        what = _special(path.stat().st_mode)
        if what:
            skipped[source] = InputFile(str(path), source, "skipped", f"special_file: {what}: not opened")
        else:
            found[source] = InputFile(str(path), source, kind_of(path.name) or "text")
    return [found[k] for k in sorted(found)], [skipped[k] for k in sorted(skipped) if k not in found]
