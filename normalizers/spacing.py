"""Which spaces next to Japanese go: a translator's spaces, not a writer's (issue 18, CONTRACT §7).

The evidence comes from the hand-labelled spaces of tests/golden/normalizers/spaces.tsv (see
SPACES.md): machine translations put a space at nearly every boundary between Japanese and a
digit or Latin word (`7 月 22 日`, `Microsoft と`), while native text puts spaces between
phrases (headlines, lists, bylines, `！　` before a new sentence). A space run between a Japanese
character and a Japanese, Latin or digit one is read in three steps (`decide`):

1. Local evidence that it is an artifact, whatever the document: a number and its counter or
   unit (`7 月`, `1,500 億`, `2 つ`), a prefix and its number (`第 3`, `約 199mm`), a Latin word
   or number and a particle or suffix (`Microsoft と`, `MAI-1 は`, `musk 氏`), a particle and a
   Latin word or number (`は microsoft`, `の 1 つ`), a space after `「 、 。` or before
   `」 、 。 ）`, and a quotative after `！ ？ 」` (`？　と不思議`). Removed.
2. Evidence that it separates phrases: after `！`/`？` (typesetting), in a line that reads as a
   headline, list item, table row or byline (`phrase_line`), inside a katakana name before its
   honorific (`ミラ ムラティ氏`), before a role word after a name (`小池俊範 監督`), after a
   version number (`Dota 2 ゲーム`). Kept.
3. Anything else (`ja-ja`, `ja-latin`, `ja-digit` inside a sentence) is removed only when the
   document is a spaced translation (`SpacedDocument.translated`): the spaces of step 1 carry
   a good share of its Japanese–digit/Latin boundaries.

Idempotence: step 1 removes every run it counts as evidence, so a normalized text holds none
and reads as not translated; a second pass then removes only step-1 runs, and there are none
left (a line's phrase reading counts no spaces, so removing spaces never changes it).
Pure: the functions read the text they are given; `SpacedDocument` belongs to one text.
"""

from __future__ import annotations

import re
from typing import Final

from .chars import KANJI, KATAKANA, KATAKANA_MIDDLE_DOT, SPACES, expand

# --- step 1: local evidence of an artifact ---------------------------------------------------

# (The constants `decide` reads are Final: compiled, a read of a static, not a lookup in the
# module's dict at every use.)

# Counters and units that follow a number (`7 月`, `2 つ`, `100,000 個`, `4 か月`, `5 ドル`);
# not 日本 (`2.1 日本`), 人気, 社会/社長.
COUNTERS = (
    "(?:[年月週時分秒億万兆千百個つ台枚件回倍歳位割円名本点頭匹冊杯度階段号巻話期代]"
    "|日(?!本)|人(?!気)|社(?![会長員内外])|[かヶカヵケ]月|ドル|ユーロ|ポンド|ウォン|セント|パーセント"
    "|世帯|メートル|キロ|センチ|ミリ|ギガ|メガ|ワット|トン|バイト)"
)
# Particles and suffixes after a Latin word or a number (`Microsoft と`, `openai の`, `10-8 や`,
# `musk 氏`); the particles alone before one (`は microsoft`, `が 5 年間`).
PARTICLES = "はがをにでとのもへや"
AFTER_WORD = f"(?:[{PARTICLES}]|から|まで|より|など|および|向け|氏|さん|様)"
# Honorifics after a name in any script (`山本勝也 氏`); 社 after a foreign name (`ピー 社`).
HONORIFIC = "(?:氏|さん|様)"
LATIN_WORD_END = "A-Za-z0-9"
# ASCII digits only: the rule's candidates hold no full-width ones (fullwidth_ascii runs first),
# and step 1 must remove every run it counts as evidence (see the module doc).
DIGIT = "0-9"
NAME_CHARS = LATIN_WORD_END + KANJI + KATAKANA
# Japanese punctuation a space never follows / never precedes in edited text.
NO_SPACE_AFTER: Final = "「『（(【〔［、。"
NO_SPACE_BEFORE: Final = "」』）)】〕］、。：:"
CLOSING_QUOTES: Final = "」』"
EXCLAMATIONS: Final = "!?！？"
# After `！ ？ 」`: the sentence goes on with a quotative (`？　と不思議`, `！　っていう`).
QUOTATIVES: Final = "とっ"
# The spaces a translator's tool writes: one of them alone, not U+3000; a wider run is layout (a
# speaker label `兵卒A　　はい`, a table column `もの　　　３`, a label and its value `価格　5万円`).
TRANSLATOR_SPACES = SPACES.replace("\N{IDEOGRAPHIC SPACE}", "")

# The Japanese–digit/Latin boundaries of step 1, matched at their single translator's space: what
# `SpacedDocument` counts as evidence of a spaced translation. One pattern for the rule and the
# evidence, so that step 1 removes every run the evidence counts.
_SPACED_BOUNDARY: Final = re.compile(
    f"[{TRANSLATOR_SPACES}](?:"
    f"(?<=[{DIGIT}].)(?={COUNTERS})"  # 7 月, 1,500 億, 2 つ
    # the words a number follows: an ordinal, a qualifier, the year or month before the next
    # date part (第 3 段階, 約 199mm, およそ 5,000 億, 2023 年 7 月 22 日)
    f"|(?:(?<=[第約年月].)|(?<=およそ.)|(?<=ほぼ.))(?=[{DIGIT}])"
    f"|(?<=[{LATIN_WORD_END}].)(?={AFTER_WORD})"  # Microsoft と, MAI-1 は, musk 氏
    f"|(?<=[{PARTICLES}].)(?=[{LATIN_WORD_END}$¥])"  # は microsoft, が 5 年間
    f"|(?<=[{NAME_CHARS}].)(?={HONORIFIC})"  # 山本勝也 氏
    f"|(?<=[{LATIN_WORD_END}{KATAKANA}].)(?=社(?![会長員内外屋]))"  # ピー 社, not 社長
    ")"
)
# The Japanese–digit/Latin ones written without a space (for the share of spaced ones). Not a
# Japanese name and its honorific: any text writes アルトマン氏 tight, it would only dilute the share.
_TIGHT_BOUNDARY: Final = re.compile(
    f"[{DIGIT}](?={COUNTERS})|[第約年月](?=[{DIGIT}])|(?:およそ|ほぼ)(?=[{DIGIT}])"
    f"|[{LATIN_WORD_END}](?={AFTER_WORD})|[{PARTICLES}](?=[{LATIN_WORD_END}$¥])"
)
_QUOTATIVE_AFTER_QUOTE: Final = re.compile(f"[{QUOTATIVES}]|など")


# --- step 2: evidence of a phrase separator --------------------------------------------------

# A line that starts with one of these is a list item, a heading or a table row.
LIST_MARKS: Final = "・•■□◆◇●○★☆※▼▲▽△►▶→＊*＞>-–—【［[〔＜<♪"
_NUMBERED_ITEM: Final = re.compile(f"[{DIGIT}]+[.．)）:：]")
# A line without a sentence end and no longer than this (characters other than spaces) reads
# as a headline, title, byline or table row, not as running text.
PHRASE_LINE_MAX: Final = 50
SENTENCE_MARKS: Final = "。、"
_NO_SPACES = str.maketrans("", "", SPACES)
# The characters that table deletes (the class body's own characters: its range `\u2000-\u200a`
# counts as U+2000, `-` and U+200A), counted one by one instead of copying the line without them.
_NO_SPACES_CHARS: Final = tuple(map(chr, _NO_SPACES))
# After a katakana word: the rest of a katakana name and its honorific (`ミラ ムラティ氏`).
_KATAKANA_NAME_REST: Final = re.compile(f"[{KATAKANA}][{KATAKANA}{KATAKANA_MIDDLE_DOT}]*{HONORIFIC}")
_KATAKANA_SET: Final = expand(KATAKANA)
# After a name: a role word (`小池俊範 監督作品`).
_ROLE_WORD: Final = re.compile("監督|選手|記者|社長|会長|容疑者|被告|教授|議員|大臣|首相|大統領")
_NAME_IN_JAPANESE: Final = re.compile(f"[{KANJI}{KATAKANA}]")
# A version number after a Latin word, before the run (`Dota 2 ゲーム`, not `h100 チップ`).
_VERSION: Final = re.compile(f"[A-Za-z][{SPACES}]+[{DIGIT}.]+$")


def phrase_line(line: str) -> bool:
    """Whether a line reads as a headline, list item, table row or byline (its spaces separate
    phrases): it starts with a list mark or a number and a dot, holds an e-mail address, or is
    short and has no sentence end nor comma (`7 月 22 日、Microsoft は、` is a sentence cut)."""
    body = line.lstrip(SPACES)
    if body[:1] in LIST_MARKS or _NUMBERED_ITEM.match(body) or "@" in body:
        return True
    if any(c in body for c in SENTENCE_MARKS):
        return False
    # len(body.translate(_NO_SPACES)), without building a copy of a long line to measure it
    return len(body) <= PHRASE_LINE_MAX or len(body) - sum(map(body.count, _NO_SPACES_CHARS)) <= PHRASE_LINE_MAX


def names_something(text: str, start: int, end: int) -> bool:
    """Step 2 without the line: the run sits inside a katakana name, between a name and its
    role, or after a version number."""
    left = text[start - 1]
    if left in _KATAKANA_SET and _KATAKANA_NAME_REST.match(text, end):
        return True  # an editor writes ミラ・ムラティ, never ミラムラティ
    if _ROLE_WORD.match(text, end) and _NAME_IN_JAPANESE.match(left):
        return True
    return "0" <= left <= "9" and _VERSION.search(text, max(0, start - 40), start) is not None


# --- step 3: the document ---------------------------------------------------------------------

# A spaced translation: at least this many step-1 boundaries carry a space, and at least this
# share of all step-1 boundaries (spaced or not) do.
TRANSLATED_MIN_SPACED: Final = 3
TRANSLATED_MIN_SHARE: Final = 0.2


def spaced_boundaries(text: str, space_runs: list[tuple[int, int]] | None = None) -> int:
    """How many spaced boundaries (`_SPACED_BOUNDARY`) `text` holds. A match is one space between
    two characters that are no spaces, so with the text's maximal runs of SPACES given, the
    pattern is tried at the runs of one space only instead of searched for in the whole text."""
    if space_runs is None:
        return len(_SPACED_BOUNDARY.findall(text))
    match = _SPACED_BOUNDARY.match
    spaced = 0
    n = len(text)
    for start, end in space_runs:
        if one_translator_space(text, start, end) and 0 < start and end < n and not (
            text[start - 1].isascii() and text[end].isascii()
        ):  # every branch has a Japanese character (or ¥) on one side: no regex call between two ASCII ones
            if match(text, start) is not None:
                spaced += 1
    return spaced


def one_translator_space(text: str, start: int, end: int) -> bool:
    """Whether the run of spaces text[start:end] is one space of TRANSLATOR_SPACES, what
    `_SPACED_BOUNDARY` opens on: it can match at no other run (after its first character it
    only looks ahead, at no space)."""
    return end - start == 1 and text[start] != "\N{IDEOGRAPHIC SPACE}"


class SpacedDocument:
    """The document-level reading of one text the space rule needs, computed when first asked:
    whether it is a spaced translation, and which lines read as phrases.

    `whole`: when `text` is a window of whole lines cut from a longer text, that text's reading,
    which answers `translated` (a property of the whole document; the lines are read here)."""

    def __init__(
        self, text: str, whole: "SpacedDocument | None" = None, space_runs: list[tuple[int, int]] | None = None
    ) -> None:
        self.text = text
        self._whole = whole
        # The maximal runs of SPACES in `text` (`TextFacts.runs`), when the caller has them: the
        # spaced boundaries are then tried at its single spaces instead of searched for.
        self._space_runs = space_runs
        # The line last asked about: [start, end) and its reading (the space rule asks in text
        # order, so each line is looked up once).
        self._line_start = 0
        self._line_end = -1
        self._line_is_phrase = False
        self._translated: bool | None = None

    @property
    def translated(self) -> bool:
        # Kept by hand: the compiled build (mypyc) makes functools' cached property a plain
        # property that recomputes on every access, which made the space rule quadratic.
        if self._translated is None:
            self._translated = self._whole.translated if self._whole is not None else self._count_translated()
        return self._translated

    def _count_translated(self) -> bool:
        text = self.text
        spaced = spaced_boundaries(text, self._space_runs)
        if spaced < TRANSLATED_MIN_SPACED:
            return False
        tight = len(_TIGHT_BOUNDARY.findall(text))
        return spaced >= TRANSLATED_MIN_SHARE * (spaced + tight)

    def in_phrase_line(self, pos: int) -> bool:
        if not self._line_start <= pos < self._line_end:
            text = self.text
            line_start = text.rfind("\n", 0, pos) + 1
            line_end = text.find("\n", pos)
            if line_end < 0:
                line_end = len(text)
            self._line_start, self._line_end = line_start, line_end
            self._line_is_phrase = phrase_line(text[line_start:line_end])
        return self._line_is_phrase


# In running text (not a phrase line), a single space before an opening bracket is an artifact
# in any document (`準拠のもの （D3D11準拠`).
OPENING_BRACKETS: Final = "「『（(［【"


def decide(text: str, start: int, end: int, document: SpacedDocument) -> bool:
    """True: remove the space run text[start:end] (a Japanese character on one side and a
    Japanese, Latin or digit one on the other); False: keep it. Called for every such run of
    every document: cheap tests first."""
    left, right = text[start - 1], text[end]
    # Step 1: local evidence of an artifact; after ！？ a separator unless a quotative follows.
    if left in NO_SPACE_AFTER or right in NO_SPACE_BEFORE:
        return True
    if left in EXCLAMATIONS:
        return right in QUOTATIVES
    if left in CLOSING_QUOTES and _QUOTATIVE_AFTER_QUOTE.match(text, end):
        return True
    if one_translator_space(text, start, end) and _SPACED_BOUNDARY.match(text, start):
        return True
    # Step 2: evidence of a phrase separator.
    if document.in_phrase_line(start) or names_something(text, start, end):
        return False
    # Step 3: running text.
    if right in OPENING_BRACKETS and end - start == 1 and text[start] != "\N{IDEOGRAPHIC SPACE}":
        return True
    return document.translated
