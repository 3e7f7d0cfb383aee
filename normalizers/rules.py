"""The character rules: a table of small named text-to-text fixes, each producing edits.

Each `Rule` is a regular expression and a function from a match to its replacement (None leaves
the match as it is). `CHARACTER_RULES` runs in table order; the order matters and is explained
where it does. Character tables use `\\N{...}` names so look-alike characters stay visible.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import jaconv

from .alignment import Replacement


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    replace: Callable[[re.Match[str]], str | None]
    option: str | None  # the NormalizeConfig field that switches the rule, None: always on
    doc: str

    def replacements(self, text: str) -> list[Replacement]:
        out = []
        name = self.name
        replace = self.replace
        for m in self.pattern.finditer(text):
            new = replace(m)
            if new is not None and new != m.group():
                out.append(Replacement(m.start(), m.end(), new, name))
        return out


def _const(value: str) -> Callable[[re.Match[str]], str]:
    return lambda m: value


# --- character classes ---------------------------------------------------------------------

# Japanese characters for the spacing rule: kana, kanji, and Japanese punctuation/brackets
# (U+3001..U+303F: 、。〃〄々〆〇〈〉《》「」『』【】〒〓〔〕〖〗〘〙〚〛〜〝〞〟〠〡...).
JAPANESE = (
    "\N{IDEOGRAPHIC COMMA}-\N{VERTICAL KANA REPEAT MARK LOWER HALF}"  # U+3001..U+3035 punctuation
    "\N{IDEOGRAPHIC NUMBER ZERO}"
    "\N{HIRAGANA LETTER SMALL A}-\N{KATAKANA DIGRAPH KOTO}"  # U+3041..U+30FF kana
    "\N{KATAKANA LETTER SMALL KU}-\N{KATAKANA LETTER SMALL RO}"  # U+31F0..U+31FF
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs (unified, ext. A, compatibility)
    "\N{FULLWIDTH LEFT WHITE PARENTHESIS}-\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}"
)
KATAKANA = "\N{KATAKANA LETTER SMALL A}-\N{KATAKANA LETTER VU}\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}"

# Spaces other than the ASCII space that a text can carry between words.
OTHER_SPACES = (
    "\t\N{NO-BREAK SPACE}\N{IDEOGRAPHIC SPACE}\N{NARROW NO-BREAK SPACE}\N{MEDIUM MATHEMATICAL SPACE}"
    "\N{EN QUAD}-\N{HAIR SPACE}"
)
SPACES = " " + OTHER_SPACES

# Dash look-alikes that are a long-vowel mark when they follow katakana. Not the ASCII hyphen
# (グーグル-アップル is a real hyphen) and not the em dash (used as punctuation).
LONG_VOWEL_LOOKALIKES = (
    "\N{HYPHEN}\N{NON-BREAKING HYPHEN}\N{FIGURE DASH}\N{EN DASH}\N{HORIZONTAL BAR}"
    "\N{MINUS SIGN}\N{BOX DRAWINGS LIGHT HORIZONTAL}\N{BOX DRAWINGS HEAVY HORIZONTAL}"
)
# Hyphen look-alikes that are an ASCII hyphen between Latin letters or digits (GPT‐4, 2024–09).
HYPHEN_LOOKALIKES = (
    "\N{HYPHEN}\N{NON-BREAKING HYPHEN}\N{FIGURE DASH}\N{EN DASH}\N{MINUS SIGN}\N{SMALL HYPHEN-MINUS}"
)
# Wave dash look-alikes, all unified to WAVE DASH (〜): the same mark in Japanese text.
WAVE_DASH_LOOKALIKES = "\N{FULLWIDTH TILDE}\N{TILDE OPERATOR}\N{SWUNG DASH}"
WAVE_DASH = "\N{WAVE DASH}"

# Full-width ASCII (U+FF01..U+FF5D; the full-width tilde is a wave dash, see above) and the
# full-width signs U+FFE0..U+FFE6.
_FULLWIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5E)}
_FULLWIDTH_TABLE.update(
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

# C0/C1 controls except tab and newline (CR is handled by the newline rule first), plus
# invisible characters that only get in the way: soft hyphen, zero-width space, word joiner.
CONTROLS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\N{SOFT HYPHEN}\N{ZERO WIDTH SPACE}\N{WORD JOINER}"
)


def _compose_voiced(m: re.Match[str]) -> str | None:
    base, mark = m.group(1), m.group(2)
    combining = {
        "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}": "\N{COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK}",
        "\N{KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}": "\N{COMBINING KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}",
    }.get(mark, mark)
    composed = unicodedata.normalize("NFC", base + combining)
    return composed if len(composed) == 1 else None


def _nfkc_class() -> str:
    """Characters whose NFKC form differs and is safe to substitute (no spaces or combining marks
    introduced, not handled by another rule)."""
    chars = []
    for cp in range(0xA0, 0x10000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000 or 0xFF01 <= cp <= 0xFF9F:
            continue
        k = unicodedata.normalize("NFKC", c)
        if k != c and k.strip() == k and not any(unicodedata.combining(x) for x in k):
            chars.append(re.escape(c))
    return "".join(chars)


_NFKC_PATTERN: re.Pattern[str] | None = None


def _nfkc_pattern() -> re.Pattern[str]:
    global _NFKC_PATTERN
    if _NFKC_PATTERN is None:
        _NFKC_PATTERN = re.compile(f"[{_nfkc_class()}]+")
    return _NFKC_PATTERN


class _LazyNFKCPattern:
    """Builds the NFKC character class only when the option is used (it scans the BMP once)."""

    def finditer(self, text: str):
        return _nfkc_pattern().finditer(text)


CHARACTER_RULES: list[Rule] = [
    Rule(
        "newline",
        re.compile("\r\n?|[\x85\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}]"),
        _const("\n"),
        None,
        "CRLF, lone CR, NEL (U+0085) and Unicode line separators become LF.",
    ),
    Rule(
        "bom",
        re.compile("\N{ZERO WIDTH NO-BREAK SPACE}+"),
        _const(""),
        None,
        "Byte order marks (anywhere: concatenated files carry them mid-text) are removed.",
    ),
    Rule(
        "control_chars",
        re.compile(f"[{CONTROLS}]+"),
        _const(""),
        None,
        "NUL, other C0/C1 controls, soft hyphens and zero-width spaces are removed.",
    ),
    Rule(
        "fullwidth_ascii",
        re.compile("[\uff01-\uff5d\uffe0-\uffe6]+"),
        lambda m: m.group().translate(_FULLWIDTH_TABLE),
        "fullwidth_ascii",
        "Full-width ASCII letters, digits and symbols become ASCII (Ａ１！ → A1!).",
    ),
    Rule(
        "halfwidth_katakana",
        re.compile("[\N{HALFWIDTH IDEOGRAPHIC FULL STOP}-\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}]+"),
        lambda m: jaconv.h2z(m.group(), kana=True, ascii=False, digit=False),
        "halfwidth_katakana",
        "Half-width katakana and punctuation become full-width, voiced marks composed (ｶﾞ → ガ).",
    ),
    Rule(
        "voiced_mark",
        re.compile(
            "([\N{HIRAGANA LETTER SMALL A}-\N{HIRAGANA LETTER SMALL KE}\N{KATAKANA LETTER SMALL A}-\N{KATAKANA LETTER SMALL KE}"
            "\N{KATAKANA LETTER WA}-\N{KATAKANA LETTER WO}])"
            "([\N{COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK}\N{COMBINING KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}"
            "\N{KATAKANA-HIRAGANA VOICED SOUND MARK}\N{KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK}])"
        ),
        _compose_voiced,
        "halfwidth_katakana",
        "A kana followed by a separate or combining voiced mark becomes the precomposed kana "
        "(か + ゛ → が); marks that compose with nothing stay.",
    ),
    Rule(
        "nfkc_compat",
        _LazyNFKCPattern(),  # type: ignore[arg-type]
        lambda m: unicodedata.normalize("NFKC", m.group()),
        "nfkc_compat",
        "Compatibility characters folded with NFKC (① → 1, ㈱ → (株)). Off by default.",
    ),
    Rule(
        "long_vowel_mark",
        re.compile(f"(?<=[{KATAKANA}])[{LONG_VOWEL_LOOKALIKES}](?![{LONG_VOWEL_LOOKALIKES}A-Za-z0-9])"),
        _const("\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}"),
        "resolve_dashes",
        "A single dash look-alike after katakana is the long-vowel mark (サーバ― → サーバー); "
        "doubled dashes (――) are punctuation and stay.",
    ),
    Rule(
        "latin_hyphen",
        re.compile(f"(?<=[A-Za-z0-9])[{HYPHEN_LOOKALIKES}](?=[A-Za-z0-9])"),
        _const("-"),
        "resolve_dashes",
        "A hyphen, en dash or minus sign between Latin letters or digits is an ASCII hyphen "
        "(GPT‐4 → GPT-4). A minus sign before a number elsewhere stays: it is a sign.",
    ),
    Rule(
        "wave_dash",
        re.compile(f"[{WAVE_DASH_LOOKALIKES}]"),
        _const(WAVE_DASH),
        "unify_tildes",
        "Full-width tilde, tilde operator and swung dash become the wave dash 〜 (never deleted).",
    ),
    Rule(
        "tilde_range",
        re.compile(
            f"(?<=[0-9\N{IDEOGRAPHIC NUMBER ZERO}一二三四五六七八九十百千万億兆])[{SPACES}]*~[{SPACES}]*(?=[0-9$¥])"
        ),
        _const(WAVE_DASH),
        "unify_tildes",
        "An ASCII tilde between numbers is a range: 70,000 ~ 100,000 → 70,000〜100,000.",
    ),
    Rule(
        "japanese_space",
        re.compile(f"(?<=[{JAPANESE}])[{SPACES}]+(?=\\S)|(?<=\\S)[{SPACES}]+(?=[{JAPANESE}])"),
        _const(""),
        "remove_japanese_spaces",
        "Spaces next to a Japanese character go (7 月 22 日 → 7月22日, Microsoft と → Microsoftと).",
    ),
    Rule(
        "latin_space",
        re.compile(f"(?<=\\S)(?: {{2,}}[{SPACES}]*| ?[{OTHER_SPACES}][{SPACES}]*)(?=\\S)"),
        _const(" "),
        None,
        "Between Latin words, a run of spaces (or a no-break or ideographic space) is one space.",
    ),
    Rule(
        "line_indent",
        re.compile(f"^[{SPACES}]+(?=\\S)", re.M),
        _const(""),
        "strip_line_indent",
        "Leading spaces of a line go (the U+3000 paragraph indent).",
    ),
    Rule(
        "trailing_space",
        re.compile(f"[{SPACES}]+$", re.M),
        _const(""),
        None,
        "Spaces at the end of a line go.",
    ),
]

# Run after the debris rules, which can leave blank lines behind.
LAYOUT_RULES: list[Rule] = [
    Rule(
        "blank_lines",
        re.compile("\n{3,}"),
        _const("\n\n"),
        "collapse_blank_lines",
        "Runs of blank lines become one blank line.",
    ),
    Rule(
        "document_edges",
        re.compile("\\A\n+|\n+\\Z"),
        _const(""),
        None,
        "Blank lines at the start and end of the document go.",
    ),
]
