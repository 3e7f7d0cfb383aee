"""Single-core throughput of the Normalizer against neologdn, NFKC and polars (issue 7).

What it measures: MB/s = UTF-8 bytes of the input texts / seconds, in one process on one thread
(polars is held to one thread with POLARS_MAX_THREADS=1; `--pin CPU` also pins the process to one
core). Every method runs over the same texts, interleaved round-robin `--repeat` times; the best
wall time counts (the best CPU time is printed beside it: on a busy machine it is the steadier of
the two). What the normalizer keeps across documents (the number tagger's numerals, the fuzzy
linker's runs) is emptied before every pass (`_corpus.start_cold`), so a repeat over the same
texts is not flattered by it. Methods:

  end_to_end   Normalizer.from_glossary().normalize(t): characters, glossary, numbers, sentences,
               alignment (when the glossary fails its checks, the same data compiled unvalidated;
               when it cannot load, Normalizer() without one: the output says which)
  e2e_no_names the same with NormalizeConfig(recognize_names=False): end_to_end minus the name
               recognizer (glossary/recognizer.py), so its cost shows in the same run
  e2e_many     the same documents through Normalizer.normalize_many, 64 texts a call (as the
               flow's shards call it: each stage runs over the chunk before the next stage)
  e2e_warmed   the same on the second half of the texts only, after an untimed pass over the
               first half: the number tagger's cache warmed by OTHER documents, as in a worker
               that has been running a while (MB/s over the second half; not a target row)
  chars        Normalizer(config=NormalizeConfig(link_entities=False, tag_numbers=False)).normalize(t)
               (character rules + sentences + alignment)
  rules_only   Alignment(t) + Normalizer.apply_rules: the character rules alone (for reference)
  neologdn     neologdn.normalize(t)
  nfkc         unicodedata.normalize("NFKC", t)
  polars_nfkc  pl.Series(texts).str.normalize("NFKC") (Series construction included)

Targets (printed beside): end_to_end >= 1.0x neologdn, chars >= 2.0x neologdn.

Run (from the project root):

    .venv/bin/python bench/throughput.py --limit 500          # quick, while developing
    .venv/bin/python bench/throughput.py                      # all of livedoor (24.6 MB), best of 3
    .venv/bin/python bench/throughput.py --scale 10 --repeat 1  # 250 MB (built in /tmp/tadasu-bench)
    .venv/bin/python bench/throughput.py --corpus ../shared/corpus/aozora.jsonl.gz
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import unicodedata
from pathlib import Path

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # before polars is imported anywhere
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import DEFAULT_CORPUS, load_docs, normalizer_with_glossary, scaled_corpus, start_cold, utf8_bytes  # noqa: E402

TARGETS = {"end_to_end": 1.0, "chars": 2.0}


def build_methods(texts: list[str], glossary: str | None, only: set[str] | None):
    from normalizers import BUILD, NormalizeConfig, Normalizer
    from normalizers.alignment import Alignment

    notes = [f"normalizer build: {BUILD} (TADASU_PURE=1: the Python source; bench/README.md, Compiled build)"]
    methods = {}
    setups = {}  # method -> untimed work after the caches are emptied, before the timed pass
    sizes = {}  # method -> UTF-8 bytes it reads, when not all the texts
    e2e, note = normalizer_with_glossary(glossary)
    notes.append("end_to_end: " + note)
    chars = Normalizer(config=NormalizeConfig(link_entities=False, tag_numbers=False))

    def run_norm(n, docs=texts):
        normalize = n.normalize
        def f():
            for t in docs:
                normalize(t)
        return f

    def rules_only():
        apply = chars.apply_rules
        for t in texts:
            apply(Alignment(t))

    methods["end_to_end"] = run_norm(e2e)
    no_names, _ = normalizer_with_glossary(glossary, NormalizeConfig(recognize_names=False))
    methods["e2e_no_names"] = run_norm(no_names)

    def run_many(n, chunk=64):
        # As the flow's shards call it: a chunk of documents at a time, the results dropped.
        normalize_many = n.normalize_many
        def f():
            for i in range(0, len(texts), chunk):
                normalize_many(texts[i : i + chunk])
        return f

    methods["e2e_many"] = run_many(e2e)
    half = len(texts) // 2
    methods["e2e_warmed"] = run_norm(e2e, texts[half:])
    setups["e2e_warmed"] = run_norm(e2e, texts[:half])
    sizes["e2e_warmed"] = utf8_bytes(texts[half:])
    methods["chars"] = run_norm(chars)
    methods["rules_only"] = rules_only
    try:
        import neologdn

        def neo():
            normalize = neologdn.normalize
            for t in texts:
                normalize(t)
        methods["neologdn"] = neo
    except ImportError:
        notes.append("neologdn not installed (.venv/bin/pip install neologdn): no baseline, no ratios")

    def nfkc():
        normalize = unicodedata.normalize
        for t in texts:
            normalize("NFKC", t)
    methods["nfkc"] = nfkc
    try:
        import polars as pl

        def pol():
            pl.Series(texts).str.normalize("NFKC")
        methods["polars_nfkc"] = pol
    except ImportError:
        notes.append("polars not installed: polars_nfkc skipped")
    if only:
        methods = {k: v for k, v in methods.items() if k in only or k == "neologdn"}
        setups = {k: v for k, v in setups.items() if k in methods}
    # Warm up (regex compilation, lazy tables) on a few texts, outside the timing.
    head = texts[:20]
    for n in (e2e, no_names, chars):
        for t in head:
            n.normalize(t)
    return methods, setups, sizes, notes, (e2e, no_names, chars)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="jsonl(.gz) with a text field (default livedoor)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--scale", type=int, default=1, help="repeat the corpus N times (10: the 250 MB corpus)")
    ap.add_argument("--repeat", type=int, default=3, help="passes per method; the best counts (default 3)")
    ap.add_argument("--glossary", default=None, help="glossary dir for end_to_end (default: the shipped one)")
    ap.add_argument("--only", default=None, help="comma-separated methods (neologdn always runs)")
    ap.add_argument("--pin", type=int, default=None, metavar="CPU", help="pin the process to this core")
    args = ap.parse_args(argv)

    if args.pin is not None:
        os.sched_setaffinity(0, {args.pin})
    path = Path(args.corpus)
    if args.scale != 1:
        path = scaled_corpus(path, args.scale, args.limit)
        texts = [d["text"] for d in load_docs(path)]
    else:
        texts = [d["text"] for d in load_docs(path, args.limit)]
    nbytes = utf8_bytes(texts)
    mb = nbytes / 1e6
    only = set(args.only.split(",")) if args.only else None
    methods, setups, sizes, notes, normalizers = build_methods(texts, args.glossary, only)

    print(f"corpus: {path}  docs: {len(texts):,}  UTF-8: {mb:,.1f} MB  repeat: {args.repeat}  "
          f"python {sys.version.split()[0]}  cpus: {os.cpu_count()}  load avg: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for n in notes:
        print("note:", n)

    best_wall = {k: float("inf") for k in methods}
    best_cpu = {k: float("inf") for k in methods}
    for r in range(args.repeat):
        for name, fn in methods.items():
            # Every pass starts with cold caches, as a pass over new documents would: a cache
            # kept from the last pass over the same texts would flatter the repeats.
            start_cold(*normalizers)
            if name in setups:
                setups[name]()
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            w, c = time.perf_counter() - w0, time.process_time() - c0
            best_wall[name] = min(best_wall[name], w)
            best_cpu[name] = min(best_cpu[name], c)
            print(f"  pass {r + 1}: {name:<12} {w:8.2f} s wall {c:8.2f} s cpu", file=sys.stderr, flush=True)

    # Ratios are of MB/s (the same as of seconds when both read all the texts).
    base = nbytes / best_wall["neologdn"] if "neologdn" in best_wall else None
    base_cpu = nbytes / best_cpu["neologdn"] if "neologdn" in best_cpu else None
    print()
    print(f"{'method':<12} {'wall s':>8} {'MB/s':>8} {'x neologdn':>10} {'cpu MB/s':>9} {'x (cpu)':>8}  target")
    for name in methods:
        w, c = best_wall[name], best_cpu[name]
        size = sizes.get(name, nbytes)
        ratio = size / w / base if base else float("nan")
        ratio_cpu = size / c / base_cpu if base_cpu and c else float("nan")
        target = TARGETS.get(name)
        tgt = f">= {target:.1f}x  {'OK' if ratio >= target else 'MISSED'}" if target and base else ""
        print(f"{name:<12} {w:8.2f} {size / 1e6 / w:8.2f} {ratio:9.2f}x {size / 1e6 / c if c else float('inf'):9.2f} "
              f"{ratio_cpu:7.2f}x  {tgt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
