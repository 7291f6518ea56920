"""A large store made from the shipped sample: every sample posting copied with a new id, company,
city and date, until the store holds N postings, then enriched the normal way once (the bench
measures rank, not the first enrichment). Built with SQL, cached under tests/bench/cache/.

The cache is keyed by the size and by everything that would make ``screener rank`` enrich again:
the schema version, the level model's version and the derived terms/cues version. A store built
by another screener is rebuilt here, not silently re-enriched inside the timed rank.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from tests.bench.harness import REPO, run, screener

CACHE = REPO / "tests" / "bench" / "cache"
SAMPLE = REPO / "data" / "sample" / "postings.jsonl"
CITIES = [
    ("Chicago, IL", "Chicago", "IL"),
    ("Columbus, OH", "Columbus", "OH"),
    ("Austin, TX", "Austin", "TX"),
    ("Denver, CO", "Denver", "CO"),
    ("Atlanta, GA", "Atlanta", "GA"),
    ("Milwaukee, WI", "Milwaukee", "WI"),
    ("Remote - US", None, None),
    ("Indianapolis, IN", "Indianapolis", "IN"),
    ("Dallas, TX", "Dallas", "TX"),
    ("Naperville, IL", "Naperville", "IL"),
    ("Detroit, MI", "Detroit", "MI"),
    ("Phoenix, AZ", "Phoenix", "AZ"),
]


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def cache_key() -> str:
    """What a cached store depends on besides its size: schema, model and derived versions."""
    from screener.enrich.run import DERIVED_VERSION
    from screener.levels import load_predictor
    from screener.store import SCHEMA_VERSION

    key = f"schema={SCHEMA_VERSION} model={load_predictor().version} derived={DERIVED_VERSION}"
    return hashlib.blake2b(key.encode(), digest_size=4).hexdigest()


def build(size: int) -> Path:
    """A database of ``size`` enriched postings (cached by size and :func:`cache_key`)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"store-{size}-{cache_key()}.db"
    marker = path.with_suffix(".ok")
    if path.exists() and marker.exists():
        return path
    for stale in [*CACHE.glob(f"store-{size}.*"), *CACHE.glob(f"store-{size}-*")]:
        stale.unlink()
    run(screener("import", str(SAMPLE), "--db", str(path)))
    conn = sqlite3.connect(path)
    base = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    copies = -(-size // base) - 1
    conn.execute("CREATE TEMP TABLE k(i INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO k VALUES (?)", [(i,) for i in range(1, copies + 1)])
    conn.execute("CREATE TEMP TABLE cities(n INTEGER PRIMARY KEY, location TEXT, city TEXT, region TEXT)")
    conn.executemany("INSERT INTO cities VALUES (?, ?, ?, ?)", [(n, *c) for n, c in enumerate(CITIES)])
    posting_cols = columns(conn, "postings")
    overrides = {
        "id": "p.id || '-' || k.i",
        "company": "coalesce(p.company, 'Company') || ' ' || (k.i % 997)",
        "location": "c.location",
        "city": "c.city",
        "region": "c.region",
        "url": "p.url || '?copy=' || k.i",
        "date_posted": "date('2026-11-24', '-' || ((k.i * 7 + length(p.id)) % 90) || ' days')",
        "source_id": "p.source_id || '-' || k.i",
        "dedupe_key": "p.dedupe_key || '|' || k.i",
    }
    select = ", ".join(overrides.get(c, f"p.{c}") for c in posting_cols)
    enrich_cols = columns(conn, "enrichment")
    enrich_select = ", ".join("e.posting_id || '-' || k.i" if c == "posting_id" else f"e.{c}" for c in enrich_cols)
    with conn:
        conn.execute(
            f"INSERT INTO postings ({', '.join(posting_cols)}) SELECT {select} FROM postings p "
            f"JOIN k JOIN cities c ON c.n = (k.i + length(p.title)) % {len(CITIES)} "
            f"WHERE p.id NOT LIKE '%-%'"
        )
        conn.execute(
            f"INSERT INTO enrichment ({', '.join(enrich_cols)}) SELECT {enrich_select} FROM enrichment e JOIN k"
        )
        conn.execute(f"DELETE FROM postings WHERE rowid IN (SELECT rowid FROM postings LIMIT -1 OFFSET {size})")
        conn.execute("DELETE FROM enrichment WHERE posting_id NOT IN (SELECT id FROM postings)")
    conn.execute("ANALYZE")
    conn.close()
    marker.touch()
    return path


def count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM postings").fetchone()[0]
