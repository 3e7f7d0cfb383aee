"""bench/numbers_agreement.py: two annotations of the same document compared by the scorer's exact
match, so the agreement is the ceiling the number yardstick can measure (issue 19)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import numbers_agreement  # noqa: E402
from realtext_numbers import COLUMNS, EMPTY_MARK  # noqa: E402

TEXT = "売上は2012年に1億円、社員は300人。"


def row(label: str, value: str = "", unit: str = "", currency: str = "", value_text: str = "") -> dict:
    return {"label": label, "value": value, "value_low": "", "value_high": "", "value_text": value_text,
            "unit": unit, "currency": currency}


def counts(first: dict, second: dict) -> tuple[dict, list]:
    per = {lab: Counter() for lab in ("MONEY", "QUANTITY", "PERCENT", "DATE", "DURATION", "ORDINAL", "ALL")}
    out: list = []
    numbers_agreement.compare(first, second, per, out, "doc", TEXT)
    return per, out


def test_identical_annotations_agree_exactly():
    first = {(3, 8): row("DATE", value_text="2012"), (9, 12): row("MONEY", "100000000", currency="JPY")}
    per, out = counts(first, dict(first))
    assert (per["ALL"]["first"], per["ALL"]["exact"], per["ALL"]["second_only"]) == (2, 2, 0)
    assert out == []


def test_a_different_value_unit_or_span_is_a_disagreement():
    first = {(9, 12): row("MONEY", "100000000", currency="JPY"), (16, 20): row("QUANTITY", "300", unit="人")}
    second = {(9, 12): row("MONEY", "10000", currency="JPY"),          # value slip
              (16, 19): row("QUANTITY", "300")}                          # span without the counter
    per, out = counts(first, second)
    assert per["ALL"]["exact"] == 0 and per["ALL"]["same_span"] == 1
    assert [d for *_, d in out] == [["value"], ["span/label"], ["second only"]]
    # The shorter span overlaps the first annotation's: a disagreement, not a number the first missed.
    assert per["ALL"]["second_only"] == 0


def test_a_number_only_the_second_annotator_saw_is_counted():
    per, out = counts({}, {(3, 8): row("DATE", value_text="2012")})
    assert per["DATE"]["second_only"] == 1 and per["ALL"]["first"] == 0
    assert out[0][-1] == ["second only"]


def test_read_second_reports_bad_rows_with_file_and_line(tmp_path: Path):
    path = tmp_path / "A.tsv"
    good = ["livedoor/x", "300人", "*", "QUANTITY", "300", "", "", "", "人", "", "", "", ""]
    bad = ["livedoor/x", "1億円", "*", "MONEY", "", "", "", "", "", "YEN", "", "", ""]
    path.write_text("\t".join(COLUMNS) + "\n" + "\t".join(good) + "\n" + "\t".join(bad) + "\n"
                    + f"{EMPTY_MARK} livedoor/y\n", encoding="utf-8")
    rows, empty, problems = numbers_agreement.read_second([path])
    assert [r["surface"] for r in rows["livedoor/x"]] == ["300人", "1億円"]
    assert empty == {"livedoor/y"}
    assert any(p.startswith(f"{path}:3: ") and "ISO 4217" in p for p in problems)


def test_the_repos_second_annotation_expands_cleanly_over_the_test_half():
    """second-numbers/ covers the test half's documents (and, since session 15, the fresh dev batches n15
    and n16), each a document of the number sample, each row valid and found in its text."""
    import realtext

    files = sorted(numbers_agreement.SECOND.glob("*.tsv"))
    rows, empty, problems = numbers_agreement.read_second(files)
    marked = [r for r in realtext.sample_rows() if r["numbers"] == "n"]
    test_docs = {r["doc_id"] for r in marked if r["split"] == "test"}
    assert test_docs <= set(rows) | empty
    assert set(rows) | empty <= {r["doc_id"] for r in marked}
    for batch in ("n15", "n16"):
        assert {r["doc_id"] for r in marked if r["batch"] == batch} <= set(rows) | empty, batch
    docs = realtext.load_corpus()
    for doc_id, its in rows.items():
        problems += realtext.expand_doc(docs[doc_id]["text"], its, doc_id)[1]
    assert problems == []
