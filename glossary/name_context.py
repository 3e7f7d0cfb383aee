"""People (and a byline's agency) named by the words around them, for the recognizer (issue 17):
the forms a news text uses for people it introduces without an honorific.

- role_dot: a role, then ・, then the name (内科医・栗原一止, 俳優・大森南朋, ヒロイン・茶沢景子).
- age: a name, then the age in brackets (有希子(32才), 内田篤人(23歳)).
- age_honorific: a name, さん and an age (さきさん（33歳）, 舞さん／29才): an interviewee, often a
  given name of one kanji or in hiragana, which さん alone does not make a name (奥さん).
- role_bracket: a name, then its role in brackets (野村早紀（助監督）, 鈴木おさむ（放送作家）,
  丹波 真（詩織役）): a cast or staff list, a quoted commentator.
- byline: a closing byline in brackets, agency / writer ((オフィスエムツー/佐枝せつこ)): ORG, PERSON.
- credit_list: a film's credits, the names after 監督：, キャスト：, 出演： to the line's end.

`context_names(text)` returns (start, end, label, rule) tuples, text order; the recognizer checks
each against its stop words. Pure: compiled patterns only.
"""

from __future__ import annotations

import re

from normalizers.chars import HIRAGANA as HIRA
from normalizers.chars import KANJI
from normalizers.chars import KATAKANA as KATA, KATAKANA_LETTERS as KATA_LETTERS
from normalizers.chars import KATAKANA_MIDDLE_DOT as DOT

# Roles that introduce a person with ・ in news text. A role is never a name itself (歌手・女優).
ROLES = (
    "俳優", "女優", "歌手", "タレント", "主人公", "ヒロイン", "内科医", "医師", "外科医", "看護師", "妻", "夫",
    "長男", "長女", "次男", "次女", "写真家", "作家", "小説家", "漫画家", "脚本家", "映画監督", "監督", "芸人",
    "お笑い芸人", "モデル", "声優", "アナウンサー", "キャスター", "司会", "棋士", "騎手", "力士", "評論家",
    "ジャーナリスト", "弁護士", "教授", "社長", "会長", "代表", "選手", "投手", "歌舞伎俳優", "落語家", "演出家",
    "プロデューサー", "ディレクター", "アーティスト", "ミュージシャン", "ボーカル", "ギタリスト", "作曲家",
    "作詞家", "料理研究家", "評論家", "政治家", "議員", "市長", "知事", "首相", "大統領", "元首相", "主将",
)
ROLE_WORDS = frozenset(ROLES) | frozenset(
    "アイドル グラビアアイドル 女子アナ 芸能人 文化人 コメンテーター 作家 ライター 編集者 実業家 起業家 "
    "会社員 主婦 学生 女子大生 高校生 中学生 小学生 無職 自営業 公務員 派遣社員 契約社員 パート 母親 父親 "
    "長男 長女 娘 息子 夫 妻 彼 彼女 男性 女性 男児 女児 少年 少女 乳児 幼児 ナレーター 脚本 演出 原作 "
    "撮影 音楽 美術 編集 監修 アニメーター 主演 出演 構成 企画 製作 制作 イラスト".split()
)
# Role words by their ending (アニメーション監督, 脚本家, 出演者, 会社員, 看護師, 運転手).
ROLE_ENDINGS = ("監督", "家", "者", "員", "師", "手")

_NAME = f"[{KANJI}]{{2,5}}(?![{KANJI}])|[{KATA_LETTERS}][{KATA}]*(?:{DOT}[{KATA_LETTERS}][{KATA}]*)*(?![{KATA}])"
_BYLINE = re.compile(
    f"[(（](?P<o>[{KATA_LETTERS}][{KATA}{DOT}]+|[A-Za-z][A-Za-z0-9.&'-]*)[/／]"
    r"(?P<p>[^\s()（）/／、。「」『』！？!?]{2,12})[)）]\s*(?:\n|\Z)"
)
_DIGIT = re.compile(r"\d")
# A role-and-name or name-and-age pattern starts at almost any kanji or katakana: tried along the
# whole text it cost more than the rest of the recognizer. Each form has a rare mark (・ after a
# role, an age in brackets), found first; the name is then matched next to it, in a window.
_AGE_MARK = re.compile(r"[(（]\d{1,3}(?:歳|才)[)）]")
_AGE_NAME = re.compile(
    f"(?<![{KANJI}{KATA}{DOT}])(?:[{KANJI}]{{2,5}}|[{KATA_LETTERS}][{KATA}]*(?:{DOT}[{KATA_LETTERS}][{KATA}]*)*)\\Z"
)
# Hiragana right after a kanji name that is no particle: a given name in kana (女優・小野ゆり子,
# タレント・里田まい), of which the kanji are only the surname: not tagged (a part of a name).
_KANA_GIVEN_NAME_AFTER = re.compile(f"(?![はがのをにともでへやか])[{HIRA}]")
_NAME_AFTER_ROLE = re.compile(_NAME)
# A role in brackets after a name: roles, joined by ・ or / (編集者/ライター), or a part played (詩織役).
_ROLE_MARK = re.compile(r"[(（](?P<r>[^()（）\n、。]{1,16})[)）]")
_ROLE_PARTS = re.compile("[・/／]")
# The names a bracketed role follows: kanji (a space between surname and given name allowed:
# 豊田 尚), a kanji surname and a kana given name (鈴木おさむ, 星野あずさ), katakana.
_ROLE_NAME = re.compile(
    f"(?<![{KANJI}{KATA}{DOT}])(?:[{KANJI}]{{2,5}}|[{KANJI}]{{1,3}} [{KANJI}]{{1,3}}"
    f"|(?<![{HIRA}])[{KANJI}]{{1,3}}[{HIRA}]{{2,4}}|[{KATA_LETTERS}][{KATA}]*(?:{DOT}[{KATA_LETTERS}][{KATA}]*)*)\\Z"
)
# Roles by ending that a bracket holds after a name (カメラアシスタント, 監督アシスタント, 主人公役).
BRACKET_ROLE_ENDINGS = ("アシスタント", "プロデューサー", "ライター", "デザイナー", "役", "音声", "メイク",
                        "スタンドイン", "キャスター", "タレント", "アナウンサー")
# さん and an age right after it: the name before さん (one kanji, hiragana, katakana, kanji).
_HONORIFIC_AGE = re.compile(r"さん[（(／/] ?\d{1,3} ?(?:歳|才)")
_HONORIFIC_NAME = re.compile(
    f"(?:(?<![{HIRA}])[{HIRA}]{{2,5}}|(?<![{KANJI}])[{KANJI}]{{1,5}}|(?<![{KATA}])[{KATA_LETTERS}][{KATA}]*)\\Z"
)
# Kin words in hiragana before さん (おじさん（60歳）): no names.
KIN_WORDS = frozenset("おじ おば おじい おばあ おにい おねえ おかあ おとう ばあ じい みな".split())
# A name before its age: at most this long (a ・-joined katakana name, 5 kanji)
NAME_REACH = 40


# A film's credits: the people after 監督：, キャスト：, 出演：, separated by 、 (a cast list may
# run on with 。) to the end of the line; 他/ほか/など ends the list.
CREDITS = ("監督", "キャスト", "出演", "声の出演", "主演", "脚本", "原作", "演出")
_CREDIT_LIST = re.compile(f"(?:{'|'.join(CREDITS)})[：:][ \u3000]*")
_CREDIT_ITEM = re.compile(f"(?P<n>[{KANJI}{HIRA}{KATA}{DOT}]{{2,12}}?)(?P<more>ほか|他|など)?(?:[、。][ \u3000]*|[ \u3000]*\\Z)")


# A clause, not a name (監督：未定です。)
_SENTENCE_END = re.compile("(?:です|ます|した|する|ない|だ)$")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _role(word: str) -> bool:
    return word in ROLE_WORDS or word.endswith(ROLE_ENDINGS)


def bracket_role(inner: str) -> bool:
    """Every part of a bracket's text a role (編集者/ライター, 監督アシスタント, 詩織役)."""
    return all(part and (_role(part) or part.endswith(BRACKET_ROLE_ENDINGS)) for part in _ROLE_PARTS.split(inner))


def occurrences(text: str, needles: tuple[str, ...]) -> list[int]:
    """Where each occurrence of each of `needles` starts in `text`, in order (the starts a
    `matches_at` pattern is tried at)."""
    out: list[int] = []
    for needle in needles:
        i = text.find(needle)
        while i != -1:
            out.append(i)
            i = text.find(needle, i + 1)
    out.sort()
    return out


def open_brackets(text: str) -> list[int]:
    """Where each ( and （ of `text` stands, in order."""
    return occurrences(text, ("(", "（"))


def matches_at(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """`pattern.finditer(text)` for a pattern whose every match starts at one of `starts` (in
    order): its match at each, after the last one's end. A regex scan for a pattern that can start
    on several characters tries each character of the text (several times the instructions of
    what these rules do with its matches: bench/README.md, session 12); `starts` come from
    `str.find` or the recognizer's `scan`."""
    out: list[re.Match] = []
    last = 0
    match = pattern.match
    for start in starts:
        if start >= last:
            m = match(text, start)
            if m is not None:
                out.append(m)
                last = m.end()
    return out


def credit_starts(text: str) -> list[int]:
    """Where `_CREDIT_LIST` may match: a credit word (CREDITS) ending at a colon."""
    return sorted(colon - len(word) for colon in occurrences(text, ("：", ":")) for word in CREDITS
                  if text.endswith(word, 0, colon))


def context_names(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, label, rule) of the people (and bylines' agencies) the forms above name."""
    out: list[tuple[int, int, str, str]] = []
    brackets = open_brackets(text)
    dot = text.find(DOT)
    while dot != -1:
        # a role ending at the ・, a name after it (歌手・女優・X: 女優 is a role, X the name)
        if text.endswith(ROLES, 0, dot):
            m = _NAME_AFTER_ROLE.match(text, dot + 1)
            if m is not None and not _role(m.group()) and not _KANA_GIVEN_NAME_AFTER.match(text, m.end()):
                out.append((*m.span(), "PERSON", "role_dot"))
        dot = text.find(DOT, dot + 1)
    if "歳" in text or "才" in text:
        for mark in matches_at(_AGE_MARK, text, brackets):
            m = _AGE_NAME.search(text, max(0, mark.start() - NAME_REACH), mark.start())
            if m is not None and not _role(m.group()):
                out.append((*m.span(), "PERSON", "age"))
    if "さん" in text:
        for mark in _HONORIFIC_AGE.finditer(text):
            m = _HONORIFIC_NAME.search(text, max(0, mark.start() - 12), mark.start())
            if m is not None and m.group() not in KIN_WORDS and not _role(m.group()):
                out.append((*m.span(), "PERSON", "age_honorific"))
    if brackets:
        for mark in matches_at(_ROLE_MARK, text, brackets):
            if _DIGIT.search(mark.group("r")) or not bracket_role(mark.group("r")):
                continue
            m = _ROLE_NAME.search(text, max(0, mark.start() - NAME_REACH), mark.start())
            if m is not None and not _role(m.group()) and not m.group().endswith(BRACKET_ROLE_ENDINGS):
                out.append((*m.span(), "PERSON", "role_bracket"))
    if "：" in text or ":" in text:
        for m in matches_at(_CREDIT_LIST, text, credit_starts(text)):
            pos, end = m.end(), _line_end(text, m.end())
            while pos < end:
                item = _CREDIT_ITEM.match(text, pos, end)
                if item is None or _role(item.group("n")) or _SENTENCE_END.search(item.group("n")):
                    break
                out.append((*item.span("n"), "PERSON", "credit_list"))
                if item.group("more"):
                    break
                pos = item.end()
    if "/" in text or "／" in text:
        for m in matches_at(_BYLINE, text, brackets):
            # (2/3), (10/13号): dates and counts; (アニメーター/監督): roles
            if not _DIGIT.search(m.group("p")) and not _role(m.group("p")) and not _role(m.group("o")):
                out.append((*m.span("o"), "ORG", "byline"))
                out.append((*m.span("p"), "PERSON", "byline"))
    out.sort()
    return out
