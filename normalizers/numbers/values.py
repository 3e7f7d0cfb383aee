"""The value of a numeral: Arabic (1,500 / 12.5 / full-width), kanji (三千二百, 二〇二四, 〇・五),
mixed (2万5千, 1億2345万) and vague (数十億, 十数人, 何百, 五六人).

`parse_numeral(s)` reads a numeral that `grammar.NUMERAL` matched and returns a `Numeral`: its
low and high value (equal when exact), whether it ends on 万/億/兆/京 (`last_big`: 30〜40億
takes 億 from 40億), whether it is all kanji and whether it was written digit by digit (二〇二四:
a year). Values are ints when whole and Fractions otherwise, so 0.1 + 0.2 stays exact.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

import re

from .numerals import ARABIC, KANJI_DIGITS, SPACE

FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
KANJI_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12, "京": 10**16}

# One token per group: Arabic number, run of kanji digits (〇・五 with its point), 十百千, a
# large-number unit (after one translation space: 5,000 億), 数/何. (`re`, not `regex`: a numeral
# is read once per number found, and `re.findall` is several times faster on such short strings)
NUMERAL_TOKENS = re.compile(
    f"({ARABIC})|([{KANJI_DIGITS}]+(?:・[{KANJI_DIGITS}]+)?)|([十百千])|({SPACE}[万億兆京])|(数|何)"
)
# A numeral that is one Arabic number (after FULL_WIDTH): commas, a decimal part (group 1).
PLAIN_ARABIC = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?")
HAS_ARABIC_DIGIT = re.compile("[0-9]")  # (after FULL_WIDTH)
PLACE_WORD = re.compile("[十百千万億兆京]")
DOT_BETWEEN_DIGITS = re.compile("(?<=[0-9])・(?=[0-9])")  # 1・5兆: a decimal point (after FULL_WIDTH)


class Numeral(NamedTuple):
    low: int | Fraction
    high: int | Fraction
    exact: bool  # False for 数/何 and two-digit kanji ranges (五六人)
    last_big: int  # the trailing 万/億/兆/京 factor, 1 if none
    kanji_only: bool
    positional: bool  # kanji digits written place by place (二〇二四)


def kanji_digits_value(s: str) -> int | Fraction:
    """二〇二四 → 2024, 〇・五 → 1/2."""
    whole, _, decimals = s.partition("・")
    digits = "".join(str(KANJI_DIGIT_VALUE[c]) for c in whole + decimals)
    return Fraction(int(digits), 10 ** len(decimals)) if decimals else int(digits)


def evaluate(tokens: list, vague: int) -> int | Fraction:
    """The value of (kind, value) tokens (see `parse_numeral`), `vague` standing for each 数/何."""
    total: int | Fraction = 0
    section: int | Fraction = 0  # what is below the last 万/億/兆/京
    current: int | Fraction | None = None  # the last number not yet multiplied by a place word
    for kind, value in tokens:
        if kind == "n" or kind == "v":
            if current is not None:  # 10数: a number then 数 → 十数
                section += current
            current = value if kind == "n" else vague  # type: ignore[assignment]
        elif kind == "s":
            section += (current if current is not None else 1) * value  # type: ignore[operator]
            current = None
        else:  # "b"
            s = section + (current or 0)
            total += (s if s else 1) * value  # type: ignore[operator]
            section = 0
            current = None
    return total + section + (current or 0)


def parse_plain_arabic(s: str) -> Numeral | None:
    """A numeral that is one Arabic number (2012, 1,500, 12.5), the usual case; else None."""
    v: int | Fraction
    if s.isdigit() and s.isascii():
        v = int(s)
        return Numeral(v, v, True, 1, False, False)
    a = PLAIN_ARABIC.fullmatch(s)
    if a is None:
        return None
    digits = s.replace(",", "")
    # (`or 0`: as in `evaluate`, where a zero Fraction sums to the int 0)
    v = int(digits) if a.group(1) is None else Fraction(int(digits.replace(".", "")), 10 ** len(a.group(1))) or 0
    return Numeral(v, v, True, 1, False, False)


def is_counting_pair(digits: str, n_tokens: int) -> bool:
    """五六, 二三: two kanji digits counting up, alone or before one unit: "five or six"."""
    return (len(digits) == 2 and "〇" not in digits and "零" not in digits and n_tokens <= 2
            and KANJI_DIGIT_VALUE[digits[1]] == KANJI_DIGIT_VALUE[digits[0]] + 1)


# Longer than this, a run of numerals is no number (and int() refuses strings over 4,300 digits:
# a line of 5,000 kanji digits made the tagger raise).
MAX_NUMERAL_CHARS = 64


def parse_numeral(s: str) -> Numeral | None:
    """The value of a numeral (`1,500億`, `三千二百`, `数十億`, `二〇二四`); None if malformed."""
    if len(s) > MAX_NUMERAL_CHARS:
        return None
    s = s.translate(FULL_WIDTH)
    if "・" in s:
        s = DOT_BETWEEN_DIGITS.sub(".", s)
    plain = parse_plain_arabic(s)
    if plain is not None:
        return plain
    if s in KANJI_DIGIT_VALUE:  # 一, 二: the usual kanji numeral
        v = KANJI_DIGIT_VALUE[s]
        return Numeral(v, v, True, 1, True, False)
    found = NUMERAL_TOKENS.findall(s)
    if not found:
        return None
    has_places = PLACE_WORD.search(s) is not None
    # (kind, value): "n" a number, "s" 十百千, "b" 万億兆京, "v" 数/何
    tokens: list[tuple[str, int | Fraction | None]] = []
    exact, positional, vague_trailing = True, False, False
    pair: tuple[int, int] | None = None
    previous = ""  # the kind of the previous token as written ("k": kanji digits)
    for arabic, kanji, small, big, _vague in found:
        if arabic:
            arabic = arabic.replace(",", "")
            tokens.append(("n", Fraction(arabic) if "." in arabic else int(arabic)))
            previous = "n"
            continue
        if small or big:
            tokens.append(("s", SMALL_UNITS[small]) if small else ("b", BIG_UNITS[big.strip()]))
            previous = "s" if small else "b"
            continue
        if not kanji:  # 数, 何
            vague_trailing = previous in ("s", "n")  # 十数億, 10数 (not 数十億)
            tokens.append(("v", None))
            previous = "v"
            continue
        previous = "k"
        digits = kanji.replace("・", "")
        if "・" not in kanji and is_counting_pair(digits, len(found)):  # 五六人: "five or six"
            pair = (KANJI_DIGIT_VALUE[digits[0]], KANJI_DIGIT_VALUE[digits[1]])
            tokens.append(("n", pair[0]))
            exact = False
        elif len(digits) > 1 and has_places and "・" not in kanji:
            return None  # 二三百: digit strings do not mix with 十百千 place words
        else:
            positional = positional or len(digits) > 1
            tokens.append(("n", kanji_digits_value(kanji)))
    return numeral_of(tokens, s, exact, positional, vague_trailing, pair)


def numeral_of(tokens: list, s: str, exact: bool, positional: bool, vague_trailing: bool,
               pair: tuple[int, int] | None) -> Numeral | None:
    """The `Numeral` of the tokens `parse_numeral` read from `s`."""
    if not places_decrease(tokens):
        return None
    kanji_only = HAS_ARABIC_DIGIT.search(s) is None
    last_big = tokens[-1][1] if tokens[-1][0] == "b" else 1
    if any(kind == "v" for kind, _ in tokens):
        if vague_trailing:  # 十数億 = [11, 19] × 億
            low, high = evaluate(tokens, 1), evaluate(tokens, 9)
        else:  # 数十億 = [2, 10) × 十億
            low, high = evaluate(tokens, 2), evaluate(tokens, 10) - 1
        return Numeral(low, high, False, last_big, kanji_only, False)  # type: ignore[arg-type]
    if pair is not None:
        scale = Fraction(evaluate(tokens, 0), pair[0]) if pair[0] else Fraction(1)
        return Numeral(pair[0] * scale, pair[1] * scale, False, last_big, kanji_only, False)  # type: ignore[arg-type]
    v = evaluate(tokens, 0)
    return Numeral(v, v, exact, last_big, kanji_only, positional)  # type: ignore[arg-type]


def places_decrease(tokens: list) -> bool:
    """十百千 decrease inside a section (三千二百, not 百千); 万億兆京 start a new section."""
    previous = 10**5
    for kind, value in tokens:
        if kind == "s":
            if value >= previous:  # type: ignore[operator]
                return False
            previous = value  # type: ignore[assignment]
        elif kind == "b":
            previous = 10**5
    return True


def value_fields(n: Numeral, negative: bool) -> dict:
    """value (exact), or value_low/value_high and approximate (vague), signed."""
    if n.exact:
        return {"value": -float(n.low) if negative else float(n.low)}
    sign = -1 if negative else 1
    low, high = sorted((n.low * sign, n.high * sign))
    return {"value_low": float(low), "value_high": float(high), "approximate": True}
