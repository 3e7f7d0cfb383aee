"""The glossary: entities and MT corrections (glossary/data/), and the code that loads, lints,
compiles and matches them. See glossary/README.md for the file format."""

from normalizers import compiled

# Before any compiled module is imported (the matcher's modules are compiled with the
# normalizer's, all or none: normalizers/compiled.py): the compiled build or the source of all.
BUILD = compiled.select()

from .lint import lint, main_lint  # noqa: E402
from .loader import GlossaryError, LintIssue  # noqa: E402
from .matcher import Glossary, GlossaryMatch  # noqa: E402

__all__ = ["BUILD", "Glossary", "GlossaryMatch", "GlossaryError", "LintIssue", "lint", "main_lint"]
