"""`spacing.phrase_line` measures a line without its spaces by counting them (`_NO_SPACES_CHARS`),
not by copying the line without them: the reading must stay the one the copy gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import spacing


def _phrase_line_by_copy(line: str) -> bool:
    """phrase_line as it was written first: the length of the line's copy without spaces."""
    body = line.lstrip(spacing.SPACES)
    if body[:1] in spacing.LIST_MARKS or spacing._NUMBERED_ITEM.match(body) or "@" in body:
        return True
    return not any(c in body for c in spacing.SENTENCE_MARKS) and len(body.translate(spacing._NO_SPACES)) <= spacing.PHRASE_LINE_MAX


_LINE_CHARS = list(" \t\xa0\u3000\u202f\u205f\u2000\u2001\u2005\u200a-あア字abc1.@。、・")


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(_LINE_CHARS), max_size=90))
def test_counting_the_spaces_reads_a_line_as_the_copy_did(line):
    assert spacing.phrase_line(line) == _phrase_line_by_copy(line)


def test_the_counted_characters_are_those_the_table_deletes():
    assert sorted(map(ord, spacing._NO_SPACES_CHARS)) == sorted(spacing._NO_SPACES)
    # The table keeps U+2005 (inside the class body's range) and deletes `-`: 48 + 3 characters.
    line = "あ" * 48 + "\u2000" * 3 + "-" * 3 + "\u2005" * 3
    assert spacing.phrase_line(line) is False and _phrase_line_by_copy(line) is False
