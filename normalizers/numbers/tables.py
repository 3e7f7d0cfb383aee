"""The words the number tagger knows of counts and measures: currencies, counters, units, ordinal counters, sizes.

Change a number's reading in the tables first. The number tables are four modules, by meaning:
this one (what a number counts or measures), `date_tables` (dates, durations, relative words,
eras, two-digit years), `word_tables` (qualifiers, percent words, idioms, "one of", ranges and
separators, money words) and `name_tables` (numbers inside names and titles, which are no
mentions). `grammar.py` builds its patterns from them (each list becomes a trie of alternatives,
`patterns.words`, so the order of the words does not matter: the longest match wins), and the
handlers read the mappings (`CURRENCY_WORDS`, `DURATION_UNITS`, `RELATIVE`, `ERAS` ...) to fill a
`NumberMatch`. A new counter, unit, currency, qualifier or era is one entry; see DEVELOPING.md.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final

# Currency words after a number and signs before it (ISO 4217; contract section 6).
CURRENCY_WORDS = {
    "米ドル": "USD", "USドル": "USD", "ドル": "USD", "円": "JPY", "人民元": "CNY", "元": "CNY",
    "ユーロ": "EUR", "ポンド": "GBP", "英ポンド": "GBP", "ウォン": "KRW", "香港ドル": "HKD",
    "豪ドル": "AUD", "カナダドル": "CAD", "台湾ドル": "TWD", "シンガポールドル": "SGD",
    "ルーブル": "RUB", "ルピー": "INR", "スイスフラン": "CHF", "バーツ": "THB", "セント": "USD",
}
# A currency word that is a word too needs its number glued: 画面3　元の動画 ("the original"), not 3 yuan.
GLUED_CURRENCIES = frozenset({"元"})
# Currency words that name a fraction of the unit: the amount is multiplied (15セント = 0.15 USD).
CURRENCY_FRACTIONS = {"セント": Fraction(1, 100)}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "¥": "JPY", "￥": "JPY", "€": "EUR", "£": "GBP", "₩": "KRW",
                  "\\": "JPY"}
# The yen sign written as a backslash (Japanese fonts draw 0x5C as ¥: \12,000（税込）), read only
# before an amount with a thousands separator (not C:\2012\).
BACKSLASH_YEN, BACKSLASH_YEN_BEFORE = "\\", "[0-9]{1,3},[0-9]{3}"
# Counters and units after a number that make it a QUANTITY (`unit` is the word as written, but
# for the spellings in COUNTER_SPELLINGS).
COUNTERS = (
    "人 名 個 台 件 回 倍 社 枚 本 冊 匹 頭 羽 機 基 隻 軒 戸 世帯 店舗 店 校 つ 歳 才 票 株 部 点 品 曲 "
    "話 試合 勝 敗 安打 本塁打 得点 度 階 席 例 種類 項目 行 文字 語 ページ 頁 章 巻 杯 着 箱 粒 錠 "
    "通 発 カ国 ヶ国 か国 ヵ国 カ所 ヶ所 か所 ヵ所 箇所 都市 州 県 局 室 棟 代 色 役 問 題 日分 "
    "メガワット ギガワット キロワット ワット キロメートル キロカロリー キログラム キロ メートル センチ "
    "ミリ グラム トン リットル テラバイト ギガバイト メガバイト バイト インチ ポイント ピクセル 画素 "
    "コア ビット 馬力 カロリー ヘクタール 平方キロメートル 平方メートル 坪 ℃ ドット 万画素 "
    # compounds that begin with a counter and are counters themselves (see COMPOUND_AFTER)
    "機種 部屋 部門 回線 階級 "
    "エクサフロップス ペタフロップス テラフロップス フロップス Tバイト Gバイト Mバイト Kバイト "
    "作品 タイプ 姉妹 柄 コース コマ 段階 層 方向 選 学期 打席 ゴール アクセス 回転 者 "
    # seen in the grown dev half of the livedoor annotation (issue 19): 13.3型, 37ブランド, 3連戦,
    # 2失点, 4選手, 4枠, 2ステップ, 100平米, 2ドア, 全1種 (not 人組: 組 after a count is outside the span and the
    # count keeps its counter, 5人組 → 5人 人, as 2枚組 → 2枚: NUMBERS.md decision (b), session 15)
    "型 ブランド 連戦 失点 選手 枠 ステップ 平米 ドア 種 "
    # and common in livedoor outside it: 2200組, 2泊, 3冠, 8桁, 3大会連続, 12球団, 62戦 ... (not 製品:
    # it follows model numbers, GTX 680製品)
    "組 泊 冠 桁 セット 大会 連勝 連覇 種目 球団 チーム パターン アイテム タイトル シーン スクリーン "
    "星座 児 畳 リッター ラウンド ヤード 系統 戦 通り "
    # batch n4: 4ロール, 2列, 8気筒, 3投手, 25暴投, 10賞品 (not ゲーム, シリーズ: Dota 2ゲーム, 520シリーズ are names)
    "ロール 列 気筒 投手 暴投 賞品 "
    # batch n5: 50誌, 4商品, 80V型 (a screen size)
    "誌 商品 V型 "
    # batch n6: 343館 (cinemas), 2チャネル, 2紙 (newspapers) (not チャンネル: 2チャンネル is a forum's name)
    "館 チャネル 紙 "
    # batch n7: 800〜1200樽, 2000缶, 36地域, 10バリエーション, 6ピース, 1カテゴリー, 300万契約,
    # 4クール (TV seasons), 2ポート, 5股 (digits only: 二股 is a word); not モデル (the seeds: grok 2とgrok 2 miniの2モデル)
    "樽 缶 地域 バリエーション ピース カテゴリー 契約 クール ポート 股 "
    # batch n8: 110ブース, 3兄弟, 100光年, 三大陸, ５等身, 14作 / ５作出演 / 最初の2作 (works)
    "ブース 兄弟 光年 大陸 等身 作 歳代 才代 "  # (30才代: a decade of age, as 30代)
    # batch n9: 3部作 (a trilogy: not 3部), 3会場, 210ミリリットル (not 210ミリ), ２ケタ, 200Mバイト/秒 (a rate, not 200Mバイト)
    "部作 会場 ミリリットル ケタ Kバイト/秒 Mバイト/秒 Gバイト/秒 "
    # batch n10 (session 13): 1,114カット (a film's shots), 100万ダウンロード, 8セーブ, 2オンス, １シーズン, ２ストーリー,
    # 5、6時限, 1000サイト; 8球, 2死, 3浪, 2体 (digits only: DIGIT_ONLY_COUNTERS), 3四球, 2死球
    "カット ダウンロード セーブ オンス シーズン ストーリー 時限 サイト 球 死 浪 体 四球 死球 "
    # batch n11: 6速 (gears), 1周 (a lap; 一周 is a word), 四輪 (wheels; 五輪 is the Olympics: KANJI_IDIOMS)
    "速 周 輪 四半期 "  # (2四半期連続: NUMBERS.md decision (d))
    # session 14: articles of a list (三か条: three articles)
    "か条 カ条 ヶ条 ヵ条 箇条 "
    # batch n13: 48.79カラット, 兄は１２こ上 (こ: 個 in kana; not こと)
    "カラット こ"
).split()
# An open class of counters (grammar.OPEN_COUNTER: 3モデル, 4ユーザー, 12ゲーム; session 14): a katakana word after a
# number of one or two digits, before one of these; not these words (2チャンネル is a forum's name; モデル: the seeds'
# must_not_tag line `grok 2とgrok 2 miniの2モデル`, though dev annotates 3モデル as a count: a decision is awaited).
OPEN_COUNTER_BEFORE = ("の", "が", "を", "で", "に", "と", "は", "も", "まで", "、", "。")
NOT_OPEN_COUNTERS = ("チャンネル", "モデル", "シリーズ", "シーム")  # (BMWの3シリーズ, 520シリーズ: names; 2シーム: a pitch)
# Units written as one square character (6㎜): counters whose `unit` is their Latin spelling.
SQUARE_UNITS = {"\N{SQUARE MM}": "mm", "\N{SQUARE CM}": "cm", "\N{SQUARE KM}": "km", "\N{SQUARE KG}": "kg",
                "\N{SQUARE MG}": "mg", "\N{SQUARE ML}": "ml", "\N{SQUARE CC}": "cc"}
COUNTERS += list(SQUARE_UNITS)
COUNTER_SPELLINGS = {"才": "歳", "V型": "型", "歳代": "代", "才代": "代", **SQUARE_UNITS}  # 29才 → unit 歳; 80V型 → 型 (a screen size, as 14型)
# Counters of whole things: a decimal before them is a version (USB 3.0ポート), no count.
WHOLE_COUNTERS = frozenset({"ポート"})
DIGIT_ONLY_COUNTERS = frozenset({"者", "型", "戦", "股", "球", "死", "浪", "体", "速", "周"})  # 145者 counts; 三者, 第三者, 一型, 一戦, 二股 are words
# (一球入魂, 九死に一生, 一浪 as a word, 一体, 五体満足: batch n10's counters are words after a kanji numeral)
# A counter that is the first kanji of a longer word is not a counter: 3人気, 2台湾, 3社長,
# 5本社, 1店頭, 3回線, 10部品 (the pattern then backtracks to a shorter counter or to no unit).
# Counter -> the characters that make a word of it when they follow.
COMPOUND_AFTER = {
    "人": "気間口物材類格権事員工形種件柄望脈", "台": "湾頭風詞帳座", "機": "能器関会構密材種", "本": "社当格来部物書音命質田番木体",
    "店": "頭員長内", "社": "長員会内名説屋債", "回": "線答収路復避覧", "件": "名", "部": "品分門長署屋隊員",
    "点": "検滅灯字", "品": "質番切", "名": "義刺称門簿", "個": "性別室", "校": "長舎正", "話": "題術",
    "語": "学彙", "代": "表理替金償", "曲": "線面", "株": "式価主", "通": "信貨常知過販勤訳算称路",
    "発": "表売言生見展行電明信注", "基": "本準盤地金礎", "頭": "脳", "局": "長面所", "室": "長内", "題": "材名",
    "例": "外", "球": "場速界技種宴審", "死": "亡者去球闘傷刑後体因角", "浪": "人費花漫", "体": "験制重力育型調質操感内系格温勢裁", "館": "長内", "紙": "幣面", "缶": "詰", "契約": "者書金", "行": "動政事為方列使", "選": "手挙択考出抜", "階": "層級段堂", "問": "題", "役": "員割職", "戸": "籍惑", "勝": "利負", "敗": "北",
    "箱": "根", "羽": "田根", "歳": "出入", "枚": "肉目", "コマ": "マ漫", "才": "能", "度": "合胸",
    "型": "番式紙", "ビット": "版", "作": "家業戦成詞曲用法物者文例", "等身": "大", "種": "目子族別苗", "選手": "権", "枠": "組内外", "組": "織合員長閣",
    "戦": "略争士闘場後前力術国隊車線", "児": "童", "列": "島車挙強伝席", "投手": "陣", "誌": "面上", "商品": "券化", "冠": "婚詞王", "大会": "社", "畳": "半", "ミリ": "判", "速": "度報攻達記効球",
    "周": "年辺囲知波期遊回縁", "輪": "車自郭廻番島読", "箇条": "書", "か条": "書", "カ条": "書", "こ": "とろ",  # (四畳半: 4.5, not 4)
}
# Latin units: only when no letter follows (5m, but not 2mini). V: 5V, 12V (V型 is a counter); nm, Ghz, A: 22nm,
# 2Ghz, 1A (batch n10); PS, Nm, kgm, km/h, cc: an engine's spec (batch n11). Not CC (207CC is a model), not ch (2ch is
# a forum, 2.1ch a format).
LATIN_UNITS = ("GB TB MB KB kg km cm mm mg kWh kW MW GW Wh Hz GHz MHz fps mAh dB px W w m g t pt L "
               "Gbps Mbps Kbps kbps bps rpm km/L mL ml mW Gb/s Mb/s cl kcal IOPS MB/s GB/s V nm Ghz A "
               "PS Nm kgm km/h cc ft").split()  # (30ft storm waves: session 14)
# Digits glued after two capitals are a quantity when one of these follows them (SSD128GB, microSDXC64GB, RAM1GB／ROM16GB:
# what has so much; session 14), not an identifier (grammar.NOT_IDENTIFIER; nor iPhone4S, PS3: no unit).
GLUED_LATIN_UNITS = ("GB", "TB", "MB", "GHz", "MHz", "mAh")
# Latin words that count processors (10,000 cpu: issue 19; 2,000 GPUを): units, but none that makes a number after
# `Word ` no identifier (RTX 4090 GPU, Ryzen 5 CPU: grammar.UNIT_AFTER_WORD).
LATIN_COUNT_UNITS = ("CPU", "GPU", "cpu", "gpu")
LATIN_UNITS += LATIN_COUNT_UNITS
# K/M right after a count of 10 or more (128K = 128000; 4K, 8K are resolutions, not counts).
LATIN_MULTIPLIERS = {"K": 1000, "M": 10**6, "MP": 10**6}
MULTIPLIED_FROM = 10
# ... but MP (megapixels: 8MP, NUMBERS.md n11) and K/M of any count after a camera word and a space (アウトカメラ 8M: a
# camera's spec cell; session 12's decision; session 14).
MULTIPLIED_ANY = frozenset({"MP"})
MULTIPLIED_AFTER = ("カメラ ", "カメラ\u3000")
# After a number: ORDINAL (4番 a batting slot, 2F a floor).
ORDINAL_SUFFIXES = frozenset("st nd rd th ｓｔ ｎｄ ｒｄ ｔｈ".split())  # 22nd, １ｓｔ: an ordinal without a counter (no unit)
ORDINAL_COUNTERS = "位 番目 番手 番 着 周年 期生 期 巻 F 年生 世 号店 次 回戦".split() + sorted(ORDINAL_SUFFIXES)  # (W杯3次予選: batch n9; AKB48で8期研究生: n11)
# The affix 目 is in the span, not in the unit (3番目 → 番, as 2回目 → 回: NUMBERS.md, batch n10).
ORDINAL_SPELLINGS = {"番目": "番"}
# (回戦: a round, 4回戦 the fourth (batch n10: 男子シングル4回戦, 西武6回戦); 全部で3回戦 counts them: TOTAL_MARKS)
# A floor is a position (2階, 11階: ORDINAL, as 2F), unless the building's floors are counted (30階建て);
# an inning too (5回裏, 9回表).
FLOOR_COUNTER, FLOOR_COUNT_AFTER = "階", ("建",)
# A page the text points to is a position (110ページ参照, a table of contents' 2ページ：…: NUMBERS.md session 14 (a)).
PAGE_COUNTERS, PAGE_POINTED_BY = frozenset({"ページ", "頁"}), ("参照", "を参照", "：", ":")
INNING_COUNTER, INNING_AFTER = "回", ("表", "裏", "無死", "0死", "1死", "2死", "一死", "二死")  # (9回2死満塁: batch n10)
# A floor after an address's block numbers on its line (銀座5-7-2 三愛ドリームセンター8階・9階, 渋谷 1-17-1 美竹野村ビル 2F)
# is part of the address, no mention (NUMBERS.md: addresses' floors; batch n9); looked for this far back.
FLOOR_UNITS, ADDRESS_WINDOW = frozenset({"階", "F"}), 40
# A format, no count (NUMBERS.md, batch n8: 4コマ, a comic in four panels): the counter and the number that make it.
FORMAT_COUNTER: Final = "コマ"
FORMAT_COUNT: Final = 4
# After 全 ("in all") an ordinal counter counts (全8巻: eight volumes, QUANTITY; 第8巻 is the eighth; 全部で3回戦).
TOTAL_MARKS: Final = ("全", "全部で", "合計", "計")
# ... and so it does after a qualifier of approximation (約50着: about fifty outfits; a rank is never "about").
# The size of an image sensor, a fraction of an inch (1/2.3型, 1/3インチ): a QUANTITY with that unit.
FRACTION_UNITS = ("型", "インチ")
# An ordinal counter that begins a longer word is none (2世帯, 21世紀, 3世代 are counts and spans).
ORDINAL_COMPOUND_AFTER = {"世": "帯紀代界", "次": "元会", "期": "間限末日連待目"}  # (3次元, 2次会: words; 3期連続 counts terms; 3期目: NTH_COUNTERS)
# Kanji numerals before these are words, not ranks (一着 "a suit", 一番手, 二番煎じ).
KANJI_ORDINAL_REFUSED = frozenset({"着", "番手", "巻", "番", "次", "期"})  # (二次会, 一次産業: words)
# N番 that is no rank: phone numbers (110番, 119番), 1番 (mostly "most": 1番好き), and N番 glued
# to a word (3番地, 4番組).
BAN = "番"
BAN_NOT_RANK = frozenset({1, 110, 117, 118, 119, 177})
BAN_WORDS_AFTER = ("地", "組", "号", "街")  # (マンハッタン36番街: a street, batch n13)
NTH_MARK = "目"
# Counters that make an ordinal with 目 (2回目, ５年目, 2日目, 2つ目, 1カ国目): `unit` is the counter.
NTH_COUNTERS = "回線 列 年 日 回 つ カ月 ヶ月 か月 ヵ月 カ国 ヶ国 か国 ヵ国 週 作 人 代 度 戦 試合 号 曲 話 章 期 部 枚 冊 本 件 社 店 杯 球 打席 品 機種 色".split()
# N + any counter + 目 is an ordinal (1点目, 2台目, 3種類目: NUMBERS.md n10, 目 makes one of every counter; session 15), not
# only N + one of NTH_COUNTERS (grammar.NTH: both lists), unless 目 begins a word (1000人目標, 10万人目指す, 100万台目前,
# 1回目安): the characters after 目 that make one.
NTH_MARK_WORDS = "標線指安玉当覚立前録下撃次元上先盛処途頭白薬隠"
KANJI_ORDINAL_REFUSED |= {"歩"}  # (一歩目, 第一歩目: the first step, a word; 2歩目 is one)
# Mined from the corpus (session 15, 2026-12-07): `bench/counter_candidates.py --min-docs 2` (the words right after a
# number the tagger left untagged, over livedoor without the test half and batches n15/n16), each reviewed by NUMBERS.md;
# the rejected ones, with why, are that script's REJECTED. Counters of things (QUANTITY; 15,500足, 1画面, 3食, 1世代前):
MINED_COUNTERS = ("画面 製品 世代 足 食 段 歩 袋 滴 瓶 編 篇 軸 群 口 府 都 都道府県 路線 銘柄 言語 競技 教室 公演 業態 団体 賞 夜 "
                  "連敗 連休 打点 三振 奪三振 完封 等分 気圧 ゲーム アウト イニング アシスト ノミネート キャスト キャラクター "
                  "キャリア エピソード ステージ ユニット コイン ドリンク メガピクセル ベクレル "
                  "マイクロシーベルト ボルト ルーメン マイル ケ所 v型").split()  # (ケ所, v型: spellings of カ所, V型)
COUNTERS += MINED_COUNTERS
# ... glued to their number (画面1　画面右上, 画面4　アプリごとに: a screenshot's caption, then a word; as 画面3　元の動画)
GLUED_ONLY_COUNTERS = frozenset(MINED_COUNTERS)
COUNTER_SPELLINGS["v型"] = "型"
# ... after digits only: the kanji form is a word or an idiom (一足早く, 一段と, 一歩, 一夜, 一群, 一口, 二等分, 京都)
DIGIT_ONLY_COUNTERS |= frozenset("足 段 歩 軸 群 口 府 都 賞 夜 三振 奪三振 等分".split())
# ... not where the counter begins a longer word (3食べ, 3編集部, 2足歩行, 100歩譲って, 1アウトレット, 2世代交代, 2ステージイヤピース)
COMPOUND_AFTER.update({"食": "品事材感卓堂器欲物費料育通後前中べ", "足": "元跡音首腰湯場袋取立裏踏止早並掛歩",
                       "段": "落差取違", "歩": "道行兵合数幅調譲", "袋": "詰小", "瓶": "詰", "編": "集成曲入纂者著",
                       "軸": "足受", "群": "馬像衆生", "団体": "戦競旅", "府": "中内立民庁議",
                       "都": "内心度合会民庁立営政知",
                       "路線": "図価", "言語": "学化", "競技": "場者", "賞": "金味与状罰杯", "夜": "景間中空食明行勤遊更店桜",
                       "気圧": "配", "製品": "化群", "世代": "交間", "ステージ": "イ", "アウト": "レプドソ",
                       "口": "座調癖紅元頭説論実数径語角", "コイン": "ラ", "マイル": "スドー"})
# ... nor, for these, after `Word ` (GTX 680製品, Dota 2ゲーム, DirectX 11世代: a name's number, grammar.UNIT_AFTER_WORD)
# or with a decimal before them (3.9世代: a version's; not ゲーム: 7.5ゲーム差)
COUNTERS_NOT_AFTER_WORD = ("製品", "ゲーム", "世代")
WHOLE_COUNTERS |= frozenset({"製品", "ユニット", "世代"})
# Ordinal counters (6号機: the sixth unit, as 1号店) and Latin units (40m/s, 0.3μm, 10μSv/h, 23kHz, 342ppi, 3PC: NUMBERS.md n13)
MINED_ORDINAL_COUNTERS = ("号機",)
MINED_LATIN_UNITS = "m/s μm μSv/h mSv/h μSv mSv mA kHz ppi dpi ps cpm dBA Ω inch PC".split()
ORDINAL_COUNTERS += MINED_ORDINAL_COUNTERS
LATIN_UNITS += MINED_LATIN_UNITS
# An N年 after these is a school year, an ordinal (高校3年, 大学1年).
SCHOOL_WORDS = ("高校", "大学", "中学", "小学", "高専", "短大")
# A grade written without its unit after the school's first kanji (中2, 小4, 小三: ORDINAL without unit; NUMBERS.md,
# batch n10): the highest grade of each; 小/中 after a kanji other than these is part of a word (途中2, 期間中3).
GRADE_SCHOOLS = {"小": 6, "中": 3}
GRADE_AFTER_KANJI = "市区"  # (大津市中2: the city's junior high; not 村: 犬村小六 is a name)
# N代 with N a multiple of ten is an age decade (30代 = 30–39 歳; 2代目 is an ordinal).
AGE_DECADE = "代"
AGE_UNIT = "歳"
# A counter after 第 that starts a longer word is none (第一条件 is "the first condition").
DAI_COMPOUND_AFTER = {"条": "件約例", "次": "世大"}  # (第一次世界大戦, 第一次大戦: names)
# After 第 (a kanji numeral needs one of these: 第三者, 第一歩 are words; digits do not).
DAI_COUNTERS = (
    "四半期 世代 段階 位 回 号 弾 章 期 次 条 話 部 巻 段 陣 戦 節 幕 波 週 課 項 款 版 作 子 試合 日 "
    "ステップ ステージ フェーズ シーズン ラウンド 回戦 セット "
    # session 12: 交響曲第一番, 第3楽章 (a work's number, a movement), 第12地区 (a district)
    "番 楽章 地区 "
    # batch n13: パーキンソンの法則の第1法則
    "法則"
).split()
# session 15: 第 + an ordinal counter, as written (第1号店, 第一号店 → 号店; 第1号機: NUMBERS.md session 14, `号店` as written), and
# 第一走者, 第二走者 (the runners of a relay: NUMBERS.md n14, ORDINAL with unit 走者, as it-life-hack-6413969)
DAI_COUNTERS += ["号店", "号機", "走者"]
# Numbers joined by × (a size: 184×130×11mm, 128×63×15.4(mm)) share the unit after the last
# one when it is one of these (or a Latin unit); a counter after the last (3層) is its own.
DIMENSION_WORDS = ("ドット", "ピクセル", "画素", "センチ", "ミリ", "メートル", "インチ", "キロ")
# A label may name each side after × (幅51×高さ30×奥行き20mm, 全長4563×全幅1902×全高1308mm: batch n8).
DIMENSION_LABELS = ("幅", "高さ", "奥行き", "奥行", "厚さ", "長さ", "全長", "全幅", "全高", "縦", "横")
# ... or a letter before each (W91×D41×H36mm: width, depth, height; batch n10), no identifier.
DIMENSION_LETTERS = "WDH"
# A spec table's header may name the unit in brackets before its numbers ((mm):3995, (g) 約129,
# (高さ×幅×厚さ:mm) 約136×70×9.4): a Latin unit, a dimension word, or one of these durations,
# which make DURATIONs ((時間) 約400, (分) 約360/約450).
HEADER_DURATION_UNITS = ("時間", "分", "秒")
HEADER_COUNTERS = ("色",)  # 発色数（色） 1677万
HEADER_APPROXIMATE = "約"  # in the header's brackets (サイズ(約mm) 136×70×9.6): every number is approximate
TIMES = "\N{MULTIPLICATION SIGN}"
# A count after × or * (SATA3×6、, 4GB×4、, 10,500円×2=, 乾電池*2: a bare count, QUANTITY without unit; NUMBERS.md,
# batches n4 and n10): one or two digits after a word, not after a number (128×63 is a size, 219万×3 a product), and
# followed by no unit, word or digit (PCI Express ×1スロット is a lane's name).
COUNT_TIMES_MARKS = TIMES + "*"
LATIN_TIMES = "x"  # 104x55x11mm (glued to the numbers only)
# A bare 数 (星の数ほど) is no vague count, whatever follows it; nor a lone 〇, a bullet or a mark
# (〇あまり重視しない: batch n8).
VAGUE_ALONE = "数"
MARKS_ALONE = frozenset({"〇"})
# A bare count (what it counts is unsaid) is a count when one of these follows it: 200以上のブランド,
# 15〜20くらい (not 3強, 2弱: the strongest three).
BARE_COUNT_QUALIFIERS = frozenset({"以上", "以下", "未満", "以内", "くらい", "ぐらい", "程度", "前後", "ほど",
                                   "余り", "あまり", "近く", "足らず", "超"})  # (50を超えるクライアント)
# ... and a whole number of two to four digits before の or もの and a noun (36の地域, 21の「ドスパラ」,
# 24もの分析要素: batch n8 and the known 36の地域), but a year (2012の) or one after a Latin letter.
BARE_COUNT_BEFORE_NOUN = ("の", "もの")
BARE_COUNT_NOUN_RANGE, BARE_COUNT_NOT_YEARS = (10, 9999), (1900, 2099)
# A year before these counters is a date, no count (2012シーズン: the 2012 season; batch n10).
YEAR_COUNTERS = frozenset({"シーズン"})
# A yen amount with a dot before three digits (3.990円) is a typo of the thousands separator: yen
# prices have no decimals of three digits.
THOUSANDS_DOT_CURRENCIES = ("円",)
# Before a number, the size of a list (TOP5, ベスト5, トップ10: QUANTITY 5, no unit).
LIST_SIZE_WORDS = ("TOP", "Top", "top", "BEST", "Best", "ベスト", "トップ", "ワースト")
# 目 written in kana makes the same ordinal (1つめ, 2つめ, １０年め, 二度め; NUMBERS.md n10), unless め begins a word
# (1枚めくる, 3年めど, 2回めざす, 3日めいっぱい): the characters after め that make one; a kanji between the count and め is
# a verb's stem (10個集める, 2人辞めた): no ordinal.
NTH_KANA_MARK, NTH_KANA_MARK_WORDS = "め", "くぐざどがでちじいん"
# A size's letter in brackets after a number may also be L, its length (約190(W)×130（L)×11.7（D)mm: batch n15), not a
# litre there: only in brackets between a number and × or the size's unit (grammar.LABEL_IN_BRACKETS).
DIMENSION_BRACKET_LETTERS = "L"
# A frequency glued before the processor it clocks is the frequency's (1.4GHzCPU, デュアルコア1.5GHzCPU: batch n15, 14
# documents of livedoor), not a word GHzCPU: these units may be followed by these words (grammar.unit).
UNITS_BEFORE_PROCESSOR, PROCESSOR_WORDS = ("Hz",), ("CPU", "GPU")
# A kanji numeral right after 第 that 第's branch refused is a word's (第三者目, 第三者め: 第三者 + an ordinal's mark), no
# ordinal of its own (amounts.amount).
DAI_MARK = "第"
# A measure after a model number and `/` or `:` is the model's (MSM8960/1.5GHz under (チップ名/クロック), 20 documents of
# livedoor; HD7950:93.2fps in a benchmark's results): these units make the number after `digit/` or `digit:` a start
# (grammar.MODEL_MEASURE_AFTER), which otherwise is the second half of a date, a fraction or a time (8/15, 12:30).
MODEL_MEASURE_UNITS = ("GHz", "MHz", "fps")
# A scale whose name is written before its level: 震度4 → QUANTITY 4, unit 震度, the name in the span (NUMBERS.md n11
# `震度4以上`; 9 in 7 documents of livedoor). 弱/強 after the level name a level of the scale (震度6弱), no bound.
SCALE_WORDS, SCALE_LEVEL_MARKS = ("震度",), ("弱", "強")
# A count after × closed by `/` or a bracket is a count all the same (MiniUSB×1/SDカード×1(16GBまで対応)/HDMI×1,
# USB3.0×2、USB2.0×4）: NUMBERS.md n15, bare QUANTITYs), not the start of a date (1/3) or of an age in brackets
# (tagger.usual_branches sends it to TCNT; also before an opening bracket where a word, no number or bracket, stands before ×).
TIMES_COUNT_CLOSERS = frozenset("/)）")
