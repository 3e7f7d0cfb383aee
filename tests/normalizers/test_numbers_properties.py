"""Property tests: kanji and 億/万 renderings parse back; idioms joined with kana never parse."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.numbers import find_numbers

DIGITS = "〇一二三四五六七八九"


def kanji_below_10000(n: int) -> str:
    """Traditional kanji numeral for 1..9999 (一 omitted before 十/百/千: 千二百, not 一千二百)."""
    out = []
    for value, word in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, value)
        if d:
            out.append(("" if d == 1 else DIGITS[d]) + word)
    if n:
        out.append(DIGITS[n])
    return "".join(out)


def render(n: int, section) -> str:
    """n in 兆/億/万 sections, each section rendered by `section` (kanji or Arabic digits)."""
    parts = []
    for value, word in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        d, n = divmod(n, value)
        if d:
            parts.append(section(d) + word)
    return "".join(parts)


def only_match(text: str):
    found = find_numbers(text)
    assert len(found) == 1, (text, found)
    return found[0]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_kanji_rendering_parses_back(n):
    text = "予算は" + render(n, kanji_below_10000) + "円だった"
    m = only_match(text)
    assert (m.label, m.value, m.currency) == ("MONEY", float(n), "JPY"), text
    assert text[m.start : m.end] == render(n, kanji_below_10000) + "円"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_mixed_oku_man_rendering_parses_back(n):
    # 1億2345万6789人
    text = "合計" + render(n, str) + "人が参加"
    m = only_match(text)
    assert (m.label, m.value, m.unit) == ("QUANTITY", float(n), "人"), text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["ドル", "米ドル", "円", "ユーロ", "ウォン"]))
def test_comma_grouped_arabic_money(n, currency):
    text = f"売上は{n:,}{currency}に達した"
    m = only_match(text)
    assert (m.label, m.value) == ("MONEY", float(n))


IDIOMS = ["一部", "一旦", "万一", "十分", "一人ひとり", "数学", "役割", "両社", "一方", "一緒", "唯一", "統一",
          "一般", "同一", "一番", "一度", "一時", "第三者", "一見", "一連", "万全", "千葉", "九州", "一転"]
KANA = st.text(alphabet="あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(IDIOMS), KANA), min_size=1, max_size=8))
def test_idioms_joined_with_kana_never_parse(parts):
    text = "".join(a + b for a, b in parts)
    assert find_numbers(text) == [], text
