"""Candidate spaces for the hand-labelled space yardstick (issue 18).

A candidate is a run of spaces (U+0020 and U+3000, mixed or not) that sits between a Japanese
character (kana, kanji, Japanese punctuation) and a Japanese character, a Latin letter or a digit
(either side), in the seeds (../shared/seeds), livedoor and aozora (../shared/corpus). A run at the
start of a line is indentation, a separate kind (`line-start`). Nothing here runs the normalizer.

    python3 bench/spaces.py sample [--seed 18] [--out FILE]     # draw the sample (TSV, no labels)
    python3 bench/spaces.py show [FILE]                          # each case with ±30 chars of context
    python3 bench/spaces.py stats                                # candidate counts per source × kind

Cases are keyed `source` (`seeds/<file>`, `livedoor/<id>`, `aozora/<id>`: the corpus ids carry
their prefix already), `offset` (index of the first space in the document's text, in code
points), `length` (the run length) and `kind`: `<left>-<right>` with the classes `ja` (kana,
kanji), `punct` (Japanese punctuation and full-width symbols: 、。「」！？・… ■ ★), `digit`
(0-9 and full-width ０-９) and `latin` (Latin letters, half- or full-width); pairs without a
Japanese side (latin-latin, digit-digit, latin-digit, …) are not candidates; `line-start` for
indentation. The stratification groups `punct` with `ja` (the six coarse kinds of the brief).
The sample is a TSV with the golden file's columns and empty `label` and `reason`.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
LIVEDOOR = SHARED / "corpus" / "livedoor.jsonl.gz"
AOZORA = SHARED / "corpus" / "aozora.jsonl.gz"
GOLDEN = ROOT / "tests" / "golden" / "normalizers" / "spaces.tsv"
COLUMNS = ("source", "offset", "length", "kind", "label", "reason")

SPACES = " \u3000"
RUN = re.compile("[ \u3000]+")

# The draw (python3 bench/spaces.py sample uses these; SPACES.md quotes them).
SEED = 18
N_SEEDS = 108  # seeds: all five files together
N_LIVEDOOR_PER_CATEGORY = 18  # × 9 categories = 162
N_AOZORA = 56
N_LINE_START = {"seeds": 3, "livedoor": 6, "aozora": 4}
PER_DOC_CAP = {"seeds": None, "livedoor": 3, "aozora": 3}  # at most this many cases per document


def char_class(c: str) -> str | None:
    """`ja`, `punct`, `digit`, `latin` or None (anything else: ASCII punctuation, Hangul, …)."""
    o = ord(c)
    if "0" <= c <= "9" or 0xFF10 <= o <= 0xFF19:
        return "digit"
    if "a" <= c <= "z" or "A" <= c <= "Z" or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return "latin"
    if (
        0x3040 <= o <= 0x30FF  # hiragana, katakana (with ・ ー)
        or 0x31F0 <= o <= 0x31FF
        or 0xFF66 <= o <= 0xFF9F  # half-width katakana
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or c in "々〆〇ヶ"
    ):
        return "ja"
    if (
        0x3001 <= o <= 0x303F  # 、。〃「」『』【】〒〜 …
        or 0xFF01 <= o <= 0xFF0F  # ！＂＃＄％＆＇（）＊＋，－．／
        or 0xFF1A <= o <= 0xFF20  # ：；＜＝＞？＠
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65  # ｛｜｝～｟｠｡｢｣､･
        or 0x2010 <= o <= 0x203B  # ―‥…‘’“”※
        or 0x2190 <= o <= 0x21FF  # arrows
        or 0x25A0 <= o <= 0x25FF  # ■□◆◇○●▲△▼▽
        or 0x2600 <= o <= 0x26FF  # ★☆♪
    ):
        return "punct"
    if unicodedata.category(c).startswith("L") and unicodedata.name(c, "").startswith("LATIN"):
        return "latin"
    return None


JAPANESE = ("ja", "punct")


def coarse(kind: str) -> str:
    """The brief's six kinds: `punct` counts as `ja`."""
    return kind.replace("punct", "ja")


def candidates(text: str) -> list[tuple[int, int, str]]:
    """(offset, length, kind) of every candidate space run in `text`."""
    out = []
    for m in RUN.finditer(text):
        s, e = m.start(), m.end()
        if e >= len(text) or text[e] in "\r\n":
            continue  # trailing spaces: nothing on the right
        if s == 0 or text[s - 1] in "\r\n":
            out.append((s, e - s, "line-start"))
            continue
        left, right = char_class(text[s - 1]), char_class(text[e])
        if left is None or right is None:
            continue
        if left not in JAPANESE and right not in JAPANESE:
            continue
        out.append((s, e - s, f"{left}-{right}"))
    return out


# -- the sources ---------------------------------------------------------------------------


def read_seed(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # bytes: no newline translation, offsets as stored


def iter_documents(which=("seeds", "livedoor", "aozora")):
    """(source, group, text): group is `seeds`, `livedoor:<category>` or `aozora`."""
    if "seeds" in which:
        for p in sorted(SEEDS.glob("*.txt")):
            yield f"seeds/{p.name}", "seeds", read_seed(p)
    for name, path in (("livedoor", LIVEDOOR), ("aozora", AOZORA)):
        if name not in which:
            continue
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    src = d["id"] if d["id"].startswith(name + "/") else f"{name}/{d['id']}"
                    yield src, d.get("source", name) if name == "livedoor" else name, d["text"]


def load_texts(sources: set[str]) -> dict[str, str]:
    """The document text of each `source` key (reads only the files needed)."""
    which = {s.split("/", 1)[0] for s in sources}
    out = {}
    for src, _, text in iter_documents(tuple(which)):
        if src in sources:
            out[src] = text
    return out


# -- sampling ------------------------------------------------------------------------------


def _draw(rng: random.Random, pool: list, n: int, cap: int | None) -> list:
    """Up to n cases from pool: at least n // (2 × kinds) per coarse kind when it has them, the
    rest uniformly; at most `cap` per document."""
    by_kind: dict[str, list] = defaultdict(list)
    for c in pool:
        by_kind[coarse(c[3])].append(c)
    for k in sorted(by_kind):
        rng.shuffle(by_kind[k])
    per_doc: Counter = Counter()
    chosen: list = []
    taken: set = set()

    def take(c) -> bool:
        if c in taken or (cap is not None and per_doc[c[0]] >= cap):
            return False
        taken.add(c)
        per_doc[c[0]] += 1
        chosen.append(c)
        return True

    floor = n // (2 * max(1, len(by_kind)))
    for k in sorted(by_kind):
        got = 0
        for c in by_kind[k]:
            if got >= floor:
                break
            got += take(c)
    rest = [c for k in sorted(by_kind) for c in by_kind[k]]
    rng.shuffle(rest)
    for c in rest:
        if len(chosen) >= n:
            break
        take(c)
    return chosen


def sample(seed: int = SEED) -> list[tuple]:
    """The cases (source, offset, length, kind), in a stable order (group, source, offset)."""
    rng = random.Random(seed)
    pools: dict[str, list] = defaultdict(list)
    line_start: dict[str, list] = defaultdict(list)
    for src, group, text in iter_documents():
        for off, length, kind in candidates(text):
            c = (src, off, length, kind)
            if kind == "line-start":
                line_start[group.split(":")[0]].append(c)
            else:
                pools[group].append(c)
    cases = []
    for group in sorted(pools):
        base = group.split(":")[0]
        n = {"seeds": N_SEEDS, "livedoor": N_LIVEDOOR_PER_CATEGORY, "aozora": N_AOZORA}[base]
        cases += _draw(rng, pools[group], n, PER_DOC_CAP[base])
    for base in sorted(line_start):
        pool = line_start[base]
        rng.shuffle(pool)
        cases += _draw(rng, pool, N_LINE_START[base], 1)
    order = {"seeds": 0, "livedoor": 1, "aozora": 2}
    cases.sort(key=lambda c: (order[c[0].split("/")[0]], c[0], c[1]))
    return cases


# -- output ----------------------------------------------------------------------------------


def read_cases(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE))


def context(text: str, off: int, length: int, width: int = 30) -> str:
    def vis(s: str) -> str:
        return s.replace("\n", "⏎").replace("\t", "⇥")

    run = text[off : off + length].replace(" ", "␣").replace("\u3000", "▯")
    return f"{vis(text[max(0, off - width):off])}[{run}]{vis(text[off + length:off + length + width])}"


def cmd_sample(args) -> None:
    cases = sample(args.seed)
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    w.writerow(COLUMNS)
    for src, off, length, kind in cases:
        w.writerow((src, off, length, kind, "", ""))
    if args.out:
        out.close()
    counts = Counter((c[0].split("/")[0], coarse(c[3])) for c in cases)
    print(f"{len(cases)} cases: " + ", ".join(f"{s}/{k}={n}" for (s, k), n in sorted(counts.items())), file=sys.stderr)


def cmd_show(args) -> None:
    rows = read_cases(Path(args.file))
    texts = load_texts({r["source"] for r in rows})
    for i, r in enumerate(rows):
        text = texts.get(r["source"])
        if text is None:
            print(f"{i}\t{r['source']}\t{r['offset']}\tMISSING DOCUMENT")
            continue
        off, length = int(r["offset"]), int(r["length"])
        lab = f"\t{r.get('label') or ''}\t{r.get('reason') or ''}" if args.labels else ""
        print(f"{i}\t{r['source']}\t{off}\t{r['kind']}\t{context(text, off, length, args.width)}{lab}")


def cmd_stats(args) -> None:
    counts: Counter = Counter()
    for src, group, text in iter_documents():
        for _, _, kind in candidates(text):
            counts[(group, kind)] += 1
    kinds = sorted({k for _, k in counts})
    groups = sorted({g for g, _ in counts})
    print("group\t" + "\t".join(kinds))
    for g in groups:
        print(g + "\t" + "\t".join(str(counts[(g, k)]) for k in kinds))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sample", help="draw the stratified sample (TSV with empty labels)")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--out", help="write here instead of stdout")
    p.set_defaults(func=cmd_sample)
    p = sub.add_parser("show", help="print each case with its context (␣ U+0020, ▯ U+3000)")
    p.add_argument("file", nargs="?", default=str(GOLDEN))
    p.add_argument("--width", type=int, default=30)
    p.add_argument("--labels", action="store_true", help="append label and reason")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("stats", help="candidate counts per source group × kind")
    p.set_defaults(func=cmd_stats)
    args = ap.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
