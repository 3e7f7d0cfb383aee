"""`sentences_fast.split_sentences_fast` (boundaries read at their terminators and line breaks)
gives the spans of the reference, `sentences.split_sentences` (the regex split)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.sentences import split_sentences
from normalizers.sentences_fast import split_sentences_fast

SHARED = Path(__file__).resolve().parents[3] / "shared"

# Terminators, closing and opening brackets, every kind of space and line break, the characters
# each rule looks at on either side (Latin letters, digits, hiragana, katakana, kanji), the
# quote filler's neighbours.
_ALPHABET = list("。！？．!?.」』）)】「『（(【 \t\n\r\u3000\u2028\x85\xa0\x1caZ9あをアー日々、")


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60))
@settings(max_examples=3000, deadline=None)
def test_the_same_spans_as_the_reference(text):
    assert split_sentences_fast(text) == split_sentences(text)


@given(st.text(max_size=40))
@settings(max_examples=1000, deadline=None)
def test_the_same_spans_as_the_reference_on_any_text(text):
    assert split_sentences_fast(text) == split_sentences(text)


@pytest.mark.parametrize(
    "text",
    [
        "これは文です。次の文!最後?",
        "一行目\n二行目。\n\n三行目",
        "「本当ですか。嘘でしょう!」と彼は言った。次。",
        "私も喜んでやります!」 マスク氏は言った。",
        "Yahoo!ニュースによると、発表された。",
        "Yahoo! JAPANが発表。Wow!\n次",
        "Wow!」  \t\nつぎ",
        "Wow!」 x",
        "価格は2.5%上昇した。GPT-4o.",
        "である.次に進む。",
        "(250ドルお得!)です。",
        "  前後の空白。  ",
        "。。」と言った。」。\u3000\n\n  次",
        "！？!?」』\n",
        "",
    ],
)
def test_the_same_spans_as_the_reference_on_the_golden_texts(text):
    assert split_sentences_fast(text) == split_sentences(text)


def test_the_same_spans_on_livedoor():
    corpus = SHARED / "corpus" / "livedoor.jsonl.gz"
    if not corpus.exists():
        pytest.skip("no livedoor corpus")
    differing = []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k % 7:
                continue  # every 7th document: ~1,050 of all nine categories
            text = json.loads(line)["text"]
            if split_sentences_fast(text) != split_sentences(text):
                differing.append(k)
    assert differing == []

