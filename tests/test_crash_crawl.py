"""`kill -9` in the middle of `screener crawl`: the spiders' child, the parent, then both.

A local server plays 24 Greenhouse boards of 20 jobs (slowly enough to be caught mid-way); the
store commits every 40 postings. After each kill the database passes `PRAGMA integrity_check`,
every committed posting is whole (with its sighting and raw payload), no run stays 'running',
the lock does not outlive the processes that held it, and a last crawl ends with the same
postings, byte for byte in the columns that matter, as one crawl nobody interrupted.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from screener.crawl import CrawlLocked, crawl_lock, lock_path
from tests.crawlhelpers import board_server
from tests.storehelpers import committed_postings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 and flock are POSIX")

SCREENER = str(Path(sys.executable).with_name("screener"))
BOARDS, JOBS, BATCH = 24, 20, 40
POSTINGS = BOARDS * JOBS
SETTINGS = [
    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_TIMES=0",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", f"SCREENER_STORE_BATCH={BATCH}",
]  # fmt: skip


def command(workdir: Path, db: Path) -> list[str]:
    return [
        SCREENER, "crawl", "--sources", str(workdir / "sources.yaml"), "--db", str(db), "--json", "--no-enrich",
        *SETTINGS,
    ]  # fmt: skip


def spiders_pid(db: Path, deadline: float) -> int:
    """The spiders' process, as the crawl writes it into its lock file."""
    while time.monotonic() < deadline:
        text = lock_path(db).read_text(encoding="utf-8") if lock_path(db).exists() else ""
        if "spiders pid" in text:
            return int(text.split("spiders pid ")[1].split(",")[0])
        time.sleep(0.005)
    raise AssertionError("the crawl never started its spiders")


def start_and_wait(workdir: Path, db: Path, at_least: int, **popen: Any) -> tuple[subprocess.Popen, int]:
    """Start a crawl; return once ``at_least`` postings are committed (and the spiders' pid)."""
    proc = subprocess.Popen(command(workdir, db), **popen)
    deadline = time.monotonic() + 30
    child = spiders_pid(db, deadline)
    while committed_postings(db) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the crawl finished before it could be killed"
    return proc, child


def lock_is_free(db: Path) -> bool:
    try:
        with crawl_lock(db):
            return True
    except CrawlLocked:
        return False


def wait_for(condition: Any, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def check_whole(db: Path) -> int:
    """The database after a kill: sound, every posting complete, no run left 'running'."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        postings = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
        assert conn.execute("SELECT count(DISTINCT posting_id) FROM sightings").fetchone()[0] == postings
        assert conn.execute("SELECT count(*) FROM raw_payloads").fetchone()[0] == postings
        assert conn.execute("SELECT count(*) FROM postings WHERE closed_at IS NOT NULL").fetchone()[0] == 0
    return postings


def statuses(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall())


def parent_runs(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM runs WHERE kind = 'crawl' AND source IS NULL").fetchone()[0]


def snapshot(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT p.id, p.source, p.source_id, p.title, p.company, p.location, p.description, p.content_hash, "
            "p.dedupe_key, p.closed_at IS NULL, s.board, s.raw_hash FROM postings p "
            "JOIN sightings s ON s.posting_id = p.id ORDER BY p.id"
        ).fetchall()


def test_kill_9_the_spiders_the_parent_then_both_and_a_rerun_completes(tmp_path: Path) -> None:
    with board_server(None, "--bench", "--pages", "0", "--boards", str(BOARDS), "--jobs", str(JOBS),
                      "--latency", "0.02") as base:  # fmt: skip
        boards = "".join(f'  - {{type: greenhouse, token: b{k}, url: "{base}/bench/gh/b{k}"}}\n' for k in range(BOARDS))
        (tmp_path / "sources.yaml").write_text("sources:\n" + boards, encoding="utf-8")
        db, reference = tmp_path / "crash.db", tmp_path / "reference.db"
        uninterrupted = subprocess.Popen(command(tmp_path, reference), stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        # 1. The spiders are killed: the parent says so in one line, exit 1, and marks their runs.
        proc, child = start_and_wait(tmp_path, db, 2 * BATCH, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        os.kill(child, signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1
        assert err.strip().splitlines()[-1] == "Error: bad night: greenhouse: the crawl did not finish (exit code -9)"
        assert json.loads(out)["sources"] == {}
        kept = check_whole(db)
        assert 2 * BATCH <= kept < POSTINGS
        assert "running" not in statuses(db) and statuses(db)["interrupted"] >= 1
        assert lock_is_free(db)

        # 2. The parent is killed: the spiders go on holding the lock; a second crawl is refused.
        proc, child = start_and_wait(tmp_path, db, kept + BATCH, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        crawls = parent_runs(db)
        refused = subprocess.run(command(tmp_path, db), capture_output=True, text=True, timeout=60)
        assert parent_runs(db) == crawls  # the refused crawl wrote nothing, not even its run
        assert refused.returncode == 1
        assert refused.stderr.startswith(f"Error: another crawl is already running on {db} (pid {proc.pid}, ")
        assert f"spiders pid {child}" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
        wait_for(lambda: lock_is_free(db), "the orphaned spiders to finish")
        assert check_whole(db) == POSTINGS  # they did, and stored everything
        assert statuses(db)["running"] == 1  # the killed parent's run, until the next crawl looks

        # 3. Both are killed at once (the process group: an OOM kill, a stopped timer unit).
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA foreign_keys = ON")  # their sightings and payloads go with them
            conn.execute("DELETE FROM postings WHERE rowid % 3 = 0")  # something left to store
        kept = check_whole(db)
        proc, child = start_and_wait(
            tmp_path, db, kept + BATCH, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert lock_path(db).read_text(encoding="utf-8").startswith(f"pid {proc.pid}")  # left as it was...
        wait_for(lambda: lock_is_free(db), "the lock to be released")  # ...and it blocks nothing
        kept = check_whole(db)
        assert statuses(db)["running"] >= 2  # the parent's run and the spiders' runs

        # 4. The next night completes, marks every run the killed crawls left, and stores what an
        # uninterrupted crawl stores.
        rerun = subprocess.run(command(tmp_path, db), capture_output=True, text=True, timeout=60)
        assert rerun.returncode == 0, rerun.stderr
        totals = json.loads(rerun.stdout)["totals"]
        assert (totals["new"], totals["unchanged"], totals["closed"], totals["boards_failed"]) == (
            POSTINGS - kept,
            kept,
            0,
            0,
        )
        assert "running" not in statuses(db)
        out, err = uninterrupted.communicate(timeout=60)
        assert uninterrupted.returncode == 0, err
        assert json.loads(out)["totals"]["new"] == POSTINGS
        assert check_whole(db) == POSTINGS
        assert snapshot(db) == snapshot(reference)
