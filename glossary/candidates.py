"""Unknown names: terms that look like names but are not in the glossary, and the nearest entity.

`find_candidates` feeds the `candidates/` dataset (reviewers grow the glossary from it);
`RomajiIndex.suggest` proposes the entity a new spelling probably belongs to, comparing romaji
(pykakasi) so katakana and Latin spellings of one name meet (ナデラ ~ Nadella).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Iterable

from rapidfuzz import fuzz, process

from normalizers.chars import KATAKANA, KATAKANA_LETTERS, NAME_JOINERS

from .kana import fold_key
from .romaji_fast import KatakanaRomaji
from .web import merge_spans, web_around

if TYPE_CHECKING:
    from .matcher import Glossary

MIN_KANA = 3
# A suggestion below this romaji similarity is noise (コメント ~ cade_metz 0.62, Core ~ cohere
# 0.8, SMAP ~ sap, Elo ~ elon_musk, H20 ~ nvidia_h200 0.857): no entity and no score. Chosen on
# the hand-labelled livedoor pairs of tests/golden/glossary/suggestions.tsv (precision 0.61,
# recall 0.55, F1 0.58 on the plateau of its best; glossary/README.md, "Suggestions").
SUGGEST_MIN_SCORE = 0.92
# A katakana term is name-like with ・ between its parts (ジョン・スミス), a title or honorific
# right after it (スミス氏, ブルーベリー社, ナデラCEO), or when it fills a 「」 quote on its own
# (「ニコニコ」): a bare katakana run is usually an ordinary loanword (モデル, コメント).
NAME_AFTER = re.compile(
    r"[ 　]?(?:氏|さん|様|社長|社|会長|CEO|CTO|CFO|COO|共同創業者|創業者|代表|議長|大統領|首相|"
    r"長官|議員|教授|博士|監督|選手|容疑者|被告|記者|アナリスト|グループ|ホールディングス)"
)
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
    first = term.partition(" ")[0]
    first_lower = first.lower()
    if first_lower == first:  # (a term is ASCII: no capital in its first word)
        return False  # lowercase words in MT text are ordinary words (or glossary variants)
    if term.lower() in STOPWORDS or first_lower in STOPWORDS and " " not in term:
        return False
    return len(term) >= 3


def _may_touch_web(text: str, s: int, e: int, term: str) -> bool:
    """Whether a Latin term text[s:e] may lie in a URL, e-mail address or domain: every one of
    them holds a `.` (or `://`, which no term holds) and is made of printable ASCII, so a term
    without a `.` between characters that are not printable ASCII lies in none (`web_around`
    then has nothing to look at)."""
    return "." in term or (s > 0 and " " < text[s - 1] < "\x7f") or (e < len(text) and " " < text[e] < "\x7f")


_NAME_JOINERS = frozenset(NAME_JOINERS)


def name_like_kana(text: str, s: int, e: int) -> bool:
    """A katakana term text[s:e] with a name cue: ・ between parts, a title/honorific after it,
    or a 「」 quote around exactly it."""
    if not _NAME_JOINERS.isdisjoint(text[s:e]):
        return True
    if NAME_AFTER.match(text, e):
        return True
    return s > 0 and text[s - 1] in "「『" and text[e : e + 1] in ("」", "』")


def _name_like_kana_scan() -> re.Pattern[str]:
    """One scan for the runs of `normalizers.chars.KATAKANA_RUN.finditer` that are at least
    MIN_KANA long and `name_like_kana` (`name_like_kana_runs`). A match first skips, possessively,
    every character that starts no run and every whole run without a cue; it stops at a run with
    one (group `run`) or at the end of the text (group `run` unset). The runs are possessive too,
    so a run is never shortened to fit and a skipped run is never entered again: the runs it sees
    are exactly those of `KATAKANA_RUN.finditer`."""
    letter, kana, joiner = f"[{KATAKANA_LETTERS}]", f"[{KATAKANA}]", f"[{NAME_JOINERS}]"
    no_cue_after = f"(?!{joiner}{letter})(?!{NAME_AFTER.pattern})"  # no joiner goes on, no title follows
    skip = (
        f"(?:[^{KATAKANA_LETTERS}]++"
        f"|{letter}{kana}{{0,{MIN_KANA - 2}}}+(?!{kana})(?!{joiner}{letter})"  # shorter than MIN_KANA (a joined run is not)
        f"|(?<![「『]){letter}{kana}*+{no_cue_after}"  # no cue, not after an opening quote
        f"|{letter}{kana}*+{no_cue_after}(?![」』])"  # after an opening quote, not closed right after
        f")*+"
    )
    return re.compile(f"{skip}(?:(?P<run>{letter}{kana}*+(?:{joiner}{letter}{kana}*+)*+)|\\Z)")


_NAME_LIKE_KANA = _name_like_kana_scan()


def name_like_kana_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the katakana runs (KATAKANA_RUN) of at least MIN_KANA characters that are
    `name_like_kana`, in one regex scan: a document has ~40 runs, ~3 of them name-like."""
    return [m.span("run") for m in _NAME_LIKE_KANA.finditer(text) if m.start("run") >= 0]


def find_candidates(glossary: "Glossary", text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Name-like katakana terms (>= 3 characters; `name_like_kana`) and brand-like Latin terms
    that no `taken` span or URL/e-mail/domain covers, that are not glossary keys and not common
    words (data/common_words.txt)."""

    out: list[tuple[int, int, str]] = [(s, e, text[s:e]) for s, e in name_like_kana_runs(text)]
    for m in _LATIN_TERM.finditer(text):
        term = m.group()
        # A leading stopword (The Information is a name, `The` alone is not): drop it when the
        # rest is a name on its own.
        if _brand_like(term):
            s, e = m.span()
            # Inside a URL, e-mail address or domain? Only a Latin term can be (they are ASCII):
            # look in the run of URL characters around it, not the whole text.
            if not _may_touch_web(text, s, e, term) or not any(ws < e and s < we for ws, we in web_around(text, s, e)):
                out.append((s, e, term))
    out.sort()
    covered = merge_spans(taken)  # disjoint and sorted, so one sweep finds the overlaps
    result = []
    unknown: dict[str, bool] = {}  # per term: neither a glossary key nor a common word (a name recurs)
    j = 0
    for s, e, term in out:
        while j < len(covered) and covered[j][1] <= s:
            j += 1
        if j < len(covered) and covered[j][0] < e:
            continue
        new = unknown.get(term)
        if new is None:
            new = unknown[term] = not glossary.is_known(term) and fold_key(term) not in glossary.common_words
        if new:
            result.append((s, e, term))
    return result


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
_SPACES = " \N{IDEOGRAPHIC SPACE}"


def _longest_first(titles: tuple[str, ...]) -> tuple[str, ...]:
    """The titles longest first (a stable sort: equal lengths keep their order), so the first
    that starts a text is the longest that does. Sorted once here, not per occurrence."""
    return tuple(sorted(titles, key=len, reverse=True))


# Evidence right after a term, checked in this order (the first that matches wins).
_ORG_AFTER = _longest_first(("株式会社", "ホールディングス", "グループ", "Inc.", "Inc", "Corp.", "Ltd.", "社"))
_ORG_BEFORE = ("株式会社",)
_PLACE_AFTER = _longest_first(("州", "県", "市", "空港", "駅"))
_EVENT_AFTER = _longest_first(("賞", "映画祭", "グランプリ", "選手権", "杯"))
# 社長/CEO follow a company as often as a person (ソフトバンク社長): PERSON only for a full name.
_COMPANY_TITLES = _longest_first(("社長", "会長", "副社長", "CEO", "CTO", "CFO", "COO", "創業者", "共同創業者", "代表"))
_PERSON_AFTER = _longest_first(("氏", "さん", "様", "選手", "監督", "容疑者", "被告", "議員", "大統領", "首相", "長官",
                                "教授", "博士", "記者", "アナリスト", "夫妻", "ちゃん", "投手", "アナ", "知事", "市長"))
# A word that ends in one of these is a longer word, not the term followed by evidence (社会, 社員).
_NOT_AFTER_SHA = "会員内外長説"
# Likewise after a place suffix: 市場 (market), 市販, 市民, 駅伝, 県産 are not places.
_NOT_AFTER_PLACE = frozenset("場販民伝産")


def _after(text: str, end: int) -> str:
    """The text right after `end`, spaces skipped (スミス 氏 reads as スミス氏)."""
    while end < len(text) and text[end] in _SPACES:
        end += 1
    return text[end : end + 8]


def _starts_title(after: str, titles: tuple[str, ...]) -> str | None:
    """The longest of `titles` (given longest first: `_longest_first`) that `after` starts with."""
    if not after.startswith(titles):  # one C call for the common case: no evidence at all
        return None
    for t in titles:
        if after.startswith(t):
            return t
    return None


def guess_label(text: str, start: int, end: int) -> str | None:
    """The label text[start:end] has by the evidence around it (a curator's first guess, never a
    tag), None without evidence (`label_by_script` then): a company form → ORG, an honorific or
    title → PERSON, a place or event suffix → LOCATION/EVENT, a 『』/「」 title → PRODUCT."""
    term = text[start:end]
    after = _after(text, end)
    before = text[max(0, start - 5) : start].rstrip(_SPACES)
    org = _starts_title(after, _ORG_AFTER)
    if org is not None and not (org == "社" and after[1:2] and after[1] in _NOT_AFTER_SHA):
        return "ORG"
    if before.endswith(_ORG_BEFORE):
        return "ORG"
    if _starts_title(after, _PERSON_AFTER) is not None:
        return "PERSON"
    if _starts_title(after, _COMPANY_TITLES) is not None:
        full_name = any(j in term for j in NAME_JOINERS) or (" " in term and term.isascii())
        return "PERSON" if full_name else "ORG"
    place = _starts_title(after, _PLACE_AFTER)
    if place is not None and after[len(place) : len(place) + 1] not in _NOT_AFTER_PLACE:
        return "LOCATION"
    if _starts_title(after, _EVENT_AFTER) is not None:
        return "EVENT"
    if start > 0 and text[start - 1] in "『「" and text[end : end + 1] in ("』", "」"):
        return "PRODUCT"
    return None


def label_by_script(term: str) -> str:
    """The label of a term no occurrence gave evidence for: a single all-capitals Latin word is
    most often an organization (NHK, HTC), anything else a product or work (Ultrabook, and a
    ・-joined katakana name as often a film or a service as a person: キャプテン・アメリカ,
    イー・モバイル)."""
    if term.isascii() and term.isupper() and " " not in term:
        return "ORG"
    return "PRODUCT"


def centred_example(text: str, start: int, end: int, width: int = 30) -> str:
    """The term with `width` characters each side, on one line: where the text ends on one side,
    the other side gives more, so the example stays 2·width + the term long when it can."""
    short_left = max(0, width - start)
    short_right = max(0, end + width - len(text))
    a = max(0, start - width - short_right)
    b = min(len(text), end + width + short_left)
    return text[a:b].replace("\n", " ")


def line_key(text: str, start: int, end: int) -> int:
    """A stable 63-bit key of the line that holds text[start:end] (its letters, digits, kana and
    kanji): equal keys in two documents mean the term stood in the same line there. Stable across processes
    and runs (blake2b, not Python's salted `hash`)."""
    a, b = line_span(text, start, end)
    return key_of_line(text[a:b])


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the line that holds text[start:end], without its line breaks."""
    b = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, b if b >= 0 else len(text)


def key_of_line(line: str) -> int:
    """`line_key` of a whole line: a collector that meets several terms in one line hashes it once."""
    return int.from_bytes(hashlib.blake2b(_NOT_WORD.sub("", line).encode("utf-8"), digest_size=8).digest(), "big") >> 1


# Spaces, brackets and marks do not make another line: 【MOVIE ENTER おすすめ記事】,
# 【MOVIE ENTERおすすめ記事】 and 【 MOVIE ENTER おすすめ記事 】 are one banner.
_NOT_WORD = re.compile(r"[\W_]+")


# Site furniture: a line that recurs verbatim in this many documents is the site's, not the
# article's (livedoor: `・エスマックス(S-MAX) smaxjp on Twitter` in 864 smax articles, `■Peachy
# 公式Twitter` in 32, `【MOVIE ENTERおすすめ記事】` in 49). A quote or headline repeated in a few
# related articles stays below it.
FURNITURE_MIN_DOCS = 10
# A term is site furniture when at least this share of its documents have it in furniture lines.
FURNITURE_SHARE = 0.5


def furniture_docs(line_docs: Iterable[tuple[int, int]]) -> int:
    """How many documents had the term in a furniture line, from (line key, documents) pairs of
    the term (each pair's documents counted once per line; capped by the caller at n_docs)."""
    return sum(d for _, d in line_docs if d >= FURNITURE_MIN_DOCS)


def is_site_furniture(n_docs: int, furniture: int) -> bool:
    """A term that stands mostly in lines repeated across many documents (a site's name in its
    footer, a section banner, a share link) is the site's furniture, not a name to curate:
    `furniture` (from `furniture_docs`) of its `n_docs` documents had it in such a line. Every
    line that holds the term holds it, so a line's document count among the term's own (line,
    documents) pairs is that line's count in the corpus: no corpus-wide line table is needed."""
    return n_docs > 0 and min(furniture, n_docs) >= FURNITURE_SHARE * n_docs
