"""Well-known people's names in kanji, from JMnedict (issue 17: PERSON recall).

JMnedict (the EDRDG's dictionary of Japanese proper names, CC BY-SA 3.0) ships inside the
`jamdict-data` package as a SQLite database (`jamdict_data.JAMDICT_DB_PATH`). Celebrities and
athletes (夏目漱石, 松本人志, 香川真司) stand in news text with neither a glossary entry nor an
honorific; JMnedict's `person` entries name them. From those we keep the names written in 3 to 6
kanji (shorter ones are as often words), each with its surname: the longest prefix of 2 or 3
kanji that JMnedict lists as a surname, leaving a given name of at least one kanji (松本 of
松本人志), so the recognizer can tag the surname standing alone in the same text.

`person_names()` reads the database once and caches the list (one `name<TAB>surname` a line)
outside the repository, under `$TADASU_CACHE_DIR` or `~/.cache/tadasu`, named after the
package's version and the database's size: nothing derived from JMnedict is committed. Without
the package the list is empty and the recognizer works from its evidence rules alone.

`given_names()`: foreign given names in katakana (トム, キャリー, ジョルジュ), JMnedict's kana-only
`masc`, `fem` and `given` entries and the first parts of its kana-only `person` entries
(ジョン of ジョン・ケージ): a katakana name with ・ that starts with one is a person's full name
(the recognizer's foreign_name rule), cached the same way.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from normalizers.chars import KANJI, KATAKANA
from normalizers.chars import KATAKANA_MIDDLE_DOT as DOT

MIN_LENGTH, MAX_LENGTH = 3, 6
_ALL_KANJI = re.compile(f"[{KANJI}]{{{MIN_LENGTH},{MAX_LENGTH}}}")

# Entries typed `person` (full names of real people) and `surname`, by their kanji writing.
_QUERY = (
    "SELECT DISTINCT k.text FROM NEKanji k JOIN NETranslation t ON t.idseq = k.idseq "
    "JOIN NETransType y ON y.tid = t.ID WHERE y.text = ?"
)


_KATAKANA_WORD = re.compile(f"[{KATAKANA}]{{2,}}")
# Kana-only entries (no kanji writing) of the given types.
_KANA_QUERY = (
    "SELECT DISTINCT r.text FROM NEKana r JOIN NETranslation t ON t.idseq = r.idseq "
    "JOIN NETransType y ON y.tid = t.ID WHERE y.text = ? AND r.idseq NOT IN (SELECT idseq FROM NEKanji)"
)
GIVEN_TYPES = ("masc", "fem", "given")


def split_surname(name: str, surnames: frozenset[str] | set[str]) -> str:
    """The longest prefix of `name` (3 kanji, then 2) that is a surname, leaving a given name of
    one kanji or more; "" when none is."""
    for n in (3, 2):
        if len(name) > n and name[:n] in surnames:
            return name[:n]
    return ""


def read_person_names(db_path: str | os.PathLike) -> dict[str, str]:
    """{full name: surname or ""} of JMnedict's `person` entries written in 3 to 6 kanji."""
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    with sqlite3.connect(uri, uri=True) as db:
        people = {r[0] for r in db.execute(_QUERY, ("person",)) if _ALL_KANJI.fullmatch(r[0])}
        surnames = {r[0] for r in db.execute(_QUERY, ("surname",))}
    return {name: split_surname(name, surnames) for name in sorted(people)}


def read_given_names(db_path: str | os.PathLike) -> list[str]:
    """Katakana given names: kana-only given-name entries, and the first part of kana-only
    person entries written with ・ (ジョン of ジョン・ケージ); sorted."""
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    names: set[str] = set()
    with sqlite3.connect(uri, uri=True) as db:
        for kind in GIVEN_TYPES:
            names.update(r[0] for r in db.execute(_KANA_QUERY, (kind,)))
        names.update(r[0].split(DOT, 1)[0] for r in db.execute(_KANA_QUERY, ("person",)) if DOT in r[0])
    return sorted(n for n in names if _KATAKANA_WORD.fullmatch(n))


def cache_dir() -> Path:
    return Path(os.environ.get("TADASU_CACHE_DIR") or Path.home() / ".cache" / "tadasu")


def _installed_db() -> tuple[Path, str] | None:
    """The installed JMnedict database and a key for its cache, or None without the package."""
    try:
        import jamdict_data
    except ImportError:
        return None
    db = Path(jamdict_data.JAMDICT_DB_PATH)
    if not db.is_file():
        return None
    return db, f"jmnedict-persons-{jamdict_data.__version__}-{db.stat().st_size}.tsv"


def _cached_lines(key: str, build) -> list[str] | None:  # noqa: ANN001 - db path -> lines
    """The cached lines named `key` beside the installed database, built from it on first use;
    None without the package."""
    found = _installed_db()
    if found is None:
        return None
    db, base = found
    cached = cache_dir() / (base if not key else f"{key}-{base}")
    try:
        return cached.read_text(encoding="utf-8").splitlines()
    except OSError:
        pass
    lines = build(db)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        os.replace(tmp, cached)  # whole or absent: a reader never sees half a list
    except OSError:
        pass  # a read-only home: the list is rebuilt next time, the run goes on
    return lines


def person_names() -> dict[str, str]:
    """The installed package's person names ({} without it), from the cache when it is there."""
    lines = _cached_lines("", lambda db: [f"{n}\t{s}" for n, s in read_person_names(db).items()])
    return dict(line.split("\t", 1) for line in lines or [] if "\t" in line)


def given_names() -> frozenset[str]:
    """The installed package's katakana given names (empty without it), cached like the persons."""
    return frozenset(line for line in _cached_lines("given", read_given_names) or [] if line)
