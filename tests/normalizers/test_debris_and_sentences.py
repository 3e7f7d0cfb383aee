"""Debris rules on the seeds (what goes) and on livedoor (nothing goes); sentence splitting."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import NormalizeConfig, Normalizer
from normalizers.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[3] / "shared"
NORMALIZER = Normalizer(config=NormalizeConfig(tag_numbers=False))


def seed(prefix: str) -> str:
    (path,) = (SHARED / "seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def debris_removed(raw: str) -> list[tuple[str, str]]:
    """(rule, removed raw line) for every raw line a debris rule removed."""
    doc = NORMALIZER.normalize(raw)
    out = []
    for e in doc.edits:
        names = [r for r in e.rule.split("+") if r.startswith("debris_")]
        if names:
            out += [(e.rule, line.strip()) for line in e.before.split("\n") if line.strip()]
    return out


def test_seed_000_debris():
    removed = [line for _, line in debris_removed(seed("000"))]
    assert removed[:2] == ["• abmhh", "• 0 comments"]
    adverts = removed[2:]
    assert adverts[0] == "🎃ブラックフライデーのお得な早期セール🦃"
    assert len(adverts) == 11 and all(a.startswith("• ") and a.endswith("お得!)") for a in adverts[1:])
    text = NORMALIZER.normalize(seed("000")).text
    assert "お得!)" not in text and "abmhh" not in text and "comments" not in text
    # The article around the block is all there.
    assert "組織犯罪への関与疑惑でイーロン・マスク氏から非難を浴びています。\n\nケビン・オケムワは" in text


def test_seed_004_language_menu():
    removed = debris_removed(seed("004"))
    assert [rule.split("+")[0] for rule, _ in removed] == ["debris_language_menu"]
    assert removed[0][1].startswith("한어Русский языкEnglishFrançais")


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_seeds_without_debris(prefix):
    assert debris_removed(seed(prefix)) == []


def test_livedoor_loses_no_line():
    """No debris rule removes any line of the 7,367 livedoor documents (all real articles)."""
    removed = []
    with gzip.open(SHARED / "corpus" / "livedoor.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            removed += [(doc["id"], r) for r in debris_removed(doc["text"])]
    assert removed == []


def test_handle_needs_a_counter():
    assert NORMALIZER.normalize("本文。\n• abmhh\n次の行。").text == "本文。\n• abmhh\n次の行。"
    assert NORMALIZER.normalize("本文。\n• abmhh\n• 3 comments\n次の行。").text == "本文。\n次の行。"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("これは文です。次の文!最後?", ["これは文です。", "次の文!", "最後?"]),
        ("一行目\n二行目。\n\n三行目", ["一行目", "二行目。", "三行目"]),
        ("「本当ですか。嘘でしょう!」と彼は言った。次。", ["「本当ですか。嘘でしょう!」と彼は言った。", "次。"]),
        ("私も喜んでやります!」 マスク氏は言った。", ["私も喜んでやります!」", "マスク氏は言った。"]),
        ("Yahoo!ニュースによると、発表された。", ["Yahoo!ニュースによると、発表された。"]),
        ("Yahoo! JAPANが発表。Wow!\n次", ["Yahoo! JAPANが発表。", "Wow!", "次"]),
        ("価格は2.5%上昇した。GPT-4o.", ["価格は2.5%上昇した。", "GPT-4o."]),
        ("である.次に進む。", ["である.", "次に進む。"]),
        ("(250ドルお得!)です。", ["(250ドルお得!)です。"]),
        ("  前後の空白。  ", ["前後の空白。"]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_sentence_offsets_cover_text():
    text = NORMALIZER.normalize(seed("000")).text
    spans = split_sentences(text)
    assert spans and all(a < b for a, b in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    # Only whitespace lies between sentences.
    gaps = [text[e1:s2] for (_, e1), (s2, _) in zip(spans, spans[1:])]
    assert all(not g.strip() for g in gaps)


def test_shared_needle_scan_is_exact():
    """The debris prechecks share one findall per text (`TriggerScan.substrings_in`): it must
    find every needle that occurs, including next to or inside other needles' text, and agree
    with plain `in` checks."""
    from normalizers import Normalizer
    from normalizers.rules import TriggerScan, overlapping

    scan = TriggerScan(Normalizer().rules)
    assert len(scan.substrings) >= 10 and not overlapping(scan.substrings)
    assert overlapping({"ab", "bc"}) and overlapping({"abc", "b"})
    needles = sorted(scan.substrings)
    text = "".join(needles) + "|お得|Commentコメント"
    for k in range(len(text)):
        part = text[k:]
        assert scan.substrings_in(part) == {n for n in needles if n in part}


@pytest.mark.parametrize(
    "quoted",
    ["「本当だ。」", "「本当だ。！」", "「本当だ。とした」", "(a.b)", "【速報。?】", "『!?』", "「。」」"],
)
def test_mask_keeps_the_tail(quoted):
    """`_mask` keeps what the regex `[。！？．!?]*[closers]\\Z` found before it was an rstrip."""
    import re

    from normalizers.sentences import _CLOSERS, _FILLER, _QUOTED, _mask

    for m in _QUOTED.finditer(quoted):
        keep = re.search(f"[。！？．!?]*[{_CLOSERS}]\\Z", m.group()).start()
        assert _mask(m) == _FILLER * keep + m.group()[keep:]


def test_an_overlapping_needle_is_refused_when_its_table_is_built():
    """`Comm` lies inside `Comment`: the shared scan would find one of them only. A table that
    holds both is refused when its scan is built (by `Normalizer()`, before any document)."""
    import re

    from normalizers.debris import DEBRIS_RULES
    from normalizers.rules import Rule, TriggerScan

    comm = Rule("comm", pattern=re.compile("Comm"), replace="", doc="", substrings=frozenset({"Comm"}))
    TriggerScan(DEBRIS_RULES)  # the shipped table: no overlap
    with pytest.raises(ValueError, match="overlap"):
        TriggerScan([*DEBRIS_RULES, comm])


_QUOTE_PIECES = list("「」『』（）()【】。！？．!?.\nあ語a ") + ["」と", "。」", "Yahoo!"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_QUOTE_PIECES), max_size=40).map("".join))
def test_masked_is_the_regex_substitution(text):
    # The definition: every quote holding a terminator replaced by `_mask`, as `re.sub` finds them.
    from normalizers.sentences import _QUOTED, _mask, masked

    assert masked(text) == _QUOTED.sub(_mask, text)
