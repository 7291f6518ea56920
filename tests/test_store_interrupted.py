"""Runs left 'running' by a process that is gone are marked 'interrupted', never left for ever;
a run whose process is alive, or that another host writes, is left alone."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from screener.importers.run import import_file
from screener.store import Store

ABANDON = (
    "import sys; from screener.store import Store\nwith Store.open(sys.argv[1]) as s: s.begin_run(sys.argv[2], 'x')"
)


def abandoned_run(db: Path, kind: str) -> None:
    """A run begun by a process that then exits without finishing it (as kill -9 leaves it)."""
    subprocess.run([sys.executable, "-c", ABANDON, str(db), kind], check=True, timeout=60)


def runs(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT kind, status, finished_at, summary FROM runs ORDER BY id").fetchall()


def test_runs_of_dead_processes_are_marked_and_live_or_foreign_ones_left(tmp_path):
    db = tmp_path / "s.db"
    abandoned_run(db, "crawl")
    abandoned_run(db, "import")
    with Store.open(db) as store:
        store.begin_run("crawl", "greenhouse", "acme")  # this process: alive
        elsewhere = store.begin_run("crawl", "lever", "globex")
        legacy_crawl = store.begin_run("crawl", "ashby", "initech")
        legacy_import = store.begin_run("import", "old.jsonl")
        with store.conn:
            store.conn.execute(
                "UPDATE runs SET summary = ? WHERE id = ?",
                (json.dumps({"pid": 1, "host": socket.gethostname() + ".elsewhere"}), elsewhere),
            )
            store.conn.execute("UPDATE runs SET summary = '{}' WHERE id IN (?, ?)", (legacy_crawl, legacy_import))

        assert store.mark_interrupted() == 2  # the two abandoned ones
        assert store.mark_interrupted(kinds=("crawl",)) == 1  # and, under the crawl lock, the old crawl run
        assert store.mark_interrupted(kinds=("crawl",)) == 0
        assert store.previous_run_summary("x", None) is None  # an interrupted run is not "last night"
    got = runs(db)
    assert [(kind, status) for kind, status, _, _ in got] == [
        ("crawl", "interrupted"),
        ("import", "interrupted"),
        ("crawl", "running"),  # mine
        ("crawl", "running"),  # another host's
        ("crawl", "interrupted"),
        ("import", "running"),  # no process recorded and no lock held: cannot tell
    ]
    assert all(finished is None for _, _, finished, _ in got)
    assert json.loads(got[0][3])["error"].startswith("process ")
    assert json.loads(got[0][3])["error"].endswith("stopped before the run finished (killed or crashed)")


def test_an_import_marks_the_runs_a_killed_import_left(tmp_path, small_postings):
    db = tmp_path / "s.db"
    abandoned_run(db, "import")
    with Store.open(db) as store:
        import_file(small_postings, store)
    assert [status for _, status, _, _ in runs(db)] == ["interrupted", "ok"]
