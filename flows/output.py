"""The output folder as a whole (plain functions): who owns it (marker, lock, refusals), resume
decisions, stale parts, the run's aggregate (candidates, checks, run.json)."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import socket
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

import pyarrow.compute as pc

from . import datasets as ds
from .process import INTENTS_DIR, candidates_partial_path, manifest_path


def load_manifest(out: Path, shard_id: str) -> dict | None:
    try:
        return json.loads(manifest_path(out, shard_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def finished_manifest(out: Path, shard_id: str, fingerprint: str) -> dict | None:
    """The shard's manifest if one was written for this fingerprint (the shard finished), else None."""
    m = load_manifest(out, shard_id)
    return m if m is not None and m.get("fingerprint") == fingerprint else None


def _shard_complete(out: Path, shard_id: str) -> bool:
    return all(ds.part_path(out, name, shard_id).exists() for name in ds.DATASETS) and candidates_partial_path(
        out, shard_id
    ).exists()


# -- who owns OUT: the marker, the refusals, the lock -------------------------------------------
#
# tadasu deletes only what it can prove it wrote. An output folder carries MARKER_NAME, written
# when tadasu creates the folder (or finds it empty), or adopts it with `force`; a non-empty
# folder without it is refused. Inside a marked folder, a part file is tadasu's when a shard
# record names it: the shard's intent (written before its parts, `process.intent_path`) or its
# manifest (written after them). Temporaries are tadasu's when they carry its temporary name in a
# folder it created. Anything else is left where it is.

MARKER_NAME = ".tadasu-output.json"
LOCK_NAME = ".tadasu.lock"
MARKER_FORMAT = 1
# What tadasu writes at the top of OUT: a folder adopted with `force` must hold none of them.
OWN_ENTRIES = frozenset((*ds.ALL_DATASETS, "_state", "run.json", MARKER_NAME))
# `datasets.write_atomic` / `write_json_atomic`: `.<final name>.tmp-<pid>` beside the final name.
_TEMPORARY = re.compile(r"\.[\w.-]+\.(?:parquet|json)\.tmp-\d+")
_RECORD_DIRS = ("shards", INTENTS_DIR)  # under OUT/_state: manifests, intents
_AGGREGATE = "candidates/part-0.parquet"  # the run's candidates, by name (aggregate_candidates)


class OutputRefused(Exception):
    """OUT is not a folder this run may write: the message names it, says why and what to do."""


class OutputInUse(OutputRefused):
    """Another tadasu run holds OUT's lock."""


def read_marker(out: Path) -> dict | None:
    """OUT's marker if it is tadasu's (a JSON object with tool "tadasu" and an integer format)."""
    try:
        m = json.loads((out / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(m, dict) and m.get("tool") == "tadasu" and isinstance(m.get("format"), int):
        return m
    return None


def _overlap(out: Path, inputs: Iterable[str | os.PathLike]) -> str | None:
    """Why OUT and an input must not nest (symlinks resolved), or None."""
    for given in inputs:
        p = Path(given).expanduser()
        if not p.exists():
            continue  # planning the input reports it
        inp = p.resolve()
        if inp.is_dir() and (out == inp or inp in out.parents):
            return (f"output folder {out} is inside the input folder {inp}: a rerun would read "
                    "its own output as input; choose an --out outside the input")
        if inp == out or out in inp.parents:
            return (f"input {inp} is inside the output folder {out}: tadasu would read what it "
                    "writes there; choose an --out apart from the input")
    return None


def _safe_record_path(rel: object) -> bool:
    """A part named in a shard record: relative, inside OUT's dataset or state folders."""
    if not isinstance(rel, str):
        return False
    p = PurePosixPath(rel)
    return (not p.is_absolute() and ".." not in p.parts and len(p.parts) >= 2
            and p.parts[0] in (*ds.ALL_DATASETS, "_state") and p.suffix == ".parquet")


def shard_records(out: Path) -> tuple[dict[str, set[str]], dict[str, list[Path]], list[Path]]:
    """(shard id -> the part files its records name, relative to OUT; shard id -> its record
    files; records that are not tadasu's). A record is a manifest (`_state/shards/<id>.json`) or
    an intent (`_state/<INTENTS_DIR>/<id>.json`): a JSON object whose shard_id is its file name."""
    parts: dict[str, set[str]] = {}
    records: dict[str, list[Path]] = {}
    unreadable: list[Path] = []
    for sub in _RECORD_DIRS:
        d = out / "_state" / sub
        if not d.is_dir():
            continue
        for p in sorted(d.glob("*.json")):
            try:
                rec = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                rec = None
            listed = rec.get("parts") if isinstance(rec, dict) else None
            if (not isinstance(rec, dict) or rec.get("shard_id") != p.stem or not isinstance(listed, list)
                    or not all(_safe_record_path(r) for r in listed)):
                unreadable.append(p)
                continue
            parts.setdefault(p.stem, set()).update(listed)
            records.setdefault(p.stem, []).append(p)
    return parts, records, unreadable


def _foreign_parquet(out: Path, owned: set[str]) -> list[str]:
    """Parquet files in OUT's dataset folders that tadasu cannot prove it wrote: readers globbing
    `OUT/<dataset>/*.parquet` would take them for part of the dataset."""
    found = []
    for name in ds.ALL_DATASETS:
        d = out / name
        if d.is_dir():
            for p in sorted(d.glob("*.parquet")):
                rel = p.relative_to(out).as_posix()
                if rel not in owned and rel != _AGGREGATE:
                    found.append(rel)
    return found


def inspect_target(out: str | os.PathLike, inputs: Iterable[str | os.PathLike], force: bool = False) -> Path:
    """The resolved output folder if this run may write it, else OutputRefused (nothing written).

    Refused: an empty name; OUT inside an input folder or an input inside OUT; a non-empty folder
    without tadasu's marker (`force` adopts it unless it already holds names tadasu writes); a
    marked folder whose dataset folders hold Parquet files no shard record names."""
    if not str(out).strip():
        raise OutputRefused("the output folder name is empty (--out \"\" or an unset variable?): name a folder")
    path = Path(out).expanduser().resolve()
    why = _overlap(path, inputs)
    if why:
        raise OutputRefused(why)
    if path.exists() and not path.is_dir():
        raise OutputRefused(f"output {path} exists and is not a folder")
    marker = read_marker(path) if path.is_dir() else None
    if marker is not None:
        if marker["format"] > MARKER_FORMAT:
            raise OutputRefused(f"output folder {path} was written by a newer tadasu (marker format "
                                f"{marker['format']}, this one knows {MARKER_FORMAT}): upgrade, or choose another --out")
        owned = set().union(*shard_records(path)[0].values())
        foreign = _foreign_parquet(path, owned)
        if foreign:
            raise OutputRefused(
                f"output folder {path} holds Parquet files tadasu did not write ({', '.join(foreign[:3])}"
                f"{', …' if len(foreign) > 3 else ''}): readers of the datasets would take them for part "
                "of them; move them out of the folder")
        return path
    present = _entries(path)
    if present and not force:
        raise OutputRefused(
            f"output folder {path} is not empty and was not made by tadasu (no {MARKER_NAME}): refusing "
            "to write or delete anything there. Choose a new or empty folder, or pass --force "
            "(flow parameter force=True) to use it: tadasu then deletes only files it wrote itself")
    clash = sorted(OWN_ENTRIES.intersection(present))
    if clash:
        raise OutputRefused(
            f"output folder {path} already holds {', '.join(clash)} but was not made by tadasu (no "
            f"{MARKER_NAME}): even with --force tadasu never writes over files it did not write; "
            "move them away or choose another folder")
    return path


def _entries(path: Path) -> list[str]:
    """The names in a folder apart from tadasu's lock (left by an earlier run that died early)."""
    if not path.is_dir():
        return []
    return sorted(n for n in os.listdir(path) if n != LOCK_NAME)


def _holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it in the lock file."""
    try:
        h = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        who = f"pid {h['pid']} on {h['host']}, started {h['started']}"
        return who + (f", flow run {h['flow_run_id']}" if h.get("flow_run_id") else "")
    except (OSError, ValueError, KeyError, TypeError):
        return "its details are not written yet"


def lock_holder(out: Path) -> str | None:
    """Who holds OUT's lock now, or None (the lock is taken and given back at once)."""
    try:
        fd = os.open(out / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def check_target(out: str | os.PathLike, inputs: Iterable[str | os.PathLike], force: bool = False) -> Path:
    """`inspect_target` and a free lock: the CLI's check before it starts anything."""
    path = inspect_target(out, inputs, force)
    who = lock_holder(path)
    if who is not None:
        raise OutputInUse(_in_use(path, who))
    return path


def _in_use(path: Path, who: str) -> str:
    return f"output folder {path} is in use by another tadasu run ({who}); wait for it to end or choose another --out"


def _lock(path: Path, flow_run_id: str | None) -> int:
    """Take OUT's lock (flock: the kernel gives it back when the holder dies, even by SIGKILL)
    and write who holds it; OutputInUse naming the holder if another run has it."""
    fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        who = _holder(fd)
        os.close(fd)
        raise OutputInUse(_in_use(path, who)) from None
    holder = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "flow_run_id": flow_run_id}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder).encode("utf-8"), 0)
    return fd


def _unlock(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)  # before the lock goes: a later reader never names a finished run
    finally:
        os.close(fd)  # closing the only descriptor releases the flock


@contextmanager
def claim(out: str | os.PathLike, inputs: Iterable[str | os.PathLike], force: bool = False,
          flow_run_id: str | None = None) -> Iterator[Path]:
    """Hold OUT for a run: checked (`inspect_target`), locked, marked; yields the resolved path.

    Checked before anything is written, then again under the lock (the folder may have changed
    between); a new or empty folder gets the marker, and so does one adopted with `force` (the
    marker lists what was there, which tadasu leaves alone)."""
    inputs = list(inputs)
    path = inspect_target(out, inputs, force)
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd = _lock(path, flow_run_id)
    except OSError as e:
        raise OutputRefused(f"output folder {path} is not writable: {e.strerror or e}") from None
    try:
        inspect_target(path, inputs, force)
        if read_marker(path) is None:
            marker = {"tool": "tadasu", "format": MARKER_FORMAT,
                      "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      "adopted_entries": _entries(path)}
            ds.write_json_atomic(marker, path / MARKER_NAME)
        yield path
    finally:
        _unlock(fd)


def _remove_temporaries(out: Path, adopted: set[str]) -> int:
    """Leftovers of killed writers: tadasu's temporary names, in the folders it created (the
    dataset and state folders; at the top of OUT, not what was there when it was adopted)."""
    n = 0
    folders = [out, *(out / name for name in ds.ALL_DATASETS), out / "_state",
               *(out / "_state" / sub for sub in (*_RECORD_DIRS, "candidates"))]
    for d in folders:
        if d.is_dir():
            for p in d.iterdir():
                if _TEMPORARY.fullmatch(p.name) and not (d == out and p.name in adopted) and p.is_file():
                    p.unlink(missing_ok=True)
                    n += 1
    return n


def prepare(out: Path, fingerprints: dict[str, str],
            warn: Callable[[str], None] | None = None) -> tuple[list[str], dict[str, dict], int]:
    """Decide what to run and make the folder consistent before any shard runs; OUT is claimed.

    Returns (shard ids to process, manifests of finished shards reused, files removed). Removed,
    and only when a shard record of tadasu's names them: the part files and records of shards
    not in this plan, and of planned shards whose recorded fingerprint is not the current one (an
    old glossary / pipeline / config / content), so readers never see two versions side by side;
    plus temporaries of killed writers. The candidates aggregate and run.json describe a finished
    run and go until it finishes again. Files tadasu did not write are left (and named in `warn`).
    """
    marker = read_marker(out)
    if marker is None:
        raise OutputRefused(f"output folder {out} has no {MARKER_NAME}: it must be claimed first")
    removed = _remove_temporaries(out, set(marker.get("adopted_entries") or []))
    todo: list[str] = []
    reused: dict[str, dict] = {}
    for shard_id, fp in fingerprints.items():
        m = finished_manifest(out, shard_id, fp)
        if m is not None and _shard_complete(out, shard_id):
            reused[shard_id] = m
        else:
            todo.append(shard_id)
    parts, records, unreadable = shard_records(out)
    for shard_id in sorted(set(parts) - set(reused)):
        # Parts first, the records that prove them last: a run killed meanwhile still owns what
        # is left (a manifest whose parts are gone is not reused: `_shard_complete`).
        for rel in sorted(parts[shard_id]):
            p = out / rel
            if p.is_file():
                p.unlink()
                removed += 1
        for rec in sorted(records[shard_id], key=lambda r: r.parent.name == INTENTS_DIR):
            rec.unlink(missing_ok=True)
            removed += 1
    for shard_id in set(reused) & set(records):  # a finished shard's intent (killed before its removal)
        for rec in records[shard_id]:
            if rec.parent.name == INTENTS_DIR:
                rec.unlink(missing_ok=True)
    if todo or removed:
        for p in (out / "run.json", out / _AGGREGATE):
            if p.is_file():
                p.unlink()
                removed += 1
    _warn_foreign(out, marker, unreadable, warn)
    return todo, reused, removed


def _warn_foreign(out: Path, marker: dict, unreadable: list[Path], warn: Callable[[str], None] | None) -> None:
    """Name what tadasu leaves alone in its folder: files it did not write (the ones present when
    it adopted the folder are known to their owner and not repeated)."""
    if warn is None:
        return
    known = OWN_ENTRIES | {LOCK_NAME} | set(marker.get("adopted_entries") or [])
    other = [n for n in _entries(out) if n not in known and not _TEMPORARY.fullmatch(n)]
    other += [p.relative_to(out).as_posix() for p in unreadable]
    if other:
        warn(f"{out}: left in place, not written by tadasu: {', '.join(other[:10])}"
             f"{', …' if len(other) > 10 else ''}")


def check_output(out: Path, shard_ids: list[str], planned_docs: int) -> dict:
    """Re-read what is on disk: documents in = ok + rejected, no duplicate doc_id, every shard's
    parts present and nothing else. Raises AssertionError with the broken invariant."""
    expected = set(shard_ids)
    for name in ds.DATASETS:
        have = ds.part_ids(out, name)
        if have != expected:
            raise AssertionError(
                f"{name}/: {len(expected - have)} part files missing, {len(have - expected)} unexpected"
            )
    docs = ds.read_dataset(out, "documents", ["doc_id", "status"])
    n = docs.num_rows
    n_ok = pc.sum(pc.equal(docs["status"], "ok")).as_py() or 0
    n_rej = pc.sum(pc.equal(docs["status"], "rejected")).as_py() or 0
    n_unique = pc.count_distinct(docs["doc_id"]).as_py()
    if n != planned_docs:
        raise AssertionError(f"documents in: {planned_docs}, rows in documents/: {n}")
    if n_ok + n_rej != n:
        raise AssertionError(f"ok {n_ok} + rejected {n_rej} != {n} documents")
    if n_unique != n:
        raise AssertionError(f"{n - n_unique} duplicate doc_id in documents/")
    return {"documents": n, "ok": n_ok, "rejected": n_rej, "unique_doc_ids": n_unique, "passed": True}


def summarize(manifests: list[dict]) -> dict:
    reasons: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for m in manifests:
        reasons.update(m["rejected_by_reason"])
        labels.update(m["mentions_by_label"])
        rules.update(m["edits_by_rule"])
        entities.update(m["entities"])
        rows.update(m["rows"])
    return {
        "documents": {
            "total": sum(m["n_docs"] for m in manifests),
            "ok": sum(m["ok"] for m in manifests),
            "rejected": sum(m["rejected"] for m in manifests),
            "rejected_by_reason": dict(sorted(reasons.items())),
        },
        "mentions_by_label": dict(sorted(labels.items())),
        "edits_by_rule": dict(sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))),
        "top_entities": [
            {"entity_id": k.split("\t")[0], "canonical": k.split("\t", 1)[-1], "count": v}
            for k, v in sorted(entities.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
        ],
        "rows": dict(sorted(rows.items())),
        "n_chars": sum(m.get("n_chars", 0) for m in manifests),
    }


def clear(out: Path) -> None:  # pragma: no cover - used by tests
    shutil.rmtree(out, ignore_errors=True)
