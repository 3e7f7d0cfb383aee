"""The patterns of the number tagger, built from the tables (`tables.py`, `date_tables.py`,
`word_tables.py`; the numeral itself: `numerals.py`; the pieces of the date branches:
`date_patterns.py`).

One branch per kind of expression (`BRANCHES`, tried in that order at a start: the first that
matches wins), each a readable pattern with named groups that its handler reads (`HANDLERS`
names the function in `dates.py` / `amounts.py`). `branch_set(*names)` compiles some of them into
one alternation; `tagger.py` matches it at each start that `TRIGGER` finds.

Only the few branches that can match are tried at a start: the character after the numeral
picks them (`FOLLOWERS`: after 年 a date, a duration or an amount; after 〜 a range ...), and a
numeral followed by nothing an amount could count is no start at all. A new branch is one entry
in `BRANCHES` and `HANDLERS`, and one in `FOLLOWERS` for each character that may follow its
numeral (a new word of `tables.py` is found by the amount branch without either).

The branches are written in the syntax the standard `re` and the third-party `regex` share, and
a branch set compiles with `re` (about 2.4× faster per match on livedoor: bench/README.md, "The
number tagger on `re`") unless it holds one of `NEEDS_REGEX`, the rare branches that use what
only `regex` has (repeated captures, variable-width lookbehinds, \\p{Katakana}). So a word list
is a trie of alternatives (`words`), a lookbehind on words of several lengths is one lookbehind
per length (`behind`, `not_behind`), and \\p{Han} is `HAN`, built on `chars.KANJI`.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any, Final, NamedTuple, Union

import regex

from ..chars import HIRAGANA, KANJI, KATAKANA, KATAKANA_LETTERS
from .numerals import (RANGE_SEPARATOR, DIGIT, SPACE_CHAR, SPACE, ARABIC, KANJI_DIGITS, KANJI_NUMERAL_CHARS, NUMERAL)
from .date_patterns import (MONTHS_WORD, YEAR_MONTHS, date_range_tail, year_range_tail, RELATIVE_YEAR, RELATIVE_MONTH,
                            MONTH, DAY, YEAR_WORDS_AFTER_RANGE, YEAR_PART, DAY_WITHOUT_NICHI)
from .patterns import (alternation, behind, not_behind, starts_with_one_of, words)
from .tables import (BACKSLASH_YEN, BACKSLASH_YEN_BEFORE, BARE_COUNT_BEFORE_NOUN, BARE_COUNT_QUALIFIERS, COMPOUND_AFTER,
                     COUNTERS, COUNTERS_NOT_AFTER_WORD, COUNT_TIMES_MARKS, CURRENCY_WORDS, DAI_COMPOUND_AFTER,
                     DAI_COUNTERS, DIMENSION_BRACKET_LETTERS, DIMENSION_LABELS, DIMENSION_LETTERS, DIMENSION_WORDS,
                     FRACTION_UNITS, GLUED_LATIN_UNITS, GRADE_SCHOOLS, HEADER_COUNTERS, HEADER_DURATION_UNITS,
                     LATIN_COUNT_UNITS, LATIN_MULTIPLIERS, MODEL_MEASURE_UNITS, SCALE_WORDS, LATIN_TIMES, LATIN_UNITS, LIST_SIZE_WORDS, NOT_OPEN_COUNTERS,
                     NTH_COUNTERS, NTH_KANA_MARK, NTH_KANA_MARK_WORDS, NTH_MARK_WORDS, OPEN_COUNTER_BEFORE,
                     ORDINAL_COMPOUND_AFTER, ORDINAL_COUNTERS, PROCESSOR_WORDS, TIMES, UNITS_BEFORE_PROCESSOR)
from .date_tables import (BEFORE_NOW, DURATION_UNITS, ERAS, FISCAL_WORDS, HALF_WORDS, ISSUE_WORDS, MAGAZINE_ISSUE,
                          RANK_MARK, RELATIVE_WORDS, RIGHTS_WORDS, SINCE_WORDS, STAMP_DATE_MARK, VERSION_WORDS)
from .word_tables import (KANJI_BEFORE_NUMERAL, LIST_SEPARATOR, LIST_SEPARATORS, PASSED_QUALIFIERS, PERCENT_WORDS,
                          POST_QUALIFIERS, PRE_QUALIFIERS, PRICE_BAND, PRICE_BAND_NOT_BEFORE, RANGE_SEPARATORS,
                          TAX_NOTES, VERB_NOT_QUALIFIER, WARI, WARI_BU, WARI_RIN)

# The word lists of tables.py as patterns.
POSTQ, CUR, PCT, ORD = words(POST_QUALIFIERS), words(CURRENCY_WORDS), words(PERCENT_WORDS), words(ORDINAL_COUNTERS)
CNT, LAT, DC, DUR_WORD = words(COUNTERS), words(LATIN_UNITS), words(DAI_COUNTERS), words(DURATION_UNITS)
TAX = words(TAX_NOTES)
MUL, NTH, RELW = words(LATIN_MULTIPLIERS), words({*NTH_COUNTERS, *COUNTERS}), words(RELATIVE_WORDS)
CLOCKED = f"(?<={alternation(UNITS_BEFORE_PROCESSOR)})(?={alternation(PROCESSOR_WORDS)})"  # (1.4GHzCPU: tables.PROCESSOR_WORDS)
NTH_KANA_AHEAD = f"{NTH_KANA_MARK}(?![{NTH_KANA_MARK_WORDS}])"  # (2つめ, １０年め; not 1枚めくる: tables.NTH_KANA_MARK)
NTH_MARK_AHEAD = f"(?:目(?![{NTH_MARK_WORDS}])|{NTH_KANA_AHEAD})"  # (2回目, 1点目; not 1000人目標: tables.NTH_MARK_WORDS)
NTH_ONLY = words(NTH_COUNTERS)  # (the counters of NTH that CNT lacks: 年, 日, カ月 ... ; NO_UNIT_AFTER)
HALF = alternation(HALF_WORDS)  # (one width: a lookbehind)
DIMU = words({*LATIN_UNITS, *DIMENSION_WORDS})
DIM_LABEL = alternation(DIMENSION_LABELS) + f"|[{DIMENSION_LETTERS}]"
# W91×D41: a letter that labels the first number of a size (not inside a word: SW91×)
DIM_LETTER_FIRST = f"(?<=(?<![A-Za-z])[{DIMENSION_LETTERS}])(?={DIGIT}+[{TIMES}])"
LABEL_IN_BRACKETS = f"[(（](?:{DIM_LABEL}|[{DIMENSION_BRACKET_LETTERS}])[)）]"  # (幅), （奥行き）, (L): after a number of a size
LABEL_AFTER = f"(?:{SPACE}{LABEL_IN_BRACKETS})?"  # (約65 （W） × 132 （H）: a space before it, batch n16)
# \p{Han}: chars.KANJI is \p{Han} plus 〆 and ヶ, which stand for kanji.
HAN = f"(?![\N{IDEOGRAPHIC CLOSING MARK}\N{KATAKANA LETTER SMALL KE}])[{KANJI}]"

NOT_ORDINAL_COMPOUND = "(?!" + "|".join(f"(?<={re.escape(c)})[{s}]" for c, s in ORDINAL_COMPOUND_AFTER.items()) + ")"
# What a number after `Word ` must carry to be no identifier (FC 420円, 1TB 9.5mm, Docomo 20周年;
# not XPS 13, Core i7 2600K, Ryzen 5 7500F): a currency, %, counter, ordinal or Latin unit.
# (not CPU, GPU: RTX 4090 GPU is a name; tables.LATIN_COUNT_UNITS), or a day before 、/は/に (NTT Docomo 26日、:
# the glossary's Latin name before the date; not 日本, F430 1日ドライブ, 8/25 1日券)
# ... or a month (TV-CM 8月上旬より, YOMIURI ONLINE 11月20日付: session 14; all three of livedoor are dates)
UNIT_AFTER_WORD = f"(?:{CUR}|{PCT}|{CNT}{not_behind(COUNTERS_NOT_AFTER_WORD)}|{ORD}(?<!F){NOT_ORDINAL_COMPOUND}|{LAT}(?![A-Za-z]){not_behind(LATIN_COUNT_UNITS)}|日(?=[、,はに])|月(?![間曜]))"
UNIT_AFTER_WORD_FIRST: Final = frozenset(w[0] for w in (*CURRENCY_WORDS, *PERCENT_WORDS, *COUNTERS, *ORDINAL_COUNTERS,
                                                  *LATIN_UNITS, "日", "月") if w != "F" and w not in LATIN_COUNT_UNITS)
# Not inside an identifier: no digit/letter/decimal point just before, nor `X-`, `X.`, `9:`, `Word `
# (unless a unit follows, above); a letter and a colon are a label (Q：10年, togetter：6月4日). (`/` only after an alphanumeric: 320/5MP is an identifier,
# 仮名/32歳 an age)
# A year of four digits with its 年 after `Word ` is no identifier either (CLS 2005年モデル).
YEAR_AFTER_WORD = "[12][0-9]{3}年"
YEAR_AFTER_WORD_AT: Final = re.compile(YEAR_AFTER_WORD)
# ... or the first of a size (420x271mm/258x412x271mm: batch n10).
SIZE_TIMES = f"[{TIMES}{LATIN_TIMES}]{DIGIT}"
# After a unit and `/`, a number with its own unit is the next of a list (16GB/32GB/64GB, 75Mbps/25Mbps,
# 200m/57階: batch n8), no identifier.
# (SSD128GB: digits glued after two capitals before a unit of tables.GLUED_LATIN_UNITS)
GLUED_UNIT_AFTER = f"(?:{alternation(GLUED_LATIN_UNITS)})(?![A-Za-z])"
# (MSM8960/1.5GHz, HD7950:93.2fps: a measure after a model number and `/` or `:`, tables.MODEL_MEASURE_UNITS)
MODEL_MEASURE_AFTER = f"[0-9.]*(?:{alternation(MODEL_MEASURE_UNITS)})(?![A-Za-z])"
# (ビデオSALON11月号, ビデオSALON2011年12月号: a magazine's issue glued after its name; NUMBERS.md session 14 (g))
GLUED_ISSUE_AFTER = f"(?:[12][0-9]{{3}}年)?[0-9]{{1,2}}{MAGAZINE_ISSUE}"
NOT_IDENTIFIER_TESTS = (f"(?:(?<![A-Za-z0-9０-９_.,#@])|(?<=[A-Z]{{2}})(?={ARABIC}{GLUED_UNIT_AFTER})|(?<=[A-Za-z])(?={GLUED_ISSUE_AFTER}))" r"(?:(?<![A-Za-z0-9０-９]/)|(?<=[A-Za-z]/)" f"(?={ARABIC}(?:{UNIT_AFTER_WORD}|{SIZE_TIMES}))|(?<=[0-9]/)(?={MODEL_MEASURE_AFTER}))"
                        r"(?<![A-Za-z0-9][-.])(?<![A-Za-z0-9][-.] )" f"(?:(?<![0-9]:)(?<![0-9]: )|(?={MODEL_MEASURE_AFTER}))" r"(?<![0-9]\" )"
                        f"(?:(?<![A-Za-z0-9] )|(?={ARABIC}[万億]?{UNIT_AFTER_WORD})|(?={YEAR_AFTER_WORD}))")  # (Kindle Fire 1200万台)
# The same test, first on the character before alone: after none of the characters the tests
# above end on (a kana, a kanji: most starts), all of them hold, and one lookbehind says so
# instead of eight. Atomic: the test reads no group and moves nowhere, so trying it again in
# another way after what follows failed would fail the same way. A kanji numeral glued after a
# Latin word is no part of it (SSD二台, CB二人); after `Word ` it may be a name's (TSUTAYA 三軒茶屋店).
NOT_IDENTIFIER = f"(?>(?<![A-Za-z0-9０-９_.,#@/ :\\-])|(?<! )(?=[{KANJI_DIGITS}])|{NOT_IDENTIFIER_TESTS}|{DIM_LETTER_FIRST})"


# A counter glued to the start of a longer word is none (3人気, 2台湾; tables.COMPOUND_AFTER).
# (the class up front: most counters are followed by none of these characters, and the
# lookbehinds cost more than the rest of a match)
NOT_COMPOUND = (
    f"(?!(?=[{''.join(sorted(set(''.join(COMPOUND_AFTER.values()))))}])(?:"
    + "|".join(f"(?<={re.escape(c)})[{s}]" for c, s in COMPOUND_AFTER.items()) + "))"
)
NOT_DAI_COMPOUND = "(?!" + "|".join(f"(?<={re.escape(c)})[{s}]" for c, s in DAI_COMPOUND_AFTER.items()) + ")"


def post_qualifier(branch: str) -> str:
    """A qualifier after a number (5年以上, 100人を超: を is tolerated), in group `postq_<branch>`
    (`re` takes a group name once per set: `post_qualifier_of` reads whichever matched). After an
    amount a tax note may come first (12,000円（税込）以上: word_tables.TAX_NOTES)."""
    tax = f"(?:{TAX})?" if branch == "AMT" else ""
    verbs = "".join(f"(?!(?<={re.escape(q)})[{endings}])" for q, endings in VERB_NOT_QUALIFIER.items())  # (余っている)
    qualifiers = POSTQ if branch != "DUR" else words(q for q in POST_QUALIFIERS if q not in PASSED_QUALIFIERS)
    return f"(?:{SPACE}{tax}{starts_with_one_of('を', *POST_QUALIFIERS)}(?:を)?(?P<postq_{branch}>{qualifiers}){verbs})?"


# A qualifier before a number is looked up behind it by the handler (a pattern alternative
# starting on お, ほ, マ ... would be tried at every kana of the text). \Z, not $: no qualifier
# across a line break.
PRE_QUALIFIER_BEHIND: Final = re.compile(f"(?:{alternation(PRE_QUALIFIERS)}){SPACE}\\Z")
PRE_QUALIFIER_LAST: Final = frozenset(w[-1] for w in PRE_QUALIFIERS)
# W before 杯 is the World Cup, no watt (2010W杯: session 14)
NOT_WORLD_CUP = "(?<!W(?=杯))"
UNIT_KINDS = ("cur", "pct", "ord", "cnt", "lat", "day", "mul", "nth", "kat")
# An open class of counters (3モデル, 4ユーザー, 12ゲーム): a katakana word that no table knows, after a number of
# one or two digits (not 207シリーズ, 520シリーズ: a model's number) and not after × (PCI Express ×1スロット, 4×5カメラ:
# names), nor 1 after の ("one of": の1コーナー); the whole katakana run, of at most five characters (a counter is a short
# word: not 7シリーズマザーボード, 2ランホームラン), and a particle or punctuation after it (tables.OPEN_COUNTER_BEFORE:
# not 4シリーズ製品, ＋3オファー」); not a word of tables.NOT_OPEN_COUNTERS (2チャンネル: a forum).
# (nor glued after a name: ナンバー1ホステス, 乃木坂46メンバー; nor after a footnote mark: ※2アプリ; after a kanji only one
# that may precede a number: 全6フレーバー, 前2ゲーム)
NOT_BEFORE_OPEN_COUNT = (f"(?<![0-9０-９.,，．{TIMES}{LATIN_TIMES}*※{KATAKANA}])"
                         f"(?:(?<!{HAN})|(?<=[{''.join(sorted(KANJI_BEFORE_NUMERAL))}前]))")
OPEN_COUNT_DIGITS = (f"(?:(?<={NOT_BEFORE_OPEN_COUNT}[0-9０-９])(?<!の[1１])|(?<={NOT_BEFORE_OPEN_COUNT}[0-9０-９]{{2}}))")
OPEN_COUNTER = (f"{OPEN_COUNT_DIGITS}(?!{alternation(NOT_OPEN_COUNTERS)})[{KATAKANA_LETTERS}][{KATAKANA}]{{1,4}}+"
                f"(?={alternation(OPEN_COUNTER_BEFORE)})")


def unit(prefix: str = "") -> str:
    """What an amount counts, one group per kind (`UNIT_KINDS`, names prefixed by `prefix`)."""
    p = prefix
    # (any katakana letter may start an open counter)
    first = starts_with_one_of(*CURRENCY_WORDS, *PERCENT_WORDS, *ORDINAL_COUNTERS, *COUNTERS, *LATIN_UNITS, '日', *NTH_COUNTERS,
                               ranges=KATAKANA_LETTERS)
    return (
        f"{first}"
        f"(?:(?P<{p}cur>{CUR})(?P<{p}band>{PRICE_BAND}(?![{PRICE_BAND_NOT_BEFORE}]))?"  # (1000円台)
        f"|(?P<{p}pct>{PCT})(?:(?<={WARI})(?P<{p}bu>[0-9一二三四五六七八九]){WARI_BU}(?:(?P<{p}rin>[0-9一二三四五六七八九]){WARI_RIN})?)?|(?P<{p}ord>{ORD})(?!(?<=F)[A-Za-z0-9]){NOT_ORDINAL_COMPOUND}"  # (2F, not 2FA)
        # (a counter before 目 is an ordinal's, maybe a character but kana before it: not 3種 of 3種類目, but 3つの目的; the
        # counter 種目 is one)
        f"|(?P<{p}cnt>{CNT}){NOT_COMPOUND}(?![^{HIRAGANA}\n]?目(?![{NTH_MARK_WORDS}])|{NTH_KANA_AHEAD})|(?P<{p}lat>{LAT})(?:(?![A-Za-z]){NOT_WORLD_CUP}|{CLOCKED})|(?P<{p}day>日)(?!本|曜|目|{NTH_KANA_AHEAD})"
        f"|(?<={DIGIT})(?P<{p}mul>{MUL})(?![A-Za-z0-9]|{HAN})"  # (128K; not 100M走)
        # (2回目, 1点目, 3種類目: after the counters refused 目; the trie of every counter only where a 目 is near)
        f"|(?=.{{1,6}}?[目{NTH_KANA_MARK}])(?P<{p}nth>{NTH}){NTH_MARK_AHEAD}"
        f"|(?P<{p}kat>{OPEN_COUNTER}))"  # (3モデル: last, after every word the tables know)
    )


def currency_sign(name: str) -> str:
    return f"(?P<{name}>[$¥￥€£₩]|{re.escape(BACKSLASH_YEN)}(?={BACKSLASH_YEN_BEFORE})){SPACE}"


RIGHT_APPROXIMATE = "約"  # 1000W〜約300W: a range all the same (batch n10)
UNIT_IN_BRACKETS = "[(（](?P<{name}>" + DIMU.replace("{", "{{").replace("}", "}}") + ")[)）]"
# A spec table's header before its numbers: `(unit):`, `(unit) `, `(what:unit) `, `(what unit) `,
# `(約unit) `, then maybe 約 (tables.HEADER_DURATION_UNITS, HEADER_COUNTERS); group `{name}` is the unit.
HEADER_BEFORE = ("[(（](?:[^()（）\n]{{0,30}}[:： \u3000]|約)?(?P<{name}>"
                 + words({*LATIN_UNITS, *DIMENSION_WORDS, *HEADER_DURATION_UNITS, *HEADER_COUNTERS}).replace("{", "{{").replace("}", "}}")
                 + ")[)）](?:[:：][ \u3000]?|[ \u3000])約?")
# (a bare number: no currency, %, counter, unit or duration word after it)
NO_UNIT_AFTER = f"(?!{SPACE}(?:{CUR}|{PCT}|{CNT}|{LAT}|{ORD}|{NTH_ONLY}|{DUR_WORD}))"
# After a copyright year: the reservation of rights (Limited 2004.All Rights Reserved; date_tables.RIGHTS_WORDS)
RIGHTS_AFTER = f"\\. ?(?:{alternation(RIGHTS_WORDS)})"

GRADE_SCHOOL_CHARS = "".join(GRADE_SCHOOLS)
GRADE_AT_SOURCE = (f"(?<=[{GRADE_SCHOOL_CHARS}])(?P<gn>[1-6１-６]|[一二三四五六])(?![0-9０-９.,．{KANJI_DIGITS}十年月日時]){NO_UNIT_AFTER}")
# Each branch by name, in the order they are tried. Every branch starts on a digit, a numeral
# kanji, a currency sign, 第, 元 (令和元年), or on 年/月 of a relative date (昨年, 先月: the word
# is a lookbehind). Era names, マイナス, signs, US and no. are read behind the start.
BRANCHES = MappingProxyType({
    # 2024-09-12, 2024/9/12, 2012.5.3
    "ISO": f"(?P<ISO>(?<![0-9A-Za-z.\\-])(?<![0-9A-Za-z]/)(?P<iy>[12][0-9]{{3}})(?P<isep>[-/.])(?P<im>[01]?[0-9])"
    f"(?P=isep)(?P<id>[0-3]?[0-9])(?![0-9])(?!(?P=isep)[0-9]))",
    # no.1, No. 1
    # (ナンバー2, ナンバー1ホステス: No. in katakana; tagger.branches_at picks NUMBER_WORD there)
    "NO": r"(?P<NO>(?<=(?P<nop>(?<![A-Za-z])[Nn][Oo]\.? ?|ナンバー))(?P<non>[0-9]+)(?![0-9.]))",
    # 第1位, 第3フェーズ, 第一四半期 (the counter first: 第一四半期 is 第一 + 四半期, not 第十四)
    # 第1話〜第5話, 第1巻〜12巻: a range of ordinals with one counter (batch n8)
    "DAI": f"(?P<DAI>第{SPACE}(?:(?P<dn>{NUMERAL}){SPACE}(?P<dc>{DC}){NOT_DAI_COMPOUND}目?"
    f"(?:{SPACE}(?:{RANGE_SEPARATOR}){SPACE}第?{SPACE}(?P<dn3>{NUMERAL}){SPACE}(?P=dc){NOT_DAI_COMPOUND}目?)?|(?P<dn2>{ARABIC})))",
    # 1/3 (a fraction: the denominator at most 10 and above the numerator), 8/16 (a day: --08-16),
    # 1/2.3型, 1/3インチ (the size of an image sensor: with its unit)
    "SLASH": f"(?P<SLASH>(?P<sn>[0-9]{{1,2}})/(?P<sd>[0-9]{{1,2}}(?:\\.[0-9]{{1,2}}(?={alternation(FRACTION_UNITS)}))?)(?![0-9/.,A-Za-z])"
    f"(?P<su>{alternation(FRACTION_UNITS)})?)",
    # (C)2011, © 2006, Copyright 2012: a copyright year
    "COPY": r"(?P<COPY>(?<=(?:\([Cc]\)|©) ?|Copyright )(?P<cy>[12][0-9]{3})(?![0-9]))",
    # CORPORATION 2011. ALL RIGHTS RESERVED: the year of a copyright notice, before its reservation
    # (tagger.usual_branches picks this branch where RIGHTS_AT matches)
    "RIGHTS": f"(?P<RIGHTS>(?P<ry>[12][0-9]{{3}})(?={RIGHTS_AFTER}))",
    # 『マルサの女』(87): the year of a work, in brackets after its title
    "TYEAR": r"(?P<TYEAR>(?<=[』」] ?\()(?P<ty>[0-9]{2}|[12][0-9]{3})(?=\)))",
    # posted with amazlet at 11.09.29 (2011-09-29), 売り上げランキング: 3007 (a rank): the widget's stamp
    "STAMP": f"(?P<STAMP>(?<={re.escape(STAMP_DATE_MARK)})(?P<sty>[0-9]{{2}})\\.(?P<stm>[01][0-9])\\.(?P<std>[0-3][0-9])(?![0-9.]))",
    "RANK": f"(?P<RANK>(?<={re.escape(RANK_MARK)})(?P<rk>[0-9]{{1,7}})(?![0-9.,]))",
    # 本日, 今週, 今季, 今夏: relative dates without a numeral
    # (来週3月16日: one date with the month and day after the word)
    # (after a kanji only one a number may follow: 約半年, アンドロイド歴半年; not 上半年)
    # 半年, 半年前, 約半年, 半年以上: half a year (a DURATION), with its 前 and qualifiers
    "REL": f"(?P<REL>(?:(?<!{HAN})|(?<=[{''.join(sorted(KANJI_BEFORE_NUMERAL))}]))(?P<rw>{RELW})(?!間)"
    f"(?:{SPACE}(?:(?P<rwy>[12][0-9]{{3}}){SPACE}年{SPACE})?(?P<rwm>{NUMERAL}){SPACE}月{SPACE}(?P<rwd>{NUMERAL}){SPACE}日"  # (来週2012年5月21日)
    f"|(?<={HALF})(?P<rwago>{BEFORE_NOW})?{post_qualifier('REL')})?)",
    # 9.11, 3.11 (M.DD with no unit after it), 11.3特大号 (M.D before an issue word)
    "MDOT": f"(?P<MDOT>{not_behind(VERSION_WORDS)}{not_behind(VERSION_WORDS, then=SPACE_CHAR)}"
    f"(?P<om>1[0-2]|[1-9])\\.(?:(?P<od>[12][0-9]|3[01])(?![0-9.])"
    f"{NO_UNIT_AFTER}(?!{SPACE}{POSTQ})"
    f"|(?P<od2>[12][0-9]|3[01]|[1-9])(?={alternation(ISSUE_WORDS)})))",
    # 184×130×11mm, 128×63×15.4(mm): the numbers before the last (and the last before a unit in
    # brackets) take the unit; the scan goes on at a last number that carries its own unit. At
    # most four numbers: a longer chain is no size, and an unbounded one is tried again from each
    # of its numbers (quadratic: bench/pathological.py)
    # 60(幅)×117(奥行き)×10(高さ)mm: a label in brackets after each number (LABEL_AFTER)
    "DIM": f"(?P<DIM>(?:(?P<xn>{NUMERAL})(?:{LABEL_AFTER}{SPACE}{TIMES}{SPACE}(?:{DIM_LABEL})?|{LATIN_TIMES})){{1,3}}(?:(?P<xl>{NUMERAL}){SPACE}\\((?P<xb>{DIMU})\\)"
    f"|(?={NUMERAL}{LABEL_AFTER}{SPACE}(?:(?P<xu>{DIMU})(?![A-Za-z])|{CNT}))))",
    # SATA3×6、4GB×4、乾電池*2: a count after × (tables.COUNT_TIMES_MARKS; amounts.times_count reads what precedes ×)
    "TCNT": f"(?P<TCNT>(?<=[{re.escape(COUNT_TIMES_MARKS)}])(?P<tc>[0-9]{{1,2}})(?![0-9０-９.,．A-Za-z{KATAKANA}]|{HAN}){NO_UNIT_AFTER})",
    # 中2, 小4, 小三: a school grade (tables.GRADE_SCHOOLS; tagger.usual_branches picks this branch after 小/中)
    "GRADE": f"(?P<GRADE>{GRADE_AT_SOURCE})",
    # spec tables: 車両重量:1090(kg) (the unit in brackets after), 全高(mm):3995×1695×1585 (in a
    # header before: tagger.branches_at picks this branch after `(unit):`)
    # 59(幅)mm, 10(高さ)mm: a label in brackets between the number and its unit
    "BRU": f"(?P<BRU>(?P<bn>{NUMERAL})(?:{UNIT_IN_BRACKETS.format(name='bu')}|{SPACE}{LABEL_IN_BRACKETS}{SPACE}(?P<bu2>{DIMU})(?![A-Za-z])))",
    "HDR": f"(?P<HDR>(?<={HEADER_BEFORE.format(name='hu')})(?P<hn>{NUMERAL})"
    f"(?:{SPACE}(?:{TIMES}|/){SPACE}約?(?P<hn>{NUMERAL})){{0,3}})",
    # TOP5, ベスト5: the size of a list (tagger.branches_at picks this branch after LIST_SIZE_WORDS)
    "TOPN": f"(?P<TOPN>(?:{behind(LIST_SIZE_WORDS)}|{behind(LIST_SIZE_WORDS, then=' ')})(?P<tn>[0-9]{{1,3}})(?![0-9.,]){NO_UNIT_AFTER})",
    # 震度4以上: a scale's level, its name before it (tagger.usual_branches picks this branch after SCALE_WORDS)
    "SCALE": f"(?P<SCALE>(?<={alternation(SCALE_WORDS)})(?P<scn>[0-9０-９]{{1,2}})(?![0-9０-９.,]){post_qualifier('SCALE')})",
    # 内田篤人(23), 菅山かおる(32): an age in brackets after a name
    "AGE": r"(?P<AGE>(?<=[\p{Han}\p{Katakana}\p{Hiragana}ー][(（])(?P<age>[1-9][0-9])(?=[)）]))",
    # 3分の1, 三分の一
    "FRAC": f"(?P<FRAC>(?P<fd>{NUMERAL}){SPACE}分の{SPACE}(?P<fn>{NUMERAL}))",
    # years: 2024年9月12日, 二〇二三年度, 2024会計年度, 1990年代, 平成24年, 昨年11月
    "DATE": f"(?P<DATE>(?P<dcore>(?:(?:(?<=(?P<era>{alternation(ERAS)}))|(?<=(?P<era_s>{alternation(ERAS)}){SPACE_CHAR}))"
    f"(?P<ey>{NUMERAL}|元){SPACE}年|{RELATIVE_YEAR}年|(?P<y>{NUMERAL}){SPACE}(?:(?P<fisc>{alternation(FISCAL_WORDS)})(?=年度))?年)"
    f"(?:(?P<fy>度)|(?P<dec>代))?(?:{SPACE}{MONTH}(?:{SPACE}{DAY})?|{YEAR_PART})?)"
    f"(?!間|半(?!ば)|(?<=年)(?:生(?!まれ)(?<![12１２]{DIGIT}{{3}}年生)|齢)|代|ぶり|前(?!半)|目|{NTH_KANA_AHEAD}|(?<=年){YEAR_MONTHS})(?:{date_range_tail('dr')}|{year_range_tail('yr')})?{post_qualifier('DATE')})",  # (3年生: a school year; 1991年生まれ, 1971年生: a year)
    # durations (before months: 1ヶ月 is a duration): 5年間, 15カ月, 3時間, 122日間
    # 17年ぶり, 4週連続: the span is N年 / N週
    # 2時間44分27秒, 1時間30分: one duration in its smallest unit; 0.8秒間隔 is 0.8秒 (間隔 "interval")
    # 2年7カ月: years and months, in months; 1分07秒10: a race time, hundredths after 秒
    # (十分間に合う: 十分 "enough" + 間に合う, no 分間)
    "DUR": f"(?P<DUR>(?P<un>{NUMERAL}){SPACE}(?:(?P<uu>{DUR_WORD})(?<!半(?=ば))(?<!間(?=隔|に合))(?!目|{NTH_KANA_AHEAD})|(?P<us>[年週])(?={alternation(SINCE_WORDS)})"
    f"|(?P<uy>年)(?={YEAR_MONTHS}))"
    f"(?P<utail>(?<=時間){SPACE}(?P<umin>{NUMERAL}){SPACE}分(?:{SPACE}(?P<usec>{NUMERAL}){SPACE}秒)?"
    f"|(?<=分){SPACE}(?P<usec2>{NUMERAL}){SPACE}秒(?:[0-9]{{1,2}}(?![0-9０-９.,．]){NO_UNIT_AFTER})?"
    f"|(?<=年){SPACE}(?P<umon>{NUMERAL}){SPACE}(?P<umw>{MONTHS_WORD})"
    # 9時間〜10時間: a range with the duration word on both sides
    f"|(?P<urange>{SPACE}(?P<usep>{RANGE_SEPARATOR}){SPACE}(?P<un2>{NUMERAL}){SPACE}(?P<uu2>{DUR_WORD})(?<!半(?=ば))(?!目|{NTH_KANA_AHEAD})))?"
    f"{post_qualifier('DUR')})",
    # months: 9月11日, 7 月 22 日, 12月, 先月
    # 11月から2月, 10月16日〜22日: one date range
    "MD": f"(?P<MD>(?P<mdcore>(?:{RELATIVE_MONTH}月|(?P<mm>{NUMERAL}){SPACE}月(?![間曜]))"
    f"(?:{SPACE}(?P<md>{NUMERAL})(?:{SPACE}日(?![間本曜])|{DAY_WITHOUT_NICHI}))?){date_range_tail('mdr')}?{post_qualifier('MD')})",
    # a time of day, consumed so that its minutes are not a duration
    "TIME": f"(?P<TIME>{NUMERAL}{SPACE}時(?![間代点期限])(?:{SPACE}{NUMERAL}{SPACE}分)?(?:{SPACE}{NUMERAL}{SPACE}秒)?)",
    # ranges ending on a date or duration word: 2〜3年, 3〜4カ月, 2010〜2012年, 3〜4月
    "RNG": f"(?P<RNG>(?P<r1>{NUMERAL}){SPACE}(?P<rsep>{RANGE_SEPARATOR}|[{LIST_SEPARATORS}]){SPACE}(?P<r2>{NUMERAL}){SPACE}"
    f"(?:(?P<ru>{DUR_WORD})(?<!半(?=ば))|{YEAR_WORDS_AFTER_RANGE}){post_qualifier('RNG')})",
    # amounts and ranges: 1,500億米ドル, $238.66, 30〜40億ドル, 70,000〜100,000世帯.
    # 、 only joins two bare numbers before one counter (2、3日); 10億ドル、20億ドル is a list.
    "AMT": f"(?P<AMT>(?:{currency_sign('pcur')})?(?P<n1>{NUMERAL})(?:{SPACE}(?P<u1>{unit('a_')}))?"
    f"(?:{SPACE}(?P<sep>{RANGE_SEPARATOR}|(?(u1)(?!)|{LIST_SEPARATOR})){SPACE}(?:{RIGHT_APPROXIMATE}{SPACE})?(?P<sign2>マイナス|[−▲△-])?"
    f"(?:{currency_sign('pcur2')})?(?P<n2>{NUMERAL})(?!{SPACE}(?:[年月]|時(?!限)|[カヶかケヵ箇]月|週間|日間)|{DIGIT}))?"
    f"(?:{SPACE}(?P<u2>{unit()}))?{post_qualifier('AMT')})",
})
# The handler of each branch (a function of `dates.py` or `amounts.py`); TIME has none: a time
# of day is consumed, not tagged.
HANDLERS = MappingProxyType({
    "ISO": "iso", "NO": "no", "DAI": "dai", "SLASH": "slash", "COPY": "copyright", "RIGHTS": "rights_year", "TYEAR": "title_year", "STAMP": "stamp_date", "RANK": "rank",
    "REL": "relative_word", "MDOT": "dotted_date", "DIM": "dimensions", "TCNT": "times_count", "GRADE": "grade", "BRU": "unit_in_brackets",
    "HDR": "header_unit", "TOPN": "list_size", "SCALE": "scale_level", "AGE": "age", "FRAC": "fraction", "DATE": "date", "DUR": "duration",
    "MD": "month_day", "RNG": "date_range", "AMT": "amount",
})


# A match of a branch set: a `re.Match`, or a `regex.Match` for the sets holding one of `NEEDS_REGEX`.
# Any on purpose: typeshed types `re.Match.group` as never None, which the compiled build turns
# into run-time checks that raise on a group that did not match (COUNTER_SPELLINGS.get(None)).
BranchMatch = Any


class BranchSet(NamedTuple):
    """Some branches compiled into one alternation (`branch_set`), and the number of each of its
    groups. The tagger hands the set to the handler of the branch that matched, which reads
    `m.group(b.group["n1"])`: by number, because `regex` looks a group's name up on every call,
    about ten times slower; from a plain dict, which the compiled handlers read in C."""

    names: tuple[str, ...]
    pattern: Union["re.Pattern[str]", regex.Pattern]
    group: dict[str, int]  # (never changed after `branch_set`)
    unit_groups: dict[str, tuple[int, ...]]  # by prefix: the amount's right ("") and left ("a_") unit
    post_qualifiers: tuple[int, ...]  # the `postq_<branch>` groups
    on_re: bool  # compiled with `re` (not `regex`)
    then_amount: bool  # where none of `names` matches, `AMOUNT` is tried (`branch_set`)


# Branches that test what precedes them themselves (ISO, NO, TOPN, COPY: Copyright 2012) or start on 第, which no
# identifier ends with (STEP4:第3ステップ): not behind NOT_IDENTIFIER.
UNGUARDED = ("ISO", "NO", "DAI", "TOPN", "SCALE", "COPY", "RIGHTS", "STAMP", "RANK")
# The branches only `regex` compiles, tried only in the sets they are in (`ALL` after `no`, (C)
# and 』(; × and a header unit; `)` after a name): repeated captures (DIM: `m.starts`), one group
# name twice (HDR), variable-width lookbehinds (NO, COPY, TYEAR), \p{Katakana} (AGE).
NEEDS_REGEX = frozenset({"NO", "COPY", "TYEAR", "DIM", "HDR", "AGE"})


def branch_source(names: tuple[str, ...]) -> str:
    """One alternation of the named branches (in `BRANCHES` order), the `UNGUARDED` ones first,
    the others behind one shared identifier test: a branch set as written."""
    head = [BRANCHES[n] for n in names if n in UNGUARDED]
    rest = [BRANCHES[n] for n in names if n not in UNGUARDED]
    return "|".join(head + ([f"{NOT_IDENTIFIER}(?:" + "|".join(rest) + ")"] if rest else []))


def group_spans(source: str) -> dict[int, int]:
    """Where each group of a pattern opens (its `(`) -> where it closes (its `)`)."""
    spans: dict[int, int] = {}
    opened: list[int] = []
    i, in_class = 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 1  # (the escaped character is no syntax)
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 if source.startswith("^", i + 1) else 0
            i += 1 if source.startswith("]", i + 1) else 0  # ([]...] and [^]...]: a literal ])
        elif c == "(":
            opened.append(i)
        elif c == ")":
            spans[opened.pop()] = i
        i += 1
    return spans


def optional_as_alternation(source: str) -> str:
    """`source` with each greedy optional group, `(?:X)?` or `(?P<n>X)?`, written as an
    alternation whose last alternative is empty, `(?:X|)` or `(?:(?P<n>X)|)`: the same matches,
    tried in the same order (X, then nothing). `re` runs an optional group as a repeat, which
    allocates a repeat record, and each alternation inside a repeat copies the groups matched
    so far (the word tries of the units are such alternations); an alternation outside a repeat
    does neither (bench/README.md, "Session 8, speed-numbers")."""
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), disjoint
    for start, end in group_spans(source).items():
        if source[end + 1 : end + 2] != "?" or source[end + 2 : end + 3] in ("?", "+"):
            continue
        if source.startswith("(?:", start):
            edits.append((end, end + 2, "|)"))
        elif source.startswith("(?P<", start) or not source.startswith("(?", start):
            edits += [(start, start, "(?:"), (end + 1, end + 2, "|)")]
    for start, end, replacement in sorted(edits, reverse=True):
        source = source[:start] + replacement + source[end:]
    return source


def branch_set(*names: str, then_amount: bool = False) -> BranchSet:
    """The named branches compiled as one alternation (`branch_source`; on `re` with its optional
    groups as alternations: `optional_as_alternation`). Each branch is one group around all of
    it, so on `re` the group a match closed last (`m.lastgroup`) names the branch that matched
    (`regex` may name a group inside it: `tagger.branch_of`).

    `then_amount`: the set is read as if AMT, the last branch, closed it (the tagger tries
    `AMOUNT` where none of `names` matches; AMT is behind the same identifier test). So one copy
    of the amount's pattern, the largest (~100 KB of `re` code), serves every start, instead of
    one copy in each set: the copies crowded the CPU's caches between the other stages."""
    names = tuple(n for n in BRANCHES if n in names)
    source = branch_source(names)
    on_re = not NEEDS_REGEX.intersection(names)
    pattern = re.compile(optional_as_alternation(source)) if on_re else regex.compile(source)
    group = dict(pattern.groupindex)
    units = {p: tuple(group[p + k] for k in UNIT_KINDS) for p in ("", "a_")} if "AMT" in names else {}
    post_qualifiers = tuple(i for name, i in group.items() if name.startswith("postq_"))
    return BranchSet(names, pattern, group, units, post_qualifiers, on_re, then_amount)


ALL: Final = branch_set(*BRANCHES)  # after `no` (no.1, or anything else), (C) (2011) and 』( (87)
AMOUNT: Final = branch_set("AMT")  # after a currency sign, or a numeral before a unit
ORDINAL_DAI: Final = branch_set("DAI")  # 第
RELATIVE_DATE: Final = branch_set("DATE", "MD")  # 昨年, 先月, 令和元年
RELATIVE_WORD: Final = branch_set("REL")  # 本日, 今週, 今季, 今夏
# a numeral before a date separator: 2024-09-12, 8/16, 1/3, 2025-26年, 7500億-8300億ドル
ISO_OR_AMOUNT: Final = branch_set("ISO", "SLASH", "RNG", then_amount=True)
NUMBER_WORD: Final = branch_set("NO")  # after ナンバー (tagger.branches_at)
RIGHTS_YEAR: Final = branch_set("RIGHTS")  # CORPORATION 2011. ALL RIGHTS (tagger.usual_branches: RIGHTS_AT)
RIGHTS_AT: Final = re.compile(f"[12][0-9]{{3}}{RIGHTS_AFTER}")
STAMPS: Final = branch_set("STAMP", "RANK")  # after amazlet's `amazlet at `, `売り上げランキング: `
# Which branches can match, by the character after a numeral (after one translation space).
# A numeral followed by none of these characters can only start an amount.
RANGE_OR_AMOUNT: Final = branch_set("RNG", then_amount=True)
# a numeral M.D(D) (tagger.branches_at: DOTTED_NUMERAL): 9.11, 3.11の, 11.3特大号; before a word of
# time (`DOTTED_DURATION_FIRST`), a decimal length of time too (3.8年, 2.5時間: batch n9)
DOTTED_OR_AMOUNT: Final = branch_set("MDOT", then_amount=True)
DOTTED_OR_DURATION: Final = branch_set("MDOT", "DATE", "DUR", then_amount=True)
# 11.7(D)mm, 10.5(高さ)mm: a decimal before a bracket may be a size's last number or carry its unit in brackets, or a date
# (12.30(土)); tagger.usual_branches
DOTTED_OR_BRACKETED: Final = branch_set("BRU", "DIM", "MDOT", then_amount=True)
DOTTED_DURATION_FIRST: Final = frozenset({"年"} | {w[0] for w in DURATION_UNITS})
DOTTED_NUMERAL: Final = re.compile(r"(?:1[0-2]|[1-9])\.[0-9]{1,2}")
DURATION_OR_AMOUNT: Final = branch_set("DUR", then_amount=True)
TIMES_COUNT: Final = branch_set("TCNT", then_amount=True)  # a numeral after × or * (tagger.usual_branches)
GRADE: Final = branch_set("GRADE")  # 中2, 小4 (tagger.usual_branches, where GRADE_AT matches)
GRADE_AT: Final = re.compile(GRADE_AT_SOURCE)
FOLLOWERS: Final = MappingProxyType({
    # (LIST_SEPARATORS: 2、3年, and 1,2年, a comma between two small numbers)
    **dict.fromkeys((w[0] for w in (*RANGE_SEPARATORS, *LIST_SEPARATORS)), RANGE_OR_AMOUNT),
    "年": branch_set("DATE", "DUR", then_amount=True),
    **dict.fromkeys((w[0] for w in FISCAL_WORDS), branch_set("DATE", then_amount=True)),
    "月": branch_set("MD", then_amount=True),
    **dict.fromkeys((TIMES, LATIN_TIMES), branch_set("DIM", then_amount=True)),
    **dict.fromkeys(")）", branch_set("AGE")),
    **dict.fromkeys("(（", branch_set("BRU", "DIM")),  # (1090(kg); 60(幅)×117(奥行き)×10(高さ)mm)
    "時": branch_set("DUR", "TIME", then_amount=True),
    "分": branch_set("FRAC", "DUR", then_amount=True),
    **dict.fromkeys(sorted({u[0] for u in DURATION_UNITS} - set("年時分")), DURATION_OR_AMOUNT),
})
# After TOP, ベスト (maybe and a space): a list size, or any amount (ベスト4進出, トップ3社).
LIST_SIZE: Final = branch_set("TOPN", then_amount=True)
LIST_SIZE_LAST: Final = frozenset(w[-1] for w in LIST_SIZE_WORDS) | {" "}
SCALE_LEVEL: Final = branch_set("SCALE")  # after 震度 (tagger.usual_branches)
SCALE_LAST: Final = frozenset(w[-1] for w in SCALE_WORDS)


def list_size_before(text: str, s: int) -> bool:
    """Whether TOP, ベスト ... (and maybe a space) ends at `s`."""
    e = s - 1 if text[s - 1 : s] == " " else s
    return text.endswith(LIST_SIZE_WORDS, 0, e)


# After a header `(unit):`, `(unit) 約` ... a number is read with that unit (tagger.branches_at; the
# header ends at the start).
HEADER: Final = branch_set("HDR")
HEADER_UNIT_BEFORE: Final = re.compile(HEADER_BEFORE.format(name="h") + "\\Z")


# Numbers under a header that carry their own unit (約460時間, 約119×60×10.8mm, 約350分/約380分) are
# read by the other branches, with their own unit and span.
# The last number of a size written with x, with its unit (amounts.dimensions reads it: 104x55x11mm).
LAST_DIMENSION: Final = re.compile(f"(?P<ln>{NUMERAL}){SPACE}(?P<lu>{DIMU})(?![A-Za-z])")
OWN_UNIT_AFTER: Final = re.compile(f"{NUMERAL}(?:{SPACE}(?:{TIMES}|/){SPACE}約?{NUMERAL}){{0,3}}{SPACE}"
                            f"(?:{DIMU}|{DUR_WORD}|{CNT}|{PCT}|{CUR})")


def header_unit_before(text: str, s: int) -> bool:
    """Whether a spec table's header (`HEADER_BEFORE`: `(mm):`, `(g) 約`, `(高さ×幅:mm) `) ends at `s`."""
    e = s - 1 if text[s - 1 : s] == "約" else s
    e = e - 1 if text[e - 1 : e] in (" ", "\u3000") else e
    e = e - 1 if text[e - 1 : e] in (":", "：") else e
    return (text[e - 1 : e] in (")", "）") and HEADER_UNIT_BEFORE.search(text, max(0, s - 48), s) is not None
            and OWN_UNIT_AFTER.match(text, s) is None)


# Every branch set (the tests check each).
BRANCH_SETS: Final = tuple({id(b.pattern): b for b in (
    ALL, AMOUNT, ORDINAL_DAI, RELATIVE_DATE, RELATIVE_WORD, ISO_OR_AMOUNT, RIGHTS_YEAR, NUMBER_WORD, HEADER, DOTTED_OR_AMOUNT, DOTTED_OR_DURATION, LIST_SIZE, SCALE_LEVEL, STAMPS, TIMES_COUNT, GRADE,
    *FOLLOWERS.values())}.values())


def post_qualifier_of(m: BranchMatch, b: BranchSet) -> str | None:
    """The qualifier after the number (`post_qualifier`) of the branch that matched, if any."""
    for i in b.post_qualifiers:
        q = m.group(i)
        if q is not None:
            return q
    return None


# What may follow a numeral that an amount could count (a unit, currency, %, a range separator).
AMOUNT_FIRST: Final = frozenset(
    w[0] for w in (*CURRENCY_WORDS, *PERCENT_WORDS, *ORDINAL_COUNTERS, *COUNTERS, *LATIN_UNITS, "日",
                   *LATIN_MULTIPLIERS, *NTH_COUNTERS, *RANGE_SEPARATORS, LIST_SEPARATOR, *BARE_COUNT_QUALIFIERS,
                   *BARE_COUNT_BEFORE_NOUN, "を")  # (を: 50を超える, post_qualifier)
) | {chr(c) for c in range(0x30A1, 0x30FB)}  # (any katakana letter: OPEN_COUNTER)
NUMERAL_AT: Final = re.compile(NUMERAL)
# What may continue a numeral after a run of digits or kanji digits.
NUMERAL_CONTINUES: Final = frozenset(",，.．万億兆京 \u3000・" + KANJI_NUMERAL_CHARS)
DATE_SEPARATORS: Final = frozenset("-/.")
DIGITS: Final = frozenset("0123456789０１２３４５６７８９")
TRIGGER_AFTER = sorted(AMOUNT_FIRST | set(FOLLOWERS) | DATE_SEPARATORS | NUMERAL_CONTINUES | DIGITS
                       | {" ", "\u3000", ")", "\n"})  # (`)`: 』(87); a line break: (g) 約129 at a line's end)
RELATIVE_WORD_FIRST = "".join(sorted({w[0] for w in RELATIVE_WORDS}))
RELATIVE_WORD_SECOND = "".join(sorted({w[1] for w in RELATIVE_WORDS}))


def trigger() -> re.Pattern:
    """Where a number may start: a run of numerals followed by something a number may carry,
    a run of three kanji numerals or more (千百十一 may stand alone), a currency sign, 第, or
    年/月/元 of 昨年, 先月, 令和元年.

    `re`, not `regex`: it skips the text between starts several times faster, the more as the
    pattern opens on a plain class of the characters a start can be (`re` then scans for them in
    C before trying the rest). So the first character is consumed up front and each branch tests
    it, and what precedes the start, by lookbehinds one character longer. `re` cannot say
    \\p{Han}: `tagger.glued_after_kanji` drops a run of kanji numerals glued after a kanji.

    The branches are grouped by the kind of that first character (a digit, the first of a
    relative word, a kanji numeral, the rest), one lookbehind on the kind before each group:
    the kinds share no character, so at most one group can match and their order changes no
    match, and a character that starts nothing (本 of 本当, 一 of 統一, the second digit of a
    run) is turned down after a test or two instead of one per branch (bench/README.md,
    "Session 8, speed-numbers"). The most frequent kinds come first."""
    after = "(?=[" + "".join(re.escape(c) for c in TRIGGER_AFTER) + "])"
    unit_after_word = "".join(re.escape(c) for c in sorted(UNIT_AFTER_WORD_FIRST))
    list_size = "|".join(f"(?<={re.escape(w)}{space}.)" for w in LIST_SIZE_WORDS for space in ("", " "))
    list_size_last = "".join(sorted({re.escape(w[-1]) for w in LIST_SIZE_WORDS} | {" "}))
    scale = "|".join(f"(?<={re.escape(w)}.)" for w in SCALE_WORDS)
    scale_last = "".join(sorted({re.escape(w[-1]) for w in SCALE_WORDS}))
    kanji = KANJI_NUMERAL_CHARS
    return re.compile(
        f"[0-9０-９{kanji}$¥￥€£₩{re.escape(BACKSLASH_YEN)}第年月元{RELATIVE_WORD_FIRST}](?:"
        # A digit, first of its run (no branch starts inside a run), is a start only where some
        # branch may match: outside an identifier (the test of NOT_IDENTIFIER), on an ISO date
        # (which only refuses `X-`, `X.`, `X/` before it), or after `no`, `no.`, `no `, `no. `.
        # `*+`: a run of digits followed by nothing a number may carry is skipped whole, and only
        # from its first digit (each later one would fail the same way after reading the rest of
        # the run: quadratic on a long run).
        f"(?<=[0-9０-９])(?<![0-9０-９].)"
        f"(?:(?:(?<![A-Za-z_.,#@].)|(?<=[A-Z]{{2}}[0-9])(?=[0-9.]*{GLUED_UNIT_AFTER})|(?<=[A-Za-z][0-9])(?=[0-9]*(?:年[0-9]{{1,2}})?{MAGAZINE_ISSUE}))(?:(?<![A-Za-z0-9０-９]/.)|(?<=[A-Za-z]/.)(?=[0-9０-９.,]*(?:[{unit_after_word}]|{SIZE_TIMES}))|(?<=[0-9]/.)(?={MODEL_MEASURE_AFTER}))(?<![A-Za-z0-9][-.].)(?<![A-Za-z0-9][-.] .)(?:(?<![0-9]:.)(?<![0-9]: .)|(?={MODEL_MEASURE_AFTER}))"
        f"(?:(?<![A-Za-z0-9] .)|(?=[0-9０-９.,万億]*[{unit_after_word}])|(?<=[12])(?=[0-9]{{3}}年))[0-9０-９]*+{after}|(?<![A-Za-z.\\-/].)(?<=[12])(?=[0-9]{{3}}[-/.])[0-9]*+"
        f"|(?<=[)© ][0-9])(?:(?<=\\([Cc]\\).)|(?<=\\([Cc]\\) .)|(?<=©.)|(?<=© .)|(?<=Copyright .)|(?<={re.escape(STAMP_DATE_MARK)}.))[0-9]*"  # (C)2011「...
        f"|(?<=[{list_size_last}][0-9])(?:{list_size})[0-9]*"  # TOP5, BEST 10, トップ10
        f"|(?<=[{scale_last}][0-9０-９])(?:{scale})[0-9０-９]*"  # 震度4 (SCALE)
        f"|(?<=[{re.escape(COUNT_TIMES_MARKS)}][0-9])[0-9]?+(?![0-9])"  # SATA3×6など (TCNT)
        f"|(?<=[{GRADE_SCHOOL_CHARS}][0-9０-９])(?![0-9０-９])"  # 中2いじめ (GRADE)
        f"|(?<=(?<![A-Za-z])[{DIMENSION_LETTERS}][0-9])[0-9]*+(?=[{TIMES}])"  # W91×D41×H36mm (DIM)
        f"|(?<=[oO. ][0-9０-９])(?:(?<=[Nn][Oo].)|(?<=[Nn][Oo]\\..)|(?<=[Nn][Oo] .)|(?<=[Nn][Oo]\\. .))[0-9０-９]*)"
        f"|(?<=[{RELATIVE_WORD_FIRST}])(?=[{RELATIVE_WORD_SECOND}])"  # 本日, 今週
        f"|(?<=[{kanji}])(?:[{kanji}]*{after}|[{kanji}]{{2,}}|(?<=[{GRADE_SCHOOL_CHARS}].)(?![{kanji}]))"  # (小三まで: GRADE)
        f"|(?<=[$¥￥€£₩第年月元])(?:(?<=[$¥￥€£₩第])|(?<=[昨去来今]年)|(?<=[先今来々]月)|(?<=元)(?=[ \u3000]?年))"
        f"|(?<={re.escape(BACKSLASH_YEN)})(?={BACKSLASH_YEN_BEFORE}))"  # \10,000
    )


TRIGGER: Final = trigger()
