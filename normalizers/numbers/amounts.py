"""Handlers of the amount branches: 1,500億米ドル, $238.66, 10万台, 5%, 3割, 30〜40億ドル,
70,000〜100,000世帯, 2、3日, マイナス5%, 第3位, no.1, 3分の1.

Each handler takes the branch's match, the branch set it comes from (its group numbers), the
text, `published_at` (unused here) and the list to append the `NumberMatch`es to. A number is tagged only with something that says what it counts:
a currency, %, a counter or unit, an ordinal marker, or a large-number unit (`5,000億`: QUANTITY,
unit None); a bare number (`[1]`, `Dota 2`) is none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from fractions import Fraction

import re

import regex

from .context import IDEOGRAPH, apply_qualifiers, in_address, kanji_refused, numbered_place, phrase_ordinal, not_a_count, pre_qualifier, standalone_kanji
from .grammar import DIGITS, LAST_DIMENSION, UNIT_KINDS, BranchMatch, BranchSet, post_qualifier_of
from .counts import (day_of_month, approximated, kanji_one_is_a, counted_idiom, one_or_two, one_before_two, bare_count, count_before_noun, price_band_width, is_age_decade, money_by_context, LETTER)
from .match import NumberMatch
from .tables import (AGE_DECADE, AGE_UNIT, BAN, BAN_NOT_RANK, BAN_WORDS_AFTER, BARE_COUNT_NOT_YEARS, COUNTER_SPELLINGS,
                     CURRENCY_FRACTIONS, CURRENCY_SIGNS, CURRENCY_WORDS, DAI_MARK, DIGIT_ONLY_COUNTERS, FLOOR_COUNTER,
                     FLOOR_COUNT_AFTER, FLOOR_UNITS, FORMAT_COUNT, FORMAT_COUNTER, GLUED_CURRENCIES,
                     GLUED_ONLY_COUNTERS, GRADE_AFTER_KANJI, GRADE_SCHOOLS, HEADER_APPROXIMATE, HEADER_DURATION_UNITS,
                     INNING_AFTER, INNING_COUNTER, KANJI_ORDINAL_REFUSED, LATIN_MULTIPLIERS, MULTIPLIED_AFTER,
                     MULTIPLIED_ANY, MULTIPLIED_FROM, NTH_MARK, ORDINAL_SPELLINGS, ORDINAL_SUFFIXES, PAGE_COUNTERS,
                     PAGE_POINTED_BY, SCALE_LEVEL_MARKS, SCALE_WORDS, THOUSANDS_DOT_CURRENCIES, TOTAL_MARKS, WHOLE_COUNTERS,
                     YEAR_COUNTERS)
from .date_tables import DAY_COUNT_AFTER, WEEKDAYS
from .word_tables import (ABBREVIATED_LEFT_ZEROS, ABBREVIATED_LIST_ZEROS, ABBREVIATED_RIGHT_BELOW, APPROX_QUALIFIERS,
                          INCREASE_AFTER, LIST_SEPARATOR, MID_BAND_AFTER, MINUS_SIGNS, PERCENT_UNITS, PERCENT_WORDS)
from .name_tables import BRACKETS_OPEN

MULTIPLIER_KIND = UNIT_KINDS.index("mul")
# The words of an amount's unit groups, in `UNIT_KINDS` order (None: that kind did not match).
UnitWords = tuple[str | None, str | None, str | None, str | None, str | None, str | None, str | None, str | None, str | None]
# 3.990円: a dot before three digits and a currency word that has no such decimals.
WEEKDAY_AFTER = re.compile(f"[(（][{WEEKDAYS}][)）]")  # (a date's weekday in brackets: 3/8（木）)
THOUSANDS_DOT = re.compile(r"[0-9]{1,3}\.[0-9]{3}[ \u3000]?(?:" + "|".join(THOUSANDS_DOT_CURRENCIES) + ")")
# What a number before × is made of (219万×3, 128.5×63): a count after it is none (times_count).
NUMBER_BEFORE_TIMES = frozenset("0123456789０１２３４５６７８９.,，．万億兆京" + "〇一二三四五六七八九十百千")
from ._fast import parse_numeral
from .values import FULL_WIDTH, Numeral, value_fields


def dai(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """第1位, 第3フェーズ, 第2作目, 第一四半期: kanji numerals need a counter (第三者, 第一歩 are words)."""
    g = branches.group
    counter = m.group(g["dc"])
    n = parse_numeral(m.group(g["dn"]) if counter else m.group(g["dn2"]))
    if n is None or not n.exact:
        return
    end = m.end(g["DAI"])  # (第2作目: with its 目)
    last = parse_numeral(m.group(g["dn3"])) if counter and m.group(g["dn3"]) else None
    if last is not None and last.exact and n.low < last.low:  # 第1話〜第5話: one range
        out.append(NumberMatch(m.start(), end, "ORDINAL", value_low=float(n.low), value_high=float(last.low), unit=counter))
        return
    if last is not None:  # 第3位〜第1位: two ranks
        start2 = text.rfind("第", m.end(g["dc"]), m.start(g["dn3"]))
        out.append(NumberMatch(m.start(), m.end(g["dc"]), "ORDINAL", value=float(n.low), unit=counter))
        if last.exact:
            out.append(NumberMatch(start2 if start2 >= 0 else m.start(g["dn3"]), end, "ORDINAL", value=float(last.low), unit=counter))
        return
    if counter is None and LETTER.match(text, end) is not None and in_address(text, m.start()):
        return  # 三崎町3-6-13第2ハンタービル: a building's name in an address (not 第3火曜)
    if counter is None and (phrase_ordinal(text, m.start(), end, int(n.low)) or numbered_place(text, end)):
        return  # 第2の故郷; 第1会議室, a room's name
    out.append(NumberMatch(m.start(), end, "ORDINAL", value=float(n.low), unit=counter))


def no(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """no.1, No. 2 (a rank)."""
    g = branches.group
    out.append(NumberMatch(m.start(g["nop"]), m.end(), "ORDINAL", value=float(m.group(g["non"]))))


def rank(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """売り上げランキング: 3007 (amazlet's sales rank): an ORDINAL without counter."""
    out.append(NumberMatch(m.start(), m.end(), "ORDINAL", value=float(m.group(branches.group["rk"]))))


def scale_level(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """震度4, 震度4以上: a scale's level (QUANTITY, unit the scale's name, in the span); 弱/強 after it name a level
    (震度6弱), no bound (tables.SCALE_LEVEL_MARKS)."""
    g = branches.group
    n = m.start(g["scn"])
    word = next(w for w in SCALE_WORDS if text.endswith(w, 0, n))
    fields: dict = {"value": float(m.group(g["scn"]).translate(FULL_WIDTH)), "unit": word}
    q = post_qualifier_of(m, branches)
    apply_qualifiers(fields, None, None if q in SCALE_LEVEL_MARKS else q)
    out.append(NumberMatch(n - len(word), m.end(g["scn"]), "QUANTITY", **fields))


def fraction(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """3分の1, 三分の一 (QUANTITY 1/3)."""
    g = branches.group
    a, b = parse_numeral(m.group(g["fd"])), parse_numeral(m.group(g["fn"]))
    if a is None or b is None or not a.exact or not b.exact or a.low == 0:
        return
    if kanji_refused(text, m.start(g["fd"]), a, m.group(g["fd"])):
        return
    out.append(NumberMatch(m.start(), m.end(), "QUANTITY", value=float(Fraction(b.low) / a.low)))


def classify(m: BranchMatch, branches: BranchSet, prefix: str, sign: str | None) -> tuple[str | None, str | None, str | None, int | Fraction]:
    """(label, unit, currency, scale) from the amount's unit groups named with `prefix` (`""`:
    the right or only number's, `"a_"`: the left one's), or the currency sign before it."""
    # (a tuple of its type: unpacked in C by the compiled build)
    units: UnitWords = m.group(*branches.unit_groups[prefix])
    cur, pct, ordinal, counter, latin, day, multiplier, nth, open_counter = units
    if nth is not None:  # 2回目, ５年目: an ordinal with its counter
        return "ORDINAL", nth, None, 1
    if cur is not None:
        return "MONEY", None, CURRENCY_WORDS[cur], CURRENCY_FRACTIONS.get(cur, 1)
    if sign is not None:
        return "MONEY", None, CURRENCY_SIGNS[sign.strip()], 1
    if pct is not None:
        return "PERCENT", PERCENT_UNITS.get(pct, "%"), None, PERCENT_WORDS[pct]
    if ordinal is not None:
        return "ORDINAL", ORDINAL_SPELLINGS.get(ordinal, ordinal), None, 1
    if counter is not None or latin is not None:
        return "QUANTITY", COUNTER_SPELLINGS.get(counter, counter) if counter is not None else latin, None, 1
    if day is not None:
        return "DURATION_DAY", "日", None, 1  # a day of the month or a number of days: see `single`
    if multiplier is not None:
        return "QUANTITY", None, None, LATIN_MULTIPLIERS[multiplier]
    if open_counter is not None:  # 3モデル: a katakana word no table knows
        return "QUANTITY", open_counter, None, 1
    return None, None, None, 1


def count_or_rank(label: str | None, unit: str | None, text: str, start: int, end: int) -> str | None:
    """The label the words around make of a count or a rank."""
    if label == "ORDINAL" and start and (text.endswith(TOTAL_MARKS, 0, start) or approximated(text, start)):
        return "QUANTITY"  # 全8巻: eight volumes; 約50着: about fifty outfits
    if label == "QUANTITY" and (unit == FLOOR_COUNTER and not text.startswith(FLOOR_COUNT_AFTER, end)
                                or unit == INNING_COUNTER and text.startswith(INNING_AFTER, end)
                                or unit in PAGE_COUNTERS and text.startswith(PAGE_POINTED_BY, end)):
        return "ORDINAL"  # 11階 (a floor), 5回裏 (an inning), 110ページ参照 (a page pointed to); 30階建て, 360ページ count
    return label


def unit_word(m: BranchMatch, branches: BranchSet, prefix: str) -> str | None:
    return next((v for v in m.group(*branches.unit_groups[prefix]) if v is not None), None)


def sign_before(text: str, start: int, currency_sign: str | None) -> tuple[bool, int]:
    """(negative, where the mention starts): a minus sign (−, ▲, △, マイナス, `-` not after an
    alphanumeric) or the US of US$ just before `start`."""
    if start == 0:
        return False, start
    c = text[start - 1]
    if c in MINUS_SIGNS or (c == "-" and (start < 2 or not text[start - 2].isascii() or not text[start - 2].isalnum())):
        return True, start - 1
    # (str.find with bounds is a C call in the compiled build; startswith with a start goes through Python)
    if start >= 4 and text.find("マイナス", start - 4, start) == start - 4:
        return True, start - 4
    if currency_sign == "$" and start >= 2 and text.find("US", start - 2, start) == start - 2:
        return False, start - 2
    return False, start


def single(m: BranchMatch, branches: BranchSet, text: str, start: int, end: int, n: Numeral, negative: bool, currency_sign: str | None,
           prefix: str, qualified: bool = True, pre_qualified: bool = True) -> NumberMatch | None:
    """One number with the unit groups named with `prefix`; None if it is no mention. The left number
    of two reads no qualifier, the right one only the one after it."""
    g = branches.group
    label, unit, cur, scale = classify(m, branches, prefix, currency_sign)
    label = count_or_rank(label, unit, text, start, end)
    if unit in ORDINAL_SUFFIXES:
        unit = None  # 22nd: no counter
    if label is None:
        if n.last_big == 1 and not (qualified and (bare_count(m, branches, text[start:end])
                                                   or count_before_noun(text, start, end, n))):
            return None  # a bare number: what it counts is unsaid (but 200以上のブランド counts)
        label = "QUANTITY"
    if label == "ORDINAL" and (n.kanji_only and (unit in KANJI_ORDINAL_REFUSED or text.endswith(DAI_MARK, 0, start)) or not n.exact
                               or unit in FLOOR_UNITS and in_address(text, start)
                               or unit == BAN and text[end - 1] != NTH_MARK and (n.low in BAN_NOT_RANK or text.startswith(BAN_WORDS_AFTER, end))):
        return None  # 一着 ("a suit"), 一番手: words; 110番, 1番好き, 3番地; 銀座5-7-2 ...8階
    if (cur is not None and unit_word(m, branches, prefix) in GLUED_CURRENCIES and text[end - 2] in " \u3000"
            or unit in GLUED_ONLY_COUNTERS and text[end - len(unit) - 1] in " \u3000"):
        return None  # 画面3　元の動画: 元 is "the original"; 画面1　画面右上 (a caption, then a word)
    if cur is not None and text.find(".", start, end) >= 0 and THOUSANDS_DOT.fullmatch(text, start, end):
        scale *= 1000  # 3.990円: 3990
    if (label == "QUANTITY" and unit in YEAR_COUNTERS and n.exact
            and BARE_COUNT_NOT_YEARS[0] <= n.low <= BARE_COUNT_NOT_YEARS[1] and n.low.denominator == 1):
        return NumberMatch(start, end - len(unit), "DATE", value_text=f"{int(n.low):04d}")  # 2012シーズン: the year alone
    if label == "QUANTITY" and unit is None and n.last_big > 1:  # 年収1000万
        label = money_by_context(text, start, end) or label
    if label == "QUANTITY" and (n.low == 1 and not_a_count(text, start, end, n, unit)
                                or unit is None and multiplied_too_small(m, branches, prefix, n, text, start)
                                or n.kanji_only and unit in DIGIT_ONLY_COUNTERS
                                or text.find(".", start, end) >= 0 and unit in WHOLE_COUNTERS
                                or n.kanji_only and n.low == 1 and unit not in (None, AGE_UNIT)
                                and kanji_one_is_a(text, start, end)
                                or n.low == 2 and n.exact and one_or_two(text, start, end, unit)
                                or n.low == 1 and n.exact and one_before_two(text, start, end)
                                or n.low == FORMAT_COUNT and unit == FORMAT_COUNTER and n.exact):
        return None  # の一つ, もう一つ, 1株当たり; 4K; 三者; 一人だが; 一度や二度; 4コマ (a comic's format)
    post = post_qualifier_of(m, branches) if qualified else None
    pre = pre_qualifier(text, start) if qualified and pre_qualified else None
    if unit == AGE_DECADE and is_age_decade(n):  # 30代: 30–39 歳
        fields: dict[str, Any] = {"value_low": float(n.low), "value_high": float(n.low + 9)}
        apply_qualifiers(fields, pre, post)
        return NumberMatch(start, end, "QUANTITY", unit=AGE_UNIT, **fields)
    band = m.group(g[prefix + "band"]) if cur is not None else None
    # (str.find with bounds is a C call in the compiled build; startswith with a start goes through Python)
    mid = text.find(MID_BAND_AFTER, end, end + 2) == end and label in ("QUANTITY", "MONEY")  # 30才半ば, 1万円半ば
    bu = m.group(g[prefix + "bu"]) if label == "PERCENT" else None
    if (band is not None or mid) and n.exact and n.low.denominator == 1 and n.low > 0 and not negative:  # 1000円台
        fields = {"value_low": float(n.low * scale), "value_high": float((n.low + price_band_width(int(n.low)) - 1) * scale)}
        if mid:
            fields["approximate"] = True
        apply_qualifiers(fields, pre, post)
        return NumberMatch(start, end, label, unit=unit, currency=cur, **fields)
    if n.exact and label != "DURATION_DAY" and pre is None and post is None:  # the usual case: 3人, 5%
        tenths = parse_numeral(bu) if bu is not None else None  # (3割5分: 35)
        v = float(n.low * scale if scale != 1 else n.low) + (tenths.low if tenths is not None else 0)  # (a Fraction times 1 runs fractions.py)
        rin = m.group(g[prefix + "rin"]) if bu is not None else None
        hundredths = parse_numeral(rin) if rin is not None else None  # (1割7分8厘: 17.8)
        if hundredths is not None:
            v += float(hundredths.low) / 10
        return NumberMatch(start, end, label, -v if negative else v, unit=unit, currency=cur)
    fields = value_fields(n, negative)
    if scale != 1:
        fields = {k: (v * scale if isinstance(v, float) else v) for k, v in fields.items()}
    if label == "DURATION_DAY":
        if not negative and day_of_month(text, start, end, n):
            label, unit = "DATE", None
            fields = {"value_text": f"---{int(n.low):02d}"}  # the 10th (of an unsaid month)
        else:
            label = "DURATION"
    apply_qualifiers(fields, pre, post)
    if label == "DATE":
        for k in ("value_low", "value_high", "approximate"):
            fields.pop(k, None)
    return NumberMatch(start, end, label, unit=unit, currency=cur, **fields)


def multiplied_too_small(m: BranchMatch, branches: BranchSet, prefix: str, n: Numeral, text: str, start: int) -> bool:
    """K/M after a count below `MULTIPLIED_FROM` (4K, 8K: resolutions), but after a camera word (アウトカメラ 8M);
    MP after any count (tables.MULTIPLIED_ANY)."""
    multiplier = m.group(branches.unit_groups[prefix][MULTIPLIER_KIND])
    return (multiplier is not None and n.low < MULTIPLIED_FROM and multiplier not in MULTIPLIED_ANY
            and n.low.denominator == 1  # (8.2M, 0.3M: counts with decimals, not resolutions)
            and not text.endswith(MULTIPLIED_AFTER, 0, start))


def slash(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """1/3 (QUANTITY 1/3: the denominator at most 10 and above the numerator), 8/16 (DATE --08-16),
    1/2.3型 (a sensor size: QUANTITY 1/2.3 with its unit)."""
    g = branches.group
    su: str | None = m.group(g["su"])
    sd: str = m.group(g["sd"])
    if su is not None:
        a, d = int(m.group(g["sn"])), Fraction(sd)
        if 0 < a < d:
            out.append(NumberMatch(m.start(), m.end(), "QUANTITY", value=float(a / d), unit=su))
        return
    a, b = int(m.group(g["sn"])), int(sd)
    if 0 < a < b <= 10 and WEEKDAY_AFTER.match(text, m.end()) is None:  # (3/8（木）: a date, with its weekday)
        out.append(NumberMatch(m.start(), m.end(), "QUANTITY", value=float(Fraction(a, b))))
    elif 1 <= a <= 12 and 1 <= b <= 31 and not (a == 2 and b > 29 or a in (4, 6, 9, 11) and b > 30):
        out.append(NumberMatch(m.start(), m.end(), "DATE", value_text=f"--{a:02d}-{b:02d}"))


def amount(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """An amount, or two numbers joined by 〜/から/、: one range or two mentions."""
    g = branches.group
    groups: tuple[str, Any, str | None, str | None] = m.group(g["n1"], g["n2"], g["u1"], g["pcur"])
    n1s, n2s, u1, pcur = groups
    n1 = parse_numeral(n1s)
    if n1 is None:
        return
    start = m.start(g["pcur"]) if pcur else m.start(g["n1"])
    if n1.kanji_only and kanji_refused(text, start, n1, n1s) and not counted_idiom(text, start, m.end(g["u1"]) if u1 else start):
        return
    if (n2s is None and u1 is None and pcur is None and n1.last_big == 1 and m.group(g["u2"]) is None
            and not bare_count(m, branches, n1s) and not count_before_noun(text, start, m.end(g["n1"]), n1)):
        if standalone_kanji(text, m.end(g["n1"]), n1s, n1):  # 千百十一
            fields = value_fields(n1, False)
            apply_qualifiers(fields, pre_qualifier(text, start), post_qualifier_of(m, branches))
            out.append(NumberMatch(start, m.end(g["n1"]), "QUANTITY", **fields))
        return  # else a bare number: what it counts is unsaid
    negative, start = sign_before(text, start, pcur)
    end1 = m.end(g["u1"]) if u1 else m.end(g["n1"])
    n2 = parse_numeral(n2s) if n2s is not None else None
    if n2 is None:
        add(out, single(m, branches, text, start, end1, n1, negative, pcur, "a_"))
    elif joined_as_range(m, branches, n1, n2) and not increase(m, branches, text):
        amount_range(m, branches, text, start, n1, n2, negative, pcur, out)
    else:  # two separate numbers: tag each that stands on its own
        add(out, single(m, branches, text, start, end1, n1, negative, pcur, "a_", qualified=False))
        if not kanji_refused(text, m.start(g["n2"]), n2, n2s):
            sign2, pcur2 = m.group(g["sign2"], g["pcur2"])
            start2 = m.start(g["sign2"]) if sign2 else m.start(g["pcur2"]) if pcur2 else m.start(g["n2"])
            end2 = m.end(g["u2"]) if m.group(g["u2"]) else m.end(g["n2"])
            add(out, single(m, branches, text, start2, end2, n2, bool(sign2), pcur2, "", pre_qualified=False))


def add(out: list, match: NumberMatch | None) -> None:
    if match is not None:
        out.append(match)


def joined_as_range(m: BranchMatch, branches: BranchSet, n1: Numeral, n2: Numeral) -> bool:
    """Whether two numbers are one range: 2、3日 (consecutive small numbers before one counter),
    30〜40億ドル, 10万円〜20万円 (a unit on the right, the same on the left if any)."""
    g = branches.group
    u1, u2 = m.group(g["u1"]), m.group(g["u2"])
    if m.group(g["sep"]) == LIST_SEPARATOR:  # 2、3日; 2、30キロ (ABBREVIATED_LIST_ZEROS)
        return u1 is None and n1.exact and n2.exact and n1.low < 10 and (
            n2.low == n1.low + 1 or abbreviated_left(n1, n2, ABBREVIATED_LIST_ZEROS) > 1 and n2.low == (n1.low + 1) * 10)
    left_unit_ok = u1 is None or (u2 is not None and unit_word(m, branches, "a_") == unit_word(m, branches, ""))
    big_on_the_right = u1 is None and n1.last_big == 1 and n2.last_big > 1  # 2〜3万
    bare = u1 is None and u2 is None and bare_count(m, branches, m.group(g["n1"]) + m.group(g["n2"]))  # 15〜20くらい
    return left_unit_ok and bool(u2 is not None or m.group(g["pcur"]) or m.group(g["pcur2"]) or big_on_the_right
                                 or bare)


def days_of_month(m: BranchMatch, branches: BranchSet, text: str, n1: Numeral, n2: Numeral) -> bool:
    """19日〜21日 (日 on both sides, days of a month, not a count: 3日〜5日で)."""
    g = branches.group
    return (m.group(g["a_day"]) is not None and all(n.exact and n.low.denominator == 1 for n in (n1, n2))
            and 1 <= n1.low < n2.low <= 31 and not text.startswith(DAY_COUNT_AFTER, m.end(g["u2"])))


def increase(m: BranchMatch, branches: BranchSet, text: str) -> bool:
    """1000人から1700人に (a unit on both sides, から, then に/へ): two numbers, not a range; but a range when
    the right side is approximate (35℃から40℃程度になる: "about 35 to 40", no change from one to the other)."""
    g = branches.group
    return (m.group(g["sep"]) == "から" and m.group(g["u1"]) is not None and text.startswith(INCREASE_AFTER, m.end())
            and post_qualifier_of(m, branches) not in APPROX_QUALIFIERS)


def amount_range(m: BranchMatch, branches: BranchSet, text: str, start: int, n1: Numeral, n2: Numeral, negative: bool,
                 pcur: str | None, out: list) -> None:
    """30〜40億ドル (the right side's 億 and unit apply to both), 2、3日, 5〜マイナス3%."""
    g = branches.group
    # 30〜40億: 30 takes 億 from 40億; 5000円〜1万円 does not (its left side has its own unit)
    big = n2.last_big if n1.last_big == 1 and m.group(g["u1"]) is None and n1.high * n2.last_big <= n2.high else 1
    least = ABBREVIATED_LIST_ZEROS if m.group(g["sep"]) == LIST_SEPARATOR else ABBREVIATED_LEFT_ZEROS
    big = big if big != 1 or m.group(g["u1"]) is not None else abbreviated_left(n1, n2, least)  # 数千〜数万円; 5〜6000円; 2、30キロ
    left_low, left_high = n1.low * big, n1.high * big
    if negative:
        left_low, left_high = -left_high, -left_low
    right_low, right_high = n2.low, n2.high
    if m.group(g["sign2"]):
        right_low, right_high = -n2.high, -n2.low
    label, unit, cur, scale = classify(m, branches, "", pcur or m.group(g["pcur2"]))
    if label == "DURATION_DAY" and days_of_month(m, branches, text, n1, n2):  # 19日〜21日: ---19/---21
        end2 = m.end(g["u2"])
        out.append(NumberMatch(start, end2, "DATE", value_text=f"---{int(n1.low):02d}/---{int(n2.low):02d}"))
        return
    if label == "DURATION_DAY":
        label, unit = "DURATION", "日"
    elif label is None and n2.last_big > 1:  # 2〜3万: a quantity, or money the words around say (年収)
        label = money_by_context(text, start, m.end()) or "QUANTITY"
    elif label is None and bare_count(m, branches, m.group(g["n1"]) + m.group(g["n2"])):  # 15〜20くらい
        label = "QUANTITY"
    elif label is None or label == "DATE":
        return
    if unit == AGE_DECADE and is_age_decade(n1) and is_age_decade(n2):  # 20代〜30代: 20–39 歳
        unit, right_high = AGE_UNIT, right_high + 9
    fields: dict[str, Any] = {"value_low": float(min(left_low, right_low) * scale),
              "value_high": float(max(left_high, right_high) * scale)}  # (scale: an int or a Fraction)
    if not (n1.exact and n2.exact) or m.group(g["sep"]) == LIST_SEPARATOR:  # 2、3日: "two or three days"
        fields["approximate"] = True
    apply_qualifiers(fields, pre_qualifier(text, start), post_qualifier_of(m, branches), one_number=False)
    end2 = m.end(g["u2"]) if m.group(g["u2"]) else m.end(g["n2"])
    out.append(NumberMatch(start, end2, label, unit=unit, currency=cur, **fields))


def abbreviated_left(n1: Numeral, n2: Numeral, least_zeros: int = ABBREVIATED_LEFT_ZEROS) -> int:
    """5〜6000円, 2〜300人: the left side is the leading digit of the right's (5000–6000), whose
    scale this is (word_tables.ABBREVIATED_LEFT_ZEROS; after 、 one zero will do: 2、30キロ, "twenty or
    thirty", the left digit the one just below the right's); else 1."""
    if not (n1.exact and n2.exact and n1.low.denominator == 1 and n2.low.denominator == 1 and 0 < n1.low < 10
            and n2.low < ABBREVIATED_RIGHT_BELOW):
        return 1
    digits = str(n2.low)
    zeros = len(digits) - 1
    if zeros < least_zeros or digits[1:] != "0" * zeros or not n1.low < int(digits[0]):
        return 1
    return 10**zeros


def dimensions(m: regex.Match, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """184×130×11mm, 128×63×15.4(mm), 1280×800ドット: each number before the last is a QUANTITY with
    the unit after the last (a Latin unit or a measure word; a counter such as 3層 is the last's
    own), and so is the last when its unit is in brackets; the scan reads a last number with its
    own unit itself."""
    g = branches.group
    shared = m.group(g["xb"]) or m.group(g["xu"])
    spans = list(zip(m.starts(g["xn"]), m.ends(g["xn"])))
    if m.group(g["xl"]) is not None:
        spans.append((m.start(g["xl"]), m.end(g["xl"])))
    for start, end in spans:
        add_with_unit(out, text, start, end, shared)
    if text[m.end() - 1 : m.end()].isascii() and text[m.end() - 1 : m.end()].isalpha():  # 104x55x11mm, W91×D41×H36mm: no scan
        # starts after a letter, the last is read here
        last = LAST_DIMENSION.match(text, m.end())
        n = parse_numeral(last.group("ln")) if last is not None else None
        if last is not None and n is not None and n.exact:
            out.append(NumberMatch(last.start(), last.end(), "QUANTITY", value=float(n.low), unit=last.group("lu")))


def times_count(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """SATA3×6, 4GB×4, 10,500円×2, 乾電池*2: a count after × (QUANTITY, no unit), unless a number stands
    before × (128×63, 219万×3: a size, a product; SATA3 and USB3.0 are names, read over) or a space (PCI Express ×1)."""
    i = m.start() - 1  # (the ×)
    if i == 0 or text[i - 1] in " \u3000" or text[i - 1] in BRACKETS_OPEN:
        return  # PCI Express ×1: a lane's name; （*1）: a footnote's mark
    while i > 0 and text[i - 1] in NUMBER_BEFORE_TIMES:
        i -= 1
    if i == m.start() - 1 or (i > 0 and text[i - 1].isascii() and text[i - 1].isalpha()):
        out.append(NumberMatch(m.start(), m.end(), "QUANTITY", value=float(m.group(branches.group["tc"]))))


def grade(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """中2, 小4, 小三: a school grade without its unit (ORDINAL, no unit), up to the school's last grade,
    where 小/中 begins a word (after no kanji, or after 市/区: 大津市中2; not 途中2, 期間中3, 犬村小六)."""
    n = parse_numeral(m.group(branches.group["gn"]))
    s = m.start()
    school = text[s - 1]
    before = text[s - 2] if s >= 2 else ""
    if n is None or not 1 <= n.low <= GRADE_SCHOOLS[school]:
        return
    if before and before not in GRADE_AFTER_KANJI and IDEOGRAPH.match(before) is not None:
        return
    out.append(NumberMatch(s - 1, m.end(), "ORDINAL", value=float(n.low)))  # (the span holds its school: 中2)


def age(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """内田篤人(23): an age in brackets after a name (QUANTITY 歳)."""
    g = branches.group
    out.append(NumberMatch(m.start(), m.end(), "QUANTITY", value=float(m.group(g["age"])), unit=AGE_UNIT))


def unit_in_brackets(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """車両重量:1090(kg): a number with its unit in brackets after it (the span is the number); 59(幅)mm: with
    a label in brackets between them."""
    g = branches.group
    add_with_unit(out, text, m.start(g["bn"]), m.end(g["bn"]), m.group(g["bu"]) or m.group(g["bu2"]))


def header_unit(m: regex.Match, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """全高(mm):3995×1695×1585, 質量(g) 約129, (分) 約360/約450: numbers with the unit of their header
    (DURATIONs for a header in 時間, 分, 秒)."""
    g = branches.group
    unit = m.group(g["hu"])
    label = "DURATION" if unit in HEADER_DURATION_UNITS else "QUANTITY"
    unit_start = m.start(g["hu"])  # (約 just before the unit, maybe and a space, inside the brackets: サイズ(約mm))
    header_q = HEADER_APPROXIMATE if text.find(HEADER_APPROXIMATE, max(0, unit_start - 2), unit_start) >= 0 else None
    for start, end in zip(m.starts(g["hn"]), m.ends(g["hn"])):
        add_with_unit(out, text, start, end, unit, label, header_q)


def add_with_unit(out: list, text: str, start: int, end: int, unit: str | None,  # None: no unit (1280×800)
                  label: str = "QUANTITY", header_qualifier: str | None = None) -> None:
    n = parse_numeral(text[start:end])
    if n is not None and n.exact and not n.kanji_only:
        fields = value_fields(n, False)
        apply_qualifiers(fields, pre_qualifier(text, start) or header_qualifier, None)
        out.append(NumberMatch(start, end, label, unit=unit, **fields))


def list_size(m: BranchMatch, branches: BranchSet, text: str, pub: dt.date | None, out: list) -> None:
    """TOP5, ベスト5: the size of a list (QUANTITY, no unit)."""
    g = branches.group
    out.append(NumberMatch(m.start(), m.end(), "QUANTITY", value=float(m.group(g["tn"]))))
