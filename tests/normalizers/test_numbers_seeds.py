"""The five seed articles: every numeric expression found with its value, nothing else tagged;
relative and year-less dates resolved through the dateline of the seed that has one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import regex

from normalizers.config import NormalizeConfig
from normalizers.dateline import find_dateline
from normalizers.normalizer import Normalizer
from normalizers.numbers import find_numbers

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "numbers" / "seeds.tsv"
FIELDS = ("label", "value", "value_low", "value_high", "value_text", "unit", "currency", "approximate", "qualifier")

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _key(row: list[str]) -> tuple:
    seed, surface, label, value, low, high, vt, unit, cur, approx, q = (row + [""] * 11)[:11]
    f = lambda s: float(s) if s else None  # noqa: E731
    return (seed, surface, label, f(value), f(low), f(high), vt or None, unit or None, cur or None, approx == "true", q or None)


def _expected() -> list[tuple]:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return [_key(line.split("\t")) for line in lines if line and not line.startswith("#")]


def _found() -> list[tuple]:
    # Debris kept: the shop adverts carry prices next to identifiers (Ryzen 5, XPS 13, x360 14).
    n = Normalizer(config=NormalizeConfig(remove_debris=False))
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = n.normalize(path.read_text(encoding="utf-8")).text
        # Dates resolved against the seed's dateline where it has one (004: 2024-09-12, issue 19).
        for m in find_numbers(text, find_dateline(text)):
            out.append((path.name, text[m.start : m.end]) + tuple(getattr(m, f) for f in FIELDS))
    return out


def test_seed_numbers_match_golden():
    expected, found = _expected(), _found()
    missing = Counter(expected) - Counter(found)
    extra = Counter(found) - Counter(expected)
    assert not missing and not extra, (missing, extra)


def test_seed_counts_per_label():
    by_label = Counter(k[2] for k in _expected())
    # the shape of the seeds: money dominates, every label occurs
    assert set(by_label) == {"MONEY", "QUANTITY", "PERCENT", "DATE", "DURATION", "ORDINAL"}
    assert by_label["MONEY"] >= 60


def test_seed_contract_examples_present():
    surfaces = {(k[1], k[2]) for k in _found()}
    for s, label in [("1,500億米ドル", "MONEY"), ("66億ドル", "MONEY"), ("5,000億", "QUANTITY"), ("数十億ドル", "MONEY"),
                     ("数百億ドル", "MONEY"), ("数兆ドル", "MONEY"), ("10万台", "QUANTITY"), ("100,000個", "QUANTITY"),
                     ("70,000〜100,000世帯", "QUANTITY"), ("1,379.99ドル", "MONEY"), ("$238.66", "MONEY"),
                     ("10%", "PERCENT"), ("100メガワット", "QUANTITY"), ("2024-09-12", "DATE"), ("9月11日", "DATE"),
                     ("7月22日", "DATE"), ("2023年1月", "DATE"), ("122日", "DURATION"), ("15カ月", "DURATION"),
                     ("5年間", "DURATION"), ("第1位", "ORDINAL")]:
        assert (s, label) in surfaces, s


IDENT = regex.compile(r"[A-Za-z]")  # no mention's number may contain a Latin letter (H100, GPT-4o, Grok 2 ...)
IDIOMS = ("一部", "一旦", "万一", "十分", "一人ひとり", "数学", "役割", "両社", "一方", "一緒", "唯一", "第三者", "一般")


def test_no_identifier_or_idiom_tagged():
    for k in _found():
        surface, unit = k[1], k[7]
        number = surface[: -len(unit)] if unit and surface.endswith(unit) else surface  # (a Latin unit: 10,000 cpu)
        assert not IDENT.search(number.replace("no.", "")), surface
        assert not any(i in surface for i in IDIOMS), surface
