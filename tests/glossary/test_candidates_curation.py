"""Candidates a curator can act on (issue 17): a label guess on every candidate, an example
centred on the term, no site furniture, no score without a suggestion, and suggestions only
above the threshold calibrated on tests/golden/glossary/suggestions.tsv."""

from __future__ import annotations

import csv
import gzip
import json
import random
from pathlib import Path

import pytest

from glossary import Glossary
from glossary.candidates import (
    FURNITURE_MIN_DOCS,
    SUGGEST_MIN_SCORE,
    RomajiIndex,
    centred_example,
    guess_label,
    is_site_furniture,
    label_by_script,
    line_key,
)
from normalizers import Normalizer

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "glossary" / "suggestions.tsv"
LIVEDOOR = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"


@pytest.fixture(scope="module")
def shipped():
    return Glossary.load(None)


def _label(text: str, term: str) -> str:
    i = text.index(term)
    return guess_label(text, i, i + len(term))


@pytest.mark.parametrize(
    "text, term, label",
    [
        ("昨日、ヤマダさんが来た。", "ヤマダ", "PERSON"),
        ("スミス 氏によれば", "スミス", "PERSON"),
        ("ジョン・スミスCEOは語った", "ジョン・スミス", "PERSON"),  # a full name before a company title
        ("ソフトバンク社長の発言", "ソフトバンク", "ORG"),  # one word before 社長: the company's
        ("株式会社ミライが発表", "ミライ", "ORG"),
        ("ブルーベリー社は", "ブルーベリー", "ORG"),
        ("アクメ社員の話", "アクメ", None),  # 社員 is a word, not 社 after a company
        ("カリフォルニア州の", "カリフォルニア", "LOCATION"),
        ("デルのUltrabook市場への投入", "Ultrabook", None),  # 市場 is a market, not a city
        ("グラミー賞を受賞", "グラミー", "EVENT"),
        ("映画『ヒミズ』を観た", "ヒミズ", "PRODUCT"),
        ("アプリ「ニコニコ」は", "ニコニコ", "PRODUCT"),
        ("キャプテン・アメリカが", "キャプテン・アメリカ", None),  # no evidence
        ("NOTTVが始まる", "NOTTV", None),
    ],
)
def test_guess_label_from_the_evidence_around_the_term(text, term, label):
    assert _label(text, term) == label


def test_without_evidence_the_label_goes_by_script():
    assert label_by_script("NOTTV") == "ORG"  # one all-capitals word
    assert label_by_script("Ultrabook") == label_by_script("キャプテン・アメリカ") == "PRODUCT"


def test_the_example_is_centred_on_the_term_and_on_one_line():
    text = "あ" * 50 + "\nTERM\n" + "い" * 50
    i = text.index("TERM")
    ex = centred_example(text, i, i + 4, width=10)
    assert ex == "あ" * 9 + " TERM " + "い" * 9
    # Near the start the other side gives more: the example keeps its length.
    ex = centred_example("TERMの話" + "う" * 40, 0, 4, width=10)
    assert ex.startswith("TERM") and len(ex) == 24


def test_line_key_is_the_line_not_its_spacing_and_not_the_salted_hash():
    a = "本文。\n【MOVIE ENTER おすすめ記事】\n"
    b = "別の本文です。\n【 MOVIE ENTERおすすめ記事 】"
    assert line_key(a, a.index("MOVIE"), a.index("MOVIE") + 11) == line_key(b, b.index("MOVIE"), b.index("MOVIE") + 11)
    c = "MOVIE ENTERで公開中"
    assert line_key(c, 0, 11) != line_key(a, a.index("MOVIE"), a.index("MOVIE") + 11)
    assert line_key("x\nabc\ny", 2, 5) == 7808549525826226860  # blake2b: the same in every process


def test_site_furniture_needs_most_documents_in_repeated_lines():
    assert is_site_furniture(20, 20) and is_site_furniture(20, 10) and is_site_furniture(868, 1730)
    assert not is_site_furniture(20, 9) and not is_site_furniture(0, 0)


def test_a_footer_repeated_across_documents_is_not_a_candidate(aggregate_candidates, shipped):
    # Every article ends with the site's footer; Zenfolio also appears in articles, each time in
    # its own sentence. The footer's documents are split over two shards: furniture is a
    # property of the whole run, not of a shard.
    n = Normalizer(shipped)
    docs = [f"記事{i}の本文では、Zenfolio{i % 3}の新機能に触れた。Kestrelの話題。\n■Peachbox 公式Twitter\n"
            for i in range(FURNITURE_MIN_DOCS + 2)]
    docs += [f"Kestrelについて{i}人目のユーザーが語った。" for i in range(3)]
    rows = aggregate_candidates(n, {"a" * 16: docs[:7], "b" * 16: docs[7:]})
    assert "Peachbox" not in rows
    assert rows["Kestrel"]["n_docs"] == FURNITURE_MIN_DOCS + 5
    assert all(r["label_guess"] in ("PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT") for r in rows.values())


def test_exact_copies_of_an_article_are_not_site_furniture(aggregate_candidates, shipped):
    # One article syndicated to twelve feeds (the benchmark's corpus concatenated ten times is
    # the same): every line of it recurs in 12 documents, but they are copies of one, so its
    # names stay candidates with their real totals; a footer in twelve different articles,
    # each of them copied twice, is still furniture.
    n = Normalizer(shipped)
    article = "Kestrelの新機能について、Zenfolioの担当者が語った。\n■Peachbox 公式Twitter\n"
    rows = aggregate_candidates(n, {"a" * 16: [article] * 7, "b" * 16: [article] * 5})
    assert rows["Kestrel"]["n_docs"] == 12 and rows["Kestrel"]["count"] == 12
    assert "Peachbox" in rows  # one article's line, however often it was copied
    footer = [f"記事{i}の本文では、Zenfolio{i % 3}の新機能に触れた。\n■Peachbox 公式Twitter\n"
              for i in range(FURNITURE_MIN_DOCS + 2)]
    rows = aggregate_candidates(n, {"c" * 16: footer, "d" * 16: footer})
    assert "Peachbox" not in rows


def test_furniture_is_the_definition_whatever_the_shards_and_chunks(aggregate_candidates, shipped, monkeypatch):
    """The aggregate drops exactly the surfaces `is_site_furniture` drops when every line's
    documents and distinct copies are counted over the whole run at once (`furniture_docs`),
    however the documents and their copies fall into shards and the shards into chunks."""
    from flows import candidate_aggregate
    from glossary.candidates import copy_key, furniture_docs
    from glossary.mining import document_terms

    n = Normalizer(shipped)
    rng = random.Random(17)
    pool = ["■Peachbox 公式Twitter", "【Kestrel おすすめ記事】", "Zenfolioの担当者が語った。", "Quillonの新製品。"]
    texts = []
    for i in range(40):
        body = [f"記事{i}ではMarlowe{i % 5}に触れた。"] + rng.sample(pool, rng.randint(1, 3))
        texts += ["\n".join(body)] * rng.choice([1, 1, 2, 4])
    texts += ["OrsinoはZenfolioの担当者が語った会社だ。\n■Peachbox 公式Twitter"] * (FURNITURE_MIN_DOCS + 2)  # one article, copied
    rng.shuffle(texts)
    expected_lines: dict[str, dict[int, tuple[set, set]]] = {}
    n_docs: dict[str, int] = {}
    for k, text in enumerate(texts):
        doc = n.normalize(text)
        taken = [(m.start, m.end) for m in doc.mentions]
        tagged = [(m.start, m.end, m.surface, m.label) for m in doc.mentions if m.method in ("pattern", "ner")]
        seen = set()
        for _, _, surface, _, line in document_terms(shipped, doc.text, taken, tagged):
            docs, copies = expected_lines.setdefault(surface, {}).setdefault(line, (set(), set()))
            docs.add(k)
            copies.add(copy_key(doc.text))
            seen.add(surface)
        for surface in seen:
            n_docs[surface] = n_docs.get(surface, 0) + 1
    kept = {s for s, lines in expected_lines.items()
            if not is_site_furniture(n_docs[s], furniture_docs((len(d), len(c)) for d, c in lines.values()))}
    assert "Orsino" in kept and "Peachbox" not in kept  # both kinds occur in this draw
    for n_shards, chunk in ((1, 32), (5, 1), (9, 2)):
        monkeypatch.setattr(candidate_aggregate, "AGGREGATE_CHUNK", chunk)
        shards = {f"{j:016x}": texts[j::n_shards] for j in range(n_shards)}
        assert set(aggregate_candidates(n, shards)) == kept


def test_the_label_is_the_one_seen_most_across_shards(aggregate_candidates, shipped):
    n = Normalizer(shipped)
    # ORG in one shard (three times), PERSON in the other (twice): ORG wins, not the
    # alphabetically larger label of any shard.
    rows = aggregate_candidates(n, {
        "a" * 16: ["ハルマキ社が発表した。", "ハルマキ社の決算。", "ハルマキ社の新製品。"],
        "b" * 16: ["ハルマキさんが来た。", "ハルマキさんは笑った。"],
    })
    assert rows["ハルマキ"]["label_guess"] == "ORG" and rows["ハルマキ"]["count"] == 5


def test_evidence_outweighs_more_occurrences_without_it(aggregate_candidates, shipped):
    # Four bare mentions (in 「」 after no title cue, so no evidence) in one shard, one
    # honorific in the other: PERSON, not the script's default.
    rows = aggregate_candidates(Normalizer(shipped), {
        "a" * 16: ["ロベルト・ミラノの話。ロベルト・ミラノが来た。", "ロベルト・ミラノの本。ロベルト・ミラノの歌。"],
        "b" * 16: ["ロベルト・ミラノ氏が語った。"],
    })
    assert rows["ロベルト・ミラノ"]["label_guess"] == "PERSON" and rows["ロベルト・ミラノ"]["count"] == 5


@pytest.mark.skipif(not LIVEDOOR.exists(), reason="needs ../shared/corpus/livedoor.jsonl.gz")
def test_livedoor_site_names_are_not_candidates(aggregate_candidates, shipped):
    """The three site names of issue 17, on the real articles of their categories: 150 each of
    smax and peachy, all of movie-enter (its banners name the feature, 【MOVIE ENTER ホラー映画
    特集】: each recurs in fewer documents, 58% of its documents have one repeated in 10+)."""
    wanted = {"livedoor:smax": 150, "livedoor:peachy": 150, "livedoor:movie-enter": 10_000}
    by_source: dict[str, list[str]] = {}
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["source"] in wanted:
                docs = by_source.setdefault(d["source"], [])
                if len(docs) < wanted[d["source"]]:
                    docs.append(d["text"])
    texts = [t for docs in by_source.values() for t in docs]
    rows = aggregate_candidates(Normalizer(shipped), {f"{k:016x}": texts[k::3] for k in range(3)})
    assert not {"S-MAX", "Peachy", "MOVIE ENTER"} & set(rows)
    assert len(rows) > 300  # the articles' own names stay (GALAXY Note, グリーン・ランタン ...)
    assert {"GALAXY Note", "グリーン・ランタン"} <= set(rows)


def test_no_score_without_a_suggestion(aggregate_candidates, shipped):
    rows = aggregate_candidates(Normalizer(shipped), {"a" * 16: ["SMAPの香取慎吾とMicrsoftの新製品。"]},
                      suggest=shipped.suggest)
    assert rows["SMAP"]["suggested_entity_id"] is None and rows["SMAP"]["score"] is None
    assert rows["Micrsoft"]["suggested_entity_id"] == "microsoft" and rows["Micrsoft"]["score"] >= SUGGEST_MIN_SCORE


@pytest.mark.parametrize("surface", ["SMAP", "Elo", "H20", "iPhone4S", "Windows7", "Android4.0"])
def test_issue_17_wrong_suggestions_are_gone(shipped, surface):
    assert shipped.suggest(surface)[:2] == (None, None)


@pytest.mark.parametrize("surface, entity", [("Micrsoft", "microsoft"), ("Instgram", "instagram"),
                                             ("ナデラ", "satya_nadella"), ("Altmann", "sam_altman")])
def test_spellings_of_known_names_are_still_suggested(shipped, surface, entity):
    assert shipped.suggest(surface)[0] == entity


def _golden() -> list[dict]:
    with open(GOLDEN, encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def test_the_threshold_holds_on_the_labelled_pairs(shipped):
    """Precision and recall of suggestions on the hand-labelled pairs, recomputed with the
    shipped glossary (glossary/README.md, "Suggestions", gives them)."""
    pairs = _golden()
    right = [p for p in pairs if p["right"] == "1"]
    assert len(pairs) >= 100 and len(right) >= 20 and all(p["reason"] for p in pairs)
    got = shipped.suggest_many([p["surface"] for p in pairs])
    suggested = [(p, e) for p, (e, _, _) in zip(pairs, got) if e is not None]
    hits = sum(p["right"] == "1" and e == p["entity"] for p, e in suggested)
    precision, recall = hits / len(suggested), hits / len(right)
    # measured 0.607 and 0.548 (glossary/README.md); a little room for glossary growth
    assert precision >= 0.58 and recall >= 0.52, (precision, recall, len(suggested))
    # The raw nearness is what the threshold cuts: the first plain suggestion below it is wrong.
    index = RomajiIndex(shipped)
    assert index.nearest("SMAP")[1] < SUGGEST_MIN_SCORE <= index.nearest("Micrsoft")[1]
