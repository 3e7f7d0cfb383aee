"""`Normalizer`: runs the rule table, the glossary, the number tagger and the sentence splitter."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol, Sequence

from .alignment import Alignment, Change, RawSpans
from .chars import JAPANESE, LATIN, SPACES
from .config import NormalizeConfig
from .dateline import find_dateline
from .debris import DEBRIS_RULES
from .document import Mention, NormalizedDocument, Sentence
from .numbers import find_numbers
from .numbers.match import NumberMatch
from .records_fast import new_record
from .rules import CHARACTER_RULES, EARLIER, LAYOUT_RULES, Rule, TextFacts, TriggerScan, line_windows
from .sentences_fast import split_sentences_fast  # sentences.split_sentences, faster (bench/README.md)

if TYPE_CHECKING:
    from glossary.matcher import GlossaryMatch

# Bumped whenever a change to the rules changes output: part of every output's metadata and of
# the key that decides whether a finished shard can be reused.
PIPELINE_VERSION = "0.1.4"  # 0.1.4: numbers of issue 19 (two-digit years, ranges with ─, FY2024 ...),
# the dateline as the document's date. 0.1.3: phrase spaces and indentation kept (issue 18,
# spacing.py). 0.1.2: parts of longer names not rewritten (ソフトバンクモバイル), rules
# after the glossary, lone surrogates -> U+FFFD. 0.1.1: 再来年 is tagged whole (it was 来年, a year short)

# `normalize_many` runs each stage over this many documents before the next stage: enough for
# the stage's tables to stay in the CPU's caches, few enough for the documents to stay there too
# (the stages alone over livedoor, without building the documents: 2.53 s one document at a
# time, 2.30 s by 16, 2.24 s by 64, 2.30 s by 256).
MANY_CHUNK = 64

# The character stage runs to a fixed point (a rule can expose work for an earlier one, e.g. a
# removed space joining a katakana and a dash); it settles in one or two passes in practice.
_MAX_PASSES = 4


class GlossaryLike(Protocol):
    version: str

    def find(self, text: str, surface: str = "en", fuzzy: bool = True) -> list[GlossaryMatch]: ...


# What the spacing rule joins: a space between a Japanese character and one of these goes.
_JAPANESE_CHAR = re.compile(f"[{JAPANESE}]")
_SPACE_JOINS = re.compile(f"[{JAPANESE}{LATIN}]")


def _is_ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def as_date(value: Any) -> dt.date | None:
    """A document's `published_at` as a date (date, datetime or ISO string), else None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def document_date(published_at: Any, text: str) -> tuple[dt.date | None, str | None]:
    """(the document's date, where it came from): `published_at` ("input"), else a dateline at
    the top of the normalized text ("dateline"), else (None, None)."""
    date = as_date(published_at)
    if date is not None:
        return date, "input"
    date = find_dateline(text)
    return (date, "dateline") if date is not None else (None, None)


def _window_runs(spans: list[tuple[int, int]], facts: list[TextFacts], body: str) -> list[tuple[int, int]] | None:
    """The runs of the class `body` in the windows at `spans` (sorted) whose facts are `facts`,
    as spans of the text they were cut from; None when the facts do not hold them."""
    runs: list[tuple[int, int]] = []
    for (start, _), window_facts in zip(spans, facts):
        if body not in window_facts.runs:
            return None
        runs += [(s + start, e + start) for s, e in window_facts.runs[body]]
    return runs


def _moved_spans(spans: list[tuple[int, int, Any]], repls: list[Change]) -> list[tuple[int, int, Any]]:
    """The (start, end, match) spans (sorted, disjoint) in the text after the replacements (sorted,
    disjoint); a span edge inside a replacement moves to that replacement's edge, outward."""
    out = []
    i, n, shift = 0, len(repls), 0  # repls[:i] end at or before the current span's start
    for start, end, m in spans:
        while i < n and repls[i][1] <= start:
            r_start, r_end, r_new, _ = repls[i]
            shift += len(r_new) - (r_end - r_start)
            i += 1
        new_start = min(start, repls[i][0]) + shift if i < n and repls[i][0] < start else start + shift
        j, end_shift = i, shift
        while j < n and repls[j][0] < end:
            r_start, r_end, r_new, _ = repls[j]
            end_shift += len(r_new) - (r_end - r_start)
            end = max(end, r_end)
            j += 1
        out.append((new_start, end + end_shift, m))
    return out


# The record types and their builder as constants (Final: compiled, a read of a static; a module
# name is a lookup in the module's dict at every use).
_SENTENCE: Final = Sentence
_MENTION: Final = Mention
_NEW_RECORD: Final = new_record


class _Mentions:
    """A document's mentions as `Normalizer._document` hands them over, in order: each record
    built from all of `Mention`'s fields, its raw span from a sweep over the edits and its
    sentence from a pointer over the sentences' starts."""

    __slots__ = ("out", "raw", "to_raw", "later_starts", "later", "has_sentences", "records")

    def __init__(self, alignment: Alignment, sentence_spans: list[tuple[int, int]]) -> None:
        self.out = alignment.text
        self.raw = alignment.raw
        # by_character: a name in brackets does not take them with it (issue 18)
        self.to_raw = RawSpans(alignment, by_character=True)
        # A mention's sentence: the last one starting at or before it (the first if none does),
        # which is the number of sentences after the first that start at or before it; the
        # mentions come sorted, so that count only grows.
        self.later_starts = [s for s, _ in sentence_spans[1:]]
        self.later = 0  # later_starts[:later] start at or before the current mention
        self.has_sentences = bool(sentence_spans)
        self.records: list[Mention] = []

    def _sentence(self, start: int) -> int | None:
        later, later_starts = self.later, self.later_starts
        while later < len(later_starts) and later_starts[later] <= start:
            later += 1
        self.later = later
        return later if self.has_sentences else None

    def entity(self, start: int, end: int, g: Any) -> None:
        raw_start, raw_end = self.to_raw.span(start, end)
        # All of Mention's fields, in its field order (tests/normalizers/test_records.py).
        self.records.append(_NEW_RECORD(_MENTION, (
            start, end, raw_start, raw_end, self.out[start:end], self.raw[raw_start:raw_end],
            g.label, g.method, g.entity_id, g.canonical, g.canonical_ja, g.confidence,
            None, None, None, None, None, None, None, None, self._sentence(start),
        )))  # fmt: skip

    def number(self, n: NumberMatch) -> None:  # (typed: mypyc reads a named tuple's fields by index)
        start, end = n.start, n.end
        raw_start, raw_end = self.to_raw.span(start, end)
        self.records.append(_NEW_RECORD(_MENTION, (
            start, end, raw_start, raw_end, self.out[start:end], self.raw[raw_start:raw_end],
            n.label, "number", None, None, None, 1.0,
            n.value, n.value_low, n.value_high, n.value_text, n.unit, n.currency, n.approximate, n.qualifier,
            self._sentence(start),
        )))  # fmt: skip


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
        # Per rule, the indices of the earlier rules it feeds (see `Rule.feeds`).
        self._fed_by: list[tuple[int, ...]] = [
            tuple(
                j for j in range(i)
                if rule.feeds == EARLIER or self.rules[j].name in rule.feeds
            )
            for i, rule in enumerate(self.rules)
        ]
        # Finds the characters and substrings the rules' prechecks ask about, once per text.
        self._triggers = TriggerScan(self.rules)
        # The rules before this index include every rule that reads the runs the scan finds
        # (`Rule.runs_of`): a change by a later rule does not move them (`TextFacts.after`).
        self._runs_read_before = max((i + 1 for i, rule in enumerate(self.rules) if rule.runs_of), default=0)
        # What a linked hit is tagged as, from the words around it (glossary.mentions: 京都 in
        # 京都大学 is the university's mention; Twitterでつぶやく is the service); tags only.
        self.name_spans: Any = None
        if glossary is not None:
            from glossary.mentions import NameSpans

            self.name_spans = NameSpans(getattr(glossary, "common_words", frozenset()))
        # Names the glossary does not know (method "pattern"); tags only, never edits.
        self.recognizer = None
        if self.config.recognize_names and glossary is not None:
            from glossary.recognizer import NameRecognizer

            self.recognizer = NameRecognizer.for_glossary(glossary, latin_guesses=self.config.guess_latin_names)
        # GiNZA's NER (method "ner"), optional; its model loads on the first document.
        self.ner = None
        if self.config.ner_names:
            from glossary.ner import GinzaNames

            self.ner = GinzaNames()

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

    def apply_rules(self, alignment: Alignment, applied: list[list[Change]] | None = None) -> None:
        """The character, debris and layout rules, to a fixed point.

        A rule sees the output of the rules before it, so one pass settles everything except
        what a rule exposes to the earlier rules it `feeds`: only those run again, and once one
        of them changes something, every rule after it follows.
        """
        rules = self.rules
        pending: set[int] | None = None  # the rules to run on this pass (None: all of them)
        # What the prechecks ask, scanned once and carried over each change (`TextFacts.after`).
        facts = self._triggers.facts(alignment.text)
        for _ in range(_MAX_PASSES):
            rerun: set[int] = set()
            changed = False
            for index, rule in enumerate(rules):
                if not changed and pending is not None and index not in pending:
                    continue
                if rule.chars and rule.chars.isdisjoint(facts.chars):
                    continue  # its character precheck fails (as `Rule.may_match` would say): no call
                repls = rule.replacements(alignment.text, facts)
                if repls:
                    alignment.apply(repls)
                    # (a rule run again on a later pass without the runs searches its text instead)
                    keep_runs = index + 1 < self._runs_read_before
                    facts = facts.after(alignment.text, "".join([r[2] for r in repls]), repls, keep_runs)
                    if applied is not None:
                        applied.append(repls)
                    changed = True
                    if rule.feeds:
                        rerun.update(self._fed_by[index])
            if not rerun:
                return
            pending = rerun

    def _link_entities(self, alignment: Alignment) -> list[tuple[int, int, Any]]:
        """Glossary stage: replace matched variants per `config.surface`; returns (start, end,
        match) with spans in the text after replacement."""
        text = alignment.text
        # (annotated: the ignored union-attr error would make it Any; typed, a match's fields are
        # read from the native object, not looked up by name)
        matches: list[GlossaryMatch] = self.glossary.find(text, surface=self.config.surface, fuzzy=self.config.fuzzy_linking)  # type: ignore[union-attr]
        repls: list[Change] = []
        spans: list[tuple[int, int, Any]] = []
        rewritten: list[tuple[int, int]] = []  # the rewrites' spans in the text after them
        shift = 0
        last_end = 0
        n = len(text)
        for m in matches:
            old = text[m.start : m.end]
            new = m.replacement if m.replacement is not None else old
            if new == old:
                if m.label is not None:
                    spans.append((m.start + shift, m.end + shift, m))
                last_end = m.end
                continue
            start, end = m.start, m.end
            before = after = ""
            # Keep a Latin replacement a separate word next to Latin text (AIマイクロソフト →
            # `AI Microsoft`, not `AIMicrosoft`), so it is found again on a second pass.
            if start > 0 and _is_ascii_alnum(text[start - 1]) and _is_ascii_alnum(new[0]):
                before = " "
            if end < n and _is_ascii_alnum(text[end]) and _is_ascii_alnum(new[-1]):
                after = " "
            if repls and repls[-1][1] == start and _is_ascii_alnum(repls[-1][2][-1]) and _is_ascii_alnum(new[0]):
                before = " "  # two replacements meeting: テネシー州メンフィス → `Tennessee Memphis`
            # A Japanese replacement of a Latin word (NVIDIA H100 → エヌビディアH100 with
            # surface="ja") takes the spaces the spacing rule would now remove with it.
            if self.config.remove_japanese_spaces:
                if _JAPANESE_CHAR.match(new[0]):
                    k = start
                    while k > last_end and text[k - 1] in SPACES:
                        k -= 1
                    if k < start and k > 0 and _SPACE_JOINS.match(text[k - 1]):
                        start = k
                if _JAPANESE_CHAR.match(new[-1]):
                    k = end
                    while k < n and text[k] in SPACES:
                        k += 1
                    if k > end and k < n and _SPACE_JOINS.match(text[k]):
                        end = k
            repls.append((start, end, before + new + after, m.rule))
            rewritten.append((start + shift, start + shift + len(before) + len(new) + len(after)))
            new_start = start + shift + len(before)
            if m.label is not None:  # a pure text correction (no entity) is an edit, not a mention
                spans.append((new_start, new_start + len(new), m))
            shift += len(before) + len(new) + len(after) - (end - start)
            last_end = end
        alignment.apply(repls)
        if not repls:
            return spans
        # A rewrite changes what the rules read next to it (マイクロソフト–0 → Microsoft–0: the
        # dash is now between Latin and a digit): the rules run again, as the next pass would,
        # unless they find nothing to do around the rewrites (most documents).
        if self.rules_settled_near(text, alignment.text, rewritten):
            return spans
        applied: list[list[Change]] = []
        self.apply_rules(alignment, applied)
        for stage in applied:
            spans = _moved_spans(spans, stage)
        return spans

    def rules_settled_near(self, before: str, text: str, rewritten: list[tuple[int, int]]) -> bool:
        """Whether the rules, run again over `text`, would change nothing: `text` is `before`,
        which the rules had settled (`apply_rules` left nothing for any rule to do), with the
        spans `rewritten` (sorted) put in. False whenever a rule would change something: then
        the whole run is needed (rare).

        A rule's match away from the rewrites is one it had in `before`, where it changed nothing;
        so only the lines around the rewrites (`line_windows`) are searched, each with the rules'
        prechecks of its own. The one reading of the whole document a rule takes (the space
        rule: is it a spaced translation?) is read on `text`, for a window's spaces. It cannot
        turn a space `before` kept away from the windows: a settled text holds no spaced
        boundary (the rule removes each), so `text` holds only those the rewrites brought, in
        the windows, where the rule would remove them: a change, found there. For the same
        reason the reading of `text` is given the runs of the windows only (`Rule.runs_of`): it
        counts the spaced boundaries at those runs, and `text` holds none elsewhere."""
        spans = line_windows(text, rewritten)
        windows = [text[start:end] for start, end in spans]
        window_facts = [self._triggers.facts(window) for window in windows]
        wholes = {
            rule.name: rule.document(text, None, _window_runs(spans, window_facts, rule.runs_of))
            for rule in self.rules
            if rule.document is not None
        }
        for window, facts in zip(windows, window_facts):
            for rule in self.rules:
                if rule.chars and rule.chars.isdisjoint(facts.chars):
                    continue
                whole = wholes.get(rule.name)
                reading = rule.document(window, whole) if rule.document is not None else None
                for r_start, r_end, new, _ in rule.replacements(window, facts, reading):
                    if window[r_start:r_end] != new:
                        return False
        return True

    # -- the whole document ---------------------------------------------------------------

    def normalize(self, text: str, published_at: Any = None) -> NormalizedDocument:
        cfg = self.config
        alignment = self._ruled(text)
        entity_spans = self._entities(alignment)
        dated = document_date(published_at, alignment.text)
        numbers = find_numbers(alignment.text, dated[0]) if cfg.tag_numbers else ()
        return self._document(alignment, entity_spans, numbers, split_sentences_fast(alignment.text), dated)

    def normalize_many(
        self, texts: Sequence[str], published_at: Sequence[Any] | None = None, *, errors: str = "raise"
    ) -> list[NormalizedDocument | Exception]:
        """`normalize` of each text (with `published_at[i]`, if given), faster.

        The stages run one after the other over a few dozen documents at a time instead of all
        stages per document: each stage's tables and code then stay in the CPU's caches. On
        livedoor that is 5% faster (bench/throughput.py, row e2e_many), 14% with the garbage
        collector held off, as the flow's shards do. The documents are the same as `normalize`'s.
        errors="raise": the first document that fails raises, as a loop of `normalize` would;
        errors="return": its exception takes its place in the list and the others go on.
        """
        if errors not in ("raise", "return"):
            raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
        if published_at is not None and len(published_at) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(published_at)} published_at values")
        out: list[NormalizedDocument | Exception] = []
        for i in range(0, len(texts), MANY_CHUNK):
            pubs = published_at[i : i + MANY_CHUNK] if published_at is not None else None
            out += self._normalize_chunk(texts[i : i + MANY_CHUNK], pubs, errors == "raise")
        return out

    def _normalize_chunk(
        self, texts: Sequence[str], published_at: Sequence[Any] | None, raise_first: bool
    ) -> list[NormalizedDocument | Exception]:
        """`normalize_many` on a few dozen texts, stage by stage: each stage adds its result to
        each document's tuple (index, text, alignment, entity spans, numbers, sentence spans)."""
        cfg = self.config
        linking = cfg.link_entities and self.glossary is not None
        results: list[Any] = [None] * len(texts)

        def run(batch: list[tuple], stage: Any) -> list[tuple]:
            # A document whose stage fails leaves the batch with its exception as its result.
            out = []
            for item in batch:
                try:
                    out.append((*item, stage(item)))
                except Exception as e:
                    if raise_first:
                        raise
                    results[item[0]] = e
            return out

        def dated(b: tuple) -> tuple[dt.date | None, str | None]:
            return document_date(published_at[b[0]] if published_at is not None else None, b[2].text)

        def document(b: tuple) -> NormalizedDocument:
            return self._document(b[2], b[3], b[5], b[6], b[4])

        # (index, text, alignment, entity spans, (date, its source), numbers, sentence spans)
        batch = run(list(enumerate(texts)), lambda b: self._ruled(b[1]))
        batch = run(batch, lambda b: self._entities(b[2], linking))
        batch = run(batch, dated)
        batch = run(batch, lambda b: find_numbers(b[2].text, b[4][0]) if cfg.tag_numbers else ())
        batch = run(batch, lambda b: split_sentences_fast(b[2].text))
        for item in run(batch, document):
            results[item[0]] = item[-1]
        return results

    def _entities(self, alignment: Alignment, linking: bool | None = None) -> list[tuple[int, int, Any]]:
        """Glossary mentions, then the recognizer's names around them: (start, end, match), sorted."""
        if linking is None:
            linking = self.config.link_entities and self.glossary is not None
        spans = self._link_entities(alignment) if linking else []
        if spans and self.name_spans is not None:
            spans = self.name_spans(alignment.text, spans)
        spans = self.recognizer.add_to(alignment.text, spans) if self.recognizer is not None else spans
        return self.ner.add_to(alignment.text, spans) if self.ner is not None else spans

    def _ruled(self, text: str) -> Alignment:
        alignment = Alignment(text)
        self.apply_rules(alignment)
        return alignment

    def _document(
        self,
        alignment: Alignment,
        entity_spans: list[tuple[int, int, Any]],
        numbers: Sequence[NumberMatch],  # (typed: mypyc reads a named tuple's fields by index)
        sentence_spans: list[tuple[int, int]],
        dated: tuple[dt.date | None, str | None] = (None, None),
    ) -> NormalizedDocument:
        """The document of a text the stages are done with: its sentences and mentions (entities
        and the numbers that overlap none), both mapped back to the raw text."""
        out = alignment.text
        # Each record takes its raw span from a sweep over the edits as it is built (`RawSpans`).
        sentences: list[Sentence] = []
        to_raw = RawSpans(alignment)
        for start, end in sentence_spans:
            raw_start, raw_end = to_raw.span(start, end)
            sentences.append(_NEW_RECORD(_SENTENCE, (start, end, raw_start, raw_end, out[start:end])))

        # Entities and numbers both come sorted and disjoint: one merge keeps the mentions sorted
        # (the entities ending before a number go in first), with no sort and its key tuples.
        mentions = _Mentions(alignment, sentence_spans)
        j = 0
        n_entities = len(entity_spans)
        for n in numbers:
            while j < n_entities and entity_spans[j][1] <= n.start:
                s, e, m = entity_spans[j]
                mentions.entity(s, e, m)
                j += 1
            if j < n_entities and entity_spans[j][0] < n.end:
                continue  # overlaps an entity: an identifier the glossary tagged (GPT-4o)
            mentions.number(n)
        for s, e, m in entity_spans[j:]:
            mentions.entity(s, e, m)

        # (Its fields by position: a keyword call costs the dataclass's `__init__` a dict.)
        return NormalizedDocument(
            alignment.raw, out, alignment.edits, sentences, mentions.records, alignment, dated[0], dated[1]
        )

