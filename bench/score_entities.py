"""Score tadasu's names against the hand annotation of real text (tests/golden/realtext/).

A predicted name counts when its raw span and label equal an annotated one (exact match; `--loose`
adds an untyped, span-only row). Prints, for the dev half, the test half and the seeds:
precision, recall and F1 per label; precision per method (glossary, correction, fuzzy, pattern,
ner); linked and unlinked predictions apart; and among the linked predictions whose span matches
an annotation with a canonical, how many link to that entity: compared by entity id when the
glossary knows the annotated canonical (as a canonical, else as an alias: the 2012 text's Twitter
is the entity whose canonical is now X), else by canonical name; the figure by canonical name
alone, as scored before, is printed beside it. Last, the names the glossary knows (annotated with
a canonical it holds): how many are found with their label, and how many of those link to it.

    .venv/bin/python bench/score_entities.py                 # dev, test, seeds
    .venv/bin/python bench/score_entities.py --split dev --errors 40   # tuning: show misses/false hits
    .venv/bin/python bench/score_entities.py --json out.json
    .venv/bin/python bench/score_entities.py --recognize-names   # or --no-recognize-names, --guess-latin-names

Tune on dev only; the test half is for reporting.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Mapping

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realtext  # noqa: E402

ROOT = realtext.ROOT
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_GOLD = ROOT / "tests" / "golden" / "glossary" / "seed_mentions.tsv"
LABELS = realtext.LABELS


def load_gold() -> dict[str, dict]:
    """doc_id -> {"split", "text", "spans": {(start, end, label): canonical}}; seeds included."""
    docs = realtext.load_corpus()
    sample = {r["doc_id"]: r for r in realtext.sample_rows()}
    gold: dict[str, dict] = {}
    for r in realtext.read_tsv(realtext.ENTITIES) if realtext.ENTITIES.exists() else []:
        g = gold.setdefault(r["doc_id"], {"split": sample[r["doc_id"]]["split"],
                                          "text": docs[r["doc_id"]]["text"], "spans": {}})
        g["spans"][(int(r["start"]), int(r["end"]), r["label"])] = r["canonical"] or None
    if SEED_GOLD.exists() and SEEDS.is_dir():
        for r in realtext.read_tsv(SEED_GOLD):
            g = gold.setdefault(r["seed"], {"split": "seeds", "text": (SEEDS / r["seed"]).read_text(encoding="utf-8"),
                                            "spans": {}})
            # The seed annotation links by glossary id, not canonical: scored as such below.
            g["spans"][(int(r["raw_start"]), int(r["raw_end"]), r["label"])] = "id:" + r["entity_id"] if r["entity_id"] else None
    return gold


def _fold(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "").casefold().replace(" ", "")


def entity_index(entities) -> dict[str, frozenset[str]]:  # noqa: ANN001 - loader.Entity values
    """Folded name -> the glossary entities it names: canonicals first (a gold canonical that is
    some entity's canonical means that entity alone), then canonical_ja and literal variants for
    names no canonical takes (Twitter, an alias of the entity whose canonical is now X)."""
    by_canonical: dict[str, set[str]] = defaultdict(set)
    by_alias: dict[str, set[str]] = defaultdict(set)
    for ent in entities:
        by_canonical[_fold(ent.canonical)].add(ent.id)
        for alias in [ent.canonical_ja] + [v.text for v in ent.variants if v.pattern is None]:
            if alias:
                by_alias[_fold(alias)].add(ent.id)
    index = {k: frozenset(v) for k, v in by_alias.items()}
    index.update((k, frozenset(v)) for k, v in by_canonical.items())
    return index


def same_entity(gold_canonical: str, mention, index: Mapping[str, frozenset[str]] | None = None) -> bool:
    """Does the linked `mention` name the annotated entity? The seeds' gold is a glossary id; a
    canonical the glossary knows (as a canonical or an alias, through `index`) is compared by
    entity id, so a renamed canonical (Twitter, now X) is no wrong link; any other canonical is
    compared with the mention's, folded."""
    if gold_canonical.startswith("id:"):
        return mention.entity_id == gold_canonical[3:]
    ids = index.get(_fold(gold_canonical)) if index else None
    if ids:
        return mention.entity_id in ids
    return _fold(mention.canonical) == _fold(gold_canonical)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: dict[str, dict], normalizer, split: str, errors: list | None = None) -> dict:
    index = entity_index(normalizer.glossary.entities.values()) if normalizer.glossary is not None else {}
    per_label = {lab: Counter() for lab in (*LABELS, "ALL")}
    per_method: dict[str, Counter] = defaultdict(Counter)
    link = Counter()
    untyped = Counter()
    known = Counter()  # annotated names whose canonical the glossary knows: found with the right label, linked right
    for doc_id, g in gold.items():
        if g["split"] != split:
            continue
        doc = normalizer.normalize(g["text"])
        pred = {(m.raw_start, m.raw_end, m.label): m for m in doc.mentions if m.label in LABELS}
        # Names inside text the normalizer deletes as page debris cannot be tagged in its output:
        # counted apart (`removed`), as tests/glossary/test_seed_annotation.py does.
        deleted = [(e.raw_start, e.raw_end) for e in doc.edits if not e.after.strip() and e.raw_end - e.raw_start > 1]
        spans = {k: v for k, v in g["spans"].items() if not any(a <= k[0] and k[1] <= b for a, b in deleted)}
        per_label["ALL"]["removed"] += len(g["spans"]) - len(spans)
        for key in spans.keys() | pred.keys():
            lab = key[2]
            hit = key in spans and key in pred
            for c in (per_label[lab], per_label["ALL"]):
                c["gold"] += key in spans
                c["pred"] += key in pred
                c["tp"] += hit
            if key in pred:
                m = pred[key]
                kind = "linked" if m.entity_id else "unlinked"
                for name in (m.method, kind):
                    per_method[name]["pred"] += 1
                    per_method[name]["tp"] += hit
                if hit and m.entity_id and spans[key]:
                    link["scored"] += 1
                    link["right"] += same_entity(spans[key], m, index)
                    link["right_by_name"] += same_entity(spans[key], m)  # the figure before the ids
                    if errors is not None and not same_entity(spans[key], m, index):
                        errors.append(("wrong link", doc_id, key, g["text"], f"{m.canonical} != {spans[key]}"))
            if key in spans and spans[key] and (spans[key].startswith("id:") or _fold(spans[key]) in index):
                known["gold"] += 1
                known["tp"] += hit
                known["linked"] += hit and bool(pred[key].entity_id) and same_entity(spans[key], pred[key], index)
            if errors is not None and not hit:
                errors.append(("missed" if key in spans else "false", doc_id, key, g["text"], ""))
        gold_spans = {(s, e) for s, e, _ in spans}
        pred_spans = {(s, e) for s, e, _ in pred}
        untyped["tp"] += len(gold_spans & pred_spans)
        untyped["gold"] += len(gold_spans)
        untyped["pred"] += len(pred_spans)
    return {"labels": per_label, "methods": per_method, "link": link, "untyped": untyped, "known": known}


def print_table(split: str, res: dict, loose: bool) -> None:
    n_docs = res.get("n_docs", 0)
    print(f"\n== {split} ({n_docs} documents)")
    print(f"{'label':10s} {'gold':>6s} {'pred':>6s} {'tp':>6s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    rows = [(lab, c) for lab, c in res["labels"].items()]
    if loose:
        rows.append(("untyped", res["untyped"]))
    for lab, c in rows:
        p, r, f = prf(c["tp"], c["pred"], c["gold"])
        print(f"{lab:10s} {c['gold']:6d} {c['pred']:6d} {c['tp']:6d} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"{'method':10s} {'pred':>6s} {'tp':>6s} {'P':>6s}")
    for name, c in sorted(res["methods"].items()):
        print(f"{name:10s} {c['pred']:6d} {c['tp']:6d} {prf(c['tp'], c['pred'], 0)[0]:6.3f}")
    lk = res["link"]
    share = lk["right"] / lk["scored"] if lk["scored"] else float("nan")
    print(f"annotated names in deleted debris (not scored): {res['labels']['ALL']['removed']}")
    by_name = lk["right_by_name"] / lk["scored"] if lk["scored"] else float("nan")
    print(f"links: {lk['right']} of {lk['scored']} linked matches name the annotated entity ({share:.3f}; "
          f"by canonical name alone, as before: {lk['right_by_name']}, {by_name:.3f})")
    kn = res.get("known", Counter())
    if kn["gold"]:
        print(f"names the glossary knows: {kn['gold']} annotated, {kn['tp']} found with their label "
              f"(recall {kn['tp'] / kn['gold']:.3f}), {kn['linked']} of them linked to that entity "
              f"({kn['linked'] / kn['gold']:.3f})")


def print_errors(errors: list, limit: int) -> None:
    print(f"\n== {min(limit, len(errors))} of {len(errors)} errors")
    for kind, doc_id, (s, e, lab), text, extra in errors[:limit]:
        ctx = text[max(0, s - 12):s] + "[" + text[s:e] + "]" + text[e:e + 12]
        print(f"{kind:10s} {lab:8s} {doc_id}:{s}-{e} {ctx.replace(chr(10), ' ')} {extra}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", action="append", choices=["dev", "test", "seeds"],
                    help="halves to score (default: dev, test, seeds)")
    ap.add_argument("--glossary", default=None, help="glossary folder (default: the shipped one)")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses / false hits (dev only!)")
    ap.add_argument("--loose", action="store_true", help="add an untyped (span-only) row")
    ap.add_argument("--json", help="write the figures to this file")
    names = ap.add_mutually_exclusive_group()
    names.add_argument("--recognize-names", dest="names", action="store_const", const="on",
                       help="the name recognizer on (NormalizeConfig(recognize_names=True))")
    names.add_argument("--no-recognize-names", dest="names", action="store_const", const="off",
                       help="the name recognizer off")
    names.add_argument("--guess-latin-names", dest="names", action="store_const", const="guess",
                       help="the recognizer on with its Latin guesses (guess_latin_names=True)")
    ap.add_argument("--ner", action="store_true",
                    help="turn GiNZA's NER on (NormalizeConfig.ner_names; needs the [ner] extra; ~2,400 chars/s)")
    args = ap.parse_args(argv)
    from normalizers import NormalizeConfig, Normalizer

    # Without a flag: the default configuration, whatever it is.
    config = {None: NormalizeConfig(), "off": NormalizeConfig(recognize_names=False),
              "on": NormalizeConfig(recognize_names=True),
              "guess": NormalizeConfig(recognize_names=True, guess_latin_names=True)}[args.names]
    if args.ner:
        config = dataclasses.replace(config, ner_names=True)
    normalizer = Normalizer.from_glossary(args.glossary, config)
    gold = load_gold()
    report = {}
    for split in args.split or ["dev", "test", "seeds"]:
        errors: list | None = [] if args.errors else None
        cpu = time.process_time()
        res = score(gold, normalizer, split, errors)
        cpu = time.process_time() - cpu
        n_chars = sum(len(g["text"]) for g in gold.values() if g["split"] == split)
        print(f"{split}: {n_chars:,} characters in {cpu:.1f} CPU s ({n_chars / max(cpu, 1e-9):,.0f} characters/s, "
              f"{len(''.join(g['text'] for g in gold.values() if g['split'] == split).encode()) / 1e6 / max(cpu, 1e-9):.3f} MB/s)")
        res["n_docs"] = sum(1 for g in gold.values() if g["split"] == split)
        print_table(split, res, args.loose)
        if errors is not None:
            print_errors(errors, args.errors)
        report[split] = {
            lab: dict(zip(("precision", "recall", "f1"), prf(c["tp"], c["pred"], c["gold"])), **c)
            for lab, c in res["labels"].items()
        } | {"links": dict(res["link"]), "known": dict(res["known"]), "n_docs": res["n_docs"]}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
