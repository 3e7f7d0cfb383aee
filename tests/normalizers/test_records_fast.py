"""`records_fast.new_record` (a record from the tuple of its fields, by `tuple.__new__`) builds the
same records as the reference, the class call (`reference_record`): same type, same fields."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import Normalizer
from normalizers.alignment import Edit
from normalizers.document import Mention, Sentence
from normalizers.records_fast import new_record, reference_record

_VALUE = st.one_of(st.none(), st.integers(-5, 10**12), st.floats(allow_nan=False), st.text(max_size=5), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([Edit, Sentence, Mention]), st.data())
def test_new_record_is_the_reference_record(cls, data):
    fields = tuple(data.draw(_VALUE) for _ in cls._fields)
    fast, reference = new_record(cls, fields), reference_record(cls, fields)
    assert type(fast) is type(reference) is cls
    assert fast == reference and fast._asdict() == reference._asdict()


def test_a_document_s_records_are_the_reference_records():
    doc = Normalizer.from_glossary().normalize("ＯｐｅｎＡＩは 7 月 22 日、約５億ドルを調達した。\nマイクロソフトも出資する。")
    for record in doc.edits + doc.sentences + doc.mentions:
        assert reference_record(type(record), tuple(record)) == record
