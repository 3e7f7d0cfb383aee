"""Issue 17: a social network the glossary lists as a company is the company (ORG) only where the
text says so; used as a service it is a PRODUCT (GUIDELINES.md: `Twitterでつぶやく` PRODUCT,
`Twitter社は発表した` ORG). Sentences written for these tests."""

from __future__ import annotations

import pytest

from normalizers import Normalizer

NORMALIZER = Normalizer.from_glossary()


def _labels(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.raw_surface, m.label, m.entity_id) for m in NORMALIZER.normalize(text).mentions if m.method != "number"]


@pytest.mark.parametrize("raw, label", [
    ("Twitterでつぶやいた。", "PRODUCT"),
    ("Facebookに写真を投稿した。", "PRODUCT"),
    ("Instagramで話題になった。", "PRODUCT"),
    ("Twitter社は新機能を発表した。", "ORG"),
    ("FacebookのCEOが来日した。", "ORG"),
    ("Facebookの元グローバルエンジニアリングディレクターを迎えた。", "ORG"),  # its staff
    ("米Facebookが新機能を公開した。", "ORG"),
    ("FacebookがInstagramを買収した。", "ORG"),  # the subject of what companies do
])
def test_a_service_is_a_product_unless_the_text_names_the_company(raw, label):
    assert _labels(raw)[0][1] == label


def test_other_companies_keep_their_label():
    assert [lab for _, lab, _ in _labels("Googleで検索した。")] == ["ORG"]


@pytest.mark.parametrize("raw", [
    "・ミラクル（Mira-MAX） miramaxjp on Twitter\n・次の記事",  # the site's own account link
    "・Mira-MAX - Facebookページ\n",
])
def test_a_sites_own_account_link_is_page_furniture(raw):
    assert _labels(raw) == []


def test_another_account_named_with_its_handle_stays():
    assert [lab for _, lab, _ in _labels("ちょろ（choro5） on Twitter\n")] == ["PRODUCT"]
