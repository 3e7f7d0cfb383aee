"""The name recognizer (glossary/recognizer.py): did a change move its output, how precise is
each rule on dev, what does it cost.

    .venv/bin/python bench/recognizer_check.py digest --save /tmp/rec-before.json
    .venv/bin/python bench/recognizer_check.py digest --compare /tmp/rec-before.json
    .venv/bin/python bench/recognizer_check.py rules [--errors 40] [--rule latin_name]
    .venv/bin/python bench/recognizer_check.py speed --limit 2500

digest: the entity mentions of `Normalizer.from_glossary(config=RECOGNIZER_ON).normalize` (repr, per document) over
the dev half of tests/golden/realtext/ and the first `--livedoor N` livedoor documents (default
2500); `--compare` names the documents whose mentions moved and prints the first differences.
The net for "faster, same output".

rules: precision of each evidence rule on the dev half (exact raw span and label, as
bench/score_entities.py scores; a name inside deleted page debris is not scored), with its
matches, plus the recall of pattern mentions per label. Dev only: the test half is never read.

speed: CPU and wall seconds of `NameRecognizer.find` alone on the normalized livedoor texts
(glossary spans as `taken`, as the normalizer calls it), against the whole `normalize` with the
recognizer on and off, in the same run, best of `--repeat`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext  # noqa: E402
from _corpus import DEFAULT_CORPUS, load_docs, utf8_bytes  # noqa: E402
from score_entities import load_gold  # noqa: E402

from normalizers import NormalizeConfig, Normalizer  # noqa: E402

# Whatever the default, this bench is about the recognizer: it always runs with it on.
RECOGNIZER_ON = NormalizeConfig(recognize_names=True)


def dev_texts() -> list[tuple[str, str]]:
    docs = realtext.load_corpus()
    return [(r["doc_id"], docs[r["doc_id"]]["text"]) for r in realtext.sample_rows() if r["split"] == "dev"]


def entity_repr(doc) -> str:
    return repr([m for m in doc.mentions if m.method != "number"])


def cmd_digest(args: argparse.Namespace) -> int:
    n = Normalizer.from_glossary(config=RECOGNIZER_ON)
    items = dev_texts() + [(d["id"], d["text"]) for d in load_docs(DEFAULT_CORPUS, args.livedoor)]
    got = {}
    for doc_id, text in items:
        value = entity_repr(n.normalize(text))
        got[doc_id] = [hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16], value]
    if args.save:
        Path(args.save).write_text(json.dumps(got, ensure_ascii=False))
        print(f"{len(got)} documents saved to {args.save}")
        return 0
    before = json.loads(Path(args.compare).read_text())
    moved = [k for k in got if k not in before or before[k][0] != got[k][0]]
    print(f"{len(got)} documents, {len(moved)} with different entity mentions")
    for doc_id in moved[: args.show]:
        old = set(eval_mentions(before[doc_id][1])) if doc_id in before else set()
        new = set(eval_mentions(got[doc_id][1]))
        print(f"== {doc_id}\n  only before: {sorted(old - new)}\n  only after:  {sorted(new - old)}")
    return 1 if moved else 0


def eval_mentions(value: str) -> list[tuple]:
    """(surface, start, label, method) of a saved repr, for a readable difference."""
    import re

    return re.findall(r"surface='([^']*)', raw_surface='[^']*', label='(\w+)', method='(\w+)'", value)


def rules_of(normalizer: Normalizer, text: str) -> dict[tuple[int, int], str]:
    """{(start, end): evidence} of the pattern names the normalizer tags in `text` (the recognizer's,
    and the mention policy's longer names), from the stages `normalize` runs (the recognizer is
    compiled: its methods cannot be wrapped)."""
    spans = normalizer._entities(normalizer._ruled(text))
    return {(s, e): m.evidence for s, e, m in spans if getattr(m, "method", None) == "pattern"}


def cmd_rules(args: argparse.Namespace) -> int:
    n = Normalizer.from_glossary(config=RECOGNIZER_ON)
    gold = {k: g for k, g in load_gold().items() if g["split"] == "dev"}
    per_rule: dict[str, Counter] = defaultdict(Counter)
    per_label: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for doc_id, g in gold.items():
        doc = n.normalize(g["text"])
        seen = rules_of(n, g["text"])
        deleted = [(e.raw_start, e.raw_end) for e in doc.edits if not e.after.strip() and e.raw_end - e.raw_start > 1]
        spans = {k for k in g["spans"] if not any(a <= k[0] and k[1] <= b for a, b in deleted)}
        for lab in {k[2] for k in spans}:
            per_label[lab]["gold"] += sum(1 for k in spans if k[2] == lab)
        for m in doc.mentions:
            if m.method != "pattern":
                continue
            key = (m.raw_start, m.raw_end, m.label)
            rule = seen.get((m.start, m.end), "?")
            hit = key in spans
            for c in (per_rule[rule], per_rule["ALL"]):
                c["pred"] += 1
                c["tp"] += hit
            per_label[m.label]["pred"] += 1
            per_label[m.label]["tp"] += hit
            if not hit and (args.rule is None or args.rule == rule):
                same_span = [k[2] for k in spans if k[:2] == key[:2]]
                ctx = g["text"][max(0, key[0] - 12) : key[0]] + "[" + g["text"][key[0] : key[1]] + "]" \
                    + g["text"][key[1] : key[1] + 12]
                errors.append(f"{rule:13s} {m.label:8s} {doc_id} {ctx.replace(chr(10), ' ')}"
                              + (f"  (gold {same_span[0]})" if same_span else ""))
    print(f"{'rule':14s} {'pred':>5s} {'tp':>5s} {'P':>6s}")
    for rule, c in sorted(per_rule.items()):
        print(f"{rule:14s} {c['pred']:5d} {c['tp']:5d} {c['tp'] / c['pred'] if c['pred'] else 1:6.3f}")
    print(f"\n{'label':10s} {'pred':>5s} {'tp':>5s} {'P':>6s} {'gold':>5s} {'R':>6s}  (pattern mentions only; gold: all names)")
    for lab, c in sorted(per_label.items()):
        print(f"{lab:10s} {c['pred']:5d} {c['tp']:5d} {c['tp'] / c['pred'] if c['pred'] else 1:6.3f} "
              f"{c['gold']:5d} {c['tp'] / c['gold'] if c['gold'] else 1:6.3f}")
    for line in errors[: args.errors]:
        print(line)
    return 0


def cmd_speed(args: argparse.Namespace) -> int:
    texts = [d["text"] for d in load_docs(DEFAULT_CORPUS, args.limit)]
    on = Normalizer.from_glossary(config=RECOGNIZER_ON)
    off = Normalizer.from_glossary(config=NormalizeConfig(recognize_names=False))
    # The recognizer's input as the normalizer gives it: the text after the glossary stage, and
    # the glossary's spans.
    inputs = []
    for t in texts:
        alignment = off._ruled(t)
        spans = off._entities(alignment)
        inputs.append((alignment.text, [(s, e) for s, e, _ in spans]))
    rec = on.recognizer
    mb = utf8_bytes(texts) / 1e6

    def run_find():
        for text, taken in inputs:
            rec.find(text, taken)

    def run_norm(n):
        def f():
            for t in texts:
                n.normalize(t)
        return f

    methods = {"normalize_on": run_norm(on), "normalize_off": run_norm(off), "find": run_find}
    best = {k: [float("inf"), float("inf")] for k in methods}
    for _ in range(args.repeat):
        for name, fn in methods.items():
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            w, c = time.perf_counter() - w0, time.process_time() - c0
            best[name] = [min(best[name][0], w), min(best[name][1], c)]
    print(f"{len(texts)} docs, {mb:.1f} MB, load avg {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'':14s} {'wall s':>7s} {'cpu s':>7s} {'cpu MB/s':>9s}")
    for name, (w, c) in best.items():
        print(f"{name:14s} {w:7.2f} {c:7.2f} {mb / c:9.2f}")
    share = best["find"][1] / best["normalize_on"][1]
    print(f"find / normalize_on (cpu): {share:.3f}; on-off / on (cpu): "
          f"{(best['normalize_on'][1] - best['normalize_off'][1]) / best['normalize_on'][1]:.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("digest")
    g = d.add_mutually_exclusive_group(required=True)
    g.add_argument("--save")
    g.add_argument("--compare")
    d.add_argument("--livedoor", type=int, default=2500, help="first N livedoor documents too")
    d.add_argument("--show", type=int, default=5)
    r = sub.add_parser("rules")
    r.add_argument("--errors", type=int, default=0, help="print this many false hits (dev)")
    r.add_argument("--rule", default=None, help="false hits of this rule only")
    s = sub.add_parser("speed")
    s.add_argument("--limit", type=int, default=2500)
    s.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    return {"digest": cmd_digest, "rules": cmd_rules, "speed": cmd_speed}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
