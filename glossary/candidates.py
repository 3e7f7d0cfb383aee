"""Unknown names: terms that look like names but are not in the glossary, and the nearest entity.

`find_candidates` feeds the `candidates/` dataset (reviewers grow the glossary from it);
`RomajiIndex.suggest` proposes the entity a new spelling probably belongs to, comparing romaji
(pykakasi) so katakana and Latin spellings of one name meet (ナデラ ~ Nadella).

The per-document mining (`find_candidates`, `guess_label`, the line keys, `document_terms`)
lives in `glossary.mining`, compiled with mypyc; it is imported here under its old names.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Iterable

from rapidfuzz import fuzz, process

from .mining import (  # noqa: F401 - the mining's names, as they were imported from here
    _LATIN_TERM,
    MIN_KANA,
    NAME_AFTER,
    STOPWORDS,
    centred_example,
    document_terms,
    find_candidates,
    guess_label,
    key_of_line,
    line_key,
    line_span,
    name_like_kana,
    name_like_kana_runs,
)
from .romaji_fast import KatakanaRomaji

if TYPE_CHECKING:
    from .matcher import Glossary

# A suggestion below this romaji similarity is noise (コメント ~ cade_metz 0.62, Core ~ cohere
# 0.8, SMAP ~ sap, Elo ~ elon_musk, H20 ~ nvidia_h200 0.857): no entity and no score. Chosen on
# the hand-labelled livedoor pairs of tests/golden/glossary/suggestions.tsv (precision 0.61,
# recall 0.55, F1 0.58 on the plateau of its best; glossary/README.md, "Suggestions").
SUGGEST_MIN_SCORE = 0.92
_NON_ALNUM = re.compile(r"[^a-z0-9]")

# Distinct non-ASCII texts whose romaji a RomajiIndex keeps (a corpus's candidate surfaces: see bench/README.md).
ROMAJI_CACHE_SIZE = 100_000

# Queries compared with the index's keys at once by `suggest_many` (a float64 matrix of
# SUGGEST_CHUNK x keys: ~4 MB for 1,000 keys).
SUGGEST_CHUNK = 512


class RomajiIndex:
    """Romaji of every entity's canonical, canonical_ja, variants and their `replace` names, for
    nearest-entity search."""

    def __init__(self, glossary: "Glossary", cache_size: int = ROMAJI_CACHE_SIZE):
        import pykakasi  # noqa: F401 - fail here, not per suggestion, when it is missing

        self._kakasi = None  # pykakasi.kakasi(), made on first use: it loads a kanji dictionary
        # pykakasi's romaji of the non-ASCII texts asked so far (a run asks for the same
        # candidate surfaces in shard after shard); emptied when it reaches cache_size.
        self._romaji_of: dict[str, str] = {}
        self._cache_size = cache_size
        # a katakana run's romaji from its syllables' (each converted by pykakasi once)
        self._katakana = KatakanaRomaji(self._pykakasi_romaji)
        self.keys: list[str] = []
        self.ids: list[str] = []
        seen: set[tuple[str, str]] = set()
        for ent in glossary.entities.values():
            names = [ent.canonical, ent.canonical_ja] + [v.text for v in ent.variants if v.text]
            names += [v.replace for v in ent.variants if v.replace and not v.mistranslation]
            for n in names:
                if not n:
                    continue
                r = self.romaji(n)
                if r and (r, ent.id) not in seen:
                    seen.add((r, ent.id))
                    self.keys.append(r)
                    self.ids.append(ent.id)

    def romaji(self, s: str) -> str:
        """Hepburn romaji, lower-case, letters and digits only (サム・アルトマン → samuarutoman):
        pykakasi's, through `pykakasi.kakasi().convert`. ASCII is its own romaji, so pykakasi is
        skipped for it (most Latin candidate terms): equal to pykakasi's for every printable
        ASCII string (tests/glossary/test_romaji_fast.py); pykakasi differs only around control
        characters (it repeats the text before them: "a\x01b" -> "aab"), which neither a
        candidate (letters, digits, " .&'-") nor a glossary name contains.
        A katakana run (most non-ASCII candidates) is romanized from its syllables, each
        converted by pykakasi once per index (`romaji_fast.KatakanaRomaji`, tested equal to
        pykakasi on the whole run); any other text goes to pykakasi whole."""
        if s.isascii():
            return _NON_ALNUM.sub("", s.lower())
        r = self._romaji_of.get(s)
        if r is None:
            if len(self._romaji_of) >= self._cache_size:
                self._romaji_of.clear()
            convert = self._katakana.romaji if KatakanaRomaji.applies_to(s) else self._pykakasi_romaji
            r = self._romaji_of[s] = convert(s)
        return r

    def _pykakasi_romaji(self, s: str) -> str:
        if self._kakasi is None:
            import pykakasi

            self._kakasi = pykakasi.kakasi()
        return _NON_ALNUM.sub("", "".join(p["hepburn"] for p in self._kakasi.convert(s)).lower())

    def suggest(self, surface: str) -> tuple[str | None, float | None, str]:
        """(nearest entity, its romaji similarity 0..1, the surface's romaji); entity and score
        are None when nothing is suggested (`suggest_many`)."""
        return self.suggest_many([surface])[0]

    def nearest(self, surface: str) -> tuple[str | None, float, str]:
        """(nearest entity, its romaji similarity 0..1 however low, the surface's romaji): what
        `suggest` thresholds, and what the threshold was calibrated on."""
        return self.nearest_many([surface])[0]

    def suggest_many(self, surfaces: list[str]) -> list[tuple[str | None, float | None, str]]:
        """`nearest` of each surface, kept as a suggestion when its similarity reaches
        SUGGEST_MIN_SCORE and the surface is not the entity's key with more added at an end
        (iPhone4S, Windows7, Android4.0: a model or version is another product, as for fuzzy
        linking; a doubled last letter is a typo); else (None, None, romaji): no entity, no score (contract section 4)."""
        out: list[tuple[str | None, float | None, str]] = []
        for i, score, r in self._nearest_keys(surfaces, SUGGEST_MIN_SCORE):
            key = self.keys[i] if i >= 0 else ""
            # a doubled last letter is a typo, not a model (Altmann, as fuzzy linking has it)
            extended = len(r) > len(key) and (r.startswith(key) or r.endswith(key)) and r != key + key[-1:]
            if i < 0 or score < SUGGEST_MIN_SCORE or extended:
                out.append((None, None, r))
            else:
                out.append((self.ids[i], score, r))
        return out

    def nearest_many(self, surfaces: list[str]) -> list[tuple[str | None, float, str]]:
        """`nearest` of each surface, computed together (`_nearest_keys`)."""
        return [(self.ids[i] if i >= 0 else None, score, r) for i, score, r in self._nearest_keys(surfaces)]

    def _nearest_keys(self, surfaces: list[str], at_least: float = 0.0) -> list[tuple[int, float, str]]:
        """(index of the nearest key or -1, its similarity 0..1 rounded to 3 places, the
        surface's romaji) of each surface, in one `cdist` per SUGGEST_CHUNK romaji of a length
        (~6x faster than one `extractOne` each; the same answers: float64 ratios as extractOne
        computes them, and argmax takes the first of equal best keys, as extractOne does).

        With `at_least` > 0 the answer is exact only where the nearest key's similarity reaches
        it (what `suggest_many` keeps); elsewhere it is some key below it, or -1. Then a romaji
        is compared only with the keys whose length lets it reach `at_least`: fuzz.ratio is at
        most 1 - |a - b| / (a + b) for lengths a and b, so a key too short or too long can never
        be the kept one (and the keys compared stay in index order, so ties go to the same key)."""
        import numpy as np  # only the batch search needs it

        romaji = [self.romaji(s) for s in surfaces]
        out: list[tuple[int, float, str]] = [(-1, 0.0, r) for r in romaji]
        if not self.keys:
            return out
        rows_of_length: dict[int, list[int]] = {}
        for j, r in enumerate(romaji):
            if r:
                rows_of_length.setdefault(len(r) if at_least > 0 else 0, []).append(j)
        key_lengths = np.array([len(k) for k in self.keys], np.float64)
        every_key = np.arange(len(self.keys))
        for length, todo in rows_of_length.items():
            # (a margin of 0.001 below `at_least`: the similarity is compared after rounding)
            cols = every_key if length == 0 else np.nonzero(
                1 - np.abs(key_lengths - length) / (key_lengths + length) >= at_least - 0.001)[0]
            if not len(cols):
                continue
            keys = self.keys if length == 0 else [self.keys[i] for i in cols.tolist()]
            for c in range(0, len(todo), SUGGEST_CHUNK):
                rows = todo[c : c + SUGGEST_CHUNK]
                scores = process.cdist([romaji[j] for j in rows], keys, scorer=fuzz.ratio, dtype=np.float64)
                best = scores.argmax(axis=1)
                for j, i, sc in zip(rows, cols[best].tolist(), scores[np.arange(len(rows)), best].tolist()):
                    out[j] = (i, round(sc / 100, 3), romaji[j])
        return out


# -- what a curator sees: the label guess, the example, site furniture --------------------------

LABELS = ("PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT")
def label_by_script(term: str) -> str:
    """The label of a term no occurrence gave evidence for: a single all-capitals Latin word is
    most often an organization (NHK, HTC), anything else a product or work (Ultrabook, and a
    ・-joined katakana name as often a film or a service as a person: キャプテン・アメリカ,
    イー・モバイル)."""
    if term.isascii() and term.isupper() and " " not in term:
        return "ORG"
    return "PRODUCT"




# Site furniture: a line that recurs verbatim in this many documents is the site's, not the
# article's (livedoor: `・エスマックス(S-MAX) smaxjp on Twitter` in 864 smax articles, `■Peachy
# 公式Twitter` in 32, `【MOVIE ENTERおすすめ記事】` in 49). A quote or headline repeated in a few
# related articles stays below it. Exact copies of one document (an article syndicated to ten
# feeds, a corpus concatenated with itself) count once: every line of a copy repeats, so counted
# as documents they would make the whole article furniture and drop every name in it.
FURNITURE_MIN_DOCS = 10
# A term is site furniture when at least this share of its documents have it in furniture lines.
FURNITURE_SHARE = 0.5


def copy_key(text: str) -> int:
    """A stable 63-bit key of a document's text: exact copies have equal keys (furniture)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def furniture_docs(line_docs: Iterable[tuple[int, int]]) -> int:
    """How many documents had the term in a furniture line, from (documents, distinct copies)
    pairs, one per line the term stood in: a furniture line is one in `FURNITURE_MIN_DOCS`
    documents that are not copies of each other; all its documents count (capped by the caller
    at n_docs). The definition `flows.candidate_aggregate.aggregate_candidates` computes column-wise."""
    return sum(docs for docs, copies in line_docs if copies >= FURNITURE_MIN_DOCS)


def is_site_furniture(n_docs: int, furniture: int) -> bool:
    """A term that stands mostly in lines repeated across many documents (a site's name in its
    footer, a section banner, a share link) is the site's furniture, not a name to curate:
    `furniture` (from `furniture_docs`) of its `n_docs` documents had it in such a line. Every
    line that holds the term holds it, so a line's document count among the term's own (line,
    documents) pairs is that line's count in the corpus: no corpus-wide line table is needed."""
    return n_docs > 0 and min(furniture, n_docs) >= FURNITURE_SHARE * n_docs
