"""The shortcuts of find_numbers (the cross-document caches, the `re` trigger, int arithmetic)
never change a result: they only skip work."""

from __future__ import annotations

import gzip
import json
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import normalizers.numbers as numbers
from normalizers.numbers import find_numbers, parse_numeral

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "numbers"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "livedoor.jsonl.gz"


def _golden_texts() -> list[str]:
    out = []
    for name in ("handwritten.tsv", "synthetic.tsv", "must_not_tag.txt"):
        for line in (GOLDEN / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                out.append(line.split("\t")[0])
    return out


@contextmanager
def _module_set(name: str, value):
    """`numbers.<name>` set to `value` for the duration of the block."""
    saved = getattr(numbers, name)
    setattr(numbers, name, value)
    try:
        yield
    finally:
        setattr(numbers, name, saved)


def _uncached(text: str):
    with _module_set("_USE_CACHE", False):
        return find_numbers(text)


def _check(texts: list[str]) -> None:
    numbers._CACHE.clear()
    for _ in range(2):  # cold, then warm: every window of the second pass is a cache hit
        for text in texts:
            assert find_numbers(text) == _uncached(text), text


def test_cache_is_transparent_on_golden_texts():
    texts = _golden_texts()
    # the same numbers after other left contexts: qualifiers, signs, identifiers, eras, spaces
    texts += [p + t for t in texts[:200] for p in ("約", "マイナス", "GPT-", "平成", " ", "約 ", "\n")]
    _check(texts)


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/corpus not present")
def test_cache_is_transparent_on_livedoor():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(400), f)]
    _check(texts)


# What may follow the window of the last number of a text: characters no pattern reads (が, の,
# parentheses), and continuations that are read (3分の1, an idiom, a large-number unit).
SUFFIXES = ("", "が", "の", "(1)", "分の1", "分の一", "年", "人ひとり", " 万", "。\n2")


def test_window_cache_ignores_what_follows_the_window():
    numbers._CACHE.clear()
    texts = _golden_texts()
    # every suffix reuses the windows the texts before it stored
    for suffix in SUFFIXES:
        for text in texts:
            assert find_numbers(text + suffix) == _uncached(text + suffix), text + suffix
    # and every left context the windows of a qualifier's last character (約, 最大, でも ...)
    for prefix in ("約", "最大", "最大 ", "でも", "少なくとも", "大", "超", "およそ", "ほぼ", "概ね", "最低"):
        for text in texts[:300]:
            assert find_numbers(prefix + text) == _uncached(prefix + text), prefix + text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789一二三十百万億年月日人分の第約超以上 .-()GBが円%〜、", max_size=24))
def test_window_cache_on_random_text(text):
    assert find_numbers(text) == _uncached(text)
    assert find_numbers(text) == _uncached(text)  # the second call is served from the cache


# The trigger as one `regex` pattern (with \p{Han}), before it moved to `re` + `_glued_kanji`, and
# before it left out the digit runs no branch can match at (in identifiers: Android 4.0, W13HT).
def _regex_trigger() -> regex.Pattern:
    nxt = "(?=[" + "".join(regex.escape(c) for c in numbers._TRIGGER_AFTER) + "])"
    kd = numbers._KD
    return regex.compile(
        f"[0-9０-９]++{nxt}|(?<=[oO. ])[0-9０-９]+"
        f"|(?<!(?![約超第計全各毎総僅和成正治])\\p{{Han}})[{kd}十百千数何]+{nxt}|[$¥￥€£₩第]"
        f"|(?<=[昨去来今])年|(?<=[先今来々])月|元(?=[ \u3000]?年)"
    )


_REFERENCE_TRIGGER = _regex_trigger()


def _starts(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    while pos < len(text):
        t = numbers._TRIGGER.search(text, pos)
        if t is None:
            break
        s = t.start()
        if text[s] in numbers._KANJI_NUM and numbers._glued_kanji(text, s):
            pos = s + 1
            continue
        out.append(t.span())
        pos = max(t.end(), s + 1)
    return out


def _with_reference_trigger(text: str):
    """find_numbers stepping every start of the reference trigger (uncached)."""
    with _module_set("_TRIGGER", _REFERENCE_TRIGGER):
        return _uncached(text)


def _check_trigger(text: str) -> None:
    # the trigger finds the reference's starts, less some digit runs ...
    ref = [m.span() for m in _REFERENCE_TRIGGER.finditer(text)]
    new = _starts(text)
    assert set(new) <= set(ref), text
    assert all(text[s] in numbers._DIGITS for s, _ in set(ref) - set(new)), text
    # ... and those made nothing
    assert _with_reference_trigger(text) == _uncached(text) == find_numbers(text), text


IDENTIFIER_TEXTS = [
    "統一二人", "会員数20万人", "平成二十四年", "約三千人", "唯一無二", "第三者", "Android 4.0を搭載", "W13HT",
    "320/5MP", "GPT-4o", "no.1", "No. 2位", "no 3", "No.5人", "_2024-09-12", "#2012/5/3", "X 2024-09-12",
    "a.2012.5.3", "A 5人", "は 5人", "1 2 3", "Go 2", "iPhone 4S", "5,000億", "1,500-3", "@3人", ",2024-01-02",
    "no5人", "NO3", "ano5", "@2024-09-12", "x2024-09-12", "v1.2.3人", "A- 5人", "A: 5人",
]


def test_re_trigger_finds_the_same_starts():
    for text in _golden_texts() + IDENTIFIER_TEXTS:
        _check_trigger(text)


# (text, the starts of the trigger): the digit runs of identifiers are none; ISO dates and the
# digits after `no`, `no.`, `no `, `no. ` still are (the equivalence above cannot tell a start
# that makes nothing from a skipped one)
SKIPPED_AND_KEPT = [
    ("Android 4.0を搭載", []), ("W13HT", []), ("320/5MP", [(0, 3)]), ("A 5人", []), ("A- 5人", []),
    ("v1.2.3人", []), ("_12人", []), ("#3人", []), ("x2024-09-12", []), ("a.2012.5.3", []),
    ("は 5人", [(2, 3)]), ("no5人", [(2, 3)]), ("No.5人", [(3, 4)]), ("no 3", [(3, 4)]), ("No. 2位", [(4, 5)]),
    ("@2024-09-12", [(1, 5)]), ("X 2024-09-12", [(2, 6)]), ("2024-09-12", [(0, 4)]),
]


@pytest.mark.parametrize("text, starts", SKIPPED_AND_KEPT)
def test_re_trigger_skips_the_digits_of_identifiers(text, starts):
    assert _starts(text) == starts


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789０１一二三十百数何統約第年月元昨先 .o$、人億", max_size=20))
def test_re_trigger_on_random_text(text):
    _check_trigger(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0120９NnoOXa .-/:_,#@年月日人円%〜万-", max_size=16))
def test_re_trigger_on_identifier_like_text(text):
    _check_trigger(text)


def test_window_cache_up_to_the_window_limit():
    # A number whose unit lies further than the trigger's window reads (_WINDOW_MAX characters
    # past the start) is stepped uncached: a shorter window would key 1,000,...,000人 and
    # 1,000,...,000円 alike and serve one the other's result.
    numbers._CACHE.clear()
    for _ in range(2):
        for k in range(22):  # numerals of 1 to 85 characters, across _WINDOW_MAX
            for unit in ("人", "円", "年", "日", "分の1"):
                text = "1" + ",000" * k + unit + "が"
                assert find_numbers(text) == _uncached(text), text


def test_whole_numbers_are_ints_and_decimals_exact():
    assert parse_numeral("2012").low == 2012 and isinstance(parse_numeral("2012").low, int)
    assert parse_numeral("1,500億").low == 150_000_000_000
    assert parse_numeral("2.5万").low == 25_000
    assert parse_numeral("〇・五").low == Fraction(1, 2)
    five_six = parse_numeral("五六")
    assert (five_six.low, five_six.high, five_six.exact) == (5, 6, False)
    (m,) = find_numbers("3分の1")
    assert m.value == 1 / 3


def test_iso_date_at_the_start_of_a_text_ending_on_o_or_a_dot():
    # the `no.1` shortcut of `_Finder.step` looks at the character before a start: never at text[-1]
    for end in (".", "o", " X"):
        (m,) = find_numbers("2024-09-12に発表" + end)
        assert (m.start, m.end, m.label, m.value_text) == (0, 10, "DATE", "2024-09-12")


def test_cached_steps_are_flat_tuples_of_atoms():
    """A cached step is (advance, mentions) with the mentions one flat tuple of fields
    (`_Finder.emit`): the garbage collector stops tracking it within the young generations'
    collections, so a cache filled by a pass does not pile up in the oldest one (full collections). And the flat fields
    still make the mentions `find_numbers` returns, at each place the step is reused."""
    import gc

    numbers._CACHE.clear()
    texts = [t for t in _golden_texts() if find_numbers(t)][:300]
    atoms = (int, float, str, bool, type(None))
    assert numbers._CACHE
    for made in numbers._CACHE.values():
        adv, mentions = made
        assert type(adv) is int and type(mentions) is tuple
        assert len(mentions) % numbers._MENTION == 0
        assert all(type(x) in atoms for x in mentions), made
    gc.collect()  # untracks the mentions tuples (all atoms) ...
    gc.collect()  # ... and then the steps holding them (a collection untracks one level)
    assert not any(map(gc.is_tracked, numbers._CACHE.values()))
    # Every step reused at another offset gives what a fresh, uncached run gives there.
    for t in texts:
        padded = "前置き。" + t
        assert find_numbers(padded) == _uncached(padded)
