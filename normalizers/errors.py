"""Exceptions a normalization raises for one document: the caller rejects that document alone."""

from __future__ import annotations


class GlossaryTimeout(Exception):
    """A glossary regex variant ran past its time limit on a document (catastrophic backtracking
    the lint did not catch). Rejects the document with reason code "glossary_timeout"; the run goes on.

    pattern: the regex; rule: where it is written (`file:line`, entity id); seconds: the limit."""

    reason_code = "glossary_timeout"  # the `reason` column of the rejected document (flows.process.rejection_code)

    def __init__(self, pattern: str, rule: str, seconds: float):
        self.pattern = pattern
        self.rule = rule
        self.seconds = seconds
        super().__init__(f"glossary pattern {pattern!r} ({rule}) ran over {seconds:g} s")

    def __reduce__(self):  # picklable across the worker pool with its fields
        return (GlossaryTimeout, (self.pattern, self.rule, self.seconds))
