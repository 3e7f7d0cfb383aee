"""Issue 18: a mention's span never takes punctuation with it, in either text. A name or number
inside brackets (`（Ｈ２００）`, `）２５％`) has a raw span without the brackets, though the
full-width run they sit in is one edit."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import Glossary
from normalizers import Normalizer, alignment
from normalizers.chars import KATAKANA, LONG_VOWEL_LOOKALIKES, expand

NORMALIZER = Normalizer(Glossary.load(None))


def _punctuation(c: str) -> bool:
    return unicodedata.category(c).startswith("P")


def _read_as_long_vowel(raw: str, end: int) -> bool:
    """The raw character before `end` is a dash look-alike after katakana, which the
    long_vowel_mark rule reads as ー (`ウルトラマン－` → `ウルトラマンー`): a letter of the word,
    not punctuation, so a name's span may end on it."""
    return end >= 2 and raw[end - 1] in expand(LONG_VOWEL_LOOKALIKES) and regex.match(f"[{KATAKANA}]", raw[end - 2]) is not None


def check_spans(raw: str) -> None:
    """Every mention: its spans give its surfaces, and an edge of the raw span is punctuation
    only where the clean surface has the same punctuation (`Mitsui & Co.`)."""
    doc = NORMALIZER.normalize(raw)
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.surface and raw[m.raw_start : m.raw_end] == m.raw_surface, m
        for edge in (0, -1):
            r, s = m.raw_surface[edge], m.surface[edge]
            if _punctuation(r) and not (edge == -1 and _read_as_long_vowel(raw, m.raw_end)):
                assert unicodedata.normalize("NFKC", r) == s, (raw, m)
            if _punctuation(s):
                assert unicodedata.normalize("NFKC", r) == s, (raw, m)


@pytest.mark.parametrize("raw, raw_surfaces", [
    ("（Ｈ２００）を搭載", ["Ｈ２００"]),
    ("前年比（２５％）増", ["２５％"]),
    ("）２５％", ["２５％"]),
    ("（ｏｐｅｎａｉ）の発表", ["ｏｐｅｎａｉ"]),
    ("「Ｈ２００」", ["Ｈ２００"]),
    ("ウルトラマン－（ｏｐｅｎａｉ", ["ウルトラマン－", "ｏｐｅｎａｉ"]),  # － read as ー (long_vowel_mark)
    # The width fold and a fuzzy rewrite merged into one edit that changed length (hypothesis found it)
    ("ＮＶＩＤＩＡＡ（（（エヌビディア", ["ＮＶＩＤＩＡＡ", "エヌビディア"]),
    # ... and a number before the rewrite in the same merged edit keeps its own span (hypothesis, session 14)
    ("エヌビディア２５％ＮＶＩＤＩＡＡ", ["エヌビディア", "２５％", "ＮＶＩＤＩＡＡ"]),
])
def test_a_span_inside_full_width_brackets_leaves_them_out(raw, raw_surfaces):
    check_spans(raw)
    assert [m.raw_surface for m in NORMALIZER.normalize(raw).mentions] == raw_surfaces


_PIECES = [
    list("（）()「」『』【】［］、。，．！？：・"),
    list("ＡＢＨ０１２５％＄￥．，－"),
    ["Ｈ１００", "Ｈ２００", "ｏｐｅｎａｉ", "ＯｐｅｎＡＩ", "ＮＶＩＤＩＡ", "２５％", "１，５００億ドル", "約５億ドル"],
    ["ウルトラマン", "アルトマン", "マイクロソフト", "エヌビディア", "米国", "孫正義", "openai", "H100", "25%"],
    ["氏", "は", "の", "が", " ", "\u3000", "年", "月", "日", "億", "円", "ドル"],
]
_TEXT = st.lists(st.sampled_from(range(len(_PIECES))).flatmap(lambda k: st.sampled_from(_PIECES[k])), max_size=14).map("".join)


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_spans_never_include_punctuation(raw):
    check_spans(raw)


def test_a_span_edge_past_the_input_of_a_lengthened_edit_maps_to_the_edit_edge():
    # An edit whose output is longer than its input (a rewrite merged with a width fold): an edge
    # k characters into the output, with k past the input's length, maps to the whole edit.
    edit = (10, 12, "fullwidth_ascii+glossary", "MSFT", "ＭＳ")  # its head maps one to one
    assert alignment._inside_start(edit, 3) == 10
    assert alignment._inside_end(edit, 3) == 12
