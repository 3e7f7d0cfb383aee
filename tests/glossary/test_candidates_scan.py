"""`name_like_kana_runs`, the one regex scan `find_candidates` uses for katakana terms, finds
exactly the runs of `KATAKANA_RUN.finditer` that are MIN_KANA long and `name_like_kana` (the
definition of a name cue): on real text and on generated strings of katakana, joiners, quotes
and titles, where a possessive run that could be shortened to fit a cue would show."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.candidates import MIN_KANA, name_like_kana, name_like_kana_runs
from normalizers.chars import KATAKANA_RUN

LIVEDOOR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "livedoor.jsonl.gz"


def reference_runs(text: str) -> list[tuple[int, int]]:
    """The runs one by one, as find_candidates tested them before the scan."""
    return [m.span() for m in KATAKANA_RUN.finditer(text)
            if m.end() - m.start() >= MIN_KANA and name_like_kana(text, *m.span())]


def test_cues_each_found_and_a_run_never_shortened():
    text = "「ニコニコ」とスミス氏、ジョン・スミスCEO、「アイウ」エ、コメント、ーアイウ氏、・カキク社、アイ"
    assert name_like_kana_runs(text) == reference_runs(text)
    found = [text[s:e] for s, e in name_like_kana_runs(text)]
    assert found == ["ニコニコ", "スミス", "ジョン・スミス", "アイウ", "アイウ", "カキク"]
    # a run is not cut down to a part a cue follows: ソニー before グループ is inside one run
    assert name_like_kana_runs("ソニーグループの決算") == reference_runs("ソニーグループの決算") == []


PIECES = ["ア", "イ", "ン", "ッ", "ァ", "ヴ", "ー", "\N{KATAKANA MIDDLE DOT}", "\N{HALFWIDTH KATAKANA MIDDLE DOT}",
          "=", "\N{FULLWIDTH EQUALS SIGN}", "「", "」", "『", "』", "氏", "社", "社長", "CEO", " ", "\N{IDEOGRAPHIC SPACE}",
          "の", "a", "\n", "グループ"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_scan_equals_the_run_by_run_test(text):
    assert name_like_kana_runs(text) == reference_runs(text)


def test_scan_equals_the_run_by_run_test_on_livedoor():
    n = 0
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            assert name_like_kana_runs(text) == reference_runs(text), text[:80]
            n += 1
            if n == 1500:
                break
