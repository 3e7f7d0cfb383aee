"""Did a speed change change the output? Digest every document's normalized output and compare.

    .venv/bin/python bench/output_digest.py --save /tmp/before.json      # before the change
    .venv/bin/python bench/output_digest.py --compare /tmp/before.json   # after: lists differences

Per document it hashes, separately, the text, the edits, the sentences, the entity mentions and
the number mentions of `Normalizer.from_glossary().normalize(text, published_at)`, so a
difference names the document and the part that moved. `--show N` prints the first N differing
documents' parts side by side. Not part of the test run; the golden files and property tests are
the specification, this is the net for "faster, and nothing else changed".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _corpus import DEFAULT_CORPUS, load_docs  # noqa: E402

from normalizers import Normalizer  # noqa: E402

PARTS = ("text", "edits", "sentences", "entities", "numbers")


def parts_of(doc) -> dict[str, str]:
    return {
        "text": doc.text,
        "edits": repr(doc.edits),
        "sentences": repr(doc.sentences),
        "entities": repr([m for m in doc.mentions if m.method != "number"]),
        "numbers": repr([m for m in doc.mentions if m.method == "number"]),
    }


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--glossary", default=None, help="glossary dir (default: the shipped one)")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", help="write the digests to this JSON file")
    group.add_argument("--compare", help="compare with digests saved earlier")
    ap.add_argument("--show", type=int, default=3, help="differing documents printed in full")
    args = ap.parse_args()

    docs = load_docs(args.corpus, args.limit)
    normalizer = Normalizer.from_glossary(args.glossary)
    if args.save:
        out = [{p: digest(v) for p, v in parts_of(normalizer.normalize(d["text"], d.get("published_at"))).items()}
               for d in docs]
        Path(args.save).write_text(json.dumps({"corpus": args.corpus, "docs": out}))
        print(f"saved digests of {len(out):,} documents to {args.save}")
        return 0

    saved = json.loads(Path(args.compare).read_text())["docs"]
    if len(saved) != len(docs):
        print(f"saved {len(saved):,} documents, now {len(docs):,}: use the same --corpus and --limit")
        return 2
    moved = {p: 0 for p in PARTS}
    shown = 0
    for i, (d, before) in enumerate(zip(docs, saved)):
        now = parts_of(normalizer.normalize(d["text"], d.get("published_at")))
        differing = [p for p in PARTS if digest(now[p]) != before[p]]
        for p in differing:
            moved[p] += 1
        if differing and shown < args.show:
            shown += 1
            print(f"doc {i} differs in {', '.join(differing)}:")
            for p in differing:
                print(f"  {p} now: {now[p][:600]}")
    print(f"{len(docs):,} documents compared; differing per part: " + ", ".join(f"{p} {n}" for p, n in moved.items()))
    return 1 if any(moved.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
