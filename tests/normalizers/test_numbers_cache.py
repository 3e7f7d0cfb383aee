"""The cross-document cache of find_numbers never changes a result (it only skips work)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import normalizers.numbers as numbers
from normalizers.numbers import find_numbers

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "numbers"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "livedoor.jsonl.gz"


def _golden_texts() -> list[str]:
    out = []
    for name in ("handwritten.tsv", "synthetic.tsv", "must_not_tag.txt"):
        for line in (GOLDEN / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                out.append(line.split("\t")[0])
    return out


def _uncached(text: str):
    saved = numbers._USE_CACHE
    numbers._USE_CACHE = False
    try:
        return find_numbers(text)
    finally:
        numbers._USE_CACHE = saved


def _check(texts: list[str]) -> None:
    numbers._CACHE.clear()
    for _ in range(2):  # cold, then warm: every window of the second pass is a cache hit
        for text in texts:
            assert find_numbers(text) == _uncached(text), text


def test_cache_is_transparent_on_golden_texts():
    texts = _golden_texts()
    # the same numbers after other left contexts: qualifiers, signs, identifiers, eras, spaces
    texts += [p + t for t in texts[:200] for p in ("約", "マイナス", "GPT-", "平成", " ", "約 ", "\n")]
    _check(texts)


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/corpus not present")
def test_cache_is_transparent_on_livedoor():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(400), f)]
    _check(texts)
