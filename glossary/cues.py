"""The evidence words the name recognizer's rules stand next to, and `scan`, the one pass over a
text's code points that finds them (with where a Latin name may start and the kanji runs a listed
person may be). Apart from `glossary.recognizer`, which reads them: the words are data a reviewer
changes, the scan is the compiled hot loop (normalizers/compiled.py MODULES), and recognizer.py
stays under the size the code-health test allows. Pure: tables built at import, no state, no I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, Iterable

# A listed person's full name is 3 to 6 kanji (glossary.namelists): the runs `scan` keeps.
from .namelists import MAX_LENGTH as MAX_PERSON, MIN_LENGTH as MIN_PERSON

from normalizers.chars import KANJI, bmp_runs
from normalizers.chars import KATAKANA as KATA

if TYPE_CHECKING:
    # `i64` marks the scan's offsets and code points: compiled, C int64s (as normalizers/triggers.py).
    from mypy_extensions import i64


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so 元首相 wins over 首相)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# Titles and honorifics after a person's name. `KANA_TITLES` also follow katakana and Latin
# names; the company titles (社長, CEO ...) follow company names just as often (ソフトバンク社長),
# so after katakana they count only for a name written with ・ (ジョン・スミスCEO).
KANA_TITLES = (
    "さん", "氏", "様", "選手", "監督", "容疑者", "被告", "夫妻", "ちゃん", "投手", "捕手", "内野手",
    "外野手", "アナ", "議員", "大統領", "首相", "元首相", "国家主席", "主席", "教授", "准教授",
    "博士", "記者", "元大統領", "副大統領", "国務長官", "長官", "外相", "元監督", "容疑者ら", "氏ら",
    "さんら", "被告人", "コーチ", "先生", "師匠", "夫人", "総理", "書記長", "委員長", "知事", "市長",
    "著",  # an author before 著 (a book's credit: 山田花子著)
)
COMPANY_TITLES = ("社長", "会長", "CEO", "CTO", "COO", "CFO", "副社長", "創業者", "代表取締役", "会長兼", "専務", "常務")
PERSON_TITLES = tuple(t for t in KANA_TITLES if t != "様") + COMPANY_TITLES + (
    "元社長", "前社長", "元会長", "前会長", "支社長")
# A one-kanji name (澤, 朴) counts only before these; before さん or 様 one kanji is a word (奥さん, 仕様).
ONE_KANJI_TITLES = ("選手", "監督", "投手", "氏")

# Company and institution forms written as part of the name (contract: 大学, 銀行 belong to it).
ORG_SUFFIXES = (
    "株式会社", "ホールディングス", "グループ", "銀行", "大学", "証券", "電機", "電鉄", "航空", "自動車", "製薬",
    "新聞", "新聞社", "出版", "商事", "物産", "工業", "製作所", "財団", "協会", "連盟", "機構", "高校", "学園",
    "クリニック", "事務所", "プロダクション", "エンターテインメント", "ジャパン", "省", "庁", "党", "重工",
    "建設", "不動産", "興業", "新報", "Inc.", "Corp.", "Ltd.",
)
PLACE_SUFFIXES = ("県", "府", "州", "市", "区", "郡", "空港", "駅")
EVENT_SUFFIXES = ("賞", "映画祭", "国際映画祭", "五輪", "オリンピック", "選手権", "グランプリ", "ワールドカップ", "杯",
                  "博覧会", "万博", "音楽祭", "フェスティバル", "サミット", "ショウ", "大震災")


# 「…」 holds a title only right after a word announcing one (recognizer's cue_quote rule).
TITLE_CUES = ("映画", "ドラマ", "番組", "アプリ", "曲", "新曲", "楽曲", "アルバム", "シングル", "ゲーム", "小説",
              "漫画", "マンガ", "アニメ", "作品", "主演作", "新作", "最新作", "舞台", "写真集", "書籍", "著書",
              "連載", "シリーズ", "ソフト", "サービス", "機種", "端末", "モデル", "新製品", "製品", "商品", "新商品",
              "ブランド", "ツール", "ソフトウェア", "コーナー", "企画", "特集", "コラム", "作", "主題歌", "挿入歌")
_CUE_QUOTE = re.compile(f"(?:{alternation(TITLE_CUES)})(?:の)?「(?P<q>[^「」\n。、！？!?]{{1,30}})」")
# The cues by their last character, longest first: the ones that can end before a 「.
_CUES_ENDING: dict[str, list[str]] = {}
for _cue in sorted(TITLE_CUES, key=len, reverse=True):
    _CUES_ENDING.setdefault(_cue[-1], []).append(_cue)


def cue_quotes(text: str) -> list[re.Match]:
    """`_CUE_QUOTE.finditer(text)` (`cue_quotes_by_regex`), read from each 「: a match holds one
    「 and its cue word right before it (or before の), so matches cannot overlap, and each starts
    where the longest cue ending there starts (no cue ends with の). A regex scan for the cues'
    first characters cost ten times as many instructions (bench/README.md, session 12)."""
    out: list[re.Match] = []
    q = text.find("「")
    while q != -1:
        end = q - 1 if q and text[q - 1] == "の" else q
        if end:
            for cue in _CUES_ENDING.get(text[end - 1], ()):
                if text.endswith(cue, 0, end):
                    m = _CUE_QUOTE.match(text, end - len(cue))
                    if m is not None:
                        out.append(m)
                    break
        q = text.find("「", q + 1)
    return out


def cue_quotes_by_regex(text: str) -> list[re.Match]:
    """The definition `cue_quotes` keeps."""
    return list(_CUE_QUOTE.finditer(text))



# The evidence words each rule's name stands next to. Finding them and trying the rule's pattern
# only in a window around each hit is what makes the recognizer cheap: the patterns themselves
# start at almost any kanji or katakana, and tried everywhere they cost more than the rest of the
# normalizer. The definition of each rule's cues is its alternation's `finditer` (the longest
# word at each place, left to right, not overlapping: `cue_spans_by_regex`, what the tests hold
# `cue_spans` to); `scan` finds every occurrence of every word in its one pass over the text.
PERSON_CUES = KANA_TITLES + PERSON_TITLES + ONE_KANJI_TITLES
ORG_CUES = ORG_SUFFIXES + ("株式会社", "社")
PLACE_CUES = PLACE_SUFFIXES + ("島",)
CUE_SETS = (PERSON_CUES, ORG_CUES, PLACE_CUES, EVENT_SUFFIXES)  # person, org, place, event
_CUE_WORDS = sorted(set().union(*CUE_SETS))
# Bit k of a word's mask: CUE_SETS[k] holds it.
_CUE_MASKS = [sum(1 << k for k, words in enumerate(CUE_SETS) if w in words) for w in _CUE_WORDS]
# The words a character starts, longest first, as (index in _CUE_WORDS, word, its length, the
# code point of its second character or -1): `_CUE_LISTS[_CUE_LIST_OF[c]]` for code point c
# (0: none; a list read by index, where a dict lookup per character cost more than the rest).
_CUE_LISTS: list[list[tuple[int, str, int, int]]] = [[]]
_list_of = bytearray(0x10000)
for _w, _word in sorted(enumerate(_CUE_WORDS), key=lambda iw: -len(iw[1])):
    if not _list_of[ord(_word[0])]:
        _list_of[ord(_word[0])] = len(_CUE_LISTS)
        _CUE_LISTS.append([])
    _CUE_LISTS[_list_of[ord(_word[0])]].append((_w, _word, len(_word), ord(_word[1]) if len(_word) > 1 else -1))
_CUE_LIST_OF: Final = bytes(_list_of)


def cue_spans(hits: list[tuple[int, int, int]]) -> list[list[tuple[int, int]]]:
    """The (start, end) of the cues of each of `CUE_SETS`, as `cue_spans_by_regex` finds them,
    from every occurrence of every word (`scan`'s (word, start, end), by start, longest first):
    at a place, the longest word of a set that starts there, then on from its end."""
    out: list[list[tuple[int, int]]] = [[], [], [], []]
    last = [0, 0, 0, 0]  # where each set's last cue ended
    for word, s, e in hits:
        mask = _CUE_MASKS[word]
        for k in range(4):
            if mask >> k & 1 and s >= last[k]:
                out[k].append((s, e))
                last[k] = e
    return out


def cue_spans_by_regex(text: str) -> list[list[tuple[int, int]]]:
    """The definition `cue_spans` keeps: each set's words as one regex alternation, longest
    first, and its `finditer`."""
    return [[m.span() for m in re.finditer(alternation(words), text)] for words in CUE_SETS]


# What `scan` reads off a code point: bits of the classes it belongs to, from the classes'
# definitions (a table of the BMP; an astral code point is read with the regexes).
# (Final: the compiled scan reads them as C constants, not from the module's dict.)
_KANJI_BIT: Final = 1
_LETTER_BIT: Final = 2
_WORD_BIT: Final = 4
_CUE_BIT: Final = 8
_KANJI_RX = re.compile(f"[{KANJI}]")
_WORD_CHARS = f"A-Za-z0-9.&'+\\-{KATA}{KANJI}"  # a Latin name does not start after these
_WORD_RX = re.compile(f"[{_WORD_CHARS}]")


def _bits(ch: str) -> int:
    return (_KANJI_BIT * (_KANJI_RX.match(ch) is not None) + _LETTER_BIT * ch.isascii() * ch.isalpha()
            + _WORD_BIT * (_WORD_RX.match(ch) is not None) + _CUE_BIT * (ord(ch) < 0x10000 and _CUE_LIST_OF[ord(ch)] > 0))


def _bmp_bits() -> bytes:
    """`_bits` of every BMP code point, from the runs of each class (`chars.bmp_runs`)."""
    table = bytearray(0x10000)
    for bit, body in ((_KANJI_BIT, KANJI), (_LETTER_BIT, "A-Za-z"), (_WORD_BIT, _WORD_CHARS)):
        for start, end in bmp_runs(body):
            for c in range(start, end):
                table[c] |= bit
    for c in range(0x10000):
        if _CUE_LIST_OF[c]:
            table[c] |= _CUE_BIT
    return bytes(table)


_BMP_BITS: Final = _bmp_bits()


def scan(text: str) -> tuple[list[int], list[tuple[int, int]], list[tuple[int, int, int]]]:
    """One pass over the code points of `text`: where `_LATIN` may match (an ASCII letter after
    none of the characters `_LATIN_PREV` refuses: `latin_by_regex`), the maximal kanji runs of
    MIN_PERSON to MAX_PERSON characters (where a listed person may stand alone:
    `listed_by_automaton`), and every occurrence of every cue word, (word, start, end) by start,
    longest first (for `cue_spans`). Three regex scans and an automaton's cost 5 to 10 times as
    many instructions (bench/README.md, session 12)."""
    table: bytes = _BMP_BITS
    cue_list_of: bytes = _CUE_LIST_OF
    cue_lists = _CUE_LISTS
    shortest: i64 = MIN_PERSON
    longest: i64 = MAX_PERSON
    latin: list[int] = []
    runs: list[tuple[int, int]] = []
    cues: list[tuple[int, int, int]] = []
    n: i64 = len(text)
    i: i64 = 0
    prev: i64 = 0  # the bits of text[i - 1]; none before the text
    run_start: i64 = -1  # where the kanji run holding text[i - 1] starts, -1 outside one
    while i < n:
        c: i64 = ord(text[i])
        bits: i64 = table[c] if c < 0x10000 else _bits(text[i])
        if bits & _LETTER_BIT and not prev & _WORD_BIT:
            latin.append(i)
        if bits & _KANJI_BIT:
            if run_start < 0:
                run_start = i
        elif run_start >= 0:
            if shortest <= i - run_start <= longest:
                runs.append((run_start, i))
            run_start = -1
        if bits & _CUE_BIT:  # the words it starts: their second character first
            for w, word, length, second in cue_lists[cue_list_of[c]]:
                if length == 1 or (i + 1 < n and ord(text[i + 1]) == second
                                   and (length == 2 or text.startswith(word, i))):
                    cues.append((w, i, i + length))
        prev = bits
        i += 1
    if run_start >= 0 and shortest <= n - run_start <= longest:
        runs.append((run_start, n))
    return latin, runs, cues
