"""Names the glossary does not know, found from the evidence around them (contract section 5).

`NameRecognizer.find(text, taken)` returns `NameMatch`es: typed spans (PERSON, ORG, PRODUCT,
LOCATION, EVENT) with `method` "pattern" and no entity. It only tags: it never changes the text.
Pure: built once (from the glossary's common words and keys), no state between calls, no I/O.

Evidence rules (each match names its rule in `evidence`):

- person_title: a name right before a title or honorific (田中さん, スミス氏, 香川選手, 小泉元首相);
  the span stops before the title (contract: not 氏, さん, CEO).
- org_form: a name with a company/institution form written as part of it (株式会社ミライ,
  ミライホールディングス, 東西大学, 北都銀行); the form is in the span. org_sha: a katakana or
  Latin name before 社 (アクメ社: 社 is not in the span).
- place_suffix: a name with an administrative suffix (青森県, 港区, テキサス州): the suffix is in.
- event_suffix: a name with an event word (アカデミー賞, 東京国際映画祭, ユーロ2012).
- title_bracket: the inside of 『…』, a title of a work: PRODUCT.
- cue_quote: the inside of 「…」 right after a word that announces a title (映画「…」, アプリ「…」).
- latin_name: capitalized or ALLCAPS Latin word sequences that are not common English words or
  units; ORG before 社 / Inc. / Corp., else PRODUCT (the usual sense of a Latin name in Japanese
  news).
- credit: a Latin name after a credit (photographs:, styling:, 執筆:): PERSON.
- name_list: a well-known person's full kanji name (JMnedict through `glossary.namelists`;
  松本人志), standing alone; its surname standing alone elsewhere in the text is a repeat.
- foreign_name (トム・クルーズ), model_code (ARROWS X F-10D), cast (栗原一止（櫻井 翔）):
  `glossary.name_forms`; role_dot, age, age_honorific, role_bracket, byline, credit_list:
  `glossary.name_context`.
- repeat: a surface found by another rule (or its family name: 染谷 of 染谷将太), elsewhere in
  the same text without its evidence, standing alone (not inside a longer word of its script).

Overlaps are resolved longest first; a match never overlaps a `taken` span (the glossary's).
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any, Iterable, Mapping, NamedTuple

from .kana import fold_key
from .cues import (  # noqa: F401 - the definitions (…_by_regex) and CUE_SETS: read by the tests from here
    COMPANY_TITLES, CUE_SETS, EVENT_SUFFIXES, KANA_TITLES, ONE_KANJI_TITLES, ORG_SUFFIXES, PERSON_TITLES,
    PLACE_SUFFIXES, alternation as _alt, cue_quotes, cue_quotes_by_regex, cue_spans, cue_spans_by_regex, scan,
)
from .name_context import ROLE_ENDINGS, ROLE_WORDS, context_names, matches_at
from .name_forms import CAST_EVIDENCE, KANJI_KANA_NAME, cast_pairs, family_name, foreign_names, model_names

from normalizers.chars import HIRAGANA as HIRA
from normalizers.chars import KANJI
from normalizers.chars import KATAKANA as KATA, KATAKANA_LETTERS as KATA_LETTERS
from normalizers.chars import KATAKANA_MIDDLE_DOT as DOT  # ・ between the parts of a foreign name


LATIN_REST = r"[A-Za-z0-9]*(?:[.&'+\-][A-Za-z0-9]+)*"
LATIN_WORD = r"[A-Za-z]" + LATIN_REST


_START_END = itemgetter(0, 1)


class NameMatch(NamedTuple):
    """A recognized name: text[start:end], its label and the rule that found it. The last four
    fields are what the normalizer reads off a glossary match: a pattern match links nothing."""

    start: int
    end: int
    label: str
    confidence: float
    evidence: str
    method: str = "pattern"
    entity_id: None = None
    canonical: None = None
    canonical_ja: None = None


# Words that stand before an honorific without being names (お客さん, 同氏, 彼氏, 映画監督).
NOT_PERSON = frozenset(
    "皆 奥 娘 息子 嫁 彼 同 両 各 某 故 妻 夫 母 父 兄 姉 弟 妹 孫 客 お客 叔父 叔母 伯父 伯母 主婦 社員 会社員 "
    "店員 運転手 新人 女性 男性 女子 男子 友人 知人 恋人 先輩 後輩 上司 部下 担当 店長 映画 代表 日本代表 本人 当人 犯人 "
    "職人 管理人 家政婦 看護師 医師 患者 読者 視聴者 住人 隣人 大家 女将 作家 漫画家 画家 歌手 俳優 女優 声優 芸人 "
    "監督 選手 新 元 前 現 名 若 名物 敏腕 編集 著者 作者 筆者 記者 旦那 主人 奥様 お嬢 坊 皆様 みな 皆さま 彼女 "
    "大統領 首相 社長 会長 同社 同大 同国 各国 両国 源 平 藤原 同様 様 神様 王様 お姫様 仏様 殿様 奥さま お母 お父 "
    "お兄 お姉 お爺 お婆 赤 お子 子 姪 甥 従兄弟 いとこ 義母 義父 祖母 祖父 親 両親 家族 夫婦 一家 "
    "チーム 代表チーム 日本 韓国 中国 米国 北朝鮮 全日本 歴代 初代 二代目 三代目 現役 引退 ベテラン 若手 "
    "パパ ママ スタッフ モデル ファン ゲスト ユーザー メーカー ドライバー ダンサー マネージャー プロデューサー "
    "アシスタント オーナー パートナー メンバー キャスト ヒロイン ママさん ボス コーチ サッカー 野球 ヘッド ヘッドコーチ "
    "シェフ マスター ディレクター デザイナー アーティスト ライター タレント アイドル グループ クラブ "
    "アルバイト バイト パート アニメーション アニメ マラソン オバ オジ オヤジ 係員 撮影 助 副 総 番 有望 主将 "
    "強豪 名門 育成 外国人 日本人 代打 先発 中継ぎ 抑え 共同 市場 取締役 初 バア ジイ".split()
)
# A word ending so is no name before a title: 男性諸氏 (gentlemen), 山葵姐さん, 沢村賞投手, 関西支社長
# (a region before its branch's title: 関西 + 支社長 or 関西支 + 社長).
_NOT_PERSON_END = ("諸", "姐", "賞", "支")
_BRANCH_TITLE = ("支社長", "支店長", "支局長", "支部長")

# A title ends its word: アナ is a title, アナリスト is not.
_WORD_END = f"(?![{KATA}A-Za-z])"
_NAME_KATA = f"[{KATA_LETTERS}][{KATA}]*(?:{DOT}[{KATA_LETTERS}][{KATA}]*)*"
_NAME_KANJI = f"[{KANJI}]{{2,4}}?"
_NAME_LATIN = r"[A-Z][A-Za-z]*(?:[ .'\-][A-Z][A-Za-z]*)*"

# Katakana and Latin names take the honorifics; kanji names all titles (the name is found
# lazily so 小泉元首相 splits as 小泉 + 元首相). A name starts at the start of its script run.
_PERSON = re.compile(
    f"(?P<k>[{KATA_LETTERS}](?<![{KATA}{DOT}].){_NAME_KATA[len(KATA) + 1:]})(?=(?:{_alt(KANA_TITLES)}){_WORD_END})"
    f"|(?P<d>[{KATA_LETTERS}](?<![{KATA}].)[{KATA}]*(?:{DOT}[{KATA_LETTERS}][{KATA}]*)+)"
    f"(?=(?:{_alt(COMPANY_TITLES)}){_WORD_END})"
    # 甘田 純一 氏: a kanji surname, a space, the given name (before the one-run form, which
    # would take the given name alone)
    f"|(?P<s>[{KANJI}](?<![{KANJI}].)[{KANJI}]{{0,2}} [{KANJI}]{{1,3}}?)(?= ?(?:{_alt(PERSON_TITLES)}){_WORD_END})"
    f"|(?P<j>[{KANJI}](?<![{KANJI}].)[{KANJI}]{{1,3}}?)(?=(?:{_alt(PERSON_TITLES)}){_WORD_END})"
    f"|(?P<o>[{KANJI}](?<![{KANJI}].))(?=(?:{_alt(ONE_KANJI_TITLES)}){_WORD_END})"
    f"|(?P<l>[A-Z](?<![A-Za-z0-9].){_NAME_LATIN[5:]})(?= ?(?:{_alt(KANA_TITLES)}){_WORD_END})"
)

# Words ending in an ORG form that are not names (国立大学, 野党, 同省).
NOT_ORG = frozenset(
    "同 各 本 当 他 両 全 国立 私立 公立 県立 市立 女子 短期 大 野 与 政 新 旧 元 前 某 有名 名門 一部 "
    "同社 各社 関連 子会社 親会社 系列 中央 地方 都市 地元 外資 大手 中堅 中小 民間 一般 ネット 地上 衛星 民放 "
    "学生 新卒 芸能 音楽 映画 航空 旅行 広告 消費者 監督 官 省 庁 投資 電気 証券".split()
)
_ORG = re.compile(
    f"(?P<a>株式会社 ?(?:[{KATA}{DOT}]+|[{KANJI}]{{2,6}}|{LATIN_WORD}(?: {LATIN_WORD})*))"
    f"|(?<![{KANJI}{KATA}{DOT}A-Za-z0-9])(?P<b>(?:[{KATA_LETTERS}][{KATA}{DOT}]*|[{KANJI}]{{2,6}}?|{LATIN_WORD}"
    f"(?: {LATIN_WORD})* ?)(?:{_alt(ORG_SUFFIXES)}))(?![{KATA}{KANJI}])"
    f"|(?<![{KATA}A-Za-z])(?P<c>(?:[{KATA}{DOT}]{{2,}}|{LATIN_WORD}(?: {LATIN_WORD})*))(?=社(?![{KANJI}]))"
)

NOT_PLACE = frozenset(
    "同 各 全 当 本 他 両 隣 近隣 都 大都 都道府 地 学 選挙 特 市 地方 欧 半 列 離 無人 諸 小 宝 大 "
    "一 二 三 数 各都道府 全都道府 政令 都心 同空 同駅 最寄 最寄り 始発 終着 主要 各駅 特急 急行 快速 "
    "出 入 帰 寄 開 漁 軍 母 商 新 旧 東 西 南 北 地区 激戦 関西地 新興 移籍 電子書籍 学".split()
)
_PLACE = re.compile(
    f"(?<![{KANJI}])(?P<j>[{KANJI}]{{1,4}}?(?:{_alt(PLACE_SUFFIXES)}))(?![{KANJI}])"
    f"|(?<![{KATA}])(?P<k>[{KATA_LETTERS}][{KATA}]+(?:州|市|島|空港|駅))(?![{KANJI}])"
)

NOT_EVENT = frozenset(
    "大 受 授 同 各 本 新人 主演 助演 特別 審査員 優秀 最優秀 作品 監督 脚本 主演男優 主演女優 助演男優 助演女優 "
    "男優 女優 歌唱 新人 功労 敢闘 殊勲 技能 外国語映画 残念 ドラフト 世界 前 次 今 夏 冬 同大 震災 戦 "
    "大戦 太平洋 事 不 刑事 殺人 重大 撮影 美術 視覚効果 録音 音響効果 技術 参加 衣装 編集 作曲 歌曲 "
    "メイク 主題歌 新人賞 特別賞 グランプリ 準グランプリ".split()
)
_EVENT = re.compile(
    f"(?<![{KANJI}{KATA}{DOT}A-Za-z0-9])(?P<e>(?:[{KATA_LETTERS}][{KATA}{DOT}]+|[{KANJI}]{{2,6}}?|{LATIN_WORD}(?: {LATIN_WORD})*)"
    f"(?:{_alt(EVENT_SUFFIXES)}))(?![{KANJI}])"
)

# 『…』 holds a title; 「…」 only right after a word announcing one.
_TITLE = re.compile("『(?P<t>[^『』\n]{1,40})』")

# Common English words, units and abbreviations that are capitalized in Japanese text without
# being names (folded to lower case).
NOT_LATIN = frozenset(
    "a an the and or of in on at to for with by from is are was be it this that my your our new all "
    "i you he she we they yes no ok oh hi wow top best more most news blog web www http https com net jp "
    "co inc corp ltd llc ceo cto cfo coo pc tv cm dvd cd bd mb gb kb tb mhz ghz hz mm cm km kg mp ok ng "
    "usb hdmi lte wifi wi-fi bluetooth nfc gps sim sd ip id pdf html url api os ui ux ai it vs etc am pm "
    "faq q a qa vip pr sns diy dj mc ol ng bgm cg mv pv nhk jr fx led lcd rss led ps on off in out up "
    "mr ms mrs dr no vol ver p s m l xl xs fw sp cpu gpu ram rom ssd hdd saas paas iaas".split()
)
# Technical standards, formats and spec-sheet units: not tagged (GUIDELINES.md), though written
# in capitals like names (folded; a version number after one is part of it: USB2.0, AVCHD2.0).
STANDARDS = frozenset(
    "usb sdhc sdxc microsd microsdhc microsdxc minisd microusb miniusb microsim nanosim wimax adsl "
    "vdsl ftth bdxl bd-r bd-re dvd-r avchd dlna mhl wvga qhd fhd uhd hd sdi mah kw ps jc08 pinp "
    "mpeg mp3 mp4 aac jpeg png gif xmdf epub html5 css ipv4 ipv6 dsl lan wan sim tft oled sata".split()
)
_LATIN_PREV = rf"(?<![A-Za-z0-9.&'+\-{KATA}{KANJI}].)"  # a name starts its Latin word
_LATIN = re.compile(
    rf"(?P<n>(?:[A-Z]{_LATIN_PREV}{LATIN_REST}|[a-z]{_LATIN_PREV}[a-z]*[A-Z][A-Za-z0-9]*)"
    rf"(?: (?:[A-Z0-9][A-Za-z0-9]*(?:[.&'+\-][A-Za-z0-9]+)*))*)(?![A-Za-z0-9])(?P<org> ?(?:社|Inc\.|Corp\.)|(?=製))?"
)


def latin_matches(text: str, starts: list[int]) -> list[re.Match]:
    """The matches of `_LATIN.finditer(text)` (`latin_by_regex`), tried only where `scan` says a
    Latin name may start (`starts`)."""
    return matches_at(_LATIN, text, starts)


def latin_by_regex(text: str) -> list[re.Match]:
    """The definition `latin_matches` keeps."""
    return list(_LATIN.finditer(text))


def people_automaton(names: Iterable[str]) -> Any:
    """The automaton `listed_by_automaton` reads: the names, leftmost-longest."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(list(names), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


def listed_by_automaton(text: str, automaton: Any) -> list[tuple[int, int]]:
    """The definition `_listed_people` keeps: the leftmost-longest occurrences of the names (an
    automaton of them over the text: `people_automaton`) that no kanji stands next to."""
    return [(s, e) for _, s, e in automaton.find_matches_as_indexes(text)
            if not (s and _KANJI_CHAR.match(text, s - 1)) and not _KANJI_CHAR.match(text, e)]


# The characters any of these names is written with, and how far before its evidence word a name
# can start (longer names are missed). Matched on the reversed text: the run of name characters
# that ends where the evidence word starts, in one call.
REACH = 80
_NAME_RUN = _NAME_RUN_REVERSED = re.compile(f"[{KANJI}{KATA}{DOT}A-Za-z0-9 .&'+\\-]{{0,{REACH}}}")


def _near_cues(pattern: re.Pattern, cues: list[tuple[int, int]], text: str, reversed_text: str,
               name_after: bool = False) -> list[re.Match]:
    """The matches `pattern.finditer(text)` gives, searching only from the start of the run of
    name characters before each evidence word (`cues`, its spans) to one character after the word (after
    the run that follows it when a name can follow its word: `name_after`). The bounded search
    cannot see past its window, so each hit is redone on the whole text (a lookahead may need
    what lies beyond)."""
    out: list[re.Match] = []
    last = 0  # where the previous match ended: finditer never overlaps its matches
    n = len(text)
    run = _NAME_RUN_REVERSED.match
    for start, cue_end in cues:
        before = run(reversed_text, n - start)  # reversed_text[n - start] is text[start - 1]; {0,REACH}: always a match
        run_length = before.end() - (n - start) if before is not None else 0
        if not run_length and not name_after:
            # No name character before the word (みなさん, 会社): every name ends at a cue whose
            # run covers it, so a name starting in this word is found at the cue after it.
            continue
        end = cue_end
        if name_after:
            after = _NAME_RUN.match(text, end)  # 株式会社ミライ, 株式会社 ミライ
            end = after.end() if after is not None else end
        lo, hi = max(last, start - run_length), min(n, end + 1)
        while lo < hi:
            m = pattern.search(text, lo, hi)
            if m is None:
                break
            full = pattern.match(text, m.start())
            if full is None:  # only the cut-off window let it match
                lo = m.start() + 1
                continue
            out.append(full)
            lo = last = full.end()
            if lo >= start:  # a name starting in the cue word ends at a later cue
                break
    return out


# Common English words that name nothing when they stand alone (a heading, a button, site
# furniture: STORY, Hot!, STEP1), folded to lower case; a name of several words still counts
# unless every word is common (All Rights Reserved).
COMMON_ENGLISH = frozenset(
    "story step hot point special report all rights reserved comment comments movie movies spring summer "
    "autumn fall winter zero fast free live life style home menu info information contents content shop "
    "online mobile edition version type series photo photos image images video music book books game games "
    "sale open close check click here next back page today daily weekly pick good great love happy "
    "thanks welcome hello present event campaign topics topic release access contact about help search "
    "login member members official site blog column interview review ranking data link links lesson "
    "question answer tips guide first last part chapter special one two three start end new and more tablet".split()
)
# Evidence after a Latin name that it is a company: 社 (Kobo」社), its officers, what companies do.
_ORG_AFTER = re.compile(
    "」?(?:社(?![会員内外])|の?(?:社長|会長|CEO|創業者|株価)|(?:は|が|も)(?:発表|運営|買収|提携)|を買収|と提携)"
)
# Evidence after a Latin name that it is a product: what is done with goods and software.
_PRODUCT_AFTER = re.compile("(?:を|は|が|の)?(?:新発売|発売|搭載|リリース|配信|対応機種|向けアプリ|シリーズ|新モデル|最新モデル)")
# A copyright line names its holder: (C) 2012 Acme Films, ©Acme.
_COPYRIGHT_BEFORE = re.compile(r"(?:\([cC]\)|©|[Cc]opyright)\s*(?:\d{4}(?:-\d{4})?\s*)?\Z")

# Credits name people: "photographs: Ann Lee", "styling:Ken Mori", "記事執筆：Hisumi"; the name
# runs to the end of its credit (a slash, a bracket, a comma, the line's end).
_CREDIT_BEFORE = re.compile(
    r"(?:(?i:photo(?:graph)?s?|model|direction|styling|stylist|grooming|hair(?: ?& ?make-?up)?|make-?up"
    r"|text|written by|illustrations?|interview)\s*:|(?:執筆|文|写真|撮影|取材|音楽|イラスト)[：:])\s*\Z"
)
_CREDIT_END = re.compile(r"\s*(?:[/／)）,、]|$)", re.MULTILINE)
# Capitals then digits (SIM2, IPX7, LV223): model codes, ratings, catalogue numbers.
_CODE = re.compile(r"[A-Z]{2,}\d+")
# A page title's suffix (記事 - サイト名 - ブログ) and a link list's "・カタカナ（Latin）" line are page
# furniture (GUIDELINES.md: the site's own name there is not tagged).
_LINK_LINE = re.compile(f"(?:^|\n)[・■]?[{KATA}]+[(（]\\Z")


def _page_furniture(text: str, s: int, e: int) -> bool:
    if text.startswith(" - ", s - 3) and (e == len(text) or text.startswith(("\n", " - "), e)):
        return True
    return text.startswith((")", "）"), e) and (e + 1 == len(text) or text[e + 1].isspace()) \
        and _LINK_LINE.search(text, max(0, s - 30), s) is not None


# Rule -> confidence: how often its matches were right on the dev half of the real-text sample.
CONFIDENCE = {
    "person_title": 0.92, "org_form": 0.83, "org_sha": 0.8, "place_suffix": 0.73, "event_suffix": 0.9,
    "title_bracket": 0.91, "cue_quote": 0.9, "latin_name": 0.54, "repeat": 0.82, "credit": 0.9,
    "name_list": 0.94, "latin_org": 0.8, "role_dot": 0.9, "age": 0.9, "role_bracket": 0.9, "foreign_name": 0.9, "age_honorific": 0.9, "cast": 0.85, "model_code": 0.9, "byline": 0.9, "credit_list": 0.9,
    "latin_product": 0.8,
    "longer_name": 0.85,
}  # org_sha: one match on dev; a prior, not a measure


class NameRecognizer:
    """Typed names from evidence; `find` is pure. `common_words` (folded, e.g. the glossary's)
    are never names; `known` (a callable: is this surface a glossary key?) keeps the recognizer
    from tagging a glossary name the matcher chose not to link in this context."""

    def __init__(self, common_words: frozenset[str] = frozenset(), known=None,
                 person_names: Mapping[str, str] | None = None, latin_guesses: bool = True,
                 given_names: frozenset[str] = frozenset()):
        self.common_words = common_words
        # Latin names with no evidence of what they name (latin_name): right about 6 times in 10
        # on dev (a label or a span off), where every other rule is right 8 to 9.6 times in 10.
        self.latin_guesses = latin_guesses
        self.known = known or (lambda surface: False)
        # Katakana given names (トム, キャリー): glossary.namelists.
        self.given_names = given_names
        # Well-known people's kanji names -> their surname ("" when unknown): glossary.namelists.
        self.person_names = dict(person_names or {})

    @classmethod
    def for_glossary(cls, glossary, latin_guesses: bool = True) -> "NameRecognizer":  # noqa: ANN001 - a Glossary
        from .namelists import given_names, person_names

        return cls(getattr(glossary, "common_words", frozenset()), getattr(glossary, "is_known", None),
                   person_names(), latin_guesses, given_names())

    def find(self, text: str, taken: list[tuple[int, int]] | None = None) -> list[NameMatch]:
        """Sorted, disjoint names in `text`, none overlapping a `taken` span."""
        found = self._evidence(text, taken or [])
        if not found:
            return []
        found += self._cast(text, found)
        found += self._repeats(text, found)
        return _disjoint(found, taken or [])

    def add_to(self, text: str, spans: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
        """`spans` (start, end, match: the glossary's, sorted) with the names found around them."""
        names = self.find(text, [(s, e) for s, e, _ in spans])
        if not names:
            return spans
        return sorted(spans + [(m.start, m.end, m) for m in names], key=_START_END)

    def _evidence(self, text: str, taken: list[tuple[int, int]]) -> list[NameMatch]:
        out: list[NameMatch] = []
        add = out.append
        reversed_text = text[::-1]
        latin_starts, kanji_runs, cue_hits = scan(text)
        person_cues, org_cues, place_cues, event_cues = cue_spans(cue_hits)
        for m in _near_cues(_PERSON, person_cues, text, reversed_text):
            s, e = m.span(m.lastgroup or 0)
            if self._plausible(text[s:e], NOT_PERSON) and not text.endswith(_NOT_PERSON_END, s, e) \
                    and not text.startswith(_BRANCH_TITLE, e):
                add(NameMatch(s, e, "PERSON", CONFIDENCE["person_title"], "person_title"))
        for m in _near_cues(_ORG, org_cues, text, reversed_text, name_after=True):
            s, e = m.span(m.lastgroup or 0)
            name = text[s:e]
            if m.lastgroup == "c":
                if self._plausible(name, NOT_ORG) and not _common_latin(name):
                    add(NameMatch(s, e, "ORG", CONFIDENCE["org_sha"], "org_sha"))
            elif self._plausible(_strip_suffix(name, ORG_SUFFIXES), NOT_ORG) and name[-3:-2] != "発":
                add(NameMatch(s, e, "ORG", CONFIDENCE["org_form"], "org_form"))
        for m in _near_cues(_PLACE, place_cues, text, reversed_text):
            s, e = m.span(m.lastgroup or 0)
            if self._plausible(_strip_suffix(text[s:e], PLACE_SUFFIXES), NOT_PLACE):
                add(NameMatch(s, e, "LOCATION", CONFIDENCE["place_suffix"], "place_suffix"))
        for m in _near_cues(_EVENT, event_cues, text, reversed_text):
            s, e = m.span("e")
            if self._plausible(_strip_suffix(text[s:e], EVENT_SUFFIXES), NOT_EVENT):
                add(NameMatch(s, e, "EVENT", CONFIDENCE["event_suffix"], "event_suffix"))
        for rule, matches, group in (("title_bracket", _TITLE.finditer(text), "t"), ("cue_quote", cue_quotes(text), "q")):
            for m in matches:
                if _QUOTED_PHRASE_AFTER.match(text, m.end()):
                    continue
                label = "EVENT" if _EVENT_AFTER.match(text, m.end()) else "PRODUCT"
                for s, e in _title_parts(text, *m.span(group)):
                    add(NameMatch(s, e, label, CONFIDENCE[rule], rule))
        for s, e, label, rule in context_names(text):
            if self._plausible(text[s:e], NOT_PERSON):
                add(NameMatch(s, e, label, CONFIDENCE[rule], rule))
        self._latin_names(text, add, taken, latin_starts)
        for s, e in model_names(text):
            add(NameMatch(s, e, "PRODUCT", CONFIDENCE["model_code"], "model_code"))
        if self.given_names and DOT in text:
            self._foreign_names(text, add)
        if self.person_names:
            self._listed_people(text, add, kanji_runs)
        return out

    def _latin_names(self, text: str, add, taken: list[tuple[int, int]], starts: list[int]) -> None:  # noqa: ANN001 - list.append
        # Most capitalized words in a text are the glossary's (iPhone, Google): a candidate over
        # a taken span would be dropped at the end (`_disjoint`), so it is skipped before its
        # checks, which cost more than the scan.
        glossary_chars = bytearray(len(text))
        for s, e in taken:
            glossary_chars[s:e] = b"\x01" * (e - s)
        for m in latin_matches(text, starts):
            s, e = m.span("n")
            if glossary_chars.find(1, s, e) != -1:
                continue
            # Credits name people; a company name stands before 社/製, with what companies do
            # after it, or as a copyright holder. The evidence first: without guesses, a name
            # with none needs no other check.
            # The searches back are tried only after a character their patterns can end on
            # (or a space): each costs more than the rest of a candidate's checks.
            last = text[s - 1] if s else ""
            credit = (last in ":：" or last.isspace()) and _CREDIT_BEFORE.search(text, max(0, s - 24), s) \
                and _CREDIT_END.match(text, e)
            org = not credit and (m.start("org") != -1 or _ORG_AFTER.match(text, e)
                                  or (last in ")©t" or last.isdigit() or last.isspace())
                                  and _COPYRIGHT_BEFORE.search(text, max(0, s - 16), s))
            product = not (credit or org) and _PRODUCT_AFTER.match(text, e) is not None
            if not (credit or org or product or self.latin_guesses):
                continue
            name = m.group("n")
            if _common_latin(name) or _short_caps(name) or _in_english(text, s, e) or _page_furniture(text, s, e):
                continue
            if self.known(name) or fold_key(name) in self.common_words:
                continue
            if credit:
                add(NameMatch(s, e, "PERSON", CONFIDENCE["credit"], "credit"))
            elif org:
                add(NameMatch(s, e, "ORG", CONFIDENCE["latin_org"], "latin_org"))
            elif product and not _CODE.fullmatch(name):
                add(NameMatch(s, e, "PRODUCT", CONFIDENCE["latin_product"], "latin_product"))
            elif not _CODE.fullmatch(name):  # SIM2, IPX7, TVF2012: codes
                # A guess: a single all-capitals word (KDDI, BUFFALO) ORG, else PRODUCT (the
                # usual sense of a Latin name in Japanese news).
                label = "ORG" if name.isalpha() and name.isupper() else "PRODUCT"
                add(NameMatch(s, e, label, CONFIDENCE["latin_name"], "latin_name"))

    def _foreign_names(self, text: str, add) -> None:  # noqa: ANN001 - list.append
        conf = CONFIDENCE["foreign_name"]
        for s, e in foreign_names(text, self.given_names, lambda word: fold_key(word) in self.common_words):
            add(NameMatch(s, e, "PERSON", conf, "foreign_name"))

    def _cast(self, text: str, found: list[NameMatch]) -> list[NameMatch]:
        persons = [(m.start, m.end) for m in found if m.label == "PERSON" and m.evidence in CAST_EVIDENCE]
        role = lambda word: word in NOT_PERSON or word in ROLE_WORDS or word.endswith(ROLE_ENDINGS)  # noqa: E731
        return [NameMatch(s, e, "PERSON", CONFIDENCE["cast"], "cast")
                for s, e in cast_pairs(text, persons, self.person_names.__contains__, role)]

    def _listed_people(self, text: str, add, kanji_runs: list[tuple[int, int]]) -> None:  # noqa: ANN001 - list.append
        """Well-known people by their full kanji name, standing alone (not inside a longer kanji
        run: 松本人志 in 松本人志は, not in 松本人志賞): the kanji runs `scan` found that are a listed
        name (the definition, an automaton of the names over the text: `listed_by_automaton`)."""
        conf = CONFIDENCE["name_list"]
        people = self.person_names
        for s, e in kanji_runs:
            if text[s:e] in people:
                add(NameMatch(s, e, "PERSON", conf, "name_list"))

    def _plausible(self, name: str, stop: frozenset[str]) -> bool:
        return bool(name) and name not in stop and fold_key(name) not in self.common_words

    def _repeats(self, text: str, found: list[NameMatch]) -> list[NameMatch]:
        """Other occurrences of the names found with evidence, standing alone (a kanji name not
        inside a longer kanji run, a katakana one not inside a longer katakana run)."""
        labels: dict[str, str] = {}
        for m in found:
            surface = text[m.start : m.end]
            if (len(surface) >= 2 or m.evidence == "age_honorific") and m.evidence in _REPEATED:
                person = m.label == "PERSON"
                if not _HIRAGANA.search(surface) or person and (KANJI_KANA_NAME.fullmatch(surface)
                                                                   or m.evidence == "age_honorific"):
                    labels.setdefault(surface, m.label)
                family = family_name(surface) if person else ""
                if family and self._plausible(family, NOT_PERSON):
                    labels.setdefault(family, "PERSON")  # 染谷 after 染谷将太, クルーズ after トム・クルーズ
            elif m.evidence == "name_list" and self.person_names.get(surface):
                labels.setdefault(self.person_names[surface], "PERSON")  # 松本 after 松本人志
        conf = CONFIDENCE["repeat"]
        out: list[NameMatch] = []
        # A few surfaces a document: str.find per occurrence (compiling a regex of them per
        # document cost more than the whole recognizer).
        for surface, label in labels.items():
            # A name of one kanji or in hiragana (舞, さき) is a name again only before さん.
            kana = _HIRAGANA.match(surface) is not None
            i = text.find(surface)
            while i != -1:
                end = i + len(surface)
                if (len(surface) < 2 or kana) and not text.startswith("さん", end) or kana and i and _HIRAGANA.match(text, i - 1):
                    pass  # a one-kanji or kana name without さん, a kana name inside a kana word
                elif not (i and _WORD_CHAR.match(text, i - 1)) and not _WORD_CHAR.match(text, end):
                    out.append(NameMatch(i, end, label, conf, "repeat"))
                i = text.find(surface, i + 1)
        return out


_WORD_CHAR = re.compile(f"[{KANJI}{KATA}A-Za-z]")
# The rules whose names are looked for again in the rest of the text.
_REPEATED = frozenset({"person_title", "org_sha", "title_bracket", "cue_quote", "role_dot", "age", "byline", "credit_list",
                       "role_bracket", "foreign_name", "age_honorific", "cast"})
_KANJI_CHAR = re.compile(f"[{KANJI}]")


def _strip_suffix(name: str, suffixes: Iterable[str]) -> str:
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix):
            return name[: -len(suffix)].rstrip()
    return name


_HIRAGANA = re.compile(f"[{HIRA}]")
_SENTENCE_MARKS = re.compile("[、。！？!?…]|\\s{2}")
# After the closing bracket, what tells a quoted phrase from a title: a quotative (『アリ』とは思わない,
# 『4番山崎』と書いてあった, 『…』と題し, 『…』って; but 『…』という映画 is a title), a report about it
# (『山崎武司退団』報道), a headline (『…』という見出し).
_QUOTED_PHRASE_AFTER = re.compile("と(?:は|思|書|題|言|語|呼|考|感)|って|報道|という(?:見出し|記事)")
# A title before these names an event (『スーツコレクション』キャンペーン).
_EVENT_AFTER = re.compile(" ?(?:キャンペーン|フェア|イベント)")
_ALIAS = re.compile(r"(?P<a>[^()]+?) ?\((?P<b>[^()]+)\)")


def _title_parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The title in a bracket text[s:e]: nothing when it reads as a quoted sentence (punctuation,
    mostly hiragana), its two names when written `name(alias)` (Xi(クロッシィ))."""
    inner = text[s:e]
    if inner != inner.strip() or _SENTENCE_MARKS.search(inner):
        return []
    if len(_HIRAGANA.findall(inner)) * 2 > len(inner):
        return []
    alias = _ALIAS.fullmatch(inner)
    if alias:
        return [(s + alias.start("a"), s + alias.end("a")), (s + alias.start("b"), s + alias.end("b"))]
    return [(s, e)]


_PAGE_LIKE = re.compile(r"(?:[A-Za-z]|No\.)-?\d+[A-Za-z]?")  # P74, A4, H2, B1F, R-18, No.028


def _short_caps(name: str) -> bool:
    """An acronym of three letters or fewer (AC, OEM, DRM): as often a term as a name."""
    if name.isalpha() and name.isupper() and len(name) <= 3:
        return True
    return bool(_PAGE_LIKE.fullmatch(name))  # a letter and a number: a page, floor, rating


def _in_english(text: str, s: int, e: int) -> bool:
    """Next to another Latin word (across one space): part of an English phrase, not a name
    standing in Japanese text (Distributed by Warner Bros)."""
    before = text[max(0, s - 2) : s].rstrip()[-1:]
    after = text[e : e + 2].lstrip()[:1]
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


_TRAILING_DIGITS = re.compile(r"\d+\Z")


# A word that names nothing: a unit or abbreviation as written, or a common word or a standard
# with a number after it (STEP1, USB2.0), or an ingress rating (IPX5, IP5X).
_COMMON_WORD = (f"(?:{_alt(NOT_LATIN)}|(?:{_alt(COMMON_ENGLISH | STANDARDS)})(?:\\d+(?:\\.\\d+)*)?"
                f"|ip[x\\d][x\\d])")
_COMMON_LATIN = re.compile(f"{_COMMON_WORD}(?: {_COMMON_WORD})*", re.IGNORECASE)


def common_latin(name: str) -> bool:
    """Every word a unit, abbreviation, standard or common English word (STEP1, USB2.0, IPX5)."""
    return len(name) < 2 or _COMMON_LATIN.fullmatch(name) is not None


_common_latin = common_latin


_RANK = {"person_title": 0, "org_form": 1, "org_sha": 1, "place_suffix": 2, "event_suffix": 2,
         "title_bracket": 0, "cue_quote": 0, "latin_name": 3, "latin_org": 1, "credit": 0, "name_list": 0, "role_dot": 0, "age": 0,
         "role_bracket": 0, "foreign_name": 2, "age_honorific": 0, "cast": 1, "model_code": 1, "byline": 0, "repeat": 4, "longer_name": 1, "credit_list": 0, "latin_product": 3}


def _disjoint(found: list[NameMatch], taken: list[tuple[int, int]]) -> list[NameMatch]:
    """Longest first (a name is never tagged inside a longer one), then the surer rule; none
    overlapping `taken`."""
    found.sort(key=lambda m: (m.start - m.end, _RANK[m.evidence], m.start))
    end = max(m.end for m in found)
    occupied = bytearray(end)  # 1 where a span is already tagged: one C-level find per match
    for s, e in taken:
        occupied[s:e] = b"\x01" * max(0, min(e, end) - s)
    chosen: list[NameMatch] = []
    for m in found:
        if occupied.find(1, m.start, m.end) != -1:
            continue
        chosen.append(m)
        occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
    chosen.sort()
    return chosen
