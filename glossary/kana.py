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
from typing import Final

from normalizers.chars import KATAKANA_FIRST, KATAKANA_LAST, LONG_VOWEL, NAME_SEPARATORS
from normalizers.chars import KATAKANA_LETTERS as KATAKANA_CHARS

_SMALL_TO_LARGE = dict(zip("ァィゥェォッャュョヮヵヶヂヅヰヱ", "アイウエオツヤユヨワカケジズイエ"))
_TABLE: Final[dict[int, str | int]] = {ord(k): v for k, v in _SMALL_TO_LARGE.items()}
_TABLE.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_TABLE_KEEP_CASE: Final = {ord(k): v for k, v in _SMALL_TO_LARGE.items()}

_VU: Final = {"ア": "バ", "イ": "ビ", "エ": "ベ", "オ": "ボ", "": "ブ", "ウ": "ブ"}

# Applied after the 1:1 table (so ヴァ is already ヴア here).
_CHANGES: Final = re.compile(
    f"(?P<vu>ヴ[アイウエオ]?)"
    f"|(?<=[{KATAKANA_CHARS}{LONG_VOWEL}])(?P<lv>{LONG_VOWEL}+)"
    f"|(?<=[{KATAKANA_CHARS}{LONG_VOWEL}])(?P<sep>[{NAME_SEPARATORS}]+)(?=[{KATAKANA_CHARS}])"
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
# Python. Here the 1:1 table is one numpy `take` on the UTF-16 code units; the characters folding
# may drop (ー and the separators: a few dozen in an article) are found with a second `take`, and
# only they are looked at, in a loop over their positions (their neighbours' classes decide, as
# `_CHANGES`' look-arounds do on the translated text). ヴ (its 2->1 folds) is rare and handled by
# position too. The map back is the list of dropped offsets, built in the same loop; texts beyond
# the BMP (or with a lone surrogate) take `fold`.

import numpy as _np  # noqa: E402

_MAP16: Final = _np.arange(0x10000, dtype=_np.uint16)  # the 1:1 table on UTF-16 code units
for _k, _v in _TABLE.items():
    _MAP16[_k] = ord(_v) if isinstance(_v, str) else _v
# The characters folding may drop: ー (after katakana or ー) and separators (a run of them between
# katakana or ー and katakana).
_MAY_DROP: Final = _np.zeros(0x10000, dtype=_np.bool_)
_MAY_DROP[ord(LONG_VOWEL)] = True
for _c in NAME_SEPARATORS:
    _MAY_DROP[ord(_c)] = True


class IndexFolded:
    """A `Folded` (the same members; not a subclass: compiled, a property cannot override an
    attribute) whose map back comes from the dropped positions: with g_k = d_k - k for the k-th
    dropped source offset d_k (the folded offset it falls before), folded offset f is source
    offset f + #{k: g_k <= f}."""

    __slots__ = ("text", "source", "_t11", "_gaps", "_drops")

    def __init__(self, text: str, source: str, t11: str, gaps: list[int], drops: list[int]):
        self.text = text  # the folded text
        self.source = source
        self._t11 = t11  # the source through the 1:1 table (`one_to_one`)
        self._gaps = gaps  # g_k (see above); empty: nothing dropped, offsets are equal
        self._drops = drops  # d_k, the dropped source offsets (sorted)

    def one_to_one(self) -> str:
        return self._t11

    def token_fold(self, start: int, end: int) -> str:
        """`fold_key` of source[start:end], a span no fold reaches across (a katakana token of
        `fuzzy`: it starts on a letter, and no letter, ー or vowel of a ヴ follows it): the folded
        text's characters from that span, read off the dropped offsets."""
        drops = self._drops
        if not drops:
            return self.text[start:end]
        return self.text[start - bisect_left(drops, start) : end - bisect_left(drops, end)]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        # `Folded.to_source` with `_map` inlined: find calls it for every hit.
        if start >= end:
            raise ValueError("empty span")
        gaps = self._gaps
        if gaps:
            s = start + bisect_right(gaps, start)
            last = end - 1 + bisect_right(gaps, end - 1)
        else:
            s, last = start, end - 1
        return s, _source_end(self.source, last)


# Module constants a compiled function reads as C statics (an imported name is a dict lookup).
_KANA_FIRST: Final = KATAKANA_FIRST
_KANA_LAST: Final = KATAKANA_LAST
_LONG_VOWEL: Final = LONG_VOWEL
_VU_CHAR: Final = "\N{KATAKANA LETTER VU}"


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


def _kana(c: str) -> bool:
    return _KANA_FIRST <= ord(c) <= _KANA_LAST


def _kana_or_long(c: str) -> bool:
    return _KANA_FIRST <= ord(c) <= _KANA_LAST or c == _LONG_VOWEL


def _drops(t: str, candidates: list[int]) -> list[int]:
    """The offsets `fold` drops from t (the 1:1-folded text) among `candidates` (sorted offsets of
    ー and separators), ヴ's vowels aside: ー after katakana or ー; a run of separators after
    katakana or ー and before katakana."""
    drops: list[int] = []
    n = len(t)
    k = 0
    m = len(candidates)
    while k < m:
        i = candidates[k]
        if t[i] == _LONG_VOWEL:
            if i > 0 and _kana_or_long(t[i - 1]):
                drops.append(i)
            k += 1
            continue
        j = k  # the run of separators starting at i: consecutive candidates that are no ー
        while j + 1 < m and candidates[j + 1] == candidates[j] + 1 and t[candidates[j + 1]] != _LONG_VOWEL:
            j += 1
        end = candidates[j] + 1
        if i > 0 and _kana_or_long(t[i - 1]) and end < n and _kana(t[end]):
            drops.extend(range(i, end))
        k = j + 1
    return drops


def _fold_vu(t: str, drops: list[int]) -> tuple[str, list[int]]:
    """ヴ + vowel -> the バ row, the vowel dropped; a lone ヴ -> ブ (on t, the 1:1-folded text).
    Returns t with each ヴ replaced, and `drops` with the vowels added (sorted)."""
    chars = list(t)
    vowels: list[int] = []
    j = t.find(_VU_CHAR)
    while j >= 0:
        nxt = t[j + 1] if j + 1 < len(t) else ""
        if nxt and _is_vu_vowel(nxt):
            chars[j] = _VU[nxt]
            vowels.append(j + 1)
        else:
            chars[j] = _VU[""]
        j = t.find(_VU_CHAR, j + 1)
    return "".join(chars), sorted(drops + vowels) if vowels else drops


def fold_fast(text: str) -> Folded | IndexFolded:
    """`fold(text)` (lower-casing) for whole documents; falls back to `fold` for texts with
    characters beyond the BMP."""
    try:
        raw = text.encode("utf-16-le")
    except UnicodeEncodeError:  # a lone surrogate: `fold` works on code points
        return fold(text)
    if len(raw) != 2 * len(text):
        return fold(text)
    a = _np.frombuffer(raw, dtype=_np.uint16)
    t11 = _MAP16.take(a).tobytes().decode("utf-16-le")
    drops = _drops(t11, _np.flatnonzero(_MAY_DROP.take(a)).tolist())
    t = t11
    if _VU_CHAR in t11:
        t, drops = _fold_vu(t11, drops)
    if not drops:
        return IndexFolded(t, text, t11, drops, drops)
    pieces: list[str] = []
    last = 0
    gaps: list[int] = []
    for k, d in enumerate(drops):
        if d > last:
            pieces.append(t[last:d])
        last = d + 1
        gaps.append(d - k)
    pieces.append(t[last:])
    return IndexFolded("".join(pieces), text, t11, gaps, drops)
