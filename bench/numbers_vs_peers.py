"""Number parsing vs peers on the golden cases (value only), and our throughput on livedoor.

Run: .venv/bin/python bench/numbers_vs_peers.py [N_DOCS]
     .venv/bin/python bench/numbers_vs_peers.py [N_DOCS] --speedups [--rounds R]
     .venv/bin/python -c "import bench.numbers_vs_peers as b; b.throughput()"   (throughput only)
`--speedups` times the number tagger's speed-up (`normalizers/numbers/_fast.py`) against the
reference it replaces, alone and end to end, beside neologdn (see `speedups`).
Peers do not find spans or currencies, so each gets the golden *surface* and is scored on the
value (or the low bound of a range/vague number). neologdn only normalizes text: it is scored
through the naive baseline on its output.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalizers.numbers import find_numbers  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "numbers"
LIVEDOOR = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"


def cases():
    for name in ("handwritten.tsv", "synthetic.tsv"):
        for line in (GOLDEN / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            c = (line.split("\t") + [""] * 11)[:11]
            want = c[3] or c[4]  # the value, else the low bound
            if want:
                yield c[0], c[1], float(want)


_NAIVE = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)(万|億|兆)?")
_MULT = {"万": 1e4, "億": 1e8, "兆": 1e12, None: 1}


def naive(surface: str) -> float | None:
    m = _NAIVE.search(surface)
    return float(m.group(1).replace(",", "")) * _MULT[m.group(2)] if m else None


def ours(text: str, surface: str) -> float | None:
    for m in find_numbers(text):
        if text[m.start : m.end] == surface:
            return m.value if m.value is not None else m.value_low
    return None


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n_docs", nargs="?", type=int, default=None, help="only the first N livedoor docs")
    ap.add_argument("--speedups", action="store_true", help="time _fast against the reference instead")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if args.speedups:
        speedups(args.n_docs, args.rounds)
    else:
        quality_and_throughput(args.n_docs)


def quality_and_throughput(n_docs: int | None) -> None:
    import kanjize
    import neologdn

    def kanjize_value(surface: str) -> float | None:
        core = re.sub(r"[^0-9〇一二三四五六七八九十百千万億兆,.]", "", surface).replace(",", "")
        try:
            return float(kanjize.kanji2number(core))
        except Exception:
            try:
                return float(core)
            except ValueError:
                return None

    peers = {
        "tadasu.find_numbers": lambda t, s: ours(t, s),
        "kanjize.kanji2number": lambda t, s: kanjize_value(s),
        "neologdn + naive": lambda t, s: naive(neologdn.normalize(s)),
        "naive regex": lambda t, s: naive(s),
    }
    data = list(cases())
    print(f"{len(data)} golden cases with a value")
    print(f"{'parser':24} {'right':>6} {'share':>7}")
    for name, fn in peers.items():
        right = 0
        for text, surface, want in data:
            got = fn(text, surface)
            right += got is not None and abs(got - want) <= 1e-9 * max(1.0, abs(want))
        print(f"{name:24} {right:6d} {right / len(data):7.1%}")

    throughput(n_docs)


def throughput(n_docs: int | None = None, rounds: int = 3) -> None:
    """MB/s of find_numbers and of neologdn.normalize on the same livedoor texts, in one run.

    The machine is shared, so the two are timed alternately, `rounds` times each, in CPU time of
    this process (`time.process_time`: wall time swings with the other jobs), and the ratio is
    taken per round (ours / neologdn's, under the same load). find_numbers keeps no state across
    documents, so every round is the same work.
    """
    import neologdn

    docs = [json.loads(line)["text"] for line in gzip.open(LIVEDOOR, "rt", encoding="utf-8")][:n_docs]
    mb = sum(len(d.encode()) for d in docs) / 1e6
    ours, neo, ratios = [], [], []
    found = 0
    for _ in range(rounds):
        t0 = time.process_time()
        found = sum(len(find_numbers(d)) for d in docs)
        a = mb / (time.process_time() - t0)
        t0 = time.process_time()
        for d in docs:
            neologdn.normalize(d)
        b = mb / (time.process_time() - t0)
        ours.append(a)
        neo.append(b)
        ratios.append(a / b)
    print(f"\nlivedoor: {len(docs)} docs, {mb:.1f} MB, {found} numbers; {rounds} alternating rounds")
    print(f"{'find_numbers':24} " + " ".join(f"{x:6.1f}" for x in ours) + "  MB/s (CPU time)")
    print(f"{'neologdn.normalize':24} " + " ".join(f"{x:6.1f}" for x in neo) + "  MB/s  (reference)")
    print(f"{'ratio (same round)':24} " + " ".join(f"{x:6.2f}" for x in ratios) + f"  median {sorted(ratios)[len(ratios) // 2]:.2f}")


def speedups(n_docs: int | None = None, rounds: int = 3, chunk: int = 100) -> None:
    """CPU seconds over livedoor of find_numbers and of `Normalizer().normalize` (every stage,
    as bench/normalizer_vs_neologdn.py times it), each with the `_fast` memo of parse_numeral
    and with the reference `values.parse_numeral` it replaces, and of neologdn.normalize. The
    machine is shared: the contenders take turns chunk by chunk (`chunk` documents, the order
    rotating), so the load of the moment falls on all of them; each round is one pass over the
    corpus, the memo cleared at its start. The gain is the reference's time over the memo's,
    minus one."""
    import neologdn

    from normalizers import Normalizer
    from normalizers.numbers import _fast, amounts, dates, values

    docs = [json.loads(line)["text"] for line in gzip.open(LIVEDOOR, "rt", encoding="utf-8")][:n_docs]
    mb = sum(len(d.encode()) for d in docs) / 1e6
    normalizer = Normalizer()
    contenders = {
        "find memo": (find_numbers, _fast.parse_numeral), "find reference": (find_numbers, values.parse_numeral),
        "e2e memo": (normalizer.normalize, _fast.parse_numeral),
        "e2e reference": (normalizer.normalize, values.parse_numeral), "neologdn": (neologdn.normalize, None),
    }
    rows: dict[str, list[float]] = {k: [] for k in contenders}
    names = list(contenders)
    try:
        for _ in range(rounds):
            _fast.clear()
            seconds = dict.fromkeys(contenders, 0.0)
            for k, i in enumerate(range(0, len(docs), chunk)):
                part = docs[i : i + chunk]
                for name in names[k % len(names):] + names[: k % len(names)]:
                    fn, parse = contenders[name]
                    if parse is not None:
                        dates.parse_numeral = amounts.parse_numeral = parse
                    t0 = time.process_time()
                    for d in part:
                        fn(d)
                    seconds[name] += time.process_time() - t0
            for name, sec in seconds.items():
                rows[name].append(sec)
    finally:
        dates.parse_numeral = amounts.parse_numeral = _fast.parse_numeral
    print(f"livedoor: {len(docs)} docs, {mb:.1f} MB; {rounds} rounds, contenders interleaved every {chunk} docs; "
          "CPU s per pass")
    for name, secs in rows.items():
        print(f"{name:16} " + " ".join(f"{x:6.2f}" for x in secs) + f"   best {min(secs):6.2f} s  {mb / min(secs):5.1f} MB/s")
    for what in ("find", "e2e"):
        gains = [r / m - 1 for m, r in zip(rows[f"{what} memo"], rows[f"{what} reference"])]
        print(f"gain of the memo, {what:4}: " + " ".join(f"{g:+6.1%}" for g in gains)
              + f"   (best/best {min(rows[f'{what} reference']) / min(rows[f'{what} memo']) - 1:+.1%})")
    for name in ("memo", "reference"):
        ratios = [n / e for n, e in zip(rows["neologdn"], rows[f"e2e {name}"])]
        print(f"e2e {name:9} / neologdn: " + " ".join(f"{r:5.2f}x" for r in ratios))


if __name__ == "__main__":
    main()
