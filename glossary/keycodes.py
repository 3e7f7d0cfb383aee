"""Speed-up of the glossary's automaton, kept apart from the matcher: the folded text and the keys
written in 1- or 2-byte codes, so the automaton searches bytes instead of a str (its gain is in
bench/README.md; tests/glossary/test_matcher_fast_paths.py checks that both give the same
matches)."""

from __future__ import annotations

from itertools import accumulate

import numpy as np


def _code_unit(code: int) -> int:
    """The uint16 whose little-endian bytes are (low 7 bits, 0x80 | high 7 bits) of the code."""
    return (0x80 | (code >> 7)) << 8 | (code & 0x7F)


class KeyCodes:
    """The keys' characters as byte codes, for a bytes automaton: each character that occurs in a
    key gets a code, any other character 0. Up to 255 key characters (the shipped glossary has
    about 160), a code is one byte and haystack offsets are character offsets. Beyond that, up to
    16383, a code is 2 bytes whose first byte is below 0x80 and second 0x80 or above, so a key's
    bytes match the text's only at a character boundary, and offsets are twice the character
    offsets (`shift`). Either way a match is the same as on the folded str. Why: the str automaton
    converts every haystack to UTF-8 and maps byte offsets back to characters (much of its time
    on Japanese text); the codes come from the folded text's code units with one numpy lookup, and
    need no str; one byte a character halves the automaton's work again."""

    def __init__(self, table: np.ndarray, keys: list[bytes], shift: int):
        self.table = table  # code point -> code (uint8 or a uint16 code unit), for every code point
        self.keys = keys  # each key in codes
        self.shift = shift  # haystack offset = character offset << shift

    @staticmethod
    def of(keys: list[str], wide: bool = False) -> "KeyCodes | None":
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
        return KeyCodes(table, [codes[a:b] for a, b in zip(cuts, cuts[1:])], shift)

    def encode(self, f) -> np.ndarray:
        """The folded text in codes, as bytes (a uint8 view): from `IndexFolded.units`, or for a
        text beyond the BMP (folded by `fold`), from its code points."""
        units = getattr(f, "units", None)
        if units is None:
            # surrogatepass: a lone surrogate is one code point like any other
            units = np.frombuffer(f.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self.table.take(units).view(np.uint8)
