"""Counts for `screener db stats`."""

from __future__ import annotations

import sqlite3
from typing import Any

from screener.ladder import LEVELS


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    total, open_, closed = conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE closed_at IS NULL), count(closed_at) FROM postings"
    ).fetchone()
    by_source: dict[str, dict[str, int]] = {}
    for source, n_open, n_closed in conn.execute(
        "SELECT s.source, count(DISTINCT s.posting_id) FILTER (WHERE p.closed_at IS NULL), "
        "count(DISTINCT s.posting_id) FILTER (WHERE p.closed_at IS NOT NULL) "
        "FROM sightings s JOIN postings p ON p.id = s.posting_id GROUP BY s.source ORDER BY s.source"
    ):
        by_source[source] = {"open": n_open, "closed": n_closed, "postings": n_open + n_closed}
    by_level = {name: 0 for name in LEVELS}
    enriched = 0
    for rank, n in conn.execute(
        "SELECT e.level_rank, count(*) FROM enrichment e JOIN postings p ON p.id = e.posting_id "
        "WHERE p.closed_at IS NULL GROUP BY e.level_rank"
    ):
        by_level[LEVELS[rank]] = n
        enriched += n
    last_run = conn.execute(
        "SELECT kind, started_at, finished_at, status FROM runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return {
        "postings": total,
        "open": open_,
        "closed": closed,
        "by_source": by_source,
        "by_level": by_level,
        "not_enriched": open_ - enriched,
        "feedback": conn.execute("SELECT count(*) FROM feedback").fetchone()[0],
        "last_run": dict(zip(("kind", "started_at", "finished_at", "status"), last_run, strict=True))
        if last_run
        else None,
    }
