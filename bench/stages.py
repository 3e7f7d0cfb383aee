"""Where the Normalizer's time goes, stage by stage and rule by rule (issue 7).

What it measures: the real `Normalizer.normalize`, run over the corpus (one thread), with timers
wrapped around the functions it calls. For the duration of the measurement these attributes are
replaced by timing wrappers, and put back afterwards:

- `normalizers.rules.Rule.replacements` (a class attribute):
  per rule, the precheck, regex scan and replacement function; counts the replacements returned;
- `normalizers.alignment.Alignment.apply`: composing a stage's replacements into the alignment,
  charged to the stage that proposed them (the rule whose `replacements` ran last, or the
  glossary after its `find`);
- `type(normalizer.glossary).find`: the glossary matcher; counts the matches returned;
- `find_numbers` and `split_sentences_fast` in the `normalizers.normalizer` namespace (module globals
  looked up at call time); count the numbers and sentence spans returned;
- `Alignment.to_raw_spans`, `RawSpans.span` (what `_document` maps each record's span with),
  `Alignment.to_raw` and the `Alignment.edits` property: mapping sentences and mentions back to
  the raw text, and building the `Edit` objects.

Each timer keeps its own (exclusive) time: a timed call made inside another timed call is charged
to itself, not to both, so the parts never overlap. "other" is the instrumented total minus the
sum of the parts: `Alignment()`, the glossary stage's own loop, building `Sentence` and `Mention`
objects, the sort of the mentions, the `NormalizedDocument`, and the timers' own bookkeeping.

The timers cost time (two `time.perf_counter` calls and a Python call per timed call, a few
hundred thousand calls on livedoor), so the same texts are also normalized once without them:
the table shows both totals and the overhead. The plain and the instrumented run alternate
`--repeat` times (default 2) and the fastest of each counts. Since the real code runs, nothing here can drift
from normalizer.py; if normalize stops calling one of the timed functions, its row disappears
and the script says which timer was never called.

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
import os
import pstats
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

# The timers replace functions and methods of compiled modules, which the compiled build calls
# directly in C: time the Python source (normalizers/compiled.py; bench/README.md "Compiled build").
os.environ["TADASU_PURE"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import DEFAULT_CORPUS, load_docs, normalizer_with_glossary, start_cold, utf8_bytes  # noqa: E402

clock = time.perf_counter

# Groups in the order they are printed; "other" comes last.
GROUPS = ("rules", "glossary", "numbers", "sentences", "mapping")


class Meter:
    """Exclusive seconds, calls and items returned per (group, name) key."""

    def __init__(self):
        self.seconds = defaultdict(float)
        self.calls = defaultdict(int)
        self.items = defaultdict(int)
        # Where `Alignment.apply` is charged: the stage that last proposed replacements.
        self.stage = ("unattributed", "Alignment.apply")
        # One entry per timed call in progress: the time spent in timed calls nested inside it.
        self._nested = [0.0]

    def timed(self, key, func, *args, **kwargs):
        """Call func(*args, **kwargs), charging its time, minus nested timed calls, to key."""
        nested = self._nested
        nested.append(0.0)
        start = clock()
        try:
            result = func(*args, **kwargs)
        finally:
            elapsed = clock() - start
            inner = nested.pop()
            nested[-1] += elapsed
            self.seconds[key] += elapsed - inner
            self.calls[key] += 1
        if isinstance(result, (list, tuple)):
            self.items[key] += len(result)
        return result


@contextmanager
def instrumented(normalizer, meter):
    """Replace the functions `normalize` calls by timing wrappers; restore them on exit."""
    from normalizers import alignment, normalizer as normalizer_module, rules

    saved = []  # (owner, attribute, value in owner's own __dict__, or None if inherited)

    def patch(owner, attr, new):
        saved.append((owner, attr, vars(owner).get(attr)))
        setattr(owner, attr, new)

    Alignment, RawSpans = alignment.Alignment, alignment.RawSpans

    rule_keys = {}  # rule name -> (its key, the key its Alignment.apply calls are charged to)

    def timed_replacements(real_replacements):
        def replacements(rule, text, facts=None, document=None):
            keys = rule_keys.get(rule.name)
            if keys is None:
                keys = rule_keys[rule.name] = (("rules", rule.name), ("rules", f"{rule.name}: apply"))
            meter.stage = keys[1]
            return meter.timed(keys[0], real_replacements, rule, text, facts, document)

        return replacements

    patch(rules.Rule, "replacements", timed_replacements(rules.Rule.replacements))

    real_apply = Alignment.apply

    def apply(self, repls):
        return meter.timed(meter.stage, real_apply, self, repls)

    patch(Alignment, "apply", apply)

    real_to_raw_spans = Alignment.to_raw_spans
    patch(Alignment, "to_raw_spans",
          lambda self, spans, **kw: meter.timed(("mapping", "Alignment.to_raw_spans"), real_to_raw_spans, self, spans, **kw))
    real_span = RawSpans.span
    patch(RawSpans, "span",
          lambda self, start, end: meter.timed(("mapping", "RawSpans.span"), real_span, self, start, end))
    real_to_raw = Alignment.to_raw
    patch(Alignment, "to_raw",
          lambda self, start, end: meter.timed(("mapping", "Alignment.to_raw"), real_to_raw, self, start, end))
    real_edits = vars(Alignment)["edits"].fget
    patch(Alignment, "edits", property(lambda self: meter.timed(("mapping", "Alignment.edits"), real_edits, self)))

    if normalizer.glossary is not None:
        glossary_type = type(normalizer.glossary)
        real_find = glossary_type.find

        def find(self, *args, **kwargs):
            meter.stage = ("glossary", "Alignment.apply")
            return meter.timed(("glossary", "find"), real_find, self, *args, **kwargs)

        patch(glossary_type, "find", find)

    real_find_numbers = normalizer_module.find_numbers
    patch(normalizer_module, "find_numbers",
          lambda *a, **kw: meter.timed(("numbers", "find_numbers"), real_find_numbers, *a, **kw))
    real_split_sentences = normalizer_module.split_sentences_fast
    patch(normalizer_module, "split_sentences_fast",
          lambda *a, **kw: meter.timed(("sentences", "split_sentences"), real_split_sentences, *a, **kw))

    try:
        yield
    finally:
        for owner, attr, old in reversed(saved):
            if old is None:
                delattr(owner, attr)  # it was inherited: uncover the base class's attribute again
            else:
                setattr(owner, attr, old)


def make_normalizer(args):
    from normalizers import NormalizeConfig, Normalizer

    cfg = NormalizeConfig(link_entities=not args.no_glossary, tag_numbers=not args.no_numbers)
    if args.no_glossary:
        return Normalizer(config=cfg), "glossary off (--no-glossary)"
    return normalizer_with_glossary(args.glossary, cfg)


def normalize_all(n, texts) -> float:
    # Every pass starts with what the normalizer remembers across documents emptied, as a pass
    # over new documents would (throughput.py does the same): the number tagger's memo kept from
    # the last pass over the same texts flattered the repeats by about a quarter.
    start_cold(n)
    start = clock()
    for t in texts:
        n.normalize(t)
    return clock() - start


def run_stages(n, texts, mb, repeat):
    if not texts:
        print("no documents")
        return
    for t in texts[:20]:  # warm-up (regex compilation, lazy tables)
        n.normalize(t)
    # Plain and instrumented runs alternate; the fastest of each counts (the table shows the
    # fastest instrumented run's timers).
    plain = total = float("inf")
    meter = None
    for _ in range(repeat):
        plain = min(plain, normalize_all(n, texts))
        candidate = Meter()
        with instrumented(n, candidate):
            seconds = normalize_all(n, texts)
        if seconds < total:
            total, meter = seconds, candidate

    def row(label, seconds, calls=None, items=None):
        mbs = f"{mb / seconds:9.1f}" if seconds > 0 else f"{'-':>9}"
        calls = f"{calls:>10,}" if calls else f"{'':>10}"
        items = f"{items:>10,}" if items else f"{'':>10}"
        print(f"{label:<44} {seconds:8.3f} {seconds / total:7.1%} {mbs} {calls} {items}")

    def rule(char="-"):
        print(" ".join(char * w for w in (44, 8, 7, 9, 10, 10)))

    keys = list(meter.seconds)
    groups = list(GROUPS) + sorted({g for g, _ in keys} - set(GROUPS))
    print(f"\n{'stage':<44} {'seconds':>8} {'share':>7} {'MB/s':>9} {'calls':>10} {'items':>10}")
    rule("=")
    parts = 0.0
    for group in groups:
        mine = [k for k in keys if k[0] == group]
        if not mine:
            continue
        if group == "rules":
            # Slowest rule first (scan + apply), each rule's apply row under its scan row.
            def rule_seconds(name):
                return meter.seconds[("rules", name)] + meter.seconds.get(("rules", f"{name}: apply"), 0.0)

            names = sorted((k[1] for k in mine if not k[1].endswith(": apply")), key=rule_seconds, reverse=True)
            ordered = []
            for name in names:
                ordered += [k for k in (("rules", name), ("rules", f"{name}: apply")) if k in meter.seconds]
            mine = ordered + [k for k in mine if k not in ordered]
        for k in mine:
            label = f"  rule {k[1]}" if group == "rules" else f"  {group}: {k[1]}"
            row(label, meter.seconds[k], meter.calls[k], meter.items[k])
        seconds = sum(meter.seconds[k] for k in mine)
        parts += seconds
        row(f"= {group}", seconds, sum(meter.calls[k] for k in mine))
        rule()
    row("= other (total minus the parts)", total - parts)
    rule("=")
    row("normalize, instrumented (parts + other)", total, len(texts))
    row("normalize, plain (no timers)", plain, len(texts))
    timed_calls = sum(meter.calls.values())
    print(f"timer overhead: {total - plain:+.3f} s ({(total - plain) / plain:+.1%} of the plain run) over "
          f"{timed_calls:,} timed calls, {(total - plain) / timed_calls * 1e6:+.2f} µs each; "
          f"shares are of the instrumented total")

    scans = sum(meter.calls[k] for k in keys if k[0] == "rules" and not k[1].endswith(": apply"))
    print(f"rules: {scans / len(texts):.2f} Rule.replacements calls per document for a table of {len(n.rules)} "
          f"rules (more: rules re-run because a later rule `feeds` them)")

    expected = ["rules", "mapping"] + (["glossary"] if n.config.link_entities and n.glossary is not None else [])
    expected += ["numbers"] if n.config.tag_numbers else []
    expected += ["sentences"]
    missing = [g for g in expected if not any(k[0] == g for k in keys)]
    if missing and texts:
        print(f"NOTE: no timed call in group(s) {', '.join(missing)}: normalize no longer calls the function "
              f"timed there; update the wrappers in bench/stages.py")


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
    ap.add_argument("--repeat", type=int, default=2, help="plain and instrumented runs, alternating; best counts")
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
    run_stages(n, texts, mb, max(1, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
