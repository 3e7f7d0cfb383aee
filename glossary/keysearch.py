"""The folded keys' search: one LeftmostLongest Aho-Corasick automaton, what `Glossary.find`
runs over every folded document.

`reference` is the definition: the automaton over the keys as `str`, searching the text as
`str` (ahocorasick_rs encodes it to UTF-8, ~24 instructions a character, and maps each hit's
byte offsets back to character offsets by walking the text). `find` gives the same hits reading
less: the keys and the text as UTF-16 code units (`str.encode("utf-16-le")`: two bytes a
character in the BMP, where byte offset // 2 is the character offset), searched as bytes.
Searched as bytes, a key could also match at an odd offset, across two characters' code units
(`x` is 78 00, inside the units of U+78xx U+xx00). Such a hit would be reported whenever it is the
leftmost, so when no hit starts at an odd offset, each hit was the leftmost-longest among the
even ones too, and they are the character search's hits; otherwise `find` returns
`reference`'s (a document with characters beyond the BMP, or a lone surrogate, as well).
Over 300 livedoor documents: 36.6 M instructions → 21.1 M (bench/README.md, session 11).
"""

from __future__ import annotations

import re
from typing import Final

import ahocorasick_rs

from normalizers.chars import SURROGATES

LONE_SURROGATE: Final = re.compile(f"[{SURROGATES}]")


class KeySearch:
    """The LeftmostLongest hits of `keys` in a folded text, as (key index, start, end)."""

    def __init__(self, keys: list[str], dfa: bool):
        self._keys = keys
        self._dfa = dfa
        self._units = ahocorasick_rs.BytesAhoCorasick(
            [k.encode("utf-16-le") for k in keys], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA if dfa else None)
        self._str: ahocorasick_rs.AhoCorasick | None = None  # `reference`'s, built when first needed

    def find(self, text: str) -> tuple[list[tuple[int, int, int]], int]:
        """`reference(text)`, searched as UTF-16 code units (see above), and the width of its
        offsets: 2 (bytes of UTF-16: halve them) or 1 (characters, from `reference`). (The hits are
        not copied with their offsets halved: 7,000 tuples per 300 documents.)"""
        try:
            units = text.encode("utf-16-le")
        except UnicodeEncodeError:  # a lone surrogate
            return self.reference(text), 1
        if len(units) != 2 * len(text):  # characters beyond the BMP: two code units each
            return self.reference(text), 1
        found = self._units.find_matches_as_indexes(units)
        for _, s, _ in found:
            if s & 1:  # across two characters' code units: no hit of the character search
                return self.reference(text), 1
        return found, 2

    def reference(self, text: str) -> list[tuple[int, int, int]]:
        """The automaton over the keys as `str`, on the text (a lone surrogate, which UTF-8 cannot
        encode and no key holds, searched as U+FFFD)."""
        if self._str is None:
            self._str = ahocorasick_rs.AhoCorasick(
                self._keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=ahocorasick_rs.Implementation.DFA if self._dfa else None)
        try:
            return self._str.find_matches_as_indexes(text)
        except UnicodeEncodeError:
            return self._str.find_matches_as_indexes(LONE_SURROGATE.sub("\N{REPLACEMENT CHARACTER}", text))
