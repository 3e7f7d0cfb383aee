"""`find_numbers`: the numeric expressions of a text, left to right.

`grammar.TRIGGER` jumps from one possible start to the next (a run of numerals followed by
something a number may carry, a currency sign, 第, 年/月/元 of 昨年, 先月, 令和元年); there the
branches that can match (`branches_at`) are tried as one alternation (then the amount, for the
sets that end on it: `match_at`), and the handler of the branch that matched (`dates.py`,
`amounts.py`) appends what it makes of the match. The scan goes
on after the match (or after the run of numerals when nothing matched). There is no state
across calls and no per-character loop.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Final

from . import amounts, dates
from .context import IDEOGRAPH, counted_after_kanji, in_product_name, FP_LAST, in_title, model_tails, named_or_idiom, quoted_titles
from .grammar import (ALL, AMOUNT, AMOUNT_FIRST, DATE_SEPARATORS, DIGITS, DOTTED_NUMERAL, DOTTED_OR_AMOUNT, DOTTED_OR_BRACKETED, DOTTED_DURATION_FIRST, DOTTED_OR_DURATION, FOLLOWERS,
                      HANDLERS, HEADER, ISO_OR_AMOUNT, NUMBER_WORD, RIGHTS_AT, RIGHTS_YEAR, KANJI_NUMERAL_CHARS, LIST_SIZE, LIST_SIZE_LAST, NUMERAL_AT,
                      NUMERAL_CONTINUES, ORDINAL_DAI, RELATIVE_DATE, RELATIVE_WORD, RELATIVE_WORD_FIRST, TRIGGER,
                      STAMPS, TIMES_COUNT, GRADE, GRADE_AT, SCALE_LEVEL, SCALE_LAST, UNIT_AFTER_WORD_FIRST, YEAR_AFTER_WORD_AT, BranchMatch, BranchSet, header_unit_before, list_size_before)
from .match import NumberMatch
from .tables import BACKSLASH_YEN, COUNT_TIMES_MARKS, GRADE_SCHOOLS, SCALE_WORDS, TIMES_COUNT_CLOSERS
from .date_tables import COPYRIGHT_MARKS, ERAS, RANK_MARK, RELATIVE_WORDS, STAMP_DATE_MARK
from .word_tables import DIGIT_IDIOMS, DIGIT_IDIOM_UNITS, KANJI_BEFORE_NUMERAL, LIST_SEPARATOR, WORDS_BEFORE_NUMERAL
from .name_tables import AUTHOR_LINE, AUTHOR_LINE_WINDOW, BRACKETS_OPEN, QUOTE_OPEN, TITLE_OPEN

HANDLER_FUNCTIONS: Final = {name: getattr(dates, f, None) or getattr(amounts, f) for name, f in HANDLERS.items()}
ERA_LAST: Final = frozenset(w[-1] for w in ERAS)
RELATIVE_LAST: Final = frozenset("昨去来今先々")  # the last character of 昨年, 先月 ... before 年/月
BIG_UNIT_CHARS: Final = frozenset("万億兆京")
TIMES_MARK_CHARS: Final = frozenset(COUNT_TIMES_MARKS)
CURRENCY_SIGN_CHARS: Final = frozenset("$¥￥€£₩" + BACKSLASH_YEN)
RELATIVE_WORD_STARTS: Final = frozenset(RELATIVE_WORD_FIRST)
RELATIVE_WORD_LIST: Final = tuple(RELATIVE_WORDS)
TITLE_ENDS: Final = ("』(", "」(", "』 (", "」 (")
MARK_LAST: Final = frozenset(w[-1] for w in (*COPYRIGHT_MARKS, *TITLE_ENDS))
# What the COPY and TYEAR branches read after their mark (grammar.BRANCHES): only there does a
# start after a mark need every branch (on `regex`, ~10 times the cost of a usual set).
COPYRIGHT_YEAR_AT: Final = re.compile("[12][0-9]{3}(?![0-9])")
TITLE_YEAR_AT: Final = re.compile(r"(?:[0-9]{2}|[12][0-9]{3})\)")
MARK_BEFORE_DIGITS: Final = frozenset(":： \u3000約") | LIST_SIZE_LAST | SCALE_LAST  # `(unit):`, `(g) 約` and TOP, ベスト before a number, 震度4
MONTH_AFTER_WORD: Final = "月"
SIZE_UNIT_LAST: Final = frozenset("mｍ")  # (70（幅）mm×85（奥行き）: times_count_closed)
NUMBER_WORD_TEXT: Final = "ナンバー"  # (No. in katakana: grammar.BRANCHES["NO"])
NUMBER_WORD_LAST: Final = NUMBER_WORD_TEXT[-1]
ASCII_ALNUM: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def find_numbers(text: str, published_at: dt.date | None = None) -> list[NumberMatch]:
    """Numeric expressions of `text`, sorted and non-overlapping.

    Runs on character-normalized text but also reads full-width digits, kanji numerals and
    translation spaces (`5,000 億`, `7 月 22 日`). Relative dates (昨年, 先月) are resolved
    against `published_at`."""
    out: list[NumberMatch] = []
    pos = 0
    while True:
        t = TRIGGER.search(text, pos)
        if t is None:  # (a title of a work in 『』 holds no number: context.in_title; nor one in 「」: quoted_titles)
            return without_titles(text, out)
        s = t.start()
        if text[s] in KANJI_NUMERAL_CHARS and (glued_after_kanji(text, s) or text[s] == "数" and text[s + 1 : s + 2] in DIGITS):
            pos = s + 1  # (数103台: 数 is "the number of", the number starts after it)
            continue
        pos = s + read_start(text, s, t.end(), published_at, out)


def without_titles(text: str, out: list[NumberMatch]) -> list[NumberMatch]:
    """`out` but the numbers inside the title of a work (context.in_title, context.quoted_titles) or a product's
    name (context.in_product_name), on a book's title line (above_author), and the idioms written with digits
    (word_tables.DIGIT_IDIOMS: 2度手間)."""
    kept: list[NumberMatch] = []
    tails: frozenset[str] | None = None  # (context.model_tails: once, at the first floor)
    for m in out:
        last = text[m.end - 1]
        if (in_product_name(text, m) or last in DIGIT_IDIOM_UNITS and text.startswith(DIGIT_IDIOMS, m.start)
                or last in FP_LAST and named_or_idiom(text, m, last)):
            continue
        if last == "F" and m.label == "ORDINAL":
            if tails is None:
                tails = model_tails(text)
            if text[m.start : m.end] in tails:
                continue
        kept.append(m)
    out = kept
    if out and text.find(AUTHOR_LINE, max(0, len(text) - AUTHOR_LINE_WINDOW)) >= 0:
        out = [m for m in out if not above_author(text, m.end)]
    if out and TITLE_OPEN in text:
        out = [m for m in out if not in_title(text, m.start, m.end)]
    if out and (QUOTE_OPEN in text or TITLE_OPEN in text):
        spans = quoted_titles(text)  # (disjoint, sorted)
        if spans:
            starts = [s for s, _ in spans]
            out = [m for m in out if not inside(spans, starts, m.start, m.end)]
    return out


def above_author(text: str, end: int) -> bool:
    """`end` is on the line just above an Amazon footer's author line (name_tables.AUTHOR_LINE): a book's title."""
    k = text.find("\n", end)
    return k >= 0 and text.startswith(AUTHOR_LINE, k)


def inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """`[start, end)` lies within one of the sorted, disjoint `spans` (`starts` their starts)."""
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and end <= spans[i][1]


def glued_after_kanji(text: str, s: int) -> bool:
    """A kanji numeral at `s` glued after another kanji: part of a word (統一, 複数, 唯一), no
    start; unless that kanji may precede a number (約三千人, 第三) or ends an era (平成二十四年)."""
    if not s:
        return False
    p = text[s - 1]
    return (p not in KANJI_BEFORE_NUMERAL and p not in ERA_LAST and IDEOGRAPH.match(p) is not None
            and not (p in GRADE_SCHOOLS and GRADE_AT.match(text, s) is not None)  # (小三まで: a grade)
            and not text.endswith(WORDS_BEFORE_NUMERAL, 0, s)  # (今後数ヶ月, 過去数年)
            and not counted_after_kanji(text, s))  # (毎月二人)


def read_start(text: str, s: int, run_end: int, pub: dt.date | None, out: list) -> int:
    """Match the branches that can start at `s` (the trigger's run ends at `run_end`), append the
    mentions made of the match to `out`; how far to go on from `s`."""
    branches = branches_at(text, s, run_end)
    if isinstance(branches, int):
        return branches
    m, branches = match_at(branches, text, s)
    if m is None:
        return run_end - s  # no number starts in this run (a number never starts mid-run)
    name = branch_of(m, branches)
    if name == "AMT":  # (three numbers in four: called directly)
        amounts.amount(m, branches, text, pub, out)
        return max(m.end() - s, 1)
    handler = HANDLER_FUNCTIONS.get(name)
    if handler is None:
        return max(m.end() - s, 1)  # a time of day: consumed, not tagged
    if handler(m, branches, text, pub, out) is dates.RETRY:  # 2010、2012年: read as amounts
        m = AMOUNT.pattern.match(text, s)
        if m is None:
            return 1
        amounts.amount(m, AMOUNT, text, pub, out)
    return max(m.end() - s, 1)


def match_at(branches: BranchSet, text: str, s: int) -> tuple[BranchMatch, BranchSet]:
    """The match of `branches` at `s` (None if none), and the set it comes from: `AMOUNT` where
    none of a set's branches matched and the set is read `then_amount` (`grammar.branch_set`)."""
    m: BranchMatch = branches.pattern.match(text, s)
    if m is None and branches.then_amount:
        return AMOUNT.pattern.match(text, s), AMOUNT
    return m, branches


def branch_of(m: BranchMatch, branches: BranchSet) -> str:
    """The branch that matched: on `re`, the group the match closed last (`grammar.branch_set`);
    on `regex`, which may name a group inside the branch so, the first branch whose group matched."""
    if branches.on_re:
        return m.lastgroup
    return next(name for name in branches.names if m.start(branches.group[name]) >= 0)


def branches_at(text: str, s: int, run_end: int) -> BranchSet | int:
    """The branches that can match at `s`, or how far to skip when none can."""
    c = text[s]
    if c in CURRENCY_SIGN_CHARS:
        return AMOUNT
    if c == "第":
        return ORDINAL_DAI
    if c in RELATIVE_WORD_STARTS:  # 本日, 今週, 今季 (今日, 今年 ... are none)
        return RELATIVE_WORD if text.startswith(RELATIVE_WORD_LIST, s) else 1
    if s and text[s - 1] == " " and text.endswith((STAMP_DATE_MARK, RANK_MARK), 0, s):  # amazlet's stamp
        return STAMPS
    if s and text[s - 1] == NUMBER_WORD_LAST and c in DIGITS and text.endswith(NUMBER_WORD_TEXT, 0, s):  # ナンバー2
        return NUMBER_WORD
    if s and text[s - 1] in MARK_LAST and (text.endswith(COPYRIGHT_MARKS, 0, s) or text.endswith(TITLE_ENDS, 0, s)):
        return branches_after_mark(text, s, run_end)
    return usual_branches(text, s, run_end)


def branches_after_mark(text: str, s: int, run_end: int) -> BranchSet:
    """After (C) or 』(: every branch (ALL) but where no year such a mark announces may start
    ((C)2011, 』(87)) and a run of digits alone is followed by what only an amount reads (」(34歳・女),
    (59%)): there ALL's first match is AMT's (its other branches need a mark read as a year, or
    a character after the digits that sends the usual dispatch elsewhere: 」(12.30/1.6 is MDOT's)."""
    if mark_year_at(text, s):
        return ALL
    if (text[s:run_end].isdigit() and numeral_end(text, s, run_end) == run_end
            and usual_branches(text, s, run_end) is AMOUNT):
        return AMOUNT
    return ALL


def usual_branches(text: str, s: int, run_end: int) -> BranchSet | int:
    """`branches_at` where no mark, currency sign, 第 or relative word decides."""
    c = text[s]
    if c in "年月元":  # 昨年, 先月, 令和元年; any other 年/月/元 is no start
        p = text[s - 1] if s else ""
        relative = p in RELATIVE_LAST if c != "元" else text.startswith(("年", " 年"), s + 1)
        return RELATIVE_DATE if relative else 1
    if c in DIGITS and s and text[s - 1] in MARK_BEFORE_DIGITS:  # (one test for both, the usual case)
        if header_unit_before(text, s):  # 全高(mm):3995×1695×1585
            return HEADER
        if list_size_before(text, s):  # TOP5, ベスト5
            return LIST_SIZE
        if text.endswith(SCALE_WORDS, 0, s):  # 震度4
            return SCALE_LEVEL
    e = numeral_end(text, s, run_end)
    if e is None:
        return run_end - s
    f = text[e : e + 1]
    if f == " " or f == "\u3000":  # one translation space: 5 億, 7 月
        f = text[e + 1 : e + 2]
    p = text[s - 1] if s else ""
    if p in TIMES_MARK_CHARS and times_count_closed(text, s, p, f):  # MiniUSB×1/SDカード×1(16GBまで), USB2.0×4）
        return TIMES_COUNT
    if f in DATE_SEPARATORS or (s >= 2 and p in "oO. " and (p != " " or text[s - 2] in ASCII_ALNUM or no_before(text, s))
                                and not (p == " " and f == "年" and YEAR_AFTER_WORD_AT.match(text, s))):  # (CLS 2005年)
        # 2024-09-12, no.1. After `o`/`O`/`.` (and `X ` with X alphanumeric, unless a date
        # separator follows) only `no.1` can match.
        if f == "." and RIGHTS_AT.match(text, s) is not None:  # CORPORATION 2011. ALL RIGHTS
            return RIGHTS_YEAR
        after_no = no_before(text, s)
        if not after_no and (p in ("o", "O", ".") or (p == " " and f not in DATE_SEPARATORS and text[s - 2] in ASCII_ALNUM
                                                      and f not in UNIT_AFTER_WORD_FIRST)):  # (FC 420円)
            return run_end - s
        if f == MONTH_AFTER_WORD and not after_no:  # TV-CM 8月上旬 (grammar.UNIT_AFTER_WORD)
            return FOLLOWERS[f]
        return ALL if after_no else ISO_OR_AMOUNT
    if text.find(".", s + 1, s + 3) >= 0 and DOTTED_NUMERAL.fullmatch(text, s, e):  # 9.11, 3.11の, 11.3特大号
        if f in BRACKETS_OPEN:  # 11.7(D)mm, 12.30(土)
            return DOTTED_OR_BRACKETED
        return DOTTED_OR_DURATION if f in DOTTED_DURATION_FIRST else DOTTED_OR_AMOUNT  # (3.8年, 2.5時間)
    if p in GRADE_SCHOOLS and GRADE_AT.match(text, s) is not None:  # 中2, 小4から
        return GRADE
    branches = FOLLOWERS.get(f)
    if p in TIMES_MARK_CHARS and (branches is None or f == LIST_SEPARATOR):  # SATA3×6、: a count (not 128×63×15: a size)
        return TIMES_COUNT
    if branches is not None:
        return branches
    # only an amount can start here: none unless something follows that it could count, or
    # the numeral ends on 万/億/兆/京 (5,000億), or it is a kanji numeral of three characters or
    # more, which may stand alone (千百十一: `context.standalone_kanji`)
    if f not in AMOUNT_FIRST and text[e - 1] not in BIG_UNIT_CHARS and (e - s < 3 or text[s] in DIGITS):
        return run_end - s
    return AMOUNT


def times_count_closed(text: str, s: int, p: str, f: str) -> bool:
    """A count after × (TCNT) followed by `/` or a bracket (tables.TIMES_COUNT_CLOSERS): not a date (1/3) nor an age in
    brackets. Before an opening bracket only after a word (SDカード×1(16GBまで)), not after a size's unit or label
    (70（幅）mm×85（奥行き）, (H)×12(D)); `*` only before a closing bracket (Distagon T*2/25ZE is a lens's name)."""
    b = text[s - 2 : s - 1]
    if f in BRACKETS_OPEN:
        return b.isalpha() and b not in SIZE_UNIT_LAST and p != "*"
    return f in TIMES_COUNT_CLOSERS and not (p == "*" and f == "/")


def mark_year_at(text: str, s: int) -> bool:
    """Whether the year of a copyright notice ((C)2011) or of a work (『マルサの女』(87)) may start at `s`."""
    return (text.endswith(COPYRIGHT_MARKS, 0, s) and COPYRIGHT_YEAR_AT.match(text, s) is not None
            or text.endswith(TITLE_ENDS, 0, s) and TITLE_YEAR_AT.match(text, s) is not None)


def numeral_end(text: str, s: int, run_end: int) -> int | None:
    """Where the numeral starting at `s` ends (the trigger's run of digits or kanji numerals,
    read on over commas, decimals, 万億兆京 ...); None if there is no numeral (何 alone)."""
    after = text[run_end : run_end + 1]
    if text[s] not in DIGITS:
        if after == "" or after in NUMERAL_CONTINUES or after in DIGITS:
            m = NUMERAL_AT.match(text, s)
            return None if m is None else m.end()
        return run_end  # (何 alone is no numeral: the branches then fail on it)
    if after == "" or after in NUMERAL_CONTINUES:  # 1,500 / 2.5 / 5億 / 2万5千
        numeral = NUMERAL_AT.match(text, s)
        assert numeral is not None  # (a digit is a numeral)
        return numeral.end()
    return run_end


def no_before(text: str, s: int) -> bool:
    """Whether `no`, `No.`, `no. ` ... ends at `s` (the lookbehind of the NO branch, loosely)."""
    if text[s - 1 : s] == " ":
        s -= 1
    if text[s - 1 : s] == ".":
        s -= 1
    return s >= 2 and text[s - 2] in "Nn" and text[s - 1] in "Oo"
