"""`NumberMatch`: one numeric expression found by `find_numbers` (contract sections 4 and 6)."""

from __future__ import annotations

from typing import Any, NamedTuple


# A named tuple (as `Mention` and `Sentence` are): built without running Python code per field,
# several times faster than a frozen dataclass, and a corpus pass builds one per number.
class NumberMatch(NamedTuple):
    start: int
    end: int
    label: str  # MONEY, QUANTITY, PERCENT, DATE, DURATION, ORDINAL
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    value_text: str | None = None  # DATE: ISO 8601 (2024-09-12, --07-22, 2010/2012)
    unit: str | None = None
    currency: str | None = None  # ISO 4217
    approximate: bool = False
    qualifier: str | None = None  # 約, 以上, 年度, 昨年 ... as written


def new_match(start: int, end: int, label: str, value: Any = None, value_low: Any = None, value_high: Any = None,
              value_text: str | None = None, unit: str | None = None, currency: str | None = None,
              approximate: bool = False, qualifier: str | None = None) -> NumberMatch:
    """`NumberMatch(start, end, label, ...)`, made by the named tuple's `_make` from the tuple of
    its fields: calling the class runs its generated Python `__new__`, about four times the cost,
    and the handlers make one per number. (The values are Any: a float, or None.)"""
    return NumberMatch._make((start, end, label, value, value_low, value_high, value_text, unit, currency, approximate,
                              qualifier))
