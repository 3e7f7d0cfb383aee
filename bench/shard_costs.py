"""What a shard costs beyond the normalizer: `process.process_shard` on real shards, without Prefect.

    .venv/bin/python bench/shard_costs.py --shards 8            # the first 8 livedoor shards
    .venv/bin/python bench/shard_costs.py --shards 8 --profile 25

Plans livedoor (or `--corpus`) as `tadasu run` does (`flows.shards.plan_shards`, 250 documents
per shard), then runs `process_shard` on the first `--shards` shards into a temporary OUT, twice
interleaved with a plain `Normalizer.normalize_many` pass over the same documents (64 at a time,
reading untimed), and prints CPU seconds (this process's `time.process_time`): process_shard,
normalize_many, their difference (the shard's own overhead: reading, candidates, rows, Arrow,
Parquet, bookkeeping) and the ratio. `--batch`: one `process_batch` over the shards, as a
normalize-shards task runs them (the collector's settings held for the batch). `--profile N` prints the N top functions by own time of
one more process_shard pass (cProfile). A quick loop for issue 21's flow overhead; the run as a
whole (Prefect, finalize) is bench/run_breakdown.py.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows import process  # noqa: E402
from flows.ingest import DEFAULT_MAX_DOC_BYTES, discover  # noqa: E402
from flows.shards import plan_shards, read_shard  # noqa: E402
from normalizers import PIPELINE_VERSION, NormalizeConfig  # noqa: E402
from normalizers.normalizer import MANY_CHUNK  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "livedoor.jsonl.gz"


def context(out: Path) -> process.RunContext:
    cfg = NormalizeConfig()
    g = process.load_glossary(None)
    return process.RunContext(out=str(out), glossary=None, config=cfg.to_dict(), pipeline_version=PIPELINE_VERSION,
                              glossary_version=g.version, config_fingerprint=cfg.fingerprint(),
                              max_doc_bytes=DEFAULT_MAX_DOC_BYTES)


def shards_cpu(specs, ctx, batch: bool = False) -> float:
    """CPU s of process_shard on each shard, or of one process_batch over them (as a task runs them)."""
    out = Path(ctx.out)
    shutil.rmtree(out, ignore_errors=True)
    c = time.process_time()
    if batch:
        process.process_batch([{"spec": s.to_dict(), "fp": "bench"} for s in specs],
                              {k: getattr(ctx, k) for k in ctx.__slots__})
    else:
        for s in specs:
            process.process_shard(s, ctx, "bench")
    return time.process_time() - c


def normalize_cpu(specs, ctx) -> float:
    n = process.get_normalizer(ctx.glossary, ctx.config)
    cpu = 0.0
    for s in specs:
        docs = [d for d in read_shard(s, ctx.max_doc_bytes) if d.reason is None]
        for i in range(0, len(docs), MANY_CHUNK):
            chunk = docs[i : i + MANY_CHUNK]
            c = time.process_time()
            n.normalize_many([d.raw_text for d in chunk], [d.published_at for d in chunk], errors="return")
            cpu += time.process_time() - c
    return cpu


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--profile", type=int, default=0)
    ap.add_argument("--json", default=None)
    ap.add_argument("--batch", action="store_true", help="one process_batch over the shards (as the flow's tasks)")
    args = ap.parse_args(argv)
    files, skipped = discover([args.corpus])
    specs = plan_shards(list(files) + list(skipped), 250, DEFAULT_MAX_DOC_BYTES).shards[: args.shards]
    tmp = Path(tempfile.mkdtemp(prefix="shard-costs-"))
    try:
        ctx = context(tmp / "out")
        shards_cpu(specs[:1], ctx)  # warm: the glossary, the normalizer, imports
        rows = []
        for _ in range(args.rounds):
            rows.append((shards_cpu(specs, ctx, args.batch), normalize_cpu(specs, ctx)))
        n_docs = sum(s.n_docs for s in specs)
        print(f"{len(specs)} shards, {n_docs:,} docs; load avg {os.getloadavg()[0]:.1f}")
        for shard, norm in rows:
            print(f"  process_shard {shard:6.2f} CPU s   normalize_many {norm:6.2f}   overhead {shard - norm:6.2f}"
                  f"   ratio {shard / norm:5.2f}")
        best = min(s - n for s, n in rows)
        print(f"  best overhead {best:.2f} CPU s ({best / n_docs * 1000:.3f} ms/doc)")
        if args.json:
            Path(args.json).write_text(json.dumps({"rows": rows, "docs": n_docs}))
        if args.profile:
            shutil.rmtree(tmp / "out", ignore_errors=True)
            prof = cProfile.Profile()
            prof.enable()
            for s in specs:
                process.process_shard(s, ctx, "bench")
            prof.disable()
            pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
