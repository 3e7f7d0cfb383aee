"""Speed-up (the only one of the number tagger): `parse_numeral` memoized.

A corpus names few distinct numerals many times (livedoor: 87,707 numerals read, 3,599
distinct), and `values.parse_numeral` is a pure function of its string, so the handlers read
numerals through this bounded memo instead. `values.parse_numeral` stays the reference: tests
check that this gives the same `Numeral` for every string (tests/normalizers/test_numbers_fast.py)
and that `find_numbers` gives the same matches with either; `bench/numbers_vs_peers.py
--speedups` measures its gain (figures in bench/README.md: it goes if it gains < 3 % end to end).
"""

from __future__ import annotations

from functools import lru_cache

from . import values


@lru_cache(maxsize=8192)
def parse_numeral(s: str) -> values.Numeral | None:
    """`values.parse_numeral(s)`, memoized (a `Numeral` is an immutable named tuple)."""
    return values.parse_numeral(s)


def clear() -> None:
    """Forget the memoized numerals (benchmarks start each timed pass with it)."""
    parse_numeral.cache_clear()
