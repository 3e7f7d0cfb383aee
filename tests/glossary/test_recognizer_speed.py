"""The recognizer's speed-ups give what their plain definitions give (bench/README.md, "Entities
(issue 17)", session 12). `scan` reads each text once; from what it finds:

- the four rules' evidence words (`cue_spans`) are the spans each rule's own regex alternation
  finds (`cue_spans_by_regex`), also where words overlap across the rules (市長: a person's title
  holding a place's suffix);
- the Latin names' matches (`latin_matches`) are `_LATIN.finditer`'s (`latin_by_regex`);
- the listed people (`_listed_people`) are the automaton's (`listed_by_automaton`);

and, without a scan of their own, the patterns tried only where they can start
(`name_context.matches_at`: the marks led by an opening bracket at `open_brackets`, the credit
lists at `credit_starts`, the model codes at `name_forms.model_hint_starts`) and the cue quotes
read from each 「 (`cue_quotes`) are their regexes' `finditer`;

on crafted texts and on every livedoor and aozora text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from glossary import name_context, name_forms
from glossary.namelists import person_names
from glossary.recognizer import (
    CUE_SETS,
    NameRecognizer,
    cue_spans,
    cue_quotes,
    cue_quotes_by_regex,
    cue_spans_by_regex,
    latin_by_regex,
    latin_matches,
    listed_by_automaton,
    people_automaton,
    scan,
)

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
PEOPLE = {"松本人志": "松本", "夏目漱石": "", "中井貴一": "中井", "山田太郎": "山田", "𠮷田太郎": "𠮷田"}

CRAFTED = [
    "",
    "A",
    "松本人志",
    "小泉元首相と田中市長、東京市長選。",  # 元首相 over 首相; 市長 (person) holds 市 (place)
    "株式会社ミライ社長の山田氏ら、ミライホールディングス社員",  # 株式会社 holds 社; 社長, 氏ら
    "東京国際映画祭、カンヌ映画祭でアカデミー賞。ワールドカップ杯",  # 国際映画祭 over 映画祭
    "宮古島空港駅前の区役所、州立大学",
    "社社社長長市市市",  # one word's occurrences back to back
    "Sony Ericsson Mobile社のXperia arcとiPhone、x-Box、ソニーAndroid、漢字Apple、.NET、d'Arc",
    "ーApple ・Google ｱApple 々Apple 〆Apple ヶApple 𠮷Apple",  # after ー, ・, half-width, 々〆ヶ, an astral kanji
    "松本人志は夏目漱石賞を、中井貴一と山田太郎松本人志、𠮷田太郎、夏目漱石",
    "Inc. Corp. ABC Inc.と XYZ社 (C) 2012 Acme Films",
    "映画「A」新曲の「B」曲「」作品「ab「c」」楽曲「D。」の「E」「F」映画の「G」ドラマ「H」",
    "有希子(32才)、（ 3歳）((1歳))(オフィス/佐枝せつこ)\n（編集者/ライター）(詩織役)（（助監督））(",
    "声の出演：山田、田中\n映画監督：佐藤 出演:鈴木 監督：：キャスト： ARROWS X F-10D、ISW11SC、IS12-34A、IS-10D、--10A",
]


def corpus_texts(name: str) -> list[str]:
    with gzip.open(CORPUS / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line).get("text") or "" for line in f if line.strip()]


def latin_spans(matches) -> list[tuple]:
    return [(m.span(), m.span("n"), m.span("org"), m.groups()) for m in matches]


def listed(text: str, names: dict[str, str]) -> list[tuple[int, int]]:
    found: list = []
    NameRecognizer(person_names=names)._listed_people(text, found.append, scan(text)[1])
    return [(m.start, m.end) for m in found]


def differences(text: str, names: dict[str, str], automaton) -> list[str]:
    starts, _, hits = scan(text)
    out = []
    if cue_spans(hits) != cue_spans_by_regex(text):
        out.append("cues")
    if latin_spans(latin_matches(text, starts)) != latin_spans(latin_by_regex(text)):
        out.append("latin")
    if listed(text, names) != listed_by_automaton(text, automaton):
        out.append("people")
    if [m.span() for m in cue_quotes(text)] != [m.span() for m in cue_quotes_by_regex(text)]:
        out.append("cue_quote")
    brackets = name_context.open_brackets(text)
    for rx, starts in ((name_context._AGE_MARK, brackets), (name_context._ROLE_MARK, brackets),
                       (name_context._BYLINE, brackets), (name_context._CREDIT_LIST, name_context.credit_starts(text)),
                       (name_forms._MODEL_HINT, name_forms.model_hint_starts(text))):
        if [m.span() for m in name_context.matches_at(rx, text, starts)] != [m.span() for m in rx.finditer(text)]:
            out.append(rx.pattern[:12])
    return out


@pytest.mark.parametrize("text", CRAFTED)
def test_what_scan_finds_is_the_definitions(text):
    assert differences(text, PEOPLE, people_automaton(PEOPLE)) == []


def test_crafted_texts_hold_every_case():
    assert any(cue_spans_by_regex(t)[0] and cue_spans_by_regex(t)[2] for t in CRAFTED)
    assert len(listed_by_automaton(CRAFTED[10], people_automaton(PEOPLE))) == 4  # 松本人志は, 中井貴一, 𠮷田太郎, 夏目漱石
    assert sum(len(latin_by_regex(t)) for t in CRAFTED) >= 10
    assert len(cue_quotes_by_regex(CRAFTED[-3])) == 4  # A, の「B」, の「G」, H
    assert all(list(rx.finditer(CRAFTED[-2]))
               for rx in (name_context._AGE_MARK, name_context._ROLE_MARK, name_context._BYLINE))
    assert all(len(list(rx.finditer(CRAFTED[-1]))) >= 4 for rx in (name_context._CREDIT_LIST, name_forms._MODEL_HINT))


def test_cue_sets_each_overlap_another_somewhere():
    # the case the one pass must get right: a word of one set inside a longer word of another
    words = [set(ws) for ws in CUE_SETS]
    assert any(a != b and any(x != y and y in x for x in words[a] for y in words[b])
               for a in range(4) for b in range(4))


@pytest.mark.parametrize("name", ["livedoor", "aozora"])
def test_what_scan_finds_on_the_corpus(name):
    texts = corpus_texts(name)
    names = person_names() or PEOPLE
    automaton = people_automaton(names)
    assert texts
    differ = [(i, d) for i, t in enumerate(texts) if (d := differences(t, names, automaton))]
    assert differ == []


def test_the_scan_table_is_the_classes():
    from glossary.cues import _BMP_BITS, _bits

    assert [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and _BMP_BITS[c] != _bits(chr(c))] == []
