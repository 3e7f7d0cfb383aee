"""The rules' second run after the glossary's rewrites is skipped when `rules_settled_near` says
it would change nothing: it searches the lines around the rewrites only (`rules.line_windows`).
It must never say "nothing" where the whole run (`apply_rules` over the whole text, the
reference) changes something, and the documents must be the ones the whole run gives."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import NormalizeConfig, Normalizer
from normalizers.alignment import Alignment
from normalizers.rules import line_windows

from .test_alignment_properties import INTERESTING
from .test_golden import load_cases, unescape

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# Pieces the rules read around a rewrite: particles, honorifics, counters, debris words, line
# breaks and spaces, and the words that make a document a spaced translation (`7 月`, `は x`).
_PIECES = INTERESTING + [
    "は", "と", "氏", "社", "月", "7 月", "は x", "Microsoft と", "English", "日本語", "Français",
    "Deutsch", "Español", "中文", "• ", "0 comments", "コメント", "お得", "|", "\n\n", "！ ", "AI ",
    "ミラ", "監督", "Dota 2 ", "（", "）", "セール", "$5 (", "お得!)", "  ", "\u3000\u3000",
]
# What a glossary rewrite can write: names in Latin or katakana, with the spaces the normalizer
# puts around a Latin name next to Latin text; a few characters a rule would take up.
_NEW = ["Microsoft", "Sam Altman", "OpenAI", "アルトマン", " AI ", "Inflection AI", "x", "ｶ", "Ａ", "―", "-", "~", ""]

# Built once, outside the strategy: a strategy that builds one per example repeats its set-up
# 1,500 times, and a first build's lazy imports inside a draw are what hypothesis warns about.
_NORMALIZERS = [Normalizer(config=NormalizeConfig()),
                Normalizer(config=NormalizeConfig(remove_debris=False, strip_line_indent=True))]


@st.composite
def settled_and_rewritten(draw):
    """(normalizer, the text the rules settled, that text with rewrites, the rewrites' spans)."""
    n = draw(st.sampled_from(_NORMALIZERS))
    alignment = Alignment("".join(draw(st.lists(st.sampled_from(_PIECES), max_size=30))))
    n.apply_rules(alignment)
    before = alignment.text
    cuts = sorted(draw(st.lists(st.integers(0, len(before)), min_size=2, max_size=6)))
    parts, spans, pos, out_len = [], [], 0, 0
    for start, end in zip(cuts[0::2], cuts[1::2]):
        new = draw(st.sampled_from(_NEW))
        parts.append(before[pos:start])
        out_len += start - pos
        spans.append((out_len, out_len + len(new)))
        parts.append(new)
        out_len += len(new)
        pos = end
    parts.append(before[pos:])
    return n, before, "".join(parts), spans


@settings(max_examples=1500, deadline=None)
@given(settled_and_rewritten())
def test_settled_near_means_the_whole_run_changes_nothing(case):
    n, before, text, spans = case
    if n.rules_settled_near(before, text, spans):
        whole = Alignment(text)
        n.apply_rules(whole)
        assert whole.text == text and not whole.edits


def test_a_change_near_a_rewrite_is_seen():
    n = Normalizer()
    before = "発表した。\nマイクロソフトは新製品を出す。\n次の行。"
    # `AI` and a rewrite written next to it with two spaces: latin_space collapses them
    text = before.replace("マイクロソフト", "AI  Microsoft")
    start = text.index("AI")
    assert not n.rules_settled_near(before, text, [(start, start + len("AI  Microsoft"))])
    # the same rewrite with one space leaves the rules nothing to do
    text = before.replace("マイクロソフト", "AI Microsoft")
    assert n.rules_settled_near(before, text, [(start, start + len("AI Microsoft"))])


def test_a_document_turned_spaced_translation_runs_everything():
    # Three `7 月`-like spaces written by the rewrite make the document a spaced translation: a
    # space the rules kept far from the rewrite (step 3, `東京 大阪` inside a sentence) must now go.
    n = Normalizer()
    alignment = Alignment("東京 大阪の会社が、新しい製品を売り出した。\n" + "これは長い文です。\n" * 3)
    n.apply_rules(alignment)
    before = alignment.text
    assert "東京 大阪" in before
    rewrite = "Microsoft は 5 月 と 6 月 に"
    text = before + rewrite
    assert not n.rules_settled_near(before, text, [(len(before), len(text))])
    whole = Alignment(text)
    n.apply_rules(whole)
    assert "東京大阪" in whole.text


def test_line_windows_take_whole_lines_and_their_neighbours():
    text = "a\nb\n\n\nc x d\n\ne\nf"
    x = text.index("x")
    # the span's line, the non-blank line before (b, over the empty lines) and after (e)
    assert line_windows(text, [(x, x + 1)]) == [(2, text.index("\nf"))]
    assert line_windows("abc", [(1, 2)]) == [(0, 3)]
    assert line_windows("a\nb\nc\nd\ne", [(0, 1), (8, 9)]) == [(0, 3), (6, 9)]
    assert line_windows("a\nb\nc", [(0, 1), (4, 5)]) == [(0, 5)]


def _parts(doc):
    return doc.text, doc.edits, doc.sentences, doc.mentions


@pytest.fixture(scope="module")
def linked() -> Normalizer:
    return Normalizer.from_glossary()


def _whole_run_documents(n: Normalizer, texts: list[str]) -> list:
    with mock.patch.object(Normalizer, "rules_settled_near", lambda self, before, text, spans: False):
        return [_parts(n.normalize(t)) for t in texts]


def test_same_documents_as_the_whole_run_on_golden_and_seeds(linked):
    texts = [unescape(c.values[1]["input"]) for c in load_cases()]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert [_parts(linked.normalize(t)) for t in texts] == _whole_run_documents(linked, texts)


_NAMES = ["ウルトラマン", "マイクロソフト", "openai", "アルトマン", "ナデラ氏", "エヌビディア", "語形変化ai", "xai"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + _NAMES), max_size=30).map("".join))
def test_same_documents_as_the_whole_run_on_random_texts(linked, text):
    assert [_parts(linked.normalize(text))] == _whole_run_documents(linked, [text])
