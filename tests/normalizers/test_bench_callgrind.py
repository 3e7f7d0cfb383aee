"""bench/callgrind_normalize.py: the sample it measures and how it reads valgrind's figures (the
valgrind run itself is a benchmark, not a test)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import callgrind_normalize  # noqa: E402


def test_the_sample_weighs_each_source_the_same():
    docs = [{"source": "a", "text": f"a{i}"} for i in range(100)] + [{"source": "b", "text": f"b{i}"} for i in range(10)]
    texts = callgrind_normalize.stratified(docs, 10)
    assert [t[0] for t in texts].count("a") == 5 and [t[0] for t in texts].count("b") == 5
    assert texts[:5] == ["a0", "a20", "a40", "a60", "a80"]  # every k-th, not the first five
    assert callgrind_normalize.stratified(docs, 10) == texts


def test_the_collected_line_is_the_figure():
    stderr = "==1913== Events    : Ir\n==1913== Collected : 692778209\n==1913==\n==1913== I   refs:      692,778,209\n"
    assert callgrind_normalize.collected(stderr) == 692_778_209
    with pytest.raises(ValueError):
        callgrind_normalize.collected("==1== I   refs: 12\n")


def test_top_functions_are_the_compiled_ones_once_each_by_inclusive_count():
    annotated = "\n".join([
        "692,778,209 (100.0%)  PROGRAM TOTALS",
        "235,976,455 (34.06%)  build/mypyc/normalizers/__native_compiled.c:CPyDef_tagger___find_numbers [/x.so]",
        "173,223,886 (25.00%)  build/mypyc/normalizers/__native_compiled.c:CPyDef_tagger___read_start [/x.so]",
        " 98,976,048 (14.29%)  /tmp/Python-3.11.7/./Modules/_sre/sre_lib.h:sre_ucs2_match [/lib.so]",
        "  1,490 ( 0.00%)      cpy_r_r12 = CPyDef_tagger___find_numbers(cpy_r_r10, cpy_r_r11);",
        "235,976,455 (34.06%)  => build/mypyc/normalizers/__native_compiled.c:CPyDef_tagger___find_numbers (298x)",
    ])
    assert callgrind_normalize.top_functions(annotated, 5) == [("tagger___find_numbers", 235_976_455),
                                                               ("tagger___read_start", 173_223_886)]
    assert callgrind_normalize.top_functions(annotated, 1) == [("tagger___find_numbers", 235_976_455)]
