"""`glossary.mining.TermCounts` (what `CandidateCollector` keeps per shard, compiled with mypyc)
against its plain definition: occurrences, documents, the first example, the most frequent label
(the first by name among equals) and the documents per line key of every surface, counted from
`document_terms` a document at a time; the verdicts it keeps for the shard change nothing."""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from flows import datasets as ds
from flows.process import CandidateCollector
from glossary import Glossary
from glossary.mining import centred_example, document_terms
from normalizers import Normalizer

LIVEDOOR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "livedoor.jsonl.gz"

TEXTS = [
    "ヴェルナー・ハイゼン氏がOFFの新製品を発表した。ヴェルナー・ハイゼン氏は笑った。",
    "ヴェルナー・ハイゼン氏とKestrelの話。\nアクメトロン社の決算。Kestrel Labs は「ニコニコ」と提携。\n\nKestrel",
    "【MOVIE ENTERおすすめ記事】\nアクメトロン株式会社とKestrelについて。Micrsoftの新製品、www.Kestrel.comで。",
    "【MOVIE ENTER おすすめ記事】\n「アクメトロン」とKestrel。アクメトロン社長とアクメトロン氏。",
    "",
]


def plain_rows(glossary: Glossary, docs: list) -> dict[str, list]:
    """The shard's partial counts, by definition (Counters per surface, one document at a time)."""
    count: Counter[str] = Counter()
    n_docs: Counter[str] = Counter()
    example: dict[str, tuple[str, str]] = {}
    labels: defaultdict[str, Counter[str]] = defaultdict(Counter)
    lines: defaultdict[str, Counter[int]] = defaultdict(Counter)
    for i, doc in enumerate(docs):
        taken = [(m.start, m.end) for m in doc.mentions]
        tagged = [(m.start, m.end, m.surface, m.label) for m in doc.mentions if m.method in ("pattern", "ner")]
        terms = document_terms(glossary, doc.text, taken, tagged)
        for start, end, surface, label, line in terms:
            count[surface] += 1
            if label is not None:
                labels[surface][label] += 1
            example.setdefault(surface, (f"s:{i:08d}", centred_example(doc.text, start, end)))
        for surface in {t[2] for t in terms}:
            n_docs[surface] += 1
        for surface, line in dict.fromkeys((t[2], t[4]) for t in terms):  # in the order first met
            lines[surface][line] += 1
    surfaces = sorted(count)
    return {
        "surface": surfaces,
        "count": [count[s] for s in surfaces],
        "n_docs": [n_docs[s] for s in surfaces],
        "example": [example[s][1] for s in surfaces],
        "example_key": [example[s][0] for s in surfaces],
        "label_guess": [min(labels[s], key=lambda lab: (-labels[s][lab], lab)) if labels[s] else None for s in surfaces],
        "line_keys": [list(lines[s]) for s in surfaces],
        "line_docs": [list(lines[s].values()) for s in surfaces],
    }


def livedoor_texts(every: int = 37) -> list[str]:
    if not LIVEDOOR.exists():
        return []
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for i, line in enumerate(f) if i % every == 0]


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(Glossary.load(None))


def collected(glossary: Glossary, docs: list) -> dict[str, list]:
    cands = CandidateCollector(glossary)
    for i, doc in enumerate(docs):
        cands.add(f"s:{i:08d}", doc)
    return cands.rows()


def test_term_counts_equal_their_plain_definition(normalizer):
    texts = TEXTS + livedoor_texts()
    docs = normalizer.normalize_many(texts, [None] * len(texts), errors="raise")
    for shard in (docs[:5], docs[5:105], docs[105:]):  # (the collector keeps verdicts across a shard)
        want = plain_rows(normalizer.glossary, shard)
        got = collected(normalizer.glossary, shard)
        assert {k: got[k] for k in want} == want
        assert len(want["surface"]) > 3 and any(len(k) > 1 for k in want["line_keys"])  # not trivially equal
    # the partial as written: the columns the counts do not give (romaji, suggestions) are null
    t = ds.table("candidates", collected(normalizer.glossary, docs[:5]), None, ds.CANDIDATE_PARTIAL)
    assert t.column("romaji").null_count == t.num_rows == t.column("score").null_count


def test_the_label_guess_ties_go_to_the_first_name(normalizer):
    # アクメトロン: ORG (社長 after a name without a joiner), PERSON (氏), PRODUCT (quoted) once each
    docs = normalizer.normalize_many([TEXTS[3]], [None], errors="raise")
    rows = collected(normalizer.glossary, docs)
    assert rows["label_guess"][rows["surface"].index("アクメトロン")] == "ORG"
    assert rows == plain_rows(normalizer.glossary, docs)
