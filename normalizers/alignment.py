"""Edits and the alignment between a raw text and its normalized form.

Every stage of the normalizer proposes `Replacement`s on its own input text. `Alignment.apply`
applies them and composes them with what earlier stages did, so that the document always carries
one list of `Edit`s from the raw text straight to the current text: sorted, non-overlapping on
both sides, and replayable (`replay(raw, edits) == text`). When a later stage touches text an
earlier stage produced, the two edits merge into one whose rule names both (`fullwidth_ascii+glossary`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter
from typing import Iterable, NamedTuple


class Replacement(NamedTuple):
    """A proposed change on a stage's input text: `text[start:end]` becomes `new`."""

    start: int
    end: int
    new: str
    rule: str


class Edit(NamedTuple):
    """One change: `raw[raw_start:raw_end]` (`before`) became `text[start:end]` (`after`).

    A named tuple: built with `tuple.__new__`, no Python code per edit (see `Alignment.edits`).
    """

    raw_start: int
    raw_end: int
    start: int
    end: int
    rule: str
    before: str
    after: str


_END = itemgetter(3)  # an internal edit tuple's end in the current text


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
    """The edits that turn `raw` into `text`, and position maps between the two.

    Edits are kept as plain tuples `(raw_start, raw_end, start, end, rule, after)` while stages
    run (cheap to shift and rebuild); `edits` builds the `Edit` objects once, when asked.
    """

    __slots__ = ("raw", "text", "_edits", "_starts", "_ends", "_edit_objects")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw
        self._edits: list[tuple[int, int, int, int, str, str]] = []
        self._starts: list[int] | None = []
        self._ends: list[int] | None = []
        self._edit_objects: list[Edit] | None = []

    @property
    def edits(self) -> list[Edit]:
        if self._edit_objects is None:
            raw, new = self.raw, tuple.__new__
            self._edit_objects = [
                new(Edit, (rs, re_, s, e, rule, raw[rs:re_], after)) for rs, re_, s, e, rule, after in self._edits
            ]
        return self._edit_objects

    # -- applying a stage ---------------------------------------------------------------

    def apply(self, replacements: list[Replacement]) -> None:
        """Apply one stage's replacements (on `self.text`, sorted, non-overlapping)."""
        cur = self.text
        # Drop no-op replacements early: they would become edits that change nothing.
        repls = [r for r in replacements if cur[r.start : r.end] != r.new]
        if not repls:
            return
        old = self._edits
        if not old:
            self._apply_first(repls)
            return
        raw = self.raw
        new_edits: list[tuple[int, int, int, int, str, str]] = []
        out_parts: list[str] = []
        cur_pos = 0  # position in cur up to which output has been emitted
        shift = 0  # new position - cur position, for text after the last emitted piece
        i = 0  # index into old edits not yet placed
        n_old = len(old)
        prev = None  # the last old edit passed: positions after it map to raw by its offset
        k = 0  # index into repls
        n_repls = len(repls)
        while k < n_repls:
            r = repls[k]
            r_start, r_end = r.start, r.end
            # Old edits ending at or before r_start lie before r (they never overlap it): kept,
            # shifted by the output growth so far. Found by bisection, copied as one slice.
            j = bisect_right(old, r_start, i, n_old, key=_END)
            if j > i:
                if shift:
                    new_edits.extend([(a, b, s + shift, t + shift, rl, af) for a, b, s, t, rl, af in old[i:j]])
                else:
                    new_edits.extend(old[i:j])
                prev = old[j - 1]
                i = j
            # (An old edit starting at or after r's end never overlaps it: no call to _overlaps.)
            if i == n_old or old[i][2] >= r_end or not _overlaps(old[i][2], old[i][3], r_start, r_end):
                # The common case: r touches no earlier edit, so it is an edit of its own, and
                # the text around it is unchanged from raw (it cannot be a no-op: those are gone).
                raw_s = prev[1] + (r_start - prev[3]) if prev is not None else r_start
                new_text = r.new
                out_parts.append(cur[cur_pos:r_start])
                out_parts.append(new_text)
                new_start = r_start + shift
                new_edits.append(
                    (raw_s, raw_s + r_end - r_start, new_start, new_start + len(new_text), r.rule, new_text)
                )
                shift += len(new_text) - (r_end - r_start)
                cur_pos = r_end
                k += 1
                continue
            # A cluster: r, the old edits it overlaps, and any later replacement that falls in
            # the widened span, repeated until nothing more joins. It becomes one edit.
            s, t = r_start, r_end
            members = [r]
            rules: list[str] = []
            first_merged = last_merged = None
            k += 1
            grew = True
            while grew:
                grew = False
                while i < n_old and _overlaps(old[i][2], old[i][3], s, t):
                    e = old[i]
                    if first_merged is None:
                        first_merged = e
                    last_merged = e
                    if e[2] < s:
                        s = e[2]
                    if e[3] > t:
                        t = e[3]
                    rules.append(e[4])
                    i += 1
                    grew = True
                while k < n_repls and repls[k].start < t:
                    members.append(repls[k])
                    if repls[k].end > t:
                        t = repls[k].end
                    k += 1
                    grew = True
            # Raw span: from a merged edit's own raw bounds, or by the offset of the last old
            # edit before the position (text between edits is unchanged).
            if first_merged is not None and first_merged[2] == s:
                raw_s = first_merged[0]
            else:
                raw_s = prev[1] + (s - prev[3]) if prev is not None else s
            if t == s:
                raw_e = raw_s
            elif last_merged is not None:
                raw_e = last_merged[1] if last_merged[3] == t else last_merged[1] + (t - last_merged[3])
            else:
                raw_e = prev[1] + (t - prev[3]) if prev is not None else t
            if last_merged is not None:
                prev = last_merged
            if len(members) == 1 and s == r_start and t == r_end:
                after = r.new
            else:
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
            rules.extend(m.rule for m in members)
            rule = rules[0] if len(rules) == 1 else _join_rules(rules)
            # An edit that turned out to change nothing (raw == after) is not a change.
            if raw_e - raw_s != len(after) or raw[raw_s:raw_e] != after:
                new_edits.append((raw_s, raw_e, new_start, new_start + len(after), rule, after))
            shift += len(after) - (t - s)
            cur_pos = t
        if shift:
            new_edits.extend((e[0], e[1], e[2] + shift, e[3] + shift, e[4], e[5]) for e in old[i:])
        else:
            new_edits.extend(old[i:])
        out_parts.append(cur[cur_pos:])
        self.text = "".join(out_parts)
        self._set_edits(new_edits)

    def _apply_first(self, repls: list[Replacement]) -> None:
        """The first stage that changes anything: text is still raw, positions are raw positions."""
        cur = self.text
        edits = []
        parts = []
        pos = 0
        shift = 0
        for r in repls:
            parts.append(cur[pos : r.start])
            parts.append(r.new)
            start = r.start + shift
            edits.append((r.start, r.end, start, start + len(r.new), r.rule, r.new))
            shift += len(r.new) - (r.end - r.start)
            pos = r.end
        parts.append(cur[pos:])
        self.text = "".join(parts)
        self._set_edits(edits)

    def _set_edits(self, edits: list[tuple[int, int, int, int, str, str]]) -> None:
        self._edits = edits
        self._starts = self._ends = self._edit_objects = None  # rebuilt when needed

    # -- position maps ------------------------------------------------------------------

    def _index(self) -> tuple[list[int], list[int]]:
        if self._starts is None or self._ends is None:
            self._starts = [e[2] for e in self._edits]
            self._ends = [e[3] for e in self._edits]
        return self._starts, self._ends

    def _raw_start(self, pos: int) -> int:
        """Raw position for a span starting at `pos` in the current text."""
        starts, _ = self._index()
        edits = self._edits
        # The last edit starting at or before pos.
        k = bisect_right(starts, pos) - 1
        while k >= 0:
            e = edits[k]
            if e[2] <= pos < e[3]:
                return e[0]  # inside an edit: the whole edit belongs to the span
            if e[3] <= pos:
                return e[1] + (pos - e[3])
            k -= 1
        return pos

    def _raw_end(self, pos: int) -> int:
        """Raw position for a span ending at `pos` in the current text."""
        _, ends = self._index()
        edits = self._edits
        # The first edit ending at or after pos.
        k = bisect_left(ends, pos)
        n = len(edits)
        while k < n:
            e = edits[k]
            if e[2] < pos <= e[3]:
                return e[1]
            if pos <= e[2]:
                return e[0] - (e[2] - pos)
            k += 1
        if edits:
            last = edits[-1]
            return last[1] + (pos - last[3])
        return pos

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text to the smallest raw span that produced it."""
        if not self._edits:
            return start, end
        if start == end:
            p = self._raw_start(start)
            return p, p
        return self._raw_start(start), self._raw_end(end)


    def to_raw_spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """`to_raw` for many spans at once, in one sweep over the edits.

        The spans must be sorted by start with their ends sorted too (sentences, or the
        non-overlapping mentions of a document).
        """
        edits = self._edits
        if not edits:
            return list(spans)
        n = len(edits)
        out = []
        i = 0  # edits[:i] end at or before the current start
        k = 0  # edits[:k] end before the current end (or at it, when not empty)
        for start, end in spans:
            while i < n and edits[i][3] <= start:
                i += 1
            if i < n and edits[i][2] <= start:
                raw_start = edits[i][0]  # inside an edit: the whole edit belongs to the span
            elif i:
                e = edits[i - 1]
                raw_start = e[1] + (start - e[3])
            else:
                raw_start = start
            if end == start:
                out.append((raw_start, raw_start))
                continue
            while k < n and (edits[k][3] < end or (edits[k][3] == end and edits[k][2] < end)):
                k += 1
            if k < n and edits[k][2] < end:
                raw_end = edits[k][1]
            elif k:
                e = edits[k - 1]
                raw_end = e[1] + (end - e[3])
            else:
                raw_end = end
            out.append((raw_start, raw_end))
        return out

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
