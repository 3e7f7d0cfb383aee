"""The character rules: a table of small named text-to-text fixes, each producing edits.

Each `Rule` is a regular expression and a function from a match to its replacement (None leaves
the match as it is). `CHARACTER_RULES` runs in table order; the order matters and is explained
where it does. Character tables use `\\N{...}` names so look-alike characters stay visible.

Speed: most rules cannot match most documents (no half-width kana, no control characters...).
A rule may carry a `precheck(text) -> bool`; `replacements` returns nothing at once when it is
false. The character prechecks share one scan per text (`has_chars`): a single regex over the
union of every rule's trigger characters, cached for the text object, so a clean document costs
one scan instead of one per rule.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import jaconv

from .alignment import Replacement
from .chars import (
    ALNUM, CONTROLS, FULLWIDTH_ASCII, FULLWIDTH_TO_ASCII, HALFWIDTH_KATAKANA, HYPHEN_LOOKALIKES, HYPHENS, JAPANESE,
    KANJI, KATAKANA, LATIN, LONG_VOWEL_LOOKALIKES, NEWLINES, OTHER_SPACES, SPACES, VOICEABLE_KANA, VOICED_MARKS,
    WAVE_DASH, WAVE_DASH_LOOKALIKES, expand,
)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    # The replacement of a match: a function of the match (None leaves it as it is), the
    # replacement itself when it is always the same, or a `str.translate` table for rules that
    # map characters one by one. (A replacement equal to the match is dropped by Alignment.apply.)
    replace: Callable[[re.Match[str]], str | None] | str | dict[int, int | str]
    option: str | None  # the NormalizeConfig field that switches the rule, None: always on
    doc: str
    # Cheap test: False means the pattern cannot match `text`, so the scan is skipped.
    precheck: Callable[[str], bool] | None = None
    # The EARLIER rules of the table this rule's changes can give new work (it joins two
    # characters by deleting what was between them, or makes characters they handle); EARLIER:
    # all of them. When the rule fires, those rules run again; a rule that feeds none never
    # causes another pass.
    feeds: tuple[str, ...] = ()
    # Consecutive rules of one scan group run as one regex scan (`fuse`): each only changes the
    # spans it matches, which never overlap another member's nor hold what another member's
    # pattern reads, so one scan finds the matches running them one after the other would.
    # Members' patterns open on the same character class and have no groups of their own; their
    # replacements are strings.
    scan_group: str | None = None

    def replacements(self, text: str) -> list[Replacement]:
        if self.precheck is not None and not self.precheck(text):
            return []
        name, replace, new = self.name, self.replace, tuple.__new__  # new: no Python call per tuple
        if type(replace) is str:
            return [new(Replacement, (*m.span(), replace, name)) for m in self.pattern.finditer(text)]
        if type(replace) is dict:
            return [new(Replacement, (*m.span(), m.group().translate(replace), name)) for m in self.pattern.finditer(text)]
        if type(replace) is Branches:  # a fused rule: each edit is named after the member that matched
            return [
                new(Replacement, (*m.span(), replace[m.lastgroup], m.lastgroup)) for m in self.pattern.finditer(text)
            ]
        out = []
        for m in self.pattern.finditer(text):
            value = replace(m)
            if value is not None:
                out.append(new(Replacement, (*m.span(), value, name)))
        return out


# `Rule.feeds` for a rule that can give any earlier rule new work.
EARLIER = ("*",)


class Branches(dict):
    """`Rule.replace` of a fused rule: each member's name (a named group of the fused pattern)
    -> that member's replacement."""


def member_names(rule: Rule) -> tuple[str, ...]:
    """The names of the table rules `rule` runs: its members if fused, else its own."""
    return tuple(rule.replace) if type(rule.replace) is Branches else (rule.name,)


_LEADING_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")


def fuse(rules: list[Rule]) -> list[Rule]:
    """The table with each run of consecutive rules of one `scan_group` made one rule.

    Four scans for spaces (line_indent, trailing_space, japanese_space, latin_space) cost 0.17 s
    on livedoor, the fused one 0.06 s. The fused rule runs when any member's precheck holds, feeds
    what its members feed, and opens on the members' shared class so the regex engine skips to
    it: `[ ](?:(?P<line_indent>...)|(?P<trailing_space>...)|...)`, members in table order."""
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


def _fused(members: list[Rule]) -> Rule:
    lead = _LEADING_CLASS.match(members[0].pattern.pattern)
    flags = 0
    for r in members:
        if not (lead and r.pattern.pattern.startswith(lead.group()) and r.pattern.groups == 0
                and type(r.replace) is str and r.name.isidentifier()):
            raise ValueError(f"rule {r.name} cannot be fused into scan group {r.scan_group}")
        flags |= r.pattern.flags
    branches = "|".join(f"(?P<{r.name}>{r.pattern.pattern[lead.end():]})" for r in members)
    prechecks = [r.precheck for r in members]
    feeds = EARLIER if any(r.feeds == EARLIER for r in members) else tuple(f for r in members for f in r.feeds)
    return Rule(
        "+".join(r.name for r in members),
        re.compile(f"{lead.group()}(?:{branches})", flags),
        Branches((r.name, r.replace) for r in members),
        None,
        " Then: ".join(r.doc for r in members),
        None if None in prechecks else (lambda text: any(p(text) for p in prechecks)),  # type: ignore[misc]
        feeds,
    )


# --- shared prechecks ----------------------------------------------------------------------


class _PresentScan:
    """Which of a registered set of strings occur in a text: one regex findall per distinct text
    object, the last answer kept, since the prechecks of many rules ask about the same text.
    Strings are registered while the tables are built (this module's and debris.py's); the regex
    is built at the first scan. The (text, found) pair is one tuple, replaced atomically, so
    threads sharing the module never see a text paired with another text's set."""

    __slots__ = ("strings", "_regex", "_pattern", "_last")

    def __init__(self, regex: Callable[[list[str]], str]) -> None:
        self.strings: set[str] = set()
        self._regex = regex  # the sorted strings -> the pattern that finds each of them
        self._pattern: re.Pattern[str] | None = None
        self._last: tuple[str | None, frozenset[str]] = (None, frozenset())

    def add(self, strings: frozenset[str]) -> None:
        if not strings <= self.strings:
            self.strings.update(strings)
            self._pattern, self._last = None, (None, frozenset())  # rebuilt with the new ones

    def __call__(self, text: str) -> frozenset[str]:
        last = self._last
        if last[0] is text:
            return last[1]
        if self._pattern is None:
            self._pattern = re.compile(self._regex(sorted(self.strings)))
        found = frozenset(self._pattern.findall(text))
        self._last = (text, found)
        return found

    def carry(self, old_text: str, new_text: str, written: str) -> None:
        """`new_text` is `old_text` with `written` put in: what it holds is at most what
        `old_text` held plus what `written` holds (for single characters), so the cached set is
        carried over instead of scanning again. A superset is safe: a precheck that says yes
        only costs a scan."""
        last = self._last
        if last[0] is old_text:
            self._last = (new_text, last[1] | self.strings.intersection(written) if written else last[1])


# Every character a `has_chars` precheck asks about, found by one character class.
_CHARS = _PresentScan(lambda chars: "[" + "".join(map(re.escape, chars)) + "]")
present_chars = _CHARS.__call__
# Every substring a `has_substrings` precheck asks about, found by one alternation: the debris
# rules' 20 `in` scans of a document cost 3x more.
_NEEDLES = _PresentScan(lambda needles: "|".join(map(re.escape, needles)))
present_needles = _NEEDLES.__call__


def has_chars(spec: str) -> Callable[[str], bool]:
    """Precheck: some character of the class body `spec` occurs. For rare characters only: the
    shared scan makes a string of every occurrence (common ones made it 2x slower; the rules for
    full-width punctuation and spaces have no precheck)."""
    chars = expand(spec)
    _CHARS.add(chars)
    return _gated(present_chars, chars)


def _gated(scan: Callable[[str], frozenset[str]], wanted: frozenset[str]) -> Callable[[str], bool]:
    """Precheck: something of `wanted` is in the shared `scan` of the text. Marked with both, so
    the Normalizer tests it inline (`Normalizer.apply_rules`) instead of calling the rule (see
    `gate_of`)."""
    def check(text: str) -> bool:
        return not wanted.isdisjoint(scan(text))

    check.gate = (scan, wanted)  # type: ignore[attr-defined]
    return check


def gate_of(rule: Rule) -> tuple[Callable[[str], frozenset[str]], frozenset[str]] | None:
    """(scan, wanted) when the rule's precheck is `not wanted.isdisjoint(scan(text))`, a shared
    scan; else None."""
    return getattr(rule.precheck, "gate", None)


def carry_present(old_text: str, new_text: str, replacements: list[Replacement]) -> None:
    """After `replacements` turned `old_text` into `new_text`: carry the trigger characters
    present over (`_PresentScan.carry`) instead of scanning the new text again."""
    _CHARS.carry(old_text, new_text, "".join([r.new for r in replacements]))


def has_substring(*needles: str) -> Callable[[str], bool]:
    """Precheck: one of these substrings occurs (str `in` is a fast memchr-style search)."""
    return lambda text: any(map(text.__contains__, needles))  # no Python frame per needle


def _overlapping(needles: set[str]) -> list[tuple[str, str]]:
    """Pairs where one needle holds the other or ends with the other's start: findall's matches
    never overlap, so one could hide the other and the found set would be short of it."""
    return [
        (a, b)
        for a in needles
        for b in needles
        if a != b and (b in a or any(a.endswith(b[:k]) for k in range(1, len(b))))
    ]


def has_substrings(*needles: str) -> Callable[[str], bool]:
    """`has_substring` through one shared scan per text: for rules that check many needles, or
    the same needles as another rule, on the same text (the debris rules)."""
    wanted = frozenset(needles)
    # Checked here, when the rule is defined (at import), not at the first document.
    if clash := _overlapping(_NEEDLES.strings | wanted):
        raise ValueError(f"has_substrings needles overlap, the shared scan would miss one: {clash}")
    _NEEDLES.add(wanted)
    return _gated(present_needles, wanted)


# --- rule-specific tables ------------------------------------------------------------------

# jaconv.h2z composes ｶﾞ but leaves a mark with nothing to compose with (ｱﾞ, a lone ﾞ) half-width:
# it becomes the full-width spacing mark, which the voiced_mark rule then composes if it can.
_STRAY_HALFWIDTH_MARKS = str.maketrans(
    {
        "\N{HALFWIDTH KATAKANA VOICED SOUND MARK}": "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}",
        "\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}": "\N{KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}",
    }
)

# Spacing marks to their combining forms, which NFC composes with a preceding kana.
_COMBINING = {
    "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}": "\N{COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK}",
    "\N{KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}": "\N{COMBINING KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}",
}


def _halfwidth_katakana(m: re.Match[str]) -> str:
    return jaconv.h2z(m.group(), kana=True, ascii=False, digit=False).translate(_STRAY_HALFWIDTH_MARKS)


def _compose_voiced(m: re.Match[str]) -> str | None:
    base, mark = m.group(1), m.group(2)
    composed = unicodedata.normalize("NFC", base + _COMBINING.get(mark, mark))
    return composed if len(composed) == 1 else None


_KATAKANA_CHARS = expand(KATAKANA)
_KANJI = re.compile(f"[{KANJI}]")


def _long_vowel(m: re.Match[str]) -> str | None:
    text, i, dash = m.string, m.start(), m.group()
    nxt = text[m.end() : m.end() + 1]
    # A true hyphen before a kanji joins words (アサヒビール‐公式サイト, livedoor); a minus sign
    # there is a long-vowel mark (バッテリ−切れ), so only the hyphens are spared.
    if dash in HYPHENS and _KANJI.match(nxt):
        return None
    # The same dash before the katakana word: a pair enclosing a subtitle (SHAME −シェイム−』);
    # unless that dash follows katakana itself, when it is a long-vowel mark too (カ‐カ‐).
    j = i - 1
    while j >= 0 and text[j] in _KATAKANA_CHARS:
        j -= 1
    if j >= 0 and text[j] == dash and not (j > 0 and text[j - 1] in _KATAKANA_CHARS):
        return None
    return "\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}"


def _nfkc_class() -> str:
    """Characters whose NFKC form differs and is safe to substitute (no spaces or combining marks
    introduced, not handled by another rule)."""
    chars = []
    for cp in range(0xA0, 0x10000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000 or 0xFF01 <= cp <= 0xFF9F:
            continue
        k = unicodedata.normalize("NFKC", c)
        if k != c and k.strip() == k and not any(unicodedata.combining(x) for x in k):
            chars.append(re.escape(c))
    return "".join(chars)


_NFKC_PATTERN: re.Pattern[str] | None = None


def _nfkc_pattern() -> re.Pattern[str]:
    global _NFKC_PATTERN
    if _NFKC_PATTERN is None:
        _NFKC_PATTERN = re.compile(f"[{_nfkc_class()}]+")
    return _NFKC_PATTERN


class _LazyNFKCPattern:
    """Builds the NFKC character class only when the option is used (it scans the BMP once)."""

    def finditer(self, text: str):
        return _nfkc_pattern().finditer(text)


def _document_edges(text: str) -> bool:
    return text[:1] == "\n" or text[-1:] == "\n"


CHARACTER_RULES: list[Rule] = [
    Rule(
        "newline",
        re.compile(f"\r\n?|[{NEWLINES[1:]}]"),
        "\n",
        None,
        "CRLF, lone CR, NEL (U+0085) and Unicode line separators become LF.",
        has_chars(NEWLINES),
    ),
    Rule(
        "bom",
        re.compile("\N{ZERO WIDTH NO-BREAK SPACE}+"),
        "",
        None,
        "Byte order marks (anywhere: concatenated files carry them mid-text) are removed.",
        has_chars("\N{ZERO WIDTH NO-BREAK SPACE}"),
        feeds=EARLIER,
    ),
    Rule(
        "control_chars",
        re.compile(f"[{CONTROLS}]+"),
        "",
        None,
        "NUL, other C0/C1 controls, soft hyphens, zero-width spaces and bidi marks are removed.",
        has_chars(CONTROLS),
        feeds=EARLIER,
    ),
    # Before voiced_mark: it turns a stray half-width ﾞ into ゛, which voiced_mark composes.
    Rule(
        "halfwidth_katakana",
        re.compile(f"[{HALFWIDTH_KATAKANA}]+"),
        _halfwidth_katakana,
        "halfwidth_katakana",
        "Half-width katakana and punctuation become full-width, voiced marks composed (ｶﾞ → ガ).",
        has_chars(HALFWIDTH_KATAKANA),
    ),
    Rule(
        "voiced_mark",
        re.compile(f"([{VOICEABLE_KANA}])([{VOICED_MARKS}])"),
        _compose_voiced,
        "halfwidth_katakana",
        "A kana followed by a separate or combining voiced mark becomes the precomposed kana "
        "(か + ゛ → が, カ + ﾞ → ガ); marks that compose with nothing stay.",
        has_chars(VOICED_MARKS),
    ),
    Rule(
        "nfkc_compat",
        _LazyNFKCPattern(),  # type: ignore[arg-type]
        lambda m: unicodedata.normalize("NFKC", m.group()),
        "nfkc_compat",
        "Compatibility characters folded with NFKC (① → 1, ㈱ → (株)). Off by default.",
        feeds=EARLIER,
    ),
    # Before fullwidth_ascii, which would make a full-width hyphen-minus after katakana ASCII.
    Rule(
        "long_vowel_mark",
        # Not before an ASCII hyphen either: fullwidth_ascii, later, makes one of the look-alike
        # －, and the rule must not see the pair differently on a second pass (カ‐－).
        re.compile(f"[{LONG_VOWEL_LOOKALIKES}](?<=[{KATAKANA}].)(?![{LONG_VOWEL_LOOKALIKES}{ALNUM}\\-])"),
        _long_vowel,
        "resolve_dashes",
        "A single dash look-alike after katakana is the long-vowel mark (サーバ― → サーバー, "
        "コンピュ－タ → コンピュータ); doubled dashes (――) are punctuation and stay, and a dash "
        "before a Latin letter or digit is a hyphen or a sign; so are a hyphen before a kanji "
        "(ビール‐公式) and a pair of dashes around a katakana word (−シェイム−).",
        has_chars(LONG_VOWEL_LOOKALIKES),
    ),
    Rule(
        "fullwidth_ascii",
        re.compile(f"[{FULLWIDTH_ASCII}]+"),
        FULLWIDTH_TO_ASCII,
        "fullwidth_ascii",
        "Full-width ASCII letters, digits and symbols become ASCII (Ａ１！ → A1!).",
        # No precheck: 97% of livedoor's documents hold one (（）！：？), and in the shared scan
        # (`has_chars`) these common characters were most of its matches, a string each.
    ),
    Rule(
        "latin_hyphen",
        re.compile(f"[{HYPHEN_LOOKALIKES}](?<=[A-Za-z0-9].)(?=[A-Za-z0-9])"),
        "-",
        "resolve_dashes",
        "A hyphen, en dash or minus sign between Latin letters or digits is an ASCII hyphen "
        "(GPT‐4 → GPT-4). A minus sign before a number elsewhere stays: it is a sign.",
        has_chars(HYPHEN_LOOKALIKES),
    ),
    Rule(
        "wave_dash",
        re.compile(f"[{WAVE_DASH_LOOKALIKES}]"),
        WAVE_DASH,
        "unify_tildes",
        "Full-width tilde, tilde operator and swung dash become the wave dash 〜 (never deleted).",
        has_chars(WAVE_DASH_LOOKALIKES),
    ),
    Rule(
        "tilde_range",
        re.compile(
            f"(?<=[0-9\N{IDEOGRAPHIC NUMBER ZERO}一二三四五六七八九十百千万億兆])[{SPACES}]*+~[{SPACES}]*+(?=[0-9$¥])"
        ),
        WAVE_DASH,
        "unify_tildes",
        "An ASCII tilde between numbers is a range: 70,000 ~ 100,000 → 70,000〜100,000.",
        has_substring("~"),
    ),
    # The layout of spaces: indents and line ends first, so the spacing rules below only see
    # spaces inside a line. The four take disjoint runs of spaces (at a line start, at a line
    # end, next to Japanese, between other non-spaces, in that order of precedence) and read
    # only the run and the characters on either side, which no other of them changes: one scan
    # finds them all (scan_group).
    # No prechecks: nearly every document holds a space (U+3000 or ASCII), and the ideographic
    # spaces were a quarter of the shared scan's (`has_chars`) matches; the fused scan skips to
    # the spaces as fast.
    Rule(
        "line_indent",
        # Starts with a class so the regex engine skips to spaces; the lookbehind then asks for
        # a line start (nothing, or a newline, before the first space).
        re.compile(f"[{SPACES}](?<![^\\n].)[{SPACES}]*+(?=\\S)"),
        "",
        "strip_line_indent",
        "Leading spaces of a line go (the U+3000 paragraph indent).",
        scan_group="spaces",
    ),
    Rule(
        "trailing_space",
        # From the first space of a run only (the lookbehind), possessive: linear on long runs.
        re.compile(f"[{SPACES}](?<![{SPACES}].)[{SPACES}]*+$", re.M),
        "",
        None,
        "Spaces at the end of a line (and lines of spaces only) go.",
        scan_group="spaces",
    ),
    # Both branches start with a space so the regex engine can skip ahead to spaces; the
    # lookbehinds then look at the character before the run.
    Rule(
        "japanese_space",
        re.compile(
            f"[{SPACES}](?:(?<=[{JAPANESE}].)[{SPACES}]*+(?=[{JAPANESE}{LATIN}])"
            f"|(?<=[{LATIN}].)[{SPACES}]*+(?=[{JAPANESE}]))"
        ),
        "",
        "remove_japanese_spaces",
        "Spaces between Japanese characters, or between Japanese and a digit or Latin word, go "
        "(7 月 22 日 → 7月22日, Microsoft と → Microsoftと). Spaces next to bullets, emoji or "
        "dashes stay.",
        # A removed space can join a kana and a spacing voiced mark (ｶ ﾞ → カ ゛ → カ゛). No other
        # earlier rule looks at a neighbour that can be a Japanese or Latin character.
        feeds=("voiced_mark",),
        scan_group="spaces",
    ),
    Rule(
        "latin_space",
        # Two or more ASCII spaces, or any run holding another space, between non-spaces. It
        # starts with a class so the regex engine skips to spaces (as the rule above).
        re.compile(
            f"[{SPACES}](?<=\\S.)"
            f"(?:(?<= ) ++[{SPACES}]*+|(?<= )[{OTHER_SPACES}][{SPACES}]*+|(?<=[{OTHER_SPACES}])[{SPACES}]*+)(?=\\S)"
        ),
        " ",
        None,
        "Between Latin words, a run of spaces (or a no-break or ideographic space) is one space.",
        scan_group="spaces",
    ),
]

# Run after the debris rules, which can leave blank lines behind.
LAYOUT_RULES: list[Rule] = [
    Rule(
        "blank_lines",
        # Spelled with a literal prefix (not \n{3,}): the regex engine then searches for the
        # three newlines at C speed instead of trying a match at every character, 5x faster.
        re.compile("\n\n\n+"),
        "\n\n",
        "collapse_blank_lines",
        "Runs of blank lines become one blank line.",
        has_substring("\n\n\n"),
    ),
    Rule(
        "document_edges",
        re.compile("\\A\n+|\n+\\Z"),
        "",
        None,
        "Blank lines at the start and end of the document go.",
        _document_edges,
    ),
]
