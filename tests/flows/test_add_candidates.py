"""`tadasu glossary add-candidates OUT --top N [--label L] [--out FILE]` (issue 17): a run's top
unknown names as glossary entries to review; lint on the stub merged into a copy of the glossary
names what is left to fill in by file and line, and passes once it is filled in."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from flows import datasets as ds
from flows import candidate_aggregate
from flows.cli import main
from flows.process import CandidateCollector, candidates_partial_path
from glossary import Glossary
from glossary.add_candidates import entity_id, stub
from normalizers import Normalizer

SHIPPED = Path(__file__).resolve().parents[2] / "glossary" / "data"

TEXTS = [
    "ヴェルナー・ハイゼン氏がOFFの新製品を発表した。ヴェルナー・ハイゼン氏は笑った。",
    "ヴェルナー・ハイゼン氏とKestrelの話。アクメトロン社の決算。",
    "Kestrelの発売日が決まった。ヴェルナー・ハイゼン氏が語った。",
    "アクメトロン社とKestrelについて。Micrsoftの新製品。",
]


@pytest.fixture(scope="module")
def run_out(tmp_path_factory) -> Path:
    """OUT/candidates/ as a run writes it (collector, partial, aggregate with suggestions)."""
    out = tmp_path_factory.mktemp("out")
    g = Glossary.load(None)
    n = Normalizer(g)
    cands = CandidateCollector(g)
    for i, text in enumerate(TEXTS):
        cands.add(f"{'a' * 16}:{i:08d}", n.normalize(text))
    ds.write_atomic(ds.table("candidates", cands.rows(), None, ds.CANDIDATE_PARTIAL), candidates_partial_path(out, "a" * 16))
    candidate_aggregate.aggregate_candidates(out, ["a" * 16], {}, suggest=g.suggest, suggest_many=g.suggest_many)
    return out


def _entries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["entities"]


def test_the_stub_has_the_top_candidates_with_count_and_example_as_comments(run_out, tmp_path):
    rows = {r["surface"]: r for r in pq.read_table(run_out / "candidates" / "part-0.parquet").to_pylist()}
    stub_file = tmp_path / "stub.yaml"
    assert main(["glossary", "add-candidates", str(run_out), "--top", "3", "--out", str(stub_file)]) == 0
    entries = _entries(stub_file)
    # the three most frequent: ヴェルナー・ハイゼン (4), Kestrel (3), then アクメトロン (2) before OFF
    # and Micrsoft (1 each)
    assert [e["variants"] for e in entries] == [["ヴェルナー・ハイゼン"], ["Kestrel"], ["アクメトロン"]]
    assert [e["label"] for e in entries] == ["PERSON", "PRODUCT", "ORG"]
    assert entries[0]["canonical"] == "" and entries[0]["canonical_ja"] == "ヴェルナー・ハイゼン"
    assert "canonical_ja" not in entries[1]  # a Latin name: the curator gives the Japanese form
    assert all(re.fullmatch(r"[a-z0-9_]+", e["id"]) for e in entries)
    text = stub_file.read_text(encoding="utf-8")
    person = rows["ヴェルナー・ハイゼン"]
    assert f"# ヴェルナー・ハイゼン: {person['count']} times in {person['n_docs']} documents; label guess PERSON" in text
    assert f"# example: {person['example']}" in text


def test_label_filter_and_the_nearest_known_entity(run_out, capsys):
    assert main(["glossary", "add-candidates", str(run_out), "--top", "5", "--label", "ORG"]) == 0
    entries = yaml.safe_load(capsys.readouterr().out)["entities"]
    # OFF: one all-capitals word, no evidence → ORG by script; as an id YAML would read `off` as
    # false: the stub quotes it.
    assert {e["variants"][0] for e in entries} == {"アクメトロン", "OFF"}
    assert "off" in {e["id"] for e in entries}
    assert main(["glossary", "add-candidates", str(run_out), "--top", "10"]) == 0
    text = capsys.readouterr().out
    assert "# nearest known entity: microsoft (romaji score" in text


def test_lint_names_each_entry_left_to_fill_in_and_passes_once_filled(run_out, tmp_path, capsys):
    glossary_copy = tmp_path / "glossary"
    shutil.copytree(SHIPPED, glossary_copy)
    stub_file = glossary_copy / "entities_zz_candidates.yaml"
    assert main(["glossary", "add-candidates", str(run_out), "--top", "5", "--out", str(stub_file)]) == 0
    capsys.readouterr()
    assert main(["glossary", "lint", str(glossary_copy)]) == 1
    printed = capsys.readouterr().out
    lines = stub_file.read_text(encoding="utf-8").splitlines()
    todo = [i + 1 for i, line in enumerate(lines) if line.startswith('    canonical: ""')]
    errors = re.findall(r"entities_zz_candidates\.yaml:(\d+): error: (.*)", printed)
    assert len(todo) == 5 and sorted(int(n) for n, _ in errors) == todo
    assert all("missing `canonical`" in msg for _, msg in errors)
    # The curator fills in the English names: the merged glossary loads.
    filled = [line.replace('canonical: ""', f'canonical: "Name {i}"') for i, line in enumerate(lines)]
    stub_file.write_text("\n".join(filled) + "\n", encoding="utf-8")
    assert main(["glossary", "lint", str(glossary_copy)]) == 0
    assert len(Glossary.load(glossary_copy).entities) == len(Glossary.load(None).entities) + 5


def test_ids_stay_apart_from_the_glossary_and_from_each_other():
    taken = {"kestrel"}
    assert entity_id("Kestrel", "kestrel", taken) == "kestrel_2"
    assert entity_id("Kestrel!", "kestrel", taken) == "kestrel_3"
    assert entity_id("3M", "3m", taken) == "n_3m"  # an id starts with a letter
    rows = [{"surface": "Kestrel", "romaji": "kestrel", "count": 2, "n_docs": 1, "label_guess": "PRODUCT",
             "example": "行1\n行2 Kestrel"}]
    text = stub(rows, "OUT", known_ids={"kestrel"})
    assert '- id: "kestrel_2"' in text and "# example: 行1 行2 Kestrel" in text  # one comment line
    assert yaml.safe_load(stub([], "OUT")) == {"entities": []}


def test_a_folder_without_candidates_is_a_usage_error(tmp_path, capsys):
    assert main(["glossary", "add-candidates", str(tmp_path), "--top", "5"]) == 2
    assert "no candidates/*.parquet" in capsys.readouterr().err
