"""`RomajiIndex.suggest_many` keeps each surface's answer: the flow asks for the shards' surfaces
while they run (flows.suggestions) and finalize-run asks for the whole run's; the answers are
those of one call over all of them, and a surface is compared with the keys once."""

from __future__ import annotations

import random
from unittest import mock

from glossary.candidates import RomajiIndex


def _index(keys: list[str], cache_size: int = 100_000) -> RomajiIndex:
    idx = RomajiIndex(mock.Mock(entities={}), cache_size=cache_size)
    idx.keys = list(keys)
    idx.ids = [f"e{i}" for i in range(len(keys))]
    return idx


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice("abc") for _ in range(rng.randint(1, 12))) for _ in range(n)]


def test_answers_asked_in_pieces_equal_one_call_and_each_surface_is_compared_once():
    rng = random.Random(3)
    keys = _words(rng, 200)
    surfaces = _words(rng, 400) + keys[:30] + ["", "アイ", "AB"]
    whole = _index(keys).suggest_many(surfaces)
    idx = _index(keys)
    compared: list[str] = []
    nearest = RomajiIndex._nearest_keys

    def counting(self, todo, at_least=0.0):
        compared.extend(todo)
        return nearest(self, todo, at_least)

    with mock.patch.object(RomajiIndex, "_nearest_keys", counting):
        for a in range(0, len(surfaces), 97):  # overlapping pieces, in another order
            piece = surfaces[a : a + 150]
            assert idx.suggest_many(piece[::-1]) == [whole[surfaces.index(s)] for s in piece[::-1]]
        assert idx.suggest_many(surfaces) == whole
    assert sorted(compared) == sorted(set(surfaces))


def test_a_full_store_starts_again_and_still_answers_right():
    rng = random.Random(5)
    keys = _words(rng, 50)
    surfaces = _words(rng, 300)
    whole = _index(keys).suggest_many(surfaces)
    small = _index(keys, cache_size=40)
    for a in range(0, len(surfaces), 30):
        assert small.suggest_many(surfaces[a : a + 30]) == whole[a : a + 30]
    assert small.suggest_many(surfaces) == whole
