"""Names the recognizer tagged without an entity reach candidates/ with their label guess
(contract section 4: `label_guess`), kanji names included."""

from __future__ import annotations

import pyarrow.parquet as pq

from glossary import Glossary
from normalizers import NormalizeConfig, Normalizer


def test_pattern_names_become_candidates_with_their_label(tmp_path, aggregate_candidates):
    n = Normalizer(Glossary.load(None), NormalizeConfig(recognize_names=True))  # off by default
    shards = {
        "a" * 16: ["森川さんは北都大学の教授だ。", "香坂真司選手とロベルト・ミラノ氏が会った。"],
        "b" * 16: ["森川さんは笑った。『月夜のカメレオン』を観た。"],
    }
    rows = aggregate_candidates(n, shards)
    assert rows["森川"]["label_guess"] == "PERSON" and rows["森川"]["count"] == 2 and rows["森川"]["n_docs"] == 2
    assert rows["香坂真司"]["label_guess"] == "PERSON"
    assert rows["ロベルト・ミラノ"]["label_guess"] == "PERSON"
    assert rows["北都大学"]["label_guess"] == "ORG"
    assert rows["月夜のカメレオン"]["label_guess"] == "PRODUCT"
    assert pq.read_schema(tmp_path / "candidates" / "part-0.parquet").field("label_guess").type == "string"
