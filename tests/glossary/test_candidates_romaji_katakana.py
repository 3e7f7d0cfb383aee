"""The romaji of a katakana run from its syllables (glossary.romaji_fast, used by
`RomajiIndex.romaji` for every candidate that is one katakana run) equals pykakasi's romaji of
the whole run: on every katakana run livedoor and aozora hold, on every pair of letters, and on
run-shaped strings; and the index asks pykakasi for syllables, not for each run."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from unittest import mock

import pykakasi
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import candidates as C
from glossary.candidates import RomajiIndex
from glossary.romaji_fast import KatakanaRomaji
from normalizers.chars import KATAKANA_RUN, NAME_JOINERS

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

_KKS = pykakasi.kakasi()
LETTERS = [chr(c) for c in range(ord("\N{KATAKANA LETTER SMALL A}"), ord("\N{KATAKANA LETTER VO}") + 1)]
PROLONGED = "\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}"


def pykakasi_romaji(s: str) -> str:
    """pykakasi's Hepburn of the whole text, lower-case, letters and digits only."""
    return C._NON_ALNUM.sub("", "".join(p["hepburn"] for p in _KKS.convert(s)).lower())


def corpus_katakana_runs() -> set[str]:
    """Every katakana run of livedoor and aozora, half-width katakana made full-width as the
    normalizer makes it (NFKC): a superset of the katakana candidates a run of them collects."""
    runs: set[str] = set()
    for name in ("livedoor", "aozora"):
        with gzip.open(CORPUS / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                runs.update(KATAKANA_RUN.findall(unicodedata.normalize("NFKC", json.loads(line)["text"])))
    return runs


def test_every_katakana_run_of_the_corpora_romanizes_as_pykakasi():
    runs = corpus_katakana_runs()
    assert len(runs) > 30_000
    fast = KatakanaRomaji(pykakasi_romaji)
    assert all(KatakanaRomaji.applies_to(s) for s in runs)
    assert [s for s in runs if fast.romaji(s) != pykakasi_romaji(s)] == []


def test_every_pair_of_letters_and_the_marks_between_them():
    fast = KatakanaRomaji(pykakasi_romaji)
    texts = [a + b for a in LETTERS for b in LETTERS]
    texts += [a + mark + b for a in LETTERS for b in "アカンッ" for mark in (PROLONGED, *NAME_JOINERS)]
    texts += [a + PROLONGED + PROLONGED for a in LETTERS]
    texts = [s for s in texts if KatakanaRomaji.applies_to(s)]
    assert len(texts) > 8_000
    assert [s for s in texts if fast.romaji(s) != pykakasi_romaji(s)] == []


_RUN_CHARS = st.sampled_from(LETTERS + [PROLONGED, PROLONGED, *NAME_JOINERS])


@settings(max_examples=400, deadline=None)
@given(st.lists(_RUN_CHARS, min_size=1, max_size=14).map("".join))
def test_run_shaped_strings_romanize_as_pykakasi(s):
    fast = KatakanaRomaji(pykakasi_romaji)
    if KatakanaRomaji.applies_to(s):
        assert fast.romaji(s) == pykakasi_romaji(s)


def test_the_index_takes_katakana_runs_from_their_syllables():
    """200 distinct runs of 5 syllables: pykakasi converts the syllables, not the runs; a text
    with kanji, hiragana or Latin letters still goes to pykakasi whole."""
    idx = RomajiIndex(mock.Mock(entities={}))
    syllables = ["ア", "ル", "ト", "マン", "ジャ"]
    runs = sorted({"".join(syllables[(i * 7 + k * 3) % 5] for k in range(2 + i % 6)) + "・" + syllables[i % 5] * (1 + i % 4)
                   for i in range(400)})
    assert len(runs) >= 40
    with mock.patch.object(RomajiIndex, "_pykakasi_romaji", autospec=True, side_effect=RomajiIndex._pykakasi_romaji) as conv:
        idx = RomajiIndex(mock.Mock(entities={}))
        got = [idx.romaji(s) for s in runs + ["アルトマン東京", "アルトマンさん", "アルトマンX"]]
    assert got == [pykakasi_romaji(s) for s in runs + ["アルトマン東京", "アルトマンさん", "アルトマンX"]]
    asked = [c.args[1] for c in conv.call_args_list]
    assert len(asked) == len(set(asked)) <= len(syllables) + 1 + 3
    assert {"アルトマン東京", "アルトマンさん", "アルトマンX"} <= set(asked)
