"""Page debris rules: whole lines that are not article text (menus, counters, adverts).

Conservative: a line is removed only when it matches one of these specific patterns, so real
article text is never dropped. Each rule removes the line with its line break.
"""

from __future__ import annotations

import re

from .rules import Rule


def _drop(m: re.Match[str]) -> str:
    return ""


DEBRIS_RULES: list[Rule] = [
    Rule(
        "debris_comment_counter",
        re.compile(r"^[ \t]*(?:[•・*\-][ \t]*)?\d+ ?(?:comments?|コメント)[ \t]*(?:\n|\Z)", re.M | re.I),
        _drop,
        "remove_debris",
        "A line that is only a comment counter (`• 0 comments`).",
    ),
]
