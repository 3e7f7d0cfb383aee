"""The fuzzy linker's candidate lookup: a token is compared only with the keys that share its
first or last two characters (`fuzzy.edge_index`), which every key one edit away does.

(Before, a gate compared the text's runs with the plan's keys by LCS and compiled a token pattern
per plan that passed it; `test_fuzzy_reference.py` checks the lookup links what that gate let
through, and the one case it missed is below.)"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from glossary import fuzzy

LETTERS = "アイウエオカキ"


@st.composite
def key_and_one_edit(draw):
    key = draw(st.text(alphabet=LETTERS, min_size=4, max_size=9))
    op = draw(st.sampled_from("sidt"))
    i = draw(st.integers(0, len(key) - 1))
    c = draw(st.sampled_from(LETTERS))
    if op == "s":
        tok = key[:i] + c + key[i + 1 :]
    elif op == "i":
        tok = key[:i] + c + key[i:] if draw(st.booleans()) else key + c
    elif op == "d":
        tok = key[:i] + key[i + 1 :]
    else:
        i = min(i, len(key) - 2)
        tok = key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    return key, tok


def _kind(keys: list[str]) -> fuzzy.FuzzyKind:
    return fuzzy.FuzzyKind(False, list(range(len(keys))), keys)


@settings(max_examples=2000, deadline=None)
@given(key_and_one_edit(), st.lists(st.text(alphabet=LETTERS, min_size=4, max_size=9), max_size=5))
def test_a_key_one_edit_from_a_token_is_among_its_candidates(pair, others):
    """Every key exactly one edit (OSA) from the token is found, and only those are returned."""
    key, tok = pair
    keys = sorted(set([key] + others))
    near = fuzzy.FuzzyLinker.near_keys(tok, _kind(keys))
    assert near == [j for j, k in enumerate(keys) if OSA.distance(tok, k) == 1]
    if OSA.distance(tok, key) == 1:
        assert keys.index(key) in near


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="アイウab", max_size=7), st.text(alphabet="アイウab", max_size=7))
def test_one_edit_is_osa_distance_one(a, b):
    assert fuzzy.one_edit(a, b) == (OSA.distance(a, b) == 1), (a, b)


def test_one_edit_examples():
    assert fuzzy.one_edit("アルトマン", "アルトマンン") and fuzzy.one_edit("アルトマンン", "アルトマン")  # insertion, deletion
    assert fuzzy.one_edit("Microsoft", "Microsfot") and fuzzy.one_edit("Microsoft", "Micrasoft")  # swap, substitution
    assert not fuzzy.one_edit("Microsoft", "Microsoft") and not fuzzy.one_edit("Microsoft", "Micrsfot")
    assert not fuzzy.one_edit("abcd", "badc") and not fuzzy.one_edit("ab", "abcd")  # two swaps, two insertions


def test_the_middle_swap_of_a_four_character_key():
    """The one edit that keeps neither the first two nor the last two characters of a key."""
    kind = _kind(["アイウエ"])
    assert fuzzy.FuzzyLinker.near_keys("アウイエ", kind) == [0]
    assert fuzzy.FuzzyLinker.near_keys("イアエウ", kind) == []  # two edits


def test_a_token_with_vu_links_when_no_other_run_is_near_a_key(glossary):
    """アヴィッド・ヴィヴィアン folds to アビツドビビアン, one edit from デビツドビビアン (David Vivian,
    mentioned): it links. Its 1:1 fold (アヴイツド...) keeps too few of the key's characters for
    the LCS gate of 622ea17, which then stopped the document when no other run passed."""
    text = "デヴィッド・ヴィヴィアン氏の記事。アヴィッド・ヴィヴィアンのアルトマン"
    assert [(text[m.start : m.end], m.method, m.entity_id) for m in glossary.find(text)] == [
        ("デヴィッド・ヴィヴィアン", "glossary", "david"),
        ("アヴィッド・ヴィヴィアン", "fuzzy", "david"),
        ("アルトマン", "glossary", "sam_altman"),
    ]


# Runs of katakana run characters (letters, ー, joiners), with the letters' range edges (ァ, ヺ).
RUN = st.text(alphabet="アイヴァッヺーー・･=＝", min_size=1, max_size=30)


@settings(max_examples=3000, deadline=None)
@given(RUN, st.integers(1, 6), st.integers(0, 3))
def test_kana_token_spans_are_the_token_pattern_s(run, n, s):
    """`kana_token_spans` (the tokens read off the characters) finds the spans the token pattern
    `long_tokens(False, n)` finds in the same run, which stays their definition."""
    text = "漢" * s + run + "漢"
    expected = [m.span() for m in fuzzy.long_tokens(False, n).finditer(text, s, s + len(run))]
    assert fuzzy.kana_token_spans(run, s, n) == expected, (run, n)


def test_kana_token_spans_examples():
    assert fuzzy.kana_token_spans("ジャン=ポール・", 0, 2) == [(0, 7)]  # a joiner no letter follows
    assert fuzzy.kana_token_spans("ーーアイ・・ウエオ", 10, 2) == [(12, 14), (16, 19)]
    assert fuzzy.kana_token_spans("アイ・ウ", 0, 4) == []  # three units
