"""The shipped glossary on real text (livedoor, seeds), and the matcher at 50,000 terms."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from glossary import Glossary, lint
from glossary.loader import SHIPPED_DIR

# Beside this checkout, wherever it is (tests/conftest.py stops the session when they are missing).
SHARED = Path(__file__).resolve().parents[3] / "shared"
LIVEDOOR = SHARED / "corpus" / "livedoor.jsonl.gz"
SEEDS = SHARED / "seeds"
needs_shipped = pytest.mark.skipif(not (SHIPPED_DIR / "entities.yaml").exists(), reason="no shipped glossary yet")


def _normalized(texts):
    from normalizers import Normalizer

    n = Normalizer(None)
    return [n.normalize(t).text for t in texts]


def _livedoor(word: str) -> list[str]:
    out = []
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            t = (d.get("title") or "") + "\n" + d["text"]
            if word in t:
                out.append(t)
    return out


@pytest.fixture(scope="module")
def shipped():
    return Glossary.load(None)


@needs_shipped
def test_shipped_glossary_lints_clean():
    errors = [str(i) for i in lint(None) if i.severity == "error"]
    assert errors == []


@needs_shipped
def test_no_altman_in_the_ultraman_articles(shipped):
    texts = _normalized(_livedoor("ウルトラマン"))
    assert len(texts) == 16
    assert sum(t.count("ウルトラマン") for t in texts) >= 100
    links = [(t[m.start : m.end], m.method) for t in texts for m in shipped.find(t) if m.entity_id == "sam_altman"]
    assert links == []


@needs_shipped
def test_face_masks_are_not_musk(shipped):
    texts = _normalized([t for t in _livedoor("マスク") if "イーロン" not in t and "テスラ" not in t])
    assert len(texts) > 10
    musk = [t[max(0, m.start - 10) : m.end + 10] for t in texts for m in shipped.find(t) if m.entity_id == "elon_musk"]
    assert musk == []


@needs_shipped
def test_seed_ultraman_is_altman(shipped):
    t = _normalized([(SEEDS / "001_be0c72954be3d6da.txt").read_text(encoding="utf-8")])[0]
    ultra = [m for m in shipped.find(t) if t[m.start : m.end] == "ウルトラマン"]
    assert ultra and {m.entity_id for m in ultra} == {"sam_altman"}


def synthetic_glossary(tmp_path: Path, n: int, seed: int = 0) -> tuple[Path, list[str]]:
    """n random katakana and Latin names in one YAML file (loaded through the real path)."""
    rnd = random.Random(seed)
    kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
    names: set[str] = set()
    while len(names) < n:
        if rnd.random() < 0.5:
            names.add("".join(rnd.choice(kana) for _ in range(rnd.randint(4, 9))))
        else:
            names.add("".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(5, 10))).capitalize())
    names_l = sorted(names)
    lines = ["entities:"]
    for i, name in enumerate(names_l):
        lines.append(f"  - {{id: e{i}, label: ORG, canonical: Org{i}, canonical_ja: オーグ{i}, variants: [{name}]}}")
    d = tmp_path / "synthetic"
    d.mkdir()
    (d / "entities.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d, names_l


def test_fifty_thousand_terms(tmp_path):
    # A 50,000-term glossary loads through the real path (YAML, lint, compile) and finds every
    # planted name. Its speed is measured in bench/glossary_matcher.py, not asserted here:
    # a timing bound measures the machine (it failed at load 27 with a wall-clock bound).
    d, names = synthetic_glossary(tmp_path, 50_000)
    g = Glossary.load(d)
    rnd = random.Random(1)
    planted = rnd.sample(names, 200)
    parts, expected = [], []
    for name in planted:
        parts.append("。今日は晴れ、")
        expected.append(name)
        parts.append(name)
    text = "".join(parts) + "。"
    ms = g.find(text)
    assert [text[m.start : m.end] for m in ms if m.method == "glossary"] == expected
