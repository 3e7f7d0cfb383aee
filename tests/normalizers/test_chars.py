"""`normalizers.chars` is the one definition of the character classes: each class says what its
name says (checked against Unicode's names and `regex`'s \\p{Han}), and no other module of
normalizers/ or glossary/ spells a kana or kanji range of its own."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import regex

from normalizers import Normalizer
from normalizers import chars as C

ROOT = Path(__file__).resolve().parents[2]


def _members(spec: str) -> set[str]:
    rx = re.compile(f"[{spec}]")
    return {chr(c) for c in range(0x110000) if rx.match(chr(c))}


def test_kanji_is_han_plus_shime_and_small_ke():
    han = regex.compile(r"[\p{Han}\N{IDEOGRAPHIC CLOSING MARK}\N{KATAKANA LETTER SMALL KE}]")
    assert _members(C.KANJI) == {chr(c) for c in range(0x110000) if han.match(chr(c))}


def test_kana_classes_are_the_letters_unicode_names():
    def named(prefix: str, lo: int, hi: int) -> set[str]:
        return {chr(c) for c in range(lo, hi + 1) if unicodedata.name(chr(c), "").startswith(prefix)}

    assert _members(C.HIRAGANA) == named("HIRAGANA LETTER", 0x3040, 0x309F)
    assert _members(C.KATAKANA_LETTERS) == named("KATAKANA LETTER", 0x30A0, 0x30FF)
    assert _members(C.KATAKANA_LETTERS) == {chr(c) for c in range(C.KATAKANA_FIRST, C.KATAKANA_LAST + 1)}
    assert _members(C.KATAKANA) == _members(C.KATAKANA_LETTERS) | {C.LONG_VOWEL}
    assert _members(C.HALFWIDTH_KATAKANA) == named("HALFWIDTH", 0xFF61, 0xFF9F)
    assert C.expand(C.KATAKANA) == _members(C.KATAKANA)


def test_fullwidth_table_is_nfkc_of_the_fullwidth_class():
    assert {ord(c) for c in _members(C.FULLWIDTH_ASCII)} == set(C.FULLWIDTH_TO_ASCII)
    # (NFKC makes the full-width macron a space and a combining macron: the table takes ¯.)
    spacing = {"\N{FULLWIDTH MACRON}": "\N{MACRON}"}
    for c in _members(C.FULLWIDTH_ASCII):
        assert c.translate(C.FULLWIDTH_TO_ASCII) == spacing.get(c, unicodedata.normalize("NFKC", c)), c


def test_whitespace_is_re_s():
    assert _members(C.WHITESPACE) == {chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))}
    assert _members(C.SPACES) <= _members(C.WHITESPACE) and "\N{IDEOGRAPHIC SPACE}" in C.SPACES


def test_katakana_run():
    found = [m.group() for m in C.KATAKANA_RUN.finditer("サム・アルトマン氏とジャン=ポール、ヴァージン・")]
    assert found == ["サム・アルトマン", "ジャン=ポール", "ヴァージン"]


# Spelled kana or kanji ranges, by escape, by name or by code point: they belong in chars.py.
_RANGE_SPELLINGS = re.compile(
    r"\\u30[aA]1|\\u304[01]|\\u4e00|\\u3400|0x30A1|0x3041|(?i:0x4e00|0x9fff|0x2e80|0x30a0|0x30ff|0x3040)\b|"
    r"N\{(?:HIRAGANA|KATAKANA) LETTER SMALL A\}-|[ぁァ]-[ゖゟヴヺヿ]"
)


def test_no_other_module_spells_kana_or_kanji_ranges():
    spelled = []
    for folder in ("normalizers", "glossary"):
        for path in sorted((ROOT / folder).glob("*.py")):
            if path.name in ("chars.py", "numbers.py", "lint.py"):  # (numbers, lint: other owners)
                continue
            spelled += [f"{path.name}: {m.group()}" for m in _RANGE_SPELLINGS.finditer(path.read_text("utf-8"))]
    assert spelled == []


def test_wider_classes_reach_the_rules():
    # A kanji beyond the BMP is Japanese for the spacing rule like any other kanji: in a spaced
    # translation (issue 18: only there does a space between two kanji go) its space goes too.
    n = Normalizer()
    assert n.normalize("2024 年 7 月、\U00020bb7 野家 の 店に行った。").text == "2024年7月、\U00020bb7野家の店に行った。"
    # ヷ..ヺ are katakana letters: a dash after one is a long-vowel mark.
    assert n.normalize("ヴ\N{EN DASH}ヺ\N{EN DASH}").text == "ヴーヺー"


def test_code_points_say_what_the_classes_say():
    """The code points a few hot loops read a class off (chars.py, "code points") agree with the
    classes: nothing KANJI or HIRAGANA below NO_KANJI_OR_HIRAGANA_BELOW, every unified ideograph
    KANJI, in the katakana block only ヶ KANJI and nothing HIRAGANA."""
    kanji = _members(C.KANJI)
    native = kanji | _members(C.HIRAGANA)
    assert min(map(ord, native)) >= C.NO_KANJI_OR_HIRAGANA_BELOW
    assert all(chr(c) in kanji for c in range(C.UNIFIED_IDEOGRAPHS_FIRST, C.UNIFIED_IDEOGRAPHS_LAST + 1))
    block = {chr(c) for c in range(C.KATAKANA_BLOCK_FIRST, C.KATAKANA_BLOCK_LAST + 1)}
    assert block & native == {chr(C.SMALL_KE)} == {"\N{KATAKANA LETTER SMALL KE}"}


def test_code_point_readers_agree_with_their_regexes():
    """rewrites.native_span and wholenames' _kanji_at/_is_joiner, which read code points, give what
    the class regexes give, on every BMP character."""
    from glossary.rewrites import native_span
    from glossary.wholenames import _is_joiner, _kanji_at

    bmp = "".join(map(chr, range(0x10000)))
    native = re.compile(f"[{C.KANJI}{C.HIRAGANA}]")
    kanji = re.compile(f"[{C.KANJI}]")
    for i, ch in enumerate(bmp):
        assert native_span(bmp, i, i + 1) == (native.match(ch) is not None), hex(i)
        assert _kanji_at(bmp, i) == (kanji.match(ch) is not None), hex(i)
        assert _is_joiner(i) == (ch in C.NAME_JOINERS), hex(i)
