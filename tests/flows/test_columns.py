"""A shard's sentences/, mentions/ and edits/ built column by column (flows.columns) are the tables
a row at a time gave (the reference below: what flows/process.py did before issue 21), and the
manifest's counts read from them are the counts of a loop over every mention and edit."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pytest

from flows import columns
from flows import datasets as ds
from glossary import Glossary
from normalizers import NormalizeConfig, Normalizer
from normalizers.document import Mention, Sentence

LIVEDOOR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "livedoor.jsonl.gz"


def reference_rows(doc_ids, docs) -> dict[str, dict[str, list]]:
    """One row at a time, a dict per entity: the specification."""
    rows = {name: ds.empty_rows(name) for name in ("sentences", "mentions", "edits")}
    for doc_id, doc in zip(doc_ids, docs):
        for men in doc.mentions:
            rows["mentions"]["doc_id"].append(doc_id)
            for name in ds.MENTION_FIELDS:
                rows["mentions"][name].append(getattr(men, name))
        for sid, sent in enumerate(doc.sentences):
            row = {"doc_id": doc_id, "sent_id": sid, "start": sent.start, "end": sent.end,
                   "raw_start": sent.raw_start, "raw_end": sent.raw_end,
                   "raw_text": doc.raw[sent.raw_start:sent.raw_end], "text": sent.text,
                   "entities": [{"start": m.start - sent.start, "end": m.end - sent.start, "label": m.label,
                                 "entity_id": m.entity_id}
                                for m in doc.mentions
                                if m.sent_id == sid and sent.start <= m.start and m.end <= sent.end]}
            for k, v in row.items():
                rows["sentences"][k].append(v)
        for ed in doc.edits:
            rows["edits"]["doc_id"].append(doc_id)
            for name in ed._fields:
                rows["edits"][name].append(getattr(ed, name))
    return rows


def reference_counts(docs) -> dict[str, dict[str, int]]:
    labels, entities, rules = Counter(), Counter(), Counter()
    for doc in docs:
        for men in doc.mentions:
            labels[men.label or "None"] += 1
            if men.entity_id:
                entities[f"{men.entity_id}\t{men.canonical or ''}"] += 1
        for ed in doc.edits:
            for rule in ed.rule.split("+"):
                rules[rule] += 1
    return {"mentions_by_label": dict(sorted(labels.items())), "entities": dict(sorted(entities.items())),
            "edits_by_rule": dict(sorted(rules.items()))}


def meta(name: str) -> dict[bytes, bytes]:
    return ds.metadata("0.test", "g", {"a": 1}, name)


def check_equal(docs) -> None:
    ids = [f"{i:064x}" for i in range(len(docs))]
    built = columns.document_tables(ids, docs, meta)
    expected = reference_rows(ids, docs)
    for name in ("sentences", "mentions", "edits"):
        want = ds.table(name, expected[name], meta(name))
        assert built[name].schema.equals(want.schema, check_metadata=True), name
        assert built[name].to_pylist() == want.to_pylist(), name
        assert built[name].equals(want), name
    counts = columns.shard_counts(built["mentions"], built["edits"])
    assert counts == reference_counts(docs)


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(Glossary.load(None), NormalizeConfig(recognize_names=True))


def test_real_documents_give_the_tables_of_the_row_builder(normalizer):
    texts = []
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) == 150:
                break
    texts += ["", "ソフトバンクグループは 10 月 1 日、openai に約５億ドルを出資した。孫正義会長は語った。", "a"]
    check_equal(normalizer.normalize_many(texts, [None] * len(texts)))


class Doc:
    """A normalized document as the tables read it, with the odd cases the normalizer may give."""

    def __init__(self, raw: str, sentences, mentions, edits=()):
        self.raw, self.sentences, self.mentions, self.edits = raw, list(sentences), list(mentions), list(edits)


def men(start, end, sent_id, label="ORG", entity_id=None, canonical=None) -> Mention:
    return Mention(start, end, start, end, "x" * (end - start), "x" * (end - start), label, "glossary",
                   entity_id, canonical, sent_id=sent_id)


def test_mentions_outside_their_sentence_none_and_out_of_range_sent_ids():
    raw = "abcdefghij"
    sents = [Sentence(0, 4, 0, 4, "abcd"), Sentence(4, 10, 4, 10, "efghij")]
    mentions = [
        men(5, 7, 1, "PERSON", "p1", "P One"),  # second sentence, listed first
        men(0, 2, 0, "ORG", "o1", None),  # canonical null: "o1\t"
        men(3, 6, 0),  # crosses the boundary: no entity of sentence 0
        men(1, 3, None, "MONEY"),  # no sentence
        men(8, 9, 5, "", ""),  # sent_id beyond the sentences; empty label and entity id
        men(6, 8, 1, None, "p2"),
        men(2, 3, 0, "ORG", "o1", None),
    ]
    docs = [
        Doc(raw, sents, mentions),
        Doc("", [], []),  # no sentence, no mention
        Doc("zz", [], [men(0, 1, 0)]),  # a mention and no sentence
        Doc("yy", [Sentence(0, 2, 0, 2, "yy")], []),  # a sentence and no mention
    ]
    check_equal(docs)


def test_no_documents_gives_empty_tables_with_the_schema():
    built = columns.document_tables([], [], meta)
    for name in ("sentences", "mentions", "edits"):
        assert built[name].num_rows == 0
        assert built[name].schema.equals(ds.table(name, ds.empty_rows(name), meta(name)).schema, check_metadata=True)
    assert columns.shard_counts(built["mentions"], built["edits"]) == {
        "mentions_by_label": {}, "entities": {}, "edits_by_rule": {}}


def test_entities_column_type_is_the_contracts():
    assert ds.SCHEMAS["sentences"].field("entities").type == pa.list_(ds.ENTITY)
