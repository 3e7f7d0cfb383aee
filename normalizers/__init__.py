"""Pure Japanese text normalization: no Prefect, no file I/O.

    from normalizers import Normalizer
    doc = Normalizer.from_glossary().normalize(text)
"""

from .alignment import Edit, Replacement, replay
from .config import NormalizeConfig
from .errors import GlossaryTimeout
from .document import Mention, NormalizedDocument, Sentence
from .normalizer import PIPELINE_VERSION, Normalizer

__all__ = [
    "Edit",
    "GlossaryTimeout",
    "Mention",
    "NormalizeConfig",
    "NormalizedDocument",
    "Normalizer",
    "PIPELINE_VERSION",
    "Replacement",
    "Sentence",
    "replay",
]
