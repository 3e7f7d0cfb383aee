"""The recognizer's speed-ups give what their plain definitions give (bench/README.md, "Entities
(issue 17)", session 12): the four rules' evidence words found in one automaton pass
(`cue_spans`) are the spans each rule's own regex alternation finds (`cue_spans_by_regex`), on
words that overlap across the rules (市長: a person's title holding a place's suffix) and on
every livedoor and aozora text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from glossary.recognizer import CUE_SETS, cue_spans, cue_spans_by_regex

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def corpus_texts(name: str) -> list[str]:
    with gzip.open(CORPUS / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line).get("text") or "" for line in f if line.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "小泉元首相と田中市長、東京市長選。",  # 元首相 over 首相; 市長 (person) holds 市 (place)
        "株式会社ミライ社長の山田氏ら、ミライホールディングス社員",  # 株式会社 holds 社; 社長, 氏ら
        "東京国際映画祭、カンヌ映画祭でアカデミー賞。ワールドカップ杯",  # 国際映画祭 over 映画祭
        "宮古島空港駅前の区役所、州立大学",
        "社社社長長市市市",  # one word's occurrences back to back
    ],
)
def test_cue_spans_are_the_regex_alternations_spans(text):
    assert cue_spans(text) == cue_spans_by_regex(text)


def test_cue_sets_each_overlap_another_somewhere():
    # the case the one pass must get right: a word of one set inside a longer word of another
    words = [set(ws) for ws in CUE_SETS]
    assert any(a != b and any(x != y and y in x for x in words[a] for y in words[b])
               for a in range(4) for b in range(4))


@pytest.mark.parametrize("name", ["livedoor", "aozora"])
def test_cue_spans_on_the_corpus(name):
    texts = corpus_texts(name)
    assert texts
    differ = [i for i, t in enumerate(texts) if cue_spans(t) != cue_spans_by_regex(t)]
    assert differ == []
