"""Compare the character stage with neologdn on livedoor, and measure throughput.

    .venv/bin/python bench/normalizer_vs_neologdn.py [--lines N]

(a) Runs `neologdn.normalize` and our character stage (`Normalizer()` without glossary: all
character, debris and layout rules, alignment on) on the same livedoor lines, and prints, per
difference class, counts and examples. Each class is our intent:

- tilde_kept: neologdn deletes 〜 and ~ (`1995〜2001年` → `19952001年`); we never delete a tilde,
  a range would become one number (contract 7).
- long_vowel_run_kept: neologdn squeezes ーーー to ー; we keep repeated marks (emphasis is
  content, and squeezing is not reversible).
- yen_kept: neologdn turns ¥ into a backslash-like `\\` via its NFKC table on some inputs; we keep ¥.
- minus_sign_kept: neologdn makes every minus look-alike `-`; we keep − before a number (a sign)
  and make it `-` only between Latin letters or digits.
- dash_kept: neologdn makes look-alikes after katakana ー everywhere; we spare doubled dashes
  (――), hyphens before kanji (ビール‐公式) and dash pairs around a word (−シェイム−).
- space_next_to_symbol_kept: neologdn removes spaces between Japanese and any non-ASCII symbol
  (`• 新たな` → `•新たな`); we remove spaces only between Japanese and Japanese, digits or
  Latin words, so bullets, emoji and dashes keep their space.
- latin_space_kept: neologdn drops spaces after accented Latin letters (`café au lait` →
  `caféau lait`); we treat Latin letters with diacritics as Latin.
- nfkc_folds_off: neologdn NFKC-folds compatibility characters (① → 1, ㈱ → (株), ™ → TM);
  we keep them by default (option nfkc_compat).
- curly_quotes_kept: neologdn turns “ ” ‘ ’ into ASCII quotes; we keep typographic quotes (they
  are Japanese punctuation here, and ASCII " is ambiguous).
- indent_removed_by_us: we strip line indents (tab, U+3000; option strip_line_indent), neologdn
  keeps a leading tab.
- space_removed_by_us: a space between Japanese (ー) and a digit or bracket goes, as the contract
  says; in spec tables ー stands for "none" (`1GHz 1 ー`) and loses its space: known, left alone.
- other: printed with examples; reviewed when the script is run.

(b) Throughput on all texts of livedoor.jsonl.gz in one run: UTF-8 bytes of input per second of
`Normalizer().normalize` (everything: rules, alignment, numbers, sentences), of the character
stage alone (rules + alignment), and of `neologdn.normalize`, and the ratios.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import neologdn  # noqa: E402

from normalizers import Normalizer  # noqa: E402
from normalizers.alignment import Alignment  # noqa: E402

LIVEDOOR = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"
TILDES = "~\N{WAVE DASH}\N{FULLWIDTH TILDE}\N{TILDE OPERATOR}"
DASHES = "\N{HYPHEN}\N{EN DASH}\N{HORIZONTAL BAR}\N{MINUS SIGN}\N{FULLWIDTH HYPHEN-MINUS}\N{BOX DRAWINGS LIGHT HORIZONTAL}"


def classify(raw: str, ours: str, theirs: str) -> str:
    if any(q in ours for q in "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}") and ours.count('"') < theirs.count('"') + theirs.count("'"):
        return "curly_quotes_kept"
    if theirs.lstrip() == ours and theirs != ours:
        return "indent_removed_by_us"
    if sum(ours.count(c) for c in TILDES) > sum(theirs.count(c) for c in TILDES):
        return "tilde_kept"
    if "ーー" in ours and "ーー" not in theirs:
        return "long_vowel_run_kept"
    if "¥" in ours and "¥" not in theirs:
        return "yen_kept"
    if "\N{MINUS SIGN}" in ours and "\N{MINUS SIGN}" not in theirs:
        return "minus_sign_kept"
    if any(c in ours for c in DASHES) and ours.count("ー") < theirs.count("ー"):
        return "dash_kept"
    if any(unicodedata.normalize("NFKC", c) != c for c in ours if not c.isspace() and c not in "〜−‐–―─"):
        return "nfkc_folds_off"
    if ours.replace(" ", "") == theirs.replace(" ", ""):
        if ours.count(" ") > theirs.count(" "):
            i = next(i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b)
            near = ours[max(0, i - 1) : i + 2]
            if any(ord(c) > 0x24F and not ("\u3000" <= c <= "\u9fff") for c in near if c != " "):
                return "space_next_to_symbol_kept"
            return "latin_space_kept"
        return "space_removed_by_us"
    return "other"


def load() -> list[str]:
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def compare(texts: list[str], n_lines: int) -> None:
    n = Normalizer()
    rng = random.Random(7)
    lines = [line for t in texts for line in t.split("\n") if line.strip()]
    lines = rng.sample(lines, min(n_lines, len(lines)))
    classes: dict[str, list[tuple[str, str, str]]] = collections.defaultdict(list)
    by_rule = collections.Counter()
    for line in lines:
        doc = n.normalize(line)
        for e in doc.edits:
            for r in e.rule.split("+"):
                by_rule[r] += 1
        theirs = neologdn.normalize(line)
        if doc.text != theirs:
            classes[classify(line, doc.text, theirs)].append((line, doc.text, theirs))
    print(f"(a) {len(lines)} livedoor lines; outputs differ on {sum(map(len, classes.values()))}")
    print(f"{'our rule':28s} edits")
    for rule, count in by_rule.most_common():
        print(f"  {rule:26s} {count}")
    print(f"\n{'difference class':28s} lines   examples (raw | ours | neologdn)")
    for cls, rows in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print(f"  {cls:26s} {len(rows)}")
        for raw, ours, theirs in rows[:3]:
            i = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
            lo = max(0, i - 15)
            print(f"      {ours[lo:i + 25]!r}\n    | {theirs[lo:i + 25]!r}")


def throughput(texts: list[str]) -> None:
    """CPU seconds (time.process_time) of this process, the three contenders interleaved chunk by
    chunk: the machine is shared, and wall-clock runs back to back measured the neighbours' load."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    n = Normalizer()

    def char_stage(t: str) -> None:
        n.apply_rules(Alignment(t))

    contenders = {
        "Normalizer().normalize (all stages)": n.normalize,
        "character stage (rules + alignment)": char_stage,
        "neologdn.normalize": neologdn.normalize,
    }
    seconds = dict.fromkeys(contenders, 0.0)
    for i in range(0, len(texts), 250):
        chunk = texts[i : i + 250]
        for name, fn in contenders.items():
            start = time.process_time()
            for t in chunk:
                fn(t)
            seconds[name] += time.process_time() - start
    print(f"\n(b) livedoor: {len(texts)} texts, {mb:.1f} MB UTF-8, one core, CPU time")
    for name, sec in seconds.items():
        print(f"  {name:40s} {mb / sec:6.1f} MB/s  {sec:6.2f} s")
    neo = seconds["neologdn.normalize"]
    print(
        f"  ratio character stage / neologdn: {neo / seconds['character stage (rules + alignment)']:.2f}x; "
        f"full normalize / neologdn: {neo / seconds['Normalizer().normalize (all stages)']:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=20000, help="livedoor lines compared in (a)")
    parser.add_argument("--skip-compare", action="store_true")
    args = parser.parse_args()
    texts = load()
    if not args.skip_compare:
        compare(texts, args.lines)
    throughput(texts)


if __name__ == "__main__":
    main()
