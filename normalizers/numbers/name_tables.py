"""Numbers inside names, which are no mentions: titles of works, quoted names, numbered places, line-up names,
formats and model numbers (see `tables` for the four modules)."""

from __future__ import annotations

# A number glued after a katakana name is part of a product's name when one of these follows it: a whisky's age
# (シーバスリーガル18年 ゴールド…, 「シーバスリーガル18年」: DURATION 年 before a space or 」), a lens's focal length
# (タムロン18-200mm F/3.5: mm before its aperture). (batch n11; NUMBERS.md: product names are no numbers)
NAME_UNITS_AFTER = {"年": (" ", "\u3000", "」"), "mm": (" F",)}
# A date that opens a bracketed name before these is the name of a line-up, no date (「2012年夏モデル」: NUMBERS.md, n8).
LINEUP_WORDS = ("モデル", "ラインナップ", "ラインアップ", "コレクション")
# s16-fp: a season glued before モデル names a line-up also without brackets (今夏モデル, 2012年夏モデル, 2011年冬春モデル:
# NUMBERS.md n16, ADJUDICATION session 16; 276 DATEs in 150 documents): no date. A model year stays (2012年モデル, n10).
LINEUP_SEASONS, LINEUP_MODEL = frozenset("春夏秋冬"), "モデル"
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
# The orbit of a satellite broadcast, no angle (地上・BS・110度CSデジタル: 26 times in 12 documents).
SATELLITE_AFTER = ("CS", "BS")
# A film's gauge before these is a format's name, no length (８ミリ映画, 8ミリで撮影, 35mmフィルム: NUMBERS.md format names,
# ADJUDICATION e1 `16mmフィルム`); N度注ぎ is a way to pour beer (三度注ぎ).
FILM_GAUGES, FILM_UNITS, FILM_AFTER = frozenset({8.0, 16.0, 35.0, 70.0}), ("mm", "ミリ"), ("映画", "フィルム", "で撮影", "で撮っ")
POUR_AFTER, POUR_VERB_NEXT = "注ぎ", frozenset("足込入直分まし")  # (not the verb: 2度注ぎ足す, 2度注ぎました)
# A floor (36F) that the text also writes as the tail of a model number after one of these (AT570/36F, its 32GB model;
# batch n16): a short name of that model, no floor.
MODEL_TAIL_MARKS = "/-"
# s16-fp: N番 before a number of 号 is an address's block (神宮前4丁目32番16号, 代々木4丁目30番3号: ids, no ordinal).
ADDRESS_BLOCK_MARK, ADDRESS_HOUSE_MARK = "番", "号"
# Round brackets, both widths (11.7(D)mm: tagger.branches_at; iPad(3rd): context.named_or_idiom).
BRACKETS_OPEN, BRACKETS_CLOSE = "(（", ")）"
