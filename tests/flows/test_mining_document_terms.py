"""`glossary.mining.document_terms` (what `CandidateCollector.add` counts, compiled with mypyc)
against its plain definition: the recognizer's tagged names, then `find_candidates`, each with
its label (or `guess_label`'s) and `line_key` of its line, in that order."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from glossary import Glossary
from glossary.mining import document_terms, find_candidates, guess_label, line_key
from normalizers import Normalizer

LIVEDOOR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "livedoor.jsonl.gz"

TEXTS = [
    "ヴェルナー・ハイゼン氏がOFFの新製品を発表した。ヴェルナー・ハイゼン氏は笑った。",
    "ヴェルナー・ハイゼン氏とKestrelの話。\nアクメトロン社の決算。Kestrel Labs は「ニコニコ」と提携。\n\nKestrel",
    "【MOVIE ENTERおすすめ記事】\nアクメトロン株式会社とKestrelについて。Micrsoftの新製品、www.Kestrel.comで。",
    "",
]


def plain_terms(g: Glossary, text: str, taken: list[tuple[int, int]],
                tagged: list[tuple[int, int, str, str | None]]) -> list[tuple]:
    found = list(tagged) + [(s, e, t, None) for s, e, t in find_candidates(g, text, taken)]
    return [(s, e, t, label or guess_label(text, s, e), line_key(text, s, e)) for s, e, t, label in found]


def livedoor_texts(every: int = 37) -> list[str]:
    if not LIVEDOOR.exists():
        return []
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for i, line in enumerate(f) if i % every == 0]


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(Glossary.load(None))


def test_document_terms_equal_their_plain_definition(normalizer):
    texts = TEXTS + livedoor_texts()
    n_terms = 0
    for doc in normalizer.normalize_many(texts, [None] * len(texts), errors="raise"):
        taken = [(m.start, m.end) for m in doc.mentions]
        tagged = [(m.start, m.end, m.surface, m.label) for m in doc.mentions if m.method in ("pattern", "ner")]
        got = document_terms(normalizer.glossary, doc.text, taken, tagged)
        assert got == plain_terms(normalizer.glossary, doc.text, taken, tagged)
        n_terms += len(got)
    assert n_terms > len(TEXTS)  # (the texts hold terms: the comparison is not of empty lists)


def test_a_tagged_label_is_kept_and_a_bare_term_gets_the_guess(normalizer):
    text = "アクメトロン社の決算。\nヴェルナー・ハイゼン氏"
    tagged = [(0, 6, "アクメトロン", "PRODUCT")]  # a label given: kept, not guessed (the guess is ORG)
    terms = document_terms(normalizer.glossary, text, [], tagged)
    assert terms[0] == (0, 6, "アクメトロン", "PRODUCT", line_key(text, 0, 6))
    person = [t for t in terms[1:] if t[2] == "ヴェルナー・ハイゼン"]
    assert person and person[0][3] == "PERSON" and person[0][4] == line_key(text, person[0][0], person[0][1])
    assert person[0][4] != terms[0][4]  # another line, another key
