"""Character classes: the one place that says which characters are katakana, hiragana, kanji,
Latin, digits, spaces, Japanese punctuation, and how full-width forms map to ASCII.

Every other module (the rules, the sentence splitter, the glossary's folding, matcher and
candidates) imports its classes from here. A class is the body of a regex character class
(`f"[{KATAKANA_LETTERS}]"`), written with `\\N{...}` names so look-alike characters stay visible;
ranges are inclusive. Pure data: no functions with state, no I/O.
"""

from __future__ import annotations

import re
from typing import Final

# --- kana ------------------------------------------------------------------------------------

# Hiragana letters ぁ..ゖ (U+3041..U+3096): not the voiced marks ゙゚゛゜, the iteration marks
# ゝゞ or the digraph ゟ after them. Also what pykakasi converts as hiragana.
HIRAGANA = "\N{HIRAGANA LETTER SMALL A}-\N{HIRAGANA LETTER SMALL KE}"

# Katakana letters ァ..ヺ (U+30A1..U+30FA), small ヵヶ and ヷ..ヺ included; not ・ or ー.
KATAKANA_LETTERS = "\N{KATAKANA LETTER SMALL A}-\N{KATAKANA LETTER VO}"
KATAKANA_FIRST, KATAKANA_LAST = 0x30A1, 0x30FA  # the same range as code points (numpy tables)
LONG_VOWEL = "\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}"  # ー
KATAKANA_MIDDLE_DOT = "\N{KATAKANA MIDDLE DOT}"  # ・
# Katakana as a word is written: the letters and the long-vowel mark (サーバー).
KATAKANA = KATAKANA_LETTERS + LONG_VOWEL
# Half-width katakana and its punctuation (｡｢｣､･ｦ..ﾝﾞﾟ, U+FF61..U+FF9F).
HALFWIDTH_KATAKANA = "\N{HALFWIDTH IDEOGRAPHIC FULL STOP}-\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}"

# Every code point of the kana blocks (hiragana, katakana, katakana phonetic extensions),
# marks and unassigned ones included: what "Japanese" means next to a space.
KANA_BLOCKS = (
    "\N{HIRAGANA LETTER SMALL A}-\N{KATAKANA DIGRAPH KOTO}"  # U+3041..U+30FF
    "\N{KATAKANA LETTER SMALL KU}-\N{KATAKANA LETTER SMALL RO}"  # U+31F0..U+31FF
)

# Separators written between the parts of a foreign name: ・ (and its half-width and Latin
# look-alikes), the double hyphen ゠ / = used in ジャン=ポール, and spaces.
NAME_SEPARATORS = (
    "\N{KATAKANA MIDDLE DOT}\N{HALFWIDTH KATAKANA MIDDLE DOT}\N{MIDDLE DOT}\N{BULLET}"
    "\N{KATAKANA-HIRAGANA DOUBLE HYPHEN}=\N{FULLWIDTH EQUALS SIGN} \N{IDEOGRAPHIC SPACE}"
)
# The joiners a katakana name's parts are written with (ジョン・スミス, ジャン=ポール).
NAME_JOINERS = "\N{KATAKANA MIDDLE DOT}\N{HALFWIDTH KATAKANA MIDDLE DOT}=\N{FULLWIDTH EQUALS SIGN}"
# A katakana run: katakana words joined by name joiners (サム・アルトマン, ジャン=ポール).
KATAKANA_RUN = re.compile(
    f"[{KATAKANA_LETTERS}][{KATAKANA}]*(?:[{NAME_JOINERS}][{KATAKANA_LETTERS}][{KATAKANA}]*)*"
)

# --- kanji -----------------------------------------------------------------------------------

# The CJK ideographs of the BMP: Extension A, the unified block, compatibility ideographs.
CJK_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Kanji: `\p{Han}` (radicals, 々〇〡..〩〸..〻, the ideograph blocks of every plane) plus 〆 and
# ヶ, which stand for kanji (〆切, 霞ヶ関). tests/normalizers/test_chars.py checks it against
# `regex`'s \p{Han}.
KANJI = (
    "\N{CJK RADICAL REPEAT}-\N{CJK RADICAL RAP}\N{CJK RADICAL CHOKE}-\N{CJK RADICAL C-SIMPLIFIED TURTLE}"
    "\N{KANGXI RADICAL ONE}-\N{KANGXI RADICAL FLUTE}"  # U+2F00..U+2FD5
    "\N{IDEOGRAPHIC ITERATION MARK}\N{IDEOGRAPHIC CLOSING MARK}\N{IDEOGRAPHIC NUMBER ZERO}"  # 々〆〇
    "\N{HANGZHOU NUMERAL ONE}-\N{HANGZHOU NUMERAL NINE}"  # U+3021..U+3029
    "\N{HANGZHOU NUMERAL TEN}-\N{VERTICAL IDEOGRAPHIC ITERATION MARK}"  # U+3038..U+303B
    "\N{KATAKANA LETTER SMALL KE}"  # ヶ
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9"
    # Beyond the BMP, as `regex`'s \p{Han} (a newer Unicode than Python 3.11's 14.0 included).
    "\U00016fe2\U00016fe3\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e"
    "\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d"
    "\U00030000-\U0003134a\U00031350-\U00033479"
)

# --- punctuation, spaces ---------------------------------------------------------------------

# Japanese punctuation and brackets, U+3001..U+3035: 、。〃〄々〆〇〈〉《》「」『』【】〒〓〔〕〖〗〘〙〚〛〜〝〞〟...
JAPANESE_PUNCTUATION = "\N{IDEOGRAPHIC COMMA}-\N{VERTICAL KANA REPEAT MARK LOWER HALF}"
# Half-width forms of Japanese punctuation and kana: ｟｠｡｢｣､･ｦ..ﾟ (U+FF5F..U+FF9F).
HALFWIDTH_JAPANESE = "\N{FULLWIDTH LEFT WHITE PARENTHESIS}-\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}"
# Japanese characters for the spacing rule: punctuation, kana, ideographs, half-width forms.
JAPANESE = JAPANESE_PUNCTUATION + KANA_BLOCKS + KANJI + HALFWIDTH_JAPANESE

# Spaces other than the ASCII space that a text can carry between words.
OTHER_SPACES = (
    "\t\N{NO-BREAK SPACE}\N{IDEOGRAPHIC SPACE}\N{NARROW NO-BREAK SPACE}\N{MEDIUM MATHEMATICAL SPACE}"
    "\N{EN QUAD}-\N{HAIR SPACE}"
)
SPACES = " " + OTHER_SPACES
# `\s` of `re` spelled out (the same set: tests/normalizers/test_sentences_mapping_speed.py): a
# class of ranges is one table lookup, `\s` a category test per character.
WHITESPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NEWLINES = "\r\x85\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}"

# --- Latin, digits ---------------------------------------------------------------------------

DIGITS = "0-9"
FULLWIDTH_DIGITS = "\N{FULLWIDTH DIGIT ZERO}-\N{FULLWIDTH DIGIT NINE}"
# Latin letters and digits, ASCII and full-width.
ALNUM = (
    "A-Za-z" + DIGITS + FULLWIDTH_DIGITS
    + "\N{FULLWIDTH LATIN CAPITAL LETTER A}-\N{FULLWIDTH LATIN CAPITAL LETTER Z}"
    "\N{FULLWIDTH LATIN SMALL LETTER A}-\N{FULLWIDTH LATIN SMALL LETTER Z}"
)
# "A digit or Latin word" next to Japanese for the spacing rule: ASCII graphic characters and
# Latin letters with diacritics (café, Français). Not bullets (•), emoji, dashes or other
# scripts: a space between those and Japanese is layout and stays.
LATIN = (
    "!-~"
    "\N{INVERTED EXCLAMATION MARK}-\N{LATIN SMALL LETTER Y WITH STROKE}"  # U+00A1..U+024F
    "\N{LATIN CAPITAL LETTER A WITH RING BELOW}-\N{LATIN SMALL LETTER Y WITH LOOP}"  # U+1E00..U+1EFF
)

# --- widths ----------------------------------------------------------------------------------

# Full-width ASCII (U+FF01..U+FF5D; the full-width tilde U+FF5E is a wave dash, see
# WAVE_DASH_LOOKALIKES) and the full-width signs U+FFE0..U+FFE6.
FULLWIDTH_ASCII = (
    "\N{FULLWIDTH EXCLAMATION MARK}-\N{FULLWIDTH RIGHT CURLY BRACKET}"
    "\N{FULLWIDTH CENT SIGN}-\N{FULLWIDTH WON SIGN}"
)
# `str.translate` table of FULLWIDTH_ASCII to ASCII and the Latin-1 signs.
FULLWIDTH_TO_ASCII: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5E)}
FULLWIDTH_TO_ASCII.update(
    {
        ord("\N{FULLWIDTH CENT SIGN}"): "\N{CENT SIGN}",
        ord("\N{FULLWIDTH POUND SIGN}"): "\N{POUND SIGN}",
        ord("\N{FULLWIDTH NOT SIGN}"): "\N{NOT SIGN}",
        ord("\N{FULLWIDTH MACRON}"): "\N{MACRON}",
        ord("\N{FULLWIDTH BROKEN BAR}"): "\N{BROKEN BAR}",
        ord("\N{FULLWIDTH YEN SIGN}"): "\N{YEN SIGN}",
        ord("\N{FULLWIDTH WON SIGN}"): "\N{WON SIGN}",
    }
)

# --- dashes, tildes, marks, controls ---------------------------------------------------------

# Dash look-alikes that are a long-vowel mark when they follow katakana. Not the ASCII hyphen
# (グーグル-アップル is a real hyphen) and not the em dash (punctuation). The full-width
# hyphen-minus is here because Shift_JIS text types ー as － (コンピュ－タ).
LONG_VOWEL_LOOKALIKES = (
    "\N{HYPHEN}\N{NON-BREAKING HYPHEN}\N{FIGURE DASH}\N{EN DASH}\N{HORIZONTAL BAR}"
    "\N{MINUS SIGN}\N{BOX DRAWINGS LIGHT HORIZONTAL}\N{BOX DRAWINGS HEAVY HORIZONTAL}"
    "\N{FULLWIDTH HYPHEN-MINUS}"
)
HYPHENS = "\N{HYPHEN}\N{NON-BREAKING HYPHEN}"
# Hyphen look-alikes that are an ASCII hyphen between Latin letters or digits (GPT‐4, 2024–09).
HYPHEN_LOOKALIKES = (
    "\N{HYPHEN}\N{NON-BREAKING HYPHEN}\N{FIGURE DASH}\N{EN DASH}\N{MINUS SIGN}\N{SMALL HYPHEN-MINUS}"
)
# Wave dash look-alikes, all unified to WAVE DASH (〜): the same mark in Japanese text.
WAVE_DASH_LOOKALIKES = "\N{FULLWIDTH TILDE}\N{TILDE OPERATOR}\N{SWUNG DASH}"
WAVE_DASH = "\N{WAVE DASH}"

# The kana a voiced mark can follow: hiragana, ゝ, katakana ァ..ヶ (ワ..ヲ among them), ヽ.
VOICEABLE_KANA = (
    HIRAGANA + "\N{HIRAGANA ITERATION MARK}\N{KATAKANA LETTER SMALL A}-\N{KATAKANA LETTER SMALL KE}"
    "\N{KATAKANA LETTER WA}-\N{KATAKANA LETTER WO}\N{KATAKANA ITERATION MARK}"
)
VOICED_MARKS = (
    "\N{COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK}\N{COMBINING KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}"
    "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}\N{KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}"
)

# C0/C1 controls except tab and newline (CR is the newline rule's), plus invisible characters
# that only get in the way: soft hyphen, zero-width space, word joiner and invisible operators,
# bidi marks, embeddings and isolates. Not ZWJ/ZWNJ (emoji sequences) and not variation
# selectors (they choose a kanji's glyph in names).
# Lone UTF-16 surrogates (U+D800..U+DFFF in a str: a broken emoji pair, JSON `"\ud83d"`):
# no UTF-8 encoder, Parquet writer or regex module's folding takes them.
SURROGATES = "\ud800-\udfff"

CONTROLS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\N{SOFT HYPHEN}\N{ZERO WIDTH SPACE}\N{LEFT-TO-RIGHT MARK}\N{RIGHT-TO-LEFT MARK}"
    "\N{LEFT-TO-RIGHT EMBEDDING}-\N{RIGHT-TO-LEFT OVERRIDE}"
    "\N{WORD JOINER}-\N{INVISIBLE PLUS}\N{LEFT-TO-RIGHT ISOLATE}-\N{POP DIRECTIONAL ISOLATE}"
)


# --- code points -----------------------------------------------------------------------------

# For the few hot loops that read a character's class off its code point rather than call a
# regex (~20 instructions against ~1,500 a call: glossary/rewrites.py, glossary/wholenames.py);
# for a code point outside these they still ask the class. tests/normalizers/test_chars.py
# checks each against the classes above. (Final int literals: the compiled modules inline them.)
NO_KANJI_OR_HIRAGANA_BELOW: Final = 0x2E80  # every KANJI and HIRAGANA character is at or above
UNIFIED_IDEOGRAPHS_FIRST: Final = 0x4E00  # every code point of FIRST..LAST is KANJI
UNIFIED_IDEOGRAPHS_LAST: Final = 0x9FFF
KATAKANA_BLOCK_FIRST: Final = 0x30A0  # in the block, only SMALL_KE is KANJI (none is HIRAGANA)
KATAKANA_BLOCK_LAST: Final = 0x30FF
SMALL_KE: Final = 0x30F6  # \N{KATAKANA LETTER SMALL KE}

BMP_SIZE: Final = 0x10000


def bmp_runs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each maximal run of BMP code points in the class `[body]`, from one regex
    scan of a string of them all: how a per-code-point table is built from a class here (a regex
    call per code point cost ~40 ms at every import). Surrogates stand as themselves: no class
    holds one."""
    bmp = "".join(map(chr, range(BMP_SIZE)))
    return [m.span() for m in re.finditer(f"[{body}]+", bmp)]


def expand(spec: str) -> frozenset[str]:
    """The characters of a class body made of single characters and `a-z` ranges (no escapes)."""
    chars: set[str] = set()
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            chars.update(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            chars.add(spec[i])
            i += 1
    return frozenset(chars)
