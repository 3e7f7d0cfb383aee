"""Did a speed change change the output? Digest every document's normalized output and compare.

    .venv/bin/python bench/output_digest.py --save /tmp/before.json      # before the change
    .venv/bin/python bench/output_digest.py --compare /tmp/before.json   # after: lists differences

By default it reads livedoor, aozora (`../shared/corpus/`) and the seed articles
(`../shared/seeds/*.txt`); `--corpus` takes other `.jsonl(.gz)` files or folders of `.txt` files.
Per document it hashes, separately, the text, the edits, the sentences, the entity mentions and
the number mentions of `Normalizer.from_glossary().normalize(text, published_at)`, and two runs of
the number tagger alone with every field of every `NumberMatch`: on the raw text (full-width
digits, translation spaces, what the character rules would have changed) and on the normalized
text with a `published_at` (relative dates such as 昨年, 先月 resolved), so a difference names the
document and the part that moved. `--show N` prints the first N differing documents' parts.
Not part of the test run; the golden files and property tests are the specification, this is the
net for "faster, and nothing else changed".
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _corpus import add_input_arguments, load_input  # noqa: E402

from normalizers import Normalizer  # noqa: E402
from normalizers.numbers import find_numbers  # noqa: E402

PARTS = ("text", "edits", "sentences", "entities", "numbers", "numbers_raw", "numbers_dated")
# the date relative words are resolved against in `numbers_dated` (livedoor has no published_at)
PUBLISHED = dt.date(2012, 6, 15)


def number_fields(matches) -> str:
    # every field by name: a repr would hide a field that a new NumberMatch class left out of it
    fields = ("start", "end", "label", "value", "value_low", "value_high", "value_text", "unit", "currency",
              "approximate", "qualifier")
    return repr([tuple(getattr(m, f) for f in fields) for m in matches])


def parts_of(doc, raw: str) -> dict[str, str]:
    return {
        "text": doc.text,
        "edits": repr(doc.edits),
        "sentences": repr(doc.sentences),
        "entities": repr([m for m in doc.mentions if m.method != "number"]),
        "numbers": repr([m for m in doc.mentions if m.method == "number"]),
        "numbers_raw": number_fields(find_numbers(raw)),
        "numbers_dated": number_fields(find_numbers(doc.text, PUBLISHED)),
    }


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def load_inputs(paths: list[str], limit: int | None) -> list[tuple[str, dict]]:
    """(input name, document) for each document of each input: a jsonl(.gz) file or a folder of
    .txt files (one document each, in name order)."""
    return [(p.name, d) for p in map(Path, paths) for d in load_input(p, limit)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(ap)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", help="write the digests to this JSON file")
    group.add_argument("--compare", help="compare with digests saved earlier")
    ap.add_argument("--show", type=int, default=3, help="differing documents printed in full")
    args = ap.parse_args()

    docs = load_inputs(args.corpus, args.limit)
    normalizer = Normalizer.from_glossary(args.glossary)

    def digests(d: dict) -> dict[str, str]:
        doc = normalizer.normalize(d["text"], d.get("published_at"))
        return {p: digest(v) for p, v in parts_of(doc, d["text"]).items()}

    if args.save:
        out = [{"input": name, **digests(d)} for name, d in docs]
        Path(args.save).write_text(json.dumps({"corpus": args.corpus, "docs": out}))
        print(f"saved digests of {len(out):,} documents to {args.save}")
        return 0

    saved = json.loads(Path(args.compare).read_text())["docs"]
    if len(saved) != len(docs):
        print(f"saved {len(saved):,} documents, now {len(docs):,}: use the same --corpus and --limit")
        return 2
    names = list(dict.fromkeys(n for n, _ in docs))
    moved = {(name, p): 0 for name in names for p in PARTS}
    differing_docs = dict.fromkeys(names, 0)
    shown = 0
    for i, ((name, d), before) in enumerate(zip(docs, saved)):
        doc = normalizer.normalize(d["text"], d.get("published_at"))
        now = parts_of(doc, d["text"])
        differing = [p for p in PARTS if digest(now[p]) != before.get(p)]
        for p in differing:
            moved[name, p] += 1
        differing_docs[name] += bool(differing)
        if differing and shown < args.show:
            shown += 1
            print(f"doc {i} ({name}) differs in {', '.join(differing)}:")
            for p in differing:
                print(f"  {p} now: {now[p][:600]}")
    for name in names:
        count = sum(1 for n, _ in docs if n == name)
        print(f"{name}: {count:,} documents compared, {differing_docs[name]:,} differing; per part: "
              + ", ".join(f"{p} {moved[name, p]}" for p in PARTS))
    return 1 if any(differing_docs.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
