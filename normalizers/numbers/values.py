"""The value of a numeral: Arabic (1,500 / 12.5 / full-width), kanji (三千二百, 二〇二四, 〇・五),
mixed (2万5千, 1億2345万) and vague (数十億, 十数人, 何百, 五六人).

`parse_numeral(s)` reads a numeral that `grammar.NUMERAL` matched and returns a `Numeral`: its
low and high value (equal when exact), whether it ends on 万/億/兆/京 (`last_big`: 30〜40億
takes 億 from 40億), whether it is all kanji and whether it was written digit by digit (二〇二四:
a year). Values are ints when whole and Fractions otherwise, so 0.1 + 0.2 stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import regex

from .grammar import ARABIC, KANJI_DIGITS, SPACE

FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
KANJI_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12, "京": 10**16}
ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")

# One token per group: Arabic number, run of kanji digits (〇・五 with its point), 十百千, a
# large-number unit (after one translation space: 5,000 億), 数/何.
NUMERAL_TOKENS = regex.compile(
    f"({ARABIC})|([{KANJI_DIGITS}]+(?:・[{KANJI_DIGITS}]+)?)|([十百千])|({SPACE}[万億兆京])|(数|何)"
)
# A numeral that is one Arabic number (after FULL_WIDTH): commas, a decimal part (group 1).
PLAIN_ARABIC = regex.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?")


@dataclass(frozen=True, slots=True)
class Numeral:
    low: int | Fraction
    high: int | Fraction
    exact: bool  # False for 数/何 and two-digit kanji ranges (五六人)
    last_big: int  # the trailing 万/億/兆/京 factor, 1 if none
    kanji_only: bool
    positional: bool  # kanji digits written place by place (二〇二四)


class Token(NamedTuple):
    kind: str  # "n" number, "k" kanji digits, "s" 十百千, "b" 万億兆京, "v" 数/何
    value: int | Fraction | str | None


def kanji_digits_value(s: str) -> int | Fraction:
    """二〇二四 → 2024, 〇・五 → 1/2."""
    whole, _, decimals = s.partition("・")
    digits = "".join(str(KANJI_DIGIT_VALUE[c]) for c in whole + decimals)
    return Fraction(int(digits), 10 ** len(decimals)) if decimals else int(digits)


def evaluate(tokens: list[Token], vague: int) -> int | Fraction:
    """The value of number tokens (no "k" left), with `vague` standing for each 数/何."""
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


def tokenize(s: str) -> tuple[list[Token], bool]:
    """(the tokens of a numeral, whether a 数/何 follows a number: 十数億)."""
    tokens: list[Token] = []
    vague_trailing = False
    for m in NUMERAL_TOKENS.finditer(s):
        arabic, kanji, small, big, _vague = m.groups()
        if arabic is not None:
            arabic = arabic.replace(",", "")
            tokens.append(Token("n", Fraction(arabic) if "." in arabic else int(arabic)))
        elif kanji is not None:
            tokens.append(Token("k", kanji))
        elif small is not None:
            tokens.append(Token("s", SMALL_UNITS[small]))
        elif big is not None:
            tokens.append(Token("b", BIG_UNITS[big.strip()]))
        else:
            vague_trailing = bool(tokens) and tokens[-1].kind in ("s", "n")
            tokens.append(Token("v", None))
    return tokens, vague_trailing


def is_counting_pair(digits: str, n_tokens: int) -> bool:
    """五六, 二三: two kanji digits counting up, alone or before one unit: "five or six"."""
    return (len(digits) == 2 and "〇" not in digits and "零" not in digits and n_tokens <= 2
            and KANJI_DIGIT_VALUE[digits[1]] == KANJI_DIGIT_VALUE[digits[0]] + 1)


def parse_numeral(s: str) -> Numeral | None:
    """The value of a numeral (`1,500億`, `三千二百`, `数十億`, `二〇二四`); None if malformed."""
    s = s.translate(FULL_WIDTH)
    plain = parse_plain_arabic(s)
    if plain is not None:
        return plain
    tokens, vague_trailing = tokenize(s)
    if not tokens:
        return None
    kanji_only = not any(c in ARABIC_DIGITS for c in s)
    has_units = any(t.kind in ("s", "b") for t in tokens)
    exact = True
    positional = False
    pair: tuple[int, int] | None = None
    out: list[Token] = []
    for kind, value in tokens:
        if kind != "k":
            out.append(Token(kind, value))
            continue
        digits = value.replace("・", "")  # type: ignore[union-attr]
        if "・" not in value and is_counting_pair(digits, len(tokens)):  # type: ignore[operator]
            pair = (KANJI_DIGIT_VALUE[digits[0]], KANJI_DIGIT_VALUE[digits[1]])
            out.append(Token("n", pair[0]))
            exact = False
            continue
        if len(digits) > 1 and has_units and "・" not in value:  # type: ignore[operator]
            return None  # 二三百: digit strings do not mix with 十百千 place words
        positional = positional or len(digits) > 1
        out.append(Token("n", kanji_digits_value(value)))  # type: ignore[arg-type]
    if not places_decrease(out):
        return None
    last_big = out[-1].value if out[-1].kind == "b" else 1
    if any(t.kind == "v" for t in out):
        if vague_trailing:  # 十数億 = [11, 19] × 億
            low, high = evaluate(out, 1), evaluate(out, 9)
        else:  # 数十億 = [2, 10) × 十億
            low, high = evaluate(out, 2), evaluate(out, 10) - 1
        return Numeral(low, high, False, last_big, kanji_only, False)  # type: ignore[arg-type]
    if pair is not None:
        scale = Fraction(evaluate(out, 0), pair[0]) if pair[0] else Fraction(1)
        return Numeral(pair[0] * scale, pair[1] * scale, False, last_big, kanji_only, False)  # type: ignore[arg-type]
    v = evaluate(out, 0)
    return Numeral(v, v, exact, last_big, kanji_only, positional)  # type: ignore[arg-type]


def places_decrease(tokens: list[Token]) -> bool:
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


def whole(n: Numeral) -> int | None:
    """The value of an exact whole numeral, else None (数年, 2.5, 五六)."""
    return int(n.low) if n.exact and n.low == int(n.low) else None


def value_fields(n: Numeral, negative: bool) -> dict:
    """value (exact), or value_low/value_high and approximate (vague), signed."""
    if n.exact:
        return {"value": -float(n.low) if negative else float(n.low)}
    sign = -1 if negative else 1
    low, high = sorted((n.low * sign, n.high * sign))
    return {"value_low": float(low), "value_high": float(high), "approximate": True}
