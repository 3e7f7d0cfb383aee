"""The rules' prechecks ask one shared scan of the text (`rules.TriggerScan`), whose answer
(`TextFacts`) the Normalizer builds once per text, hands to every rule and carries over each
change (`TextFacts.after`). The facts must say what searching the text says, and the rule stage
with carried facts must give the same alignment as one that scans every text afresh."""

from __future__ import annotations

import dataclasses
import re
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from normalizers import NormalizeConfig, Normalizer
from normalizers.alignment import Alignment
from normalizers import rules as rules_module
from normalizers.chars import FULLWIDTH_ASCII, SPACES
from normalizers.rules import TextFacts, TriggerScan

from .test_alignment_properties import INTERESTING

_SCAN = TriggerScan(Normalizer().rules)
# Every character a precheck asks about, every substring, and the characters the rules write
# or read around them (so that a rule firing gives a later precheck a new text to read).
_TRIGGERS = sorted(_SCAN.chars) + sorted(_SCAN.substrings)
# (かﾞ: halfwidth_katakana writes ゛, a trigger the text did not hold, for voiced_mark after it)
_TEXT = st.lists(st.sampled_from(_TRIGGERS + INTERESTING + ["かﾞ", "ﾞ", "\n\n\n", "~", "--"]), max_size=40).map("".join)
# Runs of spaces and of full-width ASCII between the characters the space rules read around them.
_SPACED = st.lists(
    st.sampled_from(INTERESTING + [" ", "  ", "\u3000", "\u00a0 ", "\t", "Ａ", "（", "）", "－", "1 ~ 2", "は", "氏", "x"]),
    max_size=40,
).map("".join)

_CONFIGS = [NormalizeConfig(), NormalizeConfig(remove_debris=False, halfwidth_katakana=False)]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_facts_say_what_the_text_says(text):
    rules = Normalizer().rules
    checked = [r for r in rules if r.chars or r.substrings]
    assert len(checked) >= 10  # the character rules and the debris rules
    facts = _SCAN.facts(text)
    assert facts.chars == {c for c in _SCAN.chars if c in text}
    assert facts.substrings() == {s for s in _SCAN.substrings if s in text}
    for rule in checked:
        assert rule.may_match(text, facts) == rule.may_match(text), rule.name


# The scan's edge cases: runs of each class back to back and at the text's ends, triggers inside
# and outside the run classes, substrings cut short, a substring's first character last, and
# characters past the scan's table of code points (U+FFFF, astral ones).
_SCAN_PIECES = sorted(_SCAN.substrings) + [s[:-1] for s in sorted(_SCAN.substrings)] + [
    " ", "\u3000", "\t", "\u00a0", "\u2005", "Ａ", "（", "）", "￥", "－", "ｶ", "ﾞ", "゛", "‐", "～", "\r", "\ufeff",
    "\x00", "\u200b", "\ud800", "日", "E", "c", "お", "|", "\uffff", "\U0001f600", "\U00020000", "あ", "x", "\n",
]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_SCAN_PIECES), max_size=40).map("".join), st.text(max_size=60)))
@example("\u3000\u3000 a\t\u00a0ＡＢ（Ｃ）－x")
@example("English日本語お得|コメン")
@example("x日")
@example("\U0001f600 ")
def test_facts_are_the_definitions(text):
    # the one pass over the code points (`TriggerScan.facts`) against what each fact means: the
    # maximal runs of each class, the trigger characters and the substrings the text holds
    facts = _SCAN.facts(text)
    for body in _SCAN.run_sets:
        assert facts.runs[body] == [m.span() for m in re.finditer(f"[{body}]+", text)], body
    assert facts.chars == {c for c in _SCAN.chars if c in text}
    assert facts.substrings() == {s for s in _SCAN.substrings if s in text}


def _rescanning_after(self: TextFacts, new_text: str, written: str, repls=None, keep_runs=True) -> TextFacts:
    return self._scan.facts(new_text)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from(range(len(_CONFIGS))))
def test_carried_facts_give_the_scanned_ones_stage(text, c):
    _assert_stage_unchanged_by(text, c, mock.patch.object(TextFacts, "after", _rescanning_after))


def _assert_stage_unchanged_by(text, c, reference_patch):
    """The rules stage as shipped gives the same text and edits as with `reference_patch` applied
    (a fast path swapped for the plain way it stands for)."""
    n = Normalizer(config=_CONFIGS[c])
    fast, reference = Alignment(text), Alignment(text)
    n.apply_rules(fast)
    with reference_patch:
        n.apply_rules(reference)
    assert fast.text == reference.text
    assert fast.edits == reference.edits


def test_carried_facts_hold_what_was_written():
    facts = _SCAN.facts("かﾞ")
    assert "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}" not in facts.chars
    after = facts.after("か゛", "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}")
    assert "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}" in after.chars and after.text == "か゛"


def test_substrings_carried_over_a_change_that_can_make_none():
    # the debris rules' substrings come from the one scan and are carried over the character
    # rules' changes, not searched for again (a findall over every document)
    facts = _SCAN.facts("コメント（Ａ） 7 月")
    assert facts.substrings() == {"コメント"}
    with mock.patch.object(TriggerScan, "substrings_in", side_effect=AssertionError("scanned again")):
        after = facts.after("コメント(A) 7 月", "(A)", [(4, 7, "(A)", "fullwidth_ascii")])
        after = after.after("コメント(A) 7月", "", [(9, 10, "", "japanese_space")])  # 7 and 月 are in no needle
        assert after.substrings() == {"コメント"}


@pytest.mark.parametrize(
    "text, change, expected",
    [
        ("日本 語", (2, 3, ""), {"日本語"}),  # a deletion joins 本 and 語
        ("Englisｈ", (6, 7, "h"), {"English"}),  # h is written
        ("お｜", (1, 2, "|"), {"|"}),
        ("コメント 日本", (4, 5, ""), {"コメント"}),  # ト and 日 side by side: scanned again
    ],
)
def test_substrings_a_change_can_make_are_found(text, change, expected):
    facts = _SCAN.facts(text)
    start, end, new = change
    new_text = text[:start] + new + text[end:]
    assert facts.after(new_text, new, [(start, end, new, "r")]).substrings() == expected
    assert _SCAN.facts(new_text).substrings() == expected


def test_a_rule_whose_characters_are_absent_is_not_called():
    # apply_rules asks the facts itself before calling a rule with a character precheck: most
    # rules cannot match most texts, and the call alone cost more than the test
    n = Normalizer()
    called = []
    real = type(n.rules[0]).replacements

    def spy(rule, text, facts=None):
        called.append(rule.name)
        return real(rule, text, facts)

    with mock.patch.object(type(n.rules[0]), "replacements", spy):
        n.apply_rules(Alignment("ふつうの文。\n"))
    skipped = {r.name for r in n.rules if r.chars} - set(called)
    assert "newline" in skipped and "voiced_mark" in skipped and "fullwidth_ascii" in called


def test_rules_propose_plain_tuples():
    # Rule.replacements hands Alignment.apply plain (start, end, new, rule) tuples, Replacement's
    # fields: a named tuple costs ~5x a plain one to build, and the rules propose ~22 a document.
    rules = {r.name: r for r in Normalizer().rules}
    cases = [
        ("fullwidth_ascii", "ＡＢ（x）", [(0, 3, "AB("), (4, 5, ")")]),  # a translate table
        ("newline", "a\r\nb", [(1, 3, "\n")]),  # a fixed replacement
        ("halfwidth_katakana", "ｶﾞｲﾄﾞ", [(0, 5, "ガイド")]),  # a function of the match
        ("japanese_space", "7 月 22 日", [(1, 2, ""), (3, 4, ""), (6, 7, "")]),  # and of the document
    ]
    for name, text, expected in cases:
        changes = rules[name].replacements(text)
        assert changes == [(*e, name) for e in expected]
        assert {type(c) for c in changes} == {tuple}, name


def test_the_shared_scan_finds_the_runs_the_rules_start_at():
    facts = _SCAN.facts("a  b\u3000は\n（Ｘ）－ｶ")
    assert facts.runs[SPACES] == [(1, 3), (4, 5)]
    assert facts.runs[FULLWIDTH_ASCII] == [(7, 11)]
    # － is a full-width ASCII character and a dash look-alike (a trigger): inside a run, found
    assert "\N{FULLWIDTH HYPHEN-MINUS}" in facts.chars and "\N{HALFWIDTH KATAKANA LETTER KA}" in facts.chars


@settings(max_examples=500, deadline=None)
@given(_SPACED)
def test_a_rule_tried_at_its_runs_finds_what_its_search_finds(text):
    facts = _SCAN.facts(text)
    for rule in Normalizer(config=NormalizeConfig(strip_line_indent=True)).rules:
        if rule.runs_of:
            assert rule.replacements(text, facts) == rule.replacements(text), rule.name


def _searching(pattern, text, runs, run_precheck=None):
    return list(pattern.finditer(text))


def _searched_spans(pattern, text, runs, run_precheck=None):
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, _SPACED), st.sampled_from(range(len(_CONFIGS))))
def test_the_stage_with_runs_gives_the_searching_stage(text, c):
    # The reference: every rule searches the text itself (`matches_at` and `run_spans` swapped
    # for finditer).
    searching = mock.patch.multiple(rules_module, matches_at=_searching, run_spans=_searched_spans)
    _assert_stage_unchanged_by(text, c, searching)


class _CountingPattern:
    """A compiled pattern that counts the calls made to it."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def __getattr__(self, name):
        self.calls += 1
        return getattr(self.pattern, name)


def test_a_rule_of_whole_runs_takes_the_runs_as_its_matches():
    # fullwidth_ascii's matches are the full-width runs the shared scan found, the space rules'
    # the runs of spaces their run prechecks let through: no regex call per run (34,000
    # full-width runs per 2,000 livedoor docs; ~6,700 space runs tried on the 300-doc sample)
    rules = {r.name: r for r in Normalizer().rules}
    whole = [r for r in rules.values() if r.whole_runs]
    assert [r.name for r in whole] == ["fullwidth_ascii", "trailing_space", "japanese_space", "latin_space"]
    assert rules["fullwidth_ascii"].pattern.pattern == f"[{FULLWIDTH_ASCII}]+"
    text = "（Ｈ２００）と　Ｘ！\nＡＢ 7 月  x  y　は　テスト  \nMicrosoft と"
    facts = _SCAN.facts(text)
    for rule in whole:
        counting = _CountingPattern(rule.pattern)
        counted = dataclasses.replace(rule, pattern=counting)
        assert counted.replacements(text, facts) == rule.replacements(text), rule.name
        assert rule.replacements(text), rule.name  # each finds something here
        assert counting.calls == 0, rule.name


def test_runs_moved_over_whole_run_changes_and_dropped_when_unsure():
    spaces = frozenset(" ")
    runs = [(1, 3), (5, 6), (8, 9)]  # "a  bc d e f" style
    # a run removed whole, one written anew as one space, text elsewhere of the same length
    assert rules_module.moved_runs(runs, [(1, 3, "", "r"), (4, 5, "X", "r"), (5, 6, " ", "r")], spaces) == [(3, 4), (6, 7)]
    assert rules_module.moved_runs(runs, [(1, 2, "", "r")], spaces) is None  # part of a run
    assert rules_module.moved_runs(runs, [(3, 4, "  ", "r")], spaces) is None  # spaces written elsewhere
    assert rules_module.moved_runs(runs, [(6, 8, "", "r")], spaces) is None  # two runs meet


# Runs of every kind of space between characters of each class the space rules' lookarounds
# read (Japanese, Latin, whitespace, other; astral ones among them), and at the text's ends.
_NEIGHBOURS = st.lists(
    st.sampled_from(
        [" ", "  ", "\u3000", " \u3000", "\u00a0", "\t", "\u2005 ", "\n", "あ", "ア", "日", "、", "」", "ｶ", "x", "7",
         "!", "é", "Ỳ", "\u00a1", "•", "😀", "\U00020000", "\u0085", "\u2028", "ー", "゛", "\uff5f", "\u3000\u3000"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_SPACED, _NEIGHBOURS))
@example("あ 7 x  y")
@example(" あ ")
def test_a_run_precheck_refuses_no_run_its_pattern_matches_at(text):
    # `Rule.run_precheck` is a necessary condition: every match the search finds starts at a run
    # (`runs_of`) the precheck lets through. For a rule of `whole_runs` it is exact: the search's
    # matches are the runs it lets through.
    facts = _SCAN.facts(text)
    checked = [r for r in Normalizer(config=NormalizeConfig(strip_line_indent=True)).rules if r.run_precheck]
    assert {r.name for r in checked} == {"trailing_space", "japanese_space", "latin_space"}
    for rule in checked:
        runs = facts.runs[rule.runs_of]
        run_end = dict(runs)
        found = list(rule.pattern.finditer(text))
        for m in found:
            assert rule.run_precheck(text, m.start(), run_end[m.start()]), (rule.name, m.start())
        if rule.whole_runs:
            let_through = [(s, e) for s, e in runs if rule.run_precheck(text, s, e)]
            assert [m.span() for m in found] == let_through, rule.name
