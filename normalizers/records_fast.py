"""Speed-up, kept apart: building the named tuples a document holds by the hundred (`Edit`,
`Sentence`, `Mention`, `Replacement`) from a tuple of all their fields, in field order, without
running Python code per object.

A named tuple's constructor is a Python function (its `__new__`): over livedoor that is about
700,000 calls. `builder(cls)` returns `tuple.__new__` bound to the class (`functools.partial`:
C code only), which makes the same object from the same fields. Callers pass every field in
`cls._fields` order; tests/normalizers/test_records_fast.py checks the objects against the
constructors', and the documents against a Normalizer that builds them with the constructors.
Its gain end to end is in bench/README.md.
"""

from __future__ import annotations

from functools import partial
from typing import Callable, TypeVar

T = TypeVar("T", bound=tuple)


def builder(cls: type[T]) -> Callable[[tuple], T]:
    """`cls(*fields)` for a named tuple class, as one C call: `builder(Edit)((1, 2, ...))`."""
    if not (isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")):
        raise TypeError(f"{cls!r} is not a named tuple class")
    return partial(tuple.__new__, cls)
