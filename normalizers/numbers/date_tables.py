"""The words of dates and durations: weekdays, issues, duration units, seasons and halves, two-digit years,
relative words, day counts and rates, copyright years, eras, fiscal years (see `tables` for the four modules)."""

from __future__ import annotations

# The days of the week: M/D before one in brackets is a date, no fraction (3/8（木）: session 14).
WEEKDAYS = "月火水木金土日"
# A month before this is a magazine's issue, a DATE without the 号, also glued after the magazine's Latin name
# (ビデオSALON11月号 → 11月 --11; NUMBERS.md session 14 (g)).
MAGAZINE_ISSUE = "月号"
# After a date written M.D (11.3特大号: an issue); M.DD needs none (9.11, 3.11).
ISSUE_WORDS = ("号", "特大号", "合併号")
# A number after these is a version, no date (バージョン3.11).
VERSION_WORDS = ("バージョン", "Ver.", "ver.")
# Duration words -> the DURATION's `unit` (the か月 spellings unified to カ月; 半 adds 0.5).
DURATION_UNITS = {
    "年間": "年", "年半": "年", "カ月間": "カ月", "カ月": "カ月", "ヶ月間": "カ月", "ヶ月": "カ月",
    "か月間": "カ月", "か月": "カ月", "ケ月間": "カ月", "ケ月": "カ月", "ヵ月間": "カ月", "ヵ月": "カ月",
    "箇月間": "カ月", "箇月": "カ月", "ヶ月半": "カ月", "カ月半": "カ月", "か月半": "カ月", "ヵ月半": "カ月", "ケ月半": "カ月",
    "週間": "週", "日間": "日", "時間半": "時間", "時間": "時間", "分間": "分", "秒間": "秒", "秒": "秒",
    "分": "分", "世紀": "世紀", "週": "週",
    # X年前: a duration before the date (3500年前 is no year 3500)
    "年前": "年", "カ月前": "カ月", "ヶ月前": "カ月", "か月前": "カ月", "週間前": "週", "日前": "日",
    "時間前": "時間", "分前": "分",
}
# After N年 / N週: a duration (17年ぶり, 4週連続: span N年, N週).
SINCE_WORDS = ("ぶり", "振り", "連続")
# Seasons and halves after a year, as TIMEX3 writes them (2024年の夏 → 2024-SU, 2026年後半 → 2026-H2).
YEAR_PARTS = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI", "前半": "H1", "後半": "H2",
              "上半期": "H1", "下半期": "H2", "春季": "SP", "夏季": "SU", "秋季": "FA", "冬季": "WI",  # (2012年夏季: batch n10)
              # two seasons (a collection, a line of phones): an interval, 2010年春夏 → 2010-SP/2010-SU
              "春夏": "SP/SU", "秋冬": "FA/WI", "冬春": "WI/SP",
              # the early or late part of a season, as the season (今年の初夏: session 14; not 初春, the New Year)
              "初夏": "SU", "晩夏": "SU", "初秋": "FA", "晩秋": "FA", "初冬": "WI", "晩冬": "WI", "晩春": "SP",
              # a year and "this season" (2012年今夏 → 2012-SU: NUMBERS.md, n12)
              "今春": "SP", "今夏": "SU", "今秋": "FA", "今冬": "WI"}
# ... and a year's quarters (2012年第1四半期 → 2012-Q1: NUMBERS.md decision (d), batch n11); 第3四半期 without a
# year stays an ORDINAL.
YEAR_PARTS |= {f"第{q}四半期": f"Q{i}" for i, (a, f, k) in enumerate(zip("1234", "１２３４", "一二三四"), 1) for q in (a, f, k)}
# Two-digit years (06年, 17年に): a leading zero always reads as a year; other two digits only
# before one of these (17年に設立; not 3年間, 17年ぶり) and not after one of the words below (過去20年に).
# (Not 年度: 22年度 is mostly 平成22年度 with the era left out.)
SHORT_YEAR_NEXT = ("に", "、", "以降", "末", "頃", "ごろ", "春", "夏", "秋", "冬", "前半", "後半", "中に")  # (１２年中に: batch n14)
SHORT_YEAR_NOT_NEXT = ("に一", "に1", "にわた", "に渡", "に及", "になる", "になり", "になっ")
SHORT_YEAR_NOT_AFTER = ("過去", "この", "ここ", "今後", "最近", "直近", "わずか", "約", "およそ", "後", "前", "から")
# An apostrophe before a two-digit year stands for its century and is in the span ('09年秋 → 2009-FA, as NUMBERS.md n12).
YEAR_APOSTROPHES = "'’‘"
SHORT_YEAR_PIVOT = 30  # without a document date: 00–30 → 20xx, 31–99 → 19xx
# From 80 a two-digit year before の reads as a year too (98年のドラフト, 95年の強制捜査), unless glued
# after a kanji word (創業80年の老舗: a duration); 13年の時, 20年の月日 stay durations.
SHORT_YEAR_LATE_FROM, SHORT_YEAR_LATE_NEXT = 80, ("の",)
# ... but not before what a length of time has (80年の歴史, 90年の時を経て).
SHORT_YEAR_LATE_NOT_NEXT = ("の歴史", "の伝統", "の時", "の月日", "の歳月", "の間", "の長", "の実績", "の経験", "の人生",
                            # (batch n14) ... and the words after a length of time that begin with a kanji, where a year
                            # glued before a word is one too (99年大手ゴルフショップに入社, 97年公開時, 95年デビュー: dates.short_year)
                            "以上", "以内", "以下", "未満", "近", "余", "超", "強", "弱", "足", "来", "越", "後", "分", "物",
                            "記念", "周年", "連続", "振")
# Relative years and months: (kind, offset from published_at).
RELATIVE = {
    "一昨年": ("y", -2), "昨年": ("y", -1), "去年": ("y", -1), "今年": ("y", 0), "本年": ("y", 0),
    "来年": ("y", 1), "再来年": ("y", 2), "先月": ("m", -1), "今月": ("m", 0), "来月": ("m", 1),
    "先々月": ("m", -2),
}
# Relative words without a numeral (DATE; resolved against published_at): (kind, offset), kind
# "d" a day, "w" an ISO week, or a season/half code (今夏 → 2024-SU); None: unresolved (今季).
RELATIVE_WORDS = {
    "本日": ("d", 0), "昨日": ("d", -1), "今週": ("w", 0), "先週": ("w", -1), "来週": ("w", 1),
    "今季": (None, 0), "昨季": (None, -1), "来季": (None, 1), "今夏": ("SU", 0), "昨夏": ("SU", -1), "来夏": ("SU", 1),
    "今春": ("SP", 0), "昨春": ("SP", -1), "来春": ("SP", 1), "今秋": ("FA", 0), "昨秋": ("FA", -1), "今冬": ("WI", 0),
    "明日": ("d", 1), "今週末": ("w", 0), "先週末": ("w", -1), "来週末": ("w", 1),
    # batch n8: the fiscal or school year and the season named relatively (unresolved, as 今季)
    "本年度": (None, 0), "新年度": (None, 0), "今シーズン": (None, 0), "昨シーズン": (None, -1), "来シーズン": (None, 1),
}
# Half a unit without a numeral (最長で半年, 半年に一度): a DURATION of 0.5 of the unit. Read where the
# relative words are (the REL branch: not glued after a kanji, 上半年; not before 間).
HALF_WORDS = {"半年": "年"}
BEFORE_NOW = "前"  # (半年前: in the span, as X年前)
RELATIVE_WORDS.update({w: (None, 0) for w in HALF_WORDS})
# A relative word followed by these is a figure of speech, no date (「明日へのヒトコト」, 明日を生きる,
# 明日に向けて, 明日は明日の風が吹く; titles in 『』 are left out anyway: context.in_title).
RELATIVE_WORD_NOT_NEXT: dict[str, tuple[str, ...]] = {"明日": ("へ", "を", "に架", "に向", "は明日の風", "の風", "は我が身")}  # (明日は明日の風が吹く, 明日は我が身)
# After a month: a word, no date (五月病, 5月病: the May blues).
MONTH_WORDS_AFTER = ("病",)
# After a duration: a name, no duration (27時間テレビ, 24時間テレビ: a programme).
DURATION_NAME_AFTER = ("テレビ", "制", "戦争")  # (四年制大学, 6年制: a school's system; 百年戦争: a war's name)
# A kanji numeral + 分 before another kanji is a proportion or a word (七分丈, 八分通り, 五分咲き),
# but for these (五分後, 三十分間, 十分以上 is caught as an idiom first).
MINUTES_BEFORE_KANJI = ("後", "前", "間", "以", "程", "頃", "過", "余", "弱", "強", "足")
# After N泊 (3泊4日: a trip), N日 is a number of days too.
DAY_COUNT_BEFORE = "泊"
# N日 in a rate says how long, no day of the month (batch n8): 1日に10冊, 1日に1つ, 1日5時間, １日110個
# (1日 before に and digits, or before digits and one of these), 3日に1試合 (N ≤ 3 before に1 and
# no digit), 週5日 (after 週, but not after 先週, 今週, 来週: 先週5日 is the 5th).
DAY_RATE_COUNTERS = ("時間", "分", "回", "個", "杯", "本", "冊", "件", "食", "試合", "人", "つ", "時限")  # (１日5、6時限: batch n10)
DAY_RATE_PER = "に"
# ... and 1日に before a kana or kanji numeral (1日にひとつ, 1日に二回, 1日に何度も: session 14)
DAY_RATE_NUMERALS = ("ひと", "ふた", "何", "数", *"一二三四五六七八九十")
DAY_RATE_EVERY, DAY_RATE_EVERY_MAX = DAY_RATE_PER + "1", 3
DAY_RATE_WEEK, DAY_RATE_NOT_WEEK = "週", "先今来毎翌"  # (翌週28日: the 28th, batch n14)
# A year before these says how often: a duration (1000年に1度, 100年に一度), not the year 1000.
YEAR_NOT_NEXT = ("に1度", "に一度", "に1回", "に一回")
# After N日 (N ≤ 31): a number of days, not a day of the month (怒濤の1日を, 30日を経過, 1日で).
DAY_COUNT_AFTER = ("を", "で", "ほど", "程度", "以上", "以内", "前後", "もあれば", "ごと", "おき", "あたり", "当たり",
                   "に1度", "に一度", "に1回", "に一回", "後", "毎",  # (2日に1度: every two days; 4日後; 1日毎: batch n11)
                   "限定", "掛か", "かか")  # (1日限定: for one day; 3日から4日掛かる: it takes days; session 14)
# ... and so before it (あと4日: the days left; batch n11).
DAY_COUNT_WORDS_BEFORE = ("あと", "残り", "たった", "わずか", "約", "ほぼ", "およそ", "最短", "最長")  # (ほぼ1日, 最短3日: session 14)
# ... and 1日 before these is one day, not the first of the month (1日が終わる, 1日の睡眠, 1日無料体験, 美は1日して成らず:
# batch n10; the dev half's 1日 of a month stand before 、/は/から/深夜).
DAY_ONE_AFTER = ("が", "の", "無料", "して")
# The amazlet widget's stamp (posted with amazlet at 11.09.29: a date YY.MM.DD) and its sales rank
# (売り上げランキング: 3007: an ORDINAL without counter), known open after session 7.
STAMP_DATE_MARK, RANK_MARK = "amazlet at ", "売り上げランキング: "
# A bare year after a copyright mark is a DATE ((C)2011, © 2006).
COPYRIGHT_MARKS = ("(C)", "(c)", "©", "(C) ", "(c) ", "© ", "Copyright ")
# ... and a year before the reservation of rights, after a dot (CORPORATION 2011. ALL RIGHTS RESERVED, Limited 2004.All
# Rights Reserved: dev; session 14), though a Latin word precedes it.
RIGHTS_WORDS = ("All Rights", "All rights", "ALL RIGHTS")
# Era name -> the Gregorian year of its year 0 (平成24年 = 1988 + 24).
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
# Words before 年度 that make a fiscal year too (2024会計年度).
FISCAL_WORDS = ("会計", "事業")
