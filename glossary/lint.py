"""Validation of the glossary beyond its shape: conflicts, references, regexes, replacements.

`lint(path)` returns every issue; `Glossary.load` raises `GlossaryError` when any is an error.
`main_lint(path)` is `tadasu glossary lint [DIR]`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import regex

from .kana import fold_key
from .loader import LintIssue, RawGlossary, Variant, read
from .patterns import backtracking_risk, probe_strings

# A regex variant must answer on each probe string within this time (`regex`'s timeout). A sound
# pattern takes microseconds on them, a catastrophic one years: the limit lies far between, so a
# busy machine does not make a sound pattern fail.
PROBE_TIMEOUT = 1.0


def lint(path: str | Path | None = None) -> list[LintIssue]:
    raw = read(path)
    issues = raw.issues + check(raw)
    return issues + _stability(raw, issues)


def _stability(raw: RawGlossary, issues: list[LintIssue]) -> list[LintIssue]:
    """Replacements stable under a second pass: needs the compiled glossary, so only when the
    files are otherwise free of errors."""
    if any(i.severity == "error" for i in issues):
        return []
    from .matcher import Glossary

    return Glossary(raw).stability_issues()


def check(raw: RawGlossary) -> list[LintIssue]:
    issues: list[LintIssue] = []
    ents = raw.entities
    for ent in ents.values():
        for v in ent.variants:
            if v.pattern is not None:
                issues += _check_pattern(v)
            if v.context is not None:
                for eid in v.context.doc_any:
                    if eid not in ents:
                        line = v.context.lines.get("doc_any", v.line)
                        issues.append(LintIssue(v.file, line, f"entity {ent.id!r}: context.doc_any names unknown entity {eid!r}"))
            if v.replace is not None:
                issues += _check_fixed_point(v.replace, "replace", v.file, v.line)
            if v.text is not None:
                issues += _check_keeps_words(v.text, v.replace or ent.canonical, ent.id, v.file, v.line)
        issues += _check_fixed_point(ent.canonical, "canonical", ent.file, ent.line)
        if ent.canonical_ja:
            issues += _check_fixed_point(ent.canonical_ja, "canonical_ja", ent.file, ent.line)
    for c in raw.corrections:
        if c.entity_id is not None and c.entity_id not in ents:
            issues.append(LintIssue(c.file, c.line, f"correction {c.text!r}: unknown entity_id {c.entity_id!r}"))
        issues += _check_fixed_point(c.replace or "", "right", c.file, c.line)
    issues += _check_claims(raw)
    return issues


ARTICLES = frozenset({"the"})  # `the Netherlands` → `Netherlands`: the newspaper form, no word of the name lost
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&'+-]*")


def _check_keeps_words(text: str, replacement: str, entity_id: str, file: str, line: int) -> list[LintIssue]:
    """A Latin name is already written in English: rewriting it to a shorter form would delete
    words the writer put there (`Microsoft Azure` → `Azure` loses `Microsoft`, and a second pass
    over `Microsoftアジュール` → `Microsoft Azure` would then change the text again). Such a variant
    keeps its own text (`replace:` itself) or belongs to an entity of its own."""
    if not text.isascii() or not replacement.isascii():
        return []
    words = {w.casefold() for w in _LATIN_WORD.findall(text)}
    kept = {w.casefold() for w in _LATIN_WORD.findall(replacement)}
    lost_words = words - kept - ARTICLES
    if len(words) > 1 and kept < words and lost_words:
        lost = " ".join(sorted(lost_words))
        return [LintIssue(file, line, f"entity {entity_id!r}: variant {text!r} would be rewritten to {replacement!r}, "
                                      f"deleting {lost!r}: give it `replace: {text}`")]
    return []


def _check_claims(raw: RawGlossary) -> list[LintIssue]:
    """A folded surface claimed by two entities is ambiguous unless every claimant has a context
    rule that decides between them."""
    issues: list[LintIssue] = []
    claims: dict[str, list[Variant]] = {}
    literal = [v for e in raw.entities.values() for v in e.variants if v.text is not None]
    for v in literal + raw.corrections:
        key = fold_key(v.text)  # type: ignore[arg-type]
        if not key:
            issues.append(LintIssue(v.file, v.line, f"variant {v.text!r} is empty after folding"))
            continue
        for other in claims.get(key, ()):
            if v.case_sensitive and other.case_sensitive and v.text != other.text:
                continue  # `X` and `x` both case-sensitive: different surfaces
            where = f"{other.file}:{other.line}"
            if other.entity_id == v.entity_id and not v.correction and not other.correction:
                if v.context is None and other.context is None:
                    issues.append(
                        LintIssue(
                            v.file,
                            v.line,
                            f"variant {v.text!r} of {v.entity_id!r} folds to the same key as {other.text!r} ({where}): redundant",
                            "warning",
                        )
                    )
                continue
            if v.context is None or other.context is None:
                who = lambda x: f"correction {x.text!r}" if x.correction else f"entity {x.entity_id!r}"  # noqa: E731
                issues.append(
                    LintIssue(
                        v.file,
                        v.line,
                        f"variant {v.text!r} (folded {key!r}) of {who(v)} is also claimed by {who(other)} at {where}; "
                        "give every claimant a `context` rule or drop one",
                    )
                )
        claims.setdefault(key, []).append(v)
    return issues


# Characters no character rule changes, and a single space between two ASCII characters.
_PLAIN = re.compile("[A-Za-z0-9.&'(),+!?/:#@_\\-\u3041-\u3096\u30a1-\u30fa\u30fb\u30fc\u4e00-\u9fff\u3005]*")
_ASCII_GAP = re.compile("(?<=[!-~]) (?=[!-~])")


def _check_fixed_point(value: str, what: str, file: str, line: int) -> list[LintIssue]:
    """A replacement goes into normalized text: the character rules must leave it as it is, or
    normalizing the output again would change it."""
    from normalizers.config import NormalizeConfig
    from normalizers.rules import CHARACTER_RULES

    out = []
    if value != value.strip():
        out.append(LintIssue(file, line, f"{what} {value!r} has leading or trailing whitespace"))
    elif _PLAIN.fullmatch(_ASCII_GAP.sub("", value)):
        return out  # only characters no rule touches (the 50,000-entity glossary: 10x faster)
    defaults = NormalizeConfig()
    for rule in CHARACTER_RULES:
        if rule.option is not None and not getattr(defaults, rule.option):
            continue
        if rule.replacements(value):
            out.append(LintIssue(file, line, f"{what} {value!r} is not normalized text: character rule {rule.name!r} changes it"))
    return out


# --- regex variants --------------------------------------------------------------------------


def compile_pattern(p: str, case_sensitive: bool) -> regex.Pattern:
    return regex.compile(p, 0 if case_sensitive else regex.IGNORECASE)


def _check_pattern(v: Variant) -> list[LintIssue]:
    """A regex variant compiles, matches something, has no shape that backtracks exponentially
    (`patterns.backtracking_risk`, static), and answers on Japanese probe strings within
    PROBE_TIMEOUT (`regex`'s timeout, the net for shapes the static check does not know). No
    measured duration decides: only the timeout, set far above what a sound pattern takes."""
    p = v.pattern or ""
    where = f"pattern {p!r}"
    try:
        compiled = compile_pattern(p, v.case_sensitive)
    except regex.error as e:
        return [LintIssue(v.file, v.line, f"{where} does not compile: {e}")]
    if compiled.fullmatch(""):
        return [LintIssue(v.file, v.line, f"{where} matches the empty string")]
    risk = backtracking_risk(p)
    if risk:
        return [LintIssue(v.file, v.line, f"{where} is slow: {risk} (catastrophic backtracking)")]
    for s in probe_strings(p):
        try:
            compiled.search(s, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            return [LintIssue(v.file, v.line, f"{where} is slow: over {PROBE_TIMEOUT:g} s on {s[:8]!r}... ({len(s)} chars)")]
    return []


# --- command line ------------------------------------------------------------------------------


def main_lint(path: str | Path | None = None) -> int:
    """`tadasu glossary lint [DIR]`: prints `file:line: severity: message`; 1 on errors."""
    from .loader import read as _read

    raw = _read(path)
    issues = raw.issues + check(raw)
    issues += _stability(raw, issues)
    for i in sorted(issues, key=lambda i: (i.file, i.line)):
        print(i)
    n_err = sum(i.severity == "error" for i in issues)
    n_warn = len(issues) - n_err
    if n_err:
        print(f"glossary lint: {n_err} error(s), {n_warn} warning(s)", file=sys.stderr)
        return 1
    n_var = sum(len(e.variants) for e in raw.entities.values())
    print(
        f"glossary OK: {len(raw.entities)} entities, {n_var} variants, {len(raw.corrections)} corrections, "
        f"{n_warn} warning(s), version {raw.version}",
        file=sys.stderr,
    )
    return 0


__all__ = ["lint", "check", "main_lint", "compile_pattern", "LintIssue"]
