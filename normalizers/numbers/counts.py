"""Whether a number with a counter counts something, read from the text around it: the questions
`amounts.single` asks of an amount (a day of the month or a number of days, 一 as "a", an idiom
that counts, "one or two", a bare number before a noun, money said by the words around).

Plain predicates over the text and the parsed numeral; the tables they read are in `tables.py`,
`date_tables.py` and `word_tables.py`."""

from __future__ import annotations

import regex

from .context import after_a_katakana_noun, pre_qualifier
from .grammar import DIGITS, BranchMatch, BranchSet, post_qualifier_of
from .tables import (BARE_COUNT_BEFORE_NOUN, BARE_COUNT_NOT_YEARS, BARE_COUNT_NOUN_RANGE, BARE_COUNT_QUALIFIERS,
                     MARKS_ALONE, VAGUE_ALONE)
from .date_tables import (DAY_COUNT_AFTER, DAY_COUNT_BEFORE, DAY_COUNT_WORDS_BEFORE, DAY_ONE_AFTER, DAY_RATE_COUNTERS,
                          DAY_RATE_EVERY, DAY_RATE_EVERY_MAX, DAY_RATE_NOT_WEEK, DAY_RATE_NUMERALS, DAY_RATE_PER,
                          DAY_RATE_WEEK)
from .word_tables import (APPROX_QUALIFIERS, CLAUSE_ENDS, COUNTED_IDIOMS, COUNTED_IDIOM_BEFORE, COUNTED_IDIOM_NOT_AFTER,
                          GREAT, GREAT_NOT_WORDS, GREAT_RANGE, KANJI_IDIOMS, KANJI_ONE_COUNTED_AFTER,
                          KANJI_ONE_COUNTED_BEFORE, LIST_SEPARATOR, MONEY_AFTER, MONEY_BEFORE, MONEY_LATER,
                          MONEY_LATER_WINDOW, NEVER_AGAIN_AFTER, NEVER_AGAIN_UNIT, ONE_OR_TWO_BEFORE)
from .values import FULL_WIDTH, Numeral

# What count_before_noun reads: a noun after の (kanji, katakana, a quote), a letter before the number.
NOUN_START = regex.compile(r"[\p{Han}\p{Katakana}「｢]")
LETTER = regex.compile(r"[A-Za-zＡ-Ｚａ-ｚ\p{Katakana}ー]")  # (ゴルゴ13の: a name)
# What may stand between 1日に and the count of a rate: a short noun and 約 (1日にタバコ5本, 1日に約100個).
RATE_NOUN = regex.compile(r"[\p{Han}\p{Katakana}ー]{0,6}?約?(?=[0-9０-９])")
TWOS = "2２二"  # (one_before_two)
# The idioms that begin with a counted one and stay idioms (一日中, 一日一日).
LONGER_IDIOMS = tuple(w for w in KANJI_IDIOMS if len(w) > 2 and w[:2] in COUNTED_IDIOMS)


def day_of_month(text: str, start: int, end: int, n: Numeral) -> bool:
    """N日 without a month is the Nth of an unsaid month, unless the context counts days: 1日で, 3泊4日, 1日に1つ,
    あと4日, 1日毎; a kanji day without its month counts too (二日風呂に入っていない: batch n11)."""
    return (n.exact and n.low.denominator == 1 and 1 <= n.low <= 31 and not n.kanji_only
            and not text.startswith(DAY_COUNT_AFTER, end) and not days_after_nights(text, start)
            and not text.endswith(DAY_COUNT_WORDS_BEFORE, 0, start)
            and not (n.low == 1 and text.startswith(DAY_ONE_AFTER, end))
            and not day_in_a_rate(text, start, end, int(n.low)))


def approximated(text: str, start: int) -> bool:
    """A qualifier of approximation before `start` (約50着): a count, no rank."""
    return pre_qualifier(text, start) in APPROX_QUALIFIERS


def kanji_one_is_a(text: str, start: int, end: int) -> bool:
    """A kanji 一 + counter that says "a" or makes a word (一人だが, 一冊の, 一本！), unless a word
    before it says how often (月一回) or one after says "only one" (一回だけ): tables.KANJI_ONE_*."""
    return not (text.endswith(KANJI_ONE_COUNTED_BEFORE, 0, start) or text.startswith(KANJI_ONE_COUNTED_AFTER, end)
                or after_a_katakana_noun(text, start, end))


def days_after_nights(text: str, start: int) -> bool:
    """3泊4日: N日 after N泊 is a number of days (date_tables.DAY_COUNT_BEFORE)."""
    return start >= 2 and text.startswith(DAY_COUNT_BEFORE, start - 1) and text[start - 2].isdigit()


def day_in_a_rate(text: str, start: int, end: int, days: int) -> bool:
    """1日に10冊, 1日5時間, 3日に1試合, 週5日: N日 says how long in a rate (tables.DAY_RATE_*)."""
    if start >= 1 and text[start - 1] == DAY_RATE_WEEK and (start < 2 or text[start - 2] not in DAY_RATE_NOT_WEEK):
        return True  # 週5日
    if days <= DAY_RATE_EVERY_MAX and text.startswith(DAY_RATE_EVERY, end) and not text[end + 2 : end + 3].isdigit():
        return True  # 3日に1試合
    if days != 1:
        return False
    if text.startswith(DAY_RATE_PER, end) and text.startswith(DAY_RATE_NUMERALS, end + 1):
        return True  # 1日にひとつ, 1日に二回
    i = end + 1 if text.startswith(DAY_RATE_PER, end) else end
    if i > end:  # 1日にタバコ5本, 1日に約100個: the thing counted or 約 between に and the count (batch n14)
        k = RATE_NOUN.match(text, i)
        i = k.end() if k is not None else i
    j = i
    while j < len(text) and text[j] in DIGITS:
        j += 1
        if text[j : j + 1] == LIST_SEPARATOR and text[j + 1 : j + 2] in DIGITS:
            j += 1  # (１日5、6時限: two numbers, one counter)
    return j > i and (i > end or text.startswith(DAY_RATE_COUNTERS, j))  # 1日に10冊, 1日5時間


def counted_idiom(text: str, start: int, end: int) -> bool:
    """一度, 一日 (idioms) that are counts: a span of time before says how often (年に一度, 月一度) or a
    word after "only one" or how the day is used (一度だけ, 一日に1回: tables.COUNTED_IDIOM*)."""
    after = COUNTED_IDIOMS.get(text[start:end])
    if after is None or text.startswith(LONGER_IDIOMS, start) or text.endswith(COUNTED_IDIOM_NOT_AFTER, 0, start):
        return False
    return text.endswith(COUNTED_IDIOM_BEFORE, 0, start) or text.startswith(after, end) or after_a_katakana_noun(text, start, end)


def one_or_two(text: str, start: int, end: int, unit: str | None) -> bool:
    """二 + counter after 一 + the same counter + や: "one or two", an idiom (一つや二つ, 一度や二度, 1人や2人);
    and 2度と, "never again" (tables.NEVER_AGAIN_*)."""
    ones, joiner = ONE_OR_TWO_BEFORE
    if unit == NEVER_AGAIN_UNIT and text.find(NEVER_AGAIN_AFTER, end, end + 1) == end:
        return True
    if end - start < 2 or start < 3 or text[start - 1] != joiner:  # (the usual case: no や before)
        return False
    counter = text[start + 1 : end]
    i = start - 2 - len(counter)  # where 一 (1) stands
    return i >= 0 and text[i] in ones and text.find(counter, i + 1, start - 1) == i + 1


def one_before_two(text: str, start: int, end: int) -> bool:
    """1人や2人, 一つや二つ: the one of "one or two" (one_or_two reads the two)."""
    ones, joiner = ONE_OR_TWO_BEFORE
    counter = text[start + 1 : end]
    return (end - start >= 2 and text[start] in ones and text.find(joiner, end, end + 1) == end
            and text[end + 1 : end + 2] in TWOS and text.find(counter, end + 2, end + 2 + len(counter)) == end + 2)


def bare_count(m: BranchMatch, branches: BranchSet, numerals: str) -> bool:
    """A number without a unit that is a count all the same: a whole number followed by a
    qualifier such as 以上 (200以上のブランド); not a decimal (Android 2.2以上 is a version)."""
    return (post_qualifier_of(m, branches) in BARE_COUNT_QUALIFIERS and "." not in numerals and "．" not in numerals
            and numerals != VAGUE_ALONE and numerals not in MARKS_ALONE)  # (星の数ほど: 数 alone counts nothing)


def count_before_noun(text: str, start: int, end: int, n: Numeral) -> bool:
    """36の地域, 21の「ドスパラ」, 24もの分析要素: a whole number of two to four digits (no year) before
    の/もの and a noun counts it (tables.BARE_COUNT_BEFORE_NOUN); not after a letter or katakana (ＡＫＢ４８の, ゴルゴ13の: names)."""
    if end - start == 1 and text.find(GREAT, end, end + 1) == end:
        return great_count(text, start, end, n)
    low, high = BARE_COUNT_NOUN_RANGE
    if not (n.exact and n.low.denominator == 1 and low <= n.low <= high and text[start:end].translate(FULL_WIDTH).isdigit()):
        return False
    if BARE_COUNT_NOT_YEARS[0] <= n.low <= BARE_COUNT_NOT_YEARS[1] or start and LETTER.match(text, start - 1):
        return False
    word = next((w for w in BARE_COUNT_BEFORE_NOUN if text.startswith(w, end)), None)
    return word is not None and NOUN_START.match(text, end + len(word)) is not None


def great_count(text: str, start: int, end: int, n: Numeral) -> bool:
    """二大監督, 2大スター: "the N great" counts N (word_tables.GREAT*); not after a letter or katakana (a name)."""
    low, high = GREAT_RANGE
    return (n.exact and low <= n.low <= high and not text.startswith(GREAT_NOT_WORDS, end)
            and NOUN_START.match(text, end + 1) is not None and not (start and LETTER.match(text, start - 1)))


def price_band_width(n: int) -> int:
    """The width of a price band: 1000円台 → 1000 (1000–1999), 1500円台 → 100 (1500–1599)."""
    width = 1
    while n % (width * 10) == 0:
        width *= 10
    return width


def is_age_decade(n: Numeral) -> bool:
    return n.exact and n.low % 10 == 0 and 10 <= n.low <= 90


def money_by_context(text: str, start: int, end: int) -> str | None:
    """MONEY for an amount in 万/億 without a currency word that the words around call money
    (年収1000万, 150万請求): the currency stays unsaid."""
    if any(w in text[max(0, start - 5) : start] for w in MONEY_BEFORE) or text.startswith(MONEY_AFTER, end):
        return "MONEY"
    later = text[end : end + MONEY_LATER_WINDOW]
    for c in CLAUSE_ENDS:
        k = later.find(c)
        if k >= 0:
            later = later[:k]
    return "MONEY" if any(w in later for w in MONEY_LATER) else None  # (10万くらい使って, 40万に税金)
