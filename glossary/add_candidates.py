"""`tadasu glossary add-candidates OUT`: a run's most frequent unknown names as glossary entries
to review (issue 17: curation that closes the loop).

The stub is YAML in the glossary's own format (README "entities.yaml"), one entry per candidate,
with what the curator needs as comments: count, documents, label guess, the nearest known entity
and the example. What only a person can decide is left empty on purpose: `canonical` (the English
name, with the owner's casing) is `""`, so `tadasu glossary lint` on a copy of the glossary with
the stub beside it (`entities_zz_candidates.yaml`) names each entry still to fill in as
`file:line: error: entity '…': missing canonical`. A katakana name gets its surface as
`canonical_ja`; a Latin one none (a lint warning).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, Iterable

from .candidates import LABELS

_ID_CHARS = re.compile(r"[^a-z0-9]+")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")


def _yaml_str(s: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is valid YAML."""
    return json.dumps(s, ensure_ascii=False)


def _comment(s: str) -> str:
    """Text safe inside a `#` comment: one line."""
    return _LINE_BREAKS.sub(" ", s).strip()


def entity_id(surface: str, romaji: str | None, taken: set[str]) -> str:
    """A new id ([a-z0-9_]+, unique among `taken`) from the candidate's romaji (or its ASCII
    letters): Xperia → xperia, キャプテン・アメリカ → kyaputenamerika; `_2`, `_3` … when taken."""
    base = _ID_CHARS.sub("_", (romaji or surface).lower()).strip("_") or "candidate"
    if base[0].isdigit():
        base = f"n_{base}"
    eid, k = base, 2
    while eid in taken:
        eid, k = f"{base}_{k}", k + 1
    taken.add(eid)
    return eid


def pick(rows: Iterable[dict[str, Any]], top: int, label: str | None = None) -> list[dict[str, Any]]:
    """The `top` most frequent candidates (count, then documents, then surface), of `label` only
    when given."""
    chosen = [r for r in rows if label is None or r.get("label_guess") == label]
    chosen.sort(key=lambda r: (-(r.get("count") or 0), -(r.get("n_docs") or 0), str(r["surface"])))
    return chosen[:top]


def _entry(row: dict[str, Any], eid: str) -> list[str]:
    surface = row["surface"]
    label = row.get("label_guess") if row.get("label_guess") in LABELS else "PRODUCT"
    lines = [
        f"  # {_comment(surface)}: {row.get('count') or 0} times in {row.get('n_docs') or 0} documents;"
        f" label guess {row.get('label_guess') or 'none'}",
    ]
    if row.get("suggested_entity_id"):
        lines.append(f"  # nearest known entity: {row['suggested_entity_id']} (romaji score {row.get('score')}):"
                     " if it is that one, add the variant there instead")
    if row.get("example"):
        lines.append(f"  # example: {_comment(row['example'])}")
    lines += [
        f"  - id: {_yaml_str(eid)}",  # quoted: YAML reads a bare off, no, yes as booleans
        f"    label: {label}",
        '    canonical: ""  # TODO the English name, with the owner\'s casing',
    ]
    if not surface.isascii():
        lines.append(f"    canonical_ja: {_yaml_str(surface)}")
    lines += ["    variants:", f"      - {_yaml_str(surface)}", ""]
    return lines


def stub(rows: list[dict[str, Any]], source: str, known_ids: Iterable[str] = ()) -> str:
    """The YAML stub for `rows` (already picked), ids unique among themselves and `known_ids`."""
    taken = set(known_ids)
    out = [
        f"# Glossary entries to review: unknown names from {_comment(source)} (tadasu glossary add-candidates).",
        "# For each entry: delete it if it is not a name worth linking; else fill in `canonical` (English,",
        "# owner's casing), check the label, id and canonical_ja, add variants; then move it into",
        "# glossary/data/entities*.yaml. `tadasu glossary lint DIR` on a copy of the glossary with this file",
        "# in it lists what is still to fill in, by file and line.",
        "entities:",
    ]
    for row in rows:
        out += _entry(row, entity_id(row["surface"], row.get("romaji"), taken))
    if not rows:
        out[-1] = "entities: []"
    return "\n".join(out).rstrip("\n") + "\n"


def read_candidates(out_dir: str | Path) -> list[dict[str, Any]]:
    """The rows of OUT/candidates/ (every part file; one today)."""
    import pyarrow.parquet as pq

    folder = Path(out_dir) / "candidates"
    parts = sorted(folder.glob("*.parquet"))
    if not parts:
        raise FileNotFoundError(f"{folder}: no candidates/*.parquet (is {out_dir} the output folder of a tadasu run?)")
    rows: list[dict[str, Any]] = []
    for p in parts:
        rows += pq.read_table(p).to_pylist()
    return rows


def main_add_candidates(out_dir: str | Path, top: int, label: str | None = None, out_file: str | Path | None = None,
                        glossary: str | Path | None = None) -> int:
    """`tadasu glossary add-candidates OUT --top N [--label L] [--out FILE]`: writes the stub to
    FILE (default: stdout); ids are kept apart from the glossary's (default: the shipped one).
    0 on success, 2 when OUT has no candidates dataset."""
    from .loader import read

    try:
        rows = read_candidates(out_dir)
    except (FileNotFoundError, OSError) as e:
        print(f"tadasu: error: {e}", file=sys.stderr)
        return 2
    chosen = pick(rows, top, label)
    text = stub(chosen, str(Path(out_dir)), read(glossary).entities.keys())
    if out_file is None:
        sys.stdout.write(text)
    else:
        Path(out_file).write_text(text, encoding="utf-8")
        print(f"{len(chosen)} entries to review written to {out_file} (of {len(rows):,} candidates)", file=sys.stderr)
    return 0
