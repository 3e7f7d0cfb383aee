"""Issue 15.4: the glossary edited while a run is in progress. Every shard of the run uses the
version read at its start and records it (manifest, Parquet metadata, documents/); a rerun after
the edit normalizes everything again with the new version: no mixed output."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from flows import datasets as ds
from flows import flow as F
from flows import process
from flows.run_glossary import GlossarySnapshot
from glossary.loader import directory_version

pytestmark = pytest.mark.slow

GLOSSARY_V1 = textwrap.dedent("""\
    entities:
      - id: openai
        label: ORG
        canonical: OpenAI
        canonical_ja: オープンAI
        variants: [OpenAI, openai]
""")
# The edit: a new entity for a word every input document contains.
NEW_ENTITY = (
    "  - id: tadasu_corp\n"
    "    label: ORG\n"
    "    canonical: Tadasu Corp\n"
    "    canonical_ja: タダスコーポ\n"
    "    variants: [タダスコーポ]\n"
)


def _glossary(folder: Path) -> Path:
    folder.mkdir()
    (folder / "entities.yaml").write_text(GLOSSARY_V1, encoding="utf-8")
    (folder / "corrections.tsv").write_text("wrong\tright\tentity_id\tnote\n", encoding="utf-8")
    return folder


def _inputs(folder: Path, n: int = 8) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"doc{i}.txt").write_text(f"openai とタダスコーポは {i + 1} 月に提携した。", encoding="utf-8")
    return folder


def _run(inputs: Path, out: Path, gdir: Path, workers: int, prefect_server) -> dict:
    with prefect_server.settings():
        state = F.normalize_corpus(inputs=[str(inputs)], out=str(out), glossary=str(gdir), workers=workers,
                                   shard_size=1, return_state=True)
    assert state.is_completed(), state
    return state.result()


def _recorded_versions(out: Path) -> dict[str, set]:
    manifests = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "_state" / "shards").glob("*.json")]
    parts = [p for name in ds.DATASETS for p in (out / name).glob("*.parquet")]
    return {
        "manifests": {m.get("glossary_version") for m in manifests},
        "parquet": {pq.read_schema(p).metadata[b"tadasu.glossary_version"].decode() for p in parts},
        "documents": set(pl.read_parquet(out / "documents" / "*.parquet")["glossary_version"]),
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_a_glossary_edited_during_the_run_does_not_reach_its_later_shards(prefect_server, tmp_path, workers):
    gdir, data, out = _glossary(tmp_path / "glossary"), _inputs(tmp_path / "in"), tmp_path / "out"
    v1 = directory_version(gdir)
    edited = []

    def edit_after_the_first_batch(done: int, total: int, docs: int) -> None:
        if done and not edited:  # a batch has finished, others are still to run
            with open(gdir / "entities.yaml", "a", encoding="utf-8") as f:
                f.write(NEW_ENTITY)
            edited.append(done)

    F.add_progress_callback(edit_after_the_first_batch)
    try:
        first = _run(data, out, gdir, workers, prefect_server)
    finally:
        F.remove_progress_callback(edit_after_the_first_batch)
    v2 = directory_version(gdir)
    assert edited and edited[0] < first["shards"]["total"] == 8 and v2 != v1
    assert first["glossary_version"] == v1
    assert _recorded_versions(out) == {"manifests": {v1}, "parquet": {v1}, "documents": {v1}}
    mentions = pl.read_parquet(out / "mentions" / "*.parquet")
    assert "tadasu_corp" not in set(mentions["entity_id"].drop_nulls())  # no shard used the edit
    assert mentions.filter(pl.col("entity_id") == "openai")["doc_id"].n_unique() == 8

    rerun = _run(data, out, gdir, workers, prefect_server)
    assert rerun["glossary_version"] == v2
    assert rerun["shards"]["processed"] == rerun["shards"]["total"] == 8
    assert _recorded_versions(out) == {"manifests": {v2}, "parquet": {v2}, "documents": {v2}}
    mentions = pl.read_parquet(out / "mentions" / "*.parquet")
    assert mentions.filter(pl.col("entity_id") == "tadasu_corp")["doc_id"].n_unique() == 8
    assert [p.name for p in (out / "_state" / "glossary").iterdir()] == [v2]  # the pinned copy


def test_a_shard_refuses_a_normalizer_of_another_glossary_version(tmp_path):
    gdir = _glossary(tmp_path / "glossary")
    snapshot = GlossarySnapshot.take(str(gdir))
    try:
        pinned = snapshot.pin(tmp_path / "out")
        normalizer = process.get_normalizer(pinned, {})
        assert normalizer.glossary_version == snapshot.version == directory_version(gdir)
        ctx = process.RunContext(str(tmp_path / "out"), pinned, {}, "p", "another-version", "c", 1 << 20)
        with pytest.raises(process.GlossaryChanged, match="another-version"):
            process.check_glossary_version(normalizer, ctx)
    finally:
        snapshot.discard()
    assert not snapshot.folder.exists()
