"""The romaji of a katakana run (サム・アルトマン) from its syllables: a speed-up of
`candidates.RomajiIndex.romaji`, kept apart, whose reference is pykakasi's `kakasi().convert` on
the whole text.

Why it holds: pykakasi converts a run of katakana in one segment, matching its tables longest
first from left to right, and a ー repeats the last letter written before it. Cut before every
letter that is neither a small vowel or y-kana (ァ, ャ, ...: they join the letter before them)
nor follows a ッ (which doubles the next consonant), nor is a ー, and no table entry spans a
cut: so the run's romaji is its syllables' romaji, each syllable converted alone (by pykakasi,
once per distinct syllable). A run of a corpus has ~5 syllables and a corpus a few hundred
distinct ones, so pykakasi converts a few hundred short texts instead of every candidate
(tests/glossary/test_candidates_romaji_katakana.py checks it equals pykakasi on every katakana
run of livedoor and aozora and on every pair of letters; the gain is in bench/README.md,
"Issue 21, session 6").

Only a text that is one katakana run joined by ・ or = (`normalizers.chars.KATAKANA_RUN` as a
normalized text holds it, what `find_candidates` collects) takes this path: anything else goes to
pykakasi whole. Not the half-width ･ nor the full-width ＝, which KATAKANA_RUN also joins on:
pykakasi writes the syllables before them twice (ア･ア → aaa).
"""

from __future__ import annotations

import re
from typing import Callable

from normalizers.chars import KATAKANA, KATAKANA_LETTERS, KATAKANA_MIDDLE_DOT, LONG_VOWEL

# The small kana that join the letter before them (a small ッ is the doubling mark, handled
# apart; the small ヵ ヶ stand alone: ヶ月).
_JOINING_SMALL = (
    "\N{KATAKANA LETTER SMALL A}\N{KATAKANA LETTER SMALL I}\N{KATAKANA LETTER SMALL U}"
    "\N{KATAKANA LETTER SMALL E}\N{KATAKANA LETTER SMALL O}\N{KATAKANA LETTER SMALL YA}"
    "\N{KATAKANA LETTER SMALL YU}\N{KATAKANA LETTER SMALL YO}\N{KATAKANA LETTER SMALL WA}"
)
_SMALL_TU = "\N{KATAKANA LETTER SMALL TU}"
# A cut before every character that starts a syllable: not a joining small kana, not ー, and
# not right after a ッ; a name joiner is a syllable of its own (it writes no letter).
_SYLLABLE_START = re.compile(f"(?<!{_SMALL_TU})(?=[^{_JOINING_SMALL}{LONG_VOWEL}])")
_JOINERS = KATAKANA_MIDDLE_DOT + "="
_RUN = re.compile(f"[{KATAKANA_LETTERS}][{KATAKANA}]*(?:[{_JOINERS}][{KATAKANA_LETTERS}][{KATAKANA}]*)*")


class KatakanaRomaji:
    """romaji(text) for a text that is one katakana run, from `reference` (pykakasi's romaji,
    as `RomajiIndex` strips it) of each distinct syllable, which this object keeps."""

    def __init__(self, reference: Callable[[str], str]):
        self._reference = reference
        self._of_syllable: dict[str, str] = {joiner: "" for joiner in _JOINERS}
        self._of_syllable[""] = ""

    @staticmethod
    def applies_to(text: str) -> bool:
        return _RUN.fullmatch(text) is not None

    def romaji(self, text: str) -> str:
        """The romaji of `text`, which `applies_to`."""
        of_syllable = self._of_syllable
        parts = []
        for syllable in _SYLLABLE_START.split(text):
            r = of_syllable.get(syllable)
            if r is None:
                r = of_syllable[syllable] = self._reference(syllable)
            parts.append(r)
        return "".join(parts)
