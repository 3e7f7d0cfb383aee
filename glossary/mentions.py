"""What a linked glossary hit is tagged as, read from the words around it (issue 17). Runs on the
normalizer's entity spans after the glossary's rewrites: it changes mentions, never the text.

- `wholenames.longer_names`: a hit that is part of a longer name (京都 in 京都大学) becomes that
  name's mention or none.
- `account_link`: a site's own account link (`smaxjp on Twitter`) is page furniture: no mention.
- `service_label`: a social network the glossary lists as a company (Twitter, Facebook,
  Instagram) is the company (ORG) only where the text says so (Twitter社, FacebookのCEO, 米Facebook);
  used as a service it is a PRODUCT (`Twitterでつぶやく`: GUIDELINES.md, "a service used as a
  product is PRODUCT, the company acting is ORG").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from normalizers.chars import KATAKANA, KATAKANA_MIDDLE_DOT

from .matcher import GlossaryMatch
from .wholenames import common_word, longer_names

# Glossary entities (ORG) that are as often the service as the company.
SERVICES = frozenset({"twitter_x", "facebook", "instagram"})

# Words after the name that make it the company: 社, its officers and staff, its shares, what a
# company does (発表, 買収, 提携, 上場).
_COMPANY_AFTER = re.compile(
    "\N{RIGHT CORNER BRACKET}?(?:社(?![会員内外交])"
    f"| ?の?元?[{KATAKANA}{KATAKANA_MIDDLE_DOT}]*?"
    "(?:CEO|COO|CFO|CTO|社長|会長|共同創業者|創業者|幹部|従業員|社員|エンジニア|ディレクター|マネージャー|研究者|株価|株式"
    "|本社|日本法人|広報)"
    # the subject of what a company does, in the same clause (FacebookがInstagramを買収)
    "|(?:は|が|も)[^\n。、「」]{0,25}?(?:発表|買収|提携|上場|出資|提訴)|を買収|と提携|に出資|の買収)"
)
# 米Facebook: the American company.
_COMPANY_BEFORE = frozenset("米")


# A site's own account link at the end of a link-list line, page furniture that is not tagged
# (GUIDELINES.md; ADJUDICATION.md: `smaxjp on Twitter`, `・S-MAX - Facebookページ`). A handle in
# brackets names another account and stays (`ちょろ（choros5） on Twitter`).
_HANDLE_ON = re.compile(r"(?:^|(?<=\s))[A-Za-z0-9_]+ on \Z")
_SITE_DASH = re.compile(r" - \Z")
_LINE_END = re.compile(r"ページ?[ \t]*(?:\n|\Z)|[ \t]*(?:\n|\Z)")


def account_link(text: str, s: int, e: int) -> bool:
    """text[s:e] (a service's name) ends a line as a site's own account link."""
    end = _LINE_END.match(text, e)
    if end is None:
        return False
    line_start = text.rfind("\n", 0, s) + 1
    if _HANDLE_ON.search(text, line_start, s):
        return not text.startswith("ページ", e)
    return text.startswith("ページ", e) and _SITE_DASH.search(text, line_start, s) is not None


def service_label(text: str, s: int, e: int) -> str:
    """ORG when the words around text[s:e] (a service's name) make it the company, else PRODUCT.
    The one-letter X stays the company (ORG), as the seed annotation has it: tests/golden/glossary/
    README.md; the 2012 livedoor text knows only Twitter)."""
    if (s and text[s - 1] in _COMPANY_BEFORE) or e - s == 1:
        return "ORG"
    return "ORG" if _COMPANY_AFTER.match(text, e) else "PRODUCT"


class NameSpans:
    """The mention policy for one glossary: `longer_names`, then `account_link` and
    `service_label` for the services. Built once
    (the glossary's common words); pure."""

    def __init__(self, common_words: frozenset[str]):
        from .recognizer import CONFIDENCE, NameMatch

        self._common = common_words
        self._confidence = CONFIDENCE["longer_name"]
        self._name_match = NameMatch

    def _is_common(self, word: str) -> bool:
        return common_word(self._common, word)

    def _make(self, s: int, e: int, label: str) -> Any:
        return self._name_match(s, e, label, self._confidence, "longer_name")

    def __call__(self, text: str, spans: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
        if not spans:
            return spans
        spans = longer_names(text, spans, self._is_common, self._make)
        out = []
        for s, e, m in spans:
            if getattr(m, "entity_id", None) in SERVICES:
                if account_link(text, s, e):
                    continue
                if m.label == "ORG":
                    label = service_label(text, s, e)
                    if label != m.label:
                        m = m.with_label(label) if isinstance(m, GlossaryMatch) else replace(m, label=label)
            out.append((s, e, m))
        return out
