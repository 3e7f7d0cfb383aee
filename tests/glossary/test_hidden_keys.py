"""`HiddenKeys` (glossary/hidden.py) finds what searching a rejected hit's window again with an
overlapping automaton finds (how `Glossary._hidden` worked before, kept here as the definition)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import ahocorasick_rs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossary import Glossary
from glossary.hidden import HiddenKeys

from .conftest import write_glossary

# Keys that hide each other: one inside another (イヤ in タイヤ, 湾x in 台湾x), one starting inside
# another and running on past it (タイ + イト..., ap + pple, 東湾a + 湾ab). A hidden hit is kept
# only where its own checks pass: 東湾a rejected (case, or a Latin letter after it) hides 東湾, 湾a
# and 湾ab, which start or end at a kanji.
OVERLAPPING = """\
entities:
  - id: thailand
    label: LOCATION
    canonical: Thailand
    canonical_ja: タイ
    variants: [タイ]
  - id: itoyokado
    label: ORG
    canonical: Ito-Yokado
    canonical_ja: イトーヨーカドー
    variants: [イトーヨーカドー, イトヨ]
  - id: taiwan
    label: LOCATION
    canonical: Taiwan
    canonical_ja: 台湾
    variants: [タイワン, 台湾]
  - id: ap
    label: ORG
    canonical: AP
    canonical_ja: AP通信
    variants: [ap]
  - id: apple
    label: ORG
    canonical: Apple
    canonical_ja: アップル
    variants: [apple, pple社, アップル]
  - id: tire
    label: PRODUCT
    canonical: Tire
    canonical_ja: タイヤ
    variants: [タイヤ, イヤ]
  - id: bay
    label: LOCATION
    canonical: Bay A
    canonical_ja: 湾A
    variants: [湾a, 湾ab]
  - id: east_bay
    label: PRODUCT
    canonical: East Bay A
    canonical_ja: 東湾A
    variants:
      - text: 東湾A
        case_sensitive: true
  - id: east_bay_area
    label: LOCATION
    canonical: East Bay Area
    canonical_ja: 東湾
    variants: [東湾]
"""

TEXT = st.lists(
    st.sampled_from(["タイ", "タイト", "イトヨ", "イトーヨーカドー", "タイワン", "タイヤ", "ヤ", "イヤ", "ト", "ル", "ap", "apple",
                     "pple", "社", "app", "le", "x", "アップル", "ー", "・", " ", "の", "\n", "東湾", "湾", "a", "A", "b", "。"]),
    max_size=14,
).map("".join)


def _search_window(g: Glossary) -> Glossary:
    """The glossary finding hidden keys the plain way: every key an overlapping automaton finds
    in the rejected hit's window that starts inside the hit (but the hit's own key at its start)."""
    overlapping = ahocorasick_rs.AhoCorasick(g._keys)

    def hidden(text, f, ft, ki, fs, fe):
        out = []
        for kj, a, b in overlapping.find_matches_as_indexes(ft[fs : fe + g._max_key], overlapping=True):
            if a >= fe - fs or (kj == ki and a == 0):
                continue
            hit = g._check(text, f, ft, kj, fs + a, fs + b)
            if hit is not None:
                hit.keep_text = True
                out.append(hit)
        return out

    g._hidden = hidden  # type: ignore[method-assign]
    return g


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
@example("東湾Ab。")  # 東湾a rejected (b after it) hides 湾ab, which runs on past it
@example("東湾a。")  # 東湾a rejected (case) hides 東湾, a shorter key at its start, and 湾a, its tail
def test_hidden_keys_find_what_searching_the_window_finds(tmp_path_factory, text):
    gdir = write_glossary(tmp_path_factory.mktemp("g"), OVERLAPPING, corrections=None)
    plain = _search_window(Glossary.load(gdir))
    indexed = Glossary.load(gdir)
    for surface in ("en", "keep"):
        assert indexed.find(text, surface=surface) == plain.find(text, surface=surface)


def test_hidden_keys_from_the_keys():
    keys = ["たい", "いとよ", "たいわん", "ap", "pple社", "apple", "たいや", "いや"]
    hides = HiddenKeys(keys)
    # たい: いとよ and いや start inside it and run on with と / や; たいわん and たいや start with it
    assert hides.candidates(0, "と") == [(1, 1)]
    assert sorted(hides.candidates(0, "や")) == [(0, 6), (1, 7)]
    assert hides.candidates(0, "わ") == [(0, 2)]
    assert hides.candidates(0, "x") == hides.candidates(0, "") == []  # nothing runs on with x, or at the end
    assert sorted(hides.candidates(6, "")) == [(0, 0), (1, 7)]  # たい and いや inside たいや
    assert hides.candidates(5, "") == [(0, 3)]  # ap inside apple
    assert hides.candidates(3, "x") == [] and sorted(hides.candidates(3, "p")) == [(0, 5), (1, 4)]  # ap + ple / ap + ple社


LIVEDOOR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "livedoor.jsonl.gz"


def test_hidden_keys_on_livedoor_with_the_shipped_glossary():
    """The shipped glossary's keys hide each other in ways no fixture lists (タイ before イ..., ap
    in apple): the first 300 livedoor documents give the same matches both ways."""
    indexed, plain = Glossary.load(), _search_window(Glossary.load())
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(300), lines)]
    assert sum(len(indexed.find(t)) for t in texts) > 300
    for t in texts:
        assert indexed.find(t) == plain.find(t)
