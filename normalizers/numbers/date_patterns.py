"""Pieces of the date branches of `grammar.py`: months and days, relative years and months
(昨年, 先月), seasons and parts of a year, and the right ends of date ranges."""

from __future__ import annotations

from .numerals import (RANGE_SEPARATOR, DIGIT, SPACE, NUMERAL)
from .patterns import alternation, words
from .date_tables import YEAR_PARTS
from .word_tables import LIST_SEPARATOR

# Months of a duration after N年 (2年7カ月 = 31 months: no date, NUMBERS.md's compound duration)
MONTHS_WORD = "[カヶかケヵ箇]月(?:間)?"
YEAR_MONTHS = f"{SPACE}{DIGIT}{{1,2}}{SPACE}{MONTHS_WORD}"


def date_range_tail(name: str) -> str:
    """The right end of a date range, in group `name`: a month after a month (11月から2月), a day
    or a month and day after a day (10月16日〜22日, 5月27日〜6月9日), maybe with its year
    (2011年7月26日〜2011年8月8日); groups `name`m, `name`y, `name`m2, `name`d. (A weekday after the
    left end makes two dates: 6月15日(金)から7月31日, as the livedoor annotation writes them.)"""
    return (f"(?P<{name}>(?<=月){SPACE}(?:{RANGE_SEPARATOR}){SPACE}(?:翌?(?P<{name}my>[12１２]{DIGIT}{{3}}){SPACE}年{SPACE})?"
            f"(?P<{name}m>{NUMERAL}){SPACE}月"  # (2011年4月〜2012年3月: the right end's own year of four digits; 翌2009年3月: batch n14)
            f"(?![間曜]|{SPACE}{NUMERAL}{SPACE}日)"
            f"|(?<=日){SPACE}(?:{RANGE_SEPARATOR}){SPACE}"
            f"(?:(?:(?P<{name}y>{NUMERAL}){SPACE}年{SPACE})?(?P<{name}m2>{NUMERAL}){SPACE}月{SPACE})?"
            f"(?P<{name}d>{NUMERAL}){SPACE}日(?![間本曜]))")


def year_range_tail(name: str) -> str:
    """The right end of a range of years after a year of four digits or one with a leading zero
    (2010年〜2011年, 05年〜08年: group `name`y), or of two months in a year (2012年7〜8月, 昨年7〜8月:
    groups `name`a, `name`b). Not a number of years (3年〜5年: durations) nor a date after the range
    (2010年〜2011年3月 is no range of years)."""
    return (f"(?P<{name}>(?:(?<=[12１２]{DIGIT}{{3}}年)|(?<=[0０]{DIGIT}年)){SPACE}(?:{RANGE_SEPARATOR}){SPACE}"
            f"(?P<{name}y>[12１２]{DIGIT}{{3}}|{DIGIT}{{2}}){SPACE}年(?!度|代|間|半|生|齢|ぶり|前|目|{SPACE}{NUMERAL}{SPACE}月)"
            f"|(?:(?<=[12１２]{DIGIT}{{3}}年)|(?<=[昨今来去]年)){SPACE}(?P<{name}a>{DIGIT}{{1,2}}){SPACE}(?:{RANGE_SEPARATOR}){SPACE}"
            f"(?P<{name}b>{DIGIT}{{1,2}}){SPACE}月(?![間曜]|{SPACE}{NUMERAL}{SPACE}日))")


# (one lookbehind per width, the longer first: 一昨 before 昨, 再来 before 来; `dates.relative_group`)
RELATIVE_YEAR = "(?:(?<=(?P<rel2>一昨|再来))|(?<=(?P<rel>昨|去|(?<!未)来|今)))"
RELATIVE_MONTH = "(?:(?<=(?P<relm2>先々))|(?<=(?P<relm>先|今|(?<![未将])来)))"
MONTH = f"(?P<m>{NUMERAL}){SPACE}月(?![間曜])"
DAY = f"(?P<d>{NUMERAL}){SPACE}日(?![間本曜])"
YEAR_WORDS_AFTER_RANGE = f"(?P<rdec>年代)|(?P<ry>年)(?!度|代|間|半|生|齢|ぶり|前)|(?P<rm>月)(?![間曜])"
SEASONS = alternation(w for w in YEAR_PARTS if len(w) == 1)
SEASON_PAIRS = alternation(w for w in YEAR_PARTS if "/" in YEAR_PARTS[w])  # 春夏, 秋冬 (an interval)
# (the words of two characters first: 2010年春夏 is two seasons, not 春 and a 夏 left over; 来年の春夏 too)
# (の before a part of two characters or more only after a year of four digits or a relative one: 今年の第3四半期,
# 2012年の前半; not 大学2年の後半, a school year)
YEAR_PART_OF = "(?:(?<=[0-9０-９]{4}年)の|(?<=[昨去来今]年)の)?"
YEAR_PART = (f"(?P<part>{YEAR_PART_OF}(?:{alternation(w for w in YEAR_PARTS if len(w) > 1)})"
             f"|の?(?:{SEASON_PAIRS}|{SEASONS}))")  # 2024年の夏, 2026年後半

# A day without its 日 after a month: before a list of days that ends on 日 (4月28、29日) or まで
# (5月31までに).
DAY_WITHOUT_NICHI = f"(?=[{LIST_SEPARATOR},]{SPACE}{NUMERAL}{SPACE}日|まで)"
