"""Whole names only (contract sections 5 and 7): a glossary hit that is one part of a longer
katakana name joined by ・ or = is dropped, neither tagged nor rewritten."""

from __future__ import annotations

import re
from typing import Any, Callable, Final, Protocol

from normalizers.chars import (
    HIRAGANA,
    KANJI,
    KATAKANA,
    KATAKANA_BLOCK_FIRST,
    KATAKANA_BLOCK_LAST,
    KATAKANA_RUN,
    NAME_JOINERS,
    NO_KANJI_OR_HIRAGANA_BELOW,
    UNIFIED_IDEOGRAPHS_FIRST,
    UNIFIED_IDEOGRAPHS_LAST,
    expand,
)

from .kana import fold_key

_KATA: Final = re.compile(f"[{KATAKANA}]")


class Span(Protocol):
    start: int
    end: int


_DOTS: Final = frozenset(NAME_JOINERS)
_JOINER: Final = re.compile(f"[{NAME_JOINERS}]")


def whole_names(text: str, hits: list[Span]) -> list[Span]:
    """Drops a hit that is one part of a longer katakana name joined by ・ or = (`ロベルト・ミラノ`
    is a person, not Milan; `エロン・マスク` is not `エロン・Musk`): a name is tagged and rewritten
    whole or not at all (contract section 5 and 7). A run whose every part is a hit is a list of
    names (`アップル・マイクロソフト・グーグル`) and stays. `hits`: sorted and disjoint."""
    bounds = [(h.start, h.end) for h in hits]
    spans = set(bounds)
    kept = []
    for h, (s, e) in zip(hits, bounds):
        # Only a katakana name joins through ・ (`米国・サンフランシスコ` is a list of places).
        dotted = (s >= 2 and _is_joiner(ord(text[s - 1])) and _KATA.match(text[s - 2]) and _KATA.match(text[s])) or (
            e + 1 < len(text) and _is_joiner(ord(text[e])) and _KATA.match(text[e + 1]) and _KATA.match(text[e - 1]))
        if dotted and not _parts_all_hits(text, s, spans):
            continue
        # (Cheap tests first: `find` runs this on every hit.)
        if text[s - 1 : s] == " " and _brand_line_tail(text, s, e, spans):
            continue
        if e - s <= SHORT_NAME + 1 and _has_joiner(text, s, e) and _split_short_name(text, h):
            continue
        kept.append(h)
    return kept


def _is_joiner(c: int) -> bool:
    """`chr(c) in NAME_JOINERS`, on the code point (no one-character str per hit; literals, which
    mypyc compiles into the comparisons: tests/normalizers/test_chars.py checks them)."""
    return c == 0x30FB or c == 0xFF65 or c == 0x3D or c == 0xFF1D


def _has_joiner(text: str, s: int, e: int) -> bool:
    """`_JOINER.search(text, s, e) is not None`, for the short hits `whole_names` looks into."""
    for i in range(s, e):
        if _is_joiner(ord(text[i])):
            return True
    return False


# A name this short (joiners aside) split by a ・ the variant does not have is two names' parts.
SHORT_NAME: Final = 3


def _split_short_name(text: str, h: Span) -> bool:
    """`イ・ラン` (Lee Ran, a person) is not `イラン` (Iran): the ・ splits a short key into the
    parts of another name (issue 18's audit). Longer names keep linking across an added ・
    (ロンドン・オリンピック)."""
    surface = text[h.start : h.end]
    if not any(d in surface for d in _DOTS):
        return False
    chosen = getattr(h, "chosen", None)
    written = chosen.variant.text if chosen is not None else None
    return written is not None and not any(d in written for d in _DOTS) and len(re.sub(f"[{NAME_JOINERS}]", "", surface)) <= SHORT_NAME


# What may close a brand line after its last word: the end of a line, a closing bracket, 、 or 。.
_PHRASE_END = re.compile(
    "$|[\n\N{IDEOGRAPHIC COMMA}\N{IDEOGRAPHIC FULL STOP})\N{FULLWIDTH RIGHT PARENTHESIS}\N{RIGHT CORNER BRACKET}"
    "\N{RIGHT WHITE CORNER BRACKET}\N{RIGHT ANGLE BRACKET}\N{RIGHT DOUBLE ANGLE BRACKET}\N{RIGHT BLACK LENTICULAR BRACKET}]"
)


def _brand_line_tail(text: str, s: int, e: int, spans: set[tuple[int, int]]) -> bool:
    """A katakana hit that ends a space-joined name after a ・-joined katakana name that is no hit:
    `ポール・スミス ロンドン〉` is the brand's line (Paul Smith London), not the city (issue 18)."""
    if s < 4 or text[s - 1] != " " or not _KATA.match(text[s]) or not _PHRASE_END.match(text, e):
        return False
    a = s - 1
    while a > 0 and (_KATA.match(text[a - 1]) or text[a - 1] in _DOTS):
        a -= 1
    name = text[a : s - 1]
    return any(d in name for d in _DOTS) and _KATA.match(name[0]) is not None and (a, s - 1) not in spans


def _parts_all_hits(text: str, s: int, spans: set[tuple[int, int]]) -> bool:
    """The ・/=-joined katakana run around position s: is each of its parts a hit of its own?"""
    a = s
    while a > 0 and (_KATA.match(text[a - 1]) or (text[a - 1] in _DOTS and a >= 2 and _KATA.match(text[a - 2]))):
        a -= 1
    run = KATAKANA_RUN.match(text, a)
    if run is None:
        return False
    pos = a
    for part in re.split(f"[{NAME_JOINERS}]", run.group()):
        if (pos, pos + len(part)) not in spans:
            return False
        pos += len(part) + 1
    return True


# -- parts of longer names among the linked mentions (issue 17) ---------------------------------
#
# The matcher links a glossary key wherever it stands as a word; in real text many of those hits
# are the first part of a longer name the glossary does not know: 大阪 in 大阪東急イン, 京都 in
# 京都大学, iPhone in iPhone 4S, Intel in Intel Z77 Express. Tagging the short entity there is a
# wrong span and a wrong link (the biggest precision loss on the dev half of the real-text
# sample). `longer_names` runs on the mentions after the glossary's rewrites, so the text is never
# touched: the hit becomes the longer name's mention (unlinked, typed by the word that ends it)
# when that word says what the longer name is, else no mention.

# Words that end a longer name after a place, by the label of the whole (GUIDELINES.md: 大学, 駅,
# 代表 belong to the name; 日本代表 is a team).
_AFTER_PLACE = {
    "ORG": ("大学", "大学院", "銀行", "協会", "代表", "高校", "事務局", "観光局", "政府観光局", "信用金庫"),
    "LOCATION": ("駅", "空港", "ドーム", "大陸", "地方", "会館", "劇場", "ホテル", "ヒルズ", "国際フォーラム",
                 "スタジアム", "球場", "タワー", "イン"),
    "EVENT": ("W杯", "五輪", "映画祭", "国際映画祭", "予選", "革命", "万博"),
}
# A branch or shop (渋谷店, 池袋本店): the name starts before the place (丸善 丸の内本店), so no
# mention is made.
_BRANCH = ("本店", "支店", "店")
# A company's legal form or publishing arm written after its name (KDDI株式会社, 日本経済新聞出版社).
_ORG_FORMS = ("株式会社", "出版社")
_SUFFIX_LABEL = {w: label for label, words in _AFTER_PLACE.items() for w in words} | {w: "" for w in _BRANCH}
# What may stand between the hit and that word (東京メトロ|新宿|駅, 日本|推理作家協会|賞): a short
# run of kanji and katakana, no kana of grammar.
_NAME_MIDDLE = f"[{KANJI}{KATAKANA}{NAME_JOINERS}]{{0,6}}?"
_SUFFIXES_LONGEST_FIRST = sorted(_SUFFIX_LABEL, key=len, reverse=True)
# (A katakana word may not go on after the ending word: 日本イン|ターネット is no name.)
_PLACE_TAIL = re.compile(f"{_NAME_MIDDLE}(?:{'|'.join(map(re.escape, _SUFFIXES_LONGEST_FIRST))})(?![{KATAKANA}])")
# What fuses with a place written in kanji into one word (GUIDELINES.md: 日本初, 福島県民 are not
# tagged; the matcher already leaves 人, 語, 製, 産, 一, 円): the first in, the style of, the edition
# for, its people, its cars. Not 流通 (distribution in), 式典, 車両.
_FUSED_AFTER_PLACE = re.compile(f"(?:初|式(?!典)|版(?!画)|流(?![通行出入])|[市国]民|(?<=[県都府道区])民|車(?![{KANJI}]))")
# A katakana word glued to a hit: two characters or more (old texts write particles in katakana:
# 京都ノ舊家, 北海道ハ).
_GLUED_KATAKANA = re.compile(f"[{KATAKANA}][{KATAKANA}{NAME_JOINERS}]+")
# A model or version after a Latin name (iPhone 4S, Android 4.0, Intel Z77, TOYOTA 86); a number
# with a counter or a unit after it is a quantity (iPhone 3台, Apple 1社, 7.8mm, 320GB, 5インチ;
# not g: iPhone 3G).
_UNITS = "mm|cm|km|m|mg|kg|gb|mb|kb|tb|ghz|mhz|hz|w|kw|v|mah|fps|dpi|ppi|bit|bps|inch|h|ms|sec|min|t"
_KATAKANA_COUNTERS = ("インチ", "ドル", "セント", "ユーロ", "ポンド", "ウォン", "ミリ", "センチ", "キロ", "メートル",
                      "グラム", "ギガ", "メガ", "テラ", "ピクセル", "パーセント", "ポイント", "カ", "ヵ", "ケ", "ヶ")
_MODEL = re.compile(
    rf" (?:\d+(?:\.\d+)*(?!(?i:{_UNITS})(?![A-Za-z]))[A-Za-z]*|[A-Z]{{1,3}}\d+[A-Za-z0-9]*)(?![A-Za-z0-9.])"
    f"(?![年月日時分秒万億兆円台人件個枚本回倍位周社型%]|{'|'.join(_KATAKANA_COUNTERS)})"
)
# Generic words after a product's name (Android Tablet, Windows PC): no part of it. Other common
# English words of three letters or fewer may be (Ubuntu One, Google Play).
_GENERIC_AFTER = frozenset({"tablet", "tablets", "pc", "pcs", "user", "users", "app", "apps"})
_CAPITALIZED = re.compile(r" [A-Z][A-Za-z0-9+]*(?:[.&'-][A-Za-z0-9]+)*(?![A-Za-z0-9])")
# (or a capitalized word and of or in: DOCUMENTARY of AKB48, Made in Japan; not for: CONCEPT MODEL for
# TOKYO MOTOR SHOW 2011 is two names)
# A line of products: the maker's name, at most three words, `series` (docomo NEXT series, docomo
# with series, Xperia Z series).
_SERIES = re.compile(r"(?: [A-Za-z][A-Za-z0-9]*){1,3} [Ss]eries(?![A-Za-z0-9])")
_TITLE_WORD = re.compile(r" [A-Z][a-z]+(?![A-Za-z0-9])")
_WORD_BEFORE = re.compile(r"[A-Z][A-Za-z0-9&.'-]* (?:(?:of|in) )?\Z")
# (Sets where one character is tested: a lookup, not a regex call.)
_LATIN_EDGE: Final = expand("A-Za-z0-9")
_KANJI_EDGE = re.compile(f"[{KANJI}]")
_LATIN_LETTERS: Final = expand("A-Za-z")


# After a hit, a character no longer name goes on with (hiragana, Japanese punctuation but ・,
# a line end); before it, one a longer name may come from (a Latin letter or a space).
# (Sets: `longer_names` tests one character on each side of every hit.)
_QUIET_AFTER: Final = expand(f"{HIRAGANA}" "\N{IDEOGRAPHIC COMMA}\N{IDEOGRAPHIC FULL STOP}「」『』（）()\n")
_LOUD_BEFORE: Final = expand("A-Za-z ")


def common_word(common_words: frozenset[str], word: str) -> bool:
    """An ordinary word (common_words.txt, folded; or a Latin phrase of common English words, units
    and standards): no name's next word."""
    if fold_key(word) in common_words:
        return True
    if not word.isascii():
        return False
    from .recognizer import common_latin  # (here: importing the glossary need not load the recognizer)

    return common_latin(word)


def part_of_longer_name(text: str, s: int, e: int, label: str, starts: dict[int, Any],
                        common_words: frozenset[str]) -> bool:
    """Whether `longer_names` takes the linked hit text[s:e] for a part of a longer name: then it
    is not rewritten either (`rewrites.rewrite_policy`; contract section 7, a rewrite covers the
    whole name or nothing; issue 17: `TOHO Cinemas渋谷`, `恋するBarcelona`, `W杯Asia予選` were
    rewrites of a part). Asked on the text before the rewrites; `starts`: the hits by start."""
    # (as `longer_names`: most hits stand between a particle or punctuation and the next)
    if (e == len(text) or text[e] in _QUIET_AFTER) and (s == 0 or text[s - 1] not in _LOUD_BEFORE):
        return _maybe_inside(text, s, e, label) and _inside_name(text, s, e, label)
    if _inside_name(text, s, e, label):
        return True

    def is_common(word: str) -> bool:
        return common_word(common_words, word)

    return _longer_name(text, s, e, label, starts, is_common) is not None


def longer_names(text: str, spans: list[tuple[int, int, Any]], is_common: Callable[[str], bool],
                 make_name: Callable[[int, int, str], Any]) -> list[tuple[int, int, Any]]:
    """`spans` (start, end, match; sorted, disjoint; the glossary's and others') with each linked
    hit that is part of a longer name replaced by `make_name(start, end, label)` for the longer
    name when the word ending it gives its label, else dropped; the hits inside that longer name
    go with it. `is_common(word)`: an ordinary word (a hit glued to one, Androidスマホ, stays)."""
    starts = {s: m for s, _, m in spans}
    out: list[tuple[int, int, Any]] = []
    covered = -1  # the end of the last longer name: hits inside it are part of it
    n = len(text)
    for s, e, m in spans:
        if s < covered:
            continue
        # Most hits end before a particle or punctuation and start after one: nothing to look at.
        quiet = (e == n or text[e] in _QUIET_AFTER) and (s == 0 or text[s - 1] not in _LOUD_BEFORE)
        if quiet and not _maybe_inside(text, s, e, m.label) or getattr(m, "entity_id", None) is None:
            out.append((s, e, m))
            continue
        if _inside_name(text, s, e, m.label):
            continue  # 『恋するバルセロナ』, シネマサンシャイン池袋
        if quiet:
            out.append((s, e, m))
            continue
        found = _longer_name(text, s, e, m.label, starts, is_common)
        if found is None:
            out.append((s, e, m))
            continue
        end, label = found
        covered = end
        if label:
            out.append((s, end, make_name(s, end, label)))
    return out


# A title in 『』 that a hit starts or ends without filling it (『恋するバルセロナ』, 『プロヴァンスの
# 贈りもの』, 『萌え萌え北朝鮮』: GUIDELINES.md, a title of a work is PRODUCT, the title inside the
# brackets): short, one phrase (no 、。!? nor ・: 『金正日、万歳!』 and 『岐阜・各務原市』 name the place).
_TITLE_OPEN: Final = "\N{LEFT WHITE CORNER BRACKET}"
_TITLE_CLOSE: Final = "\N{RIGHT WHITE CORNER BRACKET}"
_TITLE_MAX: Final = 20
_TITLE_BREAKS: Final = expand(
    f"{_TITLE_OPEN}{_TITLE_CLOSE}{NAME_JOINERS}\n"
    "\N{IDEOGRAPHIC COMMA}\N{IDEOGRAPHIC FULL STOP},!?\N{FULLWIDTH EXCLAMATION MARK}\N{FULLWIDTH QUESTION MARK}"
)
# A cinema, hotel or shop named after the place it stands in: the place glued after the chain's
# katakana name (ディノスシネマズ札幌劇場, 109 シネマズ名古屋, シネマサンシャイン池袋) is part of the
# facility's name (GUIDELINES.md: shops, hotels, cinemas are one place, LOCATION).
_FACILITY_WORDS: Final = ("シネマ", "ホテル", "ストア", "ショップ", "プラザ", "モール")
_KATAKANA_BEFORE: Final = re.compile(f"[{KATAKANA}{NAME_JOINERS}]{{2,12}}\\Z")
# A chain the glossary knows written into its branch (TOHO シネマズ渋谷, TOHOシネマズ日劇): the
# branch is one place, LOCATION. The branch's name runs to a particle, punctuation or a space.
_CHAIN_ENDS: Final = ("シネマズ", "シネマ", "ホテルズ", "ホテル")
_BRANCH_NAME: Final = re.compile(f"[{KANJI}{KATAKANA}A-Za-z0-9]{{1,8}}(?=[{HIRAGANA}\\s、。,.()（）「」『』]|\\Z)")
# A place, a station or an airport and its shop (浜松町店, 関西空港店, 成田空港第1ターミナル店): the
# shop's name starts before the place, as `_BRANCH` has it.
_SHOP_FIRST: Final = frozenset("町駅空第本支店")
_SHOP_AFTER: Final = re.compile(f"(?:町|駅前?|空港)?(?:第?[0-9]+ターミナル)?(?:本店|支店|店)(?![舗員頭内主長])")


# Katakana words after a katakana hit, each after one space (グアム ココ ロードレース, the race):
# the words of one name, unless the next is a hit of its own or an ordinary word. Not after a
# company: its product line is a name of its own (パナソニック エネループ), and not one word only
# (ロンドン ロイヤル・プレミアが, インド アンダマン諸島: the place stands alone).
_SPACED_KATAKANA: Final = re.compile(f"[{KATAKANA}][{KATAKANA}{NAME_JOINERS}]+")


def _is_space(c: str) -> bool:
    return c == " " or c == "\N{IDEOGRAPHIC SPACE}"


def _maybe_inside(text: str, s: int, e: int, label: str) -> bool:
    """`_inside_name`'s gates, one character on each side (it is asked of every hit)."""
    if s > 0 and (text[s - 1] == _TITLE_OPEN or (label == "LOCATION" and KATAKANA_BLOCK_FIRST <= ord(text[s - 1]) <= KATAKANA_BLOCK_LAST)):
        return True
    return e < len(text) and text[e] == _TITLE_CLOSE


def _inside_name(text: str, s: int, e: int, label: str) -> bool:
    """A linked hit inside a longer name that the words before it show (tested on every hit, so
    cheap gates first): a title in 『』 it does not fill, a facility's name after its chain's."""
    open_before = s > 0 and text[s - 1] == _TITLE_OPEN
    close_after = e < len(text) and text[e] == _TITLE_CLOSE
    if open_before != close_after:
        a = s - 1 if open_before else text.rfind(_TITLE_OPEN, max(0, s - _TITLE_MAX), s)
        b = e if close_after else text.find(_TITLE_CLOSE, e, e + _TITLE_MAX)
        if a >= 0 and b >= 0 and b - a - 1 <= _TITLE_MAX and not any(c in _TITLE_BREAKS for c in text[a + 1 : b]):
            return True
    if label == "LOCATION" and s > 1 and _KATA.match(text[s - 1]) and _kanji_at(text, s):
        run = _KATAKANA_BEFORE.search(text, max(0, s - 12), s)
        if run is not None and any(w in run.group() for w in _FACILITY_WORDS):
            return True
    return False


def _longer_name(text: str, s: int, e: int, label: str, starts: dict[int, Any],
                 is_common: Callable[[str], bool]) -> tuple[int, str] | None:
    """(end, label) of the longer name that text[s:e] starts (label "" when unknown: no
    mention), or None when the hit is a name of its own."""
    if s and text[s - 1] in _LATIN_LETTERS and _kanji_at(text, s):
        return s, ""  # INAC神戸: the name started before the hit
    if label == "LOCATION" and _kanji_at(text, e - 1) and _FUSED_AFTER_PLACE.match(text, e):
        # 日本初, 韓国式, 福島県民: a place fused into a word is not the place. Only a place written
        # in kanji, as the matcher drops 日本人, 日本語: a katakana place inside a Japanese word
        # stays tagged (issue 18: フランス式, ギリシア語; tests/glossary/test_rewrite_policy.py).
        return e, ""
    if label == "LOCATION" and e < len(text) and text[e] in _SHOP_FIRST:
        shop = _SHOP_AFTER.match(text, e)
        if shop is not None:
            return shop.end(), ""  # 浜松町店, 成田空港第1ターミナル店: a shop named after the place
    if label == "ORG" and text.endswith(_CHAIN_ENDS, s, e):
        # TOHO シネマズ渋谷, TOHOシネマズ スカラ座: one cinema of the chain (after a space, a
        # katakana name: not `TOHOシネマズ 全国ロードショー`)
        gap = e + 1 < len(text) and _is_space(text[e]) and _KATA.match(text[e + 1]) is not None
        branch = _BRANCH_NAME.match(text, e + 1 if gap else e)
        if branch is not None:
            return branch.end(), "LOCATION"
    # (The hit may be a rewrite already: ニューヨーク大学 reads New York大学 here.)
    tail = _PLACE_TAIL.match(text, e)
    if tail is not None:
        # (A kanji run may go on after the word, 日本代表選手: the name ends with the word.)
        word = next(w for w in _SUFFIXES_LONGEST_FIRST if text.endswith(w, e, tail.end()))
        whole = _SUFFIX_LABEL[word]
        if word in _BRANCH and tail.end() - len(word) > e:
            pass  # 米国|百貨|店: a place and a common noun, not a branch
        elif label == "LOCATION":
            return tail.end(), whole
        elif whole == "LOCATION":  # 東京メトロ新宿駅, 静岡東宝会館: a place named after a company
            return tail.end(), whole
    if label == "ORG" and text.startswith(_ORG_FORMS, e):
        return e + next(len(w) for w in _ORG_FORMS if text.startswith(w, e)), "ORG"  # KDDI株式会社
    if label != "ORG" and e + 2 < len(text) and _is_space(text[e]) and _KATA.match(text[e - 1]):
        spaced = _SPACED_KATAKANA.match(text, e + 1)
        if (spaced is not None and spaced.end() + 1 < len(text) and _is_space(text[spaced.end()])
                and _KATA.match(text[spaced.end() + 1]) and e + 1 not in starts and spaced.end() + 1 not in starts
                and not _starts_common(spaced.group(), is_common)):
            return e, ""  # グアム ココ ロードレース: a name of three katakana words
    if text[e - 1] in _LATIN_EDGE:
        return _longer_latin(text, s, e, label, starts, is_common)
    glued = _GLUED_KATAKANA.match(text, e) if _kanji_at(text, e - 1) else None
    if glued is not None and glued.end() not in starts and not _starts_common(glued.group(), is_common):
        return glued.end(), ""  # 東京ヴェルディ, 日本コカ・コーラ: a name the glossary does not know
    return None


def _kanji_at(text: str, i: int) -> bool:
    """`_KANJI_EDGE.match(text, i) is not None` (i < len(text)), without a regex call for the
    unified ideographs and for ASCII, kana and Latin (`longer_names` asks it of most hits)."""
    c = ord(text[i])
    if UNIFIED_IDEOGRAPHS_FIRST <= c <= UNIFIED_IDEOGRAPHS_LAST:
        return True
    if c < NO_KANJI_OR_HIRAGANA_BELOW:
        return False
    return _KANJI_EDGE.match(text, i) is not None


def _starts_common(run: str, is_common: Callable[[str], bool]) -> bool:
    """The katakana run glued to a hit starts with an ordinary word (日本|メーカー, 中国|サイド)."""
    return any(is_common(run[:k]) for k in range(len(run), 1, -1))


def _longer_latin(text: str, s: int, e: int, label: str, starts: dict[int, Any],
                  is_common: Callable[[str], bool]) -> tuple[int, str] | None:
    """A Latin hit's longer name: a capitalized word before it (Paul Smith LONDON, NHN Japan), a
    model after it (iPhone 4S, Intel Z77: a product), capitalized words after a product (Ubuntu
    One, Kindle Fire 2), an ORG's country after it (Huawei Japan). A company's name before its
    product line's stays a name of its own (Canon IXY, Qualcomm Snapdragon: GUIDELINES.md)."""
    series = _SERIES.match(text, e) if label != "LOCATION" else None
    if series is not None and e + 1 not in starts:
        return series.end(), "PRODUCT"  # docomo NEXT series: a product line named after its maker
    if s >= 2 and text[s - 1] == " ":
        before = _WORD_BEFORE.search(text, max(0, s - 40), s)
        if before is not None and before.start() not in starts and not is_common(before.group().split(" ", 1)[0]):
            return s, ""
    end, first = e, ""
    while True:
        # (A number after a place is a year or a count: Paris 1889.)
        model = _MODEL.match(text, end) if label != "LOCATION" else None
        word = None if model else _CAPITALIZED.match(text, end)
        nxt = model or word
        if nxt is None:
            break
        other = starts.get(end + 1)
        if other is not None and not (label == "ORG" and other.label == "LOCATION"):
            break  # NVIDIA GB200: two names side by side, each its own
        if word is not None and other is None and (label != "PRODUCT" or word.group()[1:].lower() in _GENERIC_AFTER
                                                   or is_common(word.group()[1:]) and len(word.group()) > 4):
            break
        first = first or ("model" if model else "country" if other is not None else "word")
        end = nxt.end()
        if model is not None:
            # Android 4.0 ICS: the name ends with its version, unless words of a name follow it
            # (Intel Z77 Express, Windows 8 Pro, ThinkPad X1 Carbon: capitalized, not capitals)
            while True:
                after = _TITLE_WORD.match(text, end)
                if after is None or end + 1 in starts or after.group()[1:].lower() in _GENERIC_AFTER:
                    break
                end = after.end()
            break
    if end == e:
        return None
    if label == "PRODUCT" or (label in ("ORG", "EVENT") and first == "model"):
        return end, "PRODUCT" if label == "ORG" else label
    if label == "ORG" and first == "country":
        return end, "ORG"
    return end, ""

