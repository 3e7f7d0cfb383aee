"""Fixture glossaries written into tmp dirs: the tests do not depend on the shipped data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

BASE = """\
entities:
  - id: sam_altman
    label: PERSON
    canonical: Sam Altman
    canonical_ja: アルトマン
    variants:
      - サム・アルトマン
      - text: アルトマン
        replace: Altman
      - text: ウルトラマン
        replace: Altman
        mistranslation: true
        context:
          doc_any: [openai, microsoft]
  - id: openai
    label: ORG
    canonical: OpenAI
    canonical_ja: オープンAI
    variants: [OpenAI, openai, オープンAI]
  - id: microsoft
    label: ORG
    canonical: Microsoft
    canonical_ja: マイクロソフト
    variants: [Microsoft, マイクロソフト]
  - id: elon_musk
    label: PERSON
    canonical: Elon Musk
    canonical_ja: マスク
    variants:
      - イーロン・マスク
      - text: マスク
        replace: Musk
        context:
          after_any: [氏, CEO]
      - text: マスク
        replace: Musk
        context:
          before_any: [イーロン]
  - id: xai
    label: ORG
    canonical: xAI
    canonical_ja: xAI
    variants:
      - text: xAI
      - text: X.AI
  - id: x_corp
    label: ORG
    canonical: X Corp.
    canonical_ja: エックス
    variants:
      - text: X
        case_sensitive: true
        replace: X
  - id: google_ai
    label: ORG
    canonical: Google AI
    canonical_ja: グーグルAI
    variants: [Google AI]
  - id: generic_ai
    label: PRODUCT
    canonical: AI
    canonical_ja: AI
    variants: [ai]
  - id: david
    label: PERSON
    canonical: David Vivian
    canonical_ja: デヴィッド・ヴィヴィアン
    variants: [デヴィッド・ヴィヴィアン]
  - id: computa
    label: ORG
    canonical: Computa
    canonical_ja: コンピュータ
    variants: [コンピュータ, サーバ]
  - id: meta
    label: ORG
    canonical: Meta
    canonical_ja: メタ
    variants: [メタ]
  - id: gpt4o
    label: PRODUCT
    canonical: GPT-4o
    canonical_ja: GPT-4o
    variants:
      - pattern: 'GPT-4o?(?:\\s?mini)?'
        replace: GPT-4o
  - id: inflection_ai
    label: ORG
    canonical: Inflection AI
    canonical_ja: インフレクションAI
    variants: [Inflection AI]
"""

CORRECTIONS = "wrong\tright\tentity_id\tnote\n語形変化ai\tInflection AI\tinflection_ai\tgrammar term\nthe infomation\tThe Information\t\ttypo\n"


def write_glossary(root: Path, entities: str = BASE, corrections: str | None = CORRECTIONS, name: str = "entities.yaml") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(textwrap.dedent(entities), encoding="utf-8")
    if corrections is not None:
        (root / "corrections.tsv").write_text(corrections, encoding="utf-8")
    return root


@pytest.fixture
def gdir(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "g")


@pytest.fixture
def glossary(gdir: Path):
    from glossary import Glossary

    return Glossary.load(gdir)
