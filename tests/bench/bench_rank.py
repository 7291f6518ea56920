"""Rank benchmark: a top-500 shortlist from N stored, enriched postings, in a fresh process, beside
reading the same postings' columns from SQLite and writing them to CSV with no scoring."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.bench.corpus import build, count
from tests.bench.harness import REPO, python, run, screener

PROFILE = REPO / "data" / "profiles" / "ops_senior_manager.yaml"
BASELINE = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
cursor = conn.execute(
    "SELECT p.id, p.title, p.company, p.location, p.city, p.region, p.remote, p.salary_min, p.salary_max, "
    "p.salary_currency, p.salary_annual_min, p.salary_annual_max, p.url, p.date_posted, p.first_seen, "
    "p.closed_at, p.years_min, p.years_max, e.level_rank, e.p_entry, e.p_professional, e.p_senior, e.p_lead, "
    "e.p_manager, e.p_senior_manager, e.p_director, e.p_vp, e.p_executive, e.people_manager, e.function, "
    "e.industry, e.team_size FROM postings p JOIN enrichment e ON e.posting_id = p.id"
)
with open(sys.argv[2], "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle)
    writer.writerow([d[0] for d in cursor.description])
    writer.writerows(cursor)
"""


def bench(size: int) -> list[dict[str, object]]:
    db = build(size)
    stored = count(db)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # warm the page cache once so neither side pays the first read from disk
        run(python(BASELINE, str(db), str(out / "warm.csv")))
        base = run(python(BASELINE, str(db), str(out / "baseline.csv")))
        ranked = run(
            screener("rank", "--profile", str(PROFILE), "--db", str(db), "-o", str(out / "s.csv"), "--top", "500")
        )
        rows = sum(1 for _ in (out / "s.csv").open(encoding="utf-8-sig")) - 1
    return [
        {
            "bench": f"rank {stored:,}",
            "what": "read columns + write CSV (baseline)",
            "seconds": base.seconds,
            "peak_mib": base.peak_mib,
            "rate": stored / base.seconds,
            "unit": "postings/s",
        },
        {
            "bench": f"rank {stored:,}",
            "what": f"screener rank -> top {rows} CSV",
            "seconds": ranked.seconds,
            "peak_mib": ranked.peak_mib,
            "rate": stored / ranked.seconds,
            "unit": "postings/s",
            "ratio": ranked.seconds / base.seconds,
            "target": "<= 2.0x baseline, < 1024 MiB at 1M",
        },
    ]
