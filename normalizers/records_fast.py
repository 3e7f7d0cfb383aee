"""A speed-up kept apart (issue 16): the records (`Edit`, `Sentence`, `Mention`: named tuples)
built in C from the tuple of all their fields by `tuple.__new__`, instead of by calling the class,
which runs the named tuple's generated Python `__new__` (about 3.5 times the cost; a document has
~70 records). The reference is `reference_record`, the class call: tests/normalizers/
test_records_fast.py checks they build the same records; the gain end to end is in
bench/README.md ("Speed-ups kept apart"), measured by bench/speedups.py (row `records`)."""

from __future__ import annotations

from typing import Any


def reference_record(cls: Any, fields: tuple) -> Any:
    """The record `cls` with these fields, by its constructor."""
    return cls(*fields)


# The same record, without the Python `__new__`: the fields are the whole tuple, in field order.
new_record = tuple.__new__
