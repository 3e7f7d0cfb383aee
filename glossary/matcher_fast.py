"""Speed-ups of `Glossary.find`, kept apart from the matcher (each is tested equal to the plain code
it stands for in tests/glossary/test_matcher_fast.py; its gain is in bench/README.md, "Speed-ups
kept apart").

- `HiddenKeys`: whether a rejected hit can hide another key at all, known from the keys alone,
  before `Glossary._hidden` searches its window with the overlapping automaton.
"""

from __future__ import annotations

from bisect import bisect_left

_UNKNOWN = object()


class HiddenKeys:
    """Which folded characters after a hit on a key can let `Glossary._hidden` find another key in
    its window. A key kj found there starts at offset a inside the hit (a > 0, or a == 0 and kj
    shorter), and the hit's folded text is the key itself, so either kj lies inside the key (then
    the window always holds it) or kj starts with the key's tail key[a:] and runs on past the hit's
    end, with kj[len(key) - a] as the next character. Computed per key on first need (a glossary
    of 50,000 keys rejects hits on a few hundred of them), from the sorted keys."""

    def __init__(self, keys: list[str]):
        self._keys = keys
        self._key_set = frozenset(keys)
        self._sorted = sorted(keys)
        # key index -> None (a key lies inside it: always search) or the characters that can
        # follow it to continue a key starting inside it
        self._next: dict[int, frozenset[str] | None] = {}

    def may_hide(self, ki: int, following: str) -> bool:
        """Whether a hit on key ki followed by the folded character `following` ("" at the end of
        the text) can hide another key."""
        nxt = self._next.get(ki, _UNKNOWN)
        if nxt is _UNKNOWN:
            nxt = self._next[ki] = self._following(self._keys[ki])
        return nxt is None or following in nxt  # type: ignore[operator]

    def _following(self, key: str) -> frozenset[str] | None:
        chars: set[str] = set()
        for a in range(len(key)):
            tail = key[a:]
            # a key inside: a prefix of the tail (at offset 0, a shorter one than the key)
            if any(tail[:j] in self._key_set for j in range(1, len(tail) + (a > 0))):
                return None
            # keys that start with the tail and run on: their next character
            i = bisect_left(self._sorted, tail)
            while i < len(self._sorted) and self._sorted[i].startswith(tail):
                longer = self._sorted[i]
                if len(longer) > len(tail):
                    chars.add(longer[len(tail)])
                i += 1
        return frozenset(chars)
