"""The document's own date: a dateline at the top of the text (contract section 6).

When the input gives no `published_at`, a line near the top that is a date and nothing else
(`2024-09-12`, `2024年9月12日`, `2024/9/12`, with or without a weekday and a time of day) is the
document's date: relative and year-less dates are resolved against it, and the documents dataset
records it with `published_at_source = "dateline"`. A date inside a sentence (`2011年4月20日（水）
〜5月6日に開催する`) or deep in the body is no dateline. Pure: no state, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# How many lines from the top may hold the dateline (a seed has it on its fifth line, after the
# site's name and the headline, each followed by a blank line).
DATELINE_LINES = 8
# A line longer than this is a sentence, not a dateline (checked before any regex).
DATELINE_MAX_CHARS = 40
WEEKDAY = "[月火水木金土日](?:曜日?)?|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\\.?"
DATELINE = re.compile(
    r"\s*(?:(?P<y>[12][0-9]{3})(?P<sep>[-/.])(?P<m>[01]?[0-9])(?P=sep)(?P<d>[0-3]?[0-9])"
    r"|(?P<jy>[12][0-9]{3})\s*年\s*(?P<jm>[01]?[0-9])\s*月\s*(?P<jd>[0-3]?[0-9])\s*日)"
    rf"\s*(?:[(（]\s*(?:{WEEKDAY})\s*[)）]|{WEEKDAY})?"  # (水), （木曜日）, 水曜日
    r"\s*(?:(?:午前|午後)?\s*[0-9]{1,2}\s*[:時]\s*[0-9]{0,2}\s*(?:[:分]\s*[0-9]{0,2}\s*秒?)?(?:\s*[A-Z]{2,4})?)?\s*"
)


def find_dateline(text: str) -> dt.date | None:
    """The date of the first line among the top `DATELINE_LINES` that is only a date (with an
    optional weekday and time of day), else None."""
    pos = 0
    for _ in range(DATELINE_LINES):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if len(line) <= DATELINE_MAX_CHARS and any(c.isdigit() for c in line):
            found = date_of_line(unicodedata.normalize("NFKC", line))
            if found is not None:
                return found
        if end < 0:
            return None
        pos = end + 1
    return None


def date_of_line(line: str) -> dt.date | None:
    """The date a whole line states (NFKC-normalized), or None."""
    m = DATELINE.fullmatch(line)
    if m is None:
        return None
    y, mo, d = (m.group("y", "m", "d") if m.group("y") else m.group("jy", "jm", "jd"))
    try:
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None
