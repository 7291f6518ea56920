"""A reader (rank) while a writer (import, crawl) stores postings: WAL gives the reader one
consistent snapshot for the length of its transaction, and neither side blocks the other."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from screener.records import Posting
from screener.store import Store

BATCH = 500


def batch(start: int, size: int = BATCH) -> list[Posting]:
    return [
        Posting(
            title=f"Operations Manager {i}",
            source_id=str(i),
            company=f"Company {i}",
            city="Chicago",
            description=f"Job {i}.",
            raw={"i": i},
        )
        for i in range(start, start + size)
    ]


def read_consistently(conn: sqlite3.Connection) -> tuple[int, int, int, int]:
    """What rank reads, in the shape of several queries: counts that must agree with each other."""
    postings = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    sightings = conn.execute("SELECT count(*) FROM sightings").fetchone()[0]
    joined = conn.execute("SELECT count(*) FROM postings p JOIN sightings s ON s.posting_id = p.id").fetchone()[0]
    payloads = conn.execute("SELECT count(*) FROM raw_payloads").fetchone()[0]
    return postings, sightings, joined, payloads


def test_a_reader_keeps_its_snapshot_while_a_batch_commits(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as writer:
        writer.upsert(batch(0))
        with Store.open(path, readonly=True, create=False) as reader:
            reader.conn.execute("BEGIN")
            assert read_consistently(reader.conn) == (BATCH,) * 4

            started = time.perf_counter()
            result = writer.upsert(batch(BATCH))  # commits while the reader's transaction is open
            assert result.new == BATCH
            assert time.perf_counter() - started < 5  # the writer was not blocked by the reader

            assert read_consistently(reader.conn) == (BATCH,) * 4  # still the snapshot it began with
            reader.conn.execute("COMMIT")
            assert read_consistently(reader.conn) == (2 * BATCH,) * 4


def test_a_reader_is_not_blocked_by_a_batch_being_written(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as writer, Store.open(path, readonly=True, create=False) as reader:
        writer.upsert(batch(0))
        writer.conn.execute("BEGIN IMMEDIATE")  # a batch half-written, not yet committed
        writer.conn.execute(
            "INSERT INTO postings (id, source, title, content_hash, dedupe_key, first_seen, last_seen, updated_at) "
            "VALUES ('x', 'import', 'Half written', 'h', 'k', 'now', 'now', 'now')"
        )
        started = time.perf_counter()
        assert read_consistently(reader.conn) == (BATCH,) * 4  # the uncommitted row is invisible
        assert time.perf_counter() - started < 1
        writer.conn.execute("ROLLBACK")


def test_snapshots_stay_consistent_under_a_stream_of_batches(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        store.upsert(batch(0))
    batches = 8
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with Store.open(path) as writer:
                for n in range(1, batches + 1):
                    writer.upsert(batch(n * BATCH))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    thread = threading.Thread(target=write)
    seen: set[int] = set()
    with Store.open(path, readonly=True, create=False) as reader:
        thread.start()
        while thread.is_alive() or not seen:
            reader.conn.execute("BEGIN")
            first = read_consistently(reader.conn)
            time.sleep(0.002)  # a batch may commit here; the snapshot must not move
            again = read_consistently(reader.conn)
            reader.conn.execute("COMMIT")
            assert first == again
            postings, sightings, joined, payloads = first
            assert postings == sightings == joined == payloads  # never half a batch
            assert postings % BATCH == 0
            seen.add(postings)
        thread.join()
        assert read_consistently(reader.conn)[0] == (batches + 1) * BATCH
    assert not errors, errors
    assert len(seen) >= 2  # the reader did run while batches were landing
