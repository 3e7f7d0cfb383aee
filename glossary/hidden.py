"""Keys a rejected hit hides: what `Glossary._hidden` looks for inside a LeftmostLongest hit that
failed its checks (ウルトラマンサーガ hides nothing; a rejected 東湾a, case-sensitive, hides 湾a).

The automaton reports one hit per start, the longest; when that hit fails, a shorter key at the
same start, or a key starting inside it, may hold. The hit's folded text is the key itself, so
which keys can be found there is known from the keys alone: a key kj at offset a of key k either
lies inside k (k[a:] starts with kj: it is there for sure) or starts with k's tail k[a:] and runs
on past the hit's end (it is there when the folded text after the hit goes on as kj does). Both
lists are built once per key, on its first rejected hit, from the sorted keys; most keys hide
nothing, and the others only a few keys after a given next character. This replaced searching
the window again with a second, overlapping automaton (`tests/glossary/test_hidden_keys.py`
keeps that search as the definition and checks both find the same hits).
"""

from __future__ import annotations

from bisect import bisect_left


class HiddenKeys:
    """Per key index: the (offset, key index) pairs a rejected hit on it can hide."""

    def __init__(self, keys: list[str]):
        self._keys = keys
        self._index = {k: i for i, k in enumerate(keys)}
        self._sorted = sorted(self._index)
        # key index -> (the keys inside it, {next character: the keys that run on with it})
        self._by_key: dict[int, tuple[list[tuple[int, int]], dict[str, list[tuple[int, int]]]]] = {}

    def candidates(self, ki: int, following: str) -> list[tuple[int, int]]:
        """(offset, key index) of the keys that may lie at an offset inside a hit on key ki, given
        `following`, the folded character after the hit ("" at the end of the text). Those inside
        the key are there; the others must be checked against the text after the hit."""
        got = self._by_key.get(ki)
        if got is None:
            got = self._by_key[ki] = self._hidden_by(self._keys[ki])
        inside, running_on = got
        more = running_on.get(following)
        return inside + more if more else inside

    def _hidden_by(self, key: str) -> tuple[list[tuple[int, int]], dict[str, list[tuple[int, int]]]]:
        inside: list[tuple[int, int]] = []
        running_on: dict[str, list[tuple[int, int]]] = {}
        for a in range(len(key)):
            tail = key[a:]
            # the keys inside: prefixes of the tail (at offset 0, shorter than the key)
            for j in range(1, len(tail) + (a > 0)):
                kj = self._index.get(tail[:j])
                if kj is not None:
                    inside.append((a, kj))
            # the keys that start with the tail and run on, by their next character
            i = bisect_left(self._sorted, tail)
            while i < len(self._sorted) and self._sorted[i].startswith(tail):
                longer = self._sorted[i]
                if len(longer) > len(tail):
                    running_on.setdefault(longer[len(tail)], []).append((a, self._index[longer]))
                i += 1
        return inside, running_on
