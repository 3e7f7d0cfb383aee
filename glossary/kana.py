"""Folding: the matching key of a text, with a map from folded offsets back to the text.

Glossary variants and the document are folded the same way, so spelling alternations of one
name meet on one key:

- ASCII letters lower-case (case-sensitive variants are re-checked on the unfolded text);
- small kana become large (ァ → ア, ッ → ツ), ヂ/ヅ/ヰ/ヱ become ジ/ズ/イ/エ;
- ヴ with a vowel becomes the バ row (ヴァ/ヴア → バ, ヴィ → ビ), a lone ヴ → ブ;
- the long-vowel mark after katakana goes (コンピューター = コンピュータ = コンピュタ);
- separators between two katakana go (サム・アルトマン = サム アルトマン = サムアルトマン).

Hiragana is deliberately *not* folded to katakana: short katakana names would then match inside
ordinary hiragana words (メタ in 求めた).

The 1:1 part is one `str.translate`; the length-changing part is a regex over the translated
text, and each change records a breakpoint, so mapping a folded offset back is a bisect.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    # `i64` marks the pass's offsets and code points: compiled, they are C int64s (no tagged-int
    # checks on every comparison and step: fold_fast 54.3 -> 42.1 M instructions over 300 livedoor
    # documents, bench/README.md session 9); interpreted, annotations only, plain ints.
    from mypy_extensions import i64

from normalizers.chars import (
    KATAKANA_BLOCK_FIRST,
    KATAKANA_BLOCK_LAST,
    KATAKANA_FIRST,
    KATAKANA_LAST,
    KATAKANA_LETTERS,
    LONG_VOWEL,
    NAME_JOINERS,
    NAME_SEPARATORS,
)

_SMALL_TO_LARGE = dict(zip("ァィゥェォッャュョヮヵヶヂヅヰヱ", "アイウエオツヤユヨワカケジズイエ"))
_TABLE: Final[dict[int, str | int]] = {ord(k): v for k, v in _SMALL_TO_LARGE.items()}
_TABLE.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_TABLE_KEEP_CASE: Final = {ord(k): v for k, v in _SMALL_TO_LARGE.items()}

_VU: Final = {"ア": "バ", "イ": "ビ", "エ": "ベ", "オ": "ボ", "": "ブ", "ウ": "ブ"}

# Applied after the 1:1 table (so ヴァ is already ヴア here).
_CHANGES: Final = re.compile(
    f"(?P<vu>ヴ[アイウエオ]?)"
    f"|(?<=[{KATAKANA_LETTERS}{LONG_VOWEL}])(?P<lv>{LONG_VOWEL}+)"
    f"|(?<=[{KATAKANA_LETTERS}{LONG_VOWEL}])(?P<sep>[{NAME_SEPARATORS}]+)(?=[{KATAKANA_LETTERS}])"
)


class Folded:
    """A folded text and the map back to the text it came from."""

    __slots__ = ("text", "source", "_bp_f", "_bp_o")

    def __init__(self, text: str, source: str, bp_f: list[int], bp_o: list[int]):
        self.text = text
        self.source = source
        self._bp_f = bp_f  # folded offsets where the shift to the source changes
        self._bp_o = bp_o  # the source offsets at those points

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of folded [start, end); a long-vowel mark right after the end belongs
        to the name (アルトマーン, サーバー), separators at the edges do not."""
        if start >= end:
            raise ValueError("empty span")
        return self._map(start), _source_end(self.source, self._map(end - 1))

    def _map(self, f: int) -> int:
        i = bisect_right(self._bp_f, f) - 1
        return f - self._bp_f[i] + self._bp_o[i]

    def one_to_one(self) -> str:
        """The source with only the 1:1 part of folding (`_TABLE`): same length, same offsets."""
        return self.source.translate(_TABLE)

    def token_fold(self, start: int, end: int) -> str:
        """`fold_key` of source[start:end], a katakana token or Latin word (`fuzzy`): no fold
        reaches across its edges, so it is its own fold in the folded text too."""
        return fold_key(self.source[start:end])


def _is_vu_vowel(c: str) -> bool:
    return c in "アイウエオァィゥェォ"


def fold(text: str, lower: bool = True) -> Folded:
    t = text.translate(_TABLE if lower else _TABLE_KEEP_CASE)
    bp_f = [0]
    bp_o = [0]
    pieces: list[str] = []
    flen = 0  # length of the folded text so far
    last = 0  # source offset copied up to
    for m in _CHANGES.finditer(t):
        s, e = m.span()
        pieces.append(t[last:s])
        flen += s - last
        vu = m.group("vu")
        if vu is not None:
            pieces.append(_VU[vu[1:]])
            flen += 1
        bp_f.append(flen)
        bp_o.append(e)
        last = e
    if last == 0:
        return Folded(t, text, bp_f, bp_o)
    pieces.append(t[last:])
    return Folded("".join(pieces), text, bp_f, bp_o)


def _change(m: re.Match) -> str:
    vu = m.group("vu")
    return _VU[vu[1:]] if vu is not None else ""


_LENGTH_CHANGING: Final = ("ヴ", LONG_VOWEL) + tuple(NAME_SEPARATORS)


def fold_keys(texts: list[str]) -> list[str]:
    """`[fold_key(t) for t in texts]` in one pass: folding is local and a newline neither folds
    nor lets its neighbours fold, so the keys are folded joined by newlines."""
    stripped = [t.strip() for t in texts]
    if any("\n" in t for t in stripped):
        return [fold_key(t) for t in stripped]
    return fold_key("\n".join(stripped)).split("\n") if stripped else []


def fold_key(text: str, lower: bool = True) -> str:
    """The folded form of a variant (what the automaton is built from): `fold(text).text`
    without the offset map."""
    t = text.strip().translate(_TABLE if lower else _TABLE_KEEP_CASE)
    for c in _LENGTH_CHANGING:
        if c in t:
            return _CHANGES.sub(_change, t)
    return t


# --- folding whole documents: the same result as `fold`, faster -----------------------------
#
# `fold` translates with a dict (a lookup, and a KeyError raised and cleared, for every
# character the table does not change: most of a Japanese text) and walks every change in
# Python. Here one pass over the code points (compiled, `ord(text[i])` reads the str's buffer in
# place) finds what the 1:1 table changes (A-Z, small kana, ヴ and its vowel: a few dozen in an
# article, copied around in slices), and which ー and separators folding drops: their neighbours'
# classes decide, as `_CHANGES`' look-arounds do, and the 1:1 table keeps every character's class
# (katakana stays katakana). No table indexed by the whole BMP is read (numpy's two `take`s were
# 192 KB of random access, evicted between documents by the other stages). The map back is the
# list of dropped offsets. The same pass records the name runs fuzzy linking reads.

# The code points the pass tests, as Final literals (mypyc compiles a literal into the comparison,
# chars.py's too; a name computed at import is a static read and checked on every use), checked
# against chars.py.
_VU_CODE: Final = 0x30F4  # \N{KATAKANA LETTER VU}
assert chr(_VU_CODE) == "\N{KATAKANA LETTER VU}"
assert KATAKANA_BLOCK_FIRST < KATAKANA_FIRST <= KATAKANA_LAST < ord(LONG_VOWEL) <= KATAKANA_BLOCK_LAST

# Name runs, recorded by the same pass for fuzzy linking (`fuzzy.FuzzyLinker.candidates`, which finds
# its tokens inside them): maximal runs of katakana letters, ー and name joiners, and of the
# characters of a Latin word, as long as a token of fuzzy linking at least (`fuzzy.FUZZY_MIN_*`).
KANA_RUN_CHARS: Final = f"{KATAKANA_LETTERS}{LONG_VOWEL}{NAME_JOINERS}"  # character class bodies
LATIN_RUN_CHARS: Final = "A-Za-z0-9.&'-"
KANA_RUN_MIN: Final = 5
LATIN_RUN_MIN: Final = 6

# What a character is to the pass, as bits: a katakana letter, ー, a separator (`NAME_SEPARATORS`),
# A-Z (lower-cased), a character of a katakana run or of a Latin run.
_LETTER: Final = 1
_LONG: Final = 2
_SEPARATOR: Final = 4
_UPPER: Final = 8
_KANA_RUN: Final = 16
_LATIN_RUN: Final = 32


def _flags(c: str) -> int:
    return (
        (_LETTER if KATAKANA_FIRST <= ord(c) <= KATAKANA_LAST else 0)
        | (_LONG if c == LONG_VOWEL else 0)
        | (_SEPARATOR if c in NAME_SEPARATORS else 0)
        | (_UPPER if "A" <= c <= "Z" else 0)
        | (_KANA_RUN if re.fullmatch(f"[{KANA_RUN_CHARS}]", c) else 0)
        | (_LATIN_RUN if re.fullmatch(f"[{LATIN_RUN_CHARS}]", c) else 0)
    )


# The bits of every ASCII character and of the katakana block, one character each (chr(bits)),
# and of the few other characters that have any (the separators and joiners there).
_ASCII_FLAGS: Final = "".join(chr(_flags(chr(c))) for c in range(128))
_BLOCK_FLAGS: Final = "".join(chr(_flags(chr(c))) for c in range(KATAKANA_BLOCK_FIRST, KATAKANA_BLOCK_LAST + 1))
_OTHER_FLAGS: Final[dict[int, int]] = {
    ord(c): _flags(c) for c in NAME_SEPARATORS + NAME_JOINERS if ord(c) >= 128 and not KATAKANA_BLOCK_FIRST <= ord(c) <= KATAKANA_BLOCK_LAST
}
# Between these two no character has a bit: CJK punctuation and hiragana (U+3001..U+309F), and
# from U+3100 kanji and most other scripts: most of a Japanese text.
_QUIET_FIRST: Final = 0x3001
_QUIET_LAST: Final = 0xFF00
assert all(c < _QUIET_FIRST or c > _QUIET_LAST for c in _OTHER_FLAGS)
# The 1:1 table over the katakana block: what each character becomes ("": unchanged).
_KANA_ONE_TO_ONE: Final[tuple[str, ...]] = tuple(
    _SMALL_TO_LARGE.get(chr(c), "") for c in range(KATAKANA_BLOCK_FIRST, KATAKANA_BLOCK_LAST + 1)
)


class IndexFolded:
    """A `Folded` (the same members; not a subclass: compiled, a property cannot override an
    attribute) whose map back comes from the dropped positions: with g_k = d_k - k for the k-th
    dropped source offset d_k (the folded offset it falls before), folded offset f is source
    offset f + #{k: g_k <= f}."""

    __slots__ = ("text", "source", "_gaps", "_drops", "kana_runs", "latin_runs")

    def __init__(self, text: str, source: str, gaps: list[int], drops: list[int],
                 kana_runs: list[int], latin_runs: list[int]):
        self.text = text  # the folded text
        self.source = source
        self._gaps = gaps  # g_k (see above); empty: nothing dropped, offsets are equal
        self._drops = drops  # d_k, the dropped source offsets (sorted)
        # The name runs of the source (`KANA_RUN_CHARS`, `LATIN_RUN_CHARS`, at least KANA_RUN_MIN /
        # LATIN_RUN_MIN long), as start, end, start, end, ...
        self.kana_runs = kana_runs
        self.latin_runs = latin_runs

    def one_to_one(self) -> str:
        """The source with only the 1:1 part of folding (`Folded.one_to_one`; the tests' oracles
        read it, `find` does not)."""
        return self.source.translate(_TABLE)

    def token_fold(self, start: int, end: int) -> str:
        """`fold_key` of source[start:end], a span no fold reaches across (a katakana token of
        `fuzzy`: it starts on a letter, and no letter, ー or vowel of a ヴ follows it): the folded
        text's characters from that span, read off the dropped offsets."""
        drops = self._drops
        if not drops:
            return self.text[start:end]
        # bisect_left(drops, end) walked from bisect_left(drops, start): a token holds few drops
        i = j = bisect_left(drops, start)
        while j < len(drops) and drops[j] < end:
            j += 1
        return self.text[start - i : end - j]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        # `Folded.to_source` with `_map` inlined: find calls it for every hit.
        if start >= end:
            raise ValueError("empty span")
        gaps = self._gaps
        if gaps:
            # bisect_right(gaps, end - 1) walked from bisect_right(gaps, start): a hit spans few gaps
            i = j = bisect_right(gaps, start)
            while j < len(gaps) and gaps[j] < end:
                j += 1
            s, last = start + i, end - 1 + j
        else:
            s, last = start, end - 1
        return s, _source_end(self.source, last)


# Module constants a compiled function reads as C statics (an imported name is a dict lookup).
_KANA_FIRST: Final = KATAKANA_FIRST
_KANA_LAST: Final = KATAKANA_LAST
_LONG_VOWEL: Final = LONG_VOWEL


def _source_end(src: str, last: int) -> int:
    """The source end of a span whose last folded character is src[last]: a vowel folded into a
    preceding ヴ, and a long-vowel mark right after a katakana name (アルトマーン), belong to it."""
    e = last + 1
    if src[last] == "ヴ" and e < len(src) and _is_vu_vowel(src[e]):
        e += 1
    if _KANA_FIRST <= ord(src[e - 1]) <= _KANA_LAST:  # only a katakana name owns a following ー
        while e < len(src) and src[e] == _LONG_VOWEL:
            e += 1
    return e


class _Folding:
    """The folded text as `fold_fast`'s pass builds it: its pieces up to source offset `copied`,
    and the source offsets dropped so far with `IndexFolded`'s g_k."""

    __slots__ = ("source", "pieces", "copied", "drops", "gaps")

    def __init__(self, source: str) -> None:
        self.source = source
        self.pieces: list[str] = []
        self.copied: i64 = 0
        self.drops: list[int] = []
        self.gaps: list[int] = []

    def put(self, start: i64, end: i64, folded: str) -> None:
        """source[start:end] folds to `folded`."""
        self.pieces.append(self.source[self.copied : start])
        self.pieces.append(folded)
        self.copied = end

    def drop(self, start: i64, end: i64) -> None:
        """source[start:end] is dropped."""
        self.pieces.append(self.source[self.copied : start])
        drops, gaps = self.drops, self.gaps
        for d in range(start, end):
            gaps.append(d - len(drops))
            drops.append(d)
        self.copied = end

    def folded(self, kana_runs: list[int], latin_runs: list[int]) -> IndexFolded:
        text = self.source
        if self.pieces:
            self.pieces.append(text[self.copied :])
            text = "".join(self.pieces)
        return IndexFolded(text, self.source, self.gaps, self.drops, kana_runs, latin_runs)


def _fold_vu(text: str, i: i64, out: _Folding) -> i64:
    """ヴ at i + a vowel -> the バ row, the vowel dropped; a lone ヴ -> ブ. Returns where the pass
    goes on (the vowel is a katakana letter: in the katakana run, not in a Latin one)."""
    vowel = text[i + 1] if i + 1 < len(text) else ""
    if vowel and _is_vu_vowel(vowel):
        out.put(i, i + 1, _VU[_SMALL_TO_LARGE.get(vowel, vowel)])
        out.drop(i + 1, i + 2)
        return i + 2
    out.put(i, i + 1, _VU[""])
    return i + 1


def _end_run(runs: list[int], start: i64, end: i64, least: i64) -> None:
    if end - start >= least:
        runs.append(start)
        runs.append(end)


def fold_fast(text: str) -> IndexFolded:
    """`fold(text)` (lower-casing) for whole documents, in one pass over the code points, which also
    records the name runs (`IndexFolded.kana_runs`, `latin_runs`)."""
    n: i64 = len(text)
    out = _Folding(text)
    after_name = False  # text[i - 1] is a katakana letter or ー: a ー or separator run may drop
    run: i64 = -1  # where the separator run at i starts, when it follows a katakana letter or ー
    kana_runs: list[int] = []
    latin_runs: list[int] = []
    kana_at: i64 = -1  # where the katakana run (`KANA_RUN_CHARS`) around i started; -1: none
    latin_at: i64 = -1  # the same for a Latin run
    i: i64 = 0
    while i < n:
        c: i64 = ord(text[i])
        bits: i64
        if _QUIET_FIRST <= c < KATAKANA_BLOCK_FIRST or KATAKANA_BLOCK_LAST < c <= _QUIET_LAST:
            bits = 0
        elif c < 128:
            bits = ord(_ASCII_FLAGS[c])
        elif KATAKANA_BLOCK_FIRST <= c <= KATAKANA_BLOCK_LAST:
            bits = ord(_BLOCK_FLAGS[c - KATAKANA_BLOCK_FIRST])
        else:
            bits = _OTHER_FLAGS.get(c, 0)
        if bits & _KANA_RUN:
            if kana_at < 0:
                kana_at = i
        elif kana_at >= 0:
            _end_run(kana_runs, kana_at, i, KANA_RUN_MIN)
            kana_at = -1
        if bits & _LATIN_RUN:
            if latin_at < 0:
                latin_at = i
        elif latin_at >= 0:
            _end_run(latin_runs, latin_at, i, LATIN_RUN_MIN)
            latin_at = -1
        if bits & _LETTER:
            if run >= 0:  # a separator run between katakana: dropped
                out.drop(run, i)
                run = -1
            after_name = True
            if c == _VU_CODE:
                i = _fold_vu(text, i, out)
                continue
            large = _KANA_ONE_TO_ONE[c - KATAKANA_BLOCK_FIRST]
            if large:
                out.put(i, i + 1, large)
        elif bits & _LONG:
            if after_name:
                out.drop(i, i + 1)
            run = -1
            after_name = True
        elif bits & _SEPARATOR:
            if run < 0 and after_name:
                run = i
            after_name = False
        else:
            run = -1
            after_name = False
            if bits & _UPPER:  # A-Z: the run of capitals lower-cased at once (all in the Latin run)
                j: i64 = i + 1
                while j < n and 65 <= ord(text[j]) <= 90:
                    j += 1
                out.put(i, j, text[i:j].lower())
                i = j
                continue
            if not bits:  # most of a text (kanji, hiragana): what follows of it changes nothing
                i += 1
                while i < n:
                    c = ord(text[i])
                    if c < _QUIET_FIRST or KATAKANA_BLOCK_FIRST <= c <= KATAKANA_BLOCK_LAST or c > _QUIET_LAST:
                        break
                    i += 1
                continue
        i += 1
    if kana_at >= 0:
        _end_run(kana_runs, kana_at, n, KANA_RUN_MIN)
    if latin_at >= 0:
        _end_run(latin_runs, latin_at, n, LATIN_RUN_MIN)
    return out.folded(kana_runs, latin_runs)
