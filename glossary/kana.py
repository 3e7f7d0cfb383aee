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
from bisect import bisect_right
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


# --- vectorized folding (numpy): the same result as `fold`, for whole documents ---------------
#
# `fold` walks every long-vowel mark and separator in Python (a news article has dozens); here
# the text becomes an array of code points, the 1:1 table is one lookup and the deletions are a
# mask computed from each character's class and its neighbours':
#   ー is dropped when the character before it (in the 1:1-translated text) is katakana or ー;
#   a run of separators is dropped when the character before the run is katakana or ー and the
#   character after it is katakana.
# ヴ (its 2→1 folds) is a second, rare step on the translated array; texts beyond the BMP take `fold`.

import numpy as _np  # noqa: E402

_MAP16: Final = _np.arange(0x10000, dtype=_np.uint16)  # the 1:1 table on UTF-16 code units
for _k, _v in _TABLE.items():
    _MAP16[_k] = ord(_v) if isinstance(_v, str) else _v
# Classes 0 other, 1 katakana letter, 2 long vowel, 3 separator; a character's fate is a function
# of its class and its neighbours': _TRI[16 * before + 4 * self + after] is 1 when it is dropped
# (ー after katakana or ー; a lone separator between katakana or ー and katakana), 2 for a
# separator next to another one (a run: decided by `_drop_runs`).
_CLS: Final = _np.zeros(0x10000, dtype=_np.uint8)
_CLS[KATAKANA_FIRST : KATAKANA_LAST + 1] = 1
_CLS[ord(LONG_VOWEL)] = 2
for _c in NAME_SEPARATORS:
    _CLS[ord(_c)] = 3
_TRI: Final = _np.zeros(64, dtype=_np.uint8)
for _p in range(4):
    for _m in range(4):
        for _n in range(4):
            if _m == 2 and _p in (1, 2):
                _TRI[16 * _p + 4 * _m + _n] = 1
            elif _m == 3 and (_p == 3 or _n == 3):
                _TRI[16 * _p + 4 * _m + _n] = 2
            elif _m == 3 and _p in (1, 2) and _n == 1:
                _TRI[16 * _p + 4 * _m + _n] = 1


class IndexFolded:
    """A `Folded` (the same members; not a subclass: compiled, a property cannot override an
    attribute) whose map back comes from the dropped positions: with g_k = d_k - k for the k-th
    dropped source offset d_k (the folded offset it falls before), folded offset f is source
    offset f + #{k: g_k <= f}. A document drops dozens of characters, so this list is short and
    only built when a hit is mapped back (most documents have none or a few)."""

    __slots__ = ("_drop", "_gaps", "units", "_text", "_units11", "source")

    def __init__(self, units, source: str, drop, units11):
        self.units = units  # the folded text's UTF-16 code units (numpy uint16), one per character
        self._text: str | None = None
        self.source = source
        self._drop = drop  # None: nothing dropped, offsets are equal; else a bool array
        self._gaps: list[int] | None = None
        self._units11 = units11  # the source's units through the 1:1 table (`one_to_one`)

    def one_to_one(self) -> str:
        # Already computed on the way to `units`: a decode instead of a dict lookup per character.
        return self._units11.tobytes().decode("utf-16-le")

    @property
    def text(self) -> str:
        # Decoded on first use.
        if self._text is None:
            self._text = self.units.tobytes().decode("utf-16-le")
        return self._text

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        # `Folded.to_source` with `_map` inlined: find calls it for every hit.
        if start >= end:
            raise ValueError("empty span")
        gaps = self._gaps
        if gaps is None and self._drop is not None:
            gaps = self._gaps = _gaps(self._drop)
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


def _gaps(drop) -> list[int]:
    """g_k = d_k - k for the dropped offsets d_k (see `IndexFolded`)."""
    d = drop.nonzero()[0]
    return (d - _np.arange(len(d))).tolist()


def _drop_runs(cl, tri):
    """Separator runs: dropped when the character before the run is katakana or ー and the one
    after it katakana (cl is padded with one class-0 character on each side). A lone separator
    is decided by `tri` already (1); the separators in runs are those marked 2, and two runs never
    touch, so each run of consecutive 2s is one run of separators. Only they are looked at (a
    text has few: indentation, spaced lists), not the whole text as before."""
    drop = tri == 1
    pos = _np.flatnonzero(tri == 2)  # offsets in the text (cl is one ahead: the padding)
    cut = _np.flatnonzero(pos[1:] != pos[:-1] + 1)
    first = pos[_np.concatenate(([0], cut + 1))]
    last = pos[_np.concatenate((cut, [len(pos) - 1]))]
    before = cl[first]  # the character before the run (the padding before the text: class 0)
    joined = ((before == 1) | (before == 2)) & (cl[last + 2] == 1)
    for a, b in zip(first[joined].tolist(), last[joined].tolist()):
        drop[a : b + 1] = True
    return drop


_VU_CODE: Final = ord("ヴ")
_VU_OF: Final = _np.zeros(0x10000, dtype=_np.uint16)  # the vowel after ヴ -> what ヴ+vowel folds to
for _vowel, _folded in _VU.items():
    if _vowel:
        _VU_OF[ord(_vowel)] = ord(_folded)
_IS_VU_VOWEL: Final = _VU_OF.astype(bool)


def fold_fast(text: str) -> Folded | IndexFolded:
    """`fold(text)` (lower-casing), vectorized; falls back to `fold` for texts with characters
    beyond the BMP."""
    try:
        raw = ("\0" + text + "\0").encode("utf-16-le")
    except UnicodeEncodeError:  # a lone surrogate: `fold` works on code points
        return fold(text)
    if len(raw) != 2 * len(text) + 4:
        return fold(text)
    a = _np.frombuffer(raw, dtype=_np.uint16)
    b = _MAP16.take(a[1:-1])
    cl = _CLS.take(a)
    code = cl[:-2] << 4
    code |= cl[1:-1] << 2
    code |= cl[2:]
    tri = _TRI.take(code)
    top = tri.max() if len(tri) else 0
    drop = None if top == 0 else tri.view(bool) if top == 1 else _drop_runs(cl, tri)
    b11 = b
    if "ヴ" in text:  # ヴ + vowel (after the 1:1 table) -> the バ row, the vowel dropped; ヴ -> ブ
        b = b.copy()  # (b11 stays the 1:1 text)
        vu = _np.flatnonzero(b == _VU_CODE)
        nxt = b.take(_np.minimum(vu + 1, len(b) - 1))
        pair = _IS_VU_VOWEL.take(nxt) & (vu + 1 < len(b))
        b[vu] = _np.where(pair, _VU_OF.take(nxt), ord(_VU[""]))
        if pair.any():
            if drop is None:
                drop = _np.zeros(len(b), dtype=bool)
            drop[vu[pair] + 1] = True
    return IndexFolded(b if drop is None else b[~drop], text, drop, b11)
