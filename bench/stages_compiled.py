"""Where the normalizer's time goes in the build that runs (compiled or not), stage by stage.

`stages.py` times the Python source (its timers replace functions the compiled modules call in C).
This script times the build as installed, from outside: each stage runs over all the documents
before the next (as `normalize_many` does), by the Normalizer's own stage methods, CPU seconds,
the collector off, the best of `--rounds`:

  rules          Normalizer._ruled: Alignment + the character, debris and layout rules
  entities       Normalizer._entities: Glossary.find, the rewrites, the rules again on them
  (find alone)   Glossary.find on the same texts, for entities minus find
  date           document_date (the dateline of a text without published_at)
  numbers        find_numbers
  sentences      split_sentences
  document       Normalizer._document: sentences, mentions, mapping back, edits
  normalize      Normalizer.normalize document by document (the stages above, and the caches
                 they leave between documents), with the glossary; chars: without the glossary
                 and the numbers (throughput.py's row `chars`)

    .venv/bin/python bench/stages_compiled.py --limit 2000 --rounds 3

To compare with another revision's compiled build, run it from that tree with this venv's python
(`git archive REV | tar -x -C DIR`, the .so files and normalizers/compiled_build.json copied
beside, when the revision's compiled sources are the same) alternately with this one.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import DEFAULT_CORPUS, load_docs, normalizer_with_glossary, start_cold  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="jsonl(.gz) with a text field (default livedoor)")
    ap.add_argument("--limit", type=int, default=2000, help="the first N documents")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    import normalizers
    from normalizers import NormalizeConfig, Normalizer
    from normalizers.normalizer import document_date, find_numbers
    from normalizers.normalizer import split_sentences_fast as split_sentences

    texts = [d["text"] for d in load_docs(args.corpus, args.limit)]
    n, note = normalizer_with_glossary()
    chars = Normalizer(config=NormalizeConfig(link_entities=False, tag_numbers=False))
    for t in texts[:20]:  # warm-up (lazy tables, regex compilation), untimed
        n.normalize(t)
        chars.normalize(t)
    cpu = time.process_time
    best: dict[str, float] = {}

    def timed(key, func):
        gc.collect()
        start = cpu()
        out = func()
        best[key] = min(best.get(key, float("inf")), cpu() - start)
        return out

    gc.disable()
    try:
        for _ in range(args.rounds):
            start_cold(n)
            als = timed("rules", lambda: [n._ruled(t) for t in texts])
            timed("(find alone)", lambda: [n.glossary.find(a.text) for a in als])
            ents = timed("entities", lambda: [n._entities(a) for a in als])
            dates = timed("date", lambda: [document_date(None, a.text) for a in als])
            nums = timed("numbers", lambda: [find_numbers(a.text, d[0]) for a, d in zip(als, dates)])
            sents = timed("sentences", lambda: [split_sentences(a.text) for a in als])
            timed("document", lambda: [n._document(*x) for x in zip(als, ents, nums, sents)])
            start_cold(n)
            timed("normalize", lambda: [n.normalize(t) for t in texts])
            timed("normalize, chars", lambda: [chars.normalize(t) for t in texts])
    finally:
        gc.enable()
    print(f"build: {normalizers.BUILD}; {note}; {len(texts)} documents; load average {os.getloadavg()[0]:.1f}")
    for key, seconds in best.items():
        print(f"  {key:20s} {seconds:7.3f} s")
    print(f"  {'entities - find':20s} {best['entities'] - best['(find alone)']:7.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
