"""Reading a store from outside, as another process would while a crawl or an import writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def committed_postings(db: Path) -> int:
    """Postings a reader sees now (0 while the file or its tables are not there yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
