"""The vectorized fold (`fold_fast`, what `find` uses) agrees with `fold` exactly: text and map."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.kana import fold, fold_fast, fold_key, fold_keys

# Every character class folding cares about: katakana (small, large, ヴ and its vowels), ー,
# each separator (runs of them too), ASCII, hiragana, kanji, newline, a character beyond the BMP.
ALPHABET = "アイウエオァィゥェォッヂヴーー・･·•゠=＝ 　AbCz9あ漢\n😀"


def _same(text: str) -> None:
    a, b = fold(text), fold_fast(text)
    assert b.text == a.text, text
    n = len(a.text)
    for i in range(n):
        for j in range(i + 1, min(n, i + 4) + 1):
            assert b.to_source(i, j) == a.to_source(i, j), (text, i, j)


def test_fold_fast_agrees_with_fold_on_random_strings():
    rnd = random.Random(7)
    for _ in range(20_000):
        _same("".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 24))))


def test_fold_fast_cases():
    for t in ["", "ー", "アー", "漢ー", "アーー・イ", "ア・・イ", "ア ・イ", "ヴァイオリン", "ヴ", "ヴー", "ヴヴア",
              "デヴィッド・ヴィヴィアン", "サム アルトマン", "OpenAI", "ア😀ー"]:
        _same(t)


def test_fold_keys_is_fold_key_of_each():
    rnd = random.Random(3)
    keys = ["".join(rnd.choice(ALPHABET.replace("\n", "")) for _ in range(rnd.randint(1, 10))) for _ in range(2000)]
    keys = [k for k in keys if k.strip()]
    assert fold_keys(keys) == [fold_key(k) for k in keys]
    assert fold_keys(["a\nb", "ア"]) == [fold_key("a\nb"), fold_key("ア")]


# Longer texts dense in what folding drops or merges: runs of separators and ー between and
# after katakana, ヴ before every kind of character, at both ends of the text.
DENSE = ["ア", "ヴ", "ァ", "ー", "・", " ", "　", "=", "＝", "･", "·", "A", "b", "あ", "漢", "\n", "ヴァ", "ーー", "・・", "  "]


def test_fold_fast_agrees_with_fold_on_long_dense_texts():
    rnd = random.Random(11)
    for _ in range(3_000):
        text = "".join(rnd.choice(DENSE) for _ in range(rnd.randint(20, 120)))
        _same(text)
        assert fold_fast(text).one_to_one() == fold(text).one_to_one(), text


def _same_spans(text: str) -> None:
    """`_same` for the spans of 1 to 3 folded characters (a real document is too long for all)."""
    a, b = fold(text), fold_fast(text)
    assert b.text == a.text
    assert b.one_to_one() == a.one_to_one()
    for i in range(len(a.text)):
        for j in range(i + 1, min(len(a.text), i + 3) + 1):
            assert b.to_source(i, j) == a.to_source(i, j), (i, j)


def test_fold_fast_agrees_with_fold_on_real_documents():
    import gzip
    import json
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "livedoor.jsonl.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(150), lines)]
    for text in texts:
        _same_spans(text)


TOKEN_TEXT = st.text(alphabet="アイウカヴァィッャーー・･=＝ 　Ab9.&-あ漢\n𠮷", max_size=40)


@settings(max_examples=400, deadline=None)
@given(TOKEN_TEXT)
def test_token_fold_of_every_fuzzy_token_is_its_fold_key(text):
    """`token_fold` (read off the document's fold) of each katakana token the fuzzy linker finds
    is the token folded on its own, for fold_fast and fold (a text beyond the BMP)."""
    from glossary.fuzzy import long_tokens

    for f in (fold_fast(text), fold(text)):
        for m in long_tokens(False, 1).finditer(text):
            assert f.token_fold(m.start(), m.end()) == fold_key(m.group()), (text, m.span())


# Name runs: katakana letters, ー and joiners; Latin word characters; and what ends them.
RUN_TEXT = st.text(alphabet="アイヴァッーー・･=＝゠ 　AbZz9.&'-_あ漢\n😀", max_size=60)


def _runs_of(pattern, text: str) -> list[int]:
    return [b for m in pattern.finditer(text) for b in m.span()]


def _same_runs(text: str) -> None:
    from glossary import fuzzy

    f = fold_fast(text)
    assert f.kana_runs == _runs_of(fuzzy.runs(False, fuzzy.FUZZY_MIN_KANA), text), text
    assert f.latin_runs == _runs_of(fuzzy.runs(True, fuzzy.FUZZY_MIN_LATIN), text), text


@settings(max_examples=2000, deadline=None)
@given(RUN_TEXT)
def test_the_fold_pass_records_the_runs_fuzzy_linking_scans(text):
    """`fold_fast`'s name runs are the runs of token characters `fuzzy.runs` finds, of each kind's
    least token length (what `FuzzyLinker.candidates` reads instead of scanning the text again)."""
    _same_runs(text)


def test_the_fold_pass_records_the_runs_of_real_documents():
    import gzip
    import json
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "livedoor.jsonl.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for _, line in zip(range(300), lines):
            _same_runs(json.loads(line)["text"])
    for text in ["アイウエオ", "アイウエ", "abcdef", "abcde", "ヴァイオリン", "OpenAI.com", "ABCDEF", "ア・イ・ウ", "゠アイウエオ"]:
        _same_runs(text)
