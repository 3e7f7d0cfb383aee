"""`Glossary`: the compiled glossary and `find`, the matcher the Normalizer calls.

How `find` works, on the character-normalized text of one document:

1. Fold the text (`kana.fold_fast`: one pass, the same result as `kana.fold`) and run one
   Aho-Corasick automaton (LeftmostLongest; a DFA up to DFA_MAX_KEYS keys) over all folded
   variant keys and correction phrases; map each hit back to the text. No hit: done (fuzzy
   linking needs a context-free mention).
2. Check each hit: ASCII boundaries for keys that start/end with a Latin letter or digit
   (`ai` never inside `maintain`), katakana boundaries for keys that start/end with katakana
   (ウルトラマン never inside ウルトラマンサーガ), exact case for `case_sensitive` variants, and a
   minimum key length for hits that only agree after folding (メタ must not match メーター).
   A hit that fails hides shorter keys inside it from LeftmostLongest: those that can lie there
   are known from the keys (`hidden.HiddenKeys`) and checked in the same way.
3. Regex variants run on the text itself, with the same boundary checks.
4. Context: the entities with a context-free hit make the document's `doc_any` set; then each
   hit takes its first claimant whose context holds, and the entities linked that way join the
   set, until it stops growing (`_choose_claims`: one pass finds what the next would).
5. Overlaps are resolved leftmost-longest; fuzzy linking fills the gaps (`fuzzy.FuzzyLinker`).
   An entity it links that was not mentioned yet joins the set, and steps 4-5 run again.

Context rules live in `context.py`, URL and domain spans in `web.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, cast

from normalizers.chars import (
    KATAKANA,
    KATAKANA_FIRST,
    KATAKANA_LAST,
    LONG_VOWEL,
    NAME_SEPARATORS,
)

from normalizers.errors import GlossaryTimeout

from .context import choose_claims
from .fuzzy import JOINERS, FuzzyLinker, joined_to_name
from .hidden import HiddenKeys
from .keysearch import KeySearch
from .kana import Folded, IndexFolded, fold_fast, fold_key, fold_keys
from .lint import check, compile_pattern
from .loader import Entity, GlossaryError, LintIssue, RawGlossary, Variant, read
from .web import inside_web, merge_spans, web_around, web_edge
from .rewrites import rewrite_policy
from .wholenames import Span, whole_names


# Hits that agree with a variant only after folding (long vowels, small kana, ヴ) need a key at
# least this long: short keys fold onto ordinary words (メタ ← メーター, マスク ← マースク).
MIN_FOLDED_ONLY_KEY: Final = 4
FOLDED_ONLY_CONFIDENCE: Final = 0.95
# The main automaton is a DFA (about twice as fast to search) up to this many keys; beyond it the
# DFA's memory and build time grow too much and the default (contiguous NFA) is used.
DFA_MAX_KEYS = 20_000
# Implicit variants (an entity's canonical, canonical_ja, replace: so normalized output links
# again) shorter than this are left out: `X` or `メタ` alone would link too much.
MIN_IMPLICIT_KEY = 3
# Compound names: a katakana key of an ORG/PRODUCT/EVENT this long (folded) may match when more
# katakana follows (マイクロソフトオフィス, ソフトバンクグループ), so the data needs no compound
# variants that carry extra words; shorter keys keep the boundary (メタ not in メタボ, ソラ not in
# ソラマメ, ディズニー not in ディズニーシー). A variant's `compound: true/false` overrides.
COMPOUND_MIN_KEY = 5
COMPOUND_LABELS = frozenset({"ORG", "PRODUCT", "EVENT"})
# A regex variant gets this long on one document; beyond it the document is rejected
# (`GlossaryTimeout`), not the run hung. A sound pattern takes microseconds on a long document, a
# catastrophic one years: the limit only has to lie far between them (not a speed threshold).
PATTERN_TIMEOUT = 2.0

_KATA: Final = re.compile(f"[{KATAKANA}]")


_ASCII_LETTER: Final = re.compile("[A-Za-z]")
_SEPARATORS: Final = re.compile(f"[{NAME_SEPARATORS}]")


def _ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _katakana(c: str) -> bool:
    return _KATA.match(c) is not None


def _light(s: str) -> str:
    """The surface as written, minus separators and case: equal to the variant's means the hit
    is not a folded-only one."""
    return _SEPARATORS.sub("", s).lower()


@dataclass(frozen=True, slots=True)
class GlossaryMatch:
    start: int
    end: int
    entity_id: str | None
    label: str | None
    canonical: str | None
    canonical_ja: str | None
    replacement: str | None  # text to put in place for the surface mode; None: leave as is
    method: str  # "glossary" | "fuzzy"
    confidence: float
    rule: str  # edit rule name: "glossary", "mt_correction", "glossary_fuzzy"

    def without_replacement(self) -> "GlossaryMatch":
        """This match left as written (`dataclasses.replace(m, replacement=None)`, without its
        per-call field lookups: `find` drops thousands of replacements per 1,000 documents)."""
        return GlossaryMatch.of(self.start, self.end, self.entity_id, self.label, self.canonical, self.canonical_ja,
                                None, self.method, self.confidence, self.rule)

    def with_label(self, label: str | None) -> "GlossaryMatch":
        """This match with another label (`dataclasses.replace(m, label=label)`, one `of` call:
        the mention policy relabels the services, `mentions.service_label`)."""
        return GlossaryMatch.of(self.start, self.end, self.entity_id, label, self.canonical, self.canonical_ja,
                                self.replacement, self.method, self.confidence, self.rule)

    @staticmethod
    def of(start: int, end: int, entity_id: str | None, label: str | None, canonical: str | None,
           canonical_ja: str | None, replacement: str | None, method: str, confidence: float,
           rule: str) -> "GlossaryMatch":
        """`GlossaryMatch(start, end, ...)`, the same object, built the way the dataclass's generated
        `__init__` builds it (`object.__setattr__` per field), but in this class's own code: compiled,
        each of these is a store into the native object (mypyc compiles `object.__setattr__` on
        a field of the class it is in that way), where the generated `__init__` is interpreted
        Python, ~6,000 instructions a match (`find` builds one per hit: 7,815 in 300 documents).
        (`GlossaryMatch.__new__`, not `object.__new__`, which refuses a compiled class.)"""
        m = GlossaryMatch.__new__(GlossaryMatch)
        object.__setattr__(m, "start", start)
        object.__setattr__(m, "end", end)
        object.__setattr__(m, "entity_id", entity_id)
        object.__setattr__(m, "label", label)
        object.__setattr__(m, "canonical", canonical)
        object.__setattr__(m, "canonical_ja", canonical_ja)
        object.__setattr__(m, "replacement", replacement)
        object.__setattr__(m, "method", method)
        object.__setattr__(m, "confidence", confidence)
        object.__setattr__(m, "rule", rule)
        return m


@dataclass(frozen=True, slots=True)
class _Claim:
    """One variant compiled: what a hit on its key means."""

    variant: Variant
    entity: Entity | None
    light: str  # _light(variant.text), for the folded-only check
    exact_case: str | None  # fold_key(text, lower=False) for case-sensitive variants
    rule: str
    en: str | None
    ja: str | None
    keep: str | None
    compound: bool = False  # may match with katakana right after it (`compound_default`)
    # The entity's id, label, canonical, canonical_ja: GlossaryMatch's fields after the span.
    entity_fields: tuple[str | None, str | None, str | None, str | None] = (None, None, None, None)

    def replacement(self, surface: str) -> str | None:
        return self.en if surface == "en" else self.ja if surface == "ja" else self.keep


def compound_default(v: Variant, ent: Entity | None, key: str) -> bool:
    """Whether a hit on the variant's key may run straight into more katakana: the variant's
    `compound` when set; else a context-free, non-corrective katakana-final key of 5+ folded
    characters of an ORG/PRODUCT/EVENT (a person's name followed by katakana is another name:
    アルトマンズ)."""
    if not key or _edge_kind(key[-1]) != 2:
        return False
    if v.compound is not None:
        return v.compound
    if ent is None or v.correction or v.mistranslation or v.context is not None:
        return False
    return ent.label in COMPOUND_LABELS and len(key) >= COMPOUND_MIN_KEY


def _claim(v: Variant, ent: Entity | None, key: str = "") -> _Claim:
    mt = v.correction or v.mistranslation
    if v.correction:
        right = v.replace
        en, keep = right, right
        ja = ent.canonical_ja if ent is not None and ent.canonical_ja else right
    else:
        assert ent is not None
        en = v.replace or ent.canonical
        ja = ent.canonical_ja or ent.canonical
        keep = ja if v.mistranslation else None
    return _Claim(
        variant=v,
        entity=ent,
        light=_light(v.text) if v.text is not None else "",
        exact_case=fold_key(v.text, lower=False) if v.case_sensitive and v.text is not None else None,
        rule="mt_correction" if mt else "glossary",
        en=en,
        ja=ja,
        keep=keep,
        compound=compound_default(v, ent, key),
        entity_fields=(ent.id, ent.label, ent.canonical, ent.canonical_ja) if ent is not None else (None, None, None, None),
    )


class _Hit:
    """A checked automaton or pattern hit: its span, the claims that hold there, the one chosen.
    (A plain class, not a dataclass: compiled, its constructor is native, where a dataclass's is
    the generated Python `__init__`; `find` builds one per hit.)"""

    __slots__ = ("start", "end", "claims", "confidence", "chosen", "keep_text")

    def __init__(self, start: int, end: int, claims: list[_Claim], confidence: float, keep_text: bool = False) -> None:
        self.start = start
        self.end = end
        self.claims = claims
        self.confidence = confidence
        self.chosen: _Claim | None = None
        # Part of a longer name (run on into katakana, or joined to one by & or =): tagged, never
        # rewritten, since a rewrite must cover the whole name (never `SoftBankモバイル`) and a part
        # rewritten would expose the rest to the next pass (`Microsoftマイクロソフト`).
        self.keep_text = keep_text


class Glossary:
    """A loaded, validated, compiled glossary. Build with `Glossary.load(path)`."""

    def __init__(
        self, raw: RawGlossary, warnings: list[LintIssue] | None = None, pattern_timeout: float = PATTERN_TIMEOUT
    ):
        self.version: str = raw.version
        self.pattern_timeout = pattern_timeout
        self.entities: dict[str, Entity] = raw.entities
        self.corrections: list[Variant] = raw.corrections
        self.warnings: list[LintIssue] = warnings or []
        self.common_words: frozenset[str] = raw.common_words  # folded; see data/common_words.txt
        self.path: Path | None = raw.files[0].parent if raw.files else None
        self._compile()
        self._romaji: Any = None  # candidates.RomajiIndex, built on first suggest()
        self._known: set[str] | None = None  # the keys as a set, built on first `is_known`

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Glossary":
        raw = read(path)
        issues = raw.issues + check(raw)
        if any(i.severity == "error" for i in issues):
            raise GlossaryError(issues)
        g = cls(raw, issues)
        stability = g.stability_issues()
        if any(i.severity == "error" for i in stability):
            raise GlossaryError(issues + stability)
        g.warnings += stability
        return g

    def stability_issues(self) -> list[LintIssue]:
        """Every replacement, matched again on its own, must be left as it is: otherwise a
        second normalization changes the output (a variant `Altman` without `replace` would turn
        the `Altman` another variant wrote into `Sam Altman`)."""
        issues = []
        for surface in ("en", "ja", "keep"):
            owners: dict[str, _Claim] = {}
            for claims in self._claims:
                for c in claims:
                    r = c.replacement(surface)
                    if r and r not in owners:
                        owners[r] = c
            # One pass over all replacements joined by newlines (no key spans a newline, so each
            # line matches as on its own, but for doc_any contexts, which can only add hits);
            # the lines that look unstable are checked again on their own.
            rs = list(owners)
            joined = "\n".join(rs)
            starts, pos = [], 0
            for r in rs:
                starts.append(pos)
                pos += len(r) + 1
            suspects = set()
            for m in self.find(joined, surface=surface, fuzzy=False):
                if m.replacement is not None and m.replacement != joined[m.start : m.end]:
                    suspects.add(rs[bisect_right(starts, m.start) - 1])
            for r in sorted(suspects):
                v = owners[r].variant
                for m in self.find(r, surface=surface, fuzzy=False):
                    if m.replacement is not None and m.replacement != r[m.start : m.end]:
                        issues.append(
                            LintIssue(
                                v.file,
                                v.line,
                                f"replacement {r!r} (surface {surface!r}) is not stable: matched again, "
                                f"{r[m.start : m.end]!r} becomes {m.replacement!r} ({m.entity_id}); "
                                "give that variant `replace:` with its own text",
                            )
                        )
        return issues

    def __repr__(self) -> str:
        return f"Glossary({len(self.entities)} entities, {len(self._keys)} keys, version={self.version})"

    # -- compile ---------------------------------------------------------------------------

    def _compile(self) -> None:
        by_key: dict[str, list[_Claim]] = {}
        self._patterns: list[tuple[object, _Claim]] = []
        # doc_any ids of an entity's variants: the entities whose mention supports a fuzzy link
        self._support: dict[str, set[str]] = {}
        # Every text that becomes a key, folded in one pass (50,000 entities: 3 texts each).
        texts = [v.text for e in self.entities.values() for v in e.variants if v.pattern is None and v.text is not None]
        texts += [c.text for c in self.corrections if c.text is not None]
        texts += [s for e in self.entities.values() for s in [e.canonical, e.canonical_ja] + [v.replace for v in e.variants] if s]
        folded = dict(zip(texts, fold_keys(texts)))

        def fold_key(t: str) -> str:
            return folded[t]

        for ent in self.entities.values():
            sup = self._support.setdefault(ent.id, {ent.id})
            for v in ent.variants:
                if v.context is not None:
                    sup.update(v.context.doc_any)
                if v.pattern is not None:
                    self._patterns.append((compile_pattern(v.pattern, v.case_sensitive), _claim(v, ent)))
                else:
                    k = fold_key(v.text)  # type: ignore[arg-type]
                    by_key.setdefault(k, []).append(_claim(v, ent, k))
        for c in self.corrections:
            owner = self.entities.get(c.entity_id) if c.entity_id else None
            k = fold_key(c.text)  # type: ignore[arg-type]
            by_key.setdefault(k, []).append(_claim(c, owner, k))
        # Implicit variants: what `find` writes must be found again when the output is normalized.
        for ent in self.entities.values():
            # A `replace` keeps its variant's context: a name written only because a context held
            # (イーロン → Elon, with doc_any) must not become a context-free mention the second
            # time, or it would support other variants' doc_any (マスク → Musk) it did not before.
            replaces = sorted((v for v in ent.variants if v.replace), key=lambda v: v.context is not None)
            surfaces = [(ent.canonical, None), (ent.canonical_ja, None)] + [(v.replace, v.context) for v in replaces]
            for s, ctx in surfaces:
                if not s:
                    continue
                key = fold_key(s)
                if len(key) < MIN_IMPLICIT_KEY or key in by_key:
                    continue
                latin = _ASCII_LETTER.search(s) is not None
                # In "en" mode an English surface we wrote stays itself (Altman stays Altman,
                # not Sam Altman), or the second normalization pass would change it.
                v = Variant(ent.id, s, replace=s if latin else None, case_sensitive=latin, context=ctx, implicit=True, file=ent.file, line=ent.line)
                by_key[key] = [_claim(v, ent, key)]
        # A key's claimants with a context rule are tried first: the specific reading wins.
        for claims in by_key.values():
            claims.sort(key=lambda c: c.variant.context is None)
        self._keys = list(by_key)
        self._claims = [by_key[k] for k in self._keys]
        self._max_key = max((len(k) for k in self._keys), default=1)
        # The automaton over the folded keys: LeftmostLongest; a DFA up to DFA_MAX_KEYS keys.
        self._ac = KeySearch(self._keys, len(self._keys) <= DFA_MAX_KEYS) if self._keys else None
        # Per key: which boundary checks its first and last characters need (bit 1: ASCII letter
        # or digit, bit 2: katakana), and the claims' literal texts (a surface equal to one is
        # not a folded-only hit: no `_light` needed).
        self._edge = [(_edge_kind(k[0]), _edge_kind(k[-1])) for k in self._keys]
        # What `_check` needs of a key, in one lookup: (first, last, compound, claims, short);
        # short: a folded-only hit on it is rejected (MIN_FOLDED_ONLY_KEY).
        self._kinfo = [
            (*edge, any(c.compound for c in claims), claims, len(k) < MIN_FOLDED_ONLY_KEY)
            for edge, claims, k in zip(self._edge, self._claims, self._keys)
        ]
        self._hides = HiddenKeys(self._keys)
        self._fuzzy_linker = FuzzyLinker(self._keys, self._claims, self._support, self.common_words)

    def forget_runs(self) -> None:
        """Empty the fuzzy linker's memo of the runs seen so far (benchmarks: a cold pass)."""
        self._fuzzy_linker.forget_runs()

    # -- find ------------------------------------------------------------------------------

    def find(self, text: str, surface: str = "en", fuzzy: bool = True) -> list[GlossaryMatch]:
        if surface not in ("en", "ja", "keep"):
            raise ValueError(f"surface must be 'en', 'ja' or 'keep', not {surface!r}")
        f = fold_fast(text) if self._ac is not None and text else None
        hits = self._exact_hits(text, f) if f is not None else []
        if self._patterns:
            hits += self._pattern_hits(text)
        if not hits:
            return []  # no context-free mention either, so nothing for fuzzy to link
        web = []
        for h in hits:
            if web_edge(text, h.start, h.end):
                web += web_around(text, h.start, h.end)
        if web:
            web = merge_spans(web)
            hits = [h for h in hits if not inside_web(web, h.start, h.end)]
            if not hits:
                return []
        doc_ids = {c.entity.id for h in hits for c in h.claims if c.variant.context is None and c.entity is not None}
        while True:
            choose_claims(text, hits, doc_ids)
            # (whole_names takes any spans and returns some of them: our _Hits)
            chosen = cast("list[_Hit]", whole_names(text, cast("list[Span]", _leftmost_longest([h for h in hits if h.chosen is not None]))))
            if not fuzzy:
                links = []
                break
            taken = [(h.start, h.end) for h in chosen]
            links = self._fuzzy_linker.link(text, f, merge_spans(taken + web) if web else taken, doc_ids)
            # A fuzzy link's rewrite (Altmaan → Altman) is a context-free mention on the next
            # pass: its entity counts as mentioned now, or the next pass would link more
            # (イーロン → Elon beside it). The ids only grow, so this ends.
            linked = {c.entity.id for _, _, c, _ in links if c.entity is not None}
            if linked <= doc_ids:
                break
            doc_ids |= linked
        out = [self._glossary_match(text, h, surface) for h in chosen]
        # `chosen` is sorted and disjoint already (and so is `out`): merge and sort only when
        # there is something to add.
        if links:
            out += [self._match(s, e, c, surface, "fuzzy", conf, "glossary_fuzzy") for s, e, c, conf in links]
            out.sort(key=lambda m: m.start)
        # Which hits are rewritten: native names, parts of longer names and alias pairs stay as
        # written (rewrites.py).
        return rewrite_policy(text, out, surface, self.common_words)

    @staticmethod
    def _match(s: int, e: int, c: _Claim, surface: str, method: str, conf: float, rule: str) -> GlossaryMatch:
        ef = c.entity_fields
        return GlossaryMatch.of(s, e, ef[0], ef[1], ef[2], ef[3], c.replacement(surface), method, conf, rule)

    @staticmethod
    def _glossary_match(text: str, h: _Hit, surface: str) -> GlossaryMatch:
        c = h.chosen
        assert c is not None  # only chosen hits are matched
        replacement = c.replacement(surface)
        # Part of a longer name (glued, joined by & or =): tagged, its text left as written.
        if h.keep_text and replacement is not None and replacement != text[h.start : h.end]:
            replacement = None
        ef = c.entity_fields
        return GlossaryMatch.of(h.start, h.end, ef[0], ef[1], ef[2], ef[3], replacement, "glossary", h.confidence, c.rule)

    def _exact_hits(self, text: str, f: Folded | IndexFolded) -> list[_Hit]:
        """The checked automaton hits on f, the text folded (`fold_fast`)."""
        ft = f.text
        ac = self._ac
        assert ac is not None  # `find` calls this only when there are keys
        found, width = ac.find(ft)  # (key index, start, end) in ft, the offsets times width
        if not found:
            return []
        hits: list[_Hit] = []
        n = len(ft)
        edge = self._edge
        for ki, fs, fe in found:
            if width == 2:
                fs, fe = fs >> 1, fe >> 1
            # `_check`'s first test inlined: most rejected hits are a Latin key inside a word (`x`
            # in `box`), and this rejects them without a call.
            first, last = edge[ki]
            if (first == 1 and fs > 0 and _EDGE_KIND.get(ft[fs - 1]) == 1) or (
                last == 1 and fe < n and _EDGE_KIND.get(ft[fe]) == 1
            ):
                hit = None
            else:
                hit = self._check(text, f, ft, ki, fs, fe)
            if hit is not None:
                hits.append(hit)
            elif fe - fs > 1:  # a one-character key hides nothing (no shorter key starts there)
                hits += self._hidden(text, f, ft, ki, fs, fe)
        return hits

    def _check(self, text: str, f: Folded | IndexFolded, ft: str, ki: int, fs: int, fe: int) -> _Hit | None:
        """The hit of key ki on folded [fs, fe) (ft: the folded text), or None when it fails."""
        first, last, compound, key_claims, short = self._kinfo[ki]
        # Folding keeps ASCII letters and digits, and what it drops right before one (ー after
        # katakana) follows katakana: an ASCII letter or digit next to the hit is next to it in
        # the folded text too, so that check needs no map back. Most rejected hits are a Latin
        # key inside a word (`x` in `box`). (`_exact_hits` makes these two tests before calling;
        # they are here for `_hidden`'s hits.)
        if first == 1 and fs > 0 and _EDGE_KIND.get(ft[fs - 1], 0) == 1:
            return None
        if last == 1 and fe < len(ft) and _EDGE_KIND.get(ft[fe], 0) == 1:
            return None
        s, e = f.to_source(fs, fe)
        if first and s > 0 and _EDGE_KIND.get(text[s - 1], 0) & first:
            return None
        glued = False  # katakana right after a katakana key: only compound claims hold
        if last and e < len(text) and _EDGE_KIND.get(text[e], 0) & last:
            if last != 2 or not compound:
                return None
            glued = True
        surface = text[s:e]
        light = None
        claims = []
        folded_only = False
        for c in key_claims:
            if glued and not c.compound:
                continue
            if surface == c.variant.text:
                claims.append(c)  # written as the variant (so in its case): not a folded-only hit
                continue
            if c.exact_case is not None and fold_key(surface, lower=False) != c.exact_case:
                continue
            if light is None:
                light = _light(surface)
            if light != c.light:
                if short:
                    continue
                folded_only = True
            claims.append(c)
        if not claims:
            return None
        conf = FOLDED_ONLY_CONFIDENCE if folded_only else 1.0
        return _Hit(s, e, claims, conf, glued or joined_to_name(text, s, e, JOINERS))

    def _hidden(self, text: str, f: Folded | IndexFolded, ft: str, ki: int, fs: int, fe: int) -> list[_Hit]:
        """The checked hits of the keys a rejected LeftmostLongest hit of key ki on folded
        [fs, fe) hid: keys starting inside it (`HiddenKeys`; ft: the folded text)."""
        out = []
        for a, kj in self._hides.candidates(ki, ft[fe] if fe < len(ft) else ""):
            key = self._keys[kj]
            if not ft.startswith(key, fs + a):
                continue  # a key that runs on past the hit, and the text does not
            hit = self._check(text, f, ft, kj, fs + a, fs + a + len(key))
            if hit is not None:
                # Inside a longer word (チャットGPT5): rewriting this part would split it, and
                # the next pass would match the rest (チャットGPT-5 → ChatGPT-5).
                hit.keep_text = True
                out.append(hit)
        return out

    def _pattern_hits(self, text: str) -> list[_Hit]:
        hits = []
        for rx, claim in self._patterns:
            try:
                found = list(rx.finditer(text, timeout=self.pattern_timeout))  # type: ignore[attr-defined]
            except TimeoutError:
                v = claim.variant
                raise GlossaryTimeout(v.pattern or "", f"{v.file}:{v.line} ({v.entity_id})", self.pattern_timeout) from None
            for m in found:
                s, e = m.span()
                if s < e and _boundaries_ok(text, s, e, text[s], text[e - 1]):
                    hits.append(_Hit(s, e, [claim], 1.0, joined_to_name(text, s, e, JOINERS)))
        return hits

    # -- unknown names ---------------------------------------------------------------------

    def candidates(self, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        from .candidates import find_candidates

        return find_candidates(self, text, taken)

    def suggest(self, surface: str) -> tuple[str | None, float | None, str]:
        return self._romaji_index().suggest(surface)

    def suggest_many(self, surfaces: list[str]) -> list[tuple[str | None, float | None, str]]:
        """`suggest` of each surface, computed together (the run's candidates: one call)."""
        return self._romaji_index().suggest_many(surfaces)

    def _romaji_index(self):  # noqa: ANN202 - candidates.RomajiIndex, built on first use
        from .candidates import RomajiIndex

        if self._romaji is None:
            self._romaji = RomajiIndex(self)
        return self._romaji

    def is_known(self, surface: str) -> bool:
        """Whether the folded surface is a key of the glossary (a variant, correction, canonical)."""
        if self._known is None:
            self._known = set(self._keys)
        return fold_key(surface) in self._known


_ALNUM_EDGE: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# `_edge_kind` as one dict lookup (what `_check` does for every hit).
_EDGE_KIND: Final = {c: 1 for c in _ALNUM_EDGE} | {chr(c): 2 for c in range(KATAKANA_FIRST, KATAKANA_LAST + 1)} | {LONG_VOWEL: 2}


def _edge_kind(c: str) -> int:
    """1: an ASCII letter or digit, 2: katakana or ー (the classes `_boundaries_ok` checks)."""
    return _EDGE_KIND.get(c, 0)


def _boundaries_ok(text: str, s: int, e: int, first: str, last: str) -> bool:
    if s > 0:
        if _ascii_alnum(first) and _ascii_alnum(text[s - 1]):
            return False
        if _katakana(first) and _katakana(text[s - 1]):
            return False
    if e < len(text):
        if _ascii_alnum(last) and _ascii_alnum(text[e]):
            return False
        if _katakana(last) and _katakana(text[e]):
            return False
    return True


def _leftmost_longest(hits: list[_Hit]) -> list[_Hit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[_Hit] = []
    end = -1
    for h in hits:
        if h.start >= end:
            out.append(h)
            end = h.end
    return out
