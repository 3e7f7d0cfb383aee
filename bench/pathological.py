"""Does any input make the normalizer slower than linear? (catastrophic regex backtracking)

Real text has them now and then: a line of 10,000 spaces from a broken export, a table of digits,
an unclosed quote. For each shape this normalizes a document of size N and of size 4N and prints
both times and their ratio: about 4 is linear, about 16 quadratic. A ratio above 8 is flagged.
Each time is the best of `--repeat` runs in CPU seconds (`time.process_time`): on a busy machine
one wall-clock pass can take several times as long as the next, and that noise flagged linear
shapes before.

    .venv/bin/python bench/pathological.py              # N = 5,000, best of 3
    .venv/bin/python bench/pathological.py --n 20000 --repeat 5
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
    "digits before a range sign": lambda n: "9" * n + "〜x",  # (ARABIC split 2^n ways before it was possessive)
    "digits at line ends": lambda n: "1\n" * (n // 2),  # (a line break follows a trigger start: issue 19)
    "spec table header rows": lambda n: "(mm) 約1×2/約3\n" * (n // 14),  # (HEADER_BEFORE, OWN_UNIT_AFTER)
    "sizes with x": lambda n: "1x" * (n // 2) + "1mm",  # (DIM reads x as ×: session 7)
    "half years": lambda n: "半年" * (n // 2),  # (半年 through the REL branch: session 7)
    "a header before a long digit run": lambda n: "(mm) 約" + "1" * n + "\n",
    "an unclosed title before counts": lambda n: "『" + "1人、" * (n // 3),  # (context.in_title: issue 19)
    "quotes before a title": lambda n: "「" * (n // 2) + "『1人』" + "、1人" * (n // 6),
    # (context.quoted_titles: one title written many times, many titles; session 13)
    "a quoted title repeated": lambda n: "ドラマ「1人」" * (n // 7),
    "many quoted titles": lambda n: "".join(f"ドラマ「{i}人」" for i in range(n // 8)),
    "kanji numerals": lambda n: "一" * n,
    "digit, comma": lambda n: "1," * (n // 2),
    "digit, dot": lambda n: "1." * (n // 2),
    "amount list": lambda n: "1億円、" * (n // 5),
    "ranges": lambda n: "1─2%、" * (n // 5),
    "middle-dot decimals": lambda n: "１・５兆ドル " * (n // 7),
    "date list": lambda n: "2024年9月12日、" * (n // 11),
    "open bracket before digits": lambda n: "（" * (n // 2) + "１" * (n // 2),
    "katakana": lambda n: "ア" * n,
    "Latin words": lambda n: "ab " * (n // 3),
}


def seconds(normalizer: Normalizer, text: str, repeat: int) -> float:
    """The best of `repeat` CPU times of normalizing `text`."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        normalizer.normalize(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="the smaller size (default 5,000 characters)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts (default 3)")
    args = ap.parse_args()
    normalizer = Normalizer.from_glossary()
    normalizer.normalize("warm-up 1億円")
    print(f"{'shape':30s} {'N s':>8s} {'4N s':>8s} {'ratio':>6s}")
    flagged = []
    for name, make in SHAPES.items():
        small, large = seconds(normalizer, make(args.n), args.repeat), seconds(normalizer, make(4 * args.n), args.repeat)
        ratio = large / small if small > 0 else float("inf")
        mark = "  <- superlinear" if ratio > 8 and large > 0.05 else ""
        if mark:
            flagged.append(name)
        print(f"{name:30s} {small:8.4f} {large:8.4f} {ratio:6.1f}{mark}")
    print(f"\n{len(flagged)} superlinear shape(s){': ' + ', '.join(flagged) if flagged else ''}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
