"""After the glossary rewrote a few words of a text the rules had settled, the rules run again
only on the rewritten lines where they read a line alone (`Rule.line_local`,
`Normalizer.apply_rules(lines=...)`); the result must be what running them over the whole text
gives, edits included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import Normalizer
from normalizers.alignment import Alignment
from normalizers.normalizer import lines_around
from normalizers.rules import CHARACTER_RULES

NORMALIZER = Normalizer()

_ALPHABET = list(
    "あいうえおかがはのとにをでもアイウエオカガサーバマイクロソフト日本語会社東京年月氏"
    "abcxyzABC0123456789.,-%$/ "
) + [" ", " ", "\u3000", "\u3000", "\n", "\n", "\u00a0", "Ａ", "１", "（", "）", "！", "‐", "－", "〜", "~", "。", "、", "「", "」"]
# What a rewrite may write: glossary-like replacements and the characters the rules react to.
_WRITTEN = ["Microsoft", "OpenAI", "マイクロソフト", "アルトマン", "Sam Altman", "Ａ１", " と", "ー", "‐", "", " ", "\u3000", "は"]


def _settled(text: str) -> str:
    alignment = Alignment(text)
    NORMALIZER.apply_rules(alignment)
    return alignment.text


def _rerun(text: str, lines: list[tuple[int, int]] | None) -> tuple[str, list]:
    alignment = Alignment(text)
    NORMALIZER.apply_rules(alignment, lines=lines)
    return alignment.text, alignment.edits


def _rewrite(text: str, spans: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """`text` with each (start, end, new) put in (sorted, disjoint), and where the new parts are."""
    parts, written, pos, shift = [], [], 0, 0
    for start, end, new in spans:
        parts += [text[pos:start], new]
        written.append((start + shift, start + shift + len(new)))
        shift += len(new) - (end - start)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), written


@st.composite
def settled_and_rewritten(draw):
    settled = _settled(draw(st.text(st.sampled_from(_ALPHABET), max_size=120)))
    cuts = sorted(draw(st.lists(st.integers(0, len(settled)), min_size=2, max_size=6)))
    # No rewrite takes a line break with it (glossary names never hold one).
    spans = [
        (a, b, draw(st.sampled_from(_WRITTEN)))
        for a, b in zip(cuts[::2], cuts[1::2])
        if "\n" not in settled[a:b]
    ]
    return _rewrite(settled, spans)


@settings(max_examples=400, deadline=None)
@given(settled_and_rewritten())
def test_rules_on_the_rewritten_lines_give_what_the_whole_text_gives(case):
    text, written = case
    assert _rerun(text, lines_around(text, written)) == _rerun(text, None)


def test_a_spaced_translation_made_by_rewrites_is_read_whole():
    # Three rewrites make the text a spaced translation (`Microsoft と`: step-1 spaces), so the
    # step-3 space on the untouched last line (`翻訳 された`) goes too: the space rule must not
    # stop at the rewritten line there (`SpacedDocument.by_line`).
    settled = _settled("マイクロソフト と グーグル と アマゾン と提携したと発表したのは木曜日のことだった。\n翻訳 された文章は、ここで長く続いていくのである。")
    assert "翻訳 された" in settled and "マイクロソフト と" in settled
    first_line = settled.index("\n")
    text, written = _rewrite(
        settled,
        [(0, 7, "Microsoft"), (10, 14, "Google"), (17, 21, "Amazon")],
    )
    assert text.index("\n") > 0 and all(end < text.index("\n") for _, end in written), first_line
    whole_text, _ = _rerun(text, None)
    assert "翻訳された" in whole_text
    assert _rerun(text, lines_around(text, written)) == _rerun(text, None)


def test_a_line_local_rule_looks_only_at_the_given_lines():
    fullwidth = next(r for r in CHARACTER_RULES if r.name == "fullwidth_ascii")
    text = "ＡＢ です\nＣＤ です\nＥＦ"
    second = (text.index("Ｃ"), text.index("\n", text.index("Ｃ")))
    got = fullwidth.replacements_on_lines(text, [second])
    assert [(r.start, r.end, r.new) for r in got] == [(second[0], second[0] + 2, "CD")]
    assert len(fullwidth.replacements(text)) == 3


def test_lines_around_gives_whole_lines_merged():
    text = "ab\ncd\nef\ngh"
    assert lines_around(text, [(4, 4)]) == [(3, 5)]
    assert lines_around(text, [(0, 1), (3, 4), (10, 11)]) == [(0, 2), (3, 5), (9, 11)]
    assert lines_around(text, [(1, 4)]) == [(0, 5)]


def test_lines_are_dropped_once_a_rule_moves_the_text():
    # halfwidth_katakana composes ｶﾞ (two characters) into ガ: the second line moves one
    # character left, and a rule after it must not look at the old positions (fullwidth_ascii
    # would then start one character late and miss the Ａ of `Ａ１` at the line's start).
    settled = _settled("あいう と提携\nかきく です")
    text, written = _rewrite(settled, [(0, 3, "ｶﾞｲﾄﾞ"), (8, 11, "Ａ１")])
    assert text == "ｶﾞｲﾄﾞ と提携\nＡ１ です"
    assert _rerun(text, None)[0] == "ガイド と提携\nA1です"
    assert _rerun(text, lines_around(text, written)) == _rerun(text, None)
