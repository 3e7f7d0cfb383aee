"""The document's own date (issue 19): a dateline at the top of the text, used when the input
gives no `published_at`, and the dates resolved against it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from normalizers import Normalizer
from normalizers.dateline import find_dateline

SEED_004 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "004_e5cf58db2809645c.txt"
SEPT_12 = dt.date(2024, 9, 12)


@pytest.mark.parametrize("text", [
    "2024-09-12\n本文。",
    "ニュース\n\nマスク氏はopenaiで数兆ドルを追いかける\n\n2024-09-12\n\n本文。",  # the seed's shape
    "2024年9月12日\n本文。",
    "見出し\n2024年9月12日（木）\n本文。",
    "見出し\n2024年9月12日 木曜日 10:30\n本文。",
    "2024/9/12 10:30\n本文。",
    "２０２４年９月１２日\n本文。",  # full-width, as a raw text may have it
    "  2024.9.12 (Thu)  \n本文。",
])
def test_dateline_at_the_top(text):
    assert find_dateline(text) == SEPT_12


@pytest.mark.parametrize("text", [
    "本文は2024年9月12日に発表された。\n次の行。",  # a date inside a sentence
    "2011年4月20日（水）〜5月6日（金）に開催する。",
    "見出し\n" + "本文の行。\n" * 12 + "2024-09-12\n",  # deep in the body
    "2024-02-30\n本文。",  # no such day
    "第2024-09-12号\n本文。",
    "",
    "本文だけ。",
])
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_normalizer_resolves_against_the_dateline():
    n = Normalizer.from_glossary()
    text = "見出し\n\n2024年9月12日\n\n昨年11月に発表し、今年5月に終了した。12月にも出る。"
    doc = n.normalize(text)
    assert (doc.published_at, doc.published_at_source) == (SEPT_12, "dateline")
    dates = {m.surface: m.value_text for m in doc.mentions if m.label == "DATE"}
    assert dates == {"2024年9月12日": "2024-09-12", "昨年11月": "2023-11", "今年5月": "2024-05", "12月": "2024-12"}
    (many,) = n.normalize_many([text])
    assert (many.mentions, many.published_at, many.published_at_source) == (doc.mentions, SEPT_12, "dateline")


def test_input_date_wins_over_the_dateline():
    n = Normalizer.from_glossary()
    text = "2024年9月12日\n昨年の話。"
    doc = n.normalize(text, published_at="2012-03-01")
    assert (doc.published_at, doc.published_at_source) == (dt.date(2012, 3, 1), "input")
    assert [m.value_text for m in doc.mentions if m.surface == "昨年"] == ["2011"]
    doc = n.normalize("昨年の話。")
    assert (doc.published_at, doc.published_at_source) == (None, None)
    assert [m.value_text for m in doc.mentions if m.surface == "昨年"] == [None]


def test_year_less_dates_take_the_nearest_year():
    n = Normalizer.from_glossary()
    doc = n.normalize("1月の記事", published_at="2024-12-20")
    assert [m.value_text for m in doc.mentions] == ["2025-01"]
    doc = n.normalize("12月3日の記事", published_at="2024-01-15")
    assert [m.value_text for m in doc.mentions] == ["2023-12-03"]


@pytest.mark.skipif(not SEED_004.is_file(), reason="../shared/seeds not present")
def test_seed_004_resolves_its_relative_and_year_less_dates():
    doc = Normalizer.from_glossary().normalize(SEED_004.read_text(encoding="utf-8"))
    assert (doc.published_at, doc.published_at_source) == (SEPT_12, "dateline")
    dates = [m for m in doc.mentions if m.label == "DATE"]
    relative = [m for m in dates if m.qualifier and m.qualifier[:2] in ("昨年", "今年")]
    assert len(relative) >= 15
    unresolved = [(m.surface, m.value_text) for m in dates if m.value_text is None or m.value_text.startswith("-")]
    assert unresolved == []
    assert {m.surface: m.value_text for m in relative}["昨年6月"] == "2023-06"
