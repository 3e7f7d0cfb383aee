"""The words around a number: price bands, percent words, qualifiers, idioms that hold a numeral, "one of" and
"another", kanji numerals inside words, money words, range and list separators, signs (see `tables`)."""

from __future__ import annotations

from typing import Final

from .tables import SCHOOL_WORDS

# After a number and its unit, "the middle of" its band: somewhere in it (30才半ば = [30, 39] 歳,
# 1万円半ば = [10000, 19999] JPY; approximate).
MID_BAND_AFTER = "半ば"
# After a currency word, a price band (1000円台 = [1000, 1999]; not 台数, 台湾).
PRICE_BAND = "台"
PRICE_BAND_NOT_BEFORE = "数湾頭風詞帳座"
# After N割, N分 adds N percent (3割5分 = 35 %).
WARI, WARI_BU = "割", "分"
WARI_RIN = "厘"  # ... and N厘 a tenth of a percent (打率1割7分8厘 = 17.8: session 14)
# PERCENT words -> the factor to percent (N割 = N × 10 %).
PERCENT_WORDS = {"%": 1, "％": 1, "パーセント": 1, "割": 10}
# The `unit` of a PERCENT: 割 keeps its word (5割: 50, unit 割; NUMBERS.md), the others are %.
PERCENT_UNITS = {"割": "割"}
# Qualifiers are outside a number's span and set its fields (contract section 6).
PRE_QUALIFIERS = "およそ おおよそ 概ね 約 ほぼ 最大 最高 最低 少なくとも 超".split()
POST_QUALIFIERS = ("足らず 程度 前後 ほど 余り あまり 以上 以下 未満 以内 近く 超 強 弱 余 "
                   "くらい ぐらい 近い すぎ に満たない にも満たない "
                   # batch n9: を越える as を超える (5年を越えると); not を切る, を割る: the annotation keeps their
                   # value (2センチを切る, 1000枚を割った)
                   "を越え を越す "
                   # session 14: an age or amount passed, as すぎ (50歳を過ぎて, 三十歳も過ぎれば, 40歳過ぎて; NUMBERS.md)
                   "過ぎ も過ぎ "
                   # batch n13: をオーバー as を超える (1GHzをオーバーする)
                   "をオーバー").split()
PASSED_QUALIFIERS = ("過ぎ", "も過ぎ")  # (not after a duration: 時間を2時間も過ぎていた says by how much)
# A tax note in brackets between an amount and its qualifier is read over (12,000円（税込）以上: batch n9).
TAX_NOTES = ("（税込）", "(税込)", "（税抜）", "(税抜)", "（税別）", "(税別)")
# (近く, 近い: "nearly", an approximation of the amount, not a bound; NUMBERS.md)
APPROX_QUALIFIERS = frozenset({"約", "およそ", "おおよそ", "概ね", "ほぼ", "程度", "前後", "ほど", "近く", "近い",
                               "くらい", "ぐらい"})
LOW_QUALIFIERS = frozenset({"超", "以上", "強", "余り", "あまり", "余", "少なくとも", "すぎ", "を越え", "を越す",
                             "過ぎ", "も過ぎ", "をオーバー"})  # set value_low
# 余 before the ending of the verb 余る is no qualifier (SSDが二台余っている: "two are left over").
VERB_NOT_QUALIFIER = {"余": "っるら", "強": "いくかけさま", "弱": "いくかけさま"}  # (約3倍強い: an adjective, batch n10)
HIGH_QUALIFIERS = frozenset({"未満", "以下", "弱", "足らず", "以内", "に満たない", "にも満たない"})  # set value_high
# Pure-kanji words whose next character is a counter but that are not numbers.
KANJI_IDIOMS = (
    "一部 一番 一度 一時 一人ひとり 一人一人 一杯 一本化 一行 一日中 一種 十分 一品 一点 一名 一国 "
    "九州 一人残らず 一代 一役 一色 一問 一題 一発 一通り 一戸建 一社会 一世代 一局 一枚岩 一本気 一本調子 一曲 一票 "
    "千代 八百長 八百屋 三日月 二度と 一言 万人 一本釣り 一本道 一話完結 十二分 一段と 一年中 二日酔 一日 一層 "
    "一人暮らし 一人っ子 一人者 五分五分 一元化 一元 "
    # batch n6: 三種の神器 (an idiom: the three must-have features), 八頭身 (a figure), 一日一日 (day by day),
    # 一度も ("never"), 一日でも早く, 一日でした ("it was a day"): idioms after a counted 一度/一日 too
    "三種の神器 六頭身 七頭身 八頭身 九頭身 一日一日 一度も 一日でも 一日でし 一日です "
    # batch n7: 二人三脚 (contract section 6), 百年草 (a plant)
    "二人三脚 百年草 "
    # batch n9: a rating (ミシュラン三つ星), no count
    "一つ星 二つ星 三つ星 "
    # batch n10: 十人十色 (NUMBERS.md), 二つ折り (a folding phone)
    "十人十色 二つ折 一年一年 "  # (一年一年: year by year, as 一日一日)
    # batch n11: 五輪 is the Olympics, 三輪 a family name (四輪 counts wheels)
    "五輪 三輪 "
    # session 15 (batch n14): 二度寝 (going back to sleep), 二度手間 (doing a thing twice over), 百年の恋 (も冷める)
    "二度寝 二度手間 三度手間 百年の恋 "
    # session 16 (s16-fp), read over the corpus without the test half and n19/n20: 三日坊主 (giving up at once, 6
    # documents), 八つ橋 (a Kyoto sweet), 二世帯住宅 (a house type, a format as 一人用: 2 documents)
    "三日坊主 八つ橋 二世帯住宅"
).split()
# ... and their digit forms (2度手間, 100年の恋 in dev; as 2度と: batch n9), no number (tagger.without_titles; looked for
# only after a span that ends on one of DIGIT_IDIOM_UNITS); with them proverbs and set phrases, with digits or kanji
# (三人寄れば文殊の知恵, 一粒で二度おいしい, 一話完結: a series' format; 3 to 12 documents each; session 15, s15-fp).
# With them 1日中 ("all day long", as 一日中 and 1年中: 11 times in 10 documents, none tagged by the gold; s16-fp).
DIGIT_IDIOMS: tuple[str, ...] = ("2度寝", "2度手間", "3度手間", "100年の恋",
                                 "3人寄れば文殊", "三人寄れば文殊", "2度おいし", "二度おいし", "1話完結", "一話完結", "１話完結",
                                 "1日中", "１日中")
DIGIT_IDIOM_UNITS = "度年人話日"  # (the last character of the span the idiom begins with: 2度, 100年, 3人, 1話, 1日)
# A kanji numeral after these is part of a word (真っ二つ: NUMBERS.md decision (f), batch n11).
KANJI_WORD_PREFIXES = ("真っ",)
# ... but 一度 and 一日 are counts after a span of time (年に一度, 半年に一度, 35年間一日に1回, 月一度), and
# before the words after them here: "only once" (一度だけ), how a day is used (一日に1回, 一日で, 一日一辺走る).
# (Not after any に: 彼に一度会った is "once", no count; NUMBERS.md.)
COUNTED_IDIOM_BEFORE = ("年に", "月に", "週に", "日に", "年", "月", "週", "毎", "ただ", "わずか", "たった")  # (わずか一行: batch n10)
# A kanji 一 + counter glued after a katakana noun counts it (コップ一杯, ハサミ一本: the noun, then how many; session 14),
# but 一つ (ブラウス一つにしても: "a single blouse", left out by dev), 一人 (キミ一人の力: "alone", as 一人で), 一本 (ハサミ一本で:
# "X alone", NUMBERS.md session 14), and before も ("not a single": ヒット一本も, NUMBERS.md).
KANJI_ONE_NOT_AFTER_NOUN, KANJI_ONE_NOT_A_SINGLE = ("つ", "人", "本"), "も"
# (Not after の: 四月の一日 is the first of April, 副館長の一日 "a day of".)
COUNTED_IDIOM_NOT_AFTER = "の"
COUNTED_IDIOMS = {"一度": ("だけ",), "一日": ("だけ", "に", "で", "一", "あたり", "当たり", "の"),
                  "一杯": ("分",), "一行": ("分", "程度")}  # (カップ一杯分, 一行程度: batch n10)
# A count of one that is no count: "one of" (の一つ, 利点の1つ, 社員の1人), "another" (もう一つ) ...
ONE_OF_BEFORE = ("の", "もう", "か", "一つ", "何")  # (どちらか一つ, 一つ一つ; 何１つ: "not a single one", batch n10)
ONE_OF_NOT_AFTER = ("最後の", "最初の")  # (最後の1人: the last one standing, a count; batch n10)
ONE_OF_COUNTERS = frozenset("つ人名個頭冊組本周")  # (この1本: "this one", batch n10; もう1周: batch n11)
# ... and after もう, "another", a count of one is none whatever its counter (もう1台無料キャンペーン, もう1機種の: session 14;
# every もう + 1/一 + counter of dev is left out)
ANOTHER_BEFORE = "もう"
# ... or the first of a list just counted (3つの機能が自慢だ。1つは…, 大きく4つ、「1つは…: batch n8): 1つ
# before は, after a count of つ within this many characters.
FIRST_OF_LIST_AFTER, FIRST_OF_LIST_WINDOW = "は", 20
# ... a kanji 一 + counter that means "a" or "alone" (一つの過程, 一人で, 一つ一つ, 一頭の馬) ...
ARTICLE_ONE_AFTER = ("の", "で", "一", "ひと")
# ... and a kanji 一 + counter, which says "a" or makes a word (発揮した一人だが, 解説した一冊、, 一本！;
# NUMBERS.md counts kanji from two upwards), unless it says how often (月一回, 半年に一回: after one
# of these) or "only one" (一回だけ: before one of these). (An age, 一歳, is a count all the same.)
KANJI_ONE_COUNTED_BEFORE = ("に", "月", "年", "週", "日", "毎", "各", "計", "全", "約", "ただ", "わずか", "たった")
KANJI_ONE_COUNTED_AFTER = ("だけ", "のみ", "しか", "きり", "限り", "分", "程度", "あたり", "当たり")
# (batch n10: 一人分, 一台分 "one's worth", 一行程度, 一個あたり (a measure, as 1枚あたり); ただ一人, わずか一行 "only one")
# ... and the unit of a rate (1株当たり利益, 1人あたり; 1kW当たり, 1枚あたり are measures, tagged).
RATE_AFTER = ("当たり", "あたり")
RATE_COUNTERS = frozenset({"株", "人"})
# Words before a kanji numeral glued after them that do not make it part of a word (今後数ヶ月).
WORDS_BEFORE_NUMERAL = ("今後", "過去", "直近", "最近", "以降", "以来", "年間") + SCHOOL_WORDS  # (高校二年生: batch n10; 35年間一日に1回)
# A kanji numeral may follow these kanji (約三千人, 第三, 計五人, 全三巻, 各二名, 毎月); after any
# other kanji it is part of a word (統一, 唯一, 複数, 会員数) ...
KANJI_BEFORE_NUMERAL = frozenset("約超第計全各毎総僅歴")  # (歴: ホステス歴一年, 駐在歴十年)
# ... unless a counter of people, minutes or times, or 年間, follows it (毎月二人, 開始一分, 月一回,
# 昨年一年間; not N年 alone: 嘉永六年 is an era's year), after a kanji that makes no word with a
# numeral (同一, 統一, 唯一, 万一, 単一 ...) nor repeats the count (一人一人, 一回一回, 五分五分); so do the counters 本/社/枚/台
# (単四電池二本, 配給会社三社, 昆布二枚: NUMBERS.md session 14 (b), batch n17's 子供二人; s16-misses), whose longer words
# tables.COMPOUND_AFTER keeps out (六本木, 二本柱 ...); 数 begins a vague numeral (撮影後数千枚: 千枚 alone is no count).
GLUED_COUNTERS: tuple[str, ...] = ("人", "分", "回", "年間", "周年", "カ月", "ヵ月", "ヶ月", "か月", "ケ月",  # (震災一周年, 震災一ヵ月後)
                                   "本", "社", "枚", "台")
NUMERAL_WORD_KANJI = frozenset("同統唯均画随万単逐純無不再専択合人回分数")
# "One or two" is an idiom, no count: 一つや二つ, 一度や二度, 一人や二人, 1人や2人 (二 + the counter after 一 + や;
# and the 1 before や2 + the same counter: batch n10).
ONE_OR_TWO_BEFORE = ("一1１", "や")
# One by one: a count of one repeated (1つ1つ), maybe with one of these between (一人、また一人): no count.
ONE_BY_ONE_JOINERS = ("、また", "また")
# 2度と, as 二度と (KANJI_IDIOMS): "never again", no count (batch n9).
NEVER_AGAIN_UNIT, NEVER_AGAIN_AFTER = "度", "と"
# "The N great" (二大監督, 2大スター, 5大俳優): a count of N without unit, the span N alone (NUMBERS.md,
# batch n8); one numeral 2–9 before 大 and a noun, but for the words that begin with 大 (二大会社 is
# 大会 + 社, 3大学, 2大人, 三大陸: counters or words).
GREAT, GREAT_RANGE, GREAT_NOT_WORDS = "大", (2, 9), ("大会", "大学", "大人", "大陸")
# Words before an amount in 万/億 without a currency word that make it money (年収1000万: MONEY,
# currency unsaid), and after it (150万請求).
MONEY_BEFORE = ("年収", "月収", "月給", "年俸", "時給", "日給", "給料", "報酬", "賞金", "予算", "借金", "貯金",
                # session 12: 売り上げも50万, 募金の数十億, 年商50億, 興行収入100億, 月額で20万, 納税8000万
                "売り上げ", "売上", "募金", "寄付", "年商", "興行収入", "月額", "納税", "預金")
MONEY_AFTER = ("請求",)
# ... or a word of money or of spending it later in its clause, within this many characters (10万くらい使って, 毎月2万くらいずつ
# 自動引き落とし, 40万に税金とられて, 100億超えの寄付: session 14)
MONEY_LATER = ("税金", "寄付", "使っ", "使う", "引き落", "お金", "金額", "借金", "貯金", "資金", "現金", "支払", "払っ", "払う", "稼")
MONEY_LATER_WINDOW, CLAUSE_ENDS = 12, "。\n"
# Between two numbers, they make one range (30〜40億ドル, 2〜3年); 、 only between consecutive
# small numbers (2、3日: "two or three days"; 10億ドル、20億ドル is a list).
RANGE_SEPARATORS = ("〜", "～", "~", "から", "\N{BOX DRAWINGS LIGHT HORIZONTAL}", "\N{EN DASH}", "-")
# A から range followed by one of these is an increase: two numbers (1000人から1700人に).
INCREASE_AFTER = ("に", "へ")
# A range whose left side is the leading digit of the right (5〜6000円, 2〜300人: 5000–6000, 200–300):
# a left of one digit below the right's leading digit, the right that digit and at least this many zeros.
ABBREVIATED_LEFT_ZEROS: Final = 2
ABBREVIATED_LIST_ZEROS: Final = 1  # (after 、: 2、30キロ = 20–30, the right the next ten; batch n10)
ABBREVIATED_RIGHT_BELOW: Final = 10**9  # (the right read as text only below this: no str() of a huge int)
# ・ between Arabic digits is a decimal point (1・5兆ドル) when one of these follows the decimals
# (1・2月, 3・11 are lists and events).
DOT_DECIMAL_BEFORE = "万億兆京倍%％"
LIST_SEPARATOR = "、"
# A comma between two numbers before one date or duration word joins them as 、 does (1,2年 = 1、2年: "a year or two";
# batch n14): the same test (consecutive, small); 1,200 is one numeral, never split here.
LIST_COMMAS = ",，"
LIST_SEPARATORS = LIST_SEPARATOR + LIST_COMMAS  # (a range of two consecutive small numbers: 2、3年, 1,2年)
# Signs before a number that make it negative (マイナス is looked up as a word).
MINUS_SIGNS = frozenset("−▲△")
