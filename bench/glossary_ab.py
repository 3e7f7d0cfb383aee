"""Is the glossary code of this checkout faster than a git revision's? Interleaved A/B, CPU seconds.

    .venv/bin/python bench/glossary_ab.py --rev main --limit 2000 --rounds 5

The `glossary/` package of REV (`git archive REV glossary`) is unpacked into a temp dir and imported
as `glossary_ref`, beside this checkout's `glossary`; the shipped data of each is loaded. Both run in
this one process, on the same texts, in alternating chunks of `--chunk` documents (the order flips
every chunk), so the machine's load falls on both sides alike (compare the ratio, not the seconds).
Rows:

* `find`: `Glossary.find` (fuzzy on) on the character-normalized text, as the Normalizer calls it;
* `normalize`: `Normalizer(glossary).normalize` on the raw text, end to end (this checkout's
  normalizers/ for both; only the glossary code differs).

It also checks that both give the same matches on the texts (and says so: a speed change must not
change output). Per round it prints each side's CPU seconds and the ratio ref / new.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _corpus import DEFAULT_CORPUS, load_docs, utf8_bytes  # noqa: E402

from glossary import Glossary  # noqa: E402
from normalizers import Normalizer  # noqa: E402


def reference_glossary(rev: str, into: Path):
    """`glossary/` of git revision `rev`, imported as the package `glossary_ref`."""
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "glossary"], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        t.extractall(into, filter="data")
    (into / "glossary").rename(into / "glossary_ref")
    sys.path.insert(0, str(into))
    return importlib.import_module("glossary_ref").Glossary


def _fields(matches) -> list[tuple]:
    # the two packages' GlossaryMatch are two classes: compare the fields
    return [dataclasses.astuple(m) for m in matches]


def interleaved(sides: dict, texts: list[str], chunk: int, rounds: int) -> list[dict[str, float]]:
    """CPU seconds of each side's function over the texts, per round, in alternating chunks."""
    names = list(sides)
    out = []
    for r in range(rounds):
        spent = dict.fromkeys(names, 0.0)
        for i in range(0, len(texts), chunk):
            order = names if (i // chunk + r) % 2 == 0 else names[::-1]
            for name in order:
                fn = sides[name]
                t0 = time.process_time()
                for t in texts[i : i + chunk]:
                    fn(t)
                spent[name] += time.process_time() - t0
        out.append(spent)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", default="main", help="the git revision to compare with (default main)")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--chunk", type=int, default=50)
    ap.add_argument("--rows", default="find,normalize", help="comma-separated: find, normalize")
    args = ap.parse_args()

    raw = [d["text"] for d in load_docs(args.corpus, args.limit)]
    with tempfile.TemporaryDirectory() as tmp:
        ref_cls = reference_glossary(args.rev, Path(tmp))
        new, ref = Glossary.load(), ref_cls.load()
        plain = Normalizer(None)  # find runs on character-normalized text, as in the Normalizer
        texts = [plain.normalize(t).text for t in raw]
        same = sum(_fields(new.find(t)) == _fields(ref.find(t)) for t in texts)
        print(f"{args.corpus}: {len(texts):,} docs, {utf8_bytes(raw) / 1e6:.1f} MB; rev {args.rev}; "
              f"same matches on {same:,} of {len(texts):,} docs; load avg {os.getloadavg()[0]:.1f}")
        rows = {
            "find": ({"ref": ref.find, "new": new.find}, texts),
            "normalize": ({"ref": Normalizer(ref).normalize, "new": Normalizer(new).normalize}, raw),
        }
        for row in args.rows.split(","):
            sides, inputs = rows[row]
            for t in inputs[:100]:  # warm up both (first touches, the fuzzy plans)
                for fn in sides.values():
                    fn(t)
            per_round = interleaved(sides, inputs, args.chunk, args.rounds)
            for r, spent in enumerate(per_round):
                print(f"{row:10s} round {r}: ref {spent['ref']:.3f} s  new {spent['new']:.3f} s  "
                      f"ref/new {spent['ref'] / spent['new']:.3f}")
            ratios = sorted(s["ref"] / s["new"] for s in per_round)
            refs, news = sorted(s["ref"] for s in per_round), sorted(s["new"] for s in per_round)
            mid = len(per_round) // 2
            print(f"{row:10s} median: ref {refs[mid]:.3f} s  new {news[mid]:.3f} s  ref/new {ratios[mid]:.3f} "
                  f"(range {ratios[0]:.3f}-{ratios[-1]:.3f}); load avg {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
