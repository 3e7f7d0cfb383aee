"""The shortcuts added for speed in find_numbers (the idiom tail and left context of cache keys,
the ISO + amount branch set, the trigger opening on a class, the retyped NumberMatch) change no
result: each text is checked warm, after texts that fill the cache with the same windows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import normalizers.numbers as numbers
from normalizers.numbers import NumberMatch, find_numbers


def _uncached(text: str, pub=None):
    saved = numbers._USE_CACHE
    numbers._USE_CACHE = False
    try:
        return find_numbers(text, pub)
    finally:
        numbers._USE_CACHE = saved


# Windows that share a key only if what differs past them, or before them, is never read.
GROUPS = [
    # an idiom begun in the window that runs on past it, or not
    ["一人暮らし", "一人ひとり", "一人一人", "一人残らず", "一人で", "一人", "一本化", "一本", "一本道"],
    ["十分", "十分の一", "三日月", "三日", "三日間", "二度と", "二度", "八百長", "八百屋", "八百人"],
    ["一日中", "一日", "一日、", "一時", "一時間", "一戸建て", "一戸", "一世代", "一世帯"],
    # a kanji numeral after various characters (glued after a kanji: a word)
    ["統一人", "は一人", "、一人", "約一人", "第一人", "平成一年", "唯一", "全一巻", "同一人物"],
    # a currency sign, whose kanji numeral may be glued after the character before it
    ["¥一万円", "漢¥一万円", "は¥一万円", "約¥一万円", "$三百", "米$三百", "に$三百"],
    # a date separator after a numeral: ISO date, amount, or `no.`
    ["2024-09-12", "2024/9/12", "5億-3", "3-4", "no.2024-09-12", "no 3-4", "No. 3/4", "x 2024-09-12",
     "3.5/4", "1,500-2", "2012.5.3", "5万/月", "A-3-4", "(3-4)", "三-四", "二〇二四-09-12"],
]


@pytest.mark.parametrize("group", GROUPS)
def test_shared_windows_keep_results(group):
    numbers.clear_cache()
    for _ in range(2):
        for text in group:
            for t in (text, "は" + text + "。", text + "が", "約" + text):
                assert find_numbers(t) == _uncached(t), t


def test_idiom_tail_only_when_an_idiom_runs_past():
    t = "一人暮らし"
    assert numbers._idiom_tail(t, 0, 2) == ""
    t = "一人ひとり"
    assert numbers._idiom_tail(t, 0, 2) == "\0ひとり"
    t = "ab一人一人"
    assert numbers._idiom_tail(t, 2, 5) == "\0人"
    assert numbers._idiom_tail(t, 2, 6) == ""  # the idiom ends inside


def test_built_matches_are_number_matches():
    numbers.clear_cache()
    got = find_numbers("3人と10万円")
    assert [type(m) for m in got] == [NumberMatch, NumberMatch]
    assert got[0] == NumberMatch(0, 2, "QUANTITY", 3.0, unit="人")
    assert hash(got[0]) == hash(NumberMatch(0, 2, "QUANTITY", 3.0, unit="人"))
    with pytest.raises(AttributeError):
        got[0].start = 5  # still frozen


# Relative dates are cached with published_at in the key and what is read before the word
# (一昨年 / 昨年, 再来年 / 未来年, 先々月, 令和元年, a qualifier before the word).
REL_TEXTS = [
    "昨年", "一昨年", "去年", "来年", "再来年", "未来年", "今年", "今年度", "昨年11月", "昨年3月5日",
    "先月", "先々月", "今月", "来月", "将来月", "未来月", "先月10日", "先月31日", "令和元年", "令和 元年",
    "約昨年", "およそ昨年", "よそ昨年", "最大今年", "ほぼ先月", "ぼ先月", "概ね 今年", "超昨年", "は昨年",
    "今年2月29日", "昨年2月29日", "来年以上", "昨年ほど", "平成元年", "元年",
]


def test_relative_dates_cached_per_published_at():
    import datetime as dt

    numbers.clear_cache()
    pubs = [None, dt.date(2024, 3, 15), dt.date(2025, 1, 31), dt.date(2021, 12, 1)]
    for _ in range(2):
        for pub in pubs:
            for text in REL_TEXTS:
                for t in (text, "は" + text + "。", text + "が", "。\n" + text, "A " + text):
                    assert find_numbers(t, pub) == _uncached(t, pub), (t, pub)


@pytest.mark.parametrize("s", ["1,500", "12.5", "12.50", "0.0", "0.50", "1,234,567.89", "１，５００．２５",
                               "007", "1,2345", "1234,567", "2.5万", "1,000億"])
def test_plain_arabic_fast_path(s):
    # the fast path for one Arabic token gives what the tokenizer gives (a zero decimal is the int 0)
    got = numbers.parse_numeral.__wrapped__(s)
    t = s.translate(numbers._FW)
    if numbers._PLAIN_ARABIC(t) is not None:
        tokens = [("n", numbers.Fraction(t.replace(",", "")) if "." in t else int(t.replace(",", "")))]
        v = numbers._eval(tokens, 0)
        assert got == numbers._Num(v, v, True, 1, False, False)
        assert type(got.low) is type(v)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="昨去来今先々再未将一年月元令和平成度代間約超以上の 0123三十〜、から日", max_size=20),
    st.lists(st.sampled_from([None, dt.date(2024, 1, 31), dt.date(2024, 2, 29), dt.date(2023, 12, 1)]),
             min_size=1, max_size=3),
)
def test_relative_dates_cache_on_random_text(text, dates):
    # the same text under several dates, each twice (the second served from the cache)
    for pub in dates + dates:
        assert find_numbers(text, pub) == _uncached(text, pub), (text, pub)
