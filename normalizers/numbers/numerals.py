"""The pattern of a numeral, the part every branch of `grammar.py` starts with: Arabic digits
(with thousands separators and decimals), kanji numerals, and both mixed with 万億兆京; and what
stands between the two numerals of a range (〜, から)."""

from __future__ import annotations

import re
from typing import Final

from .patterns import alternation
from .word_tables import DOT_DECIMAL_BEFORE, RANGE_SEPARATORS

DIGIT = "[0-9０-９]"
SPACE_CHAR = "[ \u3000]"
SPACE = f"{SPACE_CHAR}?"  # one translation space, tolerated inside a number expression (5,000 億, 7 月)
# Possessive (++): NUMERAL repeats ARABIC, and a digit run split between repetitions would be
# tried in 2^n ways when the tail after it fails (30 digits and 〜 with no number after: minutes).
# Each alternative opens on one digit (`re` then takes that digit out in front and, where a
# numeral is tried and none is there, turns the alternation down on one class test), and the
# first comma group is written out (no repeat tried at each of the 1–3 leading digits of a
# numeral without commas): the same numerals, tried in the same order as
# `D{1,3}(?:,D{3})+|D++` (bench/README.md, "Session 8, speed-numbers").
ARABIC = (f"(?:{DIGIT}{DIGIT}{{0,2}}[,，]{DIGIT}{{3}}(?:[,，]{DIGIT}{{3}})*|{DIGIT}{DIGIT}*+)"
          f"(?:[.．]{DIGIT}++)?")
KANJI_DIGITS = "〇零一二三四五六七八九"
KANJI_NUMERAL_CHARS: Final = KANJI_DIGITS + "十百千数何"
# A numeral: Arabic digits and kanji numerals mixed with 十百千 and 万億兆京 (2万5千, 三千二百億,
# 1億2345万, 数十億, 二〇二四, 〇・五, 1・5兆). Not starting on 万億兆京 (万一, 万全 are words), nor
# on 何: 何百人, 何千万 are open amounts, no number (NUMBERS.md); 何 after a numeral is a vague digit (十何人 = 十数人).
# A kanji digit glued after an Arabic one begins a word (3四球: three walks, not 3四), no numeral goes on there; nor an
# Arabic digit after a kanji digit (万が一1台, 日本一1回: 一 ends a word, 1台 is the count; session 15).
DOT_DECIMAL = (f"・(?:(?<=[{KANJI_DIGITS}]・)(?=[{KANJI_DIGITS}])"
               f"|(?<={DIGIT}・)(?={DIGIT}+{SPACE}[{re.escape(DOT_DECIMAL_BEFORE)}]))")
NUMERAL = (
    f"(?:{ARABIC}|[{KANJI_DIGITS}十百千数])"
    f"(?:(?<![{KANJI_DIGITS}]){ARABIC}|[{KANJI_DIGITS}十百千数何](?<![0-9０-９][{KANJI_DIGITS}])|[万億兆京]|{SPACE_CHAR}[万億兆京]|{DOT_DECIMAL})*"  # (`SPACE[万億兆京]` as two
    # alternatives that open on a class: `re` turns each down on one test where no numeral goes on)
)
RANGE_SEPARATOR = alternation(RANGE_SEPARATORS)
