"""Is this checkout's number tagger faster than another tree's? Interleaved A/B, CPU seconds.

    git -C . archive REV | tar -x -C /tmp/base && (cd /tmp/base && $PWD/.venv/bin/python setup.py build_ext --inplace)
    .venv/bin/python bench/numbers_ab.py --base /tmp/base --limit 2000 --rounds 5

A compiled build cannot be imported twice in one process under two names, so each side is a
worker process started in its own tree (this checkout's, and `--base`), with this venv's python;
each imports its own `normalizers` (compiled if its build is fresh: both print which). This
process character-normalizes the livedoor texts once (with this checkout's normalizer, the
glossary off: the numbers stage reads the text the rules leave) and finds each text's date as
`Normalizer` does (`document_date`); the workers then time `find_numbers(text, date)` over all
of them, one pass per turn, turns alternating A B B A ..., so the load of the moment falls on
both. Each pass starts with the `_fast` memo cleared (`clear_cache`), as a fresh process would.
Both sides' matches are compared (a speed change must not change output) and the ratio of the
best passes printed, with the load average.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKER = r"""
import hashlib, os, pickle, sys, time
sys.path.insert(0, os.getcwd())
import normalizers
from normalizers.numbers import clear_cache, find_numbers
pairs = pickle.load(open(sys.argv[1], "rb"))
print("build", normalizers.BUILD, flush=True)
for line in sys.stdin:
    clear_cache()
    t0 = time.process_time()
    found = [find_numbers(t, d) for t, d in pairs]
    cpu = time.process_time() - t0
    digest = hashlib.sha256(repr([[tuple(m) for m in ms] for ms in found]).encode()).hexdigest()[:16]
    print(cpu, digest, sum(map(len, found)), flush=True)
"""


def prepared_texts(limit: int) -> list[tuple[str, object]]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from _corpus import DEFAULT_CORPUS, load_docs

    from normalizers import NormalizeConfig, Normalizer
    from normalizers.normalizer import document_date

    chars = Normalizer(config=NormalizeConfig(link_entities=False, tag_numbers=False))
    texts = [chars.normalize(d["text"]).text for d in load_docs(DEFAULT_CORPUS, limit)]
    return [(t, document_date(None, t)[0]) for t in texts]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="the other tree (built in place)")
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    pairs = prepared_texts(args.limit)
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as f:
        pickle.dump(pairs, f)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("TADASU_PURE", None)
    sides = {}
    try:
        for name, tree in (("new", ROOT), ("base", Path(args.base).resolve())):
            p = subprocess.Popen([sys.executable, "-c", WORKER, f.name], cwd=tree, env=env, text=True,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            assert p.stdout is not None
            print(f"{name:5} {tree}: {p.stdout.readline().strip()}")
            sides[name] = p
        seconds: dict[str, list[float]] = {k: [] for k in sides}
        digests: dict[str, set[str]] = {k: set() for k in sides}
        counts = 0
        for r in range(args.rounds):
            order = list(sides) if r % 2 == 0 else list(sides)[::-1]
            for name in order:
                p = sides[name]
                assert p.stdin is not None and p.stdout is not None
                p.stdin.write("go\n")
                p.stdin.flush()
                cpu, digest, counts_s = p.stdout.readline().split()
                seconds[name].append(float(cpu))
                digests[name].add(digest)
                counts = int(counts_s)
            print(f"round {r + 1}: " + "  ".join(f"{k} {v[-1]:.3f} s" for k, v in seconds.items())
                  + f"  base/new {seconds['base'][-1] / seconds['new'][-1]:.2f}", flush=True)
    finally:
        for p in sides.values():
            if p.stdin is not None:
                p.stdin.close()  # (the worker's loop ends on EOF)
            p.wait()
        os.unlink(f.name)
    same = digests["new"] == digests["base"] and len(digests["new"]) == 1
    print(f"{len(pairs)} texts, {counts} numbers; same matches on both sides: {same}")
    best = {k: min(v) for k, v in seconds.items()}
    ratios = sorted(b / n for b, n in zip(seconds["base"], seconds["new"]))
    print(f"best: new {best['new']:.3f} s, base {best['base']:.3f} s; base/new best {best['base'] / best['new']:.2f}, "
          f"median per round {ratios[len(ratios) // 2]:.2f}; load {os.getloadavg()[0]:.1f}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
