"""What the rules' prechecks ask of a text, found in one pass over it (`TriggerScan` ->
`TextFacts`), and the lines a second run of the rules reads (`line_windows`). Split from
rules.py, which imports them: a `Rule` names its trigger characters, substrings and the class of
runs it starts at (`Rule.chars`, `substrings`, `runs_of`); this module finds them. Nothing is
kept between texts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Protocol

from .alignment import Change
from .chars import expand

if TYPE_CHECKING:
    # `i64` marks the scan's offsets and code points: compiled, C int64s (no tagged-int checks
    # per character); interpreted, annotations only, plain ints (as glossary/kana.py).
    from mypy_extensions import i64


class Triggering(Protocol):
    """What a rule tells the scan (`rules.Rule`'s fields of the same names)."""

    @property
    def chars(self) -> frozenset[str]: ...
    @property
    def substrings(self) -> frozenset[str]: ...
    @property
    def runs_of(self) -> str: ...


class TextFacts:
    """Which of a table's trigger characters and substrings one text holds: what the rules'
    prechecks ask; and where its runs of the classes rules start at are (`Rule.runs_of`), so
    those rules try their pattern there instead of searching the text. Made by
    `TriggerScan.facts`; `after` gives the facts of the text an edit made."""

    __slots__ = ("text", "chars", "runs", "_scan", "_substrings")

    def __init__(
        self,
        text: str,
        chars: frozenset[str],
        scan: "TriggerScan",
        runs: dict[str, list[tuple[int, int]]],
        substrings: frozenset[str] | None = None,
    ) -> None:
        self.text = text
        self.chars = chars
        # Per class body of `Rule.runs_of`: the maximal runs of its characters in `text`,
        # (start, end), sorted; a class is missing when its runs are not known for this text.
        self.runs = runs
        self._scan = scan
        # None: not known for this text (scanned for when first asked)
        self._substrings = substrings

    def substrings(self) -> frozenset[str]:
        if self._substrings is None:
            self._substrings = self._scan.substrings_in(self.text)
        return self._substrings

    def after(
        self, new_text: str, written: str, repls: list[Change] | None = None, keep_runs: bool = True
    ) -> "TextFacts":
        """The facts of `new_text`, this text with `written` put in (by `repls`, when given): it
        holds at most the characters this one held plus those written, carried over, not scanned
        again (a superset is safe: a precheck that says yes only costs a scan). The runs are
        moved over `repls` where that is sure (`moved_runs`), else dropped (and dropped with
        keep_runs False: no rule left reads them). The substrings are
        carried over when no replacement can have made one: none writes a character of one, and
        no deletion brings two of their characters together; else they are scanned for again."""
        scan = self._scan
        chars = self.chars | scan.chars.intersection(written) if written else self.chars
        runs: dict[str, list[tuple[int, int]]] = {}
        substrings = self._substrings
        if repls is not None:
            for body, old_runs in self.runs.items() if keep_runs else ():
                moved = moved_runs(old_runs, repls, scan.run_sets[body])
                if moved is not None:
                    runs[body] = moved
            if substrings is not None and (
                not scan.needle_chars.isdisjoint(written) or joins_two_of(scan.needle_chars, new_text, repls)
            ):
                substrings = None
        else:
            substrings = None
        return TextFacts(new_text, chars, scan, runs, substrings)


def joins_two_of(chars: frozenset[str], new_text: str, repls: list[Change]) -> bool:
    """Whether a deletion among `repls` (sorted, disjoint) leaves two of `chars` side by side in
    `new_text`, the text they made."""
    shift = 0
    n = len(new_text)
    for start, end, new, _ in repls:
        if not new:
            pos = start + shift
            if 0 < pos < n and new_text[pos - 1] in chars and new_text[pos] in chars:
                return True
        shift += len(new) - (end - start)
    return False


def moved_runs(
    runs: list[tuple[int, int]], repls: list[Change], run_chars: frozenset[str]
) -> list[tuple[int, int]] | None:
    """The maximal runs of `run_chars` in the text the replacements (sorted, disjoint) make of a
    text whose runs are `runs`; None unless each replacement writes a whole run anew (in run
    characters, or nothing) or touches no run, writes no run character and joins no two runs."""
    out: list[tuple[int, int]] = []
    i, n, shift = 0, len(runs), 0
    for start, end, new, _ in repls:
        while i < n and runs[i][1] <= start:  # runs before the replacement (or ending at it)
            out.append((runs[i][0] + shift, runs[i][1] + shift))
            i += 1
        if i < n and runs[i][0] < end:  # the replacement overlaps runs[i]
            if runs[i] != (start, end) or not run_chars.issuperset(new):
                return None
            if new:
                out.append((start + shift, start + shift + len(new)))
            i += 1
        elif not run_chars.isdisjoint(new):
            return None
        elif not new and i > 0 and runs[i - 1][1] == start and i < n and runs[i][0] == end:
            return None  # the two runs meet
        shift += len(new) - (end - start)
    out += [(r_start + shift, r_end + shift) for r_start, r_end in runs[i:]]
    return out


class TriggerScan:
    """Finds, in one pass over a text's code points, which of the given rules' trigger characters
    and substrings it holds and where its runs of the classes the rules start at are
    (`Rule.runs_of`). Built once per rule table (`Normalizer`), unchanged afterwards."""

    __slots__ = ("chars", "substrings", "needle_chars", "run_sets", "_run_bodies", "_needles", "_in_runs", "_kinds", "_needles_at", "_substrings_rx")

    def __init__(self, rules: Iterable[Triggering]) -> None:
        rules = list(rules)
        self.chars = frozenset().union(*(r.chars for r in rules))
        self.substrings = frozenset().union(*(r.substrings for r in rules))
        if clash := overlapping(self.substrings):
            raise ValueError(f"trigger substrings overlap, the shared scan would miss one: {clash}")
        self._run_bodies = sorted({r.runs_of for r in rules if r.runs_of})
        self.run_sets = {body: expand(body) for body in self._run_bodies}
        sets = [self.run_sets[body] for body in self._run_bodies]
        if any(not a.isdisjoint(b) for k, a in enumerate(sets) for b in sets[k + 1 :]):
            raise ValueError(f"run classes overlap, a run of one would hide the other's: {self._run_bodies}")
        self._needles = sorted(self.substrings)
        self.needle_chars = frozenset("".join(self._needles))
        if not self.needle_chars.isdisjoint(self.chars.union(*sets)):
            raise ValueError("a trigger substring holds a trigger or run character: the shared scan would miss one")
        # Triggers inside a run class (－: full-width ASCII and a dash look-alike): such a character
        # is in the text if and only if it is in one of the class's runs, so `in` tells.
        self._in_runs = [sorted(self.chars & chars) for chars in sets]
        # What each code point starts (`_kind_table`); one past the table: nothing.
        self._kinds = self._kind_table(sets)
        # A substring's first code point -> (its second code point, -1 for none; the substring).
        self._needles_at: dict[int, list[tuple[int, str]]] = {}
        for s in self._needles:
            self._needles_at.setdefault(ord(s[0]), []).append((ord(s[1]) if s[1:] else -1, s))
        # The reference of the substrings the scan finds (and what `TextFacts` asks when the
        # substrings of a text are not known): one alternation.
        self._substrings_rx = re.compile("|".join(map(re.escape, self._needles))) if self._needles else None

    def _kind_table(self, sets: list[frozenset[str]]) -> bytes:
        """Per code point up to the highest one asked about: 0 for nothing, k + 1 for a character
        of run class k, len(sets) + 1 for a trigger outside the run classes, len(sets) + 2 for
        a substring's first character."""
        triggers = self.chars.difference(*sets)
        firsts = {s[0] for s in self._needles}
        asked = set(triggers).union(firsts, *sets)
        table = bytearray(max(map(ord, asked)) + 1 if asked else 0)
        for k, chars in enumerate(sets):
            for c in chars:
                table[ord(c)] = k + 1
        for c in triggers:
            table[ord(c)] = len(sets) + 1
        for c in firsts:
            table[ord(c)] = len(sets) + 2
        return bytes(table)

    def facts(self, text: str) -> TextFacts:
        # Each code point looked up in `_kinds`: a run of class k is read to its end, a trigger
        # noted, a substring's first character compared with the substrings it starts.
        kinds, needles_at = self._kinds, self._needles_at
        size: i64 = len(kinds)
        n_runs: i64 = len(self._run_bodies)
        trigger: i64 = n_runs + 1
        run_lists: list[list[tuple[int, int]]] = [[] for _ in self._run_bodies]
        found: set[str] = set()
        present: set[str] = set()
        n: i64 = len(text)
        i: i64 = 0
        while i < n:
            c: i64 = ord(text[i])
            kind: i64 = kinds[c] if c < size else 0
            i += 1
            if kind == 0:
                continue
            if kind <= n_runs:  # a run of class kind - 1: to its end
                start = i - 1
                while i < n:
                    c = ord(text[i])
                    if c >= size or kinds[c] != kind:
                        break
                    i += 1
                run_lists[kind - 1].append((start, i))
            elif kind == trigger:
                found.add(text[i - 1])
            else:  # the first character of a substring: its second one first, then the rest
                for second, needle in needles_at[c]:
                    if (second < 0 or (i < n and ord(text[i]) == second)) and text.startswith(needle, i - 1):
                        present.add(needle)
        for k, in_run in enumerate(self._in_runs):
            if run_lists[k]:
                found.update([ch for ch in in_run if ch in text])
        return TextFacts(text, frozenset(found), self, dict(zip(self._run_bodies, run_lists)), frozenset(present))

    def substrings_in(self, text: str) -> frozenset[str]:
        return frozenset(self._substrings_rx.findall(text)) if self._substrings_rx else frozenset()


def overlapping(needles: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs where one needle holds the other or ends with the other's start: findall's matches
    never overlap, so one could hide the other and the found set would be short of it."""
    needles = set(needles)
    return [
        (a, b)
        for a in needles
        for b in needles
        if a != b and (b in a or any(a.endswith(b[:k]) for k in range(1, len(b))))
    ]


def line_windows(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of whole lines around the (sorted) spans: from the start of the non-blank
    line before a span's line to the end (line break excluded) of the non-blank one after it,
    overlapping ones merged. A rule reads at most its match's line and the non-blank lines next
    to it (a user handle above a comment counter, a sale heading above an advert)."""
    n = len(text)
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        first = text.rfind("\n", 0, start) + 1  # the span's line
        if first > 0:
            first -= 1  # the line break ending the line before
            while first > 0 and text[first - 1] == "\n":
                first -= 1  # empty lines
            first = text.rfind("\n", 0, first) + 1
        last = text.find("\n", end)
        if last >= 0:
            last += 1
            while last < n and text[last] == "\n":
                last += 1
            last = text.find("\n", last)
        if last < 0:
            last = n
        if windows and first <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(last, windows[-1][1]))
        else:
            windows.append((first, last))
    return windows
