"""`RomajiIndex.suggest_many` compares a romaji only with the keys whose length lets it reach
SUGGEST_MIN_SCORE, and answers what comparing it with every key answers (`_nearest_keys`
without `at_least`): the same entity, score and romaji, ties going to the first key."""

from __future__ import annotations

import random
from unittest import mock

from glossary import candidates as C
from glossary.candidates import RomajiIndex


def _index(keys: list[str]) -> RomajiIndex:
    idx = RomajiIndex(mock.Mock(entities={}))
    idx.keys = list(keys)
    idx.ids = [f"e{i}" for i in range(len(keys))]
    return idx


def _against_every_key(idx: RomajiIndex, surfaces: list[str]):
    every_key = RomajiIndex._nearest_keys
    with mock.patch.object(RomajiIndex, "_nearest_keys", lambda self, s, at_least=0.0: every_key(self, s)):
        return idx.suggest_many(surfaces)


def test_suggest_many_equals_comparing_with_every_key(monkeypatch):
    monkeypatch.setattr(C, "SUGGEST_CHUNK", 5)
    rng = random.Random(7)

    def word(n: int) -> str:
        return "".join(rng.choice("ab") for _ in range(n))

    # Two letters, lengths 1..30: many keys at the edge of the length bound, many equal scores.
    keys = [word(rng.randint(1, 30)) for _ in range(300)]
    keys += [k + k[-1:] for k in keys[:40]] + [k[:-1] for k in keys[40:80]]
    idx = _index(keys)
    surfaces = [word(rng.randint(1, 32)) for _ in range(600)] + keys[:50] + ["", "・", "アイ", "AB"]
    got = idx.suggest_many(surfaces)
    assert got == _against_every_key(idx, surfaces)
    assert sum(e is not None for e, _, _ in got) > 50
    assert got == [idx.suggest(s) for s in surfaces]


def test_suggest_many_on_the_shipped_glossary(glossary):
    surfaces = ["アルトマーン", "Altmann", "マイクロソフド", "ブルーベリー", "オープンエーアイ", "ｻﾑ", "サム・アルトマン",
                "Nvidiaa", "マイクロソフト", "!!", ""]
    idx = RomajiIndex(glossary)
    assert idx.suggest_many(surfaces) == _against_every_key(idx, surfaces)


def test_a_romaji_meets_only_keys_of_a_length_it_can_match():
    keys = ["a" * n for n in range(1, 41)]
    idx = _index(keys)
    cells = []
    cdist = C.process.cdist

    def counting(queries, choices, **kw):
        cells.append(len(queries) * len(choices))
        return cdist(queries, choices, **kw)

    with mock.patch.object(C.process, "cdist", counting):
        got = idx.suggest_many(["aaaaaaaaaa", "aaaaabaaaa"])
    assert got[0] == ("e9", 1.0, "aaaaaaaaaa") and got[1] == ("e8", 0.947, "aaaaabaaaa")
    # length 10 reaches 0.92 only against lengths 9..11 (10/21 = 0.952, 8/18 = 0.889)
    assert sum(cells) == 2 * 3
