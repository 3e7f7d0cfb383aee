"""Every kind of glossary error is reported with its file and line; load refuses errors."""

from __future__ import annotations

import pytest

from glossary import Glossary, GlossaryError, lint, main_lint

from .conftest import write_glossary

HEAD = "entities:\n"
OK = "  - {id: ok, label: ORG, canonical: Okay Corp, canonical_ja: オーケー, variants: [オーケー社]}\n"


def only_error(tmp_path, entities: str, corrections: str | None = None):
    d = write_glossary(tmp_path, entities, corrections)
    errors = [i for i in lint(d) if i.severity == "error"]
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize(
    "body,line,words",
    [
        # line numbers count from the `entities:` line = 1
        (OK + "  - {id: ok, label: ORG, canonical: Other, canonical_ja: ほか}\n", 3, "duplicate entity id 'ok'"),
        (OK + "  - {id: Bad-Id, label: ORG, canonical: B, canonical_ja: ビー}\n", 3, "must match"),
        (OK + "  - id: p\n    label: COMPANY\n    canonical: P\n    canonical_ja: ピー\n", 4, "unknown label 'COMPANY'"),
        (OK + "  - id: p\n    label: ORG\n    canonical_ja: ピー\n", 3, "missing `canonical`"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - ''\n", 8, "empty variant"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - '   '\n", 8, "empty variant"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - pattern: 'GPT-(4'\n", 8, "does not compile"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - pattern: '(a+)+b'\n", 8, "nested"),
        # not nested, but exponential on `aaaa…`: caught by timing with a timeout
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - pattern: '(a|aa)+$'\n", 8, "slow"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - pattern: 'x?'\n", 8, "empty string"),
        (
            OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - text: ピーピー\n        context:\n          doc_any: [nobody]\n",
            10,
            "unknown entity 'nobody'",
        ),
        # the same folded surface claimed by two entities, one without a context rule
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants: [オーケ社]\n", 7, "also claimed by entity 'ok'"),
        (OK + "  - id: p\n    label: ORG\n    canonical: Ｐ Corp\n    canonical_ja: ピー\n", 3, "fullwidth_ascii"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー 社\n", 3, "japanese_space"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - {text: ピピ, colour: red}\n", 8, "unknown variant key 'colour'"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n    variants:\n      - text: ピピ\n        context: {after: [氏], after_any: [氏]}\n", 9, "unknown context key 'after'"),
        (OK + "  - id: p\n    label: ORG\n    canonical: P\n  canonical_ja: [\n", 6, "YAML syntax"),
    ],
)
def test_yaml_errors_name_file_and_line(tmp_path, body, line, words):
    issue = only_error(tmp_path, HEAD + body)
    assert issue.file.endswith("entities.yaml")
    assert issue.line == line, issue
    assert words in issue.message, issue


def test_conflict_is_allowed_when_every_claimant_has_context(tmp_path):
    body = OK + (
        "  - id: p\n    label: ORG\n    canonical: P\n    canonical_ja: ピー\n"
        "    variants:\n      - text: オーケー社\n        context: {words_any: [ピー]}\n"
    )
    issue = only_error(tmp_path, HEAD + body)  # `ok` claims オーケー社 without context
    assert issue.line == 8
    body = body.replace("variants: [オーケー社]", "variants: [{text: オーケー社, context: {words_any: [オー]}}]")
    d = write_glossary(tmp_path / "2", HEAD + body, None)
    assert [i for i in lint(d) if i.severity == "error"] == []


@pytest.mark.parametrize(
    "tsv,line,words",
    [
        ("wrong\tright\tentity_id\tnote\nabc\tAbc\tnobody\t\n", 2, "unknown entity_id 'nobody'"),
        ("wrong\tright\tentity_id\tnote\nabc\tAbc\t\t\n\n\nabc\tAbd\t\t\n", 5, "duplicate correction"),
        ("wrong\tright\tentity_id\tnote\nabc\n", 2, "columns"),
        ("wrong\tright\tentity_id\tnote\nabc\t \t\t\n", 2, "empty `right`"),
        ("wrong\tright\tentity_id\tnote\nabc\tＡｂｃ\t\t\n", 2, "fullwidth_ascii"),
        ("wrong,right\nabc,Abc\n", 1, "header"),
        ("wrong\tright\tentity_id\tnote\nオーケ社\tOkay\t\t\n", 2, "also claimed by entity 'ok'"),
    ],
)
def test_tsv_errors_name_file_and_line(tmp_path, tsv, line, words):
    issue = only_error(tmp_path, HEAD + OK, tsv)
    assert issue.file.endswith("corrections.tsv")
    assert (issue.line, words in issue.message) == (line, True), issue


def test_unstable_replacement_is_an_error(tmp_path):
    # `Altman` written for アルトマン would become `Sam Altman` on the next pass.
    body = "  - id: sam\n    label: PERSON\n    canonical: Sam Altman\n    canonical_ja: アルトマン\n    variants:\n      - {text: アルトマン, replace: Altman}\n      - Altman\n"
    issue = only_error(tmp_path, HEAD + body)
    assert issue.line == 7 and "not stable" in issue.message


def test_load_raises_with_all_issues(tmp_path):
    body = "  - {id: a, label: NOPE, canonical: A, canonical_ja: エー}\n  - {id: b, label: ORG, canonical_ja: ビー}\n"
    d = write_glossary(tmp_path, HEAD + body, "wrong\tright\tentity_id\tnote\nq\tQ\tzzz\t\n")
    with pytest.raises(GlossaryError) as e:
        Glossary.load(d)
    lines = sorted((i.file.rsplit("/", 1)[-1], i.line) for i in e.value.issues if i.severity == "error")
    assert lines == [("corrections.tsv", 2), ("entities.yaml", 2), ("entities.yaml", 3)]
    assert "entities.yaml:2: error: entity 'a': unknown label 'NOPE'" in str(e.value)


def test_missing_dir_and_empty_dir(tmp_path):
    assert [i.message for i in lint(tmp_path / "nope")] == ["glossary directory not found"]
    (tmp_path / "empty").mkdir()
    assert "no entities*.yaml" in lint(tmp_path / "empty")[0].message


def test_main_lint_prints_and_exits(tmp_path, capsys):
    good = write_glossary(tmp_path / "good", HEAD + OK, None)
    assert main_lint(good) == 0
    bad = write_glossary(tmp_path / "bad", HEAD + OK + "  - {id: ok, label: ORG, canonical: X2, canonical_ja: ほか}\n", None)
    assert main_lint(bad) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].endswith("entities.yaml:3: error: duplicate entity id 'ok' (first at " + out[0].split("first at ")[1])
    assert out[0].split(":")[1] == "3"


def test_a_rewrite_that_would_delete_words_of_a_latin_name_is_an_error(tmp_path):
    """`Samsung Electronics` → `Samsung` deletes a word the writer put there (issue 18), and
    `Microsoftアジュール` → `Microsoft Azure` → `Azure` was a second-pass change (issue 15)."""
    body = OK + "  - id: az\n    label: PRODUCT\n    canonical: Azure\n    canonical_ja: アジュール\n    variants: [Azure, Microsoft Azure]\n"
    err = only_error(tmp_path / "a", HEAD + body)
    assert err.line == 7 and "deleting 'microsoft'" in err.message
    kept = OK + ("  - id: az\n    label: PRODUCT\n    canonical: Azure\n    canonical_ja: アジュール\n"
                 "    variants: [Azure, {text: Microsoft Azure, replace: Microsoft Azure}]\n")
    assert not [i for i in lint(write_glossary(tmp_path / "b", HEAD + kept, corrections=None)) if i.severity == "error"]
