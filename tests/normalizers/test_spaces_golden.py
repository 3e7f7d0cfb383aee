"""The hand-labelled space yardstick (issue 18): tests/golden/normalizers/spaces.tsv, SPACES.md.

Each row names a run of spaces in a real document (`source`, `offset`, `length`: no corpus text
in the file) and says whether a careful editor deletes it (`artifact`) or keeps it (`separator`).

- The consistency tests check the file against the documents in ../shared (every offset is a
  maximal space run of that length, with the kind `bench/spaces.py` gives it; the sample sizes
  of the brief; the documented draw is all there).
- `test_split_is_by_document`: the `split` column (dev/test) is `split_of()`: by document,
  about half each per source; the space rules were tuned on dev only.
- `test_spaces_score` normalizes each document with `Normalizer.from_glossary()`, decides from
  the document's edits whether each labelled space survived, prints a confusion table
  (label × kept/deleted/removed), the accuracy per kind and per source and split, and the cases
  handled against their label, and asserts the floors of `FLOORS` per source on both splits
  (`removed`: the text on both sides of the space went too, a line of debris deleted whole;
  counted apart, not scored).
"""

from __future__ import annotations

import csv
import difflib
import gzip
import hashlib
import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from normalizers.alignment import Edit

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "golden" / "normalizers" / "spaces.tsv"
COLUMNS = ["source", "offset", "length", "kind", "label", "reason", "split"]
LABELS = {"artifact", "separator", "unsure"}
SPACE_CHARS = " \u3000"

pytestmark = pytest.mark.skipif(
    not (SHARED / "seeds").is_dir() or not (SHARED / "corpus").is_dir(), reason="../shared (seeds, corpus) not present"
)


def _rows() -> list[dict]:
    with GOLDEN.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    assert header == COLUMNS, header
    rows = []
    for n, cols in enumerate(reader, start=2):
        assert len(cols) == len(COLUMNS), f"spaces.tsv row {n}: {len(cols)} columns"
        row = dict(zip(COLUMNS, cols))
        row["offset"], row["length"] = int(row["offset"]), int(row["length"])
        rows.append(row)
    return rows


def _load_texts(sources: set[str]) -> dict[str, str]:
    """The text of each source key: `seeds/<file>` (read as bytes: no newline translation),
    `livedoor/<id>` and `aozora/<id>` (the corpus ids carry their prefix)."""
    texts: dict[str, str] = {}
    for src in sources:
        if src.startswith("seeds/"):
            path = SHARED / "seeds" / src.split("/", 1)[1]
            if path.is_file():
                texts[src] = path.read_bytes().decode("utf-8")
    for name in ("livedoor", "aozora"):
        wanted = {s for s in sources if s.startswith(name + "/")}
        if not wanted:
            continue
        with gzip.open(SHARED / "corpus" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                d = json.loads(line)
                key = d["id"] if d["id"].startswith(name + "/") else f"{name}/{d['id']}"
                if key in wanted:
                    texts[key] = d["text"]
    return texts


def _bench_spaces():
    """bench/spaces.py (not a package: loaded from its path)."""
    spec = importlib.util.spec_from_file_location("bench_spaces", ROOT / "bench" / "spaces.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _rows()


@pytest.fixture(scope="module")
def texts(rows) -> dict[str, str]:
    return _load_texts({r["source"] for r in rows})


# -- (a) consistency ---------------------------------------------------------------------------


def test_file_shape(rows):
    labelled = [r for r in rows if r["label"] in ("artifact", "separator")]
    assert len(labelled) >= 300, len(labelled)
    assert {r["label"] for r in rows} <= LABELS, {r["label"] for r in rows} - LABELS
    assert all(r["reason"].strip() for r in rows), "every case gives a reason"
    keys = [(r["source"], r["offset"]) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate cases"
    # the brief's sample sizes (line-start cases come on top)
    per_source = Counter(r["source"].split("/", 1)[0] for r in rows if r["kind"] != "line-start")
    assert per_source["seeds"] >= 100 and per_source["livedoor"] >= 150 and per_source["aozora"] >= 50, per_source
    assert any(r["kind"] == "line-start" for r in rows)
    assert all(r["label"] != "unsure" or len(r["reason"]) > 3 for r in rows)


def test_offsets_point_at_space_runs(rows, texts):
    bench = _bench_spaces()
    missing = sorted({r["source"] for r in rows} - texts.keys())
    assert not missing, f"documents not found: {missing[:5]}"
    bad = []
    for r in rows:
        text, off, n = texts[r["source"]], r["offset"], r["length"]
        run = text[off : off + n]
        ok = (
            n > 0
            and len(run) == n
            and all(c in SPACE_CHARS for c in run)
            and (off == 0 or text[off - 1] not in SPACE_CHARS)  # the whole run, not a piece of it
            and (off + n == len(text) or text[off + n] not in SPACE_CHARS)
        )
        if not ok:
            bad.append((r["source"], off, n, "not a space run of that length"))
            continue
        found = {(o, k) for o, ln, k in bench.candidates(text) if ln == n}
        if (off, r["kind"]) not in found:
            bad.append((r["source"], off, n, f"kind {r['kind']!r} is not what bench/spaces.py finds"))
    assert not bad, bad[:10]


def test_documented_draw_is_in_the_file(rows):
    """`python3 bench/spaces.py sample` (SPACES.md) draws exactly the cases of the file (extra
    hand-added rows are allowed)."""
    bench = _bench_spaces()
    drawn = {(s, o, n, k) for s, o, n, k in bench.sample()}
    have = {(r["source"], r["offset"], r["length"], r["kind"]) for r in rows}
    assert drawn <= have, sorted(drawn - have)[:10]


# -- (b) the normalizer's score ----------------------------------------------------------------


def space_survives(raw: str, edits, off: int, length: int) -> bool:
    """Whether a space of raw[off:off+length] is still in the normalized text, from the edits
    (sorted, disjoint, raw-side spans `raw_start:raw_end`, `before` → `after`).

    A position no edit covers is unchanged. Inside an edit, `before` and `after` are aligned
    character by character (difflib): a space in an `equal` block survived, one in a `replace`
    block survived if that block's `after` side still holds a space (U+3000 → U+0020 is a kept
    space); otherwise (a `delete`, or replaced by no space) it is gone. The run is kept when any
    of its spaces survived (a run collapsed to one space is kept).
    """
    end = off + length
    covered = [e for e in edits if e.raw_start < end and e.raw_end > off and e.raw_end > e.raw_start]
    positions = set(range(off, end))
    for e in covered:
        inside = {p for p in positions if e.raw_start <= p < e.raw_end}
        positions -= inside
        before, after = e.before, e.after
        if before != raw[e.raw_start : e.raw_end]:  # (never expected: the edit's raw side)
            before = raw[e.raw_start : e.raw_end]
        ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        for p in inside:
            i = p - e.raw_start
            for tag, i1, i2, j1, j2 in ops:
                if i1 <= i < i2:
                    if tag == "equal" or (tag == "replace" and any(c in SPACE_CHARS for c in after[j1:j2])):
                        return True
                    break
    return bool(positions)  # some space of the run no edit touched


def _edit(raw: str, rs: int, re_: int, after: str) -> Edit:
    return Edit(rs, re_, 0, 0, "test", raw[rs:re_], after)


def test_space_survives_reads_edits():
    raw = "7 月 22 日、Microsoft と\u3000OpenAI　は  AI"
    m = raw.index(" 月")
    assert not space_survives(raw, [_edit(raw, m, m + 1, "")], m, 1)  # deleted alone
    assert space_survives(raw, [], m, 1)  # no edit
    assert space_survives(raw, [_edit(raw, 0, 1, "7")], m, 1)  # an edit elsewhere
    t = raw.index(" と")
    # merged edit: the glossary rewrote the name and the space went with it
    assert not space_survives(raw, [_edit(raw, t - 9, t + 1, "Microsoft")], t, 1)
    assert space_survives(raw, [_edit(raw, t - 9, t + 1, "microsoft ")], t, 1)
    w = raw.index("\u3000OpenAI")
    assert space_survives(raw, [_edit(raw, w, w + 1, " ")], w, 1)  # U+3000 → U+0020: kept
    assert not space_survives(raw, [_edit(raw, w - 1, w + 7, "とOpenAI")], w, 1)
    assert space_survives(raw, [_edit(raw, w - 1, w + 7, "と OpenAI")], w, 1)
    d = raw.index("  AI")
    assert space_survives(raw, [_edit(raw, d + 1, d + 2, "")], d, 2)  # a run collapsed to one space
    assert not space_survives(raw, [_edit(raw, d, d + 2, "")], d, 2)
    assert not space_survives(raw, [_edit(raw, d, d + 1, ""), _edit(raw, d + 1, d + 2, "")], d, 2)
    assert not space_survives(raw, [_edit(raw, d - 1, d + 4, "はAI")], d, 2)
    assert not space_survives(raw, [_edit(raw, d - 1, d + 4, "は・AI")], d, 2)  # replaced by a non-space
    # fates: a line of debris removed whole takes its spaces with it
    assert space_fate(raw, [_edit(raw, m, m + 1, "")], m, 1) == "deleted"
    assert space_fate(raw, [_edit(raw, 0, len(raw), "")], m, 1) == "removed"
    assert space_fate(raw, [_edit(raw, t - 9, t + 1, "Microsoft")], t, 1) == "deleted"
    assert space_fate(raw, [], t, 1) == "kept"


def _dropped(edits, p: int) -> bool:
    """Whether raw position p was deleted outright (not kept, not replaced by other text)."""
    for e in edits:
        if e.raw_start <= p < e.raw_end:
            if not e.after:
                return True
            i = p - e.raw_start
            for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, e.before, e.after, autojunk=False).get_opcodes():
                if i1 <= i < i2:
                    return tag == "delete"
            return False
    return False


def space_fate(raw: str, edits, off: int, length: int) -> str:
    """`kept`, `deleted` (the space went, its neighbours stayed or were rewritten), or `removed`
    (the text on both sides went too: a line of debris deleted whole; not a space decision)."""
    if space_survives(raw, edits, off, length):
        return "kept"
    if off > 0 and off + length < len(raw) and _dropped(edits, off - 1) and _dropped(edits, off + length):
        return "removed"
    return "deleted"


def _table(title: str, counts: dict, keys: list[str]) -> list[str]:
    lines = [title, f"  {'':<20} {'n':>4} {'correct':>8} {'accuracy':>9} {'art→del':>8} {'art→kept':>9} {'sep→kept':>9} {'sep→del':>8}"]
    for k in keys:
        c = counts[k]
        n = c["artifact", "deleted"] + c["artifact", "kept"] + c["separator", "kept"] + c["separator", "deleted"]
        ok = c["artifact", "deleted"] + c["separator", "kept"]
        acc = f"{ok / n:.1%}" if n else "-"
        lines.append(
            f"  {k:<20} {n:>4} {ok:>8} {acc:>9} {c['artifact', 'deleted']:>8} {c['artifact', 'kept']:>9} "
            f"{c['separator', 'kept']:>9} {c['separator', 'deleted']:>8}"
        )
    return lines


# Floors per source, on the dev and the test split alike (each document's spaces are in one split:
# `test_split_is_by_document`). The rules were tuned on dev only. Measured (issue 18, item 3):
#
#   source    split  accuracy  artifact recall  separator kept  kept that are separators
#   seeds     dev      100.0%      22/22             1/1              1/1   (2 removed with debris)
#   seeds     test     100.0%      79/79             3/3              3/3
#   livedoor  dev       89.3%      12/20            63/64            63/71
#   livedoor  test      90.5%       8/15            68/69            68/75
#   aozora    dev      100.0%       7/7             23/23            23/23
#   aozora    test      96.7%       5/6             24/24            24/25
#
# (before: seeds 98%, livedoor 20%, aozora 22%). livedoor's missed artifacts are mostly spaces
# the spacing rule does not see (`ICS ）` is Latin and a bracket once ） is folded to ASCII) and
# Latin+katakana compounds in native text (`LAN ポート`), kept on purpose: the same shape is a
# product name there (`Sony ANC ワイヤレス`).
FLOORS = {  # source: (accuracy, artifact recall, separator kept, kept that are separators)
    "seeds": (0.95, 0.95, 0.95, 0.95),
    "livedoor": (0.88, 0.50, 0.95, 0.85),
    "aozora": (0.90, 0.65, 0.95, 0.90),
}


def split_of(rows: list[dict]) -> dict[str, str]:
    """The split of each document (`dev` or `test`): per source, the documents in the order of
    the sha256 of their `source`, each to the split that holds fewer labelled spaces so far
    (dev on a tie). Deterministic, a document's spaces together, about half each per source."""
    per_doc = Counter(r["source"] for r in rows)
    out: dict[str, str] = {}
    for group in ("seeds", "livedoor", "aozora"):
        size = {"dev": 0, "test": 0}
        docs = sorted((d for d in per_doc if d.split("/", 1)[0] == group), key=lambda d: hashlib.sha256(d.encode()).hexdigest())
        for d in docs:
            split = "dev" if size["dev"] <= size["test"] else "test"
            out[d] = split
            size[split] += per_doc[d]
    return out


def test_split_is_by_document(rows):
    expected = split_of(rows)
    wrong = [(r["source"], r["offset"], r["split"]) for r in rows if r["split"] != expected[r["source"]]]
    assert not wrong, f"split column differs from split_of(): {wrong[:5]}"
    for group in ("livedoor", "aozora"):  # the seeds are five documents, one of them 62 spaces
        n = Counter(r["split"] for r in rows if r["source"].startswith(group + "/"))
        assert abs(n["dev"] - n["test"]) <= 0.1 * (n["dev"] + n["test"]), (group, n)


def _rates(c: Counter) -> tuple[float, float, float, float]:
    ad, ak, sk, sd = c["artifact", "deleted"], c["artifact", "kept"], c["separator", "kept"], c["separator", "deleted"]
    ratio = lambda a, b: a / b if b else 1.0  # noqa: E731
    return ratio(ad + sk, ad + ak + sk + sd), ratio(ad, ad + ak), ratio(sk, sk + sd), ratio(sk, sk + ak)


def test_spaces_score(rows, texts, capsys):
    from normalizers import Normalizer

    normalizer = Normalizer.from_glossary()
    docs = {src: normalizer.normalize(text) for src, text in sorted(texts.items())}
    by_kind: dict[str, Counter] = defaultdict(Counter)
    by_source: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    wrong = []
    for r in rows:
        raw = texts[r["source"]]
        fate = space_fate(raw, docs[r["source"]].edits, r["offset"], r["length"])
        kept = fate == "kept"
        confusion[r["label"], fate] += 1
        if r["label"] == "unsure" or fate == "removed":
            continue  # undecided, or the whole text around it was removed (debris): not scored
        by_kind[r["kind"]][r["label"], fate] += 1
        by_source[f"{r['source'].split('/', 1)[0]} {r['split']}"][r["label"], fate] += 1
        if (r["label"] == "separator") != kept:
            off, n = r["offset"], r["length"]
            ctx = (raw[max(0, off - 15) : off] + "[" + raw[off : off + n] + "]" + raw[off + n : off + n + 15]).replace("\n", "⏎")
            wrong.append(f"{r['split']} {r['source']}:{off} {r['kind']} {r['label']} ({r['reason']}) {fate}: {ctx}")
    lines = ["", "space yardstick (tests/golden/normalizers/spaces.tsv): label × fate"]
    lines.append(f"  {'':<10} {'kept':>6} {'deleted':>8} {'removed':>8}  (removed: with the text around it, not scored)")
    for label in ("artifact", "separator", "unsure"):
        c = [confusion[label, f] for f in ("kept", "deleted", "removed")]
        lines.append(f"  {label:<10} {c[0]:>6} {c[1]:>8} {c[2]:>8}")
    lines += _table("per kind", by_kind, sorted(by_kind))
    lines += _table("per source and split", by_source, sorted(by_source))
    total: dict[str, Counter] = {"all": sum(by_kind.values(), Counter())}
    lines += _table("overall", total, ["all"])
    lines += ["handled against their label:"] + [f"  {w}" for w in wrong]
    with capsys.disabled():
        print("\n".join(lines))
    below = []
    for key, counts in sorted(by_source.items()):
        source = key.split()[0]
        for name, got, floor in zip(("accuracy", "artifact recall", "separator kept", "kept are separators"), _rates(counts), FLOORS[source]):
            if got < floor:
                below.append(f"{key}: {name} {got:.1%} < {floor:.0%}")
    assert not below, "below the floors:\n" + "\n".join(below)
