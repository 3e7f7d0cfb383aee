"""Static checks of glossary regex variants for catastrophic backtracking, and the probe strings
the lint runs them on (with `regex`'s `timeout=`).

The checks read the pattern string with a small parser of their own (no private `re` module):
it knows the syntax the `regex` module takes that matters here (escapes with braces, nested
sets, groups and look-arounds, inline flags, the quantifiers `* + ? {m,n}` with their lazy and
possessive forms). It flags the two shapes that backtrack exponentially:

- a quantifier inside an unbounded quantifier: `(a+)+`, `(a*b?)*`;
- alternatives that can start with the same character under an unbounded quantifier:
  `(\\p{Han}|\\p{Han})*`, `(a|ab)*`, `(\\w|\\d)+`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

# A bounded repeat above this counts as unbounded (`{1,1000}` backtracks like `+`).
UNBOUNDED_ABOVE = 50
# Escapes and sets too broad to tell apart from anything else: they overlap every first atom.
_BROAD = frozenset({".", r"\w", r"\W", r"\S", r"\D", r"\X"})


@dataclass
class _Item:
    kind: str  # "lit" (one character), "atom" (escape or set, `text`), "group", "empty" (anchor)
    text: str = ""
    branches: list[list["_Item"]] = field(default_factory=list)
    lo: int = 1
    hi: int | None = 1  # None: unbounded


def _quantifier(p: str, i: int) -> tuple[int, int | None, int] | None:
    """(lo, hi, index after) of a quantifier at p[i], or None."""
    if i >= len(p):
        return None
    c = p[i]
    if c in "*+?":
        lo, hi, j = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c] + (i + 1,)
    elif c == "{":
        m = regex.match(r"\{(\d*)(,?)(\d*)\}", p[i:])
        if m is None or not (m.group(1) or m.group(3)):
            return None  # a literal brace
        lo = int(m.group(1) or 0)
        hi = int(m.group(3)) if m.group(3) else (None if m.group(2) else lo)
        j = i + m.end()
    else:
        return None
    if j < len(p) and p[j] in "?+":  # lazy or possessive: backtracks the same or less
        j += 1
    return lo, hi, j


def _escape(p: str, i: int) -> int:
    """Index after the escape starting at p[i] == backslash."""
    if i + 1 < len(p) and p[i + 1] in "pPNx" and i + 2 < len(p) and p[i + 2] == "{":
        end = p.find("}", i + 2)
        return len(p) if end < 0 else end + 1
    if i + 1 < len(p) and p[i + 1] in "pP" and i + 2 < len(p):
        return i + 3  # \pL
    if i + 1 < len(p) and p[i + 1] == "x":
        return min(len(p), i + 4)
    if i + 1 < len(p) and p[i + 1] == "u":
        return min(len(p), i + 6)
    return min(len(p), i + 2)


def _set_end(p: str, i: int) -> int:
    """Index after the set starting at p[i] == `[` (nested sets of regex V1 included)."""
    j, depth = i + 1, 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1  # a leading ] is literal
    while j < len(p) and depth:
        if p[j] == "\\":
            j = _escape(p, j)
            continue
        if p[j] == "[":
            depth += 1
        elif p[j] == "]":
            depth -= 1
        j += 1
    return j


def _parse(p: str, i: int = 0) -> tuple[list[list[_Item]], int]:
    """The alternatives of the sequence at p[i:] up to its closing `)` (or the end)."""
    branches: list[list[_Item]] = [[]]
    while i < len(p):
        c = p[i]
        if c == ")":
            return branches, i + 1
        if c == "|":
            branches.append([])
            i += 1
            continue
        if c == "(":
            j = i + 1
            lookaround = False
            if p.startswith("?", j):
                flags = regex.match(r"\?[a-zA-Z\-^]*\)", p[j:])
                if flags is not None:  # inline flags (?i): no content
                    i = j + flags.end()
                    continue
                named = regex.match(r"\?(?:P?<[A-Za-z_]\w*>|'[A-Za-z_]\w*'|[:>|]|[a-zA-Z\-]+:)", p[j:])
                look = regex.match(r"\?<?[=!]", p[j:])
                if look is not None:
                    j += look.end()
                    lookaround = True
                elif named is not None:
                    j += named.end()
            inner, i = _parse(p, j)
            item = _Item("empty" if lookaround else "group", branches=inner)
        elif c == "[":
            end = _set_end(p, i)
            item = _Item("atom", p[i:end])
            i = end
        elif c == "\\":
            end = _escape(p, i)
            text = p[i:end]
            kind = "empty" if text in (r"\b", r"\B", r"\A", r"\Z", r"\z", r"\G") else "atom"
            if len(text) == 2 and not text[1].isalnum():
                kind, text = "lit", text[1]  # an escaped symbol is that symbol
            item = _Item(kind, text)
            i = end
        elif c in "^$":
            item = _Item("empty", c)
            i += 1
        else:
            item = _Item("atom" if c == "." else "lit", c)
            i += 1
        q = _quantifier(p, i)
        if q is not None:
            item.lo, item.hi, i = q
        branches[-1].append(item)
    return branches, i


def _unbounded(item: _Item) -> bool:
    return item.hi is None or item.hi > UNBOUNDED_ABOVE


def _first_atoms(seq: list[_Item]) -> list[str] | None:
    """What the sequence's first character can be: literal characters and atom texts (None: it
    can match the empty string at its start, so anything after counts: treated as broad)."""
    out: list[str] = []
    for item in seq:
        if item.kind == "empty":
            continue
        if item.kind == "group":
            for b in item.branches:
                sub = _first_atoms(b)
                if sub is None:
                    return None
                out += sub
        else:
            out.append(item.text)
        if item.lo > 0:
            return out
    return None


def _may_overlap(a: str, b: str) -> bool:
    """Whether two first atoms (a literal character or an escape/set) can match one character."""
    if a in _BROAD or b in _BROAD or a == b:
        return True
    if len(a) == 1 and len(b) == 1:
        return a.lower() == b.lower()
    if len(a) == 1 or len(b) == 1:
        lit, atom = (a, b) if len(a) == 1 else (b, a)
        try:
            return regex.fullmatch(atom, lit, flags=regex.IGNORECASE) is not None
        except regex.error:
            return True
    # Two sets or escapes: a negated one overlaps nearly everything; else assume they differ
    # (\p{Han} and \d), as the probe strings check.
    return a.startswith(("[^", r"\P")) or b.startswith(("[^", r"\P"))


def _overlapping_branches(branches: list[list[_Item]]) -> bool:
    firsts = [_first_atoms(b) for b in branches]
    for x in range(len(firsts)):
        for y in range(x + 1, len(firsts)):
            fx, fy = firsts[x], firsts[y]
            if fx is None or fy is None:
                return True
            if any(_may_overlap(a, b) for a in fx for b in fy):
                return True
    return False


def backtracking_risk(pattern: str) -> str | None:
    """Why the pattern can backtrack exponentially, or None."""
    branches, _ = _parse(pattern)

    def walk(seqs: list[list[_Item]], inside_unbounded: bool) -> str | None:
        for seq in seqs:
            for item in seq:
                repeated = item.hi is None or item.hi > 1
                if inside_unbounded and repeated and item.kind != "empty":
                    return "a quantifier nested in an unbounded quantifier"
                if item.kind not in ("group", "empty"):
                    continue
                unbounded = _unbounded(item)
                if unbounded and len(item.branches) > 1 and _overlapping_branches(item.branches):
                    return "alternatives that can start with the same character under an unbounded quantifier"
                found = walk(item.branches, inside_unbounded or unbounded)
                if found:
                    return found
        return None

    return walk(branches, False)


# Runs of the characters Japanese text is made of, long enough for an exponential pattern to
# time out and short enough to be cheap for a sound one: each ends in a character that makes
# most patterns fail there (where backtracking tries every split).
_PROBE_RUNS = ("漢", "字", "あ", "ア", "ー", "1", "１", "a", " ", "\N{IDEOGRAPHIC SPACE}")
_PROBE_LENGTHS = (50, 200)
_PROBE_MIXES = ("日本語", "東京2024", "カタカナー", "ひらがな", "一二三億", "AI人工知能")


def probe_strings(pattern: str) -> list[str]:
    """Japanese probe strings for one pattern, plus runs of its own literal characters."""
    own = {c for c in regex.sub(r"\\.|\\[pPN]\{[^}]*\}", "", pattern) if c.isalnum() or c in " -._"}
    out = []
    for c in sorted(set(_PROBE_RUNS) | own):
        out += [c * n + "\x00" for n in _PROBE_LENGTHS]
    out += [m * (200 // len(m)) + "\x00" for m in _PROBE_MIXES]
    if own:
        out.append("".join(sorted(own)) * 100 + "\x00")
    return out
