"""What `Normalizer.normalize` returns: the normalized text, its edits, sentences and mentions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from .alignment import Alignment, Edit


# Sentence and Mention are named tuples: a document has dozens of each, and a named tuple is
# cheaper to build than a dataclass instance.
class Sentence(NamedTuple):
    """A sentence: `text[start:end]` in the normalized text, `raw[raw_start:raw_end]` in the input."""

    start: int
    end: int
    raw_start: int
    raw_end: int
    text: str


class Mention(NamedTuple):
    """A tagged span: a glossary entity (PERSON, ORG, ...) or a number (MONEY, DATE, ...).

    Fields are the columns of the mentions dataset (contract section 4), doc_id aside.
    """

    start: int
    end: int
    raw_start: int
    raw_end: int
    surface: str
    raw_surface: str
    label: str
    method: str  # glossary / fuzzy / number
    entity_id: str | None = None
    canonical: str | None = None
    canonical_ja: str | None = None
    confidence: float = 1.0
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    value_text: str | None = None
    unit: str | None = None
    currency: str | None = None
    approximate: bool | None = None
    qualifier: str | None = None
    sent_id: int | None = None


@dataclass(slots=True)
class NormalizedDocument:
    raw: str
    text: str
    edits: list[Edit]
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    _alignment: Alignment | None = field(default=None, repr=False)
    # The date relative dates were resolved against and where it came from: "input" (the
    # `published_at` given), "dateline" (a date line at the top of the text), or None.
    published_at: dt.date | None = None
    published_at_source: str | None = None

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of `text` back to the span of `raw` it came from."""
        if self._alignment is None:  # pragma: no cover - always set by Normalizer
            raise ValueError("document has no alignment")
        return self._alignment.to_raw(start, end)
