"""`name_like_kana_runs`, the one regex scan `find_candidates` uses for katakana terms, finds
exactly the runs of `KATAKANA_RUN.finditer` that are MIN_KANA long and `name_like_kana` (the
definition of a name cue): on real text and on generated strings of katakana, joiners, quotes
and titles, where a possessive run that could be shortened to fit a cue would show."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.candidates import MIN_KANA, find_candidates, name_like_kana, name_like_kana_runs
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


# -- the Latin terms: brand-like, outside URLs, e-mail addresses and domains --------------------

def reference_latin(text: str) -> list[tuple[int, int, str]]:
    """The Latin terms as find_candidates took them before its cheap gates: `web_around` asked
    for every brand-like term, the capital looked for letter by letter."""
    from glossary.candidates import _LATIN_TERM, STOPWORDS
    from glossary.web import web_around

    out = []
    for m in _LATIN_TERM.finditer(text):
        term = m.group()
        first = term.split(" ")[0]
        if term.lower() in STOPWORDS or first.lower() in STOPWORDS and " " not in term:
            continue
        if not any(c.isupper() for c in first) or len(term) < 3:
            continue
        s, e = m.span()
        if not any(ws < e and s < we for ws, we in web_around(text, s, e)):
            out.append((s, e, term))
    return out


LATIN_PIECES = ["Open", "AI", "openai", "The", "Information", " ", ".", "com", "co", "jp", "@", "/", "://", "http",
                "www", "-", "_", "&", "'", "4S", "と", "社", "「", "\n", "x", "Elon Musk", "NVIDIA", "ai", ":"]


@pytest.mark.parametrize("text", [
    "連絡はSupport@openai.comまで", "Open@co.jp", "Mail:Sales@OpenAI.com", "http://OpenAI/x と", "OpenAI:https://x.co",
    "サイトOpenAI.comで", "NVIDIA_AI@x.co.jp", "~Grok@x.ai", "OpenAI?q=1", "Elon Musk=ceo.jp", "「OpenAI」と",
])
def test_latin_terms_next_to_web_characters(text):
    got = [c for c in find_candidates(NoGlossary(), text, []) if c[2].isascii()]
    assert got == reference_latin(text)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(LATIN_PIECES), max_size=25).map("".join))
def test_latin_terms_equal_the_term_by_term_test(text):
    got = [c for c in find_candidates(NoGlossary(), text, []) if c[2].isascii()]
    assert got == reference_latin(text)


class NoGlossary:
    """A glossary that knows no term and no common word: every term found is kept."""

    common_words: frozenset[str] = frozenset()

    def is_known(self, surface: str) -> bool:
        return False


def test_latin_terms_equal_the_term_by_term_test_on_livedoor():
    n = 0
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            got = [c for c in find_candidates(NoGlossary(), text, []) if c[2].isascii()]
            assert got == reference_latin(text), text[:80]
            n += 1
            if n == 1500:
                break
