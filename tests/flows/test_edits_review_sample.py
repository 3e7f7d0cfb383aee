"""The edits review's sample (flows/report.py `sample_rows`) against its plain definition: each
rule's edits ordered by (doc key, start), the first edit of each of `per_rule` equal buckets."""

import random

import numpy as np
import pytest

from flows.report import sample_rows


def plain_sample(rules, doc_keys, starts, per_rule):
    picked = []
    for rule in sorted(set(rules)):
        mine = sorted((doc_keys[r], starts[r], r) for r in range(len(rules)) if rules[r] == rule)
        n = len(mine)
        picked += [mine[i][2] for i in range(n) if i == 0 or (i * per_rule) // n != ((i - 1) * per_rule) // n]
    return sorted(picked)


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("per_rule", [1, 2, 3, 7])
def test_sample_rows_is_the_plain_sample(seed, per_rule):
    rnd = random.Random(seed)
    n = rnd.randint(1, 60)
    # few rules, some with fewer edits than per_rule; repeated doc keys and starts
    rules = [rnd.choice([5, 1, 9, 2]) for _ in range(n)]
    doc_keys = [rnd.randint(-1, 6) for _ in range(n)]
    starts = [rnd.randint(0, 4) for _ in range(n)]
    got = sample_rows(np.array(rules, dtype=np.uint32), np.array(doc_keys, dtype=np.int64),
                      np.array(starts, dtype=np.int64), per_rule)
    assert sorted(got) == plain_sample(rules, doc_keys, starts, per_rule)
    assert len(got) == len(set(got))


# -- the review read part by part (`sampled_edits`, `edits_review`) against the keys held at once --

def _doc_id(rnd: random.Random, part: int) -> str:
    """Hex ids whose first three digits (a key bin) repeat, ids that share their first 15 digits,
    and a few that are not hex (key -1); each id in one part only, as in a run."""
    kind = rnd.random()
    if kind < 0.1:
        return f"not-hex-{part}-{rnd.randint(0, 3)}"
    if kind < 0.2:
        return "0" * 15 + "%045x%04x" % (rnd.randint(0, 3), part)
    return rnd.choice(["abc", "abd", "fff", "000", "7f0"]) + "%057x%04x" % (rnd.randint(0, 2**20), part)


def _write_run(tmp_path, rnd: random.Random, n_parts: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for sub in ("edits", "documents"):
        (tmp_path / sub).mkdir()
    for p in range(n_parts):
        ids = sorted({_doc_id(rnd, p) for _ in range(rnd.randint(1, 6))})
        texts = {d: ("".join(rnd.choice("あいう ア") for _ in range(40)),) * 2 for d in ids}
        n = rnd.randint(0, 40)
        rows = [(rnd.choice(["width", "space", "kana", "z_rule"]), rnd.choice(ids), rnd.randint(0, 5)) for _ in range(n)]
        pq.write_table(pa.table({
            "doc_id": [d for _, d, _ in rows], "rule": [r for r, _, _ in rows],
            "start": [s for _, _, s in rows], "end": [s + 1 for _, _, s in rows],
            "raw_start": [s for _, _, s in rows], "raw_end": [s + 2 for _, _, s in rows],
            "before": ["ｱ"] * n, "after": ["ア"] * n,
        }, schema=pa.schema([("doc_id", pa.string()), ("rule", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                             ("raw_start", pa.int64()), ("raw_end", pa.int64()), ("before", pa.string()),
                             ("after", pa.string())])), tmp_path / "edits" / f"part-{p:04d}.parquet")
        pq.write_table(pa.table({"doc_id": ids, "raw_text": [texts[d][0] for d in ids], "text": [texts[d][1] for d in ids]}),
                       tmp_path / "documents" / f"part-{p:04d}.parquet")


def plain_review(out, per_rule):
    """The review with every edit's keys held at once (the definition `edits_review` keeps)."""
    import polars as pl

    from flows.report import REVIEW_CONTEXT, edit_context, short_cell

    parts = sorted((out / "edits").glob("*.parquet"))
    order = ["rule", "doc_id", "raw_start"]
    keys = pl.concat([pl.read_parquet(p, columns=order).select(
        pl.col("rule").cast(pl.Categorical),
        pl.col("doc_id").str.slice(0, 15).str.to_integer(base=16, strict=False).fill_null(-1), "raw_start")
        for p in parts])
    picked_rows = sample_rows(keys["rule"].to_physical().to_numpy(), keys["doc_id"].to_numpy(),
                              keys["raw_start"].to_numpy(), per_rule)
    if not picked_rows:
        return [], {}
    picked = (pl.scan_parquet(parts).with_row_index("_row").filter(pl.col("_row").is_in(picked_rows))
              .collect().sort(order, maintain_order=True))
    counts = dict(keys.group_by("rule").len().with_columns(pl.col("rule").cast(pl.String)).iter_rows())
    texts = {d: (raw, clean) for d, raw, clean in pl.read_parquet(sorted((out / "documents").glob("*.parquet")))
             .select("doc_id", "raw_text", "text").iter_rows()}
    rows = [{"rule": e["rule"], "before": short_cell(e["before"], 40), "after": short_cell(e["after"], 40),
             "raw_context": short_cell(edit_context(texts[e["doc_id"]][0], e["raw_start"], e["raw_end"], REVIEW_CONTEXT), 80),
             "clean_context": short_cell(edit_context(texts[e["doc_id"]][1], e["start"], e["end"], REVIEW_CONTEXT), 80),
             "doc_id": e["doc_id"][:12]} for e in picked.iter_rows(named=True)]
    return rows, {k: counts[k] for k in sorted(counts)}


@pytest.mark.parametrize("seed", range(12))
def test_the_review_read_part_by_part_is_the_plain_review(tmp_path, seed):
    from flows.report import edits_review

    rnd = random.Random(seed)
    _write_run(tmp_path, rnd, rnd.randint(1, 9))
    for per_rule in (1, 2, 3, 7):
        assert edits_review(tmp_path, per_rule) == plain_review(tmp_path, per_rule), per_rule


@pytest.mark.parametrize("seed", range(12))
def test_sampled_edits_picks_what_sample_rows_picks(tmp_path, seed):
    import polars as pl

    from flows.report import sampled_edits

    rnd = random.Random(100 + seed)
    _write_run(tmp_path, rnd, rnd.randint(1, 9))
    parts = sorted((tmp_path / "edits").glob("*.parquet"))
    sizes = [pl.read_parquet(p).height for p in parts]
    keys = pl.concat([pl.read_parquet(p, columns=["rule", "doc_id", "raw_start"]) for p in parts])
    doc_keys = keys.select(pl.col("doc_id").str.slice(0, 15).str.to_integer(base=16, strict=False).fill_null(-1))
    rule_codes = np.array([sorted(set(keys["rule"])).index(r) for r in keys["rule"]], dtype=np.uint32)
    for per_rule in (1, 3, 7):
        want = sorted(sample_rows(rule_codes, doc_keys.to_series().to_numpy(), keys["raw_start"].to_numpy(), per_rule))
        got, counts = sampled_edits(parts, per_rule)
        assert [sum(sizes[:j]) + row for j, row in got] == want
        assert counts == {r: keys["rule"].to_list().count(r) for r in set(keys["rule"])}
