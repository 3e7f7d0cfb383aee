"""Reading the glossary files into entities, variants and corrections, with the line of each.

Parsing and validation live together: every problem is a `LintIssue` naming file and line,
collected (not raised) so `lint` reports all of them at once. YAML positions come from the
composed node tree (`yaml.compose`), which keeps each node's start mark.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LABELS = ("PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT")
CONTEXT_KEYS = ("doc_any", "words_any", "after_any", "before_any")
ENTITY_KEYS = {"id", "label", "canonical", "canonical_ja", "wikidata", "notes", "variants"}
VARIANT_KEYS = {"text", "pattern", "replace", "mistranslation", "context", "case_sensitive", "compound"}
ID_RE = re.compile(r"[a-z0-9_]+")
SHIPPED_DIR = Path(__file__).resolve().parent / "data"
CORRECTIONS_HEADER = ["wrong", "right", "entity_id", "note"]

try:  # libyaml keeps the same marks and is ~10x faster on big glossaries
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pyyaml built without libyaml
    _BaseLoader = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader with a short cut in tag resolution (called for every node): a scalar
    whose first character starts no implicit type (bool, int, float, null, ...) is a string, as
    `Resolver.resolve` finds after trying nothing. 50,000 names: ~2 s saved."""


def _fast_resolve(
    self,
    kind,
    value,
    implicit,
    _scalar=yaml.ScalarNode,
    _firsts=frozenset(k for k in _BaseLoader.yaml_implicit_resolvers if k),
    _slow=_BaseLoader.resolve,
):  # noqa: ANN001, ANN202
    if kind is _scalar and value and value[0] not in _firsts:
        return _STR_TAG
    return _slow(self, kind, value, implicit)


# Only while no wildcard or path resolver is registered (then the short cut would be wrong).
if None not in _BaseLoader.yaml_implicit_resolvers and not _BaseLoader.yaml_path_resolvers:
    _Loader.resolve = _fast_resolve  # type: ignore[method-assign]


@dataclass(frozen=True)
class LintIssue:
    file: str
    line: int
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


class GlossaryError(Exception):
    """The glossary has errors; `issues` lists every one (warnings included)."""

    def __init__(self, issues: list[LintIssue]):
        self.issues = issues
        errors = [i for i in issues if i.severity == "error"]
        shown = "\n".join(str(i) for i in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"glossary has {len(errors)} error(s):\n{shown}{more}")


@dataclass(frozen=True)
class Context:
    doc_any: tuple[str, ...] = ()
    words_any: tuple[str, ...] = ()
    after_any: tuple[str, ...] = ()
    before_any: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass
class Variant:
    entity_id: str | None
    text: str | None  # a literal surface, or None for a pattern variant
    pattern: str | None = None
    replace: str | None = None
    mistranslation: bool = False
    case_sensitive: bool = False
    context: Context | None = None
    correction: bool = False  # a corrections.tsv row (applies in every surface mode)
    implicit: bool = False  # canonical / canonical_ja / replace added so the output is found again
    # May a katakana variant match when more katakana follows it (スターゲートプロジェクト)? None:
    # the default rule (matcher.compound_default: ORG/PRODUCT/EVENT keys of 5+ folded characters).
    compound: bool | None = None
    file: str = ""
    line: int = 0


@dataclass
class Entity:
    id: str
    label: str
    canonical: str
    canonical_ja: str | None
    wikidata: str | None = None
    notes: str | None = None
    variants: list[Variant] = field(default_factory=list)
    file: str = ""
    line: int = 0


@dataclass
class RawGlossary:
    entities: dict[str, Entity]
    corrections: list[Variant]
    issues: list[LintIssue]
    files: list[Path]
    version: str
    # common_words*.txt: ordinary words (folded) that fuzzy linking and candidates never take
    common_words: frozenset[str] = frozenset()


def resolve_dir(path: str | Path | None) -> Path:
    """None or "glossary": the shipped data; else a dir holding entities*.yaml, or its parent."""
    if path is None or str(path) == "glossary":
        return SHIPPED_DIR
    p = Path(path)
    if p.is_dir() and not any(p.glob("entities*.yaml")) and (p / "data").is_dir():
        return p / "data"
    return p


def data_files(d: Path) -> tuple[list[Path], list[Path]]:
    return sorted(d.glob("entities*.yaml")), sorted(d.glob("corrections*.tsv"))


def common_word_files(d: Path) -> list[Path]:
    return sorted(d.glob("common_words*.txt"))


def directory_version(path: str | Path | None) -> str:
    """The content version `read(path)` would give, from the files' bytes alone (no parsing):
    what a cache of compiled glossaries keys on."""
    d = resolve_dir(path)
    yamls, tsvs = data_files(d)
    return content_version(yamls + tsvs + common_word_files(d))


def read_common_words(files: list[Path]) -> frozenset[str]:
    """One word a line; `#` starts a comment; words are folded (`kana.fold_key`)."""
    from .kana import fold_keys

    words = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            w = line.split("#", 1)[0].strip()
            if w:
                words.append(w)
    return frozenset(fold_keys(words))


def content_version(files: list[Path]) -> str:
    """sha256 over the files' names and bytes, so renaming or editing any file changes it."""
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def read(path: str | Path | None) -> RawGlossary:
    d = resolve_dir(path)
    issues: list[LintIssue] = []
    if not d.is_dir():
        issues.append(LintIssue(str(d), 0, "glossary directory not found"))
        return RawGlossary({}, [], issues, [], "")
    yamls, tsvs = data_files(d)
    if not yamls:
        issues.append(LintIssue(str(d), 0, "no entities*.yaml file in the glossary directory"))
    entities: dict[str, Entity] = {}
    for f in yamls:
        _read_yaml(f, entities, issues)
    corrections: list[Variant] = []
    for f in tsvs:
        _read_tsv(f, corrections, issues)
    commons = common_word_files(d)
    files = yamls + tsvs + commons
    return RawGlossary(entities, corrections, issues, files, content_version(files), read_common_words(commons))


# --- YAML --------------------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    def __init__(self, file: str, issues: list[LintIssue], loader: Any):
        self.file = file
        self.issues = issues
        self.loader = loader

    def err(self, node_or_line: Any, message: str, severity: str = "error") -> None:
        line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
        self.issues.append(LintIssue(self.file, line, message, severity))

    def value(self, node: yaml.Node) -> Any:
        if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
            return node.value  # what the constructor returns for a string, without its bookkeeping
        return self.loader.construct_object(node, deep=True)

    def string(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.err(node, f"{what} must be a string")
            return None
        v = self.value(node)
        if v is None:
            return None
        if not isinstance(v, str):
            v = str(v)  # a bare number (wikidata-like ids, years) is read as its text
        return v

    def string_list(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            s = self.string(item, what)
            if s is None or not s.strip():
                self.err(item, f"{what}: empty item")
            else:
                out.append(s)
        return tuple(out)

    def mapping(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for k, v in node.value:
            key = self.value(k)
            if key in out:
                self.err(k, f"duplicate key {key!r}")
            out[str(key)] = (k, v)
        return out


def _display(path: Path) -> str:
    """The path as the user can open it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_yaml(path: Path, entities: dict[str, Entity], issues: list[LintIssue]) -> None:
    file = _display(path)
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else 0
        issues.append(LintIssue(file, line, f"YAML syntax: {getattr(e, 'problem', None) or e}"))
        return
    r = _Reader(file, issues, loader)
    try:
        if root is None:
            r.err(1, "empty file (expected a mapping with an `entities:` list)")
            return
        if not isinstance(root, yaml.MappingNode):
            r.err(root, "top level must be a mapping with an `entities:` list")
            return
        top = r.mapping(root)
        for key, (k, _) in top.items():
            if key != "entities":
                r.err(k, f"unknown top-level key {key!r}", "warning")
        if "entities" not in top:
            r.err(root, "missing `entities:` list")
            return
        seq = top["entities"][1]
        if not isinstance(seq, yaml.SequenceNode):
            r.err(seq, "`entities` must be a list")
            return
        for node in seq.value:
            ent = _read_entity(r, node)
            if ent is None:
                continue
            if ent.id in entities:
                first = entities[ent.id]
                r.err(ent.line, f"duplicate entity id {ent.id!r} (first at {first.file}:{first.line})")
                continue
            entities[ent.id] = ent
    finally:
        loader.dispose()


def _read_entity(r: _Reader, node: yaml.Node) -> Entity | None:
    if not isinstance(node, yaml.MappingNode):
        r.err(node, "an entity must be a mapping (id, label, canonical, ...)")
        return None
    m = r.mapping(node)
    for key, (k, _) in m.items():
        if key not in ENTITY_KEYS:
            r.err(k, f"unknown entity key {key!r}", "warning")

    def get(key: str) -> str | None:
        return r.string(m[key][1], key) if key in m else None

    eid = get("id")
    ok = True
    if not eid:
        r.err(node, "entity without `id`")
        ok = False
    elif not ID_RE.fullmatch(eid):
        r.err(m["id"][1], f"id {eid!r} must match [a-z0-9_]+")
        ok = False
    label = get("label")
    if not label:
        r.err(node, f"entity {eid!r}: missing `label`")
        ok = False
    elif label not in LABELS:
        r.err(m["label"][1], f"entity {eid!r}: unknown label {label!r} (one of {', '.join(LABELS)})")
        ok = False
    canonical = get("canonical")
    if canonical is None or not canonical.strip():
        r.err(m["canonical"][1] if "canonical" in m else node, f"entity {eid!r}: missing `canonical`")
        ok = False
    canonical_ja = get("canonical_ja")
    if canonical_ja is not None and not canonical_ja.strip():
        r.err(m["canonical_ja"][1], f"entity {eid!r}: empty `canonical_ja`")
        canonical_ja = None
    elif canonical_ja is None:
        r.err(node, f"entity {eid!r}: no `canonical_ja` (surface 'ja' falls back to canonical)", "warning")
    ent = Entity(
        id=eid or "",
        label=label or "",
        canonical=canonical or "",
        canonical_ja=canonical_ja,
        wikidata=get("wikidata"),
        notes=get("notes"),
        file=r.file,
        line=_line(node),
    )
    if "variants" in m:
        seq = m["variants"][1]
        if not isinstance(seq, yaml.SequenceNode):
            r.err(seq, f"entity {eid!r}: `variants` must be a list")
        else:
            for vn in seq.value:
                v = _read_variant(r, vn, ent.id)
                if v is not None:
                    ent.variants.append(v)
    return ent if ok else None


def _read_variant(r: _Reader, node: yaml.Node, eid: str) -> Variant | None:
    line = _line(node)
    if isinstance(node, yaml.ScalarNode):
        text = r.string(node, "variant")
        if text is None or not text.strip():
            r.err(node, f"entity {eid!r}: empty variant")
            return None
        return Variant(eid, text, file=r.file, line=line)
    if not isinstance(node, yaml.MappingNode):
        r.err(node, f"entity {eid!r}: a variant is a string or a mapping with `text` or `pattern`")
        return None
    m = r.mapping(node)
    for key, (k, _) in m.items():
        if key not in VARIANT_KEYS:
            r.err(k, f"entity {eid!r}: unknown variant key {key!r}")

    def get(key: str) -> str | None:
        return r.string(m[key][1], key) if key in m else None

    def flag(key: str) -> bool:
        if key not in m:
            return False
        v = r.value(m[key][1])
        if not isinstance(v, bool):
            r.err(m[key][1], f"entity {eid!r}: `{key}` must be true or false")
            return False
        return v

    text, pattern = get("text"), get("pattern")
    if text is not None and pattern is not None:
        r.err(node, f"entity {eid!r}: a variant has `text` or `pattern`, not both")
        return None
    if text is None and pattern is None:
        r.err(node, f"entity {eid!r}: variant without `text` or `pattern`")
        return None
    if (text is not None and not text.strip()) or (pattern is not None and not pattern.strip()):
        r.err(node, f"entity {eid!r}: empty variant")
        return None
    replace = get("replace")
    if replace is not None and not replace.strip():
        r.err(m["replace"][1], f"entity {eid!r}: empty `replace`")
        replace = None
    context = None
    if "context" in m:
        context = _read_context(r, m["context"][1], eid)
    return Variant(
        eid,
        text,
        pattern=pattern,
        replace=replace,
        mistranslation=flag("mistranslation"),
        case_sensitive=flag("case_sensitive"),
        compound=flag("compound") if "compound" in m else None,
        context=context,
        file=r.file,
        line=line,
    )


def _read_context(r: _Reader, node: yaml.Node, eid: str) -> Context | None:
    if not isinstance(node, yaml.MappingNode):
        r.err(node, f"entity {eid!r}: `context` must be a mapping ({', '.join(CONTEXT_KEYS)})")
        return None
    m = r.mapping(node)
    values: dict[str, tuple[str, ...]] = {}
    for key, (k, v) in m.items():
        if key not in CONTEXT_KEYS:
            r.err(k, f"entity {eid!r}: unknown context key {key!r} (one of {', '.join(CONTEXT_KEYS)})")
            continue
        values[key] = r.string_list(v, f"context.{key}")
        if not values[key]:
            r.err(k, f"entity {eid!r}: context.{key} is empty (the variant could never match)")
    if not values:
        r.err(node, f"entity {eid!r}: empty `context`")
        return None
    # Lines of each key kept for the doc_any check, which needs every entity read first.
    return Context(**values, lines={key: _line(v) for key, (_, v) in m.items()})


# --- corrections.tsv ---------------------------------------------------------------------------


def _read_tsv(path: Path, out: list[Variant], issues: list[LintIssue]) -> None:
    file = _display(path)
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or [c.strip() for c in rows[0][:4]] != CORRECTIONS_HEADER[: len(rows[0][:4])] or len(rows[0]) < 3:
        issues.append(LintIssue(file, 1, f"header must be {chr(9).join(CORRECTIONS_HEADER)!r} (tab-separated)"))
        return
    seen: dict[str, int] = {}
    for i, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row) or row[0].startswith("#"):
            continue  # blank lines and comments
        if len(row) < 2 or len(row) > 4:
            issues.append(LintIssue(file, i, f"expected 2 to 4 tab-separated columns, found {len(row)}"))
            continue
        wrong, right = row[0], row[1]
        eid = row[2].strip() if len(row) > 2 and row[2].strip() else None
        if not wrong.strip():
            issues.append(LintIssue(file, i, "empty `wrong`"))
            continue
        if not right.strip():
            issues.append(LintIssue(file, i, f"empty `right` for {wrong!r}"))
            continue
        if wrong != wrong.strip() or right != right.strip():
            issues.append(LintIssue(file, i, "leading or trailing whitespace in a cell", "warning"))
        key = wrong.strip().lower()
        if key in seen:
            issues.append(LintIssue(file, i, f"duplicate correction {wrong!r} (first at line {seen[key]})"))
            continue
        seen[key] = i
        out.append(
            Variant(eid, wrong.strip(), replace=right.strip(), correction=True, file=file, line=i)
        )
