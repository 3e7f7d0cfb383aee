"""The character rules: a table of small named text-to-text fixes, each producing edits.

Each `Rule` is a regular expression and what a match becomes (a string, a `str.translate` table,
or a function of the match returning the replacement, None to leave the match as it is), with a
doc that gives an example. `CHARACTER_RULES` runs in table order; the order matters and is
explained where it does. The character classes come from `chars.py`.

Prechecks: most rules cannot match most documents (no half-width kana, no control characters...).
A rule names the characters (`chars`) or substrings (`substrings`) it needs; `TriggerScan`
(triggers.py), built once for a table, finds which of them a text holds in one pass over it,
and the `TextFacts` it returns is handed to every rule (`Rule.replacements(text, facts)`), so a
clean document costs one scan instead of one per rule. Nothing is kept between texts: the facts
belong to one text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import KW_ONLY, dataclass
from typing import Any, Callable, Final, Iterable

import jaconv

from .alignment import Change
from .chars import (
    ALNUM, CONTROLS, FULLWIDTH_ASCII, FULLWIDTH_TO_ASCII, HALFWIDTH_KATAKANA, HYPHEN_LOOKALIKES, HYPHENS, JAPANESE,
    KANJI, KATAKANA, LATIN, LONG_VOWEL_LOOKALIKES, NEWLINES, OTHER_SPACES, SPACES, SURROGATES, VOICEABLE_KANA, VOICED_MARKS,
    WAVE_DASH, WAVE_DASH_LOOKALIKES, bmp_runs, expand,
)
from .spacing import SpacedDocument, decide
from .triggers import TextFacts, TriggerScan, line_windows, moved_runs, overlapping  # noqa: F401 (the rules' API)

# `Rule.feeds` for a rule that can give any earlier rule new work.
EARLIER = ("*",)

# A rule's replacement function: `replace(match)`, or `replace(match, document)` for a rule that
# names a `document` factory; returns the replacement, or None to leave the match as it is.
ReplaceFunction = Callable[..., "str | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    _: KW_ONLY
    pattern: re.Pattern[str]
    # The replacement of a match: the replacement itself when it is always the same, a
    # `str.translate` table for rules that map characters one by one, or a function of the match
    # (and of `document`, when the rule names one) giving the replacement, None to leave the
    # match as it is. (A replacement equal to the match is dropped by Alignment.apply.)
    replace: str | dict[int, int | str] | ReplaceFunction
    doc: str
    option: str | None = None  # the NormalizeConfig field that switches the rule, None: always on
    # Prechecks: the pattern cannot match a text holding none of `chars` (a class body, for rare
    # characters only: the shared scan makes a string per occurrence) or none of `substrings`,
    # or for which `precheck(text)` is False.
    chars: frozenset[str] = frozenset()
    substrings: frozenset[str] = frozenset()
    precheck: Callable[[str], bool] | None = None
    # The EARLIER rules of the table this rule's changes can give new work (it joins two
    # characters by deleting what was between them, or makes characters they handle); EARLIER:
    # all of them. When the rule fires, those rules run again; a rule that feeds none never
    # causes another pass.
    feeds: tuple[str, ...] = ()
    # A reading of the whole text a function `replace` needs besides its match (the space rule:
    # is the document a spaced translation?): made once per text (`document(text)`, cheap: it
    # computes what is asked when first asked) and passed as `replace(match, document)`;
    # `document(window, whole)` reads a window of whole lines of a text whose reading is `whole`;
    # `document(text, None, runs)` is given the text's runs of `runs_of` when they are known.
    document: Callable[..., Any] | None = None
    # A class body (chars.py): every match of the pattern starts where a maximal run of its
    # characters starts (it opens on the class, a lookbehind keeps it from starting inside one).
    # The shared scan finds those runs (`TextFacts.runs`); the pattern is tried there only.
    runs_of: str = ""
    # With `runs_of`: `run_precheck(text, start, end)` False means the pattern cannot match at
    # the run text[start:end] (a run at no line end for trailing_space): no regex call there.
    run_precheck: RunPrecheck | None = None
    # Every match of the pattern is a whole maximal run of `runs_of`, and every run is a match
    # unless `run_precheck` refuses it (the precheck is then exact: fullwidth_ascii's pattern is
    # `[runs_of]+`, trailing_space's a run ending its line): given the runs, the rule takes the
    # runs its precheck lets through as its matches' spans, no regex call. A function `replace`
    # of such a rule is given the span: `replace(text, start, end[, document])`.
    whole_runs: bool = False

    def may_match(self, text: str, facts: TextFacts | None = None) -> bool:
        """The prechecks: False means the pattern cannot match `text`. `facts`: the text's
        trigger facts when the caller has them (else the text is searched directly)."""
        if self.chars:
            found = facts.chars if facts is not None else self.chars.intersection(text)
            if self.chars.isdisjoint(found):
                return False
        if self.substrings:
            if facts is not None:
                if self.substrings.isdisjoint(facts.substrings()):
                    return False
            elif not any(map(text.__contains__, self.substrings)):
                return False
        return self.precheck is None or self.precheck(text)

    def replacements(self, text: str, facts: TextFacts | None = None, document: Any = None) -> list[Change]:
        """The rule's changes to `text` (sorted, disjoint), each named after the rule: plain
        (start, end, new, rule) tuples, `Replacement`'s fields (`alignment.Change`).
        `document`: the reading a rule that names a `document` factory gets, when the caller
        made it (a window's, answering for the whole text); else made here from `text`."""
        if not self.may_match(text, facts):
            return []
        name, replace = self.name, self.replace
        runs = facts.runs.get(self.runs_of) if facts is not None and self.runs_of and facts.text is text else None
        if self.whole_runs:
            return self._run_replacements(text, runs, document)
        matches = self.pattern.finditer(text) if runs is None else matches_at(self.pattern, text, runs, self.run_precheck)
        if isinstance(replace, str):
            return [(m.start(), m.end(), replace, name) for m in matches]
        if isinstance(replace, dict):
            return [(m.start(), m.end(), m.group().translate(replace), name) for m in matches]
        out: list[Change] = []
        if self.document is not None:
            if document is None:
                document = self.document(text) if runs is None else self.document(text, None, runs)
            for m in matches:
                value = replace(m, document)
                if value is not None:
                    out.append((m.start(), m.end(), value, name))
            return out
        for m in matches:
            value = replace(m)
            if value is not None:
                out.append((m.start(), m.end(), value, name))
        return out

    def _run_replacements(self, text: str, runs: list[tuple[int, int]] | None, document: Any) -> list[Change]:
        """`replacements` of a rule of `whole_runs`: its matches are the runs its run precheck
        lets through (`run_spans`), or, when the runs are not known, its search's matches."""
        name, replace = self.name, self.replace
        if runs is None:
            spans = [m.span() for m in self.pattern.finditer(text)]
        else:
            spans = run_spans(self.pattern, text, runs, self.run_precheck)
        if isinstance(replace, str):
            return [(start, end, replace, name) for start, end in spans]
        if isinstance(replace, dict):
            return [(start, end, text[start:end].translate(replace), name) for start, end in spans]
        out: list[Change] = []
        if self.document is not None and document is None:
            document = self.document(text) if runs is None else self.document(text, None, runs)
        for start, end in spans:
            value = replace(text, start, end) if self.document is None else replace(text, start, end, document)
            if value is not None:
                out.append((start, end, value, name))
        return out


def matches_at(
    pattern: re.Pattern[str],
    text: str,
    runs: list[tuple[int, int]],
    run_precheck: RunPrecheck | None = None,
) -> list[Any]:
    """`pattern.finditer(text)`'s matches, for a pattern whose every match starts where one of
    `runs` (sorted) starts (`Rule.runs_of`): tried there only, as finditer would, and only at
    the runs `run_precheck` (`Rule.run_precheck`) does not rule out."""
    out = []
    end = 0
    match = pattern.match
    for start, run_end in runs:
        if start >= end and (run_precheck is None or run_precheck.holds(text, start, run_end)):
            m = match(text, start)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


def run_spans(
    pattern: re.Pattern[str],
    text: str,
    runs: list[tuple[int, int]],
    run_precheck: RunPrecheck | None = None,
) -> list[tuple[int, int]]:
    """The spans of `pattern.finditer(text)`'s matches for a pattern whose every match is a
    whole maximal run of its class and whose runs are `runs` (`Rule.whole_runs`): the runs
    themselves, those `run_precheck` lets through when it is given."""
    if run_precheck is None:
        return runs
    return [(start, end) for start, end in runs if run_precheck.holds(text, start, end)]


# What the space rules' patterns ask of the characters on either side of a run of spaces, as a
# kind per code point: a byte read in their run prechecks instead of a regex call per run
# (~2,000 instructions). `_neighbour` reads it.
_OTHER: Final = 0
_JAPANESE: Final = 1
_LATIN: Final = 2
_WHITESPACE: Final = 3
_NEIGHBOUR_CLASSES: Final = [(JAPANESE, _JAPANESE), (LATIN, _LATIN), ("\\s", _WHITESPACE)]
_BMP_SIZE: Final = 0x10000


def _kind_table(classes: list[tuple[str, int]]) -> bytes:
    """Per code point of the BMP, the kind of the class (a class body, chars.py) that holds it,
    else _OTHER; the classes must be disjoint."""
    table = bytearray(_BMP_SIZE)
    for body, kind in classes:
        for start, end in bmp_runs(body):
            if any(table[start:end]):
                raise ValueError(f"character classes overlap at U+{start:04X}")
            table[start:end] = bytes([kind]) * (end - start)
    return bytes(table)


_NEIGHBOURS: Final = _kind_table(_NEIGHBOUR_CLASSES)
# Beyond the BMP (rare), each class is asked by its regex.
_NEIGHBOURS_BEYOND: Final = [(re.compile(f"[{body}]"), kind) for body, kind in _NEIGHBOUR_CLASSES]


def _neighbour(text: str, i: int) -> int:
    """The kind of text[i] (`_NEIGHBOUR_CLASSES`)."""
    c = ord(text[i])
    if c < _BMP_SIZE:
        return _NEIGHBOURS[c]
    for pattern, kind in _NEIGHBOURS_BEYOND:
        if pattern.match(text, i):
            return kind
    return _OTHER


class RunPrecheck:
    """A condition on a run text[start:end] of a rule's `runs_of` (`Rule.run_precheck`): False
    means the rule's pattern cannot match there. A class with a method, not a function: the
    compiled rules call `holds` directly, where a function held in a field is called through
    Python (~1,000 instructions a run)."""

    def holds(self, text: str, start: int, end: int) -> bool:
        raise NotImplementedError

    def __call__(self, text: str, start: int, end: int) -> bool:
        return self.holds(text, start, end)


class EndsALine(RunPrecheck):
    """trailing_space's (exact): the run ends its line (`$` with re.M)."""

    def holds(self, text: str, start: int, end: int) -> bool:
        return end == len(text) or text[end] == "\n"


class NextToJapanese(RunPrecheck):
    """japanese_space's (exact, its pattern's lookarounds): a Japanese character before the run
    and a Japanese or Latin one after it, or a Latin one before and a Japanese one after."""

    def holds(self, text: str, start: int, end: int) -> bool:
        if start == 0 or end == len(text):
            return False
        left, right = _neighbour(text, start - 1), _neighbour(text, end)
        if left == _JAPANESE:
            return right == _JAPANESE or right == _LATIN
        return left == _LATIN and right == _JAPANESE


class BetweenWords(RunPrecheck):
    """latin_space's (exact): the run is not one ASCII space (none of its three branches starts
    so), and the characters on either side are neither whitespace nor Japanese."""

    def holds(self, text: str, start: int, end: int) -> bool:
        if (end - start == 1 and text[start] == " ") or start == 0 or end == len(text):
            return False
        left, right = _neighbour(text, start - 1), _neighbour(text, end)
        return left != _JAPANESE and left != _WHITESPACE and right != _JAPANESE and right != _WHITESPACE


def has_substring(*needles: str) -> Callable[[str], bool]:
    """Precheck: one of these substrings occurs (str `in` is a fast memchr-style search)."""
    if len(needles) == 1:
        needle = needles[0]
        return lambda text: needle in text  # one needle: no map nor bound method per call
    return lambda text: any(map(text.__contains__, needles))  # no Python frame per needle


# --- rule-specific tables ------------------------------------------------------------------

# jaconv.h2z composes ｶﾞ but leaves a mark with nothing to compose with (ｱﾞ, a lone ﾞ) half-width:
# it becomes the full-width spacing mark, which the voiced_mark rule then composes if it can.
_STRAY_HALFWIDTH_MARKS = str.maketrans(
    {
        "\N{HALFWIDTH KATAKANA VOICED SOUND MARK}": "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}",
        "\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}": "\N{KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}",
    }
)

_VOICEABLE = re.compile(f"[{VOICEABLE_KANA}]")
# Spacing marks to their combining forms, which NFC composes with a preceding kana.
_COMBINING = {
    "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}": "\N{COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK}",
    "\N{KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}": "\N{COMBINING KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}",
}


def _halfwidth_katakana(m: re.Match[str]) -> str:
    """A run of half-width katakana, full-width, voiced marks composed: ｶﾞｲﾄﾞ → ガイド, ｱﾞ → ア゛."""
    return jaconv.h2z(m.group(), kana=True, ascii=False, digit=False).translate(_STRAY_HALFWIDTH_MARKS)


# How far back on its line a spacing ゛ looks for the ゛ that opened a quote (issue 18).
_QUOTE_MARK_WINDOW = 40


def _closes_a_quote(text: str, pos: int) -> bool:
    """Whether the spacing ゛ at pos closes a pair used as quotation marks (`。゛取り巻き゛という`):
    an earlier ゛ on its line follows no kana it could voice. Composing it would change the word
    (取り巻ぎ)."""
    line_start = max(text.rfind("\n", 0, pos) + 1, pos - _QUOTE_MARK_WINDOW)
    opening = text.rfind("\N{KATAKANA-HIRAGANA VOICED SOUND MARK}", line_start, pos)
    return opening >= 0 and (opening == 0 or _VOICEABLE.match(text, opening - 1) is None)


def _compose_voiced(m: re.Match[str]) -> str | None:
    """A kana and a voiced mark after it, precomposed: か + ゛ → が; None when they do not compose (あ゛)
    or when the mark closes a pair of ゛ used as quotation marks."""
    base, mark = m.group(1), m.group(2)
    if mark == "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}" and _closes_a_quote(m.string, m.start(2)):
        return None
    composed = unicodedata.normalize("NFC", base + _COMBINING.get(mark, mark))
    return composed if len(composed) == 1 else None


_KATAKANA_CHARS = expand(KATAKANA)
_KANJI = re.compile(f"[{KANJI}]")


def _long_vowel(m: re.Match[str]) -> str | None:
    """A dash look-alike after katakana, as the long-vowel mark: サーバ― → サーバー; None where
    the dash is a hyphen or a bracket (ビール‐公式, −シェイム−)."""
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


class _LazyNFKCPattern:
    """Builds the NFKC character class only when the option is used (it scans the BMP once)."""

    def __init__(self) -> None:
        self._compiled: re.Pattern[str] | None = None

    def finditer(self, text: str):
        if self._compiled is None:
            self._compiled = re.compile(f"[{_nfkc_class()}]+")
        return self._compiled.finditer(text)


def _document_edges(text: str) -> bool:
    """Precheck of document_edges: the text starts or ends with a line break."""
    return text[:1] == "\n" or text[-1:] == "\n"


def _translator_space(text: str, start: int, end: int, document: SpacedDocument) -> str | None:
    return "" if decide(text, start, end, document) else None


CHARACTER_RULES: list[Rule] = [
    Rule(
        "lone_surrogate",
        pattern=re.compile(f"[{SURROGATES}]+"),
        replace=lambda m: "\N{REPLACEMENT CHARACTER}" * len(m.group()),
        doc="A lone surrogate becomes U+FFFD, so the output is always valid UTF-8 (ingest rejects "
        "such documents upstream; this keeps the normalizer total).",
        chars=expand(SURROGATES),
    ),
    Rule(
        "newline",
        pattern=re.compile(f"\r\n?|[{NEWLINES[1:]}]"),
        replace="\n",
        doc="CRLF, lone CR, NEL (U+0085) and Unicode line separators become LF.",
        chars=expand(NEWLINES),
    ),
    Rule(
        "bom",
        pattern=re.compile("\N{ZERO WIDTH NO-BREAK SPACE}+"),
        replace="",
        doc="Byte order marks (anywhere: concatenated files carry them mid-text) are removed.",
        chars=expand("\N{ZERO WIDTH NO-BREAK SPACE}"),
        feeds=EARLIER,
    ),
    Rule(
        "control_chars",
        pattern=re.compile(f"[{CONTROLS}]+"),
        replace="",
        doc="NUL, other C0/C1 controls, soft hyphens, zero-width spaces and bidi marks are removed.",
        chars=expand(CONTROLS),
        feeds=EARLIER,
    ),
    # Before voiced_mark: it turns a stray half-width ﾞ into ゛, which voiced_mark composes.
    Rule(
        "halfwidth_katakana",
        pattern=re.compile(f"[{HALFWIDTH_KATAKANA}]+"),
        replace=_halfwidth_katakana,
        option="halfwidth_katakana",
        doc="Half-width katakana and punctuation become full-width, voiced marks composed (ｶﾞ → ガ).",
        chars=expand(HALFWIDTH_KATAKANA),
    ),
    Rule(
        "voiced_mark",
        pattern=re.compile(f"([{VOICEABLE_KANA}])([{VOICED_MARKS}])"),
        replace=_compose_voiced,
        option="halfwidth_katakana",
        doc="A kana followed by a separate or combining voiced mark becomes the precomposed kana "
        "(か + ゛ → が, カ + ﾞ → ガ); marks that compose with nothing stay.",
        chars=expand(VOICED_MARKS),
    ),
    Rule(
        "nfkc_compat",
        pattern=_LazyNFKCPattern(),  # type: ignore[arg-type]
        replace=lambda m: unicodedata.normalize("NFKC", m.group()),
        option="nfkc_compat",
        doc="Compatibility characters folded with NFKC (① → 1, ㈱ → (株)). Off by default.",
        feeds=EARLIER,
    ),
    # Before fullwidth_ascii, which would make a full-width hyphen-minus after katakana ASCII.
    Rule(
        "long_vowel_mark",
        # Not before an ASCII hyphen either: fullwidth_ascii, later, makes one of the look-alike
        # －, and the rule must not see the pair differently on a second pass (カ‐－).
        pattern=re.compile(f"[{LONG_VOWEL_LOOKALIKES}](?<=[{KATAKANA}].)(?![{LONG_VOWEL_LOOKALIKES}{ALNUM}\\-])"),
        replace=_long_vowel,
        option="resolve_dashes",
        doc="A single dash look-alike after katakana is the long-vowel mark (サーバ― → サーバー, "
        "コンピュ－タ → コンピュータ); doubled dashes (――) are punctuation and stay, and a dash "
        "before a Latin letter or digit is a hyphen or a sign; so are a hyphen before a kanji "
        "(ビール‐公式) and a pair of dashes around a katakana word (−シェイム−).",
        chars=expand(LONG_VOWEL_LOOKALIKES),
    ),
    Rule(
        "fullwidth_ascii",
        pattern=re.compile(f"[{FULLWIDTH_ASCII}]+"),
        replace=FULLWIDTH_TO_ASCII,
        runs_of=FULLWIDTH_ASCII,
        whole_runs=True,
        option="fullwidth_ascii",
        doc="Full-width ASCII letters, digits and symbols become ASCII (Ａ１！ → A1!).",
        # No precheck: nearly every document holds one (（）！：？), and in the shared scan
        # (`Rule.chars`) these common characters were most of its matches, a string each.
    ),
    Rule(
        "latin_hyphen",
        pattern=re.compile(f"[{HYPHEN_LOOKALIKES}](?<=[A-Za-z0-9].)(?=[A-Za-z0-9])"),
        replace="-",
        option="resolve_dashes",
        doc="A hyphen, en dash or minus sign between Latin letters or digits is an ASCII hyphen "
        "(GPT‐4 → GPT-4). A minus sign before a number elsewhere stays: it is a sign.",
        chars=expand(HYPHEN_LOOKALIKES),
    ),
    Rule(
        "wave_dash",
        pattern=re.compile(f"[{WAVE_DASH_LOOKALIKES}]"),
        replace=WAVE_DASH,
        option="unify_tildes",
        doc="Full-width tilde, tilde operator and swung dash become the wave dash 〜 (never deleted).",
        chars=expand(WAVE_DASH_LOOKALIKES),
    ),
    Rule(
        "tilde_range",
        pattern=re.compile(
            f"(?<=[0-9\N{IDEOGRAPHIC NUMBER ZERO}一二三四五六七八九十百千万億兆])[{SPACES}]*+~[{SPACES}]*+(?=[0-9$¥])"
        ),
        replace=WAVE_DASH,
        option="unify_tildes",
        doc="An ASCII tilde between numbers is a range: 70,000 ~ 100,000 → 70,000〜100,000.",
        precheck=has_substring("~"),
    ),
    # The layout of spaces: indents and line ends first, so the spacing rules below only see
    # spaces inside a line. The four take disjoint runs of spaces (at a line start, at a line
    # end, next to Japanese, between other non-spaces, in that order of precedence) and read
    # only the run, the characters on either side and the document (japanese_space: its lines
    # and whether it is a spaced translation, `spacing.py`), which no other of them changes in a
    # way that matters (they change no line's phrase reading and none of the evidence).
    # No prechecks: nearly every document holds a space (U+3000 or ASCII), and the ideographic
    # spaces were a quarter of the shared scan's (`Rule.chars`) matches; each pattern opens on
    # the space class, so its scan skips to the spaces as fast. (They ran as one fused scan,
    # `rules_fast.fuse`, until it measured under 3% end to end: bench/README.md.)
    Rule(
        "line_indent",
        # Starts with a class so the regex engine skips to spaces; the lookbehind then asks for
        # a line start (nothing, or a newline, before the first space).
        runs_of=SPACES,
        pattern=re.compile(f"[{SPACES}](?<![^\\n].)[{SPACES}]*+(?=\\S)"),
        replace="",
        option="strip_line_indent",
        doc="Leading spaces of a line go (the U+3000 paragraph indent). Off by default: the "
        "labelled spaces (SPACES.md) say indentation is layout a reader keeps.",
    ),
    Rule(
        "trailing_space",
        # From the first space of a run only (the lookbehind), possessive: linear on long runs.
        runs_of=SPACES,
        pattern=re.compile(f"[{SPACES}](?<![{SPACES}].)[{SPACES}]*+$", re.M),
        run_precheck=EndsALine(),
        whole_runs=True,
        replace="",
        doc="Spaces at the end of a line (and lines of spaces only) go.",
    ),
    # Both branches start with a space so the regex engine can skip ahead to spaces; the
    # lookbehinds then look at the character before the run. The pattern finds the candidates,
    # `spacing.decide` says which of them a translator put there.
    Rule(
        "japanese_space",
        runs_of=SPACES,
        pattern=re.compile(
            f"[{SPACES}](?:(?<=[{JAPANESE}].)[{SPACES}]*+(?=[{JAPANESE}{LATIN}])"
            f"|(?<=[{LATIN}].)[{SPACES}]*+(?=[{JAPANESE}]))"
        ),
        run_precheck=NextToJapanese(),
        whole_runs=True,
        replace=_translator_space,
        document=SpacedDocument,
        option="remove_japanese_spaces",
        doc="A translator's space next to Japanese goes, a space between phrases stays "
        "(spacing.py): always inside a number and its counter, between a Latin word and a "
        "particle, after 「、。 and before 」、。 (7 月 22 日 → 7月22日, Microsoft と → Microsoftと); "
        "other spaces inside a sentence only in a spaced translation; never after ！？ before a "
        "new sentence, nor in headlines, list items, tables and bylines (「5兆ドル」超え AIブーム, "
        "織田昌大 アクセス). Spaces next to bullets, emoji or dashes stay.",
        # A removed space can join a kana and a spacing voiced mark (ｶ ﾞ → カ ゛ → カ゛). No other
        # earlier rule looks at a neighbour that can be a Japanese or Latin character.
        feeds=("voiced_mark",),
    ),
    Rule(
        "latin_space",
        # Two or more ASCII spaces, or any run holding another space, between non-spaces that
        # are not Japanese: a run next to Japanese is japanese_space's, which keeps a separator
        # as it was written (`復活\u3000200万円台`). It starts with a class so the regex engine
        # skips to spaces (as the rule above).
        runs_of=SPACES,
        pattern=re.compile(
            f"[{SPACES}](?<=[^\\s{JAPANESE}].)"
            f"(?:(?<= ) ++[{SPACES}]*+|(?<= )[{OTHER_SPACES}][{SPACES}]*+|(?<=[{OTHER_SPACES}])[{SPACES}]*+)"
            f"(?=[^\\s{JAPANESE}])"
        ),
        run_precheck=BetweenWords(),
        whole_runs=True,
        replace=" ",
        doc="Between Latin words, a run of spaces (or a no-break or ideographic space) is one space; "
        "next to Japanese, a space the spacing rule keeps stays as written.",
    ),
]

# Run after the debris rules, which can leave blank lines behind.
LAYOUT_RULES: list[Rule] = [
    Rule(
        "blank_lines",
        # Spelled with a literal prefix (not \n{3,}): the regex engine then searches for the
        # three newlines at C speed instead of trying a match at every character.
        pattern=re.compile("\n\n\n+"),
        replace="\n\n",
        option="collapse_blank_lines",
        doc="Runs of blank lines become one blank line.",
        precheck=has_substring("\n\n\n"),
    ),
    Rule(
        "document_edges",
        pattern=re.compile("\\A\n+|\n+\\Z"),
        replace="",
        doc="Blank lines at the start and end of the document go.",
        precheck=_document_edges,
    ),
]
