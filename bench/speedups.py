"""What each speed-up kept apart gains end to end (issue 16: one that gains < 3 % goes).

Times `Normalizer.from_glossary().normalize` over livedoor with every speed-up on ("all on") and
with one of them swapped for the reference it replaces, in CPU seconds of this process:

  memo       numbers/_fast.parse_numeral: the memo of parse_numeral (reference:
             values.parse_numeral; the memo is cleared at the start of every round)
  records    records_fast.new_record: Edit, Sentence and Mention built by tuple.__new__ from
             their fields' tuple (reference: records_fast.reference_record, the class call; the
             compiled modules look the name up as a module global, so the swap reaches them)
  sentences  sentences_fast.split_sentences_fast: boundaries read at their terminators and line
             breaks (reference: sentences.split_sentences, the regex split)

(rules_fast.fuse, the space rules as one scan, was measured here too and went: under 3% end to
end, bench/README.md; records_fast, first measured under 3% and removed, is back since session 4.)

The machine is shared: the contenders take turns chunk by chunk (`--chunk` documents, the order
rotating), so the load of the moment falls on all of them; each round is one pass over the
documents. The gain of a speed-up is (its reference's seconds / all on's seconds) - 1, per round;
the median is printed with the rounds.

    .venv/bin/python bench/speedups.py --limit 2000 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import DEFAULT_CORPUS, load_docs, normalizer_with_glossary, utf8_bytes  # noqa: E402


def contenders():
    """name -> (normalizer, context manager factory putting the reference in place)."""
    from normalizers import alignment, normalizer, records_fast, sentences, sentences_fast
    from normalizers.numbers import _fast, amounts, dates, values

    fast, note = normalizer_with_glossary()

    @contextmanager
    def nothing():
        yield

    def reference_parse():
        stack = ExitStack()
        stack.enter_context(mock.patch.object(dates, "parse_numeral", values.parse_numeral))
        stack.enter_context(mock.patch.object(amounts, "parse_numeral", values.parse_numeral))
        return stack

    def reference_records():
        stack = ExitStack()
        for module in (alignment, normalizer):
            stack.enter_context(mock.patch.object(module, "new_record", records_fast.reference_record))
        return stack

    def reference_sentences():
        return mock.patch.object(normalizer, "split_sentences_fast", sentences.split_sentences)

    assert dates.parse_numeral is _fast.parse_numeral and amounts.parse_numeral is _fast.parse_numeral
    assert normalizer.split_sentences_fast is sentences_fast.split_sentences_fast
    assert alignment.new_record is normalizer.new_record is records_fast.new_record
    return note, {
        "all on": (fast, nothing),
        "memo": (fast, reference_parse),
        "records": (fast, reference_records),
        "sentences": (fast, reference_sentences),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="jsonl(.gz) with a text field (default livedoor)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=100, help="documents per turn")
    args = ap.parse_args()

    from normalizers.numbers import _fast

    texts = [d["text"] for d in load_docs(args.corpus, args.limit)]
    note, runs = contenders()
    names = list(runs)
    for n, _ in runs.values():  # warm up (lazy tables, regex compilation), untimed
        for t in texts[:20]:
            n.normalize(t)
    rows: dict[str, list[float]] = {k: [] for k in names}
    for _ in range(args.rounds):
        seconds = dict.fromkeys(names, 0.0)
        _fast.clear()
        for k, i in enumerate(range(0, len(texts), args.chunk)):
            part = texts[i : i + args.chunk]
            for name in names[k % len(names):] + names[: k % len(names)]:
                normalizer, reference = runs[name]
                with reference():
                    t0 = time.process_time()
                    for t in part:
                        normalizer.normalize(t)
                    seconds[name] += time.process_time() - t0
        for name, sec in seconds.items():
            rows[name].append(sec)
    print(f"{args.corpus}: {len(texts)} docs, {utf8_bytes(texts) / 1e6:.1f} MB; {note}; {args.rounds} rounds, "
          f"contenders interleaved every {args.chunk} docs; CPU s per pass; load avg {os.getloadavg()[0]:.1f}")
    base = rows["all on"]
    for name, secs in rows.items():
        line = f"{name:10} " + " ".join(f"{s:6.3f}" for s in secs)
        if name != "all on":
            gains = sorted(s / b - 1 for s, b in zip(secs, base))
            line += "   gain with it: " + " ".join(f"{g:+.1%}" for g in gains) + f"   median {gains[len(gains) // 2]:+.1%}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
