"""`Glossary`: the compiled glossary and `find`, the matcher the Normalizer calls.

How `find` works, on the character-normalized text of one document:

1. Fold the text (`kana.fold_fast`: numpy, the same result as `kana.fold`) and run one
   Aho-Corasick automaton (LeftmostLongest; a DFA up to DFA_MAX_KEYS keys) over all folded
   variant keys and correction phrases (as bytes: the folded text written in the keys' 1- or
   2-byte codes, `_KeyCodes`); map each hit back to the text. No hit: done (fuzzy
   linking needs a context-free mention), which is most documents' cost.
2. Check each hit: ASCII boundaries for keys that start/end with a Latin letter or digit
   (`ai` never inside `maintain`), katakana boundaries for keys that start/end with katakana
   (ウルトラマン never inside ウルトラマンサーガ), exact case for `case_sensitive` variants, and a
   minimum key length for hits that only agree after folding (メタ must not match メーター).
   A hit that fails hides shorter keys inside it from LeftmostLongest, so its window is searched
   again with an overlapping automaton (built on first need).
3. Regex variants run on the text itself, with the same boundary checks.
4. Two passes for context: the entities with a context-free hit make the document's `doc_any`
   set; then each hit takes its first claimant whose context holds.
5. Overlaps are resolved leftmost-longest; fuzzy linking fills the gaps (`_fuzzy`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs
import numpy as np
from rapidfuzz.distance import OSA, LCSseq, Levenshtein
from rapidfuzz.process import cdist

from normalizers.chars import KATAKANA_FIRST, KATAKANA_LAST, KATAKANA_RUN, LONG_VOWEL, NAME_JOINERS, NAME_SEPARATORS
from normalizers.chars import KATAKANA_LETTERS as KATAKANA_CHARS
from normalizers.errors import GlossaryTimeout

from .kana import fold_fast, fold_key, fold_keys
from .lint import check, compile_pattern
from .loader import Entity, GlossaryError, LintIssue, RawGlossary, Variant, read

# Hits that agree with a variant only after folding (long vowels, small kana, ヴ) need a key at
# least this long: short keys fold onto ordinary words (メタ ← メーター, マスク ← マースク).
MIN_FOLDED_ONLY_KEY = 4
FOLDED_ONLY_CONFIDENCE = 0.95
# Fuzzy linking: only whole katakana runs / Latin words this long, one edit away from a key.
FUZZY_MIN_KANA = 5
FUZZY_MIN_LATIN = 6
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

_KATA = re.compile(f"[{KATAKANA_CHARS}{LONG_VOWEL}]")
_KANA_RUN = KATAKANA_RUN
# Katakana runs and Latin words (`[A-Za-z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*` not inside a
# longer one), only those with at least n katakana letters / n characters (a shorter one
# cannot be one edit from a long enough key): a run of units `K ー* (separator before K)?` is
# exactly a _KANA_RUN, and a rejected start leaves only shorter suffixes, which fail too.
_KANA_UNIT = f"[{KATAKANA_CHARS}]{LONG_VOWEL}*(?:[{NAME_JOINERS}](?=[{KATAKANA_CHARS}]))?"
_LONG_TOKENS: dict[tuple[bool, int], re.Pattern] = {}
# The patterns below start with a character class, not a group or an assertion: `re` then skips
# to a position where that class matches before trying the pattern (about twice as fast a scan).


def _long_tokens(latin: bool, n: int) -> re.Pattern:
    rx = _LONG_TOKENS.get((latin, n))
    if rx is None:
        if latin:
            # `(?<![A-Za-z0-9])(?=[A-Za-z0-9.&'-]{n})` + a Latin word, its first letter moved before
            # the assertions
            rx = re.compile(
                rf"[A-Za-z](?<![A-Za-z0-9].)(?=[A-Za-z0-9.&'-]{{{n - 1}}})[A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*(?![A-Za-z0-9])"
            )
        else:
            rx = re.compile(f"{_KANA_UNIT}(?:{_KANA_UNIT}){{{n - 1},}}")  # n units
        _LONG_TOKENS[(latin, n)] = rx
    return rx


_ASCII_LETTER = re.compile("[A-Za-z]")
# Runs of the characters tokens are made of (the gate in `_fuzzy`): a token lies inside one.
_RUN_CHARS = {False: f"[{KATAKANA_CHARS}{LONG_VOWEL}{NAME_JOINERS}]", True: r"[A-Za-z0-9.&'-]"}
_RUNS: dict[tuple[bool, int], re.Pattern] = {}


def _runs(latin: bool, n: int) -> re.Pattern:
    """Runs of at least n characters tokens of the kind are made of."""
    rx = _RUNS.get((latin, n))
    if rx is None:
        rx = _RUNS[(latin, n)] = re.compile(f"{_RUN_CHARS[latin]}{_RUN_CHARS[latin]}{{{n - 1},}}")  # n of them
    return rx


def _blank(text: str, taken: list[tuple[int, int]]) -> str:
    """The text with the taken spans (sorted, disjoint) replaced by newlines."""
    if not taken:
        return text
    parts, last = [], 0
    for s, e in taken:
        parts.append(text[last:s])
        parts.append("\n" * (e - s))
        last = e
    parts.append(text[last:])
    return "".join(parts)


_KANA_KEY = re.compile(f"[{KATAKANA_CHARS}]+")
_LATIN_KEY = re.compile(r"[a-z][a-z0-9]*")
_SEPARATORS = re.compile(f"[{NAME_SEPARATORS}]")


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
    entity_fields: tuple = (None, None, None, None)

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
        entity_fields=(ent.id, ent.label, ent.canonical, ent.canonical_ja) if ent is not None else (None,) * 4,
    )


class _FuzzyKind(NamedTuple):
    """The supported fuzzy keys of one kind (katakana or Latin) for a document."""

    min_len: int  # FUZZY_MIN_KANA / FUZZY_MIN_LATIN
    latin: bool
    mine: list[int]  # key indexes
    keys: list[str]
    ok_len: frozenset[int]  # the token lengths one edit away
    shortest: int  # the shortest token that can link


@dataclass(frozen=True, slots=True)
class _FuzzyPlan:
    """A document's supported fuzzy keys: its kinds, and every kind's keys in one list for the gate."""

    kinds: list[_FuzzyKind]
    keys: list[str]  # the kinds' keys, kind after kind
    columns: list[tuple[int, int]]  # each kind's keys in `keys`: [a, b)
    lcs_needed: np.ndarray  # per key, len(key) - 1: the gate's LCS threshold

    @staticmethod
    def of(kinds: list[_FuzzyKind]) -> "_FuzzyPlan":
        keys = [k for kind in kinds for k in kind.keys]
        columns, a = [], 0
        for kind in kinds:
            columns.append((a, a + len(kind.keys)))
            a += len(kind.keys)
        return _FuzzyPlan(kinds, keys, columns, np.array([len(k) - 1 for k in keys], dtype=np.int64))


_NO_PLAN = object()  # `_fuzzy_plan`'s cache miss (None is a cached "no keys")


def _code_unit(code: int) -> int:
    """The uint16 whose little-endian bytes are (low 7 bits, 0x80 | high 7 bits) of the code."""
    return (0x80 | (code >> 7)) << 8 | (code & 0x7F)


class _KeyCodes:
    """The keys' characters as byte codes, for a bytes automaton: each character that occurs in a
    key gets a code, any other character 0. Up to 255 key characters (the shipped glossary has
    about 160), a code is one byte and haystack offsets are character offsets. Beyond that, up to
    16383, a code is 2 bytes whose first byte is below 0x80 and second 0x80 or above, so a key's
    bytes match the text's only at a character boundary, and offsets are twice the character
    offsets (`shift`). Either way a match is the same as on the folded str. Why: the str automaton
    converts every haystack to UTF-8 and maps byte offsets back to characters (a third of its time
    on Japanese text); the codes come from the folded text's code units with one numpy lookup, and
    need no str; one byte a character halves the automaton's work again."""

    def __init__(self, table: np.ndarray, keys: list[bytes], shift: int):
        self.table = table  # code point -> code (uint8 or a uint16 code unit), for every code point
        self.keys = keys  # each key in codes
        self.shift = shift  # haystack offset = character offset << shift

    @staticmethod
    def of(keys: list[str], wide: bool = False) -> "_KeyCodes | None":
        """The codes of the keys' characters (2-byte ones when there are over 255 of them, or
        `wide`); None when there are more than 16383 of them."""
        chars = sorted({c for k in keys for c in k})
        if not keys or len(chars) >= 1 << 14:
            return None
        if len(chars) < 256 and not wide:
            table = np.zeros(0x110000, dtype=np.uint8)
            table[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1)
            shift = 0
        else:
            table = np.full(0x110000, _code_unit(0), dtype=np.uint16)
            table[[ord(c) for c in chars]] = [_code_unit(i) for i in range(1, len(chars) + 1)]
            shift = 1
        # All keys in one lookup, cut apart at their character offsets.
        codes = table.take(np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32)).tobytes()
        cuts = [0, *accumulate(len(k) << shift for k in keys)]
        return _KeyCodes(table, [codes[a:b] for a, b in zip(cuts, cuts[1:])], shift)

    def encode(self, f) -> np.ndarray:
        """The folded text in codes, as bytes (a uint8 view): from `IndexFolded.units`, or for a
        text beyond the BMP (folded by `fold`), from its code points."""
        units = getattr(f, "units", None)
        if units is None:
            # surrogatepass: a lone surrogate is one code point like any other
            units = np.frombuffer(f.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self.table.take(units).view(np.uint8)


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    claims: list[_Claim]
    confidence: float
    chosen: _Claim | None = None
    # Part of a longer name (run on into katakana, or joined to one by & or =): tagged, never
    # rewritten, since a rewrite must cover the whole name (never `SoftBankモバイル`) and a part
    # rewritten would expose the rest to the next pass (`Microsoftマイクロソフト`).
    keep_text: bool = False


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
        self._overlapping: ahocorasick_rs.AhoCorasick | ahocorasick_rs.BytesAhoCorasick | None = None
        self._fuzzy_index: dict[str, set[int]] | None = None
        self._compile()
        self._romaji = None  # candidates.RomajiIndex, built on first suggest()

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
            ent = self.entities.get(c.entity_id) if c.entity_id else None
            k = fold_key(c.text)  # type: ignore[arg-type]
            by_key.setdefault(k, []).append(_claim(c, ent, k))
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
        # The automaton runs on the folded text written in the keys' byte codes (`_KeyCodes`),
        # or on the str when the keys use too many characters for them.
        self._codes = _KeyCodes.of(self._keys)
        self._ac = self._automaton() if self._keys else None
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
        self._fuzzy_index = None
        self._fuzzy_lookup()  # compile once, at load, not in the first document's find

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
            if _web_edge(text, h.start, h.end):
                web += _web_around(text, h.start, h.end)
        if web:
            web = _merge(web)
            hits = [h for h in hits if not _inside_web(web, h.start, h.end)]
            if not hits:
                return []
        doc_ids = {c.entity.id for h in hits for c in h.claims if c.variant.context is None and c.entity is not None}
        lower = None
        for h in hits:
            for c in h.claims:
                ctx = c.variant.context
                if ctx is None:
                    h.chosen = c
                    break
                if ctx.words_any and lower is None:
                    lower = text.lower()
                if _context_holds(ctx, text, lower, h.start, h.end, doc_ids):
                    h.chosen = c
                    break
        chosen = _leftmost_longest([h for h in hits if h.chosen is not None])
        out = []
        for h in chosen:
            m = self._match(h.start, h.end, h.chosen, surface, "glossary", h.confidence, h.chosen.rule)  # type: ignore[arg-type, union-attr]
            # Part of a longer name (glued, joined by & or =): tagged, its text left as written.
            if h.keep_text and m.replacement is not None and m.replacement != text[h.start : h.end]:
                m = replace(m, replacement=None)
            out.append(m)
        if fuzzy:
            # `chosen` is sorted and disjoint already (and so is `out`): merge and sort only
            # when there is something to add.
            taken = [(h.start, h.end) for h in chosen]
            extra = self._fuzzy(text, f, _merge(taken + web) if web else taken, doc_ids, surface)
            if extra:
                out += extra
                out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _match(s: int, e: int, c: _Claim, surface: str, method: str, conf: float, rule: str) -> GlossaryMatch:
        entity_id, label, canonical, canonical_ja = c.entity_fields
        return GlossaryMatch(
            start=s, end=e, entity_id=entity_id, label=label, canonical=canonical, canonical_ja=canonical_ja,
            replacement=c.replacement(surface), method=method, confidence=conf, rule=rule,
        )

    def _exact_hits(self, text: str, f) -> list[_Hit]:
        """The checked automaton hits on f, the text folded (`fold_fast`)."""
        if self._codes is not None:
            hay, sh = self._codes.encode(f), self._codes.shift
        else:
            hay, sh = f.text, 0
        found = self._ac.find_matches_as_indexes(hay)
        if not found:
            return []
        hits: list[_Hit] = []
        ft = f.text
        n = len(ft)
        edge = self._edge
        for ki, fs, fe in found:
            fs, fe = fs >> sh, fe >> sh  # haystack offsets -> folded text offsets
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
                hits += self._hidden(text, f, hay, ki, fs, fe)
        return hits

    def _automaton(self, overlapping: bool = False):  # noqa: ANN202
        """The main automaton (LeftmostLongest; a DFA up to DFA_MAX_KEYS keys), or the overlapping
        one `_hidden` uses, over the keys written as the haystack is."""
        kw = {}
        if not overlapping:
            kw["matchkind"] = ahocorasick_rs.MatchKind.LeftmostLongest
            kw["implementation"] = ahocorasick_rs.Implementation.DFA if len(self._keys) <= DFA_MAX_KEYS else None
        if self._codes is not None:
            return ahocorasick_rs.BytesAhoCorasick(self._codes.keys, **kw)
        return ahocorasick_rs.AhoCorasick(self._keys, **kw)

    def _check(self, text: str, f, ft: str, ki: int, fs: int, fe: int) -> _Hit | None:
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
            if c.exact_case is not None and fold_key(surface, lower=False) != c.exact_case:
                continue
            if surface == c.variant.text:
                claims.append(c)  # written as the variant: not a folded-only hit
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
        return _Hit(s, e, claims, conf, keep_text=glued or _joined_to_name(text, s, e, _JOINERS))

    def _hidden(self, text: str, f, hay, ki: int, fs: int, fe: int) -> list[_Hit]:
        """Keys inside a rejected LeftmostLongest hit (it hid them): search its window again with
        an overlapping automaton, keeping hits that start inside the rejected one."""
        if self._overlapping is None:
            self._overlapping = self._automaton(overlapping=True)
        sh = self._codes.shift if self._codes is not None else 0
        window = hay[fs << sh : (fe + self._max_key) << sh]
        out = []
        for kj, a, b in self._overlapping.find_matches_as_indexes(window, overlapping=True):
            a, b = a >> sh, b >> sh
            if a >= fe - fs or (kj == ki and a == 0):
                continue
            hit = self._check(text, f, f.text, kj, fs + a, fs + b)
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
                    hits.append(_Hit(s, e, [claim], 1.0, keep_text=_joined_to_name(text, s, e, _JOINERS)))
        return hits

    # -- fuzzy -----------------------------------------------------------------------------

    def _fuzzy(self, text: str, f, taken: list[tuple[int, int]], doc_ids: set[str], surface: str) -> list[GlossaryMatch]:
        """Link a whole katakana run or Latin word one edit away from a context-free key, when the
        entity (or an entity its context rules name) has a context-free mention in the document.

        Only the keys of the entities the document's mentions support can link, so they are
        gathered first (usually a handful, often none); only tokens long enough to be one edit
        from one of them are found (`_long_tokens`), folded together, and compared with them all
        at once (rapidfuzz `cdist`, OSA, cut off at 1)."""
        if not doc_ids:
            return []
        plan = self._fuzzy_plan(doc_ids)
        if plan is None:
            return []
        keys = self._keys
        out = []
        starts = [ts for ts, _ in taken]  # (taken arrives merged: sorted and disjoint)
        # Gate (a necessary condition, cheap): a token one edit from key K, outside the taken
        # spans, lies in a run of token characters of the text with the taken spans blanked;
        # that run, folded, keeps at least len(K) - 1 of K's characters in order (LCS). Both
        # kinds' runs are compared with all the plan's keys at once (a katakana run shares no
        # character with a Latin key, nor a Latin run with a katakana key: those pairs fail).
        # Only the 1:1 part of folding: what folding also drops cannot lengthen a subsequence. The
        # 1:1 table maps run characters to run characters and others to others, so the runs of the
        # 1:1-folded text are the 1:1-folded runs (and fold_fast has that text already). (f is
        # never None here: without keys there is no fuzzy plan.)
        t11 = f.one_to_one()
        masked = _blank(t11, taken)
        runs = [r for kind in plan.kinds for r in _runs(kind.latin, kind.shortest).findall(masked)]
        if not runs:
            return []
        lcs = cdist(runs, plan.keys, scorer=LCSseq.similarity, workers=1)
        passes = lcs >= plan.lcs_needed
        if not passes.any():
            return []  # most documents: one reduction, not one per kind
        key_passes = passes.any(axis=0).tolist()  # per key of the plan
        for kind, (lo, hi) in zip(plan.kinds, plan.columns):
            if not any(key_passes[lo:hi]):
                continue
            min_len, latin, mine, mine_keys, ok_len, shortest = kind
            ms = self._tokens(text, t11, kind, plan.lcs_needed[lo:hi])
            if not ms:
                continue
            # Folding is local and no token starts or ends with a character whose folding looks
            # across a newline, so one fold of the tokens joined by newlines folds each of them
            # (fold_key of each: no token starts or ends with a space, which fold_key strips).
            toks = fold_fast("\n".join(m.group() for m in ms)).text.split("\n")
            pairs = [(m, tok) for m, tok in zip(ms, toks) if len(tok) >= min_len and len(tok) in ok_len]
            if not pairs:
                continue
            dist = cdist([tok for _, tok in pairs], mine_keys, scorer=OSA.distance, score_cutoff=1, workers=1)
            one = dist == 1
            for r in one.any(axis=1).nonzero()[0].tolist():
                m, tok = pairs[r]
                near = one[r].nonzero()[0]
                s, e = m.span()
                i = bisect_right(starts, s) - 1  # taken is sorted and non-overlapping
                if (i >= 0 and taken[i][1] > s) or (i + 1 < len(taken) and taken[i + 1][0] < e):
                    continue
                if tok in self.common_words:
                    continue  # an ordinary word (ウィンドウ is not Windows)
                if _joined_to_name(text, s, e, _FUZZY_JOINERS):
                    continue  # part of a longer name (セブン&アイ・ホールディングス is not Arm)
                if _web_edge(text, s, e) and _inside_web(_web_around(text, s, e), s, e):
                    continue
                best: tuple[int, _Claim, str] | None = None
                ambiguous = False
                extends = False
                for j in near.tolist():
                    ki = mine[j]
                    key = keys[ki]
                    extends = extends or _extends(tok, key)
                    claim = self._fuzzy_claim[ki]
                    if best is not None and best[1].entity is not claim.entity:
                        ambiguous = True
                    if best is None or len(key) > len(best[2]):
                        best = (ki, claim, key)
                if best is None or ambiguous or extends:
                    continue  # two entities one edit away: not ours to guess; or another word
                conf = round(min(0.99, Levenshtein.normalized_similarity(tok, best[2])), 3)
                out.append(self._match(s, e, best[1], surface, "fuzzy", conf, "glossary_fuzzy"))
        return out

    @staticmethod
    def _tokens(text: str, t11: str, kind: _FuzzyKind, lcs_needed: np.ndarray) -> list[re.Match]:
        """The kind's tokens in the text (`_long_tokens`, `shortest` long or more) that may link:
        those in a run of token characters (of the unmasked text; t11: its 1:1 fold) that passes
        the gate on its own, or that holds a ヴ. Scanning those runs, not the whole text, is what
        makes a document that passes the gate cheap (most pass on a run that cannot link:
        ツイッターアカウント with ツイッタ).

        Nothing that links is left out: a token one edit from key K keeps, folded, len(K) - 1 of
        K's characters in order, and so does the 1:1 fold of the run around it, unless folding
        made a character (ヴ+vowel -> バ). And a run alone has the tokens the whole text has in
        it: no token crosses a run's edge, and the token patterns' look-arounds read the
        character past an edge (not a token character) as they read the end of the string."""
        latin, shortest = kind.latin, kind.shortest
        runs = list(_runs(latin, shortest).finditer(t11))
        if not runs:
            return []
        near = (cdist([r.group() for r in runs], kind.keys, scorer=LCSseq.similarity, workers=1) >= lcs_needed).any(axis=1)
        rx = _long_tokens(latin, shortest)
        out: list[re.Match] = []
        for r, ok in zip(runs, near.tolist()):
            if ok or "ヴ" in r.group():
                out += [m for m in rx.finditer(text, r.start(), r.end()) if m.end() - m.start() >= shortest]
        return out

    def _fuzzy_plan(self, doc_ids: set[str]) -> _FuzzyPlan | None:
        """The keys the document's mentions support, per kind (katakana, Latin); None: none.
        Cached per id set: documents about the same entities share it."""
        ck = frozenset(doc_ids)
        plan = self._plans.get(ck, _NO_PLAN)
        if plan is _NO_PLAN:
            by_doc = self._fuzzy_lookup()
            cand: set[int] = set()
            for d in doc_ids:
                cand |= by_doc.get(d, _NO_KEYS)
            kinds = []
            for min_len, latin in ((FUZZY_MIN_KANA, False), (FUZZY_MIN_LATIN, True)):
                mine = sorted(ki for ki in cand if self._fuzzy_latin[ki] is latin)
                if mine:
                    ok_len = frozenset(len(self._keys[ki]) + d for ki in mine for d in (-1, 0, 1))
                    mine_keys = [self._keys[ki] for ki in mine]
                    kinds.append(_FuzzyKind(min_len, latin, mine, mine_keys, ok_len, max(min_len, min(ok_len))))
            plan = _FuzzyPlan.of(kinds) if kinds else None
            if len(self._plans) >= 4096:
                self._plans.clear()
            self._plans[ck] = plan
        return plan

    def _fuzzy_lookup(self) -> dict[str, set[int]]:
        """For each entity, the fuzzy keys (whole katakana keys of 4+ characters, Latin ones of 5+,
        with a context-free claimant) a context-free mention of it supports: its own, and those of
        the entities whose variants name it in `doc_any`."""
        if self._fuzzy_index is None:
            by_doc: dict[str, set[int]] = {}
            self._fuzzy_latin: list[bool] = [False] * len(self._keys)
            self._fuzzy_claim: dict[int, _Claim] = {}
            for ki, key in enumerate(self._keys):
                kana = _KANA_KEY.fullmatch(key) is not None
                latin = not kana and _LATIN_KEY.fullmatch(key) is not None
                if not (kana and len(key) >= FUZZY_MIN_KANA - 1) and not (latin and len(key) >= FUZZY_MIN_LATIN - 1):
                    continue
                claim = next((c for c in self._claims[ki] if c.variant.context is None and c.entity is not None), None)
                if claim is None:
                    continue
                self._fuzzy_latin[ki] = latin
                self._fuzzy_claim[ki] = claim
                for d in self._support[claim.entity.id]:  # type: ignore[union-attr]
                    by_doc.setdefault(d, set()).add(ki)
            self._fuzzy_index = by_doc
            self._plans: dict[frozenset[str], _FuzzyPlan | None] = {}
        return self._fuzzy_index

    # -- unknown names ---------------------------------------------------------------------

    def candidates(self, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        from .candidates import find_candidates

        return find_candidates(self, text, taken)

    def suggest(self, surface: str) -> tuple[str | None, float, str]:
        return self._romaji_index().suggest(surface)

    def suggest_many(self, surfaces: list[str]) -> list[tuple[str | None, float, str]]:
        """`suggest` of each surface, computed together (the run's candidates: one call)."""
        return self._romaji_index().suggest_many(surfaces)

    def _romaji_index(self):  # noqa: ANN202 - candidates.RomajiIndex, built on first use
        from .candidates import RomajiIndex

        if self._romaji is None:
            self._romaji = RomajiIndex(self)
        return self._romaji

    def is_known(self, surface: str) -> bool:
        """Whether the folded surface is a key of the glossary (a variant, correction, canonical)."""
        return fold_key(surface) in self._key_set

    @property
    def _key_set(self) -> set[str]:
        ks = self.__dict__.get("_ks")
        if ks is None:
            ks = self.__dict__["_ks"] = set(self._keys)
        return ks


_NO_KEYS: frozenset[int] = frozenset()


def _extends(tok: str, key: str) -> bool:
    """The token is the key with one character added at an end, not a doubled one: a model
    number or another word (iPhone4, Windows7, NVIDIA®→NVIDIAR, ディズニーシー), not a typo
    (アルトマンン, Twittter)."""
    if len(tok) != len(key) + 1:
        return False
    if tok.startswith(key):
        return tok[-1] != key[-1]
    if tok.endswith(key):
        return tok[0] != key[0]
    return False
_ALNUM_EDGE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# `_edge_kind` as one dict lookup (what `_check` does for every hit).
_EDGE_KIND = {c: 1 for c in _ALNUM_EDGE} | {chr(c): 2 for c in range(KATAKANA_FIRST, KATAKANA_LAST + 1)} | {LONG_VOWEL: 2}


def _edge_kind(c: str) -> int:
    """1: an ASCII letter or digit, 2: katakana or ー (the classes `_boundaries_ok` checks)."""
    return _EDGE_KIND.get(c, 0)


# What joins two words into one name (セブン&アイ, AT&T, ジャン=ポール). A guessed (fuzzy) link
# must also be a whole ・-joined name; an exact hit may be one item of a ・ list (アップル・グーグル).
_JOINERS = frozenset("&=\N{FULLWIDTH EQUALS SIGN}\N{FULLWIDTH AMPERSAND}")
_FUZZY_JOINERS = _JOINERS | frozenset("\N{KATAKANA MIDDLE DOT}\N{HALFWIDTH KATAKANA MIDDLE DOT}")


def _joined_to_name(text: str, s: int, e: int, joiners: frozenset[str]) -> bool:
    """text[s:e] is joined to more of a name (katakana, ー or an ASCII letter or digit) by one of
    the joiners, on either side."""
    if s >= 2 and text[s - 1] in joiners and _EDGE_KIND.get(text[s - 2], 0):
        return True
    return e + 1 < len(text) and text[e] in joiners and _EDGE_KIND.get(text[e + 1], 0) != 0


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


def _context_holds(ctx, text: str, lower: str | None, s: int, e: int, doc_ids: set[str]) -> bool:
    """Every key given holds; within a key, any item. before/after skip name separators and
    spaces (イーロン・マスク: the text before マスク ends with イーロン)."""
    if ctx.doc_any and not any(i in doc_ids for i in ctx.doc_any):
        return False
    if ctx.words_any and not any(w.lower() in lower for w in ctx.words_any):  # type: ignore[operator]
        return False
    if ctx.after_any:
        after = text[e : e + 40].lstrip(" ").lower()
        if not any(after.startswith(w.lower()) for w in ctx.after_any):
            return False
    if ctx.before_any:
        before = text[max(0, s - 40) : s].rstrip(NAME_SEPARATORS).lower()
        if not any(before.endswith(w.lower()) for w in ctx.before_any):
            return False
    return True


# URLs, e-mail addresses and domain names: no glossary match inside one (openai.com stays as it
# is; jp.taiwan.net.tw is not Taiwan). A hit that covers a whole domain (Amazon.com, Character.AI)
# is a name and stays.
_TLDS = (
    "com|net|org|edu|gov|info|biz|io|ai|co|me|tv|app|dev|news|jp|tw|cn|hk|kr|uk|us|de|fr|ca|au|"
    "in|sg|ru|it|es|nl|eu|ly|gl|to|be|ch|se|fm"
)
_PATH = r"(?:/[!#$%&'*+,\-./0-9:;=?@A-Z_a-z~]*)?"
_WEB = re.compile(
    r"(?:https?|ftps?)://[!#$%&'*+,\-./0-9:;=?@A-Z_a-z~]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    rf"|(?<![A-Za-z0-9@/.-])(?:www\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?i:{_TLDS})(?![A-Za-z0-9-]|\.[A-Za-z0-9]){_PATH}"
)
_WEB_CHARS = frozenset("./@-_:")
# The characters a URL is made of: a URL around a hit lies in the run of them around it.
_URL_CHAR = frozenset("!#$%&'*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~")


def web_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of URLs, e-mail addresses and domain names (with their paths)."""
    return [m.span() for m in _WEB.finditer(text)]


def _web_around(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """`web_spans` of the run of URL characters around text[s:e] (offsets in text): the cheap
    way for the few hits that touch one (a whole-text scan costs as much as the matching)."""
    a, b, n = s, e, len(text)
    while a > 0 and text[a - 1] in _URL_CHAR:
        a -= 1
    while b < n and text[b] in _URL_CHAR:
        b += 1
    return [(a + x, a + y) for x, y in web_spans(text[a:b])]


def _web_edge(text: str, s: int, e: int) -> bool:
    """Whether a span touches a character URLs and addresses are joined with (the cheap gate)."""
    return (s > 0 and text[s - 1] in _WEB_CHARS) or (e < len(text) and text[e] in _WEB_CHARS)


def _inside_web(web: list[tuple[int, int]], s: int, e: int) -> bool:
    """The span overlaps a web span without covering all of it."""
    i = max(0, bisect_right(web, (s, 1 << 62)) - 1)  # the last span starting at or before s
    for ws, we in web[i : i + 3]:
        if ws < e and s < we and not (s <= ws and we <= e):
            return True
    return False


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _leftmost_longest(hits: list[_Hit]) -> list[_Hit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[_Hit] = []
    end = -1
    for h in hits:
        if h.start >= end:
            out.append(h)
            end = h.end
    return out
