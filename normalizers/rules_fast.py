"""Speed-up of the rule table, kept apart from the reference rules (`rules.py`): consecutive rules
of one `scan_group` run as one regex scan.

The four space rules (line_indent, trailing_space, japanese_space, latin_space) each scan every
document for spaces; fused, one scan finds what the four would, and each edit is still named after
the member that matched. Sound only for rules whose matches never overlap another member's nor
hold what another member's pattern reads, so that one scan finds the matches running them one
after the other would: tests/normalizers/test_fused_rules.py compares the fused table with the
rules run one by one. What it gains end to end is measured in bench/README.md (`fuse`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .alignment import Replacement
from .rules import EARLIER, Rule, TextFacts

_LEADING_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")


@dataclass(frozen=True, slots=True)
class FusedRule(Rule):
    """Several rules of one scan group as one: its pattern is the members' shared opening class
    followed by one named group per member, `[ ](?:(?P<line_indent>...)|(?P<trailing_space>...))`."""

    members: tuple[Rule, ...] = ()

    def replacements(self, text: str, facts: TextFacts | None = None) -> list[Replacement]:
        if not self.may_match(text, facts):
            return []
        branches = self.replace  # member name -> its replacement string, or its member
        if all(type(b) is str for b in branches.values()):
            return [Replacement(*m.span(), branches[m.lastgroup], m.lastgroup) for m in self.pattern.finditer(text)]
        out = []
        documents: dict[str, object] = {}  # a member's reading of this text, made when first needed
        for m in self.pattern.finditer(text):
            name = m.lastgroup
            branch = branches[name]
            if type(branch) is str:
                out.append(Replacement(*m.span(), branch, name))
                continue
            document = documents.get(name)
            if document is None:
                document = documents[name] = branch.document(text)
            value = branch.replace(m, document)
            if value is not None:
                out.append(Replacement(*m.span(), value, name))
        return out


def fuse(rules: list[Rule]) -> list[Rule]:
    """The table with each run of consecutive rules of one `scan_group` made one `FusedRule`.

    Members' patterns must open on the same character class (the regex engine then skips to it)
    and have no groups of their own, their replacements must be strings or functions of the match
    and a `document` (the match object passed is the fused pattern's: a member reads only its
    span and the text), and their prechecks character sets (the fused rule runs when any member's holds; none if a member has none)."""
    out: list[Rule] = []
    i = 0
    while i < len(rules):
        group = rules[i].scan_group
        j = i + 1
        while group is not None and j < len(rules) and rules[j].scan_group == group:
            j += 1
        members = rules[i:j]
        out.append(members[0] if len(members) == 1 else _fused(members))
        i = j
    return out


def _fused(members: list[Rule]) -> FusedRule:
    lead = _LEADING_CLASS.match(members[0].pattern.pattern)
    flags = 0
    for r in members:
        if not (
            lead and r.pattern.pattern.startswith(lead.group()) and r.pattern.groups == 0
            and (type(r.replace) is str or (callable(r.replace) and r.document is not None))
            and r.name.isidentifier() and not r.substrings and r.precheck is None
        ):
            raise ValueError(f"rule {r.name} cannot be fused into scan group {r.scan_group}")
        flags |= r.pattern.flags
    branches = "|".join(f"(?P<{r.name}>{r.pattern.pattern[lead.end():]})" for r in members)
    chars = frozenset() if any(not r.chars for r in members) else frozenset().union(*(r.chars for r in members))
    feeds = EARLIER if any(r.feeds == EARLIER for r in members) else tuple(f for r in members for f in r.feeds)
    return FusedRule(
        "+".join(r.name for r in members),
        pattern=re.compile(f"{lead.group()}(?:{branches})", flags),
        # A string replacement is used as it is; a function's member is called (with its document).
        replace={r.name: r.replace if type(r.replace) is str else r for r in members},
        doc=" Then: ".join(r.doc for r in members),
        chars=chars,
        feeds=feeds,
        members=tuple(members),
    )
