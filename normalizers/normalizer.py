"""`Normalizer`: runs the rule table, the glossary, the number tagger and the sentence splitter."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from pathlib import Path
from typing import Any, Protocol, Sequence

from .alignment import Alignment, Replacement
from .config import NormalizeConfig
from .debris import DEBRIS_RULES
from .document import Mention, NormalizedDocument, Sentence
from .numbers import find_numbers
from .rules import CHARACTER_RULES, LAYOUT_RULES, Rule
from .sentences import split_sentences

# Bumped whenever a change to the rules changes output: part of every output's metadata and of
# the key that decides whether a finished shard can be reused.
PIPELINE_VERSION = "0.1.0"

# The character stage runs to a fixed point (a rule can expose work for an earlier one, e.g. a
# removed space joining a katakana and a dash); it settles in one or two passes in practice.
_MAX_PASSES = 4


class GlossaryLike(Protocol):
    version: str

    def find(self, text: str, surface: str = "en", fuzzy: bool = True) -> Sequence[Any]: ...


def _is_ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class Normalizer:
    """Normalizes Japanese text; every change is an `Edit`, every span maps back to the input."""

    def __init__(self, glossary: GlossaryLike | None = None, config: NormalizeConfig | None = None):
        self.glossary = glossary
        self.config = config or NormalizeConfig()
        enabled = lambda rule: rule.option is None or getattr(self.config, rule.option)  # noqa: E731
        self.rules: list[Rule] = [r for r in CHARACTER_RULES if enabled(r)]
        if self.config.remove_debris:
            self.rules += DEBRIS_RULES
        self.rules += [r for r in LAYOUT_RULES if enabled(r)]

    @classmethod
    def from_glossary(cls, path: str | Path | None = None, config: NormalizeConfig | None = None) -> "Normalizer":
        """A normalizer with the shipped glossary (path None or "glossary") or the one at `path`."""
        from glossary import Glossary

        return cls(Glossary.load(path), config)

    @property
    def glossary_version(self) -> str | None:
        return self.glossary.version if self.glossary is not None else None

    @property
    def pipeline_version(self) -> str:
        return PIPELINE_VERSION

    # -- stages -----------------------------------------------------------------------------

    def apply_rules(self, alignment: Alignment) -> None:
        """The character, debris and layout rules, to a fixed point."""
        for _ in range(_MAX_PASSES):
            changed = False
            for rule in self.rules:
                repls = rule.replacements(alignment.text)
                if repls:
                    alignment.apply(repls)
                    changed = True
            if not changed:
                return

    def _link_entities(self, alignment: Alignment) -> list[tuple[int, int, Any]]:
        """Glossary stage: replace matched variants per `config.surface`; returns (start, end,
        match) with spans in the text after replacement."""
        text = alignment.text
        matches = self.glossary.find(text, surface=self.config.surface, fuzzy=self.config.fuzzy_linking)
        repls: list[Replacement] = []
        spans: list[tuple[int, int, Any]] = []
        shift = 0
        for m in matches:
            old = text[m.start : m.end]
            new = m.replacement if m.replacement is not None else old
            if new != old:
                # Keep a Latin replacement a separate word next to Latin text (AIマイクロソフト →
                # `AI Microsoft`, not `AIMicrosoft`), so it is found again on a second pass.
                before = " " if m.start > 0 and _is_ascii_alnum(text[m.start - 1]) and _is_ascii_alnum(new[0]) else ""
                after = " " if m.end < len(text) and _is_ascii_alnum(text[m.end]) and _is_ascii_alnum(new[-1]) else ""
                repls.append(Replacement(m.start, m.end, before + new + after, m.rule))
                start = m.start + shift + len(before)
                spans.append((start, start + len(new), m))
                shift += len(before) + len(new) + len(after) - (m.end - m.start)
            else:
                spans.append((m.start + shift, m.end + shift, m))
        alignment.apply(repls)
        return spans

    # -- the whole document ---------------------------------------------------------------

    def normalize(self, text: str, published_at: Any = None) -> NormalizedDocument:
        cfg = self.config
        alignment = Alignment(text)
        self.apply_rules(alignment)

        entity_spans: list[tuple[int, int, Any]] = []
        if cfg.link_entities and self.glossary is not None:
            entity_spans = self._link_entities(alignment)
        out = alignment.text
        raw = alignment.raw

        mentions: list[Mention] = []
        for start, end, m in entity_spans:
            raw_start, raw_end = alignment.to_raw(start, end)
            mentions.append(
                Mention(
                    start=start,
                    end=end,
                    raw_start=raw_start,
                    raw_end=raw_end,
                    surface=out[start:end],
                    raw_surface=raw[raw_start:raw_end],
                    label=m.label,
                    method=m.method,
                    entity_id=m.entity_id,
                    canonical=m.canonical,
                    canonical_ja=m.canonical_ja,
                    confidence=m.confidence,
                )
            )
        if cfg.tag_numbers:
            taken = [(m.start, m.end) for m in mentions]
            for n in find_numbers(out, _as_date(published_at)):
                if any(n.start < e and s < n.end for s, e in taken):
                    continue  # an identifier the glossary already tagged (GPT-4o, H100)
                raw_start, raw_end = alignment.to_raw(n.start, n.end)
                mentions.append(
                    Mention(
                        start=n.start,
                        end=n.end,
                        raw_start=raw_start,
                        raw_end=raw_end,
                        surface=out[n.start : n.end],
                        raw_surface=raw[raw_start:raw_end],
                        label=n.label,
                        method="number",
                        value=n.value,
                        value_low=n.value_low,
                        value_high=n.value_high,
                        value_text=n.value_text,
                        unit=n.unit,
                        currency=n.currency,
                        approximate=n.approximate,
                        qualifier=n.qualifier,
                    )
                )
        mentions.sort(key=lambda m: (m.start, m.end))

        sentences = []
        for start, end in split_sentences(out):
            raw_start, raw_end = alignment.to_raw(start, end)
            sentences.append(Sentence(start, end, raw_start, raw_end, out[start:end]))
        if sentences:
            starts = [s.start for s in sentences]
            mentions = [_with_sent_id(m, max(0, bisect_right(starts, m.start) - 1)) for m in mentions]

        return NormalizedDocument(
            raw=raw, text=out, edits=alignment.edits, sentences=sentences, mentions=mentions, _alignment=alignment
        )


def _with_sent_id(m: Mention, sent_id: int) -> Mention:
    from dataclasses import replace

    return replace(m, sent_id=sent_id)
