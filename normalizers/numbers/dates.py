"""Handlers of the date and duration branches: 2024-09-12, 2024年9月12日, 平成24年, 昨年,
7月22日, 先月, 5年間, 2〜3年, 2010〜2012年, 3〜4月.

Each handler takes the branch's match, the branch set it comes from (its group numbers), the
text, `published_at` and the list to append the `NumberMatch`es to; `date_range` returns `RETRY` when the range is none (2010、2012年 is a list:
the tagger then reads the start as an amount).

`value_text` is ISO 8601 and only as precise as the text: `2024`, `2024-09`, `2024-09-12`;
without a year `--09-11`, `--09`, `---05`, unless the document has a date (`published_at`, from
the input or its dateline): then a month, or month and day, takes the year that puts it nearest
to that date (`nearest_year`: "12月" in a January article is last December); ranges
`2010/2012`, `--03/--04`; fiscal years `FY2024`, seasons and halves `2024-SU`, `2026-H2`.
Relative words (昨年, 先月) are resolved against `published_at`, else `value_text` is None; the
word is kept in `qualifier`. Undated, a relative word joined to a month or day keeps what the
text says absolutely, year-less: 昨年11月 → `--11`, 今月29日 → `---29` (NUMBERS.md).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from collections.abc import Mapping
from typing import Any

import regex

from .grammar import BranchMatch, BranchSet, post_qualifier_of
from .context import IDEOGRAPH, apply_qualifiers, is_idiom, kanji_refused, pre_qualifier, qualify
from .match import NumberMatch
from .tables import SCHOOL_WORDS
from .date_tables import (DURATION_NAME_AFTER, DURATION_UNITS, ERAS, HALF_WORDS, MINUTES_BEFORE_KANJI,
                          MONTH_WORDS_AFTER, RELATIVE, RELATIVE_WORDS, RELATIVE_WORD_NOT_NEXT, SHORT_YEAR_LATE_FROM,
                          SHORT_YEAR_LATE_NEXT, SHORT_YEAR_LATE_NOT_NEXT, SHORT_YEAR_NEXT, SHORT_YEAR_NOT_AFTER,
                          SHORT_YEAR_NOT_NEXT, SHORT_YEAR_PIVOT, YEAR_APOSTROPHES, YEAR_NOT_NEXT, YEAR_PARTS)
from .word_tables import INCREASE_AFTER, LIST_SEPARATORS
from .name_tables import LINEUP_MODEL, LINEUP_SEASONS, LINEUP_WORDS, QUOTE_OPEN
from ._fast import parse_numeral
from .values import FULL_WIDTH, Numeral, value_fields

# A word glued after a late two-digit year (99年大手ゴルフショップ, 95年デビュー, 86年W杯): it reads as a year (short_year).
WORD_START = regex.compile(r"[\p{Han}\p{Katakana}A-Za-zＡ-Ｚａ-ｚ]")
RETRY = object()  # a handler's answer: this match is none, read the start as an amount
GANNEN = Numeral(1, 1, True, 1, True, False)  # 元年, the first year of an era


def iso(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """2024-09-12, 2024/9/12, 2012.5.3 (a real date only)."""
    g = branches.group
    y, mo, d = int(m.group(g["iy"])), int(m.group(g["im"])), int(m.group(g["id"]))
    try:
        dt.date(y, mo, d)
    except ValueError:
        return
    out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=f"{y:04d}-{mo:02d}-{d:02d}"))


def copyright(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """(C)2011: the year of a copyright notice."""
    g = branches.group
    out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=m.group(g["cy"])))


def rights_year(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """CORPORATION 2011. ALL RIGHTS RESERVED: the year of a copyright notice."""
    g = branches.group
    out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=m.group(g["ry"])))


def title_year(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """『マルサの女』(87): the year of a work (two digits: 1987)."""
    g = branches.group
    y = m.group(g["ty"])
    year = century_of(int(y), pub) if len(y) == 2 else int(y)
    out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=f"{year:04d}"))


def stamp_date(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """posted with amazlet at 11.09.29: the widget's date, YY.MM.DD (2011-09-29)."""
    g = branches.group
    year = century_of(int(m.group(g["sty"])), pub)
    value_text = iso_date(year, int(m.group(g["stm"])), int(m.group(g["std"])))
    if value_text is not None:
        out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=value_text))


def relative_word(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """本日, 昨日, 今週, 先週, 今季, 今夏: resolved against `published_at` (a day, an ISO week, a
    season), else `value_text` None; the word is the qualifier."""
    g = branches.group
    word = m.group(g["rw"])
    if m.group(g["rwm"]) is not None:  # 来週3月16日: the month and day say the date
        mo, d, ok = month_and_day(m, g["rwm"], g["rwd"])
        value_text = None
        year_s = m.group(g["rwy"])  # 来週2012年5月21日: the year the text says
        if ok and mo is not None and year_s is not None:
            value_text = iso_date(int(year_s), mo, d)
        elif ok and mo is not None:  # (the month group matched: ok means mo is set)
            value_text = iso_date(nearest_year(pub, mo), mo, d) if pub is not None else f"--{mo:02d}-{d:02d}"
        if value_text is not None:
            out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=value_text, qualifier=word))
        return
    if text.startswith(RELATIVE_WORD_NOT_NEXT.get(word, ()), m.end()):
        return  # 「明日へのヒトコト」: a figure of speech
    if names_a_lineup(text, m.end()):
        return  # 今夏モデル
    if word in HALF_WORDS:  # 半年: half a year, no date
        out.append(half_duration(m, branches, text, word))
        return
    kind, offset = RELATIVE_WORDS[word]
    value_text = None
    if pub is not None and kind == "d":
        value_text = (pub + dt.timedelta(days=offset)).isoformat()
    elif pub is not None and kind == "w":
        year, week, _ = (pub + dt.timedelta(weeks=offset)).isocalendar()
        value_text = f"{year:04d}-W{week:02d}"
    elif pub is not None and kind is not None:
        value_text = f"{pub.year + offset:04d}-{kind}"
    out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=value_text, qualifier=word))


def half_duration(m: BranchMatch, branches: BranchSet, text: str, word: str) -> NumberMatch:
    """半年: DURATION 0.5 年, with the qualifiers around it (約半年, 半年以上, 半年を超える); 半年前 keeps its
    前, as 3年前 (the REL branch reads both)."""
    g = branches.group
    start = m.start(g["rw"])
    end = m.end(g["rwago"]) if m.group(g["rwago"]) is not None else m.end(g["rw"])
    fields: dict[str, Any] = {"value": 0.5}
    apply_qualifiers(fields, pre_qualifier(text, start), post_qualifier_of(m, branches))
    return NumberMatch(start, end, "DURATION", unit=HALF_WORDS[word], **fields)


def dotted_date(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """9.11, 3.11 (the events), 11.3特大号 (an issue): a month and day written M.D (--09-11)."""
    g = branches.group
    mo, d = int(m.group(g["om"])), int(m.group(g["od"]) or m.group(g["od2"]))
    value_text = iso_date(nearest_year(pub, mo), mo, d) if pub is not None else f"--{mo:02d}-{d:02d}"
    if value_text is not None and not (mo == 2 and d > 29 or mo in (4, 6, 9, 11) and d > 30):
        out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=value_text))


def first_matched(m: BranchMatch, g: Mapping[str, int], *names: str) -> int:
    """The number of the first of the groups `names` that matched, else of the last: a word that
    `grammar` reads with one lookbehind per width (一昨 | 昨: RELATIVE_YEAR), an era with or
    without a space after it."""
    for name in names[:-1]:
        if m.group(g[name]) is not None:
            return g[name]
    return g[names[-1]]


def month_and_day(m: BranchMatch, month_group: int, day_group: int) -> tuple[int | None, int | None, bool]:
    """(month, day, ok) from the numeral groups; ok False if out of range or a word."""
    mo = d = None
    if m.group(month_group) is not None:
        n = parse_numeral(m.group(month_group))
        if n is None or not n.exact or n.low.denominator != 1 or not 1 <= n.low <= 12:
            return None, None, False
        mo = int(n.low)
    if m.group(day_group) is not None:
        n = parse_numeral(m.group(day_group))
        if n is None or not n.exact or n.low.denominator != 1 or not 1 <= n.low <= 31:
            return None, None, False
        d = int(n.low)
    return mo, d, True


def iso_date(year: int, month: int | None, day: int | None) -> str | None:
    """`2024`, `2024-09`, `2024-09-12`; None for a day the calendar has not."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def century_of(yy: int, pub: dt.date | None) -> int:
    """The full year of a two-digit year: the latest that is at most 10 years after the document's
    date, or 00–30 → 20xx without one."""
    if pub is not None:
        return 2000 + yy if 2000 + yy <= pub.year + 10 else 1900 + yy
    return 2000 + yy if yy <= SHORT_YEAR_PIVOT else 1900 + yy


def short_year(text: str, start: int, digits: str, month: int | None, pub: dt.date | None) -> int | None:
    """06年, 17年に設立, 12年9月: a two-digit year read as a year (tables.SHORT_YEAR_*), else None.
    `start` is where the digits are."""
    digits = digits.translate(FULL_WIDTH)
    if len(digits) != 2 or not digits.isdigit():
        return None
    if digits[0] != "0" and month is None:
        after = text.find("年", start + 2) + 1  # (the DATE branch matched: 年 follows)
        late = (int(digits) >= SHORT_YEAR_LATE_FROM
                and (text.startswith(SHORT_YEAR_LATE_NEXT, after) or WORD_START.match(text, after) is not None)
                and not text.startswith(SHORT_YEAR_LATE_NOT_NEXT, after)
                and not (start and IDEOGRAPH.match(text, start - 1)))  # 98年のドラフト, 99年大手…に入社; not 創業80年の, 80年の歴史, 80年以上
        if not (late or text.startswith(SHORT_YEAR_NEXT, after)) or text.startswith(SHORT_YEAR_NOT_NEXT, after):
            return None
        if text.endswith(SHORT_YEAR_NOT_AFTER, 0, start):
            return None
    return century_of(int(digits), pub)


def year_of(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, start: int, end: int,
            month: int | None, era: int, rel: int, out: list) -> tuple[bool, int | None, str | None]:
    """(ok, year, relative word) of the DATE branch's year: an era year (平成24年, 令和元年), a
    relative year (昨年: None without `published_at`) or a numeral. A numeral that is no year
    (5年, 数年, 3年以内) is none (ok False), and is a DURATION when nothing else follows it.
    `era`, `rel`: the era and relative-year groups `date` found (`first_matched`)."""
    g = branches.group
    if m.group(era):
        ey = m.group(g["ey"])
        n = parse_numeral(ey) if ey != "元" else GANNEN
        if n is None or not n.exact or n.low.denominator != 1 or n.low < 1:
            return False, None, None
        return True, ERAS[m.group(era)] + int(n.low), None
    if m.group(rel):
        word = m.group(rel) + "年"
        return True, (pub.year + RELATIVE[word][1] if pub is not None else None), word
    ys = m.group(g["y"])
    n = parse_numeral(ys)
    if n is None or kanji_refused(text, m.start(g["y"]), n, ys):
        return False, None, None
    if (not n.exact or n.low.denominator != 1 or (n.low < 1000 and not n.positional)
            or month is None and text.startswith(YEAR_NOT_NEXT, end)):  # (1000年に1度: how often, no year)
        year = short_year(text, m.start(g["y"]), ys, month, pub) if n.exact else None
        if year is not None:
            return True, year, None
        if m.group(g["dec"]) and n.exact and n.low % 10 == 0 and 10 <= n.low < 100:
            return True, century_of(int(n.low), pub), None  # 80年代: the 1980s
        if text.endswith(SCHOOL_WORDS, 0, start) and n.exact and month is None:  # 高校3年: a school year
            out.append(NumberMatch(start, end, "ORDINAL", value=float(n.low), unit="年"))
            return False, None, None
        if n.low == 1 and text.startswith("中", end):
            return False, None, None  # 1年中: "all year round"
        # 3年以内, 数年, 5年: a number of years (not 四年制, 百年戦争: names)
        if (month is None and not m.group(g["fy"]) and not m.group(g["dec"]) and not m.group(g["fisc"])
                and not text.startswith(DURATION_NAME_AFTER, end)):
            fields = qualify(m, branches, value_fields(n, False), text, start)
            out.append(NumberMatch(start, end, "DURATION", unit="年", **fields))
        return False, None, None
    if n.low > 9999:
        return False, None, None
    return True, int(n.low), None


def date(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """2024年9月12日, 二〇二三年度, 2024会計年度, 1990年代, 平成24年, 昨年11月 (and 5年: a DURATION)."""
    g = branches.group
    era, rel = first_matched(m, g, "era", "era_s"), first_matched(m, g, "rel2", "rel")
    start = m.start(era) if m.group(era) else m.start(rel) if m.group(rel) else m.start(g["y"])
    mo, d, ok = month_and_day(m, g["m"], g["d"])
    end = m.end(g["dcore"])
    year_ok, year, relative = year_of(m, branches, text, pub, start, end, mo, era, rel, out)
    if not year_ok or not ok:
        return
    qualifier = relative or ""
    if m.group(g["fy"]):  # a fiscal year: 二〇二三年度 → 年度, 昨年度 → 昨年度, 2024会計年度 → 会計年度
        qualifier = qualifier + "度" if qualifier else (m.group(g["fisc"]) or "") + "年度"
    elif m.group(g["dec"]):  # 1990年代 → 199 (the decade, as TIMEX3 writes it), 年代
        if qualifier or mo is not None or year is None:
            return
        qualifier = "年代"
        if m.group(g["part"]):  # 1980年代後半: the decade (no TIMEX3 form for its half), 後半 outside as 1万円台後半
            end = m.start(g["part"])
    value_text = None
    if year is None and mo is not None:  # 昨年11月 undated: the year stays unresolved, the month is said
        value_text = f"--{mo:02d}" + (f"-{d:02d}" if d else "")
        right = range_end(m, branches, "dr", None, mo, pub)  # 今年1月から3月 undated: --01/--03
        if right is not None and (d is None) == (m.group(g["drd"]) is None):
            value_text, end = f"{value_text}/{right}", m.end(g["dr"])
    if year is not None:
        value_text = iso_date(year, mo, d)
        if value_text is None:
            return
        part = m.group(g["part"])
        if m.group(g["dec"]) and not m.group(era):  # (昭和50年代 is 1975–1984: kept as 1975)
            value_text = f"{year // 10:03d}"
        elif m.group(g["fy"]):
            value_text = f"FY{year:04d}"
        elif part and not m.group(g["dec"]):  # 2024年の夏 → 2024-SU, 2026年後半 → 2026-H2, 2010年春夏 → 2010-SP/2010-SU
            value_text = "/".join(f"{year:04d}-{code}" for code in YEAR_PARTS[part.removeprefix('の')].split("/"))
        else:
            right = range_end(m, branches, "dr", year, mo, pub)  # 2012年5月27日〜6月9日
            if right is not None and (d is None) == (m.group(g["drd"]) is None):
                value_text, end = f"{value_text}/{right}", m.end(g["dr"])
    if m.group(g["yr"]) is not None and mo is None and not m.group(g["fy"]) and not m.group(g["dec"]):
        value_text, end = year_range(m, branches, year, value_text, end)  # 2010年〜2011年, 2012年7〜8月
    if start and text[start - 1] in YEAR_APOSTROPHES and not (m.group(era) or m.group(rel)) and len(m.group(g["y"])) == 2:
        start -= 1  # '09年秋: the apostrophe says the century
    append_date(m, branches, text, start, end, value_text, qualifier, out)


def year_range(m: BranchMatch, branches: BranchSet, year: int | None, value_text: str | None,
               end: int) -> tuple[str | None, int]:
    """(value_text, end) of a range of years or of two months in a year (`grammar.year_range_tail`):
    2010年〜2011年 → 2010/2011, 05年〜08年 → 2005/2008 (the right end in the left's century),
    2012年7〜8月 → 2012-07/2012-08, 昨年7〜8月 undated → --07/--08. Unchanged when the right end
    does not follow the left (2011年〜2010年)."""
    g = branches.group
    ys = m.group(g["yry"])
    if ys is not None:
        right = int(ys.translate(FULL_WIDTH))
        if right < 100 and year is not None:
            right += year - year % 100
        if year is None or not year < right < year + 100:
            return value_text, end
        return f"{year:04d}/{right:04d}", m.end(g["yr"])
    a, b = (int(m.group(g[k]).translate(FULL_WIDTH)) for k in ("yra", "yrb"))
    if not 1 <= a < b <= 12:
        return value_text, end
    if year is None:
        return f"--{a:02d}/--{b:02d}", m.end(g["yr"])
    return f"{year:04d}-{a:02d}/{year:04d}-{b:02d}", m.end(g["yr"])


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def nearest_year(pub: dt.date, month: int) -> int:
    """The year that puts `month` within six months of the document's date (12月 in a January
    article is last December, 1月 in a December one next January)."""
    if month - pub.month > 6:
        return pub.year - 1
    if pub.month - month > 6:
        return pub.year + 1
    return pub.year


def month_day(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """9月11日, 7 月 22 日, 12月, 先月, 先月10日."""
    g = branches.group
    relm = first_matched(m, g, "relm2", "relm")
    relative = m.group(relm)
    if relative:
        relative += "月"
        start = m.start(relm)
    else:
        start = m.start(g["mm"])
        n = parse_numeral(m.group(g["mm"]))
        if n is None or kanji_refused(text, start, n, m.group(g["mm"])):
            return
    mo, d, ok = month_and_day(m, g["mm"], g["md"])
    if not ok:
        return
    end = m.end(g["mdcore"])
    if d is None and text.startswith(MONTH_WORDS_AFTER, end):
        return  # 五月病: a word
    if relative:
        value_text = f"---{d:02d}" if d else None  # 今月29日 undated: the day is said, the month is not
        if pub is not None:
            y, mm = shift_month(pub.year, pub.month, RELATIVE[relative][1])
            value_text = f"{y:04d}-{mm:02d}" + (f"-{d:02d}" if d else "")
    elif mo == 2 and d is not None and d > 29 or mo in (4, 6, 9, 11) and d is not None and d > 30:
        return
    else:
        assert mo is not None  # not relative: the month group matched (parsed above)
        value_text = month_day_text(mo, d, pub)
        right = range_end(m, branches, "mdr", None, mo, pub)  # 11月から2月, 10月16日〜22日
        if right is not None and value_text is not None:
            value_text, end = f"{value_text}/{right}", m.end(g["mdr"])
    append_date(m, branches, text, start, end, value_text, relative or "", out)


def names_a_lineup(text: str, end: int) -> bool:
    """A season ending at `end` glued before モデル names a line-up, no date (今夏モデル, 2012年夏モデル: NUMBERS.md n16,
    ADJUDICATION session 16; name_tables.LINEUP_SEASONS): the years' and the relative words' test."""
    return text[end - 1] in LINEUP_SEASONS and text.startswith(LINEUP_MODEL, end)


def append_date(m: BranchMatch, branches: BranchSet, text: str, start: int, end: int, value_text: str | None, relative: str,
                out: list) -> None:
    """A DATE mention: the date's own qualifier (先月, 年度) before the one found around it (頃);
    a date takes no bounds (`以降` is a qualifier, not a value_low); none that opens a line-up's name in
    brackets (「2012年夏モデル」: NUMBERS.md, n8 and decision (d)), nor a season's line-up without them (今夏モデル)."""
    if text.endswith(QUOTE_OPEN, 0, start) and text.startswith(LINEUP_WORDS, end):
        return
    if names_a_lineup(text, end):
        return
    fields: dict = {"value_text": value_text}
    qualify(m, branches, fields, text, start)
    if relative:
        fields["qualifier"] = relative + (fields.get("qualifier") or "")
    fields.pop("value_low", None)
    fields.pop("value_high", None)
    out.append(NumberMatch(start, end, "DATE", **fields))


def range_end(m: BranchMatch, branches: BranchSet, name: str, year: int | None, month: int | None, pub: dt.date | None) -> str | None:
    """The ISO right end of a date range (`grammar.date_range_tail` named `name`): in the year of
    the left end if it has one, its month when only a day is said; None without a range."""
    g = branches.group
    if not m.group(g[name]):
        return None
    month_group = g[name + "m"] if m.group(g[name + "m"]) else g[name + "m2"]
    mo2, d2, ok = month_and_day(m, month_group, g[name + "d"])
    if not ok or month is None:
        return None
    right_year_s = m.group(g[name + "y"]) or m.group(g[name + "my"])
    right_year = parse_numeral(right_year_s) if right_year_s else None
    if right_year is not None and right_year.exact and year is not None:  # 2011年7月26日〜2011年8月8日, 2011年4月〜2012年3月
        year = int(right_year.low)
    if year is not None:
        return iso_date(year, mo2 or month, d2)
    return month_day_text(mo2 or month, d2, pub)


def month_day_text(mo: int, d: int | None, pub: dt.date | None) -> str | None:
    """`--09`, `--09-11`, or with a document date the nearest such month (`2024-09-11`)."""
    if d is not None and (mo == 2 and d > 29 or mo in (4, 6, 9, 11) and d > 30):
        return None
    if pub is not None:  # a year-less date in a dated document: the nearest such month
        return iso_date(nearest_year(pub, mo), mo, d)
    return f"--{mo:02d}" if d is None else f"--{mo:02d}-{d:02d}"


def duration(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """5年間, 15カ月, 3時間, 122日間, 1年半 (= 1.5 年)."""
    g = branches.group
    n = parse_numeral(m.group(g["un"]))
    start = m.start(g["un"])
    if n is None or kanji_refused(text, start, n, m.group(g["un"]), idioms=False):
        return
    word_group = g["uu"] if m.group(g["uu"]) else g["us"] if m.group(g["us"]) else g["uy"]  # (us: 17年ぶり, 4週連続; uy: 2年7カ月)
    word, end = m.group(word_group), m.end(word_group)
    unit = DURATION_UNITS.get(word, word)
    if is_idiom(text, start, end) or (unit == "世紀" and n.exact) or text.startswith(DURATION_NAME_AFTER, end):
        return  # 十分 ("enough"); 21世紀 is a century, not a duration; 27時間テレビ, a name
    if word == "分" and n.kanji_only and IDEOGRAPH.match(text, end) and not text.startswith(MINUTES_BEFORE_KANJI, end):
        return  # 七分丈, 八分通り: a proportion
    fields = value_fields(n, False)
    if word.endswith("半") and n.exact:
        fields["value"] += 0.5
    compound = compound_duration(m, branches, n, unit)
    if compound is not None:  # 2時間44分27秒 → 9867 秒
        fields["value"], unit = compound
        end = m.end(g["utail"])
    low = fields.get("value") if fields.get("value") is not None else fields.get("value_low")  # (1時間半: 1.5)
    second = duration_range_end(m, branches, text, n, float(low) if low is not None else float(n.low), unit)
    joined = second is not None and second.start < 0
    if second is not None and joined:  # 9時間〜10時間, 数分から数十分: one range
        fields = {"value_low": second.value_low, "value_high": second.value_high, "approximate": second.approximate}
        end = second.end
    apply_qualifiers(fields, pre_qualifier(text, start), post_qualifier_of(m, branches) if second is None or joined else None,
                     one_number=not joined)
    out.append(NumberMatch(start, end, "DURATION", unit=unit, **fields))
    if second is not None and second.start >= 0:  # 3時間から5時間に: two durations
        out.append(second)


def duration_range_end(m: BranchMatch, branches: BranchSet, text: str, n: Numeral, low: float,
                       unit: str) -> NumberMatch | None:
    """The right side of 9時間〜10時間 (a duration word on both sides): None when there is none; a
    NumberMatch with start -1 holding the range's bounds and end when the two make one range (the
    same unit, the right side larger); else the right side as a duration of its own."""
    g = branches.group
    if not m.group(g["urange"]):
        return None
    n2 = parse_numeral(m.group(g["un2"]))
    word2 = m.group(g["uu2"])
    unit2 = DURATION_UNITS.get(word2, word2)
    if n2 is None:
        return None
    half = 0.5 if word2.endswith("半") and n2.exact else 0
    joined = (unit2 == unit and low < float(n2.high) + half
              and not (m.group(g["usep"]) == "から" and text.startswith(INCREASE_AFTER, m.end(g["urange"]))))
    if joined:
        return NumberMatch(-1, m.end(g["urange"]), "DURATION", value_low=low, value_high=float(n2.high) + half,
                           approximate=not (n.exact and n2.exact))
    fields = value_fields(n2, False)
    if half and fields.get("value") is not None:
        fields["value"] += half
    apply_qualifiers(fields, None, post_qualifier_of(m, branches))
    return NumberMatch(m.start(g["un2"]), m.end(g["urange"]), "DURATION", unit=unit2, **fields)


def compound_duration(m: BranchMatch, branches: BranchSet, hours_or_minutes: Numeral, unit: str) -> tuple[float, str] | None:
    """(value, unit) of 2時間44分27秒 (9867, 秒) or 1時間30分 (90, 分): in the smallest unit said;
    None when no minutes or seconds follow, or a part is no exact number."""
    g = branches.group
    months_s = m.group(g["umon"])
    if months_s is not None:  # 2年7カ月 → 31 months
        months = parse_numeral(months_s)
        if months is None or not months.exact or not hours_or_minutes.exact:
            return None
        return float(12 * hours_or_minutes.low + months.low), DURATION_UNITS[m.group(g["umw"])]
    minutes_s, seconds_s = m.group(g["umin"]), m.group(g["usec"]) or m.group(g["usec2"])
    if minutes_s is None and seconds_s is None:
        return None
    parts: list[Numeral] = []
    for p in [hours_or_minutes] + [parse_numeral(s) for s in (minutes_s, seconds_s) if s is not None]:
        if p is None or not p.exact or p.low.denominator != 1:
            return None
        parts.append(p)
    factors: tuple[int, ...]
    if unit != "時間":
        factors = (60, 1)  # N分M秒
    elif seconds_s is None:
        factors = (60, 1)  # N時間M分, in minutes
    else:
        factors = (3600, 60, 1)
    total: int | Fraction = 0
    for f, p in zip(factors, parts):
        total += f * p.low
    if seconds_s is not None and m.group(g["usec2"]) is not None:  # 1分07秒10: a race time, its hundredths after 秒
        hundredths = m.string[m.end(g["usec2"]) : m.end(g["utail"])].lstrip(" \u3000秒")
        if hundredths.isdigit():
            total += Fraction(int(hundredths), 10 ** len(hundredths))
    return float(total), ("秒" if seconds_s is not None else "分")


def range_fields(m: BranchMatch, branches: BranchSet, a: Numeral, b: Numeral, lo: int, hi: int) -> tuple[str, dict] | None:
    """(label, fields) of a range from `lo` to `hi` whose right end carries the word; None if it is none."""
    g = branches.group
    word = m.group(g["ru"])
    if m.group(g["rdec"]):  # 80〜90年代, 1980〜1990年代: decades as TIMEX3 writes them (198/199)
        if not all(y % 10 == 0 and (10 <= y < 100 or 1000 <= y <= 9990) for y in (lo, hi)):
            return None
        y1, y2 = (century_of(y, None) if y < 100 else y for y in (lo, hi))
        return ("DATE", {"value_text": f"{y1 // 10:03d}/{y2 // 10:03d}"}) if y1 < y2 else None
    if m.group(g["rm"]):  # 3〜4月
        if not 1 <= lo < hi <= 12:
            return None
        return "DATE", {"value_text": f"--{lo:02d}/--{hi:02d}"}
    if m.group(g["ry"]) and (a.positional or lo >= 1000):  # 2010〜2012年
        if not 1000 <= lo < hi <= 9999:
            return None
        return "DATE", {"value_text": f"{lo:04d}/{hi:04d}"}
    if m.group(g["ry"]) and (b.positional or hi >= 1000):  # 5〜2012年
        return None
    fields: dict[str, Any] = {"value_low": float(lo), "value_high": float(hi), "unit": DURATION_UNITS[word] if word else "年"}
    if m.group(g["rsep"]) in LIST_SEPARATORS:  # 2、3年, 1,2年: "two or three years"
        fields["approximate"] = True
    if word and word.endswith("半"):
        fields["value_low"] += 0.5
        fields["value_high"] += 0.5
    return "DURATION", fields


def date_range(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list):
    """2〜3年, 3〜4カ月, 2、3年 (DURATION), 2010〜2012年 (DATE 2010/2012), 3〜4月 (DATE --03/--04)."""
    g = branches.group
    r1, r2 = m.group(g["r1"]), m.group(g["r2"])
    a, b = parse_numeral(r1), parse_numeral(r2)
    if a is None or b is None or not a.exact or not b.exact or a.low.denominator != 1 or b.low.denominator != 1:
        return RETRY
    lo, hi = int(a.low), int(b.low)
    if m.group(g["ry"]) and lo >= 1000 and len(r2.translate(FULL_WIDTH)) == 2 and r2.isdigit():
        hi += lo - lo % 100 + (100 if hi <= lo % 100 else 0)  # 2025─26年: the right year's century is the left's
    if kanji_refused(text, m.start(g["r1"]), a, r1) or not lo < hi:
        return RETRY
    if m.group(g["rsep"]) in LIST_SEPARATORS and not (b.low == a.low + 1 and (a.low < 10 or m.group(g["rm"]) and b.low <= 12)
                                                     and not a.positional):
        return RETRY  # 2010、2012年: a list, not a range (but 11、12月: two months, as 1、2月)
    made = range_fields(m, branches, a, b, lo, hi)
    if made is None:
        return RETRY
    label, fields = made
    start = m.start(g["r1"])
    word_group = next(g[k] for k in ("ru", "ry", "rm", "rdec") if m.group(g[k]))  # (a qualifier is outside)
    end = m.end(word_group)
    if label == "DATE":
        qualifiers = [q for q in (pre_qualifier(text, start), post_qualifier_of(m, branches)) if q]
        if qualifiers:
            fields["qualifier"] = "".join(qualifiers)
    else:
        apply_qualifiers(fields, pre_qualifier(text, start), post_qualifier_of(m, branches), one_number=False)
    out.append(NumberMatch(start, end, label, **fields))
    return None
