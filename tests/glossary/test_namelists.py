"""glossary/namelists.py: the person-name list read from a JMnedict database (a small one made
here, with the tables and columns jamdict-data's has), its surnames, its cache; and the
recognizer's name_list rule."""

from __future__ import annotations

import sqlite3

import pytest

from glossary import namelists
from glossary.recognizer import NameRecognizer


def make_db(path, entries):
    """entries: (kanji writing, type) pairs, one JMnedict entry each."""
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE NEKanji (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT);"
        "CREATE TABLE NETranslation (ID INTEGER PRIMARY KEY, idseq INTEGER);"
        "CREATE TABLE NETransType (tid INTEGER, text TEXT);"
    )
    for idseq, (text, kind) in enumerate(entries, 1):
        db.execute("INSERT INTO NEKanji (idseq, text) VALUES (?, ?)", (idseq, text))
        db.execute("INSERT INTO NETranslation (ID, idseq) VALUES (?, ?)", (idseq, idseq))
        db.execute("INSERT INTO NETransType (tid, text) VALUES (?, ?)", (idseq, kind))
    db.commit()
    db.close()


def test_read_person_names_keeps_kanji_full_names_with_their_surname(tmp_path):
    make_db(tmp_path / "ne.db", [
        ("松本人志", "person"), ("松本", "surname"), ("佐々木希", "person"), ("佐々木", "surname"),
        ("夏目漱石", "person"),  # no surname entry: the name stands, without a surname
        ("武", "person"),  # too short: as often a word
        ("ダルビッシュ有", "person"),  # not all kanji: the evidence rules' business
        ("東京", "place"),
    ])
    assert namelists.read_person_names(tmp_path / "ne.db") == {
        "佐々木希": "佐々木", "夏目漱石": "", "松本人志": "松本"}


def test_split_surname_leaves_a_given_name():
    assert namelists.split_surname("佐々木希", {"佐々", "佐々木"}) == "佐々木"
    assert namelists.split_surname("松本人志", {"松本"}) == "松本"
    assert namelists.split_surname("松本", {"松本"}) == ""


def test_without_the_package_the_list_is_empty(monkeypatch):
    monkeypatch.setattr(namelists, "_installed_db", lambda: None)
    assert namelists.person_names() == {}


def test_the_list_is_cached_outside_the_repository(tmp_path, monkeypatch):
    make_db(tmp_path / "ne.db", [("松本人志", "person"), ("松本", "surname")])
    monkeypatch.setenv("TADASU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(namelists, "_installed_db", lambda: (tmp_path / "ne.db", "test.tsv"))
    assert namelists.person_names() == {"松本人志": "松本"}
    assert (tmp_path / "cache" / "test.tsv").read_text(encoding="utf-8") == "松本人志\t松本\n"
    (tmp_path / "ne.db").unlink()  # the second call reads the cache only
    assert namelists.person_names() == {"松本人志": "松本"}


@pytest.fixture(scope="module")
def rec():
    return NameRecognizer(person_names={"松本人志": "松本", "夏目漱石": ""})


def people(rec, text):
    return [(text[m.start : m.end], m.evidence) for m in rec.find(text, []) if m.label == "PERSON"]


def test_listed_people_are_tagged_with_their_surname_alone(rec):
    text = "司会は松本人志。収録後、松本は語った。松本市とは関係ない。"
    assert people(rec, text) == [("松本人志", "name_list"), ("松本", "repeat")]  # not 松本 of 松本市


def test_a_listed_name_inside_a_longer_kanji_run_is_not_tagged(rec):
    assert people(rec, "夏目漱石賞の発表") == []
