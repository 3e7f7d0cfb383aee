"""Edits and the alignment between a raw text and its normalized form.

Every stage of the normalizer proposes `Replacement`s on its own input text. `Alignment.apply`
applies them and composes them with what earlier stages did, so that the document always carries
one list of `Edit`s from the raw text straight to the current text: sorted, non-overlapping on
both sides, and replayable (`replay(raw, edits) == text`). When a later stage touches text an
earlier stage produced, the two edits merge into one whose rule names both (`fullwidth_ascii+glossary`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, NamedTuple


class Replacement(NamedTuple):
    """A proposed change on a stage's input text: `text[start:end]` becomes `new`."""

    start: int
    end: int
    new: str
    rule: str


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: `raw[raw_start:raw_end]` (`before`) became `text[start:end]` (`after`)."""

    raw_start: int
    raw_end: int
    start: int
    end: int
    rule: str
    before: str
    after: str


def replay(raw: str, edits: Iterable[Edit]) -> str:
    """Apply edits (sorted by position) to the raw text; gives the normalized text."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(raw[pos : e.raw_start])
        parts.append(e.after)
        pos = e.raw_end
    parts.append(raw[pos:])
    return "".join(parts)


def _join_rules(rules: Iterable[str]) -> str:
    seen: list[str] = []
    for rule in rules:
        for part in rule.split("+"):
            if part not in seen:
                seen.append(part)
    return "+".join(seen)


class Alignment:
    """The edits that turn `raw` into `text`, and position maps between the two."""

    __slots__ = ("raw", "text", "edits", "_starts", "_ends")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw
        self.edits: list[Edit] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    # -- applying a stage ---------------------------------------------------------------

    def apply(self, replacements: list[Replacement]) -> None:
        """Apply one stage's replacements (on `self.text`, sorted, non-overlapping)."""
        # Drop no-op replacements early: they would become edits that change nothing.
        cur = self.text
        repls = [r for r in replacements if cur[r.start : r.end] != r.new]
        if not repls:
            return
        old = self.edits
        new_edits: list[Edit] = []
        out_parts: list[str] = []
        cur_pos = 0  # position in cur up to which output has been emitted
        shift = 0  # new position - cur position, for text after the last emitted piece
        i = 0  # index into old edits not yet placed
        n_old = len(old)
        k = 0  # index into repls
        n_repls = len(repls)
        while k < n_repls:
            r = repls[k]
            # Old edits lying before r are kept, shifted by the output growth so far.
            while i < n_old and old[i].end <= r.start and not _overlaps(old[i].start, old[i].end, r.start, r.end):
                e = old[i]
                new_edits.append(
                    Edit(e.raw_start, e.raw_end, e.start + shift, e.end + shift, e.rule, e.before, e.after)
                )
                i += 1
            # A cluster: r, the old edits it overlaps, and any later replacement that falls in
            # the widened span, repeated until nothing more joins. It becomes one edit.
            s, t = r.start, r.end
            members = [r]
            rules: list[str] = []
            k += 1
            grew = True
            while grew:
                grew = False
                while i < n_old and _overlaps(old[i].start, old[i].end, s, t):
                    s = min(s, old[i].start)
                    t = max(t, old[i].end)
                    rules.append(old[i].rule)
                    i += 1
                    grew = True
                while k < n_repls and repls[k].start < t:
                    members.append(repls[k])
                    t = max(t, repls[k].end)
                    k += 1
                    grew = True
            rules += [m.rule for m in members]
            raw_s = self._raw_start(s)
            raw_e = self._raw_end(t) if t > s else raw_s
            pieces = []
            pos = s
            for m in members:
                pieces.append(cur[pos : m.start])
                pieces.append(m.new)
                pos = m.end
            pieces.append(cur[pos:t])
            after = "".join(pieces)
            out_parts.append(cur[cur_pos:s])
            out_parts.append(after)
            new_start = s + shift
            new_edits.append(
                Edit(raw_s, raw_e, new_start, new_start + len(after), _join_rules(rules), self.raw[raw_s:raw_e], after)
            )
            shift += len(after) - (t - s)
            cur_pos = t
        for e in old[i:]:
            new_edits.append(Edit(e.raw_start, e.raw_end, e.start + shift, e.end + shift, e.rule, e.before, e.after))
        out_parts.append(cur[cur_pos:])
        self.text = "".join(out_parts)
        # An edit that turned out to change nothing (raw == after) is not a change.
        self.edits = [e for e in new_edits if e.before != e.after]
        self._starts = [e.start for e in self.edits]
        self._ends = [e.end for e in self.edits]

    # -- position maps ------------------------------------------------------------------

    def _raw_start(self, pos: int) -> int:
        """Raw position for a span starting at `pos` in the current text."""
        # The last edit starting at or before pos.
        k = bisect_right(self._starts, pos) - 1
        while k >= 0:
            e = self.edits[k]
            if e.start <= pos < e.end:
                return e.raw_start  # inside an edit: the whole edit belongs to the span
            if e.end <= pos:
                return e.raw_end + (pos - e.end)
            k -= 1
        return pos

    def _raw_end(self, pos: int) -> int:
        """Raw position for a span ending at `pos` in the current text."""
        # The first edit ending at or after pos.
        k = bisect_left(self._ends, pos)
        while k < len(self.edits):
            e = self.edits[k]
            if e.start < pos <= e.end:
                return e.raw_end
            if pos <= e.start:
                return e.raw_start - (e.start - pos)
            k += 1
        if self.edits:
            last = self.edits[-1]
            return last.raw_end + (pos - last.end)
        return pos

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text to the smallest raw span that produced it."""
        if start == end:
            p = self._raw_start(start)
            return p, p
        return self._raw_start(start), self._raw_end(end)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether an old edit's output span [a) and a replacement span [b) must merge.

    Spans that only touch stay separate edits, except that an empty span strictly inside the
    other (an insertion or deletion point) merges.
    """
    if a_start < b_end and b_start < a_end:
        return True
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return False
