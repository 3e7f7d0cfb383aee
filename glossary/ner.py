"""An optional statistical NER stage: GiNZA's `ja_ginza` (spaCy), `method` "ner" (contract §4).

Off by default (`NormalizeConfig(ner_names=True)` turns it on) and not in requirements.lock: it
needs the `ner` extra (`pip install -e '.[ner]'`: ja-ginza 5.3.0, spaCy 3.8, SudachiPy and its
dictionary, the model inside the wheel; MIT / Apache-2.0 licences) and it is slow (about 2,400
characters per second, glossary/README.md). The model is loaded on the first document, not when
the normalizer is built, so a normalizer that never sees a document never pays for it.

GiNZA tags Sekine's Extended Named Entity types (189 labels: Person, Company, City, Movie ...);
`ENE_TO_LABEL` maps the ones that are names to tadasu's five labels and drops the rest (dates,
amounts and counts are the number tagger's; positions, diseases, dishes are not names). A name
never overlaps a glossary or recognizer span (`taken`), like the recognizer's: the glossary
links, the evidence rules are more precise where they apply, and GiNZA adds what neither found.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable

from .recognizer import NameMatch

MODEL = "ja_ginza"
INSTALL_HINT = "pip install -e '.[ner]' (ja-ginza 5.3.0 with spaCy 3.8)"

# Confidence of an NER name: below the evidence rules' (0.7-0.9), as its precision is lower.
CONFIDENCE = 0.6

_ORG = ("Company", "Company_Group", "Corporation_Other", "Organization_Other", "International_Organization",
        "Political_Party", "Political_Organization_Other", "Government", "Public_Institution", "Cabinet",
        "Military", "Pro_Sports_Organization", "Sports_Organization_Other", "Sports_League", "Show_Organization",
        "School", "Research_Institute", "Newspaper", "Magazine")
_LOCATION = ("Country", "City", "Province", "County", "GPE_Other", "Location_Other", "Domestic_Region",
             "Continental_Region", "Region_Other", "Geological_Region_Other", "Island", "Mountain", "River", "Lake",
             "Sea", "Bay", "Station", "Airport", "Port", "Facility_Other", "Sports_Facility", "Theater", "Museum",
             "Park", "Amusement_Park", "Zoo", "Worship_Place", "Spa", "Bridge", "Road", "Tunnel", "Car_Stop")
_PRODUCT = ("Product_Other", "Book", "Movie", "Broadcast_Program", "Music", "Show", "Art_Other", "Printing_Other",
            "Car", "Train", "Aircraft", "Ship", "Spaceship", "Vehicle_Other", "Weapon", "Drug", "Clothing")
_EVENT = ("Event_Other", "Occasion_Other", "Conference", "Incident_Other", "War", "Game", "Award",
          "Religious_Festival", "Natural_Disaster", "Earthquake")
# The guidelines count a fictional character as a person (tests/golden/realtext/GUIDELINES.md).
ENE_TO_LABEL: dict[str, str] = (
    {"Person": "PERSON", "Character": "PERSON"}
    | dict.fromkeys(_ORG, "ORG")
    | dict.fromkeys(_LOCATION, "LOCATION")
    | dict.fromkeys(_PRODUCT, "PRODUCT")
    | dict.fromkeys(_EVENT, "EVENT")
)


class NerUnavailable(RuntimeError):
    """GiNZA or its model is not installed: the message says how to install it."""


def available() -> bool:
    """Whether `ja_ginza` can be loaded (spaCy and the model package are installed)."""
    from importlib.util import find_spec

    return find_spec("spacy") is not None and find_spec(MODEL) is not None


class GinzaNames:
    """Names from GiNZA's NER, typed by `ENE_TO_LABEL`. Holds the loaded pipeline (its own
    state: the normalizer owns one instance)."""

    def __init__(self, model: str = MODEL):
        if not available():
            raise NerUnavailable(f"NormalizeConfig.ner_names needs GiNZA's {model}: {INSTALL_HINT}")
        self.model = model
        self._nlp: Any = None

    def _pipeline(self) -> Any:
        if self._nlp is None:
            import spacy

            # The parser, morphologizer and bunsetu stages are not needed for names.
            self._nlp = spacy.load(self.model, exclude=["parser", "compound_splitter", "bunsetu_recognizer"])
        return self._nlp

    def find(self, text: str, taken: Iterable[tuple[int, int]] = ()) -> list[NameMatch]:
        """Typed names of `text` that overlap no `taken` span, in text order."""
        if not text.strip():
            return []
        spans = sorted(taken)  # the glossary's and the recognizer's: disjoint
        ends = [b for _, b in spans]
        out: list[NameMatch] = []
        for ent in self._pipeline()(text).ents:
            label = ENE_TO_LABEL.get(ent.label_)
            s, e = _stripped(text, ent.start_char, ent.end_char)
            if label is None or s >= e or _overlaps(spans, ends, s, e):
                continue
            out.append(NameMatch(s, e, label, CONFIDENCE, f"ner:{ent.label_}", method="ner"))
        return out

    def add_to(self, text: str, spans: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
        """`spans` (start, end, match), sorted, with GiNZA's names around them."""
        names = self.find(text, [(s, e) for s, e, _ in spans])
        if not names:
            return spans
        return sorted(spans + [(m.start, m.end, m) for m in names], key=lambda t: (t[0], t[1]))


def _stripped(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) without the spaces at its ends (a mention's surface is stripped)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _overlaps(spans: list[tuple[int, int]], ends: list[int], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of `spans` (sorted and disjoint, so `ends` is sorted too)."""
    i = bisect_right(ends, s)  # the first span ending after s
    return i < len(spans) and spans[i][0] < e
