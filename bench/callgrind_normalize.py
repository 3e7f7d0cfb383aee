"""Instructions inside `Normalizer.normalize` over a stratified sample of livedoor, counted by callgrind.

Seconds on this shared machine move by ±10 % between runs; instructions do not (the same build and
sample give the same count to within a few hundred thousand), so a rule's cost is measured here and
the seconds are measured side by side with the peer in `throughput.py`. Sessions 8 to 14 ran the same
measurement from drivers outside the repository (bench/README.md); this is that driver, kept:

    .venv/bin/python bench/callgrind_normalize.py                  # 300 documents, prints M instructions
    .venv/bin/python bench/callgrind_normalize.py --docs 100 --out /tmp/x.cg --top 15

Needs valgrind and the compiled build (`normalizers.BUILD == "compiled"`): the window opens and closes
on the compiled `Normalizer.normalize` (`--toggle-collect`), so the Python start-up, the corpus read
and the glossary's one-time builds stay outside it. Before the window the script normalizes one text
and looks up one name beyond the BMP, which builds the glossary's `str` automaton (281 M instructions
once: session 13's figures carried it). The garbage collector is off: a full collection landing
inside the window or not is ±28 M of noise. `PYTHONHASHSEED=0` keeps set and dict orders fixed.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import DEFAULT_CORPUS, load_docs  # noqa: E402

WINDOW = "CPyDef_normalizer___Normalizer___normalize"
COLLECTED = re.compile(r"Collected : (\d+)")
# callgrind_annotate's inclusive lines for the compiled functions: "  235,976,455 (34.06%)  file:CPyDef_x [lib]"
ANNOTATED = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+\S*:CPyDef_(\w+) \[")


def stratified(docs: list[dict], n_docs: int) -> list[str]:
    """About `n_docs` texts, every k-th of each source (category) so each weighs the same."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_source[d.get("source", "")].append(d["text"])
    per = max(1, n_docs // len(by_source))
    return [t for k in sorted(by_source) for t in by_source[k][:: max(1, len(by_source[k]) // per)][:per]]


def collected(valgrind_stderr: str) -> int:
    """The instructions callgrind counted inside the window (its `Collected :` line)."""
    m = COLLECTED.search(valgrind_stderr)
    if m is None:
        raise ValueError("no 'Collected :' line in valgrind's output")
    return int(m.group(1))


def top_functions(annotate_output: str, top: int) -> list[tuple[str, int]]:
    """The compiled functions with the most inclusive instructions, first `top`, each once."""
    seen: dict[str, int] = {}
    for line in annotate_output.splitlines():
        m = ANNOTATED.match(line)
        if m and m.group(2) not in seen:
            seen[m.group(2)] = int(m.group(1).replace(",", ""))
    return sorted(seen.items(), key=lambda kv: -kv[1])[:top]


def inner(corpus: str, n_docs: int) -> None:
    """The measured workload (run under valgrind by `main`)."""
    gc.disable()  # from the start, as the sessions' drivers did (their figures compare)
    from normalizers import NormalizeConfig, Normalizer

    texts = stratified(load_docs(corpus), n_docs)
    norm = Normalizer.from_glossary(None, NormalizeConfig())
    norm.normalize("ウォームアップ 2012年5月3日")
    norm.glossary.find("\N{CJK UNIFIED IDEOGRAPH-20BB7}野家 ウォームアップ")  # the str automaton, built once, outside
    for t in texts:
        norm.normalize(t)
    print(len(texts), "documents")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=300, help="about this many documents (default 300)")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--out", help="keep the callgrind file here (default: a temp file, removed)")
    ap.add_argument("--top", type=int, default=0, help="also print the N compiled functions with most instructions")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:
        inner(args.corpus, args.docs)
        return 0
    import normalizers

    if normalizers.BUILD != "compiled":
        print(f"the build is {normalizers.BUILD!r}: compile it first (.venv/bin/pip install --no-deps -e .)", file=sys.stderr)
        return 2
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or os.path.join(tmp, "normalize.cg")
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no", f"--toggle-collect={WINDOW}",
               f"--callgrind-out-file={out}", sys.executable, __file__, "--inner", "--docs", str(args.docs),
               "--corpus", args.corpus]
        run = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        if run.returncode != 0:
            print(run.stderr[-2000:], file=sys.stderr)
            return run.returncode
        total = collected(run.stderr)
        print(f"{run.stdout.strip()}; inside Normalizer.normalize: {total / 1e6:.1f} M instructions")
        if args.top:
            annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", out], capture_output=True, text=True).stdout
            for name, ir in top_functions(annotated, args.top):
                print(f"{ir / 1e6:10.1f} M  {ir / total:6.1%}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
