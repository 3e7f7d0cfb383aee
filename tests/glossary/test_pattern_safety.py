"""Glossary regex variants (issue 15 item 10, issue 16): the lint finds catastrophic backtracking
statically and by probing with `regex`'s timeout on Japanese text (no wall-clock measurement
decides); at run time a pattern that times out rejects its document (`GlossaryTimeout`)."""

from __future__ import annotations

import pytest

from glossary import Glossary
from glossary.lint import lint
from glossary.loader import read
from glossary.patterns import backtracking_risk
from normalizers import GlossaryTimeout, Normalizer

from .conftest import BASE, write_glossary

HANGS_ON_KANJI = r"(\p{Han}|\p{Han})*[0-9]"  # exponential on a run of kanji with no digit after


def _with_pattern(tmp_path, pattern: str):
    extra = f"""\
  - id: kanji_code
    label: PRODUCT
    canonical: KanjiCode
    canonical_ja: KanjiCode
    variants:
      - pattern: '{pattern}'
"""
    return write_glossary(tmp_path / "g", BASE + extra)


def _pattern_line(d) -> int:
    lines = (d / "entities.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "pattern:" in line and "kanji" not in line.lower() and "Han" in line)


@pytest.mark.parametrize(
    "pattern",
    [HANGS_ON_KANJI, r"(a+)+$", r"(a*b?)*c", r"(a|ab)*c", r"(\w|\d)+x", r"(?:漢|\p{Han})+x", r"(a|[abc])*d"],
)
def test_static_check_flags_backtracking_shapes(pattern):
    assert backtracking_risk(pattern) is not None


@pytest.mark.parametrize(
    "pattern",
    [r"GPT-4o?(?:\s?mini)?", r"(?:\p{Han}|[0-9])+x", r"(?:ab|cd)*", r"\b(?:foo|bar)\b", r"a{2,}b", r"x\{3\}", r"(?i)open\s*ai"],
)
def test_static_check_passes_sound_patterns(pattern):
    assert backtracking_risk(pattern) is None


def test_lint_rejects_the_pattern_that_hung_a_run_with_file_and_line(tmp_path):
    d = _with_pattern(tmp_path, HANGS_ON_KANJI)
    errors = [i for i in lint(d) if i.severity == "error"]
    assert len(errors) == 1, errors
    assert errors[0].file.endswith("entities.yaml") and errors[0].line == _pattern_line(d)
    assert "catastrophic backtracking" in errors[0].message


def test_lint_probes_japanese_text_with_a_timeout(tmp_path):
    # Two spellings of one class: the static check takes them as different, the kanji probe
    # times out (the old lint probed only runs of the pattern's own letters, `H`, `a`, `n`...).
    pattern = r"(\p{Han}|\p{Script=Han})*[0-9]"
    assert backtracking_risk(pattern) is None
    d = _with_pattern(tmp_path, pattern)
    errors = [i for i in lint(d) if i.severity == "error"]
    assert len(errors) == 1 and errors[0].line == _pattern_line(d), errors
    assert "is slow: over" in errors[0].message


def test_a_timeout_rejects_the_document_and_the_others_go_on(tmp_path):
    d = _with_pattern(tmp_path, HANGS_ON_KANJI)
    # Built without the lint (as if it had passed): the run-time limit is the last net.
    g = Glossary(read(d), pattern_timeout=0.2)
    n = Normalizer(g)
    line = "漢" * 45  # 2**45 ways to split: hangs without a limit
    with pytest.raises(GlossaryTimeout) as info:
        n.normalize(line)
    assert info.value.pattern == HANGS_ON_KANJI and "kanji_code" in info.value.rule
    assert info.value.reason_code == "glossary_timeout"
    docs = n.normalize_many(["OpenAIの発表。", line, "マイクロソフトの発表"], errors="return")
    assert [type(x).__name__ for x in docs] == ["NormalizedDocument", "GlossaryTimeout", "NormalizedDocument"]
    assert docs[2].text == "Microsoftの発表"
