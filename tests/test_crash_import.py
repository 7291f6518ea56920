"""`kill -9` in the middle of `screener import`, then run it again.

The import commits in batches of 1000 (screener.importers.run.BATCH): after the kill the database
passes `PRAGMA integrity_check`, holds exactly the batches committed before the kill (each whole,
postings with their sightings and raw payloads), and a rerun completes to the same postings as
an import nobody interrupted.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from screener.importers.run import BATCH, import_file
from screener.store import Store
from tests.storehelpers import committed_postings

ROWS = 6 * BATCH
SCREENER = [sys.executable, "-c", "from screener.cli import main; main()"]


def write_postings(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(ROWS):
            record = {
                "source_id": f"job-{i:05d}",
                "title": f"Operations Manager {i}",
                "company": f"Company {i}",
                "location": "Chicago, IL",
                "salary_min": 80_000 + i,
                "salary_max": 110_000 + i,
                "date_posted": "2025-05-01",
                "description": f"Lead a team of {i % 40 + 2}. 5+ years of experience in operations. Job {i}.",
            }
            out.write(json.dumps(record) + "\n")


def snapshot(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, source, source_id, title, company, salary_min, salary_annual_max, content_hash, dedupe_key "
            "FROM postings ORDER BY id"
        ).fetchall()


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_kill_9_mid_import_loses_nothing_committed_and_a_rerun_completes(tmp_path: Path) -> None:
    postings, db = tmp_path / "postings.jsonl", tmp_path / "crash.db"
    write_postings(postings)
    command = [*SCREENER, "import", str(postings), "--db", str(db), "--no-enrich", "--json"]

    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while committed_postings(db) < BATCH and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(random.uniform(0, 0.25))  # anywhere in a later batch: reading, normalising or committing
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        kept = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
        assert kept % BATCH == 0 and BATCH <= kept < ROWS, kept  # whole batches, and not all of them
        ids = [r[0] for r in conn.execute("SELECT source_id FROM postings ORDER BY source_id")]
        assert ids == [f"job-{i:05d}" for i in range(kept)]  # the first batches, each whole
        assert conn.execute("SELECT count(*) FROM sightings").fetchone()[0] == kept
        assert conn.execute("SELECT count(*) FROM raw_payloads").fetchone()[0] == kept
        assert conn.execute("SELECT status FROM runs").fetchall() == [("running",)]  # it never finished

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    figures = json.loads(rerun.stdout)
    assert (figures["read"], figures["added"], figures["unchanged"], figures["rejected"]) == (
        ROWS,
        ROWS - kept,
        kept,
        0,
    )

    reference = tmp_path / "reference.db"
    with Store.open(reference) as store:
        summary = import_file(postings, store, now=datetime.now(UTC))
    assert summary.stored.new == ROWS
    assert snapshot(db) == snapshot(reference)
    with Store.open(db, readonly=True, create=False) as crashed, Store.open(reference, readonly=True) as clean:
        got, want = crashed.stats(), clean.stats()
        assert (got["postings"], got["open"], got["closed"]) == (want["postings"], want["open"], want["closed"])
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
