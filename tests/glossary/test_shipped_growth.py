"""The grown glossary (issue 17 item 3): model lines, Chinese MT forms, misspellings, and the traps
of the new names on real text (livedoor 2012: no AI news, so every link there must be earned).

Each livedoor test names the word, the documents it reads (those with the word and without the
cues of the entity it must not link to), and the entity: zero links is the check. The cue lists
are what a reader would take as "this article is about the company/person"; a document with a
cue is left out, not assumed right. The older traps (マスク, ウルトラマン) are checked in
test_shipped_and_scale.py; livedoor has no ジェミニ, and its アマゾン is always the company.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from glossary.loader import SHIPPED_DIR

ROOT = Path(__file__).resolve().parents[2]
LIVEDOOR = ROOT.parent / "shared" / "corpus" / "livedoor.jsonl.gz"
needs_livedoor = pytest.mark.skipif(not LIVEDOOR.exists(), reason="livedoor corpus not available")


@pytest.fixture(scope="module")
def normalizer():
    from normalizers import Normalizer

    return Normalizer.from_glossary()


def _links(normalizer, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.entity_id) for m in normalizer.normalize(text).mentions if m.entity_id]


@lru_cache(maxsize=1)
def _livedoor_texts() -> tuple[str, ...]:
    with gzip.open(LIVEDOOR, "rt", encoding="utf-8") as f:
        return tuple(json.loads(line)["text"] for line in f)


def _links_in_livedoor(normalizer, word: str, entity_id: str, cues: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """(documents read, contexts of links to entity_id) over livedoor documents holding `word`
    and none of `cues`."""
    docs = [t for t in _livedoor_texts() if word in t and not any(c in t for c in cues)]
    found = []
    for t in docs:
        for m in normalizer.normalize(t).mentions:
            if m.entity_id == entity_id:
                found.append(t[max(0, m.raw_start - 12) : m.raw_end + 12])
    return len(docs), found


# -------------------------------------------------------------- model lines, MT forms, misspellings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAIはGPT-4o miniを公開した。", [("OpenAI", "openai"), ("GPT-4o mini", "gpt_4o_mini")]),
        ("GPT-4oとGPT-4o-mini", [("GPT-4o", "gpt_4o"), ("GPT-4o mini", "gpt_4o_mini")]),
        ("xAIのGrok3は", [("xAI", "xai"), ("Grok-3", "grok_3")]),
        ("xAIのGrok 3 miniとGrok 4", [("xAI", "xai"), ("Grok-3 mini", "grok_3_mini"), ("Grok 4", "grok_4")]),
        ("OpenAIのDALL・Eで", [("OpenAI", "openai"), ("DALL-E", "dall_e")]),  # \N{KATAKANA MIDDLE DOT}
        ("xAIのGrowkは", [("xAI", "xai"), ("Grok", "grok")]),
        ("ナビディアの株価", [("NVIDIA", "nvidia")]),
        ("元CTOのミラ・ムライ氏", [("Mira Murati", "mira_murati")]),
    ],
)
def test_model_lines_and_misspellings(normalizer, text, expected):
    assert _links(normalizer, text) == expected


@pytest.mark.parametrize(
    ("text", "clean", "entity_id"),
    [
        ("英偉達の決算", "NVIDIAの決算", "nvidia"),
        ("微軟と谷歌", "MicrosoftとGoogle", "microsoft"),
        ("黄仁勲CEOは語った", "Jensen Huang CEOは語った", "jensen_huang"),
        ("特斯拉の新車", "Teslaの新車", "tesla"),
        ("馬斯克氏", "Musk氏", "elon_musk"),
    ],
)
def test_chinese_machine_translation_forms_are_corrected(normalizer, text, clean, entity_id):
    doc = normalizer.normalize(text)
    assert doc.text == clean
    assert entity_id in {m.entity_id for m in doc.mentions}
    assert {e.rule for e in doc.edits} >= {"mt_correction"}


def test_altman_chinese_nickname_only_in_ai_text(normalizer):
    # 奥特曼 is Chinese for Ultraman: Altman only where the document is about AI.
    assert _links(normalizer, "OpenAIの奥特曼氏") == [("OpenAI", "openai"), ("Altman", "sam_altman")]
    assert _links(normalizer, "奥特曼の映画が公開された") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("トランプ大統領は関税を発表した", [("Trump", "donald_trump")]),
        ("トランプ占いをする", []),  # playing cards
        ("トランプで遊ぶ", []),
        ("岸田首相と石破氏", [("岸田", "fumio_kishida"), ("石破", "shigeru_ishiba")]),
        ("岸田さんの家", []),  # a surname, no title
        ("習近平国家主席", [("習近平", "xi_jinping")]),  # kanji names stay as written (contract 7)
    ],
)
def test_surnames_need_a_title(normalizer, text, expected):
    assert _links(normalizer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本人の多くは日本語を話す", []),  # demonym and language, not the place
        ("米国産の牛肉と中国人観光客", []),
        ("日本と中国の首脳が東京で会談", [("日本", "japan"), ("中国", "china"), ("東京", "tokyo")]),
        ("ローマ字で書く", []),
        ("東京国際映画祭で", [("東京国際映画祭", "tokyo_international_film_festival")]),  # not Tokyo
        ("中国人民銀行は", [("中国人民銀行", "pboc")]),
    ],
)
def test_places_inside_words_are_not_places(normalizer, text, expected):
    assert _links(normalizer, text) == expected


# -------------------------------------------------------------- traps on livedoor


@needs_livedoor
@pytest.mark.parametrize(
    ("word", "entity_id", "cues", "min_docs"),
    [
        ("トランプ", "donald_trump", ("ドナルド",), 5),  # playing cards
        ("シャープな", "sharp", (), 5),  # the adjective
        ("イオン", "aeon", ("イオングループ", "流通", "スーパー", "ショッピングセンター"), 20),  # ions
        ("スズキ", "suzuki_motor", ("バイク", "自動車", "スクーター"), 1),  # the fish
        ("ワシントン", "washington_d_c", ("ワシントンD", "ホワイトハウス"), 5),  # デンゼル・ワシントン
        ("チリ", "chile", ("南米チリ",), 50),  # dust, chili pepper
        ("タイ", "thailand", ("バンコク", "洪水", "東南アジア", "タイ王国", "タイ料理", "舞台"), 100),  # type, tie, style
    ],
)
def test_new_traps_do_not_link_on_livedoor(normalizer, word, entity_id, cues, min_docs):
    n_docs, found = _links_in_livedoor(normalizer, word, entity_id, cues)
    assert n_docs >= min_docs  # the test reads real occurrences, not an empty set
    assert found == []


# -------------------------------------------------------------- generated files


def test_generated_place_files_are_up_to_date():
    # The place files are generated from the tables in glossary/tools/make_places.py: an edit
    # made to the YAML by hand would be lost at the next generation.
    r = subprocess.run([sys.executable, str(ROOT / "glossary" / "tools" / "make_places.py"), "--check"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr


def test_generated_country_file_is_up_to_date():
    pytest.importorskip("pycountry")  # the tool's own dependency, not the project's
    r = subprocess.run([sys.executable, str(ROOT / "glossary" / "tools" / "make_countries.py"), "--check"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr


def test_ids_unique_across_files_and_every_file_read():
    from glossary import Glossary

    files = sorted(SHIPPED_DIR.glob("entities*.yaml"))
    assert len(files) >= 8
    g = Glossary.load(None)
    ids = [line.split("id:", 1)[1].split(",")[0].strip()
           for f in files for line in f.read_text(encoding="utf-8").splitlines()
           if line.lstrip().startswith(("- id:", "- {id:"))]
    assert len(ids) == len(set(ids)) == len(g.entities)


# -- links to the entity a 2012 news story means (issue 17, s13: the dev half's wrong links) -----

@pytest.mark.parametrize("raw, surface, entity_id", [
    ("福島、岩手、宮城の三県", "岩手", "iwate_prefecture"),
    ("Flights to Iwate resumed.", "Iwate", "iwate_prefecture"),              # the bare English form, as the kanji one
    ("the Greater Tokyo Area", "Greater Tokyo Area", "tokyo_metropolitan_area"),
    ("the Liancourt Rocks", "Liancourt Rocks", "takeshima"),
    ("Hon Hai Precision Industry said", "Hon Hai Precision Industry", "foxconn"),
    ("SoftBank Group said", "SoftBank Group", "softbank"),
    ("TBSテレビ系で放送", "TBS Television", "tbs_television"),               # the broadcaster, not TBS Holdings (was `TBS系`)
    ("販売元:角川書店", "角川書店", "kadokawa_shoten"),                       # the publisher, not KADOKAWA
    ("ウォルト・ディズニー生誕110周年", "Walt Disney", "walt_disney"),        # the man, not the company
])
def test_a_name_links_to_the_entity_it_names(normalizer, raw, surface, entity_id):
    assert (surface, entity_id) in _links(normalizer, raw)


@pytest.mark.parametrize("raw", ["Flights to Iwate resumed.", "the Greater Tokyo Area", "SoftBank Group said"])
def test_an_english_alias_is_kept_as_written(normalizer, raw):
    assert normalizer.normalize(raw).text == raw
