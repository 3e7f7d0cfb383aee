"""Rules of one scan group run as one scan (`rules.fuse`): the same edits as running them one
after the other, with each edit named after the member rule that made it."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import NormalizeConfig, Normalizer
from normalizers.chars import OTHER_SPACES
from normalizers.rules import CHARACTER_RULES, Rule, member_names
from normalizers.rules_fast import fuse

SPACE_RULES = ["line_indent", "trailing_space", "japanese_space", "latin_space"]
CONFIGS = [
    NormalizeConfig(),
    NormalizeConfig(remove_japanese_spaces=False),
    NormalizeConfig(strip_line_indent=True),  # off by default since issue 18 (indentation kept)
    NormalizeConfig(remove_debris=False, halfwidth_katakana=False),
]


def _pair(config: NormalizeConfig) -> tuple[Normalizer, Normalizer]:
    with mock.patch("normalizers.normalizer.fuse", lambda rules: list(rules)):
        one_by_one = Normalizer(config=config)
    return Normalizer(config=config), one_by_one


PAIRS = [_pair(c) for c in CONFIGS]

# Every kind of space, line breaks, and what sits next to spaces: kana, kanji, Japanese
# punctuation, Latin, digits, a bullet, a spacing voiced mark (japanese_space feeds voiced_mark).
ALPHABET = list(" " + OTHER_SPACES + "\n\n日本語カｶﾞ゛。「」、AbZ09.-•😀")


def test_the_space_rules_fuse():
    # With strip_line_indent (off by default since issue 18: indentation is kept) all four fuse.
    fused, one_by_one = PAIRS[2]
    assert [r.name for r in one_by_one.rules if r.name in SPACE_RULES] == SPACE_RULES
    (rule,) = [r for r in fused.rules if r.scan_group is None and "+" in r.name]
    assert member_names(rule) == tuple(SPACE_RULES) and rule.name == "+".join(SPACE_RULES)
    assert rule.feeds == ("voiced_mark",)  # japanese_space's
    assert len(fused.rules) == len(one_by_one.rules) - 3
    # The default table: the other three.
    fused, one_by_one = PAIRS[0]
    (rule,) = [r for r in fused.rules if r.scan_group is None and "+" in r.name]
    assert member_names(rule) == ("trailing_space", "japanese_space", "latin_space")
    assert len(fused.rules) == len(one_by_one.rules) - 2
    # Without remove_japanese_spaces (and line_indent, off by default) the other two still fuse,
    # and feed nothing.
    (rule,) = [r for r in PAIRS[1][0].rules if "+" in r.name]
    assert member_names(rule) == ("trailing_space", "latin_space") and rule.feeds == ()


@pytest.mark.parametrize(
    "text",
    [
        "\u3000　本文 です 。 \n  English  words  here \u00a0\n\t \n7 月 22 日 Microsoft と OpenAI  ",
        "ｶ ﾞ と ｶ\u3000ﾞ  (a  b) • 項目 😀 絵",
        "   \n\n  \n",
    ],
)
@pytest.mark.parametrize("pair", range(len(PAIRS)))
def test_same_document_as_one_rule_after_the_other(text, pair):
    fused, one_by_one = PAIRS[pair]
    a, b = fused.normalize(text), one_by_one.normalize(text)
    assert (a.text, a.edits, a.sentences) == (b.text, b.edits, b.sentences)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40), st.integers(0, len(PAIRS) - 1))
def test_same_document_as_one_rule_after_the_other_on_random_text(text, pair):
    fused, one_by_one = PAIRS[pair]
    a, b = fused.normalize(text), one_by_one.normalize(text)
    assert (a.text, a.edits, a.sentences) == (b.text, b.edits, b.sentences)


def test_rules_that_cannot_share_a_scan_are_refused():
    base = next(r for r in CHARACTER_RULES if r.name == "latin_space")
    grouped = Rule("grouped", pattern=re.compile("[ ](x)"), replace="", doc="", scan_group="spaces")
    called = Rule("called", pattern=re.compile("[ ]y"), replace=lambda m: "", doc="", scan_group="spaces")
    other_class = Rule("other_class", pattern=re.compile("[\t]z"), replace="", doc="", scan_group="spaces")
    checked = Rule("checked", pattern=re.compile("[ ]w"), replace="", doc="", precheck=bool, scan_group="spaces")
    for bad in (grouped, called, other_class, checked):
        with pytest.raises(ValueError, match=f"rule {bad.name} cannot be fused"):
            fuse([base, bad])
    # Rules of another group, or of none, stay as they are, in order.
    lone = Rule("lone", pattern=re.compile("q"), replace="", doc="")
    assert fuse([lone, base, lone]) == [lone, base, lone]
