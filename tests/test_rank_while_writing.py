"""A rank while a crawl writes: every shortlist is built from one moment of the store.

A writer commits a new version of every posting, over and over, each in one transaction: all
companies renamed "Version k", and on odd versions every other posting closed. A consistent rank
shows a single version, and on an odd one none of the postings that version closed. Before the
build read through one snapshot, the scoring pass, the sample and the display columns (read 500
rows at a time) each saw a different store: 10 of 15 shortlists mixed two or three versions.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from screener.profile import load_profile
from screener.rank.shortlist import RankOptions, build
from screener.store import Store
from tests.rank_support import FIXTURES, load_store

POSTINGS = 1_200  # the display columns are read 500 rows at a time: three reads


def records() -> list[dict]:
    return [
        {
            "source_id": f"r{i}",
            "url": f"https://jobs.example.com/{i}",
            "level": "senior_manager",
            "title": f"Senior Operations Manager {i}",
            "company": "Version 0",
            "location": "Chicago, IL",
            "description": "Lead a team of 40 in logistics operations: lean, budgeting, vendor management.",
        }
        for i in range(POSTINGS)
    ]


def test_a_rank_reads_one_snapshot_while_a_writer_commits(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ids = load_store(db, records())
    with sqlite3.connect(db) as conn:
        even = {pid for (pid,) in conn.execute("SELECT id FROM postings WHERE rowid % 2 = 0")}
    profile = load_profile(FIXTURES / "ops_senior_manager.yaml")
    stop = threading.Event()
    commits: list[int] = []
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with sqlite3.connect(db, timeout=30) as conn:
                version = 0
                while not stop.is_set():
                    version += 1
                    with conn:
                        conn.execute(
                            "UPDATE postings SET company = ?, closed_at = CASE WHEN ? % 2 = 1 AND rowid % 2 = 0 "
                            "THEN '2026-11-21T00:00:00+00:00' ELSE NULL END",
                            (f"Version {version}", version),
                        )
                    commits.append(version)
                    time.sleep(0.001)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    seen: set[str] = set()
    try:
        for _ in range(8):
            with Store.open(db) as store:
                rows = build(store, profile, 5, RankOptions(top=None, learn=False)).rows
            companies = set(rows["company"])
            assert len(companies) == 1, sorted(companies)
            (company,) = companies
            version = int(company.split()[1])
            shown = set(rows["id"])
            if version % 2:
                assert shown == set(ids.values()) - even  # what that version closed is not shown
            else:
                assert shown == set(ids.values())
            seen.add(company)
    finally:
        stop.set()
        writer.join()
    assert not errors, errors
    assert len(seen) >= 2 and len(commits) >= 8  # the writer did commit while ranks ran
