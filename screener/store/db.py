"""SQLite connection and schema migrations.

Standard-library sqlite3 rather than SQLAlchemy: one file, no server, the fastest path for the
bulk reads rank does, and every query here is plain SQL that PostgreSQL would also accept should
a shared store ever be wanted. WAL lets a rank read a consistent snapshot while a crawl writes.

Migrations are numbered SQL files in ``migrations/``; ``PRAGMA user_version`` holds the schema
version. Before upgrading a database that already has data, a copy is written beside it.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from pathlib import Path
from urllib.parse import quote


class StoreError(Exception):
    """A database that cannot be opened or used; the message is one line for the user."""


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration shipped, in order."""
    found = []
    for entry in resources.files("screener.store").joinpath("migrations").iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(version for version, _, _ in migrations())
CACHE_KIB = 65536
"""Page cache of a writing connection (SQLite's default is 2 MiB)."""
WAL_CHECKPOINT_PAGES = 10000
"""WAL pages before an automatic checkpoint (SQLite's default is 1000)."""


def connect(path: Path | str, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """Open (and migrate) the database at ``path``; raises :class:`StoreError` with a clear message."""
    path = Path(path)
    if str(path) != ":memory:":
        if path.exists() and path.is_dir():
            raise StoreError(f"database path {path} is a directory")
        if not path.exists():
            if not create or readonly:
                raise StoreError(f"no database at {path} (run 'screener import' or 'screener crawl' first)")
            if not path.parent.exists():
                raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
    conn = None
    try:
        if readonly:
            # quoted: a '#', '?' or '%' in the file name would otherwise end or change the URI
            conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=30)
        else:
            conn = sqlite3.connect(path, timeout=30)
        conn.execute("PRAGMA busy_timeout = 30000")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        # another program's database is left exactly as it is: checked before anything is written
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0:
            raise StoreError(f"{path} is an SQLite database of another program, not screener's; choose another --db")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # Bulk writes (a crawl, an import): pages stay cached between batches, and the WAL is
            # copied back into the database every ~40 MB rather than every 4 MB, each copy ending
            # in an fsync (40,000 crawled postings: 187 -> 123 us a posting stored).
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    except (sqlite3.DatabaseError, StoreError) as exc:
        if conn is not None:
            conn.close()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot open database {path}: {exc}") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"database {path} has schema {version}, newer than this screener understands "
            f"({SCHEMA_VERSION}); upgrade screener"
        )
    if version < SCHEMA_VERSION:
        if readonly:
            conn.close()
            raise StoreError(f"database {path} needs an upgrade; run any writing command first")
        migrate(conn, path, version)
    return conn


def migrate(conn: sqlite3.Connection, path: Path, current: int) -> None:
    """Apply every migration above ``current``, each in its own transaction, after a backup."""
    if current > 0 and str(path) != ":memory:":
        backup = path.with_name(f"{path.name}.v{current}.bak")
        target = None
        try:
            target = sqlite3.connect(backup)
            conn.backup(target)
        except sqlite3.Error as exc:  # no upgrade without a backup
            conn.close()
            raise StoreError(f"cannot back up {path} to {backup} before upgrading it: {exc}") from None
        finally:
            if target is not None:
                target.close()
    for version, name, sql in migrations():
        if version <= current:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {version:04d}_{name} failed on {path}: {exc}") from None


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (migrations hold no semicolons inside literals)."""
    body = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]
