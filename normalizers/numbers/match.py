"""`NumberMatch`: one numeric expression found by `find_numbers` (contract sections 4 and 6)."""

from __future__ import annotations

from typing import NamedTuple


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
