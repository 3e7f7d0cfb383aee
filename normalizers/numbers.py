"""Number tagger: money, quantities, percentages, dates, durations and ordinals in Japanese text.

`find_numbers(text, published_at)` runs on character-normalized text (ASCII digits, no spaces next
to Japanese) but also accepts full-width digits, kanji numerals and translation spaces
(`5,000 億`, `7 月 22 日`). A trigger regex jumps from one possible start to the next: a run of
numerals followed by something a number may carry (bare numbers and the digits of identifiers
are skipped inside the regex), not glued after another kanji (統一, 会員数); a currency sign; 第;
a relative date (昨年, 先月).
The numeral there is matched once and the character after it picks the few branches of the
master regex that can match (年 → date, duration or amount; 月 → month; 〜 → range ...; see
`_FOLLOW`). A small handler per match builds the `NumberMatch`. There is no per-character loop.

Speed: most numbers of a corpus recur (2012年, 1月, 10日, 3人), so what is made of a start is
cached across documents (`_CACHE`, bounded), at two levels. Before any matching, by its window:
the text from the start up to the first character no pattern can read (が, 。, a parenthesis ...);
a hit skips the master regex and the handler. Else, after matching, by the matched text and the
branch; a hit skips the handler. Both keys hold the text before the start when the character
there may belong to a qualifier, sign, era or identifier (or, before a currency sign, a kanji
that would glue a kanji numeral after it), and, only when an idiom begun inside runs on past
the end (一人|ひとり), the few characters an idiom test reads there (so 一人暮らし and 一人で
share one key). Relative dates (昨年, 先月: they depend on `published_at`) are cached by window
only, with `published_at` and the few characters before the word in the key.
tests/normalizers/test_numbers_cache.py checks that the cache and the trigger never change a
result.

Decisions (the contract, section 6, fixes the rest):

- Spans cover the number with its sign, currency and unit words (`1,500億米ドル`, `$238.66`,
  `10万台`, `7月22日`, `5年間`); qualifiers (約, 超, 以上, 足らず ...) are outside the span and
  only set fields. `value` keeps the stated number; 超/以上/強/余り also set `value_low`,
  未満/以下/弱/足らず/以内/近く also set `value_high` (近く, 程度, 前後 ... set `approximate`).
- A number is tagged only with something that says what it counts: a currency, %, a counter or
  unit (台, 個, 人, 世帯, メガワット, GB ...), a date or duration word, an ordinal marker, or a
  large-number unit (`5,000億` → QUANTITY, unit None). Bare numbers (`[1]`, `Dota 2`, `14`) are
  not mentions: in this text they are mostly identifiers, list markers and model numbers.
- Identifiers: a digit glued to Latin letters (H100, A16, GB200, 4K, 2mini), after a hyphen or
  dot following an alphanumeric (GPT-4o, MAI-1, gemini-1.5), or after a Latin word and one
  space (Grok 2, XPS 13, Ryzen 5, Core Ultra 7) is never a number; URLs are skipped whole.
- Kanji numerals stand alone only with a counter or unit, never glued after another kanji
  (唯一, 統一, 同一, 万一 are words), and a list of idioms whose next character happens to be a
  counter is refused: 一部, 一番 (almost always "most", not a rank), 一度, 一時, 一人ひとり,
  十分, 第三者 ...
- ORDINAL only for 第N, N位, N番目, N番手, N着 and no.N. A bare `N番` is not tagged, in digits
  either: 110番/118番 are phone numbers, 4番 a batting slot, 1番 mostly "most" (1番好き).
- A counter is not cut out of a longer word: after a counter, a character from
  `COMPOUND_AFTER` (3人気, 2台湾, 3社長, 5本社, 10部品) refuses it, and compounds that are
  counters themselves are counters (11機種, 3部屋, 2回線, 3部門, 5階級). 日本/曜/付 after 日 as
  before.
- Dates: `value_text` is ISO 8601 and only as precise as the text: `2024`, `2024-09`,
  `2024-09-12`. Without a year, the ISO 8601 / XML Schema forms `--09-11` (month-day), `--09`
  (month) and `---05` (day) are used: a year is never guessed, even with `published_at`, because
  "12月" in a January article may be last December. Relative words (昨年, 今年, 来年, 先月 ...)
  are resolved against `published_at`; without it `value_text` is None and the word is kept in
  `qualifier`. 年度 is a fiscal year: `二〇二三年度` → `2023`, qualifier `年度`. N年 with N < 1000
  (`3年以内`) is a DURATION; `N日` with N > 31 (`122日`) is a DURATION, else a day of the month.
  Times of day (`10時30分`) are consumed and not tagged, so `30分` is not taken for a duration.
  `N年代` (N ≥ 1000, or an era year) is a DATE with qualifier 年代 (`1990年代` → `1990`,
  `昭和50年代` → `1975`); `80年代` is not tagged (the century is unsaid). `2024会計年度`,
  `2023事業年度` are fiscal years: DATE `2024`, qualifier `会計年度` / `事業年度`.
- Ranges whose right end carries the date or duration word are one mention: `2〜3年`, `3〜4カ月`,
  `1〜2週間` → DURATION value_low/value_high (unit as for durations; `2、3年` only for
  consecutive small numbers, approximate); `2010〜2012年` → DATE `2010/2012` and `3〜4月` → DATE
  `--03/--04` (ISO 8601 intervals).
- A qualifier before a number is read on its own line only (`予約\n2010年` is not 約).
- DURATION and QUANTITY `unit` is the counter as written, with the か月 spellings unified to
  `カ月` (年, カ月, 週, 日, 時間, 分, 秒, 台, 個, 世帯 ...); PERCENT unit is `%` (N割 → N×10).
- Vague numbers (数十億, 十数人, 何百) have `value` None, bounds per the contract, approximate.
  Two adjacent kanji digits counting up (五六人, 二、三日) are a range, not 56.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import regex


@dataclass(frozen=True, slots=True, init=False)
class NumberMatch:
    start: int
    end: int
    label: str
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    value_text: str | None = None
    unit: str | None = None
    currency: str | None = None
    approximate: bool = False
    qualifier: str | None = None

    # The dataclass __init__ of a frozen class sets each field through object.__setattr__ (a
    # lookup by name); the slot setters are about twice as fast, and a pass builds 63k of these.
    def __init__(self, start: int, end: int, label: str, value: float | None = None,
                 value_low: float | None = None, value_high: float | None = None,
                 value_text: str | None = None, unit: str | None = None, currency: str | None = None,
                 approximate: bool = False, qualifier: str | None = None) -> None:
        _set_start(self, start)
        _set_end(self, end)
        _set_label(self, label)
        _set_value(self, value)
        _set_value_low(self, value_low)
        _set_value_high(self, value_high)
        _set_value_text(self, value_text)
        _set_unit(self, unit)
        _set_currency(self, currency)
        _set_approximate(self, approximate)
        _set_qualifier(self, qualifier)


# (the slot descriptors exist only once @dataclass has rebuilt the class; the assert keeps the
# names below, the slots and the parameters of __init__ in one order)
assert NumberMatch.__slots__ == NumberMatch.__init__.__code__.co_varnames[1:12]
(_set_start, _set_end, _set_label, _set_value, _set_value_low, _set_value_high, _set_value_text,
 _set_unit, _set_currency, _set_approximate, _set_qualifier) = (
    getattr(NumberMatch, f).__set__ for f in NumberMatch.__slots__
)


class _Unfrozen:
    """A NumberMatch being built by `_Finder.run`: the same slots, not frozen, so that its
    __init__ stores each field directly (about twice as fast as through the slot setters); then
    retyped to NumberMatch, which Python allows between classes of the same slots. Built from a
    step's flat mention (`_Finder.emit`) at `s`: its start and end are relative to `s`."""
    __slots__ = NumberMatch.__slots__

    def __init__(self, s, start, end, label, value, value_low, value_high, value_text, unit, currency,
                 approximate, qualifier) -> None:
        self.start = s + start
        self.end = s + end
        self.label = label
        self.value = value
        self.value_low = value_low
        self.value_high = value_high
        self.value_text = value_text
        self.unit = unit
        self.currency = currency
        self.approximate = approximate
        self.qualifier = qualifier


assert _Unfrozen.__init__.__code__.co_varnames[2:13] == NumberMatch.__slots__
_MENTION = len(NumberMatch.__slots__)  # the fields of a mention in a step's flat tuple (`emit`)


# --- vocabulary ---------------------------------------------------------------------------

CURRENCY_WORDS = {
    "米ドル": "USD", "USドル": "USD", "ドル": "USD", "円": "JPY", "人民元": "CNY", "元": "CNY",
    "ユーロ": "EUR", "ポンド": "GBP", "英ポンド": "GBP", "ウォン": "KRW", "香港ドル": "HKD",
    "豪ドル": "AUD", "カナダドル": "CAD", "台湾ドル": "TWD", "シンガポールドル": "SGD",
    "ルーブル": "RUB", "ルピー": "INR", "スイスフラン": "CHF", "バーツ": "THB",
}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "¥": "JPY", "￥": "JPY", "€": "EUR", "£": "GBP", "₩": "KRW"}

# Counters and units after a number that make it a QUANTITY.
COUNTERS = (
    "人 名 個 台 件 回 倍 社 枚 本 冊 匹 頭 羽 機 基 隻 軒 戸 世帯 店舗 店 校 つ 歳 才 票 株 部 点 品 曲 "
    "話 試合 勝 敗 安打 本塁打 得点 度 階 席 例 種類 項目 行 文字 語 ページ 頁 章 巻 杯 着 箱 粒 錠 "
    "通 発 カ国 ヶ国 か国 ヵ国 カ所 ヶ所 か所 ヵ所 箇所 都市 州 県 局 室 棟 代 色 役 問 題 日分 "
    "メガワット ギガワット キロワット ワット キロメートル キロカロリー キログラム キロ メートル センチ "
    "ミリ グラム トン リットル テラバイト ギガバイト メガバイト バイト インチ ポイント ピクセル 画素 "
    "コア ビット 馬力 カロリー ヘクタール 平方キロメートル 平方メートル 坪 ℃ ドット 万画素"
).split()
# A counter that is the first kanji of a longer word is not a counter: 3人気, 2台湾, 3社長,
# 5本社, 1店頭, 3回線, 10部品 (the regex backtracks to a shorter counter or to no unit at all).
# Compounds that are themselves counters are listed: 11機種, 3部屋, 2回線, 5階級.
COUNTERS += ["機種", "部屋", "部門", "回線", "階級"]
COMPOUND_AFTER = {
    "人": "気間口物材類格権事員工形種件柄望脈", "台": "湾頭風詞帳座", "機": "能器関会構密材", "本": "社当格来部物書音命質田番",
    "店": "頭員長内", "社": "長員会内名説屋債", "回": "線答収路復避覧", "件": "名", "部": "品分門長署屋隊員",
    "点": "検滅灯字", "品": "質番切", "名": "義刺称門簿", "個": "性別室", "校": "長舎正", "話": "題術",
    "語": "学彙", "代": "表理替金償", "曲": "線面", "株": "式価主", "通": "信貨常知過販勤訳算称路",
    "発": "表売言生見展行電明信注", "基": "本準盤地金礎", "頭": "脳", "局": "長面所", "室": "長内", "題": "材名",
    "例": "外", "行": "動政事為方列使", "問": "題", "役": "員割職", "戸": "籍惑", "勝": "利負", "敗": "北",
    "箱": "根", "羽": "田根", "階": "層級段", "歳": "出入", "才": "能", "度": "合胸",
}
# (the class up front: most counters are followed by none of these characters, and the 45
# lookbehinds cost more than the rest of a match)
_NOT_COMPOUND = (
    f"(?!(?=[{''.join(sorted(set(''.join(COMPOUND_AFTER.values()))))}])(?:"
    + "|".join(f"(?<={regex.escape(c)})[{s}]" for c, s in COMPOUND_AFTER.items()) + "))"
)
# Latin units: only when no letter follows (5m, but not 2mini).
LATIN_UNITS = "GB TB MB KB kg km cm mm mg kWh kW MW GW Wh Hz GHz MHz fps mAh dB px W m g".split()
ORDINAL_COUNTERS = "位 番目 番手 着".split()
# After 第 (kanji numerals need one of these; 第三者, 第一歩 are words).
DAI_COUNTERS = (
    "四半期 世代 段階 位 回 号 弾 章 期 次 条 話 部 巻 段 陣 戦 節 幕 波 週 課 項 款 版 作 子 試合 日".split()
)
DURATION_UNITS = {
    "年間": "年", "年半": "年", "カ月間": "カ月", "カ月": "カ月", "ヶ月間": "カ月", "ヶ月": "カ月",
    "か月間": "カ月", "か月": "カ月", "ケ月間": "カ月", "ケ月": "カ月", "ヵ月間": "カ月", "ヵ月": "カ月",
    "箇月間": "カ月", "箇月": "カ月", "ヶ月半": "カ月", "カ月半": "カ月", "か月半": "カ月",
    "週間": "週", "日間": "日", "時間半": "時間", "時間": "時間", "分間": "分", "秒間": "秒", "秒": "秒",
}
PERCENT_WORDS = ("%", "％", "パーセント", "割")

PRE_QUALIFIERS = "およそ おおよそ 概ね 約 ほぼ 最大 最高 最低 少なくとも 超".split()
POST_QUALIFIERS = (
    "足らず 足らず 足らず 程度 前後 ほど 余り あまり 以上 以下 未満 以内 近く 超 強 弱 余".split()
)
APPROX_Q = {"約", "およそ", "おおよそ", "概ね", "ほぼ", "程度", "前後", "ほど", "近く"}
LOW_Q = {"超", "以上", "強", "余り", "あまり", "余", "最低", "少なくとも"}
HIGH_Q = {"未満", "以下", "弱", "足らず", "以内", "近く", "最大", "最高"}

# Pure-kanji words whose next character is a counter but that are not numbers.
KANJI_IDIOMS = (
    "一部 一番 一度 一時 一人ひとり 一人一人 一杯 一本化 一行 一日中 一種 十分 一品 一点 一名 一国 "
    "九州 一人残らず 一代 一役 一色 一問 一題 一発 一通り 一戸建 一社会 一世代 一局 一枚岩 一本気 一本調子 一曲 一票 "
    "千代 八百長 八百屋 三日月 二度と 一言 万人 一本釣り 一本道"
).split()

# Relative years/months: offset from published_at, and kind.
RELATIVE = {
    "一昨年": ("y", -2), "昨年": ("y", -1), "去年": ("y", -1), "今年": ("y", 0), "本年": ("y", 0),
    "来年": ("y", 1), "再来年": ("y", 2), "先月": ("m", -1), "今月": ("m", 0), "来月": ("m", 1),
    "先々月": ("m", -2),
}
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}

_FW = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


# Word lists are `regex` named lists (\\L<name>): matched longest first through a set lookup, much
# faster than a long alternation of literals.
_LISTS: dict[str, list[str]] = {}


def _lst(name: str, words) -> str:
    _LISTS[name] = sorted(set(words))
    return f"\\L<{name}>"


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


# --- the master regex ----------------------------------------------------------------------

_D = "[0-9０-９]"
_S = "[ \u3000]?"  # one translation space, tolerated inside a number expression
_ARABIC = f"(?:{_D}{{1,3}}(?:[,，]{_D}{{3}})+|{_D}+)(?:[.．]{_D}+)?"
_KD = "〇零一二三四五六七八九"
# A numeral: Arabic digits and kanji numerals mixed with 十百千 and 万億兆京 (2万5千, 三千二百億,
# 1億2345万, 数十億, 二〇二四, 〇・五). Not starting on 万億兆京 (万一, 万全 are words).
_NUMERAL = (
    f"(?:{_ARABIC}|[{_KD}十百千数]|何(?={_S}[十百千万億兆]))"
    f"(?:{_ARABIC}|[{_KD}十百千数]|{_S}[万億兆京]|(?<=[{_KD}])・(?=[{_KD}]))*"
)
# Not inside an identifier: no digit/letter/decimal point just before, nor `X-`, `X.`, `Word `.
_NOT_IDENT = r"(?<![A-Za-z0-9０-９_.,#/@])(?<![A-Za-z0-9][-.:] ?)(?<![A-Za-z0-9] )"
# Qualifiers and マイナス before a number are looked up behind it by the handler (a regex
# alternative starting on お, ほ, マ ... would be tried at every kana of the text).
_PREQ_LAST = frozenset(w[-1] for w in PRE_QUALIFIERS)
_PREQ_BEHIND = regex.compile(f"(?:{_alt(PRE_QUALIFIERS)}){_S}\\Z")  # \Z, not $: no qualifier across a line break


def _first(*words) -> str:
    """A lookahead on the first characters of `words`: a cheap test before an alternation or a
    word list is tried (most numbers are followed by none of them); it changes no match."""
    return "(?=[" + "".join(regex.escape(c) for c in sorted({w[0] for w in words})) + "])"


_POSTQ = f"(?:{_S}{_first('を', *POST_QUALIFIERS)}(?:を)?(?P<postq>{_lst('postq', POST_QUALIFIERS)}))?"
_UNIT = (
    f"{_first(*CURRENCY_WORDS, *PERCENT_WORDS, *ORDINAL_COUNTERS, *COUNTERS, *LATIN_UNITS, '日')}"
    f"(?:(?P<cur>{_lst('cur', CURRENCY_WORDS)})"
    f"|(?P<pct>{_lst('pct', PERCENT_WORDS)})"
    f"|(?P<ord>{_lst('ord', ORDINAL_COUNTERS)})"
    f"|(?P<cnt>{_lst('cnt', COUNTERS)}){_NOT_COMPOUND}"
    f"|(?P<lat>{_lst('lat', LATIN_UNITS)})(?![A-Za-z])"
    f"|(?P<day>日)(?!本|曜|付))"
)
_PCUR = f"(?P<pcur>[$¥￥€£₩]){_S}"
_AMOUNT = f"(?:{_PCUR})?(?P<n1>{_NUMERAL})"
# 、 only joins two bare numbers before one counter (2、3日); 10億ドル、20億ドル is a list.
_RANGE_SEP = "(?P<sep>〜|～|~|から|(?(u1)(?!)|、))"

# Every alternative starts on a digit, a numeral kanji, a currency sign, 第, 元 (令和元年), or on
# 年/月 of a relative date (昨年, 先月: the word is a lookbehind). Era names, マイナス, signs, US
# and no. are looked up behind the start by the handlers. `_Finder.run` jumps from one such
# start to the next with `_TRIGGER` (defined below, once the follower tables exist), which is
# much faster than letting the master regex try its alternatives at every character.
_REL_YEAR = "(?P<rel>一昨|昨|去|再来|(?<!未)来|今)"  # (再来 before 来: the first that fits wins)
_REL_MONTH = "(?P<relm>先々|先|今|(?<![未将])来)"
# Each branch of the master regex by name, in the order they are tried.
_ALTS = {
    # 2024-09-12, 2024/9/12, 2012.5.3
    "ISO": f"(?P<ISO>(?<![0-9A-Za-z.\\-/])(?P<iy>[12][0-9]{{3}})(?P<isep>[-/.])(?P<im>[01]?[0-9])"
    f"(?P=isep)(?P<id>[0-3]?[0-9])(?![0-9])(?!(?P=isep)[0-9]))",
    # no.1, No. 1
    "NO": r"(?P<NO>(?<=(?P<nop>(?<![A-Za-z])[Nn][Oo]\.? ?))(?P<non>[0-9]+)(?![0-9.]))",
    # 第1位, 第3フェーズ, 第一四半期
    # (the counter is tried first: 第一四半期 is 第一 + 四半期, not 第十四)
    "DAI": f"(?P<DAI>第{_S}(?:(?P<dn>{_NUMERAL}){_S}(?P<dc>{_lst('dc', DAI_COUNTERS)})|(?P<dn2>{_ARABIC})))",
    # 3分の1, 三分の一
    "FRAC": f"(?P<FRAC>(?P<fd>{_NUMERAL}){_S}分の{_S}(?P<fn>{_NUMERAL}))",
    # years: 2024年9月12日, 二〇二三年度, 2024会計年度, 1990年代, 平成24年, 昨年11月
    "DATE": f"(?P<DATE>(?P<dcore>(?:(?<=(?P<era>{_alt(ERAS)}){_S})(?P<ey>{_NUMERAL}|元){_S}年"
    f"|(?<={_REL_YEAR})年|(?P<y>{_NUMERAL}){_S}(?:(?P<fisc>会計|事業)(?=年度))?年)"
    f"(?:(?P<fy>度)|(?P<dec>代))?(?:{_S}(?P<m>{_NUMERAL}){_S}月(?![間曜])(?:{_S}(?P<d>{_NUMERAL}){_S}日(?![間本曜]))?)?)"
    f"(?!間|半(?!ば)|生|齢|代|ぶり){_POSTQ})",
    # durations first: 5年間, 15カ月, 3時間, 122日間
    "DUR": f"(?P<DUR>(?P<un>{_NUMERAL}){_S}(?P<uu>{_lst('dur', DURATION_UNITS)})(?<!半(?=ば)){_POSTQ})",
    # months (after durations: 1ヶ月 is a duration): 9月11日, 7 月 22 日, 12月, 先月
    "MD": f"(?P<MD>(?P<mdcore>(?:(?<={_REL_MONTH})月"
    f"|(?P<mm>{_NUMERAL}){_S}月(?![間曜]))"
    f"(?:{_S}(?P<md>{_NUMERAL}){_S}日(?![間本曜]))?){_POSTQ})",
    # a time of day, consumed so that its minutes are not a duration
    "TIME": f"(?P<TIME>{_NUMERAL}{_S}時(?![間代点期])(?:{_S}{_NUMERAL}{_S}分)?(?:{_S}{_NUMERAL}{_S}秒)?)",
    # ranges ending on a date or duration word: 2〜3年, 3〜4カ月, 2010〜2012年, 3〜4月
    "RNG": f"(?P<RNG>(?P<r1>{_NUMERAL}){_S}(?P<rsep>〜|～|~|から|、){_S}(?P<r2>{_NUMERAL}){_S}"
    f"(?:(?P<ru>{_lst('dur', DURATION_UNITS)})(?<!半(?=ば))|(?P<ry>年)(?!度|代|間|半|生|齢|ぶり)|(?P<rm>月)(?![間曜])){_POSTQ})",
    # amounts and ranges: 1,500億米ドル, $238.66, 30〜40億ドル, 70,000〜100,000世帯
    "AMT": f"(?P<AMT>{_AMOUNT}"
    f"(?:{_S}(?P<u1>{_UNIT.replace('?P<', '?P<a_')}))?"
    f"(?:{_S}{_RANGE_SEP}{_S}(?P<sign2>マイナス|[−▲△-])?(?:{_PCUR.replace('pcur', 'pcur2')})?(?P<n2>{_NUMERAL})"
    f"(?!{_S}(?:[年月時]|[カヶかケヵ箇]月|週間|日間)))?"
    f"(?:{_S}(?P<u2>{_UNIT}))?{_POSTQ})",
}
_H = {"AMT": "amount", "DATE": "date", "MD": "month_day", "DUR": "duration", "ISO": "iso", "DAI": "dai",
      "NO": "no", "FRAC": "frac", "RNG": "rng"}


def _compile(names) -> tuple[regex.Pattern, list[tuple[int, str]]]:
    """A master regex of the named branches (in `_ALTS` order) and its (group, handler) pairs.

    ISO and NO come first; the other branches sit behind one shared identifier test."""
    names = [n for n in _ALTS if n in names]
    head = [_ALTS[n] for n in names if n in ("ISO", "NO")]
    rest = [_ALTS[n] for n in names if n not in ("ISO", "NO")]
    parts = head + ([f"{_NOT_IDENT}(?:" + "|".join(rest) + ")"] if rest else [])
    rx = regex.compile("|".join(parts), ignore_unused=True, **_LISTS)
    return rx, [(rx.groupindex[n], _H[n]) for n in names if n in _H]


# The full master regex tries every branch at a start (about 15 µs). A numeral is matched once
# instead, and the character after it picks the few branches that can match there: 年 → a date,
# a duration or an amount; 月 → a month or an amount; 〜 → a range ... A numeral followed by
# nothing an amount could count (a bare number) is skipped without running a branch at all.
# On 年, 月 (昨年, 先月) and 元 (令和元年) only a date can start: every other branch starts on a
# digit, a numeral, a currency sign or 第.
_SUB = {"FULL": _compile(_ALTS), "AMT": _compile(["AMT"]), "DAI": _compile(["DAI"]), "REL": _compile(["DATE", "MD"]),
        "ISO": _compile(["ISO", "AMT"])}
_MASTER = _SUB["FULL"][0]
_FOLLOW: dict[str, tuple] = {}
for _chars, _names in (
    ("〜～~か、", ("RNG", "AMT")),
    ("年", ("DATE", "DUR", "AMT")),
    ("会事", ("DATE", "AMT")),
    ("月", ("MD", "AMT")),
    ("時", ("DUR", "TIME", "AMT")),
    ("分", ("FRAC", "DUR", "AMT")),
    ("".join({u[0] for u in DURATION_UNITS} - set("年時分")), ("DUR", "AMT")),
):
    _sub = _compile(_names)
    for _c in _chars:
        _FOLLOW[_c] = _sub
# Group numbers per compiled branch set: `regex` looks a group name up on every call (about
# 0.2 µs a name), and the amount handlers, the most frequent, ask for a dozen groups a match.
_GROUP_NO = {rx: dict(rx.groupindex) for rx, _ in (*_SUB.values(), *_FOLLOW.values())}
_UNIT_GROUP_NO = {
    rx: {p: tuple(gn[p + g] for g in ("cur", "pct", "ord", "cnt", "lat", "day")) for p in ("", "a_")}
    for rx, gn in _GROUP_NO.items() if "AMT" in gn
}
# What an amount may start with after its numeral (a unit, currency, %, or a range separator).
_AMT_FIRST = frozenset(
    w[0] for w in (*CURRENCY_WORDS, *PERCENT_WORDS, *ORDINAL_COUNTERS, *COUNTERS, *LATIN_UNITS, "日", "〜", "～", "~", "から", "、")
)
_NUMERAL_AT = regex.compile(_NUMERAL)
_BIG_CHARS = frozenset("万億兆京")
_SIGNS = frozenset("$¥￥€£₩")
_REL_LAST = frozenset("昨去来今先々")
_RETRY = object()
_ISO_SEPS = frozenset("-/.")
_ERA_LAST = frozenset(w[-1] for w in ERAS)
_DIGITS = frozenset("0123456789０１２３４５６７８９")
# A character just before a number that may change how it is read: part of an identifier
# (H100, GPT-4), a sign (−, マイナス), US$, an era (平成), or the end of a qualifier (約, およそ).
_IDENT_OR_SIGN = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789０１２３４５６７８９"
    "_.,，．#/@-:− ▲△\u3000ス"
)
_LEFT_SENSITIVE = _IDENT_OR_SIGN | _PREQ_LAST | _ERA_LAST
# The last characters of qualifiers that are nothing else a pattern or handler looks back at.
_PREQ_ONLY = _PREQ_LAST - _IDENT_OR_SIGN - _ERA_LAST
# What was made of a start, per (left context, window) (`_Finder.run`) and per (left context,
# matched text, branch) (`_Finder.step`): most of the numbers of a corpus recur (2012年, 1月,
# 10日, 3人 ...). Bounded.
_CACHE: dict = {}
_CACHE_MAX = 100_000  # about 45 MB; a pass over livedoor fills 43k (28k windows, 15k matches)
_USE_CACHE = True  # tests turn it off to check that it changes nothing
_KANJI_NUM = frozenset(_KD + "十百千数何")
# (a `re` scan in C: a frozenset test over a window makes a str of each character it reads)
_KANJI_NUM_IN = re.compile(f"[{_KD}十百千数何]").search
# What may continue a numeral after a run of digits (the empty string: end of text).
_NUM_CONT = frozenset(",，.．万億兆京 \u3000・" + _KD + "十百千数何") | {""}

# A run of numerals is a start only if something that may follow a number comes after it (a
# unit, counter, currency, date word, range separator, more numeral, a space): a bare number
# (`[1]`, `Dota 2`) is skipped by the regex itself. Digits after `no.` always are (no.1).
# A run of kanji numerals glued after another kanji is a word (統一, 複数, 会員数20万人: the
# number is 20万人), unless that kanji may precede a number (約三千人, 第三, 計五人) or ends an
# era name (平成二十四年). 年 and 月 start a number only in a relative date, 元 only in 元年.
_TRIGGER_AFTER = sorted(set(_AMT_FIRST) | set(_FOLLOW) | _ISO_SEPS | (_NUM_CONT - {""}) | _DIGITS | {" ", "\u3000"})


def _trigger() -> re.Pattern:
    # `re`, not `regex`: it skips the text between starts several times faster, the more as the
    # pattern opens on a plain class of the characters a start can be (`re` then scans for them
    # in C before trying the rest; a leading lookahead or an alternation of classes defeats
    # that). So the first character is consumed up front and each branch tests it, and what
    # precedes the start, by lookbehinds one character longer. `re` cannot say \p{Han}:
    # `_Finder.run` drops a run of kanji numerals glued after a kanji (`_glued_kanji`).
    nxt = "(?=[" + "".join(re.escape(c) for c in _TRIGGER_AFTER) + "])"
    readable = "".join(re.escape(c) for c in sorted(_READABLE))
    return re.compile(
        f"[0-9０-９{_KD}十百千数何$¥￥€£₩第年月元](?:"
        # A digit run is a start only where some branch may match: outside an identifier (the
        # test of `_NOT_IDENT`), on an ISO date (which only refuses `X-`, `X.`, `X/` before it),
        # or after `no`, `no.`, `no `, `no. ` (loosely, as `_no_before`). The digits of Latin
        # text (Android 4.0, W13HT, 320/5MP) are none, and each would cost a window and a step.
        # `*+`: a run of digits followed by nothing a number may carry is skipped whole (not
        # retried on its shorter prefixes, which every branch refuses anyway), and only from its
        # first digit: each later one would fail the same way after reading the rest of the run
        # (quadratic on a long run; bench/pathological.py)
        f"(?<=[0-9０-９])(?<![0-9０-９].)(?:(?<![A-Za-z_.,#/@].)(?<![A-Za-z0-9][-.:].)(?<![A-Za-z0-9][-.:] .)"
        f"(?<![A-Za-z0-9] .)[0-9０-９]*+{nxt}|(?<![A-Za-z.\\-/].)(?<=[12])(?=[0-9]{{3}}[-/.])[0-9]*+)"
        f"|(?<=[oO. ][0-9０-９])(?:(?<=[Nn][Oo].)|(?<=[Nn][Oo]\\..)|(?<=[Nn][Oo] .)|(?<=[Nn][Oo]\\. .))[0-9０-９]*"
        f"|(?<=[{_KD}十百千数何])[{_KD}十百千数何]*{nxt}|(?<=[$¥￥€£₩第])"
        f"|(?<=[昨去来今]年)|(?<=[先今来々]月)|(?<=元)(?=[ \u3000]?年))"
        # group 1: the readable text after the run, up to _WINDOW_MAX characters (the run itself
        # is readable): what `_Finder.run` keys its cache on, read here rather than by one more
        # search per start
        f"(?=([{readable}]{{0,{_WINDOW_MAX}}}))"
    )


def _glued_kanji(text: str, s: int) -> bool:
    """A kanji numeral at `s` glued after another kanji: part of a word (統一, 複数, 唯一), no
    start; unless that kanji may precede a number (約三千人, 第三) or ends an era (平成二十四年)."""
    if not s:
        return False
    p = text[s - 1]
    return p not in _KANJI_OK_BEFORE and p not in _ERA_LAST and _IDEOGRAPH.match(p) is not None



_NUMERAL_TOKENS = regex.compile(
    f"({_ARABIC})|([{_KD}]+(?:・[{_KD}]+)?)|([十百千])|({_S}[万億兆京])|(数|何)"
)
# A whole numeral that is one `_ARABIC` token (after `_FW`): commas, a decimal part (group 1)
_PLAIN_ARABIC = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?").fullmatch
_KDIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "億": 10**8, "兆": 10**12, "京": 10**16}
_ARABIC_CHARS = frozenset("0123456789０１２３４５６７８９")
_IDEOGRAPH = regex.compile(r"\p{Han}")
# A kanji numeral may follow these kanji (約三千人, 第三, 計五人, 全三巻, 各二名, 毎月).
_KANJI_OK_BEFORE = frozenset("約超第計全各毎総僅")


@dataclass(frozen=True, slots=True)
class _Num:
    # int when whole (the usual case: int arithmetic is much cheaper), Fraction for 2.5, 〇・五
    low: int | Fraction
    high: int | Fraction
    exact: bool  # False for 数/何 and two-digit kanji ranges (五六人)
    last_big: int  # the trailing 万/億/兆 factor, 1 if none (30〜40億: 30 takes 億 from 40億)
    kanji_only: bool
    positional: bool  # kanji digits written place by place (二〇二四)


def _kdigits(s: str) -> int | Fraction:
    if "・" in s:
        a, b = s.split("・")
        return Fraction(int("".join(str(_KDIGIT[c]) for c in a) + "".join(str(_KDIGIT[c]) for c in b)), 10 ** len(b))
    return int("".join(str(_KDIGIT[c]) for c in s))


def _eval(tokens: list[tuple[str, object]], vague: int) -> int | Fraction:
    total: int | Fraction = 0
    section: int | Fraction = 0
    cur: int | Fraction | None = None
    for kind, val in tokens:
        if kind == "n":
            if cur is not None:  # 10数: a number then 数 → 十数
                section += cur
            cur = val  # type: ignore[assignment]
        elif kind == "v":
            if cur is not None:
                section += cur
            cur = vague
        elif kind == "s":
            section += (cur if cur is not None else 1) * val  # type: ignore[operator]
            cur = None
        else:  # big
            s = section + (cur or 0)
            total += (s if s else 1) * val  # type: ignore[operator]
            section = 0
            cur = None
    return total + section + (cur or 0)


@lru_cache(maxsize=8192)
def parse_numeral(s: str) -> _Num | None:
    """The value of a numeral (`1,500億`, `三千二百`, `数十億`, `二〇二四`); None if malformed."""
    s = s.translate(_FW)
    if s.isdigit() and s.isascii():  # the usual case (2012, 10, 3): no tokens to read
        v = int(s)
        return _Num(v, v, True, 1, False, False)
    a = _PLAIN_ARABIC(s)
    if a is not None:  # 1,500 / 12.5: one Arabic token, as below, without the tokenizer
        frac = a.group(1)
        digits = s.replace(",", "")
        # (`or 0`: as in `_eval`, where a zero Fraction sums to the int 0)
        v = int(digits) if frac is None else Fraction(int(digits.replace(".", "")), 10 ** len(frac)) or 0
        return _Num(v, v, True, 1, False, False)
    tokens: list[tuple[str, object]] = []
    positional = False
    vague_trailing = False
    for m in _NUMERAL_TOKENS.finditer(s):
        a, k, sm, big, v = m.groups()
        if a is not None:
            a = a.replace(",", "")
            tokens.append(("n", Fraction(a) if "." in a else int(a)))
        elif k is not None:
            tokens.append(("k", k))
        elif sm is not None:
            tokens.append(("s", _SMALL[sm]))
        elif big is not None:
            tokens.append(("b", _BIG[big.strip()]))
        else:
            vague_trailing = bool(tokens) and tokens[-1][0] in ("s", "n")
            tokens.append(("v", None))
    if not tokens:
        return None
    kanji_only = not any(c in _ARABIC_CHARS for c in s)
    has_units = any(t[0] in ("s", "b") for t in tokens)
    exact = True
    lo_hi: tuple[int, int] | None = None
    out: list[tuple[str, object]] = []
    for kind, val in tokens:
        if kind == "k":
            ks = val  # type: ignore[assignment]
            digits = ks.replace("・", "")
            if len(digits) == 2 and "・" not in ks and "〇" not in ks and "零" not in ks and _KDIGIT[digits[1]] == _KDIGIT[digits[0]] + 1 and len(tokens) <= 2:
                # 五六人, 二三日: "five or six", not 56
                lo_hi = (_KDIGIT[digits[0]], _KDIGIT[digits[1]])
                out.append(("n", _KDIGIT[digits[0]]))
                exact = False
                continue
            if len(digits) > 1 and has_units and "・" not in ks:
                return None  # 二三百: digit strings do not mix with 十百千 place words
            positional = positional or len(digits) > 1
            out.append(("n", _kdigits(ks)))
        else:
            out.append((kind, val))
    # Place words must decrease inside a section: 三千二百, not 百千.
    prev_small = 10**5
    for kind, val in out:
        if kind == "s":
            if val >= prev_small:  # type: ignore[operator]
                return None
            prev_small = val  # type: ignore[assignment]
        elif kind == "b":
            prev_small = 10**5
    last_big = out[-1][1] if out[-1][0] == "b" else 1
    if any(k == "v" for k, _ in out):
        if vague_trailing:  # 十数億 = [11, 19] × 億
            low, high = _eval(out, 1), _eval(out, 9)
        else:  # 数十億 = [2, 10) × 十億
            low, high = _eval(out, 2), _eval(out, 10) - 1
        return _Num(low, high, False, last_big, kanji_only, False)  # type: ignore[arg-type]
    if lo_hi is not None:
        scale = Fraction(_eval(out, 0), lo_hi[0]) if lo_hi[0] else Fraction(1)
        return _Num(lo_hi[0] * scale, lo_hi[1] * scale, False, last_big, kanji_only, False)  # type: ignore[arg-type]
    v = _eval(out, 0)
    return _Num(v, v, exact, last_big, kanji_only, positional)  # type: ignore[arg-type]


def _f(x: int | Fraction) -> float:
    return float(x)


_IDIOM_READ = 6  # how far past a lone kanji numeral `_kanji_refused` reads (一人ひとり)
_IDIOMS = tuple(KANJI_IDIOMS)
assert max(map(len, _IDIOMS)) <= 1 + _IDIOM_READ  # the cache keys hold that much past the numeral


# (no idiom is a prefix of another: at a position, at most one matches)
_IDIOM_AT = re.compile("|".join(re.escape(w) for w in _IDIOMS))
_IDIOM_REST = frozenset("".join(w[1:] for w in _IDIOMS))  # what an idiom may run on with


def _idiom_tail(text: str, s: int, end: int) -> str:
    """What a cache key holds past `end` for the text `text[s:end]` with a kanji numeral in it: the
    `_IDIOM_READ` characters an idiom test may read there, if an idiom starting inside that text
    runs on past its end (一人|ひとり); else nothing (the usual case: 一人|暮らし, 三|つの). Behind
    a NUL, which no window or match holds, so the key cannot be taken for a longer one."""
    if text[end : end + 1] not in _IDIOM_REST:  # (the usual case: nothing runs on past `end`)
        return ""
    i = max(s, end - _IDIOM_READ)  # (an idiom starting before that ends by `end`)
    while True:
        m = _IDIOM_AT.search(text, i, end + _IDIOM_READ)
        if m is None or m.start() >= end:
            return ""
        if m.end() > end:
            return "\0" + text[end : end + _IDIOM_READ]
        i = m.start() + 1


def _kanji_refused(text: str, start: int, num: _Num, numeral: str, idioms: bool = True) -> bool:
    """A pure-kanji numeral that is a word: glued after a kanji (唯一, 統一), or an idiom (一部)."""
    if not num.kanji_only:
        return False
    if start > 0 and text[start - 1] not in _KANJI_OK_BEFORE and _IDEOGRAPH.match(text, start - 1):
        return True
    return idioms and len(numeral) == 1 and text.startswith(_IDIOMS, start)


def _pre(text: str, start: int) -> str | None:
    """The qualifier (約, およそ, 最大 ...) just before `start`, if any."""
    if start == 0:
        return None
    c = text[start - 1]
    if c not in _PREQ_LAST and (c not in " \u3000" or text[start - 2 : start - 1] not in _PREQ_LAST):
        return None  # the usual case, without a regex search
    q = _PREQ_BEHIND.search(text, max(0, start - 6), start)
    return q.group().strip(" \u3000") if q else None


def _qualify(m: regex.Match, fields: dict, pre: str | None) -> None:
    """Apply 約/超/以上/未満 ... (outside the span) to the fields of one mention."""
    _qualify_with(fields, pre, m.group(_GROUP_NO[m.re]["postq"]))


def _qualify_with(fields: dict, pre: str | None, post: str | None) -> None:
    """`_qualify` with the trailing qualifier already read."""
    qs = [q for q in (pre, post) if q]
    if not qs:
        return
    for q in qs:
        _apply(fields, q)
    fields["qualifier"] = "".join(qs)


def _num_fields(num: _Num, neg: bool) -> dict:
    if num.exact:
        return {"value": -float(num.low) if neg else float(num.low)}
    sgn = -1 if neg else 1
    lo, hi = sorted((num.low * sgn, num.high * sgn))
    return {"value_low": _f(lo), "value_high": _f(hi), "approximate": True}


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _left_context(text: str, s: int, glue: bool) -> str:
    """What a cache key holds of the text before a start `s`: if the character just before may
    be part of an identifier, sign, era or qualifier (`_LEFT_SENSITIVE`), as much as is read
    there (the qualifier it ends, `_LEFT_READ` characters, else 12); otherwise nothing, or that
    one character if `glue`: a kanji numeral follows that may be glued after it (¥一万 after a
    kanji). A kanji numeral at `s` itself never is: `run` has dropped the start if it was (統一),
    and else the character is no kanji, one of `_KANJI_OK_BEFORE` or an era's (sensitive)."""
    if not s:
        return ""
    p = text[s - 1]
    if p in _PREQ_ONLY:  # 約, 最大, でも: only the qualifier it may end is read there (`_pre`)
        return p + (_pre(text, s) or "")
    if p in _LEFT_SENSITIVE:
        k = _LEFT_READ.get(p, 12)
        return text[s - k if s > k else 0 : s]
    return p if glue else ""


# How far before a start the branches and handlers read, by the character just before it, where
# less than 12: after an identifier character (H100, 4K, a/1, #1) every branch fails at once, bar
# ISO, which looks no further; after `:` the identifier test looks one more back (10:30); `no`
# and `no.` are looked up before `o` and `.` (and the letter before them).
_LEFT_READ = dict.fromkeys("ABCDEFGHIJKLMNPQRSTUVWXYZabcdefghijklmnpqrstuvwxyz0123456789０１２３４５６７８９,/#@_，．", 1)
_LEFT_READ |= {"o": 3, "O": 3, ":": 2, ".": 4}


_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _class_chars(body: str) -> set[str]:
    """The members of a character class `[body]` (escapes and ranges such as 0-9 resolved)."""
    items = [x[-1] for x in regex.findall(r"\\.|.", body, flags=regex.S)]
    out: set[str] = set()
    i = 0
    while i < len(items):
        if i + 2 < len(items) and items[i + 1] == "-":
            out |= {chr(c) for c in range(ord(items[i]), ord(items[i + 2]) + 1)}
            i += 3
        else:
            out.add(items[i])
            i += 1
    return out


def _readable() -> frozenset[str]:
    """Every character the branches, the numeral or the trigger may read ahead of a start: the
    words of the lists, the members of the classes and the literal characters of the patterns."""
    src = _MASTER.pattern + _NUMERAL_AT.pattern
    # this is only complete if no pattern reads "any character" or a character property
    assert "[^" not in src and regex.search(r"\\[dDwWsSpPXNRbB]", src) is None
    chars = {c for words in _LISTS.values() for w in words for c in w} | set(_TRIGGER_AFTER)
    rest = regex.sub(r"\\L<\w+>|\(\?P<\w+>|\(\?P=\w+\)|\(\?\(\w+\)|\(\?<?[=!:]|\{\d*,?\d*\}", "", src)
    for body in regex.findall(r"\[((?:\\.|[^\]\\])*)\]", rest):
        chars |= _class_chars(body)
    rest = regex.sub(r"\[(?:\\.|[^\]\\])*\]", "", rest)
    chars |= {x[-1] for x in regex.findall(r"\\.", rest)}
    rest = regex.sub(r"\\.", "", rest)
    assert not set(rest) & set(".^$\\[]{}"), "a metacharacter the set above does not account for"
    # の (a frequent particle) is read only right after 分 (3分の1): `_Finder.run` reads past it there
    assert src.count("の") == src.count("分の") and "の" not in "".join(w for ws in _LISTS.values() for w in ws)
    return frozenset(chars | (set(rest) - set("()|?*+"))) - {"の"}


# A start is read only up to the first character no pattern can read (の, が, 。, a line break
# ...): what the step makes of it depends on that window and on the left context (as for the
# match cache below), so its result is cached by window and the master regex is not run at all
# on a hit. A window holding a kanji numeral is extended by what an idiom test reads past a
# numeral (`_kanji_refused`); a relative date (昨年, 先月, on 年/月/元) depends on published_at
# and on the word behind the start: its key holds both (`_Finder.run`), and it has no match key.
_PUB_STARTS = frozenset("年月元")
_WINDOW_MAX = 64
_READABLE = _readable()
# (`re`, not `regex`: it scans a large character set several times faster. The trigger reads
# the window itself; this only reads on past 分の, in `_Finder.run`.)
_WINDOW_END = re.compile("[^" + "".join(re.escape(c) for c in sorted(_READABLE)) + "]")
_TRIGGER = _trigger()
_ONE_ON = (1, ())  # a step that makes nothing and goes on at the next character


def _no_before(text: str, s: int) -> bool:
    """Whether `no`, `No.`, `no. ` ... ends at `s` (the lookbehind of the NO branch, loosely)."""
    if text[s - 1 : s] == " ":
        s -= 1
    if text[s - 1 : s] == ".":
        s -= 1
    return s >= 2 and text[s - 2] in "Nn" and text[s - 1] in "Oo"


class _Finder:
    __slots__ = ("text", "pub", "found", "base")

    def __init__(self, text: str, pub: dt.date | None):
        self.text = text
        self.pub = pub
        self.found: list = []  # what the current step emits, relative to `base`, flat (`emit`)
        self.base = 0

    def run(self) -> list[NumberMatch]:
        text, search, step = self.text, _TRIGGER.search, self.step
        out: list[NumberMatch] = []
        append = out.append
        cache = _CACHE if _USE_CACHE else None
        pos, n = 0, len(text)
        while pos < n:
            t = search(text, pos)
            if t is None:
                break
            s = t.start()
            c = text[s]
            if c in _KANJI_NUM and _glued_kanji(text, s):
                pos = s + 1
                continue
            if cache is None:
                made = step(t, s)
            else:
                # The trigger reads the window on (up to _WINDOW_MAX characters past the run, see
                # `_trigger`). A longer readable run (a table of digits, 1,1,1,...) is stepped
                # uncached, else every start in it would hash the rest of the run (quadratic;
                # bench/pathological.py).
                limit = s + _WINDOW_MAX
                end = t.end(1)
                # (分 first: it ends few windows, so the usual case costs one comparison)
                while text[end - 1] == "分" and end < limit and text[end : end + 1] == "の":  # 3分の1
                    w = _WINDOW_END.search(text, end + 1, limit)
                    end = w.start() if w is not None else min(limit, n)
                if end >= limit and limit < n:
                    made = step(t, s)
                elif c in _PUB_STARTS:
                    # A relative date (昨年, 先月, 令和元年) starts on 年/月/元 with its word
                    # behind: its key holds published_at, the three characters the lookbehinds
                    # read (一昨, 再来, 未来, 令和 元) and what `_pre` reads before each place
                    # the mention may start (s-1, s-2, s-3). No kanji idiom test runs on it.
                    key = (self.pub, text[s - 3 if s > 3 else 0 : s], _left_context(text, s - 1, False),
                           _left_context(text, s - 2, False) if s >= 2 else "",
                           _left_context(text, s - 3, False) if s >= 3 else "", text[s:end])
                    made = cache.get(key)
                    if made is None:
                        made = step(t, s)
                        if len(cache) >= _CACHE_MAX:
                            cache.clear()
                        cache[key] = made
                else:
                    window = text[s:end]
                    kanji = _KANJI_NUM_IN(text, s, end) is not None
                    if kanji:
                        window += _idiom_tail(text, s, end)  # an idiom test reads past the window (一人ひとり)
                    left = _left_context(text, s, kanji and c not in _KANJI_NUM)
                    key = (left, window)
                    made = cache.get(key)
                    if made is None:
                        # (a match never reads past its window: without a kanji numeral in the
                        # window, the step's own key has the same left context)
                        made = step(t, s, None if kanji else left)
                        if len(cache) >= _CACHE_MAX:
                            cache.clear()
                        cache[key] = made
            # (advance, mentions relative to s): the same for a fresh step and a cache hit
            adv, mentions = made
            if len(mentions) == _MENTION:  # one mention, the usual case: no slice
                nm = _Unfrozen(s, *mentions)
                nm.__class__ = NumberMatch
                append(nm)
            elif mentions:
                for k in range(0, len(mentions), _MENTION):
                    nm = _Unfrozen(s, *mentions[k : k + _MENTION])
                    nm.__class__ = NumberMatch
                    append(nm)
            pos = s + adv
        return out

    def step(self, t, s: int, left: str | None = None) -> tuple[int, tuple]:
        """What is made of the start `s` (trigger `t`): (how far to go on, relative to `s`, and the
        mentions found, one flat tuple of `_MENTION` fields each (`emit`)). Cached as such by `run`.
        `left`: the left context of `s`, when `run` knows there is no kanji numeral ahead."""
        text = self.text
        c = text[s]
        if c in _SIGNS:
            sub = _SUB["AMT"]
        elif c == "第":
            sub = _SUB["DAI"]
        elif c == "年" or c == "月" or c == "元":
            # relative dates (昨年, 先月) and 令和元年; every other 年/月 is not a start
            p = text[s - 1] if s else ""
            if not (p in _REL_LAST if c != "元" else text.startswith("年", s + 1) or text.startswith(" 年", s + 1)):
                return _ONE_ON
            sub = _SUB["REL"]
        else:
            e = t.end()
            if c not in _DIGITS:
                # (a kanji numeral glued after another kanji never gets here: `run` drops it)
                nxt = text[e : e + 1]
                if nxt in _NUM_CONT or nxt in _DIGITS:
                    nm = _NUMERAL_AT.match(text, s)
                    if nm is None:
                        return e - s, ()
                    e = nm.end()
                # else the numeral is this run (何 alone is none: the branches then fail on it)
            elif text[e : e + 1] in _NUM_CONT:  # 1,500 / 2.5 / 5億 / 2万5千
                e = _NUMERAL_AT.match(text, s).end()
            f = text[e : e + 1]
            if f == " " or f == "\u3000":  # one translation space: 5 億, 7 月
                f = text[e + 1 : e + 2]
            p = text[s - 1] if s else ""
            if f in _ISO_SEPS or (
                s >= 2 and p in "oO. " and (p != " " or text[s - 2] in _ASCII_ALNUM or _no_before(text, s))
            ):
                # 2024-09-12, no.1. After `o`/`O`/`.` (and `X ` with X alphanumeric, unless a
                # date separator follows) only `no.1` can match: most of these are not one.
                # Any other space before the start (not after `no`, `no.`) changes nothing the
                # branches see: the `_FOLLOW` shortcut below holds as without it.
                if (p and p in "oO.") or (p == " " and s >= 2 and f not in _ISO_SEPS and text[s - 2] in _ASCII_ALNUM):
                    if not _no_before(text, s):
                        return t.end() - s, ()
                # (without `no` before, only a date or an amount can start on a numeral that a
                # date separator follows: 2024-09-12, 5億-; the full regex costs five times more)
                sub = _SUB["FULL"] if _no_before(text, s) else _SUB["ISO"]
            else:
                sub = _FOLLOW.get(f)
                if sub is None:
                    # only an amount can start here: skip it unless something follows
                    # that it could count, or it ends on 万/億/兆/京 (5,000億)
                    if f not in _AMT_FIRST and text[e - 1] not in _BIG_CHARS:
                        return t.end() - s, ()
                    sub = _SUB["AMT"]
        rx, handlers = sub
        m = rx.match(text, s)
        if m is None:
            return t.end() - s, ()  # no number starts in this run (a number never starts mid-run)
        for g, h in handlers:
            if m.start(g) >= 0:
                break
        else:
            return max(m.end() - s, 1), ()  # a time of day: consumed, not tagged
        key = None
        if _USE_CACHE and c not in _PUB_STARTS:
            # What a handler makes of a match depends only on the matched text, the branch, (if
            # it may hold a qualifier, sign or era) the text before it and, with a kanji numeral
            # inside, what an idiom test reads past it (5、一人ひとり) and the character before.
            e = m.end()
            if left is not None:
                key = (left, text[s:e], g)
            else:
                mt = text[s:e]
                kanji = not _KANJI_NUM.isdisjoint(mt)
                key = (_left_context(text, s, kanji and c not in _KANJI_NUM), mt + _idiom_tail(text, s, e) if kanji else mt, g)
            hit = _CACHE.get(key)
            if hit is not None:
                return hit
        found = self.found = []
        self.base = s
        if getattr(self, h)(m) is _RETRY:
            key = None
            m = _SUB["AMT"][0].match(text, s)
            if m is None:
                return _ONE_ON
            self.amount(m)
        made = (max(m.end() - s, 1), tuple(found))
        if key is not None:
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.clear()
            _CACHE[key] = made
        return made

    def emit(self, start: int, end: int, label: str, value: float | None = None,
             value_low: float | None = None, value_high: float | None = None, value_text: str | None = None,
             unit: str | None = None, currency: str | None = None, approximate: bool = False,
             qualifier: str | None = None) -> None:
        # Flat, each field in the step's one tuple: a cached step is then a tuple of atoms and a
        # tuple holding only that, which the garbage collector stops tracking within the young
        # generations (a collection untracks one level; mentions nested two levels deeper stayed
        # tracked into the oldest generation, and the 20k a pass over livedoor cached there
        # brought on full collections, 20-40 ms each). find_numbers over livedoor, cold: 5% faster.
        b = self.base
        self.found += (start - b, end - b, label, value, value_low, value_high, value_text, unit, currency,
                       approximate, qualifier)

    # -- dates ---------------------------------------------------------------------------
    def iso(self, m: regex.Match) -> None:
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        try:
            dt.date(y, mo, d)
        except ValueError:
            return
        self.emit(m.start(), m.end(), "DATE", value_text=f"{y:04d}-{mo:02d}-{d:02d}")

    def _month_day(self, m: regex.Match, gm: str, gd: str) -> tuple[int | None, int | None, bool]:
        """(month, day, ok) from the numeral groups; ok False if out of range or a word."""
        mo = d = None
        if m.group(gm) is not None:
            n = parse_numeral(m.group(gm))
            if n is None or not n.exact or n.low.denominator != 1 or not 1 <= n.low <= 12:
                return None, None, False
            mo = int(n.low)
        if m.group(gd) is not None:
            n = parse_numeral(m.group(gd))
            if n is None or not n.exact or n.low.denominator != 1 or not 1 <= n.low <= 31:
                return None, None, False
            d = int(n.low)
        return mo, d, True

    def date(self, m: regex.Match) -> None:
        text = self.text
        start = m.start("era") if m.group("era") else m.start("rel") if m.group("rel") else m.start("y")
        mo, d, ok = self._month_day(m, "m", "d")
        end = m.end("dcore")
        fields: dict = {}
        qual = []
        year: int | None = None
        if m.group("era"):
            ey = m.group("ey")
            n = parse_numeral(ey) if ey != "元" else _Num(1, 1, True, 1, True, False)
            if n is None or not n.exact or n.low.denominator != 1 or n.low < 1:
                return
            year = ERAS[m.group("era")] + int(n.low)
        elif m.group("rel"):
            word = m.group("rel") + "年"
            kind, off = RELATIVE[word]
            qual.append(word)
            if self.pub is not None:
                year = self.pub.year + off
        else:
            ys = m.group("y")
            n = parse_numeral(ys)
            if n is None or _kanji_refused(text, m.start("y"), n, ys):
                return
            if not n.exact or n.low.denominator != 1 or (n.low < 1000 and not n.positional):
                # 3年以内, 数年, 5年: a number of years (80年代: century unknown, not tagged)
                if mo is None and not m.group("fy") and not m.group("dec") and not m.group("fisc"):
                    self.emit(start, end, "DURATION", unit="年", **self._qual(m, _num_fields(n, False), start))
                return
            if n.low > 9999:
                return
            year = int(n.low)
        if not ok:
            return
        if m.group("fy"):  # fiscal year: 二〇二三年度 → 年度, 昨年度 → 昨年度, 2024会計年度 → 会計年度
            if qual:
                qual[-1] += "度"
            else:
                qual.append((m.group("fisc") or "") + "年度")
        elif m.group("dec"):  # 1990年代 → 1990, 年代
            if qual or mo is not None:
                return
            qual.append("年代")
        if year is None:
            vt = None
        elif mo is None:
            vt = f"{year:04d}"
        elif d is None:
            vt = f"{year:04d}-{mo:02d}"
        else:
            try:
                dt.date(year, mo, d)
            except ValueError:
                return
            vt = f"{year:04d}-{mo:02d}-{d:02d}"
        fields["value_text"] = vt
        self._qual(m, fields, start)
        if qual:
            fields["qualifier"] = "".join(qual) + (fields.get("qualifier") or "")
        fields.pop("value_low", None)
        fields.pop("value_high", None)
        self.emit(start, end, "DATE", **fields)

    def month_day(self, m: regex.Match) -> None:
        text = self.text
        relm = m.group("relm")
        if relm:
            relm += "月"
            start = m.start("relm")
        else:
            start = m.start("mm")
            n = parse_numeral(m.group("mm"))
            if n is None or _kanji_refused(text, start, n, m.group("mm")):
                return
        mo, d, ok = self._month_day(m, "mm", "md")
        if not ok:
            return
        end = m.end("mdcore")
        fields: dict = {}
        if relm:
            fields["qualifier"] = relm
            vt = None
            if self.pub is not None:
                y, mm = _shift_month(self.pub.year, self.pub.month, RELATIVE[relm][1])
                vt = f"{y:04d}-{mm:02d}" + (f"-{d:02d}" if d else "")
        elif d is None:
            vt = f"--{mo:02d}"
        else:
            if mo == 2 and d > 29 or mo in (4, 6, 9, 11) and d > 30:
                return
            vt = f"--{mo:02d}-{d:02d}"
        fields["value_text"] = vt
        q = fields.pop("qualifier", None)
        self._qual(m, fields, start)
        if q:
            fields["qualifier"] = q + (fields.get("qualifier") or "")
        fields.pop("value_low", None)
        fields.pop("value_high", None)
        self.emit(start, end, "DATE", **fields)

    def _qual(self, m: regex.Match, fields: dict, start: int) -> dict:
        _qualify(m, fields, _pre(self.text, start))
        return fields

    # -- durations, ordinals, fractions ---------------------------------------------------
    def duration(self, m: regex.Match) -> None:
        n = parse_numeral(m.group("un"))
        if n is None or _kanji_refused(self.text, m.start("un"), n, m.group("un"), idioms=False):
            return
        unit = m.group("uu")
        fields = _num_fields(n, False)
        if unit.endswith("半") and n.exact:  # 1年半 = 1.5年
            fields["value"] += 0.5
        self.emit(m.start("un"), m.end("uu"), "DURATION", unit=DURATION_UNITS[unit], **self._qual(m, fields, m.start("un")))

    def dai(self, m: regex.Match) -> None:
        # kanji numerals need a counter (第三者, 第一歩 are words); digits do not (第3フェーズ)
        dc = m.group("dc")
        n = parse_numeral(m.group("dn") if dc else m.group("dn2"))
        if n is None or not n.exact:
            return
        end = m.end("dc") if dc else m.end("dn2")
        self.emit(m.start(), end, "ORDINAL", value=_f(n.low), unit=dc)

    def no(self, m: regex.Match) -> None:
        self.emit(m.start("nop"), m.end(), "ORDINAL", value=float(m.group("non")))

    def frac(self, m: regex.Match) -> None:
        a, b = parse_numeral(m.group("fd")), parse_numeral(m.group("fn"))
        if a is None or b is None or not a.exact or not b.exact or a.low == 0:
            return
        if _kanji_refused(self.text, m.start("fd"), a, m.group("fd")):
            return
        self.emit(m.start(), m.end(), "QUANTITY", value=_f(Fraction(b.low) / a.low))

    def rng(self, m: regex.Match):
        """2〜3年, 3〜4カ月 (DURATION), 2010〜2012年 (DATE 2010/2012), 3〜4月 (DATE --03/--04)."""
        text = self.text
        r1s, r2s = m.group("r1"), m.group("r2")
        a, b = parse_numeral(r1s), parse_numeral(r2s)
        if a is None or b is None or not a.exact or not b.exact or a.low.denominator != 1 or b.low.denominator != 1:
            return _RETRY
        if _kanji_refused(text, m.start("r1"), a, r1s) or not a.low < b.low:
            return _RETRY
        sep, unit = m.group("rsep"), m.group("ru")
        if sep == "、" and not (b.low == a.low + 1 and a.low < 10 and not a.positional):
            return _RETRY  # 2010、2012年: a list, not a range
        start = m.start("r1")
        end = m.end("ru") if unit else m.end("ry") if m.group("ry") else m.end("rm")
        lo, hi = int(a.low), int(b.low)
        if m.group("rm"):
            if not 1 <= lo < hi <= 12:
                return _RETRY
            fields = {"value_text": f"--{lo:02d}/--{hi:02d}"}
            label = "DATE"
        elif m.group("ry") and (a.positional or lo >= 1000):
            if not (1000 <= lo < hi <= 9999):
                return _RETRY
            fields = {"value_text": f"{lo:04d}/{hi:04d}"}
            label = "DATE"
        elif m.group("ry") and (b.positional or hi >= 1000):
            return _RETRY
        else:
            label = "DURATION"
            fields = {"value_low": float(lo), "value_high": float(hi), "unit": DURATION_UNITS[unit] if unit else "年"}
            if sep == "、":
                fields["approximate"] = True
            if unit and unit.endswith("半"):
                fields["value_low"] += 0.5
                fields["value_high"] += 0.5
        post = m.group("postq")
        if label == "DATE":
            q = _pre(text, start)
            qs = [x for x in (q, post) if x]
            if qs:
                fields["qualifier"] = "".join(qs)
        else:
            _qualify(m, fields, _pre(text, start))
        self.emit(start, end, label, **fields)

    # -- amounts -------------------------------------------------------------------------
    def amount(self, m: regex.Match) -> None:
        text = self.text
        gn = _GROUP_NO[m.re]
        g_n1, g_u1, g_pcur = gn["n1"], gn["u1"], gn["pcur"]
        n1s, n2s, u1, u2, pcur = m.group(g_n1, gn["n2"], g_u1, gn["u2"], g_pcur)  # one call: group() is not free
        n1 = parse_numeral(n1s)
        if n1 is None:
            return
        start = m.start(g_pcur) if pcur else m.start(g_n1)
        if n1.kanji_only and _kanji_refused(text, start, n1, n1s):
            return
        if n2s is None and u1 is None and pcur is None and n1.last_big == 1:
            return  # a bare number (as `_single` would find): what it counts is unsaid
        # a sign or "US" just before (looked up here, not in the regex: see _TRIGGER)
        neg1 = False
        if start > 0:
            c = text[start - 1]
            if c in "−▲△" or (c == "-" and (start < 2 or not text[start - 2].isascii() or not text[start - 2].isalnum())):
                neg1, start = True, start - 1
            elif start >= 4 and text.startswith("マイナス", start - 4):
                neg1, start = True, start - 4
            elif pcur == "$" and text.startswith("US", start - 2):
                start -= 2
        end1 = m.end(g_u1) if u1 else m.end(g_n1)
        if n2s is None:
            self._single(m, start, n1, neg1, pcur, "a_", u1, end1, n1s)
            return
        n2 = parse_numeral(n2s)
        sep = m.group("sep")
        start2 = m.start("sign2") if m.group("sign2") else (m.start("pcur2") if m.group("pcur2") else m.start("n2"))
        end2 = m.end("u2") if u2 else m.end("n2")
        if n2 is None:
            self._single(m, start, n1, neg1, pcur, "a_", u1, end1, n1s)
            return
        left_unit_ok = u1 is None or (u2 is not None and self._unit_key(m, "a_") == self._unit_key(m, ""))
        if sep == "、":
            # 2、3日: consecutive small numbers before one counter are a range; a list otherwise.
            ok = u1 is None and n1.exact and n2.exact and n2.low == n1.low + 1 and n1.low < 10
        else:
            ok = left_unit_ok and (u2 is not None or pcur or m.group("pcur2"))
        if not ok:
            # two separate numbers: tag each that stands on its own
            self._single(m, start, n1, neg1, pcur, "a_", u1, end1, n1s, qual=False)
            if not _kanji_refused(text, m.start("n2"), n2, n2s):
                self._single(m, start2, n2, bool(m.group("sign2")), m.group("pcur2"), "", u2, end2, n2s, preq=False)
            return
        lo = n1.low * (n2.last_big if n1.last_big == 1 else 1)
        hi_n = n1.high * (n2.last_big if n1.last_big == 1 else 1)
        if neg1:
            lo, hi_n = -hi_n, -lo
        hi, hi_top = n2.low, n2.high
        if m.group("sign2"):
            hi, hi_top = -n2.high, -n2.low
        label, unit, cur, scale = self._classify(m, "", pcur or m.group("pcur2"))
        if label is None or label in ("DATE", "DURATION_DAY"):
            if label == "DURATION_DAY":
                label, unit = "DURATION", "日"
            else:
                return
        fields = {"value_low": _f(min(lo, hi) * scale), "value_high": _f(max(hi_n, hi_top) * scale)}
        if not (n1.exact and n2.exact) or sep == "、":  # 2、3日: "two or three days"
            fields["approximate"] = True
        _qualify(m, fields, _pre(self.text, start))
        self.emit(start, end2, label, unit=unit, currency=cur, **fields)

    def _unit_key(self, m: regex.Match, p: str) -> str | None:
        for g in ("cur", "pct", "ord", "cnt", "lat", "day"):
            v = m.group(p + g)
            if v is not None:
                return v
        return None

    def _classify(self, m: regex.Match, p: str, pcur: str | None):
        """(label, unit, currency, scale) from the unit groups with prefix p."""
        cur, pct, o, cnt, lat, day = m.group(*_UNIT_GROUP_NO[m.re][p])  # one call: group() is not free
        if cur is not None:
            return "MONEY", None, CURRENCY_WORDS[cur], 1
        if pcur is not None:
            return "MONEY", None, CURRENCY_SIGNS[pcur.strip()], 1
        if pct is not None:
            return "PERCENT", "%", None, (10 if pct == "割" else 1)
        if o is not None:
            return "ORDINAL", o, None, 1
        c = cnt or lat
        if c is not None:
            return "QUANTITY", c, None, 1
        if day is not None:
            return "DURATION_DAY", "日", None, 1
        return None, None, None, 1

    def _single(self, m, start, n: _Num, neg, pcur, p, unit_word, end, numeral, qual=True, preq=True) -> None:
        label, unit, cur, scale = self._classify(m, p, pcur)
        if label is None:
            if n.last_big == 1:
                return  # a bare number: what it counts is unsaid
            label = "QUANTITY"
        if label == "ORDINAL":
            if n.kanji_only and unit != "番目" and unit != "位":
                return  # 一番 ("most"), 一着, 一等: words
            if not n.exact:
                return
        # (the trailing qualifier only, for the right-hand number of two)
        post = m.group(_GROUP_NO[m.re]["postq"]) if qual else None
        pre = _pre(self.text, start) if qual and preq else None
        if n.exact and label != "DURATION_DAY" and pre is None and post is None:
            # the usual case (3人, 10万円, 5%): one value, no qualifier; no fields dict
            v = float(n.low) * scale
            self.emit(start, end, label, -v if neg else v, unit=unit, currency=cur)
            return
        fields = _num_fields(n, neg)
        if scale != 1:
            fields = {k: (v * scale if isinstance(v, float) else v) for k, v in fields.items()}
        if label == "DURATION_DAY":
            if n.exact and n.low.denominator == 1 and 1 <= n.low <= 31 and not neg:
                label, unit = "DATE", None
                fields = {"value_text": f"---{int(n.low):02d}"}
            else:
                label = "DURATION"
        _qualify_with(fields, pre, post)
        if label == "DATE":
            for k in ("value_low", "value_high", "approximate"):
                fields.pop(k, None)
        self.emit(start, end, label, unit=unit, currency=cur, **fields)


def _apply(fields: dict, q: str) -> None:
    fields["qualifier"] = q
    if q in APPROX_Q:
        fields["approximate"] = True
    v = fields.get("value")
    if q in LOW_Q and v is not None:
        fields["value_low"] = v
    if q in HIGH_Q and v is not None:
        fields["value_high"] = v


def clear_cache() -> None:
    """Empty the caches kept across documents (benchmarks start each timed pass cold with it)."""
    _CACHE.clear()
    parse_numeral.cache_clear()


def find_numbers(text: str, published_at: dt.date | None = None) -> list[NumberMatch]:
    """Numeric expressions of `text`, sorted and non-overlapping (see the module docstring)."""
    # (no pre-filter for a text without numbers: the trigger's first search finds nothing as fast,
    # and a filter that matches scans the head of the text once more)
    if not text:
        return []
    return _Finder(text, published_at).run()
