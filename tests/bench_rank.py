"""Rank on a large store against plain reading + CSV writing of the same store.

    python -m tests.bench_rank [--postings 1000000] [--db /tmp/bench-rank.db] [--profile FILE] [--seed FILE]

Builds the store once (the sample postings imported and enriched, then copied in SQL with new ids
until there are ``--postings`` rows), then times, each in its own process with its peak memory:

- baseline: read the shortlist's own columns of every open posting and write them all to a CSV;
- rank: ``screener rank --profile FILE -o shortlist.csv`` (enrichment already cached).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample" / "postings.jsonl"
FALLBACK = REPO / "tests" / "fixtures" / "rank" / "postings.jsonl"
PROFILE = REPO / "tests" / "fixtures" / "rank" / "ops_senior_manager.yaml"
SCREENER = Path(sys.executable).with_name("screener")

BASELINE = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
cursor = conn.execute(
    "SELECT id, title, company, location, remote, salary_min, salary_max, salary_currency, url, date_posted, "
    "first_seen FROM postings WHERE closed_at IS NULL"
)
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\\r\\n")
    writer.writerow([d[0] for d in cursor.description])
    while rows := cursor.fetchmany(50000):
        writer.writerows(rows)
"""


def build(db: Path, target: int, seed: Path) -> None:
    subprocess.run([str(SCREENER), "import", str(seed), "--db", str(db)], check=True)
    conn = sqlite3.connect(db)
    have = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    copies = -(-target // have) - 1
    posting_columns = [r[1] for r in conn.execute("PRAGMA table_info(postings)")]
    enrichment_columns = [r[1] for r in conn.execute("PRAGMA table_info(enrichment)")]

    copied = {"id": "id || '-' || n", "posting_id": "posting_id || '-' || n", "url": "url || '#' || n"}

    def select(columns: list[str]) -> str:
        return ", ".join(copied.get(c, c) for c in columns)

    with conn:
        conn.execute(
            f"CREATE TEMP TABLE n AS WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
            f"WHERE n < {copies}) SELECT n FROM c"
        )
        conn.execute(
            f"INSERT INTO postings ({', '.join(posting_columns)}) SELECT {select(posting_columns)} FROM postings, n"
        )
        conn.execute(
            f"INSERT INTO enrichment ({', '.join(enrichment_columns)}) "
            f"SELECT {select(enrichment_columns)} FROM enrichment, n"
        )
    conn.execute(
        f"DELETE FROM enrichment WHERE posting_id IN (SELECT id FROM postings ORDER BY rowid LIMIT -1 OFFSET {target})"
    )
    conn.execute(f"DELETE FROM postings WHERE rowid IN (SELECT rowid FROM postings LIMIT -1 OFFSET {target})")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()


def timed(command: list[str]) -> tuple[float, int]:
    """(seconds, peak resident memory in MiB) of a command run to its end."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    return elapsed, int(result.stderr.strip().splitlines()[-1]) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-rank.db"))
    parser.add_argument("--profile", type=Path, default=PROFILE)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--seed", type=Path, default=SAMPLE if SAMPLE.exists() else FALLBACK, help="Postings to copy.")
    args = parser.parse_args()
    if not args.db.exists():
        started = time.perf_counter()
        build(args.db, args.postings, args.seed)
        print(f"built {args.db} in {time.perf_counter() - started:.0f} s")
    conn = sqlite3.connect(args.db)
    count = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    conn.close()
    out = args.db.with_suffix(".csv")
    rank_out = args.db.with_name("shortlist-bench.csv")
    rank = [str(SCREENER), "rank", "--profile", str(args.profile), "--db", str(args.db), "-o", str(rank_out)]
    for _ in range(args.runs):
        base_s, base_mb = timed([sys.executable, "-c", BASELINE, str(args.db), str(out)])
        rank_s, rank_mb = timed(rank)
        print(
            f"{count:,} postings: read+CSV {base_s:.1f} s {base_mb} MiB; rank {rank_s:.1f} s {rank_mb} MiB; "
            f"ratio {rank_s / base_s:.2f}"
        )


if __name__ == "__main__":
    main()
