"""The glossary: entities and MT corrections (glossary/data/), and the code that loads, lints,
compiles and matches them. See glossary/README.md for the file format."""

from .lint import lint, main_lint
from .loader import GlossaryError, LintIssue
from .matcher import Glossary, GlossaryMatch

__all__ = ["Glossary", "GlossaryMatch", "GlossaryError", "LintIssue", "lint", "main_lint"]
