"""The optional GiNZA NER stage (`NormalizeConfig.ner_names`, glossary/ner.py): off by default,
loaded lazily, names typed into tadasu's five labels with `method` "ner", never over a glossary
span, the contract's invariants kept. Skips, saying why, where the `ner` extra is not installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossary import ner
from normalizers import NormalizeConfig, Normalizer, replay

ROOT = Path(__file__).resolve().parents[2]
needs_ginza = pytest.mark.skipif(
    not ner.available(), reason=f"GiNZA's ja_ginza is not installed (optional): {ner.INSTALL_HINT}")

TEXT = ("ソフトバンクグループの孫正義会長は10月1日、大阪で山田太郎氏と会談した。"
        "映画『アベンジャーズ』の話も出た。京都大学の研究者も同席した。")


def test_off_by_default_and_mapped_to_the_five_labels():
    assert NormalizeConfig().ner_names is False
    assert Normalizer.from_glossary().ner is None
    assert set(ner.ENE_TO_LABEL.values()) == {"PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT"}
    # amounts, dates and counts are the number tagger's; a position is not a name
    assert not {"Money", "Date", "N_Person", "Position_Vocation", "Title_Other"} & set(ner.ENE_TO_LABEL)


def test_without_the_extra_it_says_how_to_install(monkeypatch):
    monkeypatch.setattr(ner, "available", lambda: False)
    with pytest.raises(ner.NerUnavailable, match=r"pip install -e '\.\[ner\]'"):
        Normalizer.from_glossary(config=NormalizeConfig(ner_names=True))


@needs_ginza
def test_the_map_names_only_ginza_labels():
    import spacy

    labels = set(spacy.load(ner.MODEL, exclude=["parser", "compound_splitter", "bunsetu_recognizer"])
                 .get_pipe("ner").labels)
    assert set(ner.ENE_TO_LABEL) <= labels


@needs_ginza
def test_the_model_loads_on_the_first_document_not_before():
    code = ("import sys\nfrom normalizers import NormalizeConfig, Normalizer\n"
            "n = Normalizer.from_glossary(config=NormalizeConfig(ner_names=True))\n"
            "print('spacy' in sys.modules)\nn.normalize('山田太郎氏が来た。')\nprint('spacy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


@pytest.fixture(scope="module")
def with_ner():
    return Normalizer.from_glossary(config=NormalizeConfig(ner_names=True))


@needs_ginza
def test_ner_names_what_the_glossary_does_not_know(with_ner):
    doc = with_ner.normalize(TEXT)
    by_surface = {m.surface: m for m in doc.mentions}
    person = by_surface["山田太郎"]  # the name only, not 氏
    assert (person.label, person.method, person.entity_id, person.canonical) == ("PERSON", "ner", None, None)
    assert by_surface["アベンジャーズ"].label == "PRODUCT" and by_surface["アベンジャーズ"].method == "ner"
    # the glossary's mentions stay the glossary's
    assert by_surface["SoftBank"].method == "glossary" and by_surface["Masayoshi Son"].method == "glossary"
    # off: the same text has no ner mention, and the glossary's are the same
    plain = Normalizer.from_glossary().normalize(TEXT)
    assert not [m for m in plain.mentions if m.method == "ner"]
    assert [m for m in doc.mentions if m.method != "ner"] == list(plain.mentions)


@needs_ginza
def test_the_contract_invariants_hold_with_ner(with_ner):
    first_seed = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))[0]
    for raw in (TEXT, first_seed.read_text(encoding="utf-8"), "", "\N{IDEOGRAPHIC SPACE}\n"):
        doc = with_ner.normalize(raw)
        assert replay(raw, doc.edits) == doc.text
        spans = sorted((m.start, m.end) for m in doc.mentions)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.surface == m.surface.strip() and m.surface
            assert raw[m.raw_start : m.raw_end] == m.raw_surface
        again = with_ner.normalize(doc.text)
        assert again.text == doc.text
        assert [(m.start, m.end, m.label, m.method) for m in again.mentions] == \
            [(m.start, m.end, m.label, m.method) for m in doc.mentions]


@needs_ginza
def test_ner_names_reach_the_candidates_with_their_label(tmp_path, with_ner):
    import pyarrow.parquet as pq

    from flows import datasets as ds
    from flows import candidate_aggregate
    from flows.process import CandidateCollector, candidates_partial_path

    cands = CandidateCollector(with_ner.glossary)
    cands.add("a" * 16 + ":00000000", with_ner.normalize(TEXT))
    ds.write_atomic(ds.table("candidates", cands.rows(), None, ds.CANDIDATE_PARTIAL), candidates_partial_path(tmp_path, "a" * 16))
    candidate_aggregate.aggregate_candidates(tmp_path, ["a" * 16], {})
    rows = {r["surface"]: r for r in pq.read_table(tmp_path / "candidates" / "part-0.parquet").to_pylist()}
    assert rows["山田太郎"]["label_guess"] == "PERSON"
