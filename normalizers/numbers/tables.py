"""The words the number tagger knows, as plain tables: change a number's reading here first.

`grammar.py` builds its patterns from these tables (each list becomes a trie of alternatives,
`patterns.words`, so the order of the words does not matter: the longest match wins), and the
handlers read the mappings (`CURRENCY_WORDS`, `DURATION_UNITS`, `RELATIVE`, `ERAS` ...) to fill a
`NumberMatch`.
A new counter, unit, currency, qualifier or era is one entry here; see DEVELOPING.md.
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
    # 2失点, 4選手, 4枠, 3人組, 2ステップ, 100平米, 2ドア, 全1種
    "型 ブランド 連戦 失点 選手 枠 人組 ステップ 平米 ドア 種 "
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
# A number glued after a katakana name is part of a product's name when one of these follows it: a whisky's age
# (シーバスリーガル18年 ゴールド…, 「シーバスリーガル18年」: DURATION 年 before a space or 」), a lens's focal length
# (タムロン18-200mm F/3.5: mm before its aperture). (batch n11; NUMBERS.md: product names are no numbers)
NAME_UNITS_AFTER = {"年": (" ", "\u3000", "」"), "mm": (" F",)}
# A date that opens a bracketed name before these is the name of a line-up, no date (「2012年夏モデル」: NUMBERS.md, n8).
LINEUP_WORDS = ("モデル", "ラインナップ", "ラインアップ", "コレクション")
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
# (最大, 最高, 最低 are kept in `qualifier` but set no bound: "最大70%OFF" states 70. The contract
# does not list them; the livedoor annotation reads them so.)

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
    "二度寝 二度手間 三度手間 百年の恋"
).split()
# ... and their digit forms (2度手間, 100年の恋 in dev; as 2度と: batch n9), no number (tagger.without_titles; looked for
# only after a span that ends on one of DIGIT_IDIOM_UNITS).
DIGIT_IDIOMS: tuple[str, ...] = ("2度寝", "2度手間", "3度手間", "100年の恋")
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
# numeral (同一, 統一, 唯一, 万一, 単一 ...) nor repeats the count (一人一人, 一回一回, 五分五分).
GLUED_COUNTERS = ("人", "分", "回", "年間", "周年", "カ月", "ヵ月", "ヶ月", "か月", "ケ月")  # (震災一周年, 震災一ヵ月後)
NUMERAL_WORD_KANJI = frozenset("同統唯均画随万単逐純無不再専択合人回分")

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
RELATIVE_WORD_NOT_NEXT = {"明日": ("へ", "を", "に架", "に向", "は明日の風", "の風", "は我が身")}  # (明日は明日の風が吹く, 明日は我が身)
# After a month: a word, no date (五月病, 5月病: the May blues).
MONTH_WORDS_AFTER = ("病",)
# After a duration: a name, no duration (27時間テレビ, 24時間テレビ: a programme).
DURATION_NAME_AFTER = ("テレビ", "制", "戦争")  # (四年制大学, 6年制: a school's system; 百年戦争: a war's name)
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
# Era name -> the Gregorian year of its year 0 (平成24年 = 1988 + 24).
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
# Words before 年度 that make a fiscal year too (2024会計年度).
FISCAL_WORDS = ("会計", "事業")

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

# A title of a work in 『』 holds no number (『96時間』, 『夢の扉特別編「20年後の君へ」』; NUMBERS.md): a
# 『…』 on one line, of at most TITLE_MAX_CHARS, without a sentence end, and not nested in a 「…」
# quote, where 『』 quotes speech (「…『人気者は2人もいらない』と嫌がった」).
TITLE_OPEN, TITLE_CLOSE = "\N{LEFT WHITE CORNER BRACKET}", "\N{RIGHT WHITE CORNER BRACKET}"
QUOTE_OPEN, QUOTE_CLOSE = "\N{LEFT CORNER BRACKET}", "\N{RIGHT CORNER BRACKET}"
TITLE_MAX_CHARS = 40
QUOTE_WINDOW = 200  # how far before a 『 an open 「 is looked for (bounded: linear on long lines)
SENTENCE_END = "\N{IDEOGRAPHIC FULL STOP}"
# A 「…」 after one of these words is the title of a work too (ドラマ「らんま1/2」, ドラマ「僕とスターの99日」,
# 人気企画「1ヶ月1万円生活」: batch n10): no number inside it, nor inside the same title written elsewhere in the
# text (「僕とスターの99日」は, ■らんま1/2の写真), as a title in 『』 written again without them (・八日目の蝉 - 作品情報).
QUOTED_TITLE_LIMIT = 8  # (the first titles with a numeral only: each is looked for over the whole text)
QUOTED_TITLE_WORDS = ("ドラマ", "映画", "番組", "企画", "主演", "小説", "作品", "アルバム", "シングル", "舞台", "連載", "実写版",
                      "劇場版", "アニメ", "新曲", "著書", "新刊",
                      "ソフト", "ゲーム", "写真集")  # (ゲームソフト「ドラゴンクエストX 目覚めし五つの種族 オンライン」: session 15)
# session 15 (batch n14): names that hold a number (NUMBERS.md: hall/room/shop names with digits, 西1ホール; an institute's
# name, 年収1000万円研究所). A 「…」 that ends on one of these words is the name of a body or a place (「ビズリーチ年収1000万円
# 研究所」, 「撮る!3D MOVIE研究所」): no number inside it, nor where the text writes it again (context.quoted_titles) ...
QUOTED_NAME_ENDS = ("研究所", "研究会", "協会", "委員会", "事務所", "財団", "学会", "連盟", "組合", "会議室", "ビル", "ホール",
                    "ラウンジ", "スタジオ", "カフェ", "センター")
# ... and the line above the author's in an Amazon footer is a book's title (孫正義 奇跡のプレゼン　人を動かす23の法則\n著者：
# 三木 雄信): no number on it (tagger.without_titles; the product lines above 販売元 keep their counts, NUMBERS.md).
AUTHOR_LINE, AUTHOR_LINE_WINDOW = "\n著者：", 200  # (the footer ends the text: its author line is looked for this far from the end)
# ... and 第N without a counter before a word that ends on one of these names a room, a building or a terminal (衆議院第一
# 議員会館第1会議室, 空港内の第2プレミアムラウンジ, 第22ビル, 成田空港第1ターミナル店), no ordinal (amounts.dai);
# the word is read this far (katakana, kanji, ー).
NUMBERED_PLACE_ENDS, NUMBERED_PLACE_WINDOW = ("会議室", "ラウンジ", "ターミナル", "ビル", "ゲート", "ホール"), 12
# ... nor a 『…』 followed by the quotative と (『4番山崎』と書いてあった), unless another 『 follows (『A』と『B』).
QUOTATIVE = "と"

# Signs before a number that make it negative (マイナス is looked up as a word).
MINUS_SIGNS = frozenset("−▲△")

# --- session 15 round 5 (s15-misses) ---
# 目 written in kana makes the same ordinal (1つめ, 2つめ, １０年め, 二度め; NUMBERS.md n10), unless め begins a word
# (1枚めくる, 3年めど, 2回めざす, 3日めいっぱい): the characters after め that make one; a kanji between the count and め is
# a verb's stem (10個集める, 2人辞めた): no ordinal.
NTH_KANA_MARK, NTH_KANA_MARK_WORDS = "め", "くぐざどがでちじいん"
# 組 after a count is outside the span and the count keeps its counter (5人組 → 5人 人, as 2枚組 → 2枚: NUMBERS.md decision
# (b)): 人組, listed as a counter from one n2 line that decision (b) contradicts, is no counter.
COUNTERS.remove("人組")
# A size's letter in brackets after a number may also be L, its length (約190(W)×130（L)×11.7（D)mm: batch n15), not a
# litre there: only in brackets between a number and × or the size's unit (grammar.LABEL_IN_BRACKETS).
DIMENSION_BRACKET_LETTERS = "L"
# A frequency glued before the processor it clocks is the frequency's (1.4GHzCPU, デュアルコア1.5GHzCPU: batch n15, 14
# documents of livedoor), not a word GHzCPU: these units may be followed by these words (grammar.unit).
UNITS_BEFORE_PROCESSOR, PROCESSOR_WORDS = ("Hz",), ("CPU", "GPU")
# A kanji numeral right after 第 that 第's branch refused is a word's (第三者目, 第三者め: 第三者 + an ordinal's mark), no
# ordinal of its own (amounts.amount).
DAI_MARK = "第"
# Session 15, round 5 (s15-fp): numbers in names, formats and idioms that no annotator counts; each class read over the corpus
# but the test half and n17/n18 (tagger.without_titles, context.named_or_idiom). Proverbs and set phrases, with digits or
# kanji (三人寄れば文殊の知恵, 一粒で二度おいしい, 一話完結: a series' format; 3 to 12 documents each), as DIGIT_IDIOMS:
DIGIT_IDIOMS += ("3人寄れば文殊", "三人寄れば文殊", "2度おいし", "二度おいし", "1話完結", "一話完結", "１話完結")
DIGIT_IDIOM_UNITS = "度年人話"  # (the last character of the span the idiom begins with: 2度, 100年, 3人, 1話)
# The orbit of a satellite broadcast, no angle (地上・BS・110度CSデジタル: 26 times in 12 documents).
SATELLITE_AFTER = ("CS", "BS")
# A film's gauge before these is a format's name, no length (８ミリ映画, 8ミリで撮影, 35mmフィルム: NUMBERS.md format names,
# ADJUDICATION e1 `16mmフィルム`); N度注ぎ is a way to pour beer (三度注ぎ).
FILM_GAUGES, FILM_UNITS, FILM_AFTER = frozenset({8.0, 16.0, 35.0, 70.0}), ("mm", "ミリ"), ("映画", "フィルム", "で撮影", "で撮っ")
POUR_AFTER, POUR_VERB_NEXT = "注ぎ", frozenset("足込入直分まし")  # (not the verb: 2度注ぎ足す, 2度注ぎました)
# A floor (36F) that the text also writes as the tail of a model number after one of these (AT570/36F, its 32GB model;
# batch n16): a short name of that model, no floor.
MODEL_TAIL_MARKS = "/-"
# Round brackets, both widths (11.7(D)mm: tagger.branches_at; iPad(3rd): context.named_or_idiom).
BRACKETS_OPEN, BRACKETS_CLOSE = "(（", ")）"
