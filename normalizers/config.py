"""`NormalizeConfig`: every option of the normalizer, with its trade-off."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Literal

Surface = Literal["en", "ja", "keep"]


@dataclass(frozen=True, slots=True)
class NormalizeConfig:
    """Options of `Normalizer`. The defaults are contract section 7.

    Character rules
    - fullwidth_ascii: Ａ１！ → A1!. Trade-off: text that deliberately set full-width Latin
      (rare in news) loses that styling; matching, numbers and search gain a lot.
    - halfwidth_katakana: ｶﾞ → ガ. Nothing is lost: half-width kana is a legacy encoding artefact.
    - remove_japanese_spaces: drop a translator's spaces next to Japanese (`7 月 22 日` →
      `7月22日`, `Microsoft と` → `Microsoftと`) and keep the spaces between phrases (headlines,
      list items, bylines, `！　` before a new sentence): `spacing.py`. Trade-off: inside a
      sentence, a space not tied to a number or a particle goes only in a document that reads
      as a spaced translation, so a native text's stray space (`プレス リリース`) stays, and a
      translation's deliberate one inside a sentence (`Dota 2 ゲーム` aside) goes; spaces
      between Latin words always stay.
    - resolve_dashes: hyphen/dash/long-vowel look-alikes chosen by context (ー after katakana,
      - between Latin or digits). Trade-off: a dash used as punctuation right after a single
      katakana character may be read as a long-vowel mark.
    - unify_tildes: 〜 ～ ∼ unified to 〜 (and ~ between numbers). Tildes are never deleted.
    - strip_line_indent: leading spaces of a line (the U+3000 paragraph indent) go. Off by
      default: indentation is layout (paragraphs, lists, verse), and every labelled case of it
      says keep (tests/golden/normalizers/SPACES.md). Trade-off when on: indentation of code,
      poetry and lists is lost.
    - collapse_blank_lines: runs of blank lines become one blank line.
    - nfkc_compat: fold compatibility characters with NFKC (① → 1, ㈱ → (株), ｍ → m, 﨑 → 﨑's
      compatibility form). Off by default: it destroys information (circled numbers, enclosed
      company marks, variant kanji in names).
    - remove_debris: drop page debris lines (language menus, comment counters, shop adverts).
      Conservative: a line is debris only when it matches a specific, documented pattern.

    Glossary and numbers
    - surface: what a matched glossary variant becomes in the text: "en" (its English
      replacement, else the canonical name), "ja" (canonical_ja) or "keep" (text untouched but
      machine-translation corrections; mentions are tagged all the same).
    - link_entities: tag glossary entities (and apply `surface`).
    - fuzzy_linking: link close, contextually supported spelling variants with confidence < 1.
    - tag_numbers: tag MONEY/QUANTITY/PERCENT/DATE/DURATION/ORDINAL mentions.
    - recognize_names: tag names the glossary does not know from the evidence around them
      (田中さん, 株式会社ミライ, 『作品名』, well-known people's kanji names from JMnedict;
      `glossary.recognizer`), method "pattern", no entity. Off by default: its cost is too
      high for the default path (bench/recognizer_check.py speed; figures in bench/README.md,
      "Entities"), though most of its names are right. Turn it on for recall over speed.
    - guess_latin_names: with recognize_names, also tag capitalized Latin words that no evidence
      names (Zentrix Pro → PRODUCT, KDDI → ORG). Off by default: right about 6 times in 10 on
      dev (a span or a label off: standards, page furniture, a company read as its product).
    - ner_names: also tag names with GiNZA's statistical NER (`glossary.ner`, method "ner", no
      entity), where neither the glossary nor the recognizer found one. Off by default: it needs
      the optional `ner` extra (ja-ginza, spaCy) and runs at about 2,400 characters per second,
      a hundred times slower than the rest of the normalizer (glossary/README.md).
    """

    fullwidth_ascii: bool = True
    halfwidth_katakana: bool = True
    remove_japanese_spaces: bool = True
    resolve_dashes: bool = True
    unify_tildes: bool = True
    strip_line_indent: bool = False
    collapse_blank_lines: bool = True
    nfkc_compat: bool = False
    remove_debris: bool = True
    surface: Surface = "en"
    link_entities: bool = True
    fuzzy_linking: bool = True
    tag_numbers: bool = True
    recognize_names: bool = False
    ner_names: bool = False
    guess_latin_names: bool = False

    def __post_init__(self) -> None:
        if self.surface not in ("en", "ja", "keep"):
            raise ValueError(f"NormalizeConfig.surface must be 'en', 'ja' or 'keep', not {self.surface!r}")

    def to_dict(self) -> dict:
        return asdict(self)

    def fingerprint(self) -> str:
        """Short stable hash of the options, part of the resume key and the output metadata."""
        blob = json.dumps(self.to_dict(), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
