"""Number tagger: money, quantities, percentages, dates, durations and ordinals in Japanese text.

    from normalizers.numbers import find_numbers, NumberMatch
    find_numbers("約1,500億米ドル", published_at=None)  # -> [NumberMatch(start=1, end=10, label="MONEY", ...)]

The package, in the order a reader meets it:

- the tables, the words: `tables.py` (currencies, counters, units, ordinal counters, sizes),
  `date_tables.py` (duration units, seasons, two-digit years, relative words, eras), `word_tables.py`
  (qualifiers, percent words, idioms, "one of", separators, money words), `name_tables.py` (numbers
  inside names and titles, which are no mentions);
- `numerals.py`, `date_patterns.py`: the pattern of a numeral, and the pieces of the date branches;
- `grammar.py`: the patterns built from them, one named branch per kind of expression, and the
  trigger that finds where a number may start;
- `values.py`: the value of a numeral (Arabic, kanji, mixed, vague 数十億);
- `context.py`: qualifiers around a number (約, 以上) and kanji numerals that are words (統一);
- `counts.py`: whether an amount with a counter counts something (a day of the month or of days, 一 as "a");
- `dates.py`, `amounts.py`: one handler per branch, building the `NumberMatch`es (`match.py`);
- `tagger.py`: `find_numbers`, the scan from start to start;
- `_fast.py`: the one speed-up, a memo of `parse_numeral` (tested equal to the reference).

Decisions (the contract, section 6, fixes the rest):

- Spans cover the number with its sign, currency and unit words (`1,500億米ドル`, `$238.66`,
  `10万台`, `7月22日`, `5年間`); qualifiers (約, 超, 以上, 足らず ...) are outside the span and
  only set fields. 超/以上/強/余り set `value_low`, 未満/以下/弱/足らず/以内 set `value_high`,
  and then `value` is empty (a bound is not the amount; NUMBERS.md); 約, 程度, 前後, 近く ...
  set `approximate` and keep `value`.
  A qualifier before a number is read on its own line only (`予約\\n2010年` is not 約).
- A number is tagged only with something that says what it counts: a currency, %, a counter or
  unit (台, 個, 人, 世帯, メガワット, GB ...), a date or duration word, an ordinal marker, or a
  large-number unit (`5,000億` → QUANTITY, unit None). Bare numbers (`[1]`, `Dota 2`, `14`) are
  not mentions: in this text they are mostly identifiers, list markers and model numbers.
- Identifiers: a digit glued to Latin letters (H100, A16, GB200, 4K, 2mini), after a hyphen or
  dot following an alphanumeric (GPT-4o, MAI-1, gemini-1.5), or after a Latin word and one
  space (Grok 2, XPS 13, Ryzen 5, Core Ultra 7) is never a number.
- Kanji numerals stand alone only with a counter or unit, never glued after another kanji
  (唯一, 統一, 同一, 万一 are words), and a list of idioms whose next character happens to be a
  counter is refused: 一部, 一番, 一度, 一時, 一人ひとり, 十分, 第三者 ...
- ORDINAL for 第N(+counter, 目), N位, N番目, N番手, N着, N周年, N期生, N巻, N+counter+目 (2回目,
  ５年目, 2つ目: `unit` the counter), a school year (高校3年) and no.N. A bare `N番` is not
  tagged: 110番/118番 are phone numbers, 4番 a batting slot, 1番 mostly "most" (1番好き).
- A count of one that says "one of", "another", "a" or "alone" (の一つ, 利点の1つ, もう一つ,
  一つの過程, 一人で) or is the unit of a rate (1株当たり) is none (`context.not_a_count`).
- A counter is not cut out of a longer word (3人気, 2台湾, 3社長: `tables.COMPOUND_AFTER`), and
  compounds that are counters themselves are counters (11機種, 3部屋, 2回線).
- Dates: see `dates.py`. 年度 is a fiscal year (`二〇二三年度` → `2023`, qualifier `年度`); N年
  with N < 1000 (`3年以内`) is a DURATION unless it is a two-digit year (`06年`, `17年に設立`:
  `dates.short_year`); `N日` with N > 31 (`122日`), or before を/で (`1日で`), is a DURATION,
  else a day of the month. Times of day (`10時30分`) are consumed and not tagged, so `30分` is
  not taken for a duration; `5分` alone is one. `N年代` is a DATE with qualifier 年代 and the
  decade as TIMEX3 writes it (`1990年代`, `90年代` → `199`; an era's `昭和50年代` keeps 1975).
  `X年前` is a DURATION. Fiscal years are `FY2024`, seasons and halves `2024-SU`, `2026-H2`.
- Ranges whose right end carries the date or duration word are one mention (`2〜3年`, `3〜4カ月`
  → DURATION value_low/value_high; `2010〜2012年`, `2025─26年` → DATE `2010/2012`; `3〜4月` →
  `--03/--04`); amounts likewise (`30〜40億ドル`, `7500億-8300億ドル`: the right side's 億 and
  unit apply to both; separators 〜 ~ から ─ – -). `2、3日` only for consecutive small numbers,
  approximate. `1000人から1700人に` (から with a unit on both sides, then に/へ) is an increase:
  two numbers.
- DURATION and QUANTITY `unit` is the counter as written, with the か月 spellings unified to
  `カ月`; PERCENT unit is `%` (N割 → N×10).
- Vague numbers (数十億, 十数人) have `value` None, bounds per the contract, approximate; open
  amounts (何百人, 何千万) are none.
  Two adjacent kanji digits counting up (五六人, 二、三日) are a range, not 56.
"""

from __future__ import annotations

from . import _fast
from .match import NumberMatch
from .tagger import find_numbers
from .values import Numeral, parse_numeral


def clear_cache() -> None:
    """Forget the numerals `_fast` memoized (benchmarks start each timed pass cold with it)."""
    _fast.clear()


__all__ = ["NumberMatch", "Numeral", "clear_cache", "find_numbers", "parse_numeral"]
