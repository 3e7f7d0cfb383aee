"""bench/score_entities.py: a link is right when it names the annotated entity, compared by
entity id where the glossary knows the annotated canonical (issue 17)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import score_entities  # noqa: E402

from glossary import Glossary  # noqa: E402

GLOSSARY = """\
entities:
  - id: twitter_x
    label: ORG
    canonical: X
    canonical_ja: X
    variants:
      - text: Twitter
        replace: Twitter
      - ツイッター
  - id: apple
    label: ORG
    canonical: Apple
    canonical_ja: アップル
    variants: [Apple, アップル]
"""


@pytest.fixture()
def index(tmp_path: Path) -> dict:
    (tmp_path / "entities.yaml").write_text(GLOSSARY, encoding="utf-8")
    return score_entities.entity_index(Glossary.load(tmp_path).entities.values())


def mention(entity_id: str, canonical: str) -> SimpleNamespace:
    return SimpleNamespace(entity_id=entity_id, canonical=canonical)


def test_a_renamed_canonical_is_the_same_entity(index: dict) -> None:
    # The 2012 annotation says Twitter; the glossary's entity is now canonically X.
    assert score_entities.same_entity("Twitter", mention("twitter_x", "X"), index)
    # Without the glossary the names differ: the figure printed beside, for continuity.
    assert not score_entities.same_entity("Twitter", mention("twitter_x", "X"))


def test_a_canonical_names_its_own_entity_before_any_alias() -> None:
    # Apple is the canonical of one entity and an alias of another: the canonical decides.
    def entity(id_: str, canonical: str, aliases: list[str]) -> SimpleNamespace:
        return SimpleNamespace(id=id_, canonical=canonical, canonical_ja=None,
                               variants=[SimpleNamespace(text=a, pattern=None) for a in aliases])

    index = score_entities.entity_index([entity("apple", "Apple", ["アップル"]),
                                         entity("apple_records", "Apple Records", ["Apple"])])
    assert score_entities.same_entity("Apple", mention("apple", "Apple"), index)
    assert not score_entities.same_entity("Apple", mention("apple_records", "Apple Records"), index)


def test_a_wrong_entity_stays_a_wrong_link(index: dict) -> None:
    assert not score_entities.same_entity("Twitter", mention("apple", "Apple"), index)
    # A canonical the glossary does not know is compared by name, folded.
    assert score_entities.same_entity("Tokyo Dome", mention("tokyo_dome", "Tokyo  dome"), index)
    assert not score_entities.same_entity("Tokyo Dome", mention("tokyo", "Tokyo"), index)
    # The seeds' gold is a glossary id.
    assert score_entities.same_entity("id:apple", mention("apple", "Apple"), index)


def test_names_the_glossary_knows_are_counted_apart(tmp_path: Path) -> None:
    # Twitter (an alias of twitter_x) and Apple are the glossary's; Sony is not, so it is no part
    # of the known names' recall, found or not.
    from normalizers import NormalizeConfig, Normalizer

    (tmp_path / "entities.yaml").write_text(GLOSSARY, encoding="utf-8")
    normalizer = Normalizer.from_glossary(str(tmp_path), NormalizeConfig())
    text = "Twitterで話題のAppleの新製品。Sonyも発表した。"
    spans = {(0, 7, "PRODUCT"): "Twitter", (11, 16, "ORG"): "Apple", (21, 25, "ORG"): "Sony"}
    gold = {"d": {"split": "dev", "text": text, "spans": spans}}
    known = score_entities.score(gold, normalizer, "dev")["known"]
    assert known["gold"] == 2
    found = {(m.raw_start, m.raw_end, m.label) for m in normalizer.normalize(text).mentions}
    assert known["tp"] == len(found & {(0, 7, "PRODUCT"), (11, 16, "ORG")}) == 2
    assert known["linked"] == 2
