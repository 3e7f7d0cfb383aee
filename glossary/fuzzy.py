"""Fuzzy linking: a whole katakana run or Latin word one edit away from a glossary key links to
its entity, when the document mentions that entity (or an entity its context rules name)
without context. `Glossary.find` asks its `FuzzyLinker` for these links after the exact matches.

Only the keys of the entities the document's mentions support can link, so they are gathered
first (usually a handful, often none: `FuzzyLinker.plan`); only tokens long enough to be one edit
from one of them are found (`long_tokens`), folded together, and compared with them all at once
(rapidfuzz `cdist`, OSA, cut off at 1).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple, cast

import numpy as np
from rapidfuzz.distance import OSA, LCSseq, Levenshtein
from rapidfuzz.process import cdist

from normalizers.chars import KATAKANA_LETTERS, LONG_VOWEL, NAME_JOINERS

from .kana import fold_fast

# What joins two words into one name (セブン&アイ, AT&T, ジャン=ポール). A guessed (fuzzy) link
# must also be a whole ・-joined name; an exact hit may be one item of a ・ list (アップル・グーグル).
JOINERS: Final = frozenset("&=\N{FULLWIDTH EQUALS SIGN}\N{FULLWIDTH AMPERSAND}")
FUZZY_JOINERS: Final = JOINERS | frozenset("\N{KATAKANA MIDDLE DOT}\N{HALFWIDTH KATAKANA MIDDLE DOT}")
_NAME_CHAR: Final = re.compile(f"[A-Za-z0-9{KATAKANA_LETTERS}{LONG_VOWEL}]")


def joined_to_name(text: str, s: int, e: int, joiners: frozenset[str]) -> bool:
    """text[s:e] is joined to more of a name (katakana, ー or an ASCII letter or digit) by one of
    the joiners, on either side."""
    if s >= 2 and text[s - 1] in joiners and _NAME_CHAR.match(text[s - 2]):
        return True
    return e + 1 < len(text) and text[e] in joiners and _NAME_CHAR.match(text[e + 1]) is not None
from .web import inside_web, web_around, web_edge

if TYPE_CHECKING:
    from .matcher import _Claim

# Only whole katakana runs / Latin words this long, one edit away from a key.
FUZZY_MIN_KANA = 5
FUZZY_MIN_LATIN = 6
# Plans kept per set of supporting entities (documents about the same entities share one).
MAX_PLANS = 4096

# Katakana runs and Latin words (`[A-Za-z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*` not inside a
# longer one), only those with at least n katakana letters / n characters (a shorter one
# cannot be one edit from a long enough key): a run of units `K ー* (separator before K)?` is
# exactly a katakana run (chars.KATAKANA_RUN), and a rejected start leaves only shorter
# suffixes, which fail too.
_KANA_UNIT = f"[{KATAKANA_LETTERS}]{LONG_VOWEL}*(?:[{NAME_JOINERS}](?=[{KATAKANA_LETTERS}]))?"
# The patterns below start with a character class, not a group or an assertion: `re` then skips
# to a position where that class matches before trying the pattern.


def long_tokens(latin: bool, n: int) -> re.Pattern:
    """Latin words of at least n characters, or katakana runs of at least n units."""
    if latin:
        # `(?<![A-Za-z0-9])(?=[A-Za-z0-9.&'-]{n})` + a Latin word, its first letter moved before
        # the assertions
        return re.compile(
            rf"[A-Za-z](?<![A-Za-z0-9].)(?=[A-Za-z0-9.&'-]{{{n - 1}}})[A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*(?![A-Za-z0-9])"
        )
    return re.compile(f"{_KANA_UNIT}(?:{_KANA_UNIT}){{{n - 1},}}")  # n units


# The characters tokens are made of (the gate in `FuzzyLinker.link`): a token lies inside a run of them.
RUN_CHARS = {False: f"[{KATAKANA_LETTERS}{LONG_VOWEL}{NAME_JOINERS}]", True: r"[A-Za-z0-9.&'-]"}


def runs(latin: bool, n: int) -> re.Pattern:
    """Runs of at least n characters tokens of the kind are made of."""
    return re.compile(f"{RUN_CHARS[latin]}{RUN_CHARS[latin]}{{{n - 1},}}")  # n of them


# The runs the gate reads, one pattern per kind: runs of the kind's least token length. A plan's
# keys may need longer ones (`FuzzyKind.shortest`), but a shorter run changes nothing: its LCS
# with a key K is below len(K) - 1, and it holds no token `shortest` long.
_KANA_RUNS: Final = runs(False, FUZZY_MIN_KANA)
_LATIN_RUNS: Final = runs(True, FUZZY_MIN_LATIN)


_KANA_KEY: Final = re.compile(f"[{KATAKANA_LETTERS}]+")
_LATIN_KEY: Final = re.compile(r"[a-z][a-z0-9]*")


class FuzzyKind(NamedTuple):
    """The supported fuzzy keys of one kind (katakana or Latin) for a document."""

    min_len: int  # FUZZY_MIN_KANA / FUZZY_MIN_LATIN
    latin: bool
    mine: list[int]  # key indexes
    keys: list[str]
    ok_len: frozenset[int]  # the token lengths one edit away
    shortest: int  # the shortest token that can link
    runs: re.Pattern  # runs(latin, min_len); its tokens pattern is built when a run passes the gate


@dataclass(frozen=True, slots=True)
class FuzzyPlan:
    """A document's supported fuzzy keys: its kinds, and every kind's keys in one list for the gate."""

    kinds: list[FuzzyKind]
    keys: list[str]  # the kinds' keys, kind after kind
    columns: list[tuple[int, int]]  # each kind's keys in `keys`: [a, b)
    lcs_needed: np.ndarray  # per key, len(key) - 1: the gate's LCS threshold

    @staticmethod
    def of(kinds: list[FuzzyKind]) -> "FuzzyPlan":
        keys = [k for kind in kinds for k in kind.keys]
        columns, a = [], 0
        for kind in kinds:
            columns.append((a, a + len(kind.keys)))
            a += len(kind.keys)
        return FuzzyPlan(kinds, keys, columns, np.array([len(k) - 1 for k in keys], dtype=np.int64))


_NO_PLAN: Final = object()  # a cache miss in `FuzzyLinker.plan` (None is a cached "no keys")
_NO_KEYS: Final[frozenset[int]] = frozenset()


class FuzzyLinker:
    """The fuzzy keys of a compiled glossary (whole katakana keys of 4+ characters, Latin ones of
    5+, with a context-free claimant) and, for each entity, the keys a context-free mention of it
    supports: its own, and those of the entities whose variants name it in `doc_any`."""

    def __init__(self, keys: list[str], claims: list[list["_Claim"]], support: dict[str, set[str]],
                 common_words: frozenset[str]) -> None:
        self.keys = keys
        self.common_words = common_words  # folded; an ordinary word never links (ウィンドウ)
        self.by_doc: dict[str, set[int]] = {}  # entity id -> the key indexes its mention supports
        self.latin: list[bool] = [False] * len(keys)
        self.claim: dict[int, _Claim] = {}  # key index -> the claim a fuzzy hit on it links to
        for ki, key in enumerate(keys):
            kana = _KANA_KEY.fullmatch(key) is not None
            latin = not kana and _LATIN_KEY.fullmatch(key) is not None
            if not (kana and len(key) >= FUZZY_MIN_KANA - 1) and not (latin and len(key) >= FUZZY_MIN_LATIN - 1):
                continue
            claim = next((c for c in claims[ki] if c.variant.context is None and c.entity is not None), None)
            if claim is None:
                continue
            self.latin[ki] = latin
            self.claim[ki] = claim
            for d in support[claim.entity.id]:  # type: ignore[union-attr]
                self.by_doc.setdefault(d, set()).add(ki)
        self._plans: dict[frozenset[str], FuzzyPlan | None] = {}
        # A plan is a function of its key indexes: id sets that support the same keys share one
        # (890 key sets for 1,062 id sets in 2,000 livedoor documents); and the token patterns
        # are a function of (latin, shortest), built only for a plan that passes the gate.
        self._plans_by_keys: dict[frozenset[int], FuzzyPlan | None] = {}
        self._token_patterns: dict[tuple[bool, int], re.Pattern] = {}

    def link(self, text: str, f, taken: list[tuple[int, int]], doc_ids: set[str]) -> list[tuple[int, int, "_Claim", float]]:
        """(start, end, claim, confidence) of each fuzzy link in `text` (f: the text folded by
        `fold_fast`) outside the `taken` spans (sorted, disjoint), given the entities with a
        context-free mention in the document (`doc_ids`)."""
        if not doc_ids:
            return []
        plan = self.plan(doc_ids)
        if plan is None:
            return []
        # Gate (a necessary condition, cheap): a token one edit from key K, outside the taken
        # spans, lies in a run of token characters of the text with the taken spans blanked;
        # that run, folded, keeps at least len(K) - 1 of K's characters in order (LCS). Both
        # kinds' runs are compared with all the plan's keys at once (a katakana run shares no
        # character with a Latin key, nor a Latin run with a katakana key: those pairs fail).
        # Only the 1:1 part of folding: what folding also drops cannot lengthen a subsequence. The
        # 1:1 table maps run characters to run characters and others to others, so the runs of the
        # 1:1-folded text are the 1:1-folded runs (and fold_fast has that text already).
        t11 = f.one_to_one()
        masked = _blank(t11, taken)
        found_runs = [r for kind in plan.kinds for r in kind.runs.findall(masked)]
        if not found_runs:
            return []
        passes: np.ndarray = cdist(found_runs, plan.keys, scorer=LCSseq.similarity, workers=1) >= plan.lcs_needed
        if not passes.any():
            return []  # most documents: one reduction, not one per kind
        key_passes: list[bool] = cast(np.ndarray, passes.any(axis=0)).tolist()  # per key of the plan
        out = []
        for kind, (lo, hi) in zip(plan.kinds, plan.columns):
            if any(key_passes[lo:hi]):
                out += self._link_kind(text, t11, taken, kind, plan.lcs_needed[lo:hi])
        return out

    def _link_kind(self, text: str, t11: str, taken: list[tuple[int, int]], kind: FuzzyKind,
                   lcs_needed: np.ndarray) -> list[tuple[int, int, "_Claim", float]]:
        ms = self.tokens(text, t11, kind, lcs_needed)
        if not ms:
            return []
        # Folding is local and no token starts or ends with a character whose folding looks
        # across a newline, so one fold of the tokens joined by newlines folds each of them
        # (fold_key of each: no token starts or ends with a space, which fold_key strips).
        toks = fold_fast("\n".join(m.group() for m in ms)).text.split("\n")
        pairs = [(m, tok) for m, tok in zip(ms, toks) if len(tok) >= kind.min_len and len(tok) in kind.ok_len]
        if not pairs:
            return []
        one = cdist([tok for _, tok in pairs], kind.keys, scorer=OSA.distance, score_cutoff=1, workers=1) == 1
        starts = [ts for ts, _ in taken]
        out = []
        for r in one.any(axis=1).nonzero()[0].tolist():
            m, tok = pairs[r]
            s, e = m.span()
            i = bisect_right(starts, s) - 1  # taken is sorted and non-overlapping
            if (i >= 0 and taken[i][1] > s) or (i + 1 < len(taken) and taken[i + 1][0] < e):
                continue
            if tok in self.common_words:
                continue  # an ordinary word (ウィンドウ is not Windows)
            if joined_to_name(text, s, e, FUZZY_JOINERS):
                continue  # part of a longer name (セブン&アイ・ホールディングス is not Arm)
            if web_edge(text, s, e) and inside_web(web_around(text, s, e), s, e):
                continue
            best = self._nearest(tok, [kind.mine[j] for j in one[r].nonzero()[0].tolist()])
            if best is not None:
                claim, key = best
                out.append((s, e, claim, round(min(0.99, Levenshtein.normalized_similarity(tok, key)), 3)))
        return out

    def _nearest(self, tok: str, near: list[int]) -> tuple["_Claim", str] | None:
        """The claim and key of the longest of the keys one edit from `tok`; None when they
        belong to two entities (not ours to guess) or the token extends one (another word)."""
        best: tuple[_Claim, str] | None = None
        for ki in near:
            key = self.keys[ki]
            if _extends(tok, key):
                return None
            claim = self.claim[ki]
            if best is not None and best[0].entity is not claim.entity:
                return None
            if best is None or len(key) > len(best[1]):
                best = (claim, key)
        return best

    def token_pattern(self, kind: FuzzyKind) -> re.Pattern:
        """`long_tokens(kind.latin, kind.shortest)`, compiled on first need (most plans never
        pass the gate) and kept per (latin, shortest)."""
        pattern = self._token_patterns.get((kind.latin, kind.shortest))
        if pattern is None:
            pattern = self._token_patterns[(kind.latin, kind.shortest)] = long_tokens(kind.latin, kind.shortest)
        return pattern

    def tokens(self, text: str, t11: str, kind: FuzzyKind, lcs_needed: np.ndarray) -> list[re.Match]:
        """The kind's tokens in the text (`long_tokens`, `shortest` long or more) that may link:
        those in a run of token characters (of the unmasked text; t11: its 1:1 fold) that passes
        the gate on its own, or that holds a ヴ. Scanning those runs, not the whole text, is what
        makes a document that passes the gate cheap (most pass on a run that cannot link:
        ツイッターアカウント with ツイッタ).

        Nothing that links is left out: a token one edit from key K keeps, folded, len(K) - 1 of
        K's characters in order, and so does the 1:1 fold of the run around it, unless folding
        made a character (ヴ+vowel -> バ). And a run alone has the tokens the whole text has in
        it: no token crosses a run's edge, and the token patterns' look-arounds read the
        character past an edge (not a token character) as they read the end of the string."""
        shortest = kind.shortest
        found = list(kind.runs.finditer(t11))
        if not found:
            return []
        near = cast(np.ndarray, (cdist([r.group() for r in found], kind.keys, scorer=LCSseq.similarity, workers=1) >= lcs_needed).any(axis=1))
        out: list[re.Match] = []
        tokens = self.token_pattern(kind)
        for r, ok in zip(found, near.tolist()):
            if ok or "ヴ" in r.group():
                out += [m for m in tokens.finditer(text, r.start(), r.end()) if m.end() - m.start() >= shortest]
        return out

    def plan(self, doc_ids: set[str]) -> FuzzyPlan | None:
        """The keys the document's mentions support, per kind (katakana, Latin); None: none.
        Kept per id set (up to MAX_PLANS): documents about the same entities share it."""
        ck = frozenset(doc_ids)
        plan = self._plans.get(ck, _NO_PLAN)
        if plan is _NO_PLAN:
            cand: set[int] = set()
            for d in doc_ids:
                cand |= self.by_doc.get(d, _NO_KEYS)
            keys = frozenset(cand)
            if keys in self._plans_by_keys:
                new = self._plans_by_keys[keys]
            else:
                new = self._new_plan(cand)
                if len(self._plans_by_keys) >= MAX_PLANS:
                    self._plans_by_keys.clear()
                self._plans_by_keys[keys] = new
            if len(self._plans) >= MAX_PLANS:
                self._plans.clear()
            self._plans[ck] = plan = new
        return plan  # type: ignore[return-value]

    def _new_plan(self, cand: set[int]) -> FuzzyPlan | None:
        kinds = []
        for min_len, latin in ((FUZZY_MIN_KANA, False), (FUZZY_MIN_LATIN, True)):
            mine = sorted(ki for ki in cand if self.latin[ki] is latin)
            if mine:
                ok_len = frozenset(len(self.keys[ki]) + d for ki in mine for d in (-1, 0, 1))
                shortest = max(min_len, min(ok_len))
                kinds.append(FuzzyKind(min_len, latin, mine, [self.keys[ki] for ki in mine], ok_len, shortest,
                                       _LATIN_RUNS if latin else _KANA_RUNS))
        return FuzzyPlan.of(kinds) if kinds else None


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
