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

KATAKANA_CHARS = "\u30a1-\u30fa"  # ァ..ヺ (letters only, not ・ or ー)
LONG_VOWEL = "\u30fc"  # ー
# Separators written between the parts of a foreign name: ・ (and its half-width and Latin
# look-alikes), the double-hyphen ゠ / = used in ジャン=ポール, and spaces.
NAME_SEPARATORS = "\u30fb\uff65\u00b7\u2022\u30a0=\uff1d \u3000"

_SMALL_TO_LARGE = dict(zip("ァィゥェォッャュョヮヵヶヂヅヰヱ", "アイウエオツヤユヨワカケジズイエ"))
_TABLE = {ord(k): v for k, v in _SMALL_TO_LARGE.items()}
_TABLE.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_TABLE_KEEP_CASE = {ord(k): v for k, v in _SMALL_TO_LARGE.items()}

_VU = {"ア": "バ", "イ": "ビ", "エ": "ベ", "オ": "ボ", "": "ブ", "ウ": "ブ"}

# Applied after the 1:1 table (so ヴァ is already ヴア here).
_CHANGES = re.compile(
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
        s = self._map(start)
        last = self._map(end - 1)
        src = self.source
        e = last + (2 if src[last] == "ヴ" and last + 1 < len(src) and _is_vu_vowel(src[last + 1]) else 1)
        if "\u30a1" <= src[e - 1] <= "\u30fa":  # only a katakana name owns a following ー
            while e < len(src) and src[e] == LONG_VOWEL:
                e += 1
        return s, e

    def _map(self, f: int) -> int:
        i = bisect_right(self._bp_f, f) - 1
        return f - self._bp_f[i] + self._bp_o[i]


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


def fold_key(text: str, lower: bool = True) -> str:
    """The folded form of a variant (what the automaton is built from)."""
    return fold(text.strip(), lower).text
