"""Corpus helpers shared by the bench scripts (not a benchmark itself).

- `DEFAULT_CORPUS`: the livedoor news corpus in `../shared/corpus/`, read in place.
- `load_docs(path, limit)`: the documents of a `.jsonl` / `.jsonl.gz` file.
- `scaled_corpus(path, factor, limit)`: a corpus repeated `factor` times with distinct ids, written
  once into a temp dir outside the repository (default /tmp/tadasu-bench, env TADASU_BENCH_TMP) and
  reused afterwards. Never commit it: the news corpus forbids derivatives.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"
BENCH_TMP = Path(os.environ.get("TADASU_BENCH_TMP", Path(tempfile.gettempdir()) / "tadasu-bench"))


def _open_text(path: Path):
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def load_docs(path: str | Path = DEFAULT_CORPUS, limit: int | None = None) -> list[dict]:
    """The first `limit` documents (all when None) of a jsonl(.gz) corpus, as dicts."""
    docs = []
    with _open_text(Path(path)) as f:
        for line in f:
            if not line.strip():
                continue
            docs.append(json.loads(line))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def utf8_bytes(texts: list[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def scaled_corpus(path: str | Path = DEFAULT_CORPUS, factor: int = 10, limit: int | None = None) -> Path:
    """`path`'s first `limit` docs repeated `factor` times (ids suffixed `~rN`), as jsonl.gz under
    BENCH_TMP; built on first use (a half-written file is never picked up)."""
    path = Path(path)
    stem = path.name.split(".")[0] + (f"-{limit}" if limit else "")
    out = BENCH_TMP / (f"{stem}-x{factor}.jsonl.gz" if factor != 1 else f"{stem}.jsonl.gz")
    if out.exists():
        return out
    BENCH_TMP.mkdir(parents=True, exist_ok=True)
    docs = load_docs(path, limit)
    tmp = out.with_name(out.name + f".part{os.getpid()}")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as f:
        for r in range(factor):
            for d in docs:
                d2 = dict(d)
                if factor != 1:
                    d2["id"] = f"{d.get('id', '')}~r{r}"
                f.write(json.dumps(d2, ensure_ascii=False) + "\n")
    tmp.replace(out)
    return out


def corpus_input(path: str | Path, limit: int | None) -> Path:
    """The corpus itself, or a slice of its first `limit` docs written under BENCH_TMP."""
    return Path(path) if limit is None else scaled_corpus(path, 1, limit)


def count_docs(path: Path) -> tuple[int, int]:
    """(documents, UTF-8 bytes of their text) of a jsonl(.gz) file."""
    n = b = 0
    with _open_text(path) as f:
        for line in f:
            if line.strip():
                n += 1
                b += len(json.loads(line).get("text", "").encode("utf-8"))
    return n, b


def normalizer_with_glossary(path=None, config=None):
    """(Normalizer, note): `Normalizer.from_glossary(path, config)`; if the glossary fails its
    checks, the same data compiled unvalidated (so the glossary stage can still be timed while the
    data is being edited); if it cannot be read at all, `Normalizer(config=config)` without one.
    The note says which, and the bench scripts print it."""
    from normalizers import Normalizer

    try:
        n = Normalizer.from_glossary(path, config)
        return n, f"glossary loaded (version {n.glossary_version})"
    except Exception as exc:
        first = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    try:
        from glossary import Glossary
        from glossary.loader import read

        n = Normalizer(Glossary(read(path)), config)
        return n, (f"GLOSSARY FAILED ITS CHECKS ({first}); timed with the same data compiled unvalidated "
                   f"(version {n.glossary_version})")
    except Exception as exc2:
        return Normalizer(config=config), (f"GLOSSARY DID NOT LOAD ({first}; unvalidated: {type(exc2).__name__}: "
                                           f"{exc2}); Normalizer() without a glossary: no entity linking")


def start_cold(*normalizers) -> None:
    """Empty what the normalizer remembers across documents, before a timed pass: the number
    tagger's numeral memo (`normalizers.numbers.clear_cache`) and each glossary's fuzzy memo of
    the runs seen (`Glossary.forget_runs`). A pass over the same texts again would otherwise find
    them warm, as a pass over new documents would not."""
    from normalizers.numbers import clear_cache

    clear_cache()
    for n in normalizers:
        if n.glossary is not None:
            n.glossary.forget_runs()


# livedoor, aozora and the seeds: the inputs the output and idempotence checks read by default
DEFAULT_INPUTS = (DEFAULT_CORPUS, DEFAULT_CORPUS.parents[1] / "corpus" / "aozora.jsonl.gz",
                  DEFAULT_CORPUS.parents[1] / "seeds")


def load_input(path: Path, limit: int | None = None) -> list[dict]:
    """The documents of a jsonl(.gz) file, or of a folder of .txt files (one each, name order,
    the file name as id)."""
    if path.is_dir():
        files = sorted(path.glob("*.txt"))[:limit]
        return [{"id": f.name, "text": f.read_text(encoding="utf-8")} for f in files]
    return load_docs(path, limit)


def add_input_arguments(ap) -> None:
    """The options every whole-output check takes: inputs, --limit, --glossary (output_digest.py,
    idempotence_check.py)."""
    ap.add_argument("--corpus", nargs="+", default=[str(p) for p in DEFAULT_INPUTS],
                    help="jsonl(.gz) files or folders of .txt files (default: livedoor, aozora, the seeds)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents of each input")
    ap.add_argument("--glossary", default=None, help="glossary dir (default: the shipped one)")
