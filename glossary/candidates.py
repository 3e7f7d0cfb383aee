"""Unknown names: terms that look like names but are not in the glossary, and the nearest entity.

`find_candidates` feeds the `candidates/` dataset (reviewers grow the glossary from it);
`RomajiIndex.suggest` proposes the entity a new spelling probably belongs to, comparing romaji
(pykakasi) so katakana and Latin spellings of one name meet (ナデラ ~ Nadella).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from normalizers.chars import KATAKANA_RUN, NAME_JOINERS

from .kana import fold_key

if TYPE_CHECKING:
    from .matcher import Glossary

MIN_KANA = 3
# A suggestion below this romaji similarity is noise (コメント ~ cade_metz 0.62, Core ~ cohere
# 0.8): None instead.
SUGGEST_MIN_SCORE = 0.85
# A katakana term is name-like with ・ between its parts (ジョン・スミス), a title or honorific
# right after it (スミス氏, ブルーベリー社, ナデラCEO), or when it fills a 「」 quote on its own
# (「ニコニコ」): a bare katakana run is usually an ordinary loanword (モデル, コメント).
NAME_AFTER = re.compile(
    r"[ 　]?(?:氏|さん|様|社長|社|会長|CEO|CTO|CFO|COO|共同創業者|創業者|代表|議長|大統領|首相|"
    r"長官|議員|教授|博士|監督|選手|容疑者|被告|記者|アナリスト|グループ|ホールディングス)"
)
_KANA_TERM = KATAKANA_RUN
# A Latin word with a capital somewhere (OpenAI, iPhone, xAI, NVIDIA, Grok), joined with the
# capitalized words that follow it (Factorial Funds, The Information).
# The pattern starts with a character class so the regex engine skips ahead to letters; the
# lookbehind after it asks that the letter starts a word.
_WORD_REST = r"[A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*"
_LATIN_TERM = re.compile(
    rf"[A-Za-z](?<![A-Za-z0-9.&'-][A-Za-z]){_WORD_REST}(?: [A-Z]{_WORD_REST})*(?![A-Za-z0-9])"
)
# Capitalized words that are not names: titles, acronyms of the trade, sentence starts.
STOPWORDS = frozenset(
    "ai agi ceo cto cfo coo it pc us usa uk eu api gpu cpu ipo llm ml vr ar os ui ux pr "
    "the a an and or of in on to for with by is are was this that it's we i you he she they "
    "inc corp co ltd llc news comments".split()
)


def _brand_like(term: str) -> bool:
    first = term.split(" ")[0]
    if term.lower() in STOPWORDS or first.lower() in STOPWORDS and " " not in term:
        return False
    if not any(c.isupper() for c in first):
        return False  # lowercase words in MT text are ordinary words (or glossary variants)
    return len(term) >= 3


_NAME_JOINERS = frozenset(NAME_JOINERS)


def name_like_kana(text: str, s: int, e: int) -> bool:
    """A katakana term text[s:e] with a name cue: ・ between parts, a title/honorific after it,
    or a 「」 quote around exactly it."""
    if not _NAME_JOINERS.isdisjoint(text[s:e]):
        return True
    if NAME_AFTER.match(text, e):
        return True
    return s > 0 and text[s - 1] in "「『" and text[e : e + 1] in ("」", "』")


def find_candidates(glossary: "Glossary", text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Name-like katakana terms (>= 3 characters; `name_like_kana`) and brand-like Latin terms
    that no `taken` span or URL/e-mail/domain covers, that are not glossary keys and not common
    words (data/common_words.txt)."""
    from .matcher import _merge, _web_around

    out: list[tuple[int, int, str]] = []
    for m in _KANA_TERM.finditer(text):
        s, e = m.span()
        if e - s >= MIN_KANA and name_like_kana(text, s, e):
            out.append((s, e, m.group()))
    for m in _LATIN_TERM.finditer(text):
        term = m.group()
        # A leading stopword (The Information is a name, `The` alone is not): drop it when the
        # rest is a name on its own.
        if _brand_like(term):
            s, e = m.span()
            # Inside a URL, e-mail address or domain? Only a Latin term can be (they are ASCII):
            # look in the run of URL characters around it, not the whole text.
            if not any(ws < e and s < we for ws, we in _web_around(text, s, e)):
                out.append((s, e, term))
    out.sort()
    covered = _merge(taken)  # disjoint and sorted, so one sweep finds the overlaps
    result = []
    j = 0
    for s, e, term in out:
        while j < len(covered) and covered[j][1] <= s:
            j += 1
        if j < len(covered) and covered[j][0] < e:
            continue
        if glossary.is_known(term):
            continue
        key = fold_key(term)
        if key in glossary.common_words:
            continue
        result.append((s, e, term))
    return result


_NON_ALNUM = re.compile(r"[^a-z0-9]")

# Distinct non-ASCII texts whose romaji a RomajiIndex keeps (livedoor's candidates: 7,203).
ROMAJI_CACHE_SIZE = 100_000

# Queries compared with the index's keys at once by `suggest_many` (a float64 matrix of
# SUGGEST_CHUNK x keys: ~4 MB for 1,000 keys).
SUGGEST_CHUNK = 512


class RomajiIndex:
    """Romaji of every entity's canonical, canonical_ja, variants and their `replace` names, for
    nearest-entity search."""

    def __init__(self, glossary: "Glossary", cache_size: int = ROMAJI_CACHE_SIZE):
        import pykakasi  # noqa: F401 - fail here, not per suggestion, when it is missing

        self._kakasi = None  # pykakasi.kakasi(), made on first use: its kanji dictionary takes ~0.4 s
        # pykakasi's romaji of the non-ASCII texts asked so far (a run asks for the same
        # candidate surfaces in shard after shard); emptied when it reaches cache_size.
        self._romaji_of: dict[str, str] = {}
        self._cache_size = cache_size
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
        candidate (letters, digits, " .&'-") nor a glossary name contains."""
        if s.isascii():
            return _NON_ALNUM.sub("", s.lower())
        r = self._romaji_of.get(s)
        if r is None:
            if len(self._romaji_of) >= self._cache_size:
                self._romaji_of.clear()
            r = self._romaji_of[s] = self._pykakasi_romaji(s)
        return r

    def _pykakasi_romaji(self, s: str) -> str:
        if self._kakasi is None:
            import pykakasi

            self._kakasi = pykakasi.kakasi()
        return _NON_ALNUM.sub("", "".join(p["hepburn"] for p in self._kakasi.convert(s)).lower())

    def suggest(self, surface: str) -> tuple[str | None, float, str]:
        """(nearest entity, its romaji similarity 0..1, the surface's romaji); the entity is None
        when the similarity is below SUGGEST_MIN_SCORE (the score still says how near it came)."""
        r = self.romaji(surface)
        if not r or not self.keys:
            return None, 0.0, r
        best = process.extractOne(r, self.keys, scorer=fuzz.ratio)
        if best is None:
            return None, 0.0, r
        _, score, i = best
        return self._suggestion(i, score, r)

    def _suggestion(self, i: int, score: float, r: str) -> tuple[str | None, float, str]:
        score = round(score / 100, 3)
        return (self.ids[i] if score >= SUGGEST_MIN_SCORE else None), score, r

    def suggest_many(self, surfaces: list[str]) -> list[tuple[str | None, float, str]]:
        """`suggest` of each surface, in one `cdist` per SUGGEST_CHUNK romaji (~6x faster than
        one `extractOne` each). The same answers: float64 ratios as extractOne computes them, and
        argmax takes the first of equal best keys, as extractOne does."""
        import numpy as np  # only the batch search needs it

        romaji = [self.romaji(s) for s in surfaces]
        out: list[tuple[str | None, float, str]] = [(None, 0.0, r) for r in romaji]
        if not self.keys:
            return out
        todo = [j for j, r in enumerate(romaji) if r]
        for c in range(0, len(todo), SUGGEST_CHUNK):
            rows = todo[c : c + SUGGEST_CHUNK]
            scores = process.cdist([romaji[j] for j in rows], self.keys, scorer=fuzz.ratio, dtype=np.float64)
            best = scores.argmax(axis=1)
            for j, i, sc in zip(rows, best.tolist(), scores[np.arange(len(rows)), best].tolist()):
                out[j] = self._suggestion(i, sc, romaji[j])
        return out
