"""Schema migrations and databases that are not what they should be.

An upgrade is tested by shipping one more migration than the real ones for the test: a database at
the current schema N with data upgrades in place to N + 1 after a backup, ``<db>.vN.bak``. A
database from a newer screener, another program's SQLite file, a text file, and a damaged file
are each refused with one line (exit 1 through the CLI), and left as they were.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import screener.store.db as db_module
from screener.cli import cli
from screener.records import Posting
from screener.store import SCHEMA_VERSION, Store, StoreError

REAL_MIGRATIONS = db_module.migrations()
CURRENT = SCHEMA_VERSION
NEXT = SCHEMA_VERSION + 1
BACKUP = f"s.db.v{CURRENT}.bak"
ADD_COLUMN = (
    NEXT,
    "shortlist_pin",
    "ALTER TABLE postings ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;\n"
    "CREATE INDEX postings_pinned ON postings (pinned);\n",
)


def make_db(path: Path, n: int = 3) -> None:
    with Store.open(path) as store:
        store.upsert([Posting(title=f"Operations Manager {i}", source_id=str(i), company="Acme") for i in range(n)])


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def titles(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT title FROM postings ORDER BY source_id")]


@pytest.fixture
def second_migration(monkeypatch: pytest.MonkeyPatch):
    """Ship one more migration on top of the real ones."""

    def ship(migration: tuple[int, str, str] = ADD_COLUMN) -> None:
        monkeypatch.setattr(db_module, "migrations", lambda: [*REAL_MIGRATIONS, migration])
        monkeypatch.setattr(db_module, "SCHEMA_VERSION", migration[0])

    return ship


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_a_new_database_gets_the_current_schema_and_no_backup(tmp_path: Path) -> None:
    make_db(tmp_path / "s.db")
    assert user_version(tmp_path / "s.db") == SCHEMA_VERSION
    assert not list(tmp_path.glob("*.bak"))


def test_an_empty_file_becomes_a_database(tmp_path: Path) -> None:
    (tmp_path / "s.db").write_bytes(b"")
    make_db(tmp_path / "s.db")
    assert titles(tmp_path / "s.db") == ["Operations Manager 0", "Operations Manager 1", "Operations Manager 2"]


def test_an_older_database_upgrades_in_place_after_a_backup(tmp_path: Path, second_migration) -> None:
    path = tmp_path / "s.db"
    make_db(path)
    before = titles(path)
    second_migration()
    with Store.open(path) as store:
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(postings)")]
        assert "pinned" in columns
        assert store.stats()["postings"] == 3
    assert user_version(path) == NEXT
    assert titles(path) == before
    backup = tmp_path / BACKUP
    assert backup.exists()
    assert user_version(backup) == CURRENT
    assert titles(backup) == before
    with sqlite3.connect(backup) as conn:
        assert "pinned" not in [r[1] for r in conn.execute("PRAGMA table_info(postings)")]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # opening again neither migrates nor backs up again
    backup.unlink()
    with Store.open(path):
        pass
    assert not backup.exists()


def test_the_cli_upgrades_an_older_database(tmp_path: Path, second_migration) -> None:
    path = tmp_path / "s.db"
    make_db(path)
    second_migration()
    postings = tmp_path / "p.jsonl"
    postings.write_text('{"source_id": "9", "title": "Plant Manager"}\n', encoding="utf-8")
    result = invoke("import", str(postings), "--db", str(path), "--no-enrich")
    assert result.exit_code == 0, result.output
    assert user_version(path) == NEXT
    assert len(titles(path)) == 4
    assert titles(tmp_path / BACKUP) == titles(path)[:3]


def test_a_failed_migration_rolls_back_and_keeps_the_backup(tmp_path: Path, second_migration) -> None:
    path = tmp_path / "s.db"
    make_db(path)
    second_migration(
        (NEXT, "broken", "ALTER TABLE postings ADD COLUMN pinned INTEGER;\nALTER TABLE nope ADD COLUMN x;\n")
    )
    with pytest.raises(StoreError) as caught:
        Store.open(path).__enter__()
    assert f"migration {NEXT:04d}_broken failed" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert user_version(path) == CURRENT
    with sqlite3.connect(path) as conn:
        assert "pinned" not in [r[1] for r in conn.execute("PRAGMA table_info(postings)")]
    assert titles(path) == titles(tmp_path / BACKUP)


def test_a_database_from_a_newer_screener_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    make_db(path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this screener understands"):
        Store.open(path).__enter__()
    assert user_version(path) == SCHEMA_VERSION + 1
    postings = tmp_path / "p.jsonl"
    postings.write_text('{"title": "Plant Manager"}\n', encoding="utf-8")
    for args in (["import", str(postings)], ["db", "stats"]):
        result = invoke(*args, "--db", str(path))
        assert result.exit_code == 1
        assert result.output == (
            f"Error: database {path} has schema {SCHEMA_VERSION + 1}, newer than this screener understands "
            f"({SCHEMA_VERSION}); upgrade screener\n"
        )
    assert user_version(path) == SCHEMA_VERSION + 1
    assert not list(tmp_path.glob("*.bak"))


def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.com')")
    conn.close()
    before = path.read_bytes()
    postings = tmp_path / "p.jsonl"
    postings.write_text('{"title": "Plant Manager"}\n', encoding="utf-8")
    result = invoke("import", str(postings), "--db", str(path))
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: {path} is an SQLite database of another program, not screener's; choose another --db\n"
    )
    assert path.read_bytes() == before  # not even switched to WAL
    assert not (tmp_path / "places.sqlite-wal").exists()


def _damaged(tmp_path: Path, how: str) -> Path:
    path = tmp_path / f"{how}.db"
    if how == "text":
        path.write_text("this is a shopping list, not a database\n" * 50, encoding="utf-8")
    elif how == "random":
        path.write_bytes(bytes(range(256)) * 64)
    else:
        good = tmp_path / "good.db"
        make_db(good, n=1500)
        with sqlite3.connect(good) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data = bytearray(good.read_bytes())
        if how == "truncated":
            data = data[: len(data) // 2]
        elif how == "header":
            data[:100] = b"\0" * 100
        elif how == "pages":  # the schema is readable, the postings pages are not
            pages = len(data) // 4096
            for page in range(pages // 3, pages // 3 + pages // 3):
                data[page * 4096 : (page + 1) * 4096] = b"\xff" * 4096
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("how", ["text", "random", "truncated", "header", "pages"])
def test_a_damaged_or_non_sqlite_file_is_one_line_of_error(tmp_path: Path, how: str) -> None:
    path = _damaged(tmp_path, how)
    postings = tmp_path / "p.jsonl"
    postings.write_text("\n".join(f'{{"source_id": "{i}", "title": "Manager {i}"}}' for i in range(1500)), "utf-8")
    for args in (["import", str(postings), "--no-enrich"], ["db", "stats"]):
        result = invoke(*args, "--db", str(path))
        assert result.exit_code == 1, result.output
        assert result.output.count("\n") == 1, result.output
        assert result.output.startswith("Error: ") and str(path) in result.output
        assert "internal error" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("name", ["a#b.db", "what?.db", "100%.db", "with space.db"])
def test_read_only_commands_open_files_with_uri_characters_in_their_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    make_db(path)
    result = invoke("db", "stats", "--json", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert '"postings": 3' in result.output


def test_read_only_open_of_a_database_that_needs_an_upgrade(tmp_path: Path, second_migration) -> None:
    path = tmp_path / "s.db"
    make_db(path)
    second_migration()
    result = invoke("db", "stats", "--db", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: database {path} needs an upgrade; run any writing command first\n"
    assert user_version(path) == CURRENT


def test_a_directory_or_a_missing_folder_as_db(tmp_path: Path) -> None:
    postings = tmp_path / "p.jsonl"
    postings.write_text('{"title": "Plant Manager"}\n', encoding="utf-8")
    result = invoke("import", str(postings), "--db", str(tmp_path / "missing" / "s.db"))
    assert result.exit_code == 1
    assert "folder" in result.output and result.output.count("\n") == 1
    shutil.rmtree(tmp_path / "missing", ignore_errors=True)


def test_no_upgrade_without_a_backup(tmp_path: Path, second_migration) -> None:
    path = tmp_path / "s.db"
    make_db(path)
    (tmp_path / BACKUP).mkdir()  # the backup cannot be written
    second_migration()
    postings = tmp_path / "p.jsonl"
    postings.write_text('{"title": "Plant Manager"}\n', encoding="utf-8")
    result = invoke("import", str(postings), "--db", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot back up {path} to {tmp_path / BACKUP} before upgrading it: ")
    assert result.output.count("\n") == 1
    assert user_version(path) == CURRENT
    assert len(titles(path)) == 3
