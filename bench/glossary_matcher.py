"""Throughput of Glossary.find on livedoor text: the shipped glossary and a 50,000-term one.

    .venv/bin/python bench/glossary_matcher.py [--docs N]

Each find() timing is paired with `neologdn.normalize` on the same texts, timed right before it
(the machine is shared: only the ratio is comparable between runs). The target is find() with
fuzzy on at 8x neologdn's MB/s or more.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "glossary"))

from glossary import Glossary  # noqa: E402
from normalizers import Normalizer  # noqa: E402

LIVEDOOR = Path("/work/shared/corpus/livedoor.jsonl.gz")


def texts(n: int) -> list[str]:
    out = []
    norm = Normalizer(None)  # find runs on character-normalized text, as in the pipeline
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(norm.normalize(json.loads(line)["text"]).text)
            if len(out) >= n:
                break
    return out


def run(name: str, g: Glossary, docs: list[str], load_s: float, repeat: int) -> None:
    import neologdn

    mb = sum(len(t.encode()) for t in docs) / 1e6
    for t in docs[:50]:
        g.find(t)  # warm up (first touches of the automaton's memory)
    for fuzzy in (False, True):
        neos, finds = [], []
        for _ in range(repeat):  # alternate neologdn and find; the fastest of each
            t0 = time.perf_counter()
            for t in docs:
                neologdn.normalize(t)
            neos.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            n = sum(len(g.find(t, fuzzy=fuzzy)) for t in docs)
            finds.append(time.perf_counter() - t0)
        neo, s = min(neos), min(finds)
        print(
            f"{name:28s} fuzzy={fuzzy!s:5s} load {load_s:6.2f}s  {mb:.2f} MB in {s:.3f}s = {mb / s:6.2f} MB/s"
            f"  neologdn {mb / neo:5.2f} MB/s  ratio {neo / s:5.2f}x  {n} matches"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = texts(args.docs)
    try:
        t0 = time.perf_counter()
        g = Glossary.load(None)
        run(f"shipped ({len(g.entities)} entities)", g, docs, time.perf_counter() - t0, args.repeat)
    except Exception as e:  # noqa: BLE001 - the data may be mid-edit; the synthetic run still says something
        print(f"shipped glossary: not loaded: {str(e).splitlines()[0]}")
    from test_shipped_and_scale import synthetic_glossary

    with tempfile.TemporaryDirectory() as tmp:
        d, _ = synthetic_glossary(Path(tmp), 50_000)
        t0 = time.perf_counter()
        g = Glossary.load(d)
        run("synthetic (50,000 terms)", g, docs, time.perf_counter() - t0, args.repeat)


if __name__ == "__main__":
    main()
