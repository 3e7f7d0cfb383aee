"""Fuzzy linking: a whole katakana run or Latin word one edit away from a glossary key links to
its entity, when the document mentions that entity (or an entity its context rules name)
without context. `Glossary.find` asks its `FuzzyLinker` for these links after the exact matches.

Only the keys of the entities the document's mentions support can link, so they are gathered
first (usually a handful, often none: `FuzzyLinker.plan`, which also indexes them by their first
and last two characters, `edge_index`). The tokens whose folded length may be one edit from one
of them are found (`long_tokens`, in the runs of token characters the fold's pass recorded:
`kana.IndexFolded.kana_runs`, `latin_runs`), and each is compared (rapidfuzz OSA, cut off at 1)
only with the keys that share its first or last two characters: a token one edit from a key
shares one of them (most tokens share neither, and cost two dict lookups).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple

from rapidfuzz.distance import OSA, Levenshtein

from normalizers.chars import KATAKANA_FIRST, KATAKANA_LAST, KATAKANA_LETTERS, LONG_VOWEL, NAME_JOINERS

from .kana import KANA_RUN_CHARS, KANA_RUN_MIN, LATIN_RUN_CHARS, LATIN_RUN_MIN, Folded, IndexFolded, fold_fast

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
    from mypy_extensions import i64  # C int64s when compiled (kana.py)

    from .matcher import _Claim

# Only whole katakana runs / Latin words this long, one edit away from a key. (The fold pass
# records the runs of token characters this long: kana.KANA_RUN_MIN, LATIN_RUN_MIN.)
FUZZY_MIN_KANA: Final = KANA_RUN_MIN
FUZZY_MIN_LATIN: Final = LATIN_RUN_MIN
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


# The characters tokens are made of: a token lies inside a run of them (`FuzzyLinker.tokens`; the
# fold pass records these runs, `IndexFolded.kana_runs` and `latin_runs`).
RUN_CHARS = {False: f"[{KANA_RUN_CHARS}]", True: f"[{LATIN_RUN_CHARS}]"}


def runs(latin: bool, n: int) -> re.Pattern:
    """Runs of at least n characters tokens of the kind are made of."""
    return re.compile(f"{RUN_CHARS[latin]}{RUN_CHARS[latin]}{{{n - 1},}}")  # n of them


# The runs `FuzzyLinker.tokens` reads in a text folded by `fold` (`fold_fast` records them), one
# pattern per kind: runs of the kind's least token length (a shorter run holds no token that long;
# a plan's keys may need longer ones, `FuzzyKind.shortest`).
_KANA_RUNS: Final = runs(False, FUZZY_MIN_KANA)
_LATIN_RUNS: Final = runs(True, FUZZY_MIN_LATIN)


_KANA_KEY: Final = re.compile(f"[{KATAKANA_LETTERS}]+")
_LATIN_KEY: Final = re.compile(r"[a-z][a-z0-9]*")


# The tokens, one pattern per kind: Latin words of FUZZY_MIN_LATIN+ characters, katakana runs of
# FUZZY_MIN_KANA+ units. A plan whose keys need longer tokens (`FuzzyKind.shortest`) keeps those
# whose folded length it allows: a longer `long_tokens(latin, n)` finds the same tokens of n or
# more characters (a start it rejects lies in a run of token characters shorter than n from there,
# and so does every later start in that run). The katakana ones are read off the run's characters
# (`kana_token_spans`, the same spans as `long_tokens(False, FUZZY_MIN_KANA)`).
_LATIN_TOKENS: Final = long_tokens(True, FUZZY_MIN_LATIN)


def edge_index(keys: list[str]) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[str, list[int]]]:
    """The keys (4+ characters) by their first two characters, by their last two, and the
    four-character keys by their middle swapped: (heads, tails, swaps), values positions in keys.

    A token one edit (OSA) from key K keeps K's first two characters when the edit lies past them
    (it substitutes, deletes, inserts or swaps from the third on) and K's last two when it lies
    before them; the one edit that touches both is, in a key of four, swapping the middle two."""
    heads: dict[str, list[int]] = {}
    tails: dict[str, list[int]] = {}
    swaps: dict[str, list[int]] = {}
    for j, k in enumerate(keys):
        heads.setdefault(k[:2], []).append(j)
        tails.setdefault(k[-2:], []).append(j)
        if len(k) == 4:
            swaps.setdefault(k[0] + k[2] + k[1] + k[3], []).append(j)
    return heads, tails, swaps


class FuzzyKind(NamedTuple):
    """The supported fuzzy keys of one kind (katakana or Latin) for a document."""

    min_len: int  # FUZZY_MIN_KANA / FUZZY_MIN_LATIN
    latin: bool
    mine: list[int]  # key indexes
    keys: list[str]
    ok_len: frozenset[int]  # the token lengths one edit away
    shortest: int  # the shortest token that can link
    runs: re.Pattern  # runs(latin, min_len): where the kind's tokens lie
    heads: dict[str, list[int]]  # `edge_index(keys)`
    tails: dict[str, list[int]]
    swaps: dict[str, list[int]]


@dataclass(frozen=True, slots=True)
class FuzzyPlan:
    """A document's supported fuzzy keys: its kinds, and every kind's keys in one list."""

    kinds: list[FuzzyKind]
    keys: list[str]  # the kinds' keys, kind after kind
    columns: list[tuple[int, int]]  # each kind's keys in `keys`: [a, b)

    @staticmethod
    def of(kinds: list[FuzzyKind]) -> "FuzzyPlan":
        keys = [k for kind in kinds for k in kind.keys]
        columns, a = [], 0
        for kind in kinds:
            columns.append((a, a + len(kind.keys)))
            a += len(kind.keys)
        return FuzzyPlan(kinds, keys, columns)


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
        # (890 key sets for 1,062 id sets in 2,000 livedoor documents).
        self._plans_by_keys: dict[frozenset[int], FuzzyPlan | None] = {}

    def link(self, text: str, f: Folded | IndexFolded | None, taken: list[tuple[int, int]],
             doc_ids: set[str]) -> list[tuple[int, int, "_Claim", float]]:
        """(start, end, claim, confidence) of each fuzzy link in `text` (f: the text folded by
        `fold_fast`, None when `find` did not fold it) outside the `taken` spans (sorted,
        disjoint), given the entities with a context-free mention in the document (`doc_ids`)."""
        if not doc_ids:
            return []
        plan = self.plan(doc_ids)
        if plan is None:
            return []
        if f is None:
            f = fold_fast(text)
        out: list[tuple[int, int, _Claim, float]] = []
        for kind in plan.kinds:
            out += self._link_kind(text, f, taken, kind)
        return out

    def _link_kind(self, text: str, f: Folded | IndexFolded, taken: list[tuple[int, int]],
                   kind: FuzzyKind) -> list[tuple[int, int, "_Claim", float]]:
        out: list[tuple[int, int, _Claim, float]] = []
        starts: list[int] | None = None
        near_of: dict[str, list[int]] = {}  # token -> its near keys (a token written again: one lookup)
        for s, e, tok in self.tokens(text, f, kind):
            near = near_of.get(tok)
            if near is None:
                near = near_of[tok] = self.near_keys(tok, kind)
            if not near:
                continue
            if starts is None:
                starts = [ts for ts, _ in taken]
            i = bisect_right(starts, s) - 1  # taken is sorted and non-overlapping
            if (i >= 0 and taken[i][1] > s) or (i + 1 < len(taken) and taken[i + 1][0] < e):
                continue
            if tok in self.common_words:
                continue  # an ordinary word (ウィンドウ is not Windows)
            if joined_to_name(text, s, e, FUZZY_JOINERS):
                continue  # part of a longer name (セブン&アイ・ホールディングス is not Arm)
            if web_edge(text, s, e) and inside_web(web_around(text, s, e), s, e):
                continue
            best = self._nearest(tok, near)
            if best is not None:
                claim, key = best
                out.append((s, e, claim, round(min(0.99, Levenshtein.normalized_similarity(tok, key)), 3)))
        return out

    @staticmethod
    def near_keys(tok: str, kind: FuzzyKind) -> list[int]:
        """The key indexes of the kind's keys exactly one edit (OSA) from the folded token, in
        key order: only the keys `edge_index` says may be are compared."""
        heads = kind.heads.get(tok[:2])
        tails = kind.tails.get(tok[-2:])
        swaps = kind.swaps.get(tok)
        if heads is None and tails is None and swaps is None:
            return []  # most tokens
        maybe = set(heads or ()) | set(tails or ()) | set(swaps or ())
        keys = kind.keys
        return [kind.mine[j] for j in sorted(maybe) if OSA.distance(tok, keys[j], score_cutoff=1) == 1]

    @staticmethod
    def tokens(text: str, f: Folded | IndexFolded, kind: FuzzyKind) -> list[tuple[int, int, str]]:
        """(start, end, folded token) of the kind's tokens (`long_tokens`) in the text whose
        folded length may be one edit from a key of the kind. They lie in runs of the kind's
        token characters: a run that is one word (Latin: letters and digits from a letter on;
        katakana: no joiner, from a letter on) is one token, the others are scanned. A run's
        tokens depend on its text alone (the characters around a run are none of the kind's, and
        a token's fold is its own `fold_key`), so a run written again in the document (most
        katakana words and Latin names are) takes the tokens found the first time, moved."""
        out: list[tuple[int, int, str]] = []
        shortest = kind.shortest
        if isinstance(f, IndexFolded):  # the runs, found by the fold's pass
            bounds = f.latin_runs if kind.latin else f.kana_runs
        else:
            bounds = [b for r in kind.runs.finditer(text) for b in r.span()]
        seen: dict[str, list[tuple[int, int, str]]] = {}  # run -> its tokens, offsets in the run
        for k in range(0, len(bounds), 2):
            s = bounds[k]
            e = bounds[k + 1]
            if e - s < shortest:
                continue  # its tokens fold to fewer characters than the plan's keys need
            run = text[s:e]
            found = seen.get(run)
            if found is None:
                found = seen[run] = _run_tokens(text, f, kind, s, e, run)
            for a, b, tok in found:
                out.append((s + a, s + b, tok))
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
        ordered = sorted(cand)
        for min_len, latin in ((FUZZY_MIN_KANA, False), (FUZZY_MIN_LATIN, True)):
            mine = [ki for ki in ordered if self.latin[ki] is latin]
            if mine:
                keys = [self.keys[ki] for ki in mine]
                ok_len = frozenset({n + d for n in {len(k) for k in keys} for d in (-1, 0, 1)})
                shortest = max(min_len, min(ok_len))
                kinds.append(FuzzyKind(min_len, latin, mine, keys, ok_len, shortest,
                                       _LATIN_RUNS if latin else _KANA_RUNS, *edge_index(keys)))
        return FuzzyPlan.of(kinds) if kinds else None


def _run_tokens(text: str, f: Folded | IndexFolded, kind: FuzzyKind, s: int, e: int,
                run: str) -> list[tuple[int, int, str]]:
    """`FuzzyLinker.tokens` of the run text[s:e] (= run), offsets from s."""
    out: list[tuple[int, int, str]] = []
    ok_len, min_len = kind.ok_len, kind.min_len
    if kind.latin:
        if run.isalnum() and run[0].isalpha():
            spans = [(s, e)]
        else:
            spans = [m.span() for m in _LATIN_TOKENS.finditer(text, s, e)]
        for a, b in spans:
            if b - a >= min_len and b - a in ok_len:
                out.append((a - s, b - s, text[a:b].lower()))  # a Latin word's fold: its lower case
        return out
    for a, b in kana_token_spans(run, s, min_len):
        tok = f.token_fold(a, b)
        if len(tok) >= min_len and len(tok) in ok_len:
            out.append((a - s, b - s, tok))
    return out


def kana_token_spans(run: str, s: i64, n: i64) -> list[tuple[int, int]]:
    """The spans of `long_tokens(False, n)` in a run of katakana run characters (`KANA_RUN_CHARS`)
    starting at s: `finditer` read off the characters, one pass, no regex. A token is a stretch of
    units `K ー* (joiner before K)?`: it starts at a letter and ends before a joiner that no letter
    follows; kept with n units (letters) or more (`test_fuzzy_gate.py` checks it against the regex)."""
    out: list[tuple[int, int]] = []
    start: i64 = -1  # where the token being read starts; -1: none
    units: i64 = 0
    m: i64 = len(run)
    i: i64
    for i in range(m):
        c: i64 = ord(run[i])
        if _KANA_FIRST <= c <= _KANA_LAST:
            if start < 0:
                start, units = i, 0
            units += 1
        elif c != _LONG_VOWEL_CODE and start >= 0 and not (i + 1 < m and _KANA_FIRST <= ord(run[i + 1]) <= _KANA_LAST):
            if units >= n:  # a joiner no letter follows: the token ends before it
                out.append((s + start, s + i))
            start = -1
    if start >= 0 and units >= n:
        out.append((s + start, s + m))
    return out


# Module constants a compiled function reads as C statics (katakana letters: KATAKANA_LETTERS).
_KANA_FIRST: Final = KATAKANA_FIRST
_KANA_LAST: Final = KATAKANA_LAST
_LONG_VOWEL_CODE: Final = ord(LONG_VOWEL)
assert KATAKANA_LETTERS == f"{chr(KATAKANA_FIRST)}-{chr(KATAKANA_LAST)}"


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
