"""Counters and units the number tagger does not know, mined from the livedoor corpus (issue 19).

    .venv/bin/python bench/counter_candidates.py                 # candidates seen in >= 3 documents
    .venv/bin/python bench/counter_candidates.py --min-docs 2 --all

Over every livedoor document but the held-out ones (the test half and the batches annotated after
this review, `--hold-out BATCH`: their ids are read from sample.tsv, and their text is never read;
session 15's review ran with `--hold-out n15 --hold-out n16`, the batches drawn for its fresh check), the text is normalized with the default
`Normalizer` and, after each number the tagger left untagged (or tagged without the word after it),
the word right after the number is a candidate:

- after Arabic digits (1,500, 7.5, 3万): a kanji word of 1–3 characters (the whole kanji run; a
  longer run is counted under its first two characters, `画面…`), a katakana word, a Latin token
  (μm, m/s, GHz);
- after a kanji numeral where it clearly counts: after 第 (第一走者), or before a word that is also a
  candidate after digits.

A candidate is counted once per document; the list is ranked by the number of documents where
digits or 第 + a kanji numeral precede it (a plain kanji numeral before it is shown, not ranked:
一緒, 一方), each with its counts and three short contexts. A word that begins with one the tables know (年夏 of 2012年夏モデル,
時半) is listed apart, last: its number was left out by context, not for want of the word. Words the tables know already (counters, units, ordinal and
duration words: the number was left out by context, not for want of the word) are left out, and
so are the words reviewed before (`REVIEWED`, the accepted ones are in `tables.MINED_COUNTERS` and
its neighbours; the rejected ones here with why), unless `--all`.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realtext  # noqa: E402

from normalizers.chars import KANJI, KATAKANA, KATAKANA_LETTERS  # noqa: E402
from normalizers.numbers import date_tables, tables, word_tables  # noqa: E402

KANJI_DIGITS = "〇一二三四五六七八九十百千"
NUMBER = re.compile(r"(?<![0-9A-Za-z_.,/\-])[0-9]+(?:[,.][0-9]+)*[万億兆]?")
KANJI_NUMBER = re.compile(f"(?<=第)[{KANJI_DIGITS}]+|(?<![{KANJI_DIGITS}])[{KANJI_DIGITS}]+")
KANJI_RUN = re.compile(f"[{KANJI}]+")
KATAKANA_RUN = re.compile(f"[{KATAKANA_LETTERS}][{KATAKANA}]*")
LATIN_TOKEN = re.compile(r"[A-Za-zμµΩ]+(?:/[A-Za-z]+)?")
RUN_WORD_MAX, RUN_HEAD = 3, 2

# Reviewed by NUMBERS.md (2026-12-07, session 15): the words rejected, with why, so the next review
# does not redo them (the accepted ones are in tables.py, the block "Mined from the corpus").
REJECTED: dict[str, str] = {}
for _why, _words in (
    ("a model or product number's letters (iPhone 4S, 007SH, 3DS, 102P, 270E, 37Z, 101DL, 250GT, 1025C; NUMBERS.md: identifiers)",
     'S SH SHII GS DS HW HT P E Z X C B N i J R RE GT DL USB U'),
    ("a format or standard's name (3D, 3G, 720p, 4WD, 3LDK, 11n/g, 100BASE, 80PLUS, 2way, 3DCG, 4コマ; NUMBERS.md: format names)",
     'D G p pHD WD LDK DK n/g n/a b/g n x G/GSM G/Wi BASE PLUS way WAY DCG bit 眼 コママンガ ランホームラン フルハイビジョン 択回答 形 形乾… 電池 電池…'),
    ('a name or title holding the number (2106bpm a writer, 2PM, 2NE1, 39ゴルフ, 第7鉱区, 8ミニッツ, G.I.ジョー バック2リベンジ, 月9ドラマ, 乃木坂46メンバー, フォーエバー21, イースト21東京, ATEM 1M/E, 10・15モード, 1FC, 0学)',
     'bpm PM NE EIGHT FC ゴルフ 鉱区 ミニッツ リベンジ ドラマ メンバー オンラインショップ 携書 東京 M/E モード 学 学会… 学占… 公式 ラインホーム イケ キロストーリー プレゼント プレゼントキャンペーン キャンペーン ミス・ユニバース・ジャパン ブロードキャストモニタリング シリーズマザーボード ステージイヤピース ボール 不思議 原則 国会閣 NPB days DAYS Day 女 男 女優'),
    ("a line-up, collection or award named with its year (2012夏モデル, '10S/S, 2011下半期アワード; NUMBERS.md n8, session 14)",
     '夏 下半期 上半期 S/S A/W SS SPRING/SUMMER 予約…'),
    ('a version or model before a word (iOS 4.2以降, Android 4.0搭載機, GTX 680搭載, iPhone 5用, Windows 8時代)',
     '以降 以降… 搭載 搭載機 搭載薄 対応 対応… 標準 標準… 向 登場 端末 スマートフォン スマホ アップデート 用 版 構成 時代'),
    ("a hall, room, building, road or place's name (東4・5ホール, 2号館, 国道58号線, 第22ビル, 23区, 4丁目; NUMBERS.md: hall names, addresses)",
     'ホール 号館 号線 ビル 区 区内 丁目 丁目… 他 他全国 課'),
    ('lexicalised 第一 or an idiom (第一印象, 第一線, 第一歩, 第一声, 第六感, 第一原発; 一流, 1番人気, 3高, 100均, 18禁; NUMBERS.md)',
     '印象 線 原発 原発… 原子… 声 希望 候補 報 外国語 感 歩目 生命 生命… 議員… 条件 流 番人気 高 均 禁 音順 角形 不思議'),
    ('a time of day or a footnote before the word (18:30開場, 17:15追記, ※3後日, ※1上り)',
     '開場 開演 開映 頃 追記 スタート 後日 上'),
    ('a bare number with a qualifier, a numeral or a range word, no counter (18.5以上, 5千, 90前半, 8強入り, 震度6強/6弱)',
     '以上 千 前半 強 強入 弱 弱以上 過 第 及 対 等'),
    ('a score, a ratio or a relation, no count (3対3, 4:3ディスプレイ)',
     'ディスプレイ'),
    ("decided before: モデル (the seeds' must_not_tag `2モデル`, a decision awaited), シリーズ/チャンネル (tables.NOT_OPEN_COUNTERS: "
     "names), ch (2ch a forum), 1ユーザー after ※ or a model (iPhone 4ユーザー), GTX 680カード, Cintiq 24HD; GHzCPU is GHz glued "
     "to CPU (context, not a word)",
     "モデル シリーズ チャンネル ch ユーザー GHzCPU カード HD"),
    ("idioms and words (100切り a golf score, 3平, 2大 the N great, 1億売れた, 4畳1間; 3波 the broadcast bands vs α2波)",
     "切 平 大 売 間 波"),
    ("ambiguous between a count and a name or a position, left to a decision (1面 a newspaper's front page / 2面; 1軍/2軍; 2級 a qualification's level; 2塁 a runner's base; 2/3ホール; 40女)",
     '面 級 軍 軍落 塁'),
    ('a count in name-like or idiomatic use (2ショット写真, 3サイズ; 5連続 unit unclear; 2マタ as 二股; 5呼吸分; 営業日: label unclear)',
     'ショット サイズ 連続 マタ 呼吸… 営業…'),
    ("covered: by an accepted word (段重ね, 3食付, 1世代前, 2夜連続), 世紀 a duration word (約1世紀 → 100 年: dates.py), "
     "N+counter+目 an ordinal (台目, 人目; 11人目のストライカー a title), ヶ月 in a title",
     "ヶ 人目 年目 台目 夜連続 段重 段構造 段形状 食欠 食限定 食付 滴以内 製品… 画面… 世代… 世紀… 世紀後 世代前 世代目"),
    ("not added: a caption number before a word (画面5\u3000ファイルを…, 4 of 9), or a name with the number (10キー: the numeric keypad, 6ピン/30ピンDock a connector's type, ×16スロット a lane's name; 1コ上, 個 in katakana, needs a guard against katakana words: 3コイン)",
     'ファイル キー ピン スロット コーナー コ'),
    ("not added: a footnote's number before the word (※2アプリをダウンロード: 3 of 6, the seeds' must_not_tag line)",
     'アプリ'),
    ('typos or too rare to judge (42Mbp, 1.4Mpbs, 9.99μSV/h, 6Gb/秒, 12R, 1Q84, 2d, 4in1, 14.8H, 80の8クラス)',
     'Mbp Mpbs μSV/h Gb R Q d in H クラス c CC U'),
):
    REJECTED.update(dict.fromkeys(_words.split(), _why))


def held_out_ids(batches: frozenset[str]) -> set[str]:
    """The documents never read: the test half and the annotation batches `batches` (sample.tsv)."""
    rows = csv.DictReader(io.StringIO(realtext.SAMPLE.read_text(encoding="utf-8")), delimiter="\t")
    return {row["doc_id"] for row in rows if row["split"] == "test" or row["batch"] in batches}


def known_words() -> set[str]:
    """Words after a number that the tables know already (not `DAI_COUNTERS`: they count only after 第)."""
    return {*tables.COUNTERS, *tables.LATIN_UNITS, *tables.ORDINAL_COUNTERS, *tables.NTH_COUNTERS,
            *date_tables.DURATION_UNITS, *tables.CURRENCY_WORDS, *word_tables.PERCENT_WORDS, *tables.LATIN_MULTIPLIERS,
            "年", "月", "日", "時", "年度", "年代"}


def word_after(text: str, e: int) -> tuple[str, str, int] | None:
    """The candidate word at `e`: (kind, word, its end), or None. A kanji run longer than
    `RUN_WORD_MAX` is counted under its first `RUN_HEAD` characters (`画面…`)."""
    for kind, pattern in (("kanji", KANJI_RUN), ("katakana", KATAKANA_RUN), ("latin", LATIN_TOKEN)):
        m = pattern.match(text, e)
        if m is None:
            continue
        run = m.group()
        if kind == "kanji" and len(run) > RUN_WORD_MAX:
            return kind, run[:RUN_HEAD] + "…", e + RUN_HEAD
        return kind, unicodedata.normalize("NFKC", run), m.end()
    return None


def left_untagged(spans: list[tuple[int, int]], s: int, e: int, word_end: int, kind: str) -> bool:
    """Whether the number [s, e) is untagged, or (a Latin token) tagged with a part of the token only
    (10m of 10m/s)."""
    over = [(a, b) for a, b in spans if a < e and s < b]
    if not over:
        return True
    return kind == "latin" and all(e < b < word_end for _, b in over)


def context(text: str, s: int, e: int) -> str:
    return (text[max(0, s - 12):s] + "[" + text[s:e] + "]" + text[e:e + 8]).replace("\n", " ")


def mine(docs: dict[str, dict], skip: set[str]):
    from normalizers import Normalizer

    normalizer = Normalizer.from_glossary()
    digit_docs: dict[str, set[str]] = defaultdict(set)
    hits: dict[tuple[str, str], list] = defaultdict(list)  # (kind, word) -> [(doc, context, after)]
    kanji_seen: list[tuple[str, str, str, str, bool]] = []  # (doc, word, context, kind, after 第)
    for doc_id in sorted(docs):
        if doc_id in skip:
            continue
        doc = normalizer.normalize(docs[doc_id]["text"])
        text = doc.text
        spans = [(m.start, m.end) for m in doc.mentions if m.method == "number"]
        for pattern, kanji in ((NUMBER, False), (KANJI_NUMBER, True)):
            for m in pattern.finditer(text):
                found = word_after(text, m.end())
                if found is None:
                    continue
                kind, w, end = found
                if not left_untagged(spans, m.start(), m.end(), end, kind):
                    continue
                ctx = context(text, m.start(), end)
                if kanji:
                    kanji_seen.append((doc_id, w, ctx, kind, text[m.start() - 1 : m.start()] == "第"))
                else:
                    digit_docs[w].add(doc_id)
                    hits[(kind, w)].append((doc_id, ctx, "digits"))
    for doc_id, w, ctx, kind, after_dai in kanji_seen:
        if after_dai or w in digit_docs:
            hits[(kind, w)].append((doc_id, ctx, "第+kanji" if after_dai else "kanji"))
    return hits


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-docs", type=int, default=3)
    ap.add_argument("--all", action="store_true", help="also the words the tables know or the review rejected")
    ap.add_argument("--contexts", type=int, default=3)
    ap.add_argument("--hold-out", action="append", default=[], metavar="BATCH",
                    help="also never read this annotation batch's documents (a fresh check of the review); repeatable")
    args = ap.parse_args(argv)
    docs = realtext.load_corpus()
    skip = held_out_ids(frozenset(args.hold_out))
    known = known_words()
    hits = mine(docs, skip)
    rows = []
    for (kind, w), hs in hits.items():
        # ranked by the documents where digits or 第 + kanji precede it (a plain kanji numeral before it
        # is weaker evidence: 一緒, 一方 ...; shown as `kanji:N`)
        n_docs = len({d for d, _, a in hs if a != "kanji"})
        if n_docs < args.min_docs:
            continue
        label = ("known" if w in known else "reviewed" if w in REJECTED else
                 "known head" if any(w[:k] in known for k in range(1, len(w))) else "")
        if label in ("known", "reviewed") and not args.all:
            continue
        rows.append((label == "known head", -n_docs, -len(hs), w, kind, label, hs))
    rows.sort()
    print(f"# {len(docs) - len(skip & set(docs))} documents read ({len(skip & set(docs))} held out); "
          f"{len(rows)} candidates in >= {args.min_docs} documents (last, {sum(r[0] for r in rows)} that begin with a known word)")
    for _, n_docs, n, w, kind, label, hs in rows:
        sources = Counter(a for _, _, a in hs)
        src = " ".join(f"{k}:{v}" for k, v in sorted(sources.items()))
        print(f"{w}\t{kind}\tdocs={-n_docs}\tn={-n}\t{src}\t{label}")
        seen_docs: set[str] = set()
        for d, ctx, _ in hs:
            if d in seen_docs or len(seen_docs) >= args.contexts:
                continue
            seen_docs.add(d)
            print(f"    {ctx}")


if __name__ == "__main__":
    main()
