"""Enrich what is not enriched yet: postings never scored, changed since, scored by another model
version, or whose cached terms came from another tokenizer version. A new model re-scores
everything once; an unchanged posting is never scored twice."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np

from screener.enrich.cues import CUES_VERSION, budget, function_of, industry_of, team_size
from screener.enrich.terms import TERMS_VERSION, posting_text, terms_of
from screener.ladder import PROBA_COLUMNS
from screener.store import Store
from screener.store.postings import begin, now_iso

BATCH = 5000
DERIVED_VERSION = f"{TERMS_VERSION}+{CUES_VERSION}"
"""Stored in ``terms_version``: a new tokenizer or new cue rules derive every posting's terms and
cues again, as a new model version re-scores its level."""

_PENDING = (
    "SELECT p.id, p.title, p.description, p.department, p.company, p.years_min, p.years_max, p.hints, "
    "p.content_hash, p.rowid FROM postings p LEFT JOIN enrichment e ON e.posting_id = p.id "
    "WHERE (e.posting_id IS NULL OR e.model_version != ? OR e.content_hash != p.content_hash "
    "OR e.terms_version IS NOT ?)"
)
_NEXT_BATCH = _PENDING + f" AND p.rowid > ? ORDER BY p.rowid LIMIT {BATCH}"
"""The next batch after the last row done: each batch reads on from where the last one stopped
instead of scanning again the postings it has just enriched (quadratic on a first large import)."""
_INSERT = (
    "INSERT OR REPLACE INTO enrichment (posting_id, model_version, content_hash, level_rank, level_confidence, "
    f"{', '.join(PROBA_COLUMNS)}, people_manager, function, industry, team_size, budget, enriched_at, "
    "terms_version, term_ids, term_tf, doc_len) "
    f"VALUES ({', '.join('?' for _ in range(5 + len(PROBA_COLUMNS) + 10))})"
)


def pending_count(store: Store, model_version: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM ({_PENDING})", (model_version, DERIVED_VERSION)).fetchone()[0]


def frame_for(rows: list[tuple[Any, ...]]):
    """The columns the level model reads, from stored posting rows."""
    import pandas as pd

    hints = [json.loads(r[7] or "{}") for r in rows]
    return pd.DataFrame(
        {
            "title": [r[1] for r in rows],
            "description": [r[2] or "" for r in rows],
            "department": [r[3] or "" for r in rows],
            "company": [r[4] or "" for r in rows],
            "years_min": [r[5] for r in rows],
            "years_max": [r[6] for r in rows],
            "hint_months_experience": [h.get("months_of_experience") for h in hints],
            "hint_experience_level": [
                h.get("experience_level") or h.get("experience") or h.get("experience_code") for h in hints
            ],
            "hint_industry": [h.get("industry") for h in hints],
        }
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def enrich_pending(store: Store, predictor: Any, *, progress: Callable[[int], None] | None = None) -> int:
    """Score every posting whose cached enrichment is missing or stale; returns how many."""
    done = 0
    version = predictor.version
    last = -1
    while True:
        rows = store.conn.execute(_NEXT_BATCH, (version, DERIVED_VERSION, last)).fetchall()
        if not rows:
            return done
        last = rows[-1][9]
        frame = frame_for(rows)
        proba, people = (np.asarray(a, dtype=float) for a in predictor.predict_all(frame))
        ranks = proba.argmax(axis=1)
        terms = terms_of([posting_text(r[1], r[3] or "", r[2] or "") for r in rows])
        now = now_iso()
        values = []
        for i, row in enumerate(rows):
            title, description, department, company = row[1], row[2] or "", row[3] or "", row[4] or ""
            values.append(
                (
                    row[0],
                    version,
                    row[8],
                    int(ranks[i]),
                    float(proba[i, ranks[i]]),
                    *map(float, proba[i]),
                    float(people[i]),
                    function_of(title, department, description),
                    industry_of(company, description, _text(frame.at[i, "hint_industry"])),
                    team_size(description),
                    budget(description),
                    now,
                    DERIVED_VERSION,
                    *terms[i],
                )
            )
        with store.conn:
            begin(store.conn)
            store.conn.executemany(_INSERT, values)
        done += len(rows)
        if progress:
            progress(done)
