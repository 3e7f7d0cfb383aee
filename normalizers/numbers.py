"""Number tagger (placeholder until the parser lands): finds no numbers yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    label: str
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    value_text: str | None = None
    unit: str | None = None
    currency: str | None = None
    approximate: bool = False
    qualifier: str | None = None


def find_numbers(text: str, published_at: dt.date | None = None) -> list[NumberMatch]:
    return []
