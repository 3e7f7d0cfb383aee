"""Pure Japanese text normalization: no Prefect, no file I/O.

    from normalizers import Normalizer
    doc = Normalizer.from_glossary().normalize(text)

`BUILD`: "compiled" when the mypyc-compiled modules run, else "pure: <why>" (normalizers/compiled.py).
"""

from . import compiled

# Before any compiled module is imported: the compiled build, or the Python source of all of them.
BUILD = compiled.select()

from .alignment import Edit, Replacement, replay
from .config import NormalizeConfig
from .errors import GlossaryTimeout
from .document import Mention, NormalizedDocument, Sentence
from .normalizer import PIPELINE_VERSION, Normalizer

__all__ = [
    "BUILD",
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
