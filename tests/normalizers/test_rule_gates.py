"""`Normalizer.apply_rules` tests a rule's shared-scan precheck inline (`rules.gate_of`) instead of
calling the rule: the gate must say what the precheck says, and the rule stage must give the same
alignment with the gates as without them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import NormalizeConfig, Normalizer
from normalizers.alignment import Alignment
from normalizers.rules import _CHARS, _NEEDLES, gate_of

from .test_alignment_properties import INTERESTING

# Every character a shared-scan precheck asks about, every needle, and the characters the rules
# write or read around them (so that a rule firing gives a later gate a new text to read).
_TRIGGERS = sorted(_CHARS.strings) + sorted(_NEEDLES.strings)
# (かﾞ: halfwidth_katakana writes ゛, a trigger the text did not hold, for voiced_mark after it)
_TEXT = st.lists(st.sampled_from(_TRIGGERS + INTERESTING + ["かﾞ", "ﾞ", "\n\n\n", "~", "--"]), max_size=40).map("".join)

_CONFIGS = [NormalizeConfig(), NormalizeConfig(remove_debris=False, halfwidth_katakana=False)]


def _ungated(config: NormalizeConfig) -> Normalizer:
    n = Normalizer(config=config)
    n._gates = [None] * len(n.rules)  # every rule called, its precheck inside `replacements`
    return n


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_gate_says_what_the_precheck_says(text):
    gated = [r for r in Normalizer().rules if gate_of(r) is not None]
    assert len(gated) >= 10  # the character rules and the debris rules
    for rule in gated:
        scan, wanted = gate_of(rule)
        assert (not wanted.isdisjoint(scan(text))) == rule.precheck(text), rule.name


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from(range(len(_CONFIGS))))
def test_gated_rule_stage_is_the_called_one(text, c):
    gated, called = Normalizer(config=_CONFIGS[c]), _ungated(_CONFIGS[c])
    a, b = Alignment(text), Alignment(text)
    gated.apply_rules(a)
    called.apply_rules(b)
    assert a.text == b.text
    assert a.edits == b.edits
