"""Golden cases for the number tagger: expected values written by hand (seeds, corpus, synthetic)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from normalizers.numbers import find_numbers

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "numbers"
FIELDS = ("label", "value", "value_low", "value_high", "value_text", "unit", "currency", "approximate", "qualifier")


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (GOLDEN / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


def _expected(cols: list[str]) -> dict:
    cols = cols + [""] * (11 - len(cols))
    label, value, low, high, value_text, unit, currency, approx, qualifier = cols[2:11]
    num = lambda s: float(s) if s else None  # noqa: E731
    return {
        "label": label,
        "value": num(value),
        "value_low": num(low),
        "value_high": num(high),
        "value_text": value_text or None,
        "unit": unit or None,
        "currency": currency or None,
        "approximate": approx == "true",
        "qualifier": qualifier or None,
    }


CASES = [pytest.param(r, id=f"{name}:{i}") for name in ("handwritten.tsv", "synthetic.tsv", "issue19.tsv") for i, r in enumerate(_rows(name))]


def test_golden_files_are_big_enough():
    assert len(CASES) >= 300


@pytest.mark.parametrize("cols", CASES)
def test_golden(cols):
    text, surface = cols[0], cols[1]
    found = find_numbers(text)
    by_surface = {text[m.start : m.end]: m for m in found}
    assert surface in by_surface, f"{surface!r} not found in {[text[m.start:m.end] for m in found]}"
    m = by_surface[surface]
    got = {f: getattr(m, f) for f in FIELDS}
    want = _expected(cols)
    for f in ("value", "value_low", "value_high"):  # float noise from decimals like 0.5兆
        if got[f] is not None and want[f] is not None:
            assert got[f] == pytest.approx(want[f], rel=1e-12), f
            got[f] = want[f]
    assert got == want


@pytest.mark.parametrize("text", [t[0] for t in _rows("must_not_tag.txt")])
def test_must_not_tag(text):
    found = find_numbers(text)
    assert found == [], [text[m.start : m.end] for m in found]


@pytest.mark.parametrize("cols", _rows("relative.tsv"))
def test_relative_dates(cols):
    text, pub, surface, value_text, qualifier, undated = (cols + [""])[:6]
    m = next(m for m in find_numbers(text, dt.date.fromisoformat(pub)) if text[m.start : m.end] == surface)
    assert (m.label, m.value_text, m.qualifier) == ("DATE", value_text, qualifier)
    # without a publication date the word is kept and nothing is guessed: only the month or day
    # the text says stays, year-less (昨年11月 → --11; NUMBERS.md)
    m = next(m for m in find_numbers(text) if text[m.start : m.end] == surface)
    assert (m.value_text, m.qualifier) == (undated or None, qualifier)


def test_matches_sorted_and_disjoint():
    text = "".join(r[0] for r in _rows("handwritten.tsv"))
    found = find_numbers(text)
    assert len(found) > 100
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


@pytest.mark.parametrize("text", ["一" * 5000 + "人", "一" * 5000, "1" * 5000 + "人", "三" * 70 + "億ドル"])
def test_long_runs_of_numerals_are_no_number_and_no_crash(text):
    # int() refuses strings of more than 4,300 digits: a long run of kanji digits used to raise
    assert find_numbers(text) == []


@pytest.mark.parametrize("text, surfaces", [
    # the first of a list just counted is "one of them", no count (batch n8; kaden-channel-6518560)
    ("この美顔器は3つの機能が自慢だ。1つはエレクトロポレーション", ["3つ"]),
    ("条件は大きく4つ、「1つは自然な音色の再現力", ["4つ"]),
    ("1つは自分用に買った", ["1つ"]),
])
def test_the_first_of_a_list_is_no_count(text, surfaces):
    assert [text[m.start : m.end] for m in find_numbers(text)] == surfaces


def test_a_floor_on_the_building_line_under_an_address_is_part_of_it():
    """The building's line under the address's block numbers (batch n11): its floors are no mentions."""
    text = "■問い合わせ\n東京都港区六本木6-10-2\n六本木ヒルズ ヒルサイド けやき坂コンプレックス1F・2F\nTel:03-5159-7800"
    assert [text[m.start:m.end] for m in find_numbers(text)] == []
    text = "会場は6-10-2の先です。\nビルの2Fに上がると"  # (a line that does not end on the block numbers)
    assert [text[m.start:m.end] for m in find_numbers(text)] == ["2F"]
