"""Where the Normalizer's time goes, stage by stage and rule by rule (issue 7).

What it measures: the stages of `Normalizer.normalize`, re-run here with a timer around each one
over the corpus (one thread): the character/debris/layout rules (each rule split into `find`,
its regex scan and replacement function, and `apply`, composing its edits into the alignment),
the glossary (`Glossary.find` and the replacement step), the number tagger, the sentence splitter,
and the mapping of mention and sentence spans back to the raw text. Prints seconds, share of the
total and MB/s per stage. The instrumented copy is checked against `Normalizer.normalize` on the
first documents (same text, edits, mentions and sentences) and says so if they drift apart.

`--profile` instead runs cProfile over plain `Normalizer.normalize` and prints the top functions
by own time and by cumulative time (`--profile-out FILE` keeps the stats for snakeviz/pstats).

Run (from the project root):

    .venv/bin/python bench/stages.py --limit 500
    .venv/bin/python bench/stages.py                       # all of livedoor
    .venv/bin/python bench/stages.py --limit 1000 --profile --top 30
    .venv/bin/python bench/stages.py --no-glossary         # Normalizer() without a glossary
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import DEFAULT_CORPUS, load_docs, normalizer_with_glossary, utf8_bytes  # noqa: E402

clock = time.perf_counter


class TimedGlossary:
    """Wraps a glossary so that `find` is timed apart from the rest of the glossary stage."""

    def __init__(self, glossary, times):
        self._g = glossary
        self._times = times
        self.version = glossary.version

    def find(self, *a, **kw):
        t0 = clock()
        out = self._g.find(*a, **kw)
        self._times["glossary: find"] += clock() - t0
        return out


def instrumented_normalize(n, text, times, published_at=None):
    """`Normalizer.normalize`, stage by stage, with the time of each added to `times`.

    Mirrors normalizers/normalizer.py; `check()` verifies it still does the same thing."""
    from normalizers import normalizer as nm
    from normalizers.alignment import Alignment
    from normalizers.document import Mention, NormalizedDocument, Sentence

    cfg = n.config
    t0 = clock()
    alignment = Alignment(text)
    times["alignment: init"] += clock() - t0

    passes = 0
    for _ in range(nm._MAX_PASSES):
        passes += 1
        changed = False
        tp = clock()
        for rule in n.rules:
            t0 = clock()
            repls = rule.replacements(alignment.text)
            t1 = clock()
            times[f"rule {rule.name}: find"] += t1 - t0
            if repls:
                alignment.apply(repls)
                times[f"rule {rule.name}: apply"] += clock() - t1
                changed = True
        if passes > 1:
            times["_later_passes"] += clock() - tp
        if not changed:
            times["_idle_pass"] += clock() - tp
            break
    times["_passes"] += passes

    entity_spans = []
    if cfg.link_entities and n.glossary is not None:
        t0 = clock()
        before = times["glossary: find"]
        entity_spans = n._link_entities(alignment)
        times["glossary: replace + apply"] += clock() - t0 - (times["glossary: find"] - before)
    out = alignment.text
    raw = alignment.raw

    t0 = clock()
    mentions = []
    for start, end, m in entity_spans:
        raw_start, raw_end = alignment.to_raw(start, end)
        mentions.append(
            Mention(start=start, end=end, raw_start=raw_start, raw_end=raw_end, surface=out[start:end],
                    raw_surface=raw[raw_start:raw_end], label=m.label, method=m.method, entity_id=m.entity_id,
                    canonical=m.canonical, canonical_ja=m.canonical_ja, confidence=m.confidence)
        )
    times["map: entity mentions"] += clock() - t0
    if cfg.tag_numbers:
        t0 = clock()
        numbers = nm.find_numbers(out, nm.as_date(published_at))
        t1 = clock()
        times["numbers: find_numbers"] += t1 - t0
        taken = [(m.start, m.end) for m in mentions]
        for x in numbers:
            if any(x.start < e and s < x.end for s, e in taken):
                continue
            raw_start, raw_end = alignment.to_raw(x.start, x.end)
            mentions.append(
                Mention(start=x.start, end=x.end, raw_start=raw_start, raw_end=raw_end, surface=out[x.start:x.end],
                        raw_surface=raw[raw_start:raw_end], label=x.label, method="number", value=x.value,
                        value_low=x.value_low, value_high=x.value_high, value_text=x.value_text, unit=x.unit,
                        currency=x.currency, approximate=x.approximate, qualifier=x.qualifier)
            )
        times["map: number mentions"] += clock() - t1
    t0 = clock()
    mentions.sort(key=lambda m: (m.start, m.end))
    times["map: sort mentions"] += clock() - t0

    t0 = clock()
    spans = nm.split_sentences(out)
    t1 = clock()
    times["sentences: split"] += t1 - t0
    sentences = []
    for start, end in spans:
        raw_start, raw_end = alignment.to_raw(start, end)
        sentences.append(Sentence(start, end, raw_start, raw_end, out[start:end]))
    t2 = clock()
    times["map: sentences to raw"] += t2 - t1
    if sentences:
        starts = [s.start for s in sentences]
        mentions = [nm._with_sent_id(m, max(0, bisect_right(starts, m.start) - 1)) for m in mentions]
    times["map: mention sent_id"] += clock() - t2
    return NormalizedDocument(raw=raw, text=out, edits=alignment.edits, sentences=sentences, mentions=mentions,
                              _alignment=alignment)


def check(n, texts, k=50) -> list[str]:
    """Differences between the instrumented copy and `Normalizer.normalize` on k documents."""
    problems = []
    scratch = defaultdict(float)
    for i, t in enumerate(texts[:k]):
        a = n.normalize(t)
        b = instrumented_normalize(n, t, scratch)
        for field in ("text", "edits", "sentences", "mentions"):
            if getattr(a, field) != getattr(b, field):
                problems.append(f"doc {i}: {field} differs")
    return problems


def make_normalizer(args):
    from normalizers import NormalizeConfig, Normalizer

    cfg = NormalizeConfig(link_entities=not args.no_glossary, tag_numbers=not args.no_numbers)
    if args.no_glossary:
        return Normalizer(config=cfg), "glossary off (--no-glossary)"
    return normalizer_with_glossary(args.glossary, cfg)


def run_stages(n, texts, mb):
    times = defaultdict(float)
    if n.glossary is not None:
        n.glossary = TimedGlossary(n.glossary, times)
    for t in texts[:20]:  # warm-up (regex compilation, lazy tables)
        instrumented_normalize(n, t, defaultdict(float))
    t0 = clock()
    for t in texts:
        instrumented_normalize(n, t, times)
    wall = clock() - t0
    passes = times.pop("_passes", 0)
    later = times.pop("_later_passes", 0.0)
    idle = times.pop("_idle_pass", 0.0)
    total = sum(times.values())

    groups = defaultdict(float)
    for k, v in times.items():
        groups["rules (all)" if k.startswith("rule ") else k.split(":")[0]] += v

    print(f"\n{'stage':<40} {'seconds':>8} {'share':>7} {'MB/s':>9}")
    for k, v in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"{k:<40} {v:8.3f} {v / total:7.1%} {mb / v if v else float('inf'):9.1f}")
    print(f"{'-' * 40} {'-' * 8} {'-' * 7} {'-' * 9}")
    for k, v in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(f"{'= ' + k:<40} {v:8.3f} {v / total:7.1%} {mb / v if v else float('inf'):9.1f}")
    print(f"{'timed total':<40} {total:8.3f} {1:7.1%} {mb / total:9.1f}")
    print(f"{'wall (incl. untimed glue)':<40} {wall:8.3f} {'':>7} {mb / wall:9.1f}")
    print(f"rule passes per document: {passes / len(texts):.2f} (fixed point; the last pass changes nothing)")
    print(f"rules: passes after the first {later:.3f} s ({later / total:.1%} of the total); final passes that "
          f"changed nothing {idle:.3f} s ({idle / total:.1%})")


def run_profile(n, texts, top, out):
    for t in texts[:20]:
        n.normalize(t)
    prof = cProfile.Profile()
    prof.enable()
    for t in texts:
        n.normalize(t)
    prof.disable()
    if out:
        prof.dump_stats(out)
        print(f"stats written to {out}")
    for key in ("tottime", "cumulative"):
        print(f"\n=== top {top} by {key} ===")
        st = pstats.Stats(prof, stream=sys.stdout)
        st.strip_dirs().sort_stats(key).print_stats(top)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="jsonl(.gz) with a text field (default livedoor)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--glossary", default=None, help="glossary dir (default: the shipped one)")
    ap.add_argument("--no-glossary", action="store_true", help="leave the glossary stage out")
    ap.add_argument("--no-numbers", action="store_true", help="leave the number tagger out")
    ap.add_argument("--profile", action="store_true", help="cProfile Normalizer.normalize instead")
    ap.add_argument("--profile-out", default=None, help="write the cProfile stats to this file")
    ap.add_argument("--top", type=int, default=25, help="functions listed by --profile")
    args = ap.parse_args(argv)

    texts = [d["text"] for d in load_docs(args.corpus, args.limit)]
    mb = utf8_bytes(texts) / 1e6
    n, note = make_normalizer(args)
    print(f"corpus: {args.corpus}  docs: {len(texts):,}  UTF-8: {mb:,.1f} MB  {note}")
    if args.profile:
        run_profile(n, texts, args.top, args.profile_out)
        return 0
    problems = check(n, texts)
    if problems:
        print(f"WARNING: the instrumented copy no longer matches Normalizer.normalize ({len(problems)} "
              f"differences, e.g. {problems[0]}): update bench/stages.py to the new normalizer.py")
    run_stages(n, texts, mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
