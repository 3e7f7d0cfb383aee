"""Does any input make the normalizer slower than linear? (catastrophic regex backtracking)

Real text has them now and then: a line of 10,000 spaces from a broken export, a table of digits,
an unclosed quote. For each shape this normalizes a document of size N and of size 4N and prints
both times and their ratio: about 4 is linear, about 16 quadratic. A ratio above 8 is flagged.

    .venv/bin/python bench/pathological.py              # N = 5,000
    .venv/bin/python bench/pathological.py --n 20000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from normalizers import Normalizer  # noqa: E402

# name -> a function of n giving a document about n (or 2n) characters long
SHAPES = {
    "spaces inside a line": lambda n: "a" + " " * n + "\tb",
    "spaces before a line break": lambda n: "a" + " " * n + "\n",
    "ideographic spaces": lambda n: "あ" + "\N{IDEOGRAPHIC SPACE}" * n + "\n",
    "space and ideographic space": lambda n: "a" + " \N{IDEOGRAPHIC SPACE}" * (n // 2) + "\n",
    "dashes after katakana": lambda n: "カ" + "\N{HYPHEN}" * n,
    "katakana and dash pairs": lambda n: "カ\N{HYPHEN}" * (n // 2),
    "line breaks": lambda n: "\n" * n + "a",
    "space, line break": lambda n: " \n" * (n // 2) + "a",
    "exclamation marks": lambda n: "a" + "!" * n + "x",
    "opening quotes": lambda n: "「" * n + "。",
    "unclosed quote": lambda n: "「" + "あ" * (n // 2) + "。" * (n // 2),
    "spaces around a tilde": lambda n: "1" + " " * (n // 2) + "~" + " " * (n // 2) + "x",
    "digits": lambda n: "1" * n,
    "kanji numerals": lambda n: "一" * n,
    "digit, comma": lambda n: "1," * (n // 2),
    "digit, dot": lambda n: "1." * (n // 2),
    "amount list": lambda n: "1億円、" * (n // 5),
    "katakana": lambda n: "ア" * n,
    "Latin words": lambda n: "ab " * (n // 3),
}


def seconds(normalizer: Normalizer, text: str) -> float:
    start = time.perf_counter()
    normalizer.normalize(text)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="the smaller size (default 5,000 characters)")
    args = ap.parse_args()
    normalizer = Normalizer.from_glossary()
    normalizer.normalize("warm-up 1億円")
    print(f"{'shape':30s} {'N s':>8s} {'4N s':>8s} {'ratio':>6s}")
    flagged = []
    for name, make in SHAPES.items():
        small, large = seconds(normalizer, make(args.n)), seconds(normalizer, make(4 * args.n))
        ratio = large / small if small > 0 else float("inf")
        mark = "  <- superlinear" if ratio > 8 and large > 0.05 else ""
        if mark:
            flagged.append(name)
        print(f"{name:30s} {small:8.4f} {large:8.4f} {ratio:6.1f}{mark}")
    print(f"\n{len(flagged)} superlinear shape(s){': ' + ', '.join(flagged) if flagged else ''}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
