"""Fuzzy linking: a whole katakana run or Latin word one edit away from a glossary key links to
its entity, when the document mentions that entity (or an entity its context rules name)
without context. `Glossary.find` asks its `FuzzyLinker` for these links after the exact matches.

One index, built once per glossary, serves every document: all its fuzzy keys of a kind by their
first and last two characters (`edge_index`: a token one edit from a key shares one of them), and
a memo of the runs of token characters seen so far (`FuzzyKind.runs`; the fold's pass records the
runs, `kana.IndexFolded.kana_runs`, `latin_runs`), so a run seen before costs one slice and one
dict lookup, and a new run's tokens are compared (`one_edit`) only with the keys sharing an edge.
Only for the rare token one edit from some key is the document's support asked
(`FuzzyLinker.supporters`), where a plan of the document's supported keys used to be built first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Final

from rapidfuzz.distance import Levenshtein

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


# The characters tokens are made of: a token lies inside a run of them (`FuzzyLinker.candidates`; the
# fold pass records these runs, `IndexFolded.kana_runs` and `latin_runs`).
RUN_CHARS = {False: f"[{KANA_RUN_CHARS}]", True: f"[{LATIN_RUN_CHARS}]"}


def runs(latin: bool, n: int) -> re.Pattern:
    """Runs of at least n characters tokens of the kind are made of."""
    return re.compile(f"{RUN_CHARS[latin]}{RUN_CHARS[latin]}{{{n - 1},}}")  # n of them


_KANA_KEY: Final = re.compile(f"[{KATAKANA_LETTERS}]+")
_LATIN_KEY: Final = re.compile(r"[a-z][a-z0-9]*")


# The Latin tokens: words of FUZZY_MIN_LATIN+ characters (the katakana ones, runs of FUZZY_MIN_KANA+
# units, are read off the run's characters: `kana_token_spans`, the same spans as
# `long_tokens(False, FUZZY_MIN_KANA)`).
_LATIN_TOKENS: Final = long_tokens(True, FUZZY_MIN_LATIN)
# Distinct runs remembered per kind (a run's candidates depend on its text alone); then forgotten.
MAX_RUNS = 1 << 15


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


# A token one edit from some key: (start, end, folded token, the glossary indexes of those keys).
Candidate = tuple[int, int, str, list[int]]


class FuzzyKind:
    """All the glossary's fuzzy keys of one kind (katakana or Latin), indexed by their edges
    (`edge_index`), and the candidates found so far in each run of the kind's token characters."""

    def __init__(self, latin: bool, mine: list[int], keys: list[str]) -> None:
        self.latin = latin
        self.min_len = FUZZY_MIN_LATIN if latin else FUZZY_MIN_KANA
        self.mine = mine  # the keys' indexes in the glossary, ascending
        self.keys = keys
        self.ok_len = frozenset({len(k) + d for k in keys for d in (-1, 0, 1)})  # token lengths one edit away
        self.heads, self.tails, self.swaps = edge_index(keys)
        self.supporters: set[str] = set()  # the ids whose mention supports one of the keys (`FuzzyLinker`)
        self.runs: dict[str, list[Candidate]] = {}  # run text -> its candidates, offsets in the run


class FuzzyLinker:
    """The fuzzy keys of a compiled glossary (whole katakana keys of 4+ characters, Latin ones of
    5+, with a context-free claimant) and, for each key, the entities whose context-free mention
    supports it: its own, and those whose variants name it in `doc_any`."""

    def __init__(self, keys: list[str], claims: list[list["_Claim"]], support: dict[str, set[str]],
                 common_words: frozenset[str]) -> None:
        self.keys = keys
        self.common_words = common_words  # folded; an ordinary word never links (ウィンドウ)
        self.by_doc: dict[str, set[int]] = {}  # entity id -> the key indexes its mention supports
        self.latin: list[bool] = [False] * len(keys)
        self.claim: dict[int, _Claim] = {}  # key index -> the claim a fuzzy hit on it links to
        self.supporters: dict[int, frozenset[str]] = {}  # key index -> the ids whose mention supports it
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
            self.supporters[ki] = frozenset(support[claim.entity.id])  # type: ignore[union-attr]
            for d in support[claim.entity.id]:  # type: ignore[union-attr]
                self.by_doc.setdefault(d, set()).add(ki)
        self.kinds: list[FuzzyKind] = []  # katakana, then Latin
        for latin in (False, True):
            mine = [ki for ki in sorted(self.claim) if self.latin[ki] is latin]
            self.kinds.append(FuzzyKind(latin, mine, [keys[ki] for ki in mine]))
            for ki in mine:
                self.kinds[-1].supporters |= self.supporters[ki]

    def forget_runs(self) -> None:
        """Empty each kind's memo of runs (`FuzzyKind.runs`): the links do not change, only what
        the next documents cost (benchmarks start each timed pass cold with it)."""
        for kind in self.kinds:
            kind.runs.clear()

    def link(self, text: str, f: Folded | IndexFolded | None, taken: list[tuple[int, int]],
             doc_ids: set[str]) -> list[tuple[int, int, "_Claim", float]]:
        """(start, end, claim, confidence) of each fuzzy link in `text` (f: the text folded by
        `fold_fast`, None when `find` did not fold it) outside the `taken` spans (sorted,
        disjoint), given the entities with a context-free mention in the document (`doc_ids`)."""
        kinds = [kind for kind in self.kinds if not kind.supporters.isdisjoint(doc_ids)]
        if not kinds:
            return []  # no key is supported
        if not isinstance(f, IndexFolded):
            f = fold_fast(text)  # (its runs and token folds are those of any fold of the text)
        out: list[tuple[int, int, _Claim, float]] = []
        for kind in kinds:
            out += self._link_kind(text, f, taken, kind, doc_ids)
        return out

    def _link_kind(self, text: str, f: IndexFolded, taken: list[tuple[int, int]], kind: FuzzyKind,
                   doc_ids: set[str]) -> list[tuple[int, int, "_Claim", float]]:
        out: list[tuple[int, int, _Claim, float]] = []
        starts: list[int] | None = None
        for s, e, tok, near in self.candidates(text, f, kind):
            near = [ki for ki in near if not self.supporters[ki].isdisjoint(doc_ids)]  # this document's
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
        """The glossary indexes of the kind's keys exactly one edit (OSA) from the folded token,
        ascending: only the keys `edge_index` says may be are compared (`one_edit`)."""
        keys = kind.keys
        found: list[int] = []
        for edge in (kind.heads.get(tok[:2]), kind.tails.get(tok[-2:]), kind.swaps.get(tok) if len(tok) == 4 else None):
            if edge is not None:
                for j in edge:
                    if one_edit(tok, keys[j]):
                        found.append(j)
        if not found:
            return found  # most tokens
        return [kind.mine[j] for j in sorted(set(found))]  # (a key may share both edges)

    @staticmethod
    def candidates(text: str, f: IndexFolded, kind: FuzzyKind) -> list[Candidate]:
        """(start, end, folded token, near keys) of the kind's tokens (`long_tokens`) in the text
        one edit from a key of the kind (`near_keys`: any key of the glossary's, supported or not).
        They lie in the runs of the kind's token characters the fold's pass recorded: a run that
        is one word (Latin: letters and digits from a letter on; katakana: no joiner, from a letter
        on) is one token, the others are scanned. A run's candidates depend on its text alone
        (the characters around a run are none of the kind's, and a token's fold is its own
        `fold_key`), so a run seen before (most katakana words and Latin names are written again)
        takes the candidates found the first time, moved; most runs have none."""
        out: list[Candidate] = []
        bounds = f.latin_runs if kind.latin else f.kana_runs
        seen = kind.runs
        for k in range(0, len(bounds), 2):
            s = bounds[k]
            run = text[s : bounds[k + 1]]
            found = seen.get(run)
            if found is None:
                if len(seen) >= MAX_RUNS:
                    seen.clear()
                found = seen[run] = _run_candidates(text, f, kind, s, bounds[k + 1], run)
            for a, b, tok, near in found:
                out.append((s + a, s + b, tok, near))
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


def _run_candidates(text: str, f: IndexFolded, kind: FuzzyKind, s: int, e: int,
                    run: str) -> list[Candidate]:
    """`FuzzyLinker.candidates` of the run text[s:e] (= run), offsets from s."""
    out: list[Candidate] = []
    ok_len, min_len = kind.ok_len, kind.min_len
    if kind.latin:
        if run.isalnum() and run[0].isalpha():
            spans = [(s, e)]
        else:
            spans = [m.span() for m in _LATIN_TOKENS.finditer(text, s, e)]
        toks = [(a, b, text[a:b].lower()) for a, b in spans]  # a Latin word's fold: its lower case
    else:
        toks = [(a, b, f.token_fold(a, b)) for a, b in kana_token_spans(run, s, min_len)]
    for a, b, tok in toks:
        if len(tok) >= min_len and len(tok) in ok_len:
            near = FuzzyLinker.near_keys(tok, kind)
            if near:
                out.append((a - s, b - s, tok, near))
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


def one_edit(a: str, b: str) -> bool:
    """`OSA.distance(a, b) == 1`: b is a with one character substituted, inserted or deleted, or
    two neighbours swapped (`test_fuzzy_gate.py` checks it against rapidfuzz's OSA)."""
    n: i64 = len(a)
    m: i64 = len(b)
    if m < n:
        return one_edit(b, a)
    if m - n > 1:
        return False
    i: i64 = 0  # the first position where they differ
    while i < n and ord(a[i]) == ord(b[i]):
        i += 1
    if n < m:
        return _same_from(a, i, b, i + 1)  # b[i] inserted
    if i == n:
        return False  # equal
    if _same_from(a, i + 1, b, i + 1):
        return True  # substituted
    return i + 1 < n and ord(a[i]) == ord(b[i + 1]) and ord(a[i + 1]) == ord(b[i]) and _same_from(a, i + 2, b, i + 2)


def _same_from(a: str, i: i64, b: str, j: i64) -> bool:
    """a[i:] == b[j:], without the slices."""
    if len(a) - i != len(b) - j:
        return False
    while i < len(a):
        if ord(a[i]) != ord(b[j]):
            return False
        i += 1
        j += 1
    return True


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
