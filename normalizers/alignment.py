"""Edits and the alignment between a raw text and its normalized form.

Every stage of the normalizer proposes `Replacement`s on its own input text. `Alignment.apply`
applies them and composes them with what earlier stages did, so that the document always carries
one list of `Edit`s from the raw text straight to the current text: sorted, non-overlapping on
both sides, and replayable (`replay(raw, edits) == text`). When a later stage touches text an
earlier stage produced, the two edits merge into one whose rule names both (`fullwidth_ascii+glossary`).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from typing import Final, Iterable, NamedTuple

from .records_fast import new_record  # the records built from their fields' tuple (records_fast.py)



class Replacement(NamedTuple):
    """A proposed change on a stage's input text: `text[start:end]` becomes `new`."""

    start: int
    end: int
    new: str
    rule: str


# A `Replacement`'s fields as a plain tuple (start, end, new, rule): what the stages hand to
# `Alignment.apply` (a named tuple costs about five times a plain one to build, and the rules
# propose ~20 changes a document). `apply` takes either.
Change = tuple[int, int, str, str]


class Edit(NamedTuple):
    """One change: `raw[raw_start:raw_end]` (`before`) became `text[start:end]` (`after`).

    """

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
    """The edits that turn `raw` into `text`, and position maps between the two.

    While stages run, an edit is a plain tuple `(raw_start, raw_end, rule, after, before)` (before:
    the raw text it replaces, kept from the no-op test that sliced it already): its raw side
    never moves, so a later stage copies untouched edits as list slices instead of rebuilding
    each one. Their current ends are a parallel int list (`_ends`), the only thing a stage has
    to shift; a current start is `end - len(after)`. `edits` builds the `Edit` objects once,
    when asked.
    """

    __slots__ = ("raw", "text", "_edits", "_ends", "_starts", "_edit_objects")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw
        self._edits: list[tuple[int, int, str, str, str]] = []
        self._ends: list[int] = []  # current end of each edit
        self._starts: list[int] | None = []  # current starts: derived from _ends, when needed
        self._edit_objects: list[Edit] | None = []

    @property
    def edits(self) -> list[Edit]:
        if self._edit_objects is None:
            # (The starts are usually cached already: the document's `RawSpans` asked for them.)
            # The record type and its builder as locals: no lookup of a module name per edit.
            record, edit = new_record, Edit
            self._edit_objects = [
                record(edit, (rs, re_, s, e, rule, before, after))
                for (rs, re_, rule, after, before), s, e in zip(self._edits, self._index(), self._ends)
            ]
        return self._edit_objects

    # -- applying a stage ---------------------------------------------------------------

    def apply(self, replacements: list[Change]) -> None:
        """Apply one stage's replacements (on `self.text`, sorted, non-overlapping)."""
        old = self._edits
        if not old:
            self._apply_first(replacements)
            return
        # No-op replacements are skipped as they come (they would be edits that change nothing):
        # no filtered copy of the list.
        repls = replacements
        cur = self.text
        ends = self._ends
        new_edits: list[tuple[int, int, str, str, str]] = []
        new_ends: list[int] = []
        out_parts: list[str] = []
        cur_pos = 0  # position in cur up to which output has been emitted
        shift = 0  # new position - cur position, for text after the last emitted piece
        i = 0  # index into old edits not yet placed
        n_old = len(old)
        k = 0  # index into repls
        n_repls = len(repls)
        changed = False
        while k < n_repls:
            r_start, r_end, r_new, r_rule = repls[k]
            before = cur[r_start:r_end]
            if before == r_new:
                k += 1  # a no-op: not an edit, and joins no cluster
                continue
            changed = True
            # Old edits ending at or before r_start lie before r (they never overlap it): kept
            # as they are (raw side), their ends shifted by the output growth so far.
            j = bisect_right(ends, r_start, i)
            if j > i:
                new_edits += old[i:j]
                new_ends += [e + shift for e in ends[i:j]] if shift else ends[i:j]
                i = j
            # cur position - raw position for the unchanged text between old edits i-1 and i.
            off = ends[i - 1] - old[i - 1][1] if i else 0
            # (An old edit starting at or after r's end never overlaps it: no call to _overlaps.)
            if (
                i == n_old
                or (o_start := ends[i] - len(old[i][3])) >= r_end
                or not _overlaps(o_start, ends[i], r_start, r_end)
            ):
                # The common case: r touches no earlier edit, so it is an edit of its own, and
                # the text around it is unchanged from raw (it cannot be a no-op: those are gone).
                raw_s = r_start - off
                out_parts.append(cur[cur_pos:r_start])
                out_parts.append(r_new)
                new_edits.append((raw_s, raw_s + r_end - r_start, r_rule, r_new, before))  # (raw here = cur)
                shift += len(r_new) - (r_end - r_start)
                new_ends.append(r_end + shift)
                cur_pos = r_end
                k += 1
                continue
            # A cluster: r, the old edits it overlaps and the later replacements it takes in.
            cluster = _Cluster(cur, old, ends, repls, i, k)
            i, k = cluster.old_next, cluster.repl_next
            s, t, after = cluster.start, cluster.end, cluster.after(cur)
            out_parts.append(cur[cur_pos:s])
            out_parts.append(after)
            shift += len(after) - (t - s)
            edit = cluster.edit(self.raw, old, ends, off, after)
            if edit is not None:  # (an edit that turned out to change nothing is no change)
                new_edits.append(edit)
                new_ends.append(t + shift)
            cur_pos = t
        if not changed:
            return
        new_edits += old[i:]
        new_ends += [e + shift for e in ends[i:]] if shift else ends[i:]
        out_parts.append(cur[cur_pos:])
        self.text = "".join(out_parts)
        self._set_edits(new_edits, new_ends)

    def _apply_first(self, replacements: list[Change]) -> None:
        """The first stage that changes anything: text is still raw, positions are raw positions."""
        cur = self.text
        edits = []
        ends = []
        parts = []
        pos = 0
        shift = 0
        for start, end, new, rule in replacements:
            before = cur[start:end]
            if before == new:
                continue  # a no-op: not an edit
            parts.append(cur[pos:start])
            parts.append(new)
            edits.append((start, end, rule, new, before))
            shift += len(new) - (end - start)
            ends.append(end + shift)
            pos = end
        if not edits:
            return
        parts.append(cur[pos:])
        self.text = "".join(parts)
        self._set_edits(edits, ends)

    def _set_edits(self, edits: list[tuple[int, int, str, str, str]], ends: list[int]) -> None:
        self._edits = edits
        self._ends = ends
        self._starts = self._edit_objects = None  # rebuilt when needed

    # -- position maps ------------------------------------------------------------------

    def _index(self) -> list[int]:
        """The current start of each edit."""
        if self._starts is None:
            self._starts = [end - len(edit[3]) for edit, end in zip(self._edits, self._ends)]
        return self._starts

    def _raw_start(self, pos: int) -> int:
        """Raw position for a span starting at `pos` in the current text."""
        starts = self._index()
        ends = self._ends
        edits = self._edits
        # The last edit starting at or before pos.
        k = bisect_right(starts, pos) - 1
        while k >= 0:
            if starts[k] <= pos < ends[k]:
                return edits[k][0]  # inside an edit: the whole edit belongs to the span
            if ends[k] <= pos:
                return edits[k][1] + (pos - ends[k])
            k -= 1
        return pos

    def _raw_end(self, pos: int) -> int:
        """Raw position for a span ending at `pos` in the current text."""
        starts = self._index()
        ends = self._ends
        edits = self._edits
        # The first edit ending at or after pos.
        k = bisect_left(ends, pos)
        n = len(edits)
        while k < n:
            if starts[k] < pos <= ends[k]:
                return edits[k][1]
            if pos <= starts[k]:
                return edits[k][0] - (starts[k] - pos)
            k += 1
        if edits:
            return edits[-1][1] + (pos - ends[-1])
        return pos

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text to the smallest raw span that produced it."""
        if not self._edits:
            return start, end
        if start == end:
            p = self._raw_start(start)
            return p, p
        return self._raw_start(start), self._raw_end(end)

    def to_raw_spans(self, spans: list[tuple[int, int]], by_character: bool = False) -> list[tuple[int, int]]:
        """`to_raw` for many spans at once, in one sweep over the edits: the public many-spans
        form of `RawSpans` (the normalizer asks `RawSpans` itself, a span at a time, as it builds
        its records; this list form is for callers holding a list of spans, and the tests).

        The spans must be sorted by start with their ends sorted too (sentences, or the
        non-overlapping mentions of a document). `by_character`: a span that starts or ends inside
        an edit of the same length, where the character there maps one to one (width or case),
        maps to that character, not to the whole edit: a mention's raw span (`Ｈ２００` in the one
        edit `（Ｈ２００）` → `(H200)`) then takes no punctuation with it (issue 18).
        """
        if not self._edits:
            return list(spans)
        to_raw = RawSpans(self, by_character)
        return [to_raw.span(start, end) for start, end in spans]


class RawSpans:
    """`Alignment.to_raw_spans`, one span at a time: `span(start, end)` is the raw span of the
    next span of the sweep (spans asked for in `to_raw_spans`' order: sorted by start, their ends
    sorted too). The document's records take their raw positions from it as they are built, with
    no list of spans to map nor list of raw spans to unpack (compiled, the pair it returns is no
    object).

    The sweep keeps, for its two edit pointers, the current edit's start and end and the offset
    (raw minus current position) of the unchanged text before that edit, so a span between edits
    (most spans) reads no list."""

    __slots__ = ("edits", "starts", "ends", "n", "by_character",
                 "i", "i_start", "i_end", "i_off", "k", "k_start", "k_end", "k_off")  # fmt: skip

    def __init__(self, alignment: Alignment, by_character: bool = False) -> None:
        self.edits = alignment._edits
        self.starts = alignment._index() if self.edits else []
        self.ends = alignment._ends
        self.n = len(self.edits)
        self.by_character = by_character
        # edits[:i] end at or before the current start; edits[:k] end before the current end
        # (or at it, when not empty).
        self.i, self.i_start, self.i_end, self.i_off = self._edit(0)
        self.k, self.k_start, self.k_end, self.k_off = self._edit(0)

    def _edit(self, j: int) -> tuple[int, int, int, int]:
        """(j, edit j's current start and end, raw minus current position before it); past the
        last edit, a start and end no span reaches."""
        off = self.edits[j - 1][1] - self.ends[j - 1] if j else 0
        if j < self.n:
            return j, self.starts[j], self.ends[j], off
        return j, _BEYOND, _BEYOND, off

    def span(self, start: int, end: int) -> tuple[int, int]:
        while self.i_end <= start:
            self.i, self.i_start, self.i_end, self.i_off = self._edit(self.i + 1)
        if self.i_start <= start:  # inside edit i
            edit = self.edits[self.i]
            raw_start = _inside_start(edit, start - self.i_start) if self.by_character else edit[0]
        else:
            raw_start = start + self.i_off
        if end == start:
            return raw_start, raw_start
        while self.k_end < end or (self.k_end == end and self.k_start < end):
            self.k, self.k_start, self.k_end, self.k_off = self._edit(self.k + 1)
        if self.k_start < end:  # inside edit k
            edit = self.edits[self.k]
            raw_end = _inside_end(edit, end - self.k_start) if self.by_character else edit[1]
        else:
            raw_end = end + self.k_off
        return raw_start, raw_end


_BEYOND: Final = 1 << 60  # a position past any text (Final: a constant when compiled)


def _same_run(before: str, after: str, i: int, j: int, n: int) -> bool:
    """Whether after[j:j+n] is before[i:i+n] character by character in another width or case
    (`（Ｈ２００）` → `(H200)`: the H200 maps one to one, the brackets too)."""
    for d in range(n):
        if after[j + d].casefold() != unicodedata.normalize("NFKC", before[i + d]).casefold():
            return False
    return True


def _inside_start(edit: tuple, k: int) -> int:
    """Raw position of a span starting k characters into an edit's output: the same offset into
    its input when that character maps one to one (the H200 in `（Ｈ２００）` does not take the
    bracket with it: spans never include punctuation, issue 18); else the whole edit belongs to
    the span."""
    raw_start, raw_end, _, after, before = edit
    if not k:
        return raw_start
    if len(before) == len(after):
        return raw_start + k if _same_run(before, after, k, k, 1) else raw_start
    # An edit that changed length (stages merged into one edit: a width fold and a rewrite next
    # to it): the span still starts k characters in when what comes before it maps one to one;
    # or where the edit's tail from it begins, when that tail and the character before it map one
    # to one (so a character the rewrite dropped just before the span stays with the rewrite).
    if k <= len(before) and _same_run(before, after, 0, 0, k):
        return raw_start + k
    tail = len(after) - k
    if tail < len(before) and _same_run(before, after, len(before) - tail - 1, k - 1, tail + 1):
        return raw_end - tail
    return raw_start


def _inside_end(edit: tuple, k: int) -> int:
    """Raw position of a span ending k characters into an edit's output (`_inside_start`'s twin)."""
    raw_start, raw_end, _, after, before = edit
    if k >= len(after):
        return raw_end
    if len(before) == len(after):
        return raw_start + k if _same_run(before, after, k - 1, k - 1, 1) else raw_end
    # Length changed (see `_inside_start`): the span ends where the edit's tail after it begins,
    # when that tail maps one to one (`ＮＶＩＤＩＡＡ（（（` → `NVIDIA(((`: the brackets stay out);
    # or k characters in, when what comes before the end and the character after it map one to
    # one (`２５％ＮＶＩＤＩＡＡ` → `25%NVIDIA`: 25% is `２５％`; the dropped Ａ stays with NVIDIA).
    tail = len(after) - k
    if tail <= len(before) and _same_run(before, after, len(before) - tail, k, tail):
        return raw_end - tail
    if k < len(before) and _same_run(before, after, 0, 0, k + 1):
        return raw_start + k
    return raw_end


class _Cluster:
    """Replacements of one stage that overlap earlier edits, merged into one edit: the first
    replacement, the old edits it overlaps, and any later replacement that falls in the widened
    span, repeated until nothing more joins (`Alignment.apply`'s rare path)."""

    __slots__ = ("start", "end", "members", "rules", "first_merged", "last_merged", "old_next", "repl_next")

    def __init__(self, cur: str, old: list, ends: list[int], repls: list[Change], i: int, k: int) -> None:
        first = repls[k]
        s, t = first[0], first[1]
        members = [first]
        rules: list[str] = []
        first_merged = last_merged = -1  # indices into old
        n_old, n_repls = len(old), len(repls)
        k += 1
        grew = True
        while grew:
            grew = False
            while i < n_old:
                e_end = ends[i]
                e_start = e_end - len(old[i][3])
                if not _overlaps(e_start, e_end, s, t):
                    break
                if first_merged < 0:
                    first_merged = i
                last_merged = i
                s, t = min(s, e_start), max(t, e_end)
                rules.append(old[i][2])
                i += 1
                grew = True
            while k < n_repls and repls[k][0] < t:
                m = repls[k]
                k += 1
                if cur[m[0] : m[1]] == m[2]:
                    continue  # a no-op joins nothing
                members.append(m)
                t = max(t, m[1])
                grew = True
        self.start, self.end, self.members, self.rules = s, t, members, rules
        self.first_merged, self.last_merged, self.old_next, self.repl_next = first_merged, last_merged, i, k

    def after(self, cur: str) -> str:
        """The cluster's span of the current text with its replacements put in."""
        members, s, t = self.members, self.start, self.end
        if len(members) == 1 and s == members[0][0] and t == members[0][1]:
            return members[0][2]
        pieces = []
        pos = s
        for m_start, m_end, m_new, _ in members:
            pieces.append(cur[pos:m_start])
            pieces.append(m_new)
            pos = m_end
        pieces.append(cur[pos:t])
        return "".join(pieces)

    def edit(self, raw: str, old: list, ends: list[int], off: int, after: str) -> tuple | None:
        """The merged edit (internal tuple), None if it changes nothing. `off`: current position
        minus raw position of the unchanged text before the cluster (text between edits is
        unchanged); a merged edit at an edge gives that edge its own raw bound."""
        s, t, first, last = self.start, self.end, self.first_merged, self.last_merged
        if first >= 0 and ends[first] - len(old[first][3]) == s:
            raw_s = old[first][0]
        else:
            raw_s = s - off
        if t == s:
            raw_e = raw_s
        elif last >= 0:
            raw_e = old[last][1] + (t - ends[last])
        else:
            raw_e = t - off
        before = raw[raw_s:raw_e]
        if before == after:
            return None
        rules = self.rules + [m[3] for m in self.members]
        rule = rules[0] if len(rules) == 1 else _join_rules(rules)
        return (raw_s, raw_e, rule, after, before)


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
