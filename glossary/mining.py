"""Mining a document's unknown names: the per-document part of the candidates (`glossary.candidates`
holds the rest: the romaji index and suggestions, site furniture), split from it to be compiled
with mypyc (normalizers/compiled.py MODULES; candidates.py is not, for pykakasi).

`find_candidates` finds the name-like terms of a text that no glossary span covers;
`guess_label` reads the evidence around one occurrence; `document_terms` gives every occurrence
of a document's terms with its label guess and the key of its line, what
`flows.process.CandidateCollector` counts per shard. Pure: no I/O, no state.
"""

from __future__ import annotations

import hashlib
import re

from normalizers.chars import KATAKANA, KATAKANA_LETTERS, NAME_JOINERS

from .kana import fold_key
from .matcher import Glossary
from .web import merge_spans, web_around

MIN_KANA = 3

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


def document_terms(glossary: Glossary, text: str, taken: list[tuple[int, int]],
                   tagged: list[tuple[int, int, str, str | None]]) -> list[tuple[int, int, str, str | None, int]]:
    """Every occurrence of a document's candidate terms, as (start, end, surface, label, line
    key): `tagged` first (names the recognizer tagged without an entity: (start, end, surface,
    label)), then `find_candidates(glossary, text, taken)`. A term without a label gets
    `guess_label`'s (None: no evidence); the line key is `key_of_line` of the line it stands in,
    hashed once per line of the document."""
    found = list(tagged)
    found += [(s, e, surface, None) for s, e, surface in find_candidates(glossary, text, taken)]
    out: list[tuple[int, int, str, str | None, int]] = []
    line_keys: dict[tuple[int, int], int] = {}  # a line with several terms is hashed once
    for start, end, surface, label in found:
        span = line_span(text, start, end)
        line = line_keys.get(span)
        if line is None:
            line = line_keys[span] = key_of_line(text[span[0] : span[1]])
        out.append((start, end, surface, label or guess_label(text, start, end), line))
    return out
