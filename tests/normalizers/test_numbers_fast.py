"""The number tagger's one speed-up (`normalizers.numbers._fast`, a memo of parse_numeral) gives
what the reference gives: the same Numeral for every string, the same matches for every text."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.numbers import _fast, amounts, dates, find_numbers, values

NUMERAL_CHARS = "0123456789０１,.，．〇零一二三四五六七八九十百千万億兆京数何・ "


@pytest.fixture
def reference_parse(monkeypatch):
    """The handlers read numerals through values.parse_numeral, unmemoized, in the block."""

    def use_reference():
        monkeypatch.setattr(dates, "parse_numeral", values.parse_numeral)
        monkeypatch.setattr(amounts, "parse_numeral", values.parse_numeral)

    return use_reference


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=NUMERAL_CHARS, max_size=4),
       st.lists(st.text(alphabet=NUMERAL_CHARS, min_size=1, max_size=6), min_size=1, max_size=8))
def test_memo_gives_the_reference_numeral(prefix, rests):
    # numerals sharing a prefix (10万, 10万5千, 10): a memo keyed on less than the whole string
    # would serve one the other's value
    numerals = [prefix + r for r in rests]
    _fast.clear()
    for s in numerals + numerals:  # cold, then from the memo, after other numerals
        want = values.parse_numeral(s)
        got = _fast.parse_numeral(s)
        assert got == want, s
        if want is not None:  # int stays int, Fraction stays Fraction
            assert (type(got.low), type(got.high)) == (type(want.low), type(want.high))


def _matches_both_ways(texts, pub, use_reference) -> tuple[list, list]:
    _fast.clear()
    fast = [find_numbers(t, pub) for t in texts + texts]  # the second pass from the memo
    use_reference()
    return fast, [find_numbers(t, pub) for t in texts + texts]


@pytest.mark.parametrize("pub", [None, dt.date(2024, 9, 12)])
def test_memo_changes_no_match_on_golden_texts(pub, reference_parse, golden_number_texts):
    fast, reference = _matches_both_ways(golden_number_texts, pub, reference_parse)
    assert fast == reference


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="0123456789一二三十百千万億数年月日人分の第約超以上 .-〜、円%ドル", max_size=24),
                min_size=1, max_size=4))
def test_memo_changes_no_match_on_random_text(texts):
    _fast.clear()
    fast = [find_numbers(t) for t in texts + texts]
    want = [[m for m in find_numbers_reference(t)] for t in texts + texts]
    assert fast == want


def find_numbers_reference(text: str):
    """find_numbers with the handlers reading numerals through the reference parser."""
    saved = dates.parse_numeral, amounts.parse_numeral
    dates.parse_numeral = amounts.parse_numeral = values.parse_numeral
    try:
        return find_numbers(text)
    finally:
        dates.parse_numeral, amounts.parse_numeral = saved


def test_whole_numbers_are_ints_and_decimals_exact():
    assert values.parse_numeral("2012").low == 2012 and isinstance(values.parse_numeral("2012").low, int)
    assert values.parse_numeral("1,500億").low == 150_000_000_000
    assert values.parse_numeral("2.5万").low == 25_000
    assert values.parse_numeral("〇・五").low == Fraction(1, 2)
    five_six = values.parse_numeral("五六")
    assert (five_six.low, five_six.high, five_six.exact) == (5, 6, False)
    (m,) = find_numbers("3分の1")
    assert m.value == 1 / 3


@pytest.mark.parametrize("s", ["1,500", "12.5", "12.50", "0.0", "0.50", "1,234,567.89", "１，５００．２５",
                               "007", "1,2345", "1234,567", "2.5万", "1,000億", "一", "〇", "十", "二〇二四"])
def test_short_paths_agree_with_the_tokenizer(s):
    # parse_numeral reads one Arabic number or one kanji digit without its tokenizer: the same
    # value (a zero decimal is the int 0) as the tokens give
    got = values.parse_numeral(s)
    t = s.translate(values.FULL_WIDTH)
    tokens = [("n", Fraction(a.replace(",", "")) if "." in a else int(a.replace(",", "")))
              if a else ("n", values.kanji_digits_value(k)) if k else ("s", values.SMALL_UNITS[sm]) if sm
              else ("b", values.BIG_UNITS[b.strip()])
              for a, k, sm, b, _ in values.NUMERAL_TOKENS.findall(t)]
    v = values.evaluate(tokens, 0)
    assert got is not None and got.low == v and type(got.low) is type(v)


def test_matches_are_frozen_named_tuples():
    from normalizers.numbers import NumberMatch

    got = find_numbers("3人と10万円")
    assert [type(m) for m in got] == [NumberMatch, NumberMatch]
    assert got[0] == NumberMatch(0, 2, "QUANTITY", 3.0, unit="人")
    assert hash(got[0]) == hash(NumberMatch(0, 2, "QUANTITY", 3.0, unit="人"))
    with pytest.raises(AttributeError):
        got[0].start = 5  # type: ignore[misc]
