"""What the text around a number says about it: qualifiers (約, 以上), and kanji numerals that
are part of a word (統一, 一部)."""

from __future__ import annotations

import re
from typing import Final

import regex

from ..chars import KANJI, KATAKANA, KATAKANA_LETTERS

from .grammar import HAN, KANJI_DIGITS, NUMERAL_AT, PRE_QUALIFIER_BEHIND, PRE_QUALIFIER_LAST, BranchMatch, BranchSet, post_qualifier_of
from .tables import ADDRESS_WINDOW, COMPOUND_AFTER, ORDINAL_SUFFIXES
from .word_tables import (ANOTHER_BEFORE, APPROX_QUALIFIERS, ARTICLE_ONE_AFTER, FIRST_OF_LIST_AFTER,
                          FIRST_OF_LIST_WINDOW, GLUED_COUNTERS, HIGH_QUALIFIERS, KANJI_BEFORE_NUMERAL, KANJI_IDIOMS,
                          KANJI_ONE_NOT_AFTER_NOUN, KANJI_ONE_NOT_A_SINGLE, KANJI_WORD_PREFIXES, LOW_QUALIFIERS,
                          NUMERAL_WORD_KANJI, ONE_BY_ONE_JOINERS, ONE_OF_BEFORE, ONE_OF_COUNTERS, ONE_OF_NOT_AFTER,
                          RATE_AFTER, RATE_COUNTERS, WORDS_BEFORE_NUMERAL)
from .name_tables import (ADDRESS_BLOCK_MARK, ADDRESS_HOUSE_MARK, BRACKETS_CLOSE, BRACKETS_OPEN, FILM_AFTER, FILM_GAUGES,
                          FILM_UNITS, MODEL_TAIL_MARKS,
                          NAME_UNITS_AFTER, NUMBERED_PLACE_ENDS, NUMBERED_PLACE_WINDOW, POUR_AFTER, POUR_VERB_NEXT,
                          QUOTATIVE, QUOTED_NAME_ENDS, QUOTED_TITLE_LIMIT, QUOTED_TITLE_WORDS, QUOTE_CLOSE, QUOTE_OPEN,
                          QUOTE_WINDOW, SATELLITE_AFTER, SENTENCE_END, TITLE_CLOSE, TITLE_MAX_CHARS, TITLE_OPEN)
from ._fast import parse_numeral
from .match import NumberMatch
from .values import Numeral

IDEOGRAPH: Final = re.compile(HAN)
IDIOMS: Final = tuple(KANJI_IDIOMS)
IDIOM_SET: Final = frozenset(KANJI_IDIOMS)
# What may follow a kanji numeral standing alone (千百十一に): not a kanji or katakana, which would
# make it part of a word (四十七士) or a name.
WORD_CHARACTER: Final = regex.compile(r"[\p{Han}\p{Katakana}ーA-Za-z]")
PLACE_CHARACTERS: Final = frozenset("十百千万億兆京")
PLACE_WORD: Final = regex.compile(r"[\p{Han}\p{Katakana}ー]+")  # (numbered_place)
NUMERAL_CHARACTER: Final = re.compile(f"[0-9０-９{KANJI_DIGITS}十百千]")
GLUED_COUNT: Final = re.compile(f"[{KANJI_DIGITS}十百千]+({'|'.join(GLUED_COUNTERS)})")
# counter + next character that make a word (人気, 回答: tables.COMPOUND_AFTER)
COMPOUND_WORDS: Final = frozenset(c + after for c in GLUED_COUNTERS for after in COMPOUND_AFTER.get(c[-1], ""))


def pre_qualifier(text: str, start: int) -> str | None:
    """The qualifier (約, およそ, 最大 ...) just before `start`, if any."""
    if start == 0:
        return None
    c = text[start - 1]
    if c not in PRE_QUALIFIER_LAST and (c not in " \u3000" or text[start - 2 : start - 1] not in PRE_QUALIFIER_LAST):
        return None  # the usual case, without a regex search
    q = PRE_QUALIFIER_BEHIND.search(text, max(0, start - 6), start)
    return q.group().strip(" \u3000") if q else None


def apply_qualifiers(fields: dict, pre: str | None, post: str | None, one_number: bool = True) -> None:
    """Set the fields a qualifier before (`pre`) and after (`post`) the number implies:
    approximate, value_low (超, 以上), value_high (未満, 以下); `qualifier` holds both as written.
    A bound is not the amount: `value` is then left empty (10歳以上 is no 10; NUMBERS.md, as for
    vague numbers). The bounds of one number (30代, 数十人) give way to the qualifier's (30代以上:
    from 30); those of a range of two numbers (2〜3年以内) stay."""
    qualifiers = [q for q in (pre, post) if q]
    if not qualifiers:
        return
    v = fields.get("value")
    for q in qualifiers:
        if q in APPROX_QUALIFIERS:
            fields["approximate"] = True
        if q in LOW_QUALIFIERS and v is not None:
            fields["value_low"] = v
            fields["value"] = None
        elif q in LOW_QUALIFIERS and one_number and fields.get("value_high") is not None:  # 30代以上: from 30
            fields["value_high"] = None
        if q in HIGH_QUALIFIERS and v is not None:
            fields["value_high"] = v
            fields["value"] = None
        elif q in HIGH_QUALIFIERS and one_number and fields.get("value_low") is not None:  # 30代以下: up to 39
            fields["value_low"] = None
    fields["qualifier"] = "".join(qualifiers)


def qualify(m: BranchMatch, b: BranchSet, fields: dict, text: str, start: int) -> dict:
    """`apply_qualifiers` with the qualifier before `start` and the branch's qualifier after the number."""
    apply_qualifiers(fields, pre_qualifier(text, start), post_qualifier_of(m, b))
    return fields


def kanji_refused(text: str, start: int, num: Numeral, numeral: str, idioms: bool = True) -> bool:
    """A pure-kanji numeral that is part of a word: glued after a kanji (唯一, 統一), or, when
    `idioms`, the start of an idiom (一部, 十分)."""
    if not num.kanji_only:
        return False
    if (start > 0 and text[start - 1] not in KANJI_BEFORE_NUMERAL and IDEOGRAPH.match(text, start - 1)
            and not counted_after_kanji(text, start)):  # (毎月二人: a count, unless an idiom below)
        return not text.endswith(WORDS_BEFORE_NUMERAL, 0, start)  # (今後数ヶ月: a number)
    if text.endswith(KANJI_WORD_PREFIXES, 0, start):
        return True  # 真っ二つ
    return idioms and len(numeral) == 1 and text.startswith(IDIOMS, start)


def counted_after_kanji(text: str, start: int) -> bool:
    """A kanji numeral glued after a kanji that is a count all the same: a counter of
    `GLUED_COUNTERS` follows it, not as the start of a longer word (人気, 回答), and the kanji
    before makes no word with a numeral (毎月二人, 開始一分; not 同一人物, 統一回答)."""
    if text[start - 1] in NUMERAL_WORD_KANJI:
        return False
    m = GLUED_COUNT.match(text, start)
    return m is not None and (m.group(1) + text[m.end() : m.end() + 1]) not in COMPOUND_WORDS


def is_idiom(text: str, start: int, end: int) -> bool:
    """The whole span is an idiom (十分, 十二分: "enough", not minutes)."""
    return text[start:end] in IDIOM_SET


ONE_BY_ONE_JOINER_FIRST: Final = frozenset(w[0] for w in ONE_BY_ONE_JOINERS)
# A count of つ of two or more (3つ, 四つ): a list that a 1つは after it takes one of.
LIST_COUNT: Final = re.compile("(?:[2-9２-９]|[二三四五六七八九])つ")


def one_by_one(text: str, start: int, end: int, span: str, n: int) -> bool:
    """The count repeated just after or before it, maybe with また between (word_tables.ONE_BY_ONE_JOINERS)."""
    if text.find(span, end, end + n) == end or start >= n and text.find(span, start - n, start) == start - n:
        return True
    if text[end : end + 1] in ONE_BY_ONE_JOINER_FIRST:  # (the usual case: one test)
        for joiner in ONE_BY_ONE_JOINERS:
            k = end + len(joiner)
            if text.find(joiner, end, k) == end and text.find(span, k, k + n) == k:
                return True
    return False


def not_a_count(text: str, start: int, end: int, num: Numeral, unit: str | None) -> bool:
    """A count of one that says "one of" (の一つ, 利点の1つ), "another" (もう一つ), "a" or "alone"
    (一つの過程, 一人で: kanji only), or is the unit of a rate (1株当たり)."""
    if not (num.exact and num.low == 1):
        return False
    if unit in RATE_COUNTERS and text.startswith(RATE_AFTER, end):
        return True
    if text.endswith(ANOTHER_BEFORE, 0, start):
        return True  # もう1台, もう1機種: "another", whatever the counter
    if unit not in ONE_OF_COUNTERS:
        return False
    span, n = text[start:end], end - start
    if one_by_one(text, start, end, span, n):
        return True  # 1つ1つ, １人１人, 一人、また一人: one by one (as 一つ一つ)
    if unit == "つ" and text.startswith(FIRST_OF_LIST_AFTER, end) and LIST_COUNT.search(text, max(0, start - FIRST_OF_LIST_WINDOW), start):
        return True  # 3つの機能が自慢だ。1つは: the first of them
    return (text.endswith(ONE_OF_BEFORE, 0, start) and not text.endswith(ONE_OF_NOT_AFTER, 0, start)
            or (num.kanji_only and text.startswith(ARTICLE_ONE_AFTER, end) and not after_a_katakana_noun(text, start, end)))


KATAKANA_NOUN_END: Final = re.compile(f"[{KATAKANA}]")  # (the last character of a katakana noun: ハサミ, コーヒー)


def after_a_katakana_noun(text: str, start: int, end: int) -> bool:
    """A kanji 一 + counter glued after a katakana noun: how many of it (コップ一杯, パンツ一枚; not 一つ, 一本 "X alone":
    word_tables.KANJI_ONE_NOT_AFTER_NOUN; not ヒット一本も, "not a single")."""
    return (start > 0 and KATAKANA_NOUN_END.match(text, start - 1) is not None
            and not text.startswith(KANJI_ONE_NOT_AFTER_NOUN, start + 1, end) and not text.startswith(KANJI_ONE_NOT_A_SINGLE, end))


# An address's block numbers (5-7-2, 1-17-1), or its prefecture and city or ward (東京都千代田区外神田3 住友不動産秋葉原ビル1F:
# batch n14): what follows them on the line is the address.
KATAKANA_LETTER: Final = re.compile(f"[{KATAKANA_LETTERS}]")  # (not ー: データー10年)
ADDRESS_NUMBER: Final = re.compile(f"[0-9０-９]+[-－][0-9０-９]+|[都道府県][{KANJI}]{{1,5}}?[市区郡]")
ADDRESS_LINE_END: Final = re.compile("[0-9０-９]+[-－][0-9０-９]+[ \u3000]*$")


def phrase_ordinal(text: str, start: int, end: int, value: int) -> bool:
    """第N の (N from 2) with no 第(N-1) before it in the text: a phrase ("a second home": 第2の故郷,
    第2のチャンス; NUMBERS.md session 14 (h)), not a position in a list the text numbers (第1の条件 …
    第2の条件 is one)."""
    if value < 2 or not text.startswith("の", end):
        return False
    at = text.rfind("第", 0, start)
    while at >= 0:
        numeral = NUMERAL_AT.match(text, at + 1)
        n = parse_numeral(numeral.group()) if numeral is not None else None
        if n is not None and n.exact and n.low == value - 1:
            return False
        at = text.rfind("第", 0, at)
    return True


def in_address(text: str, start: int) -> bool:
    """An address's block numbers come before `start` on its line (tables.ADDRESS_WINDOW), or end the line
    before it (the building's line under the address: 六本木6-10-2 / 六本木ヒルズ …コンプレックス1F・2F, batch n11):
    a floor there is part of the address (銀座5-7-2 三愛ドリームセンター8階)."""
    line = text.rfind("\n", 0, start) + 1
    lo = max(line, start - ADDRESS_WINDOW)
    lo = max(lo, text.rfind(SENTENCE_END, lo, start) + 1)  # (not from the sentence before: 千葉県浦安市舞浜の…。（場所：イクスピアリ2階)
    if ADDRESS_NUMBER.search(text, lo, start) is not None:
        return True
    return line > 0 and ADDRESS_LINE_END.search(text, max(0, line - 1 - ADDRESS_WINDOW), line - 1) is not None


def in_product_name(text: str, m: NumberMatch) -> bool:
    """A number glued after a katakana word, with the unit and what follows that make a product's name of it
    (シーバスリーガル18年 ゴールド, タムロン18-200mm F/3.5: name_tables.NAME_UNITS_AFTER)."""
    after = NAME_UNITS_AFTER.get(m.unit) if m.unit else None
    return (after is not None and m.start > 0 and KATAKANA_LETTER.match(text, m.start - 1) is not None
            and text.startswith(after, m.end))


def in_title(text: str, start: int, end: int) -> bool:
    """`text[start:end]` is inside the title of a work in 『』 (name_tables.TITLE_OPEN: one line, short, no
    sentence end, not quoted speech nested in 「」 nor followed by と): no number (NUMBERS.md)."""
    opened = text.rfind(TITLE_OPEN, max(0, start - TITLE_MAX_CHARS), start)
    if opened < 0 or text.find(TITLE_CLOSE, opened, start) >= 0 or text.find("\n", opened, start) >= 0:
        return False
    closed = text.find(TITLE_CLOSE, end, opened + TITLE_MAX_CHARS + 1)
    if closed < 0 or text.find("\n", end, closed) >= 0 or text.find(SENTENCE_END, opened, closed) >= 0:
        return False
    if text.startswith(QUOTATIVE, closed + 1) and not text.startswith(TITLE_OPEN, closed + 2):
        return False  # 『4番山崎』と書いてあった: a quote
    window = max(0, opened - QUOTE_WINDOW)
    line_break = text.rfind("\n", window, opened)
    line_start = line_break + 1 if line_break >= 0 else window
    return text.count(QUOTE_OPEN, line_start, opened) <= text.count(QUOTE_CLOSE, line_start, opened)


QUOTED_TITLE_LAST: Final = frozenset(w[-1] for w in QUOTED_TITLE_WORDS)
QUOTED_NAME_LAST: Final = frozenset(w[-1] for w in QUOTED_NAME_ENDS)  # (quoted_name: one test before endswith)


def quoted_name(text: str, i: int) -> bool:
    """The 「…」 opened at `i` ends on a word that makes it the name of a body or a place (「…年収1000万円研究所」:
    name_tables.QUOTED_NAME_ENDS)."""
    j = text.find(QUOTE_CLOSE, i + 1, i + 2 + TITLE_MAX_CHARS)
    return j > 0 and text[j - 1] in QUOTED_NAME_LAST and text.endswith(QUOTED_NAME_ENDS, i + 1, j)


def numbered_place(text: str, end: int) -> bool:
    """第N (ending at `end`) begins the name of a room, a building or a terminal: the word after it holds one of
    name_tables.NUMBERED_PLACE_ENDS (第1会議室, 第2プレミアムラウンジ, 第1ターミナル店)."""
    m = PLACE_WORD.match(text, end, end + NUMBERED_PLACE_WINDOW)
    return m is not None and any(w in m.group() for w in NUMBERED_PLACE_ENDS)


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """The spans of the titles of works (in 『』, or in 「」 after a word such as ドラマ: name_tables.QUOTED_TITLE_WORDS),
    one line, short, no sentence end, with a digit or kanji numeral in them, wherever the text writes
    them: no number there (ドラマ「らんま1/2」 ... ■らんま1/2の写真; 『八日目の蝉』 ... ・八日目の蝉 - 作品情報)."""
    titles: set[str] = set()
    for opening, closing in ((QUOTE_OPEN, QUOTE_CLOSE), (TITLE_OPEN, TITLE_CLOSE)):
        i = text.find(opening)
        while i >= 0:
            if (opening == TITLE_OPEN or i and text[i - 1] in QUOTED_TITLE_LAST and text.endswith(QUOTED_TITLE_WORDS, 0, i)
                    or opening == QUOTE_OPEN and quoted_name(text, i)):
                j = text.find(closing, i + 1, i + 2 + TITLE_MAX_CHARS)
                title = text[i + 1 : j] if j > 0 else ""
                if (title and opening not in title and "\n" not in title and SENTENCE_END not in title
                        and NUMERAL_CHARACTER.search(title) is not None
                        and (opening == QUOTE_OPEN or in_title(text, i + 1, j))):  # (『』 quoting speech: in_title)
                    titles.add(title)
                    if len(titles) == QUOTED_TITLE_LIMIT:
                        break
            i = text.find(opening, i + 1)
    spans = []
    for title in titles:
        k = text.find(title)
        while k >= 0:
            spans.append((k, k + len(title)))
            k = text.find(title, k + len(title))
    return merged(spans)


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted and merged where they overlap (disjoint, in order: bisect finds the one around a point)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def standalone_kanji(text: str, end: int, numeral: str, num: Numeral) -> bool:
    """A kanji numeral that is a number without a counter (千百十一 = 1111): at least three
    characters with a place word, exact, and no kanji or katakana after it."""
    return (num.kanji_only and num.exact and len(numeral) >= 3 and not PLACE_CHARACTERS.isdisjoint(numeral)
            and WORD_CHARACTER.match(text, end) is None and not alone_on_its_line(text, end - len(numeral), end))


def alone_on_its_line(text: str, start: int, end: int) -> bool:
    """Nothing but spaces around `text[start:end]` on its line: a heading (a chapter number)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end : None if line_end < 0 else line_end].strip()


# The last characters of the spans named_or_idiom may refuse (3rd, 110度, 8ミリ, 35mm): the others are not asked.
FP_LAST: Final = (frozenset(w[-1] for w in ORDINAL_SUFFIXES) | frozenset({"度", ADDRESS_BLOCK_MARK})
                  | frozenset(u[-1] for u in FILM_UNITS))
HOUSE_NUMBER: Final = re.compile(f"[0-9０-９]+{ADDRESS_HOUSE_MARK}")  # (named_or_idiom: 32番16号)


def named_or_idiom(text: str, m: NumberMatch, last: str) -> bool:
    """A number no annotator counts (session 15, s15-fp): a model's generation in brackets after its Latin name
    (iPad(3rd), iPod Touch(4th): NUMBERS.md n15), a satellite's orbit (110度CS), a way to pour (三度注ぎ),
    a film's gauge (8ミリ映画: name_tables.FILM_GAUGES), an address's block before its house (32番16号, s16-fp). `last` is the span's
    last character, one of FP_LAST (tagger.without_titles asks only then; a floor is model_tails')."""
    start, end = m.start, m.end
    if last == ADDRESS_BLOCK_MARK:
        return m.label == "ORDINAL" and HOUSE_NUMBER.match(text, end) is not None
    if last == "度":
        return (text.startswith(SATELLITE_AFTER, end)
                or text.startswith(POUR_AFTER, end) and text[end + 2 : end + 3] not in POUR_VERB_NEXT)
    if text.startswith(FILM_AFTER, end):
        return m.unit in FILM_UNITS and m.value in FILM_GAUGES
    return (start >= 2 and text[start - 1] in BRACKETS_OPEN and end < len(text) and text[end] in BRACKETS_CLOSE
            and text[start - 2].isascii() and text[start - 2].isalnum()
            and m.label == "ORDINAL" and text[end - 2 : end] in ORDINAL_SUFFIXES)


MODEL_TAIL: Final = re.compile(f"[0-9][{re.escape(MODEL_TAIL_MARKS)}]([0-9]+F)")


def model_tails(text: str) -> frozenset[str]:
    """The floors (36F) that the text writes as the tail of a model number, after `/` or `-` after a digit
    (AT570/36F; not a list of floors, 1F/2F): one pass over the text, once a floor was found (tagger.without_titles)."""
    return frozenset(MODEL_TAIL.findall(text))
