"""The matcher's fast paths agree with the plain definitions they stand for: the token and run
regexes written to start with a character class, the fuzzy gate's runs taken from the 1:1-folded
text, and the alphanumeric boundary checked on the folded text. (The automaton on the keys' 1- or
2-byte codes, `keycodes.py`, and its tests went: with the grown glossary's 2-byte codes it was no
faster than the automaton on the folded str; bench/README.md.)"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import Glossary, fuzzy, matcher
from glossary.kana import _TABLE, fold, fold_fast, fold_key
from normalizers.chars import KATAKANA_LETTERS as KATAKANA_CHARS
from normalizers.chars import LONG_VOWEL

from .conftest import write_glossary

# Every character the token, run and boundary rules care about, and some they do not.
ALPHABET = "アイウカキヴァッャーー・･=＝ 　·AbXz09.&'-_あ漢\n"
TEXT = st.text(alphabet=ALPHABET, max_size=60)

# The definitions: a token or run with at least n units / characters.
_LATIN_WORD = r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*(?![A-Za-z0-9])"
_KANA_UNIT = f"[{KATAKANA_CHARS}]{LONG_VOWEL}*(?:[・･=＝](?=[{KATAKANA_CHARS}]))?"


def _reference_tokens(latin: bool, n: int) -> re.Pattern:
    return re.compile(rf"(?=[A-Za-z0-9.&'-]{{{n}}}){_LATIN_WORD}" if latin else f"(?:{_KANA_UNIT}){{{n},}}")


def _reference_runs(latin: bool, n: int) -> re.Pattern:
    return re.compile(f"{fuzzy.RUN_CHARS[latin]}{{{n},}}")


@settings(max_examples=400, deadline=None)
@given(TEXT, st.booleans(), st.integers(min_value=2, max_value=7))
def test_token_and_run_patterns_match_their_definitions(text, latin, n):
    spans = [m.span() for m in fuzzy.long_tokens(latin, n).finditer(text)]
    assert spans == [m.span() for m in _reference_tokens(latin, n).finditer(text)]
    assert fuzzy.runs(latin, n).findall(text) == _reference_runs(latin, n).findall(text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.booleans(), st.integers(min_value=2, max_value=7))
def test_runs_of_the_1to1_text_are_the_1to1_runs(text, latin, n):
    """The fuzzy gate finds its runs on `one_to_one()` (what fold_fast computed anyway): the
    same as folding the text's runs 1:1."""
    assert fold_fast(text).one_to_one() == text.translate(_TABLE)
    rx = fuzzy.runs(latin, n)
    assert rx.findall(text.translate(_TABLE)) == [r.translate(_TABLE) for r in rx.findall(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_alphanumeric_neighbours_read_the_same_on_the_folded_text(text):
    """`_check` rejects on the folded text when an ASCII letter or digit touches the hit: that
    must be what the source text says about the mapped-back span."""
    f = fold(text)
    alnum = matcher._ALNUM_EDGE
    n = len(f.text)
    for fs in range(n):
        for fe in range(fs + 1, n + 1):
            if f.text[fs] in alnum:
                s, _ = f.to_source(fs, fe)
                assert (fs > 0 and f.text[fs - 1] in alnum) == (s > 0 and text[s - 1] in alnum), (text, fs, fe)
            if f.text[fe - 1] in alnum:
                _, e = f.to_source(fs, fe)
                assert (fe < n and f.text[fe] in alnum) == (e < len(text) and text[e] in alnum), (text, fs, fe)


BEYOND_BMP = """\
entities:
  - id: yoshinoya
    label: ORG
    canonical: Yoshinoya
    canonical_ja: 𠮷野家
    variants: [𠮷野家, ヨシノヤ]
  - id: openai
    label: ORG
    canonical: OpenAI
    canonical_ja: オープンAI
    variants: [OpenAI, オープンAI, openai]
"""


def test_keys_and_text_beyond_the_bmp(tmp_path):
    g = Glossary.load(write_glossary(tmp_path, BEYOND_BMP, corrections=None))
    text = "😀𠮷野家とヨシノヤ、😀OpenAIとオープンAI😀𠮷野家"
    got = [(text[m.start : m.end], m.entity_id) for m in g.find(text)]
    assert got == [("𠮷野家", "yoshinoya"), ("ヨシノヤ", "yoshinoya"), ("OpenAI", "openai"), ("オープンAI", "openai"), ("𠮷野家", "yoshinoya")]


def _whole_text_candidates(text, f, kind):
    """What `FuzzyLinker.candidates` finds in runs, one word per run without a regex, each folded
    from the document's fold, remembered per run: every token of the kind in the text (its
    pattern on the whole text), folded on its own, long enough and one edit from a key."""
    out = []
    for m in fuzzy.long_tokens(kind.latin, kind.min_len).finditer(text):
        tok = fold_key(m.group())
        near = fuzzy.FuzzyLinker.near_keys(tok, kind)
        if len(tok) >= kind.min_len and near:
            out.append((m.start(), m.end(), tok, near))
    return out


# Mentions, near misses (one edit, two edits, an extra part) and what joins them.
FRAGMENTS = st.sampled_from(
    ["OpenAI", "マイクロソフト", "マイクロソフ", "マイクロソフトト", "アルトマン", "アルトマンン", "サム・アルトマ", "アルトマソ",
     "デヴィッド・ヴィヴィアン", "デヴィッド・ヴィヴィアンン", "デビッド・ビビアンン", "ヴ", "コンピュータ", "コンピュタ",
     "Microsoft", "Microsft", "Microsoftt", "openai.com", "xAI", "ー", "・", "ア", "氏", "の", " ", ".", "-", "9", "\n"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(FRAGMENTS, max_size=12))
def test_fuzzy_token_scan_of_the_runs_that_can_link_is_the_whole_text_scan(glossary, gdir, parts):
    plain = Glossary.load(gdir)
    plain._fuzzy_linker.candidates = _whole_text_candidates
    text = "".join(parts)
    assert glossary.find(text) == plain.find(text)


def test_a_token_whose_fold_makes_a_character_is_scanned(glossary):
    """デヴィッド・ヴィヴィアンン folds to one edit from デビツドビビアン, but its 1:1 fold (デヴイツド...)
    keeps fewer of the key's characters: scanned because it holds a ヴ (the gate passes on the
    other run)."""
    text = "デヴィッド・ヴィヴィアン氏。デヴィッド・ヴィヴィアンン氏とデビッド・ビビアンン氏"
    assert [(text[m.start : m.end], m.method) for m in glossary.find(text)] == [
        ("デヴィッド・ヴィヴィアン", "glossary"),
        ("デヴィッド・ヴィヴィアンン", "fuzzy"),
        ("デビッド・ビビアンン", "fuzzy"),
    ]
