"""The postings store: upsert, dedupe across sources and reposts, closing and reopening."""

from __future__ import annotations

import sqlite3

import pytest

from screener.normalize.record import normalize_record
from screener.store import SCHEMA_VERSION, Store, StoreError


def posting(source_id: str, *, source: str = "greenhouse", board: str = "acme", **fields):
    record = {
        "source_id": source_id,
        "title": "Operations Manager",
        "company": "Acme Logistics",
        "location": "Chicago, IL",
        "description": "Lead a team of 20 in our Chicago distribution center. 5+ years of experience.",
        **fields,
    }
    return normalize_record(record, source=source, board=board)


def test_new_schema_is_current_and_wal(db_path):
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_seen_again_updates_last_seen_not_a_new_row(db_path):
    with Store.open(db_path) as store:
        first = store.upsert([posting("1")], store.begin_run("crawl"))
        again = store.upsert([posting("1")], store.begin_run("crawl"))
        assert (first.new, again.new, again.unchanged) == (1, 0, 1)
        assert first.ids == again.ids
        assert store.conn.execute("SELECT count(*) FROM postings").fetchone()[0] == 1


def test_changed_content_is_an_update_with_the_same_id(db_path):
    with Store.open(db_path) as store:
        first = store.upsert([posting("1")])
        changed = store.upsert([posting("1", salary_min=90000, salary_max=110000, salary_currency="USD")])
        assert changed.updated == 1 and changed.ids == first.ids
        row = store.conn.execute("SELECT salary_max FROM postings").fetchone()
        assert row[0] == 110000


def test_a_posting_seen_through_one_sighting_takes_a_re_read_of_the_same_payload(db_path):
    """After a mapping fix (same payload, other content) the fixed content is stored: the
    unchanged-payload rule only guards postings several sightings share."""
    with Store.open(db_path) as store:
        first = posting("1")
        first.raw = {"id": 1, "company": {"name": "Acme Logistics Inc."}}
        store.upsert([first])
        fixed = posting("1")
        fixed.company, fixed.raw = "Acme Logistics Inc. (fixed mapping)", dict(first.raw)
        again = store.upsert([fixed])
        assert (again.updated, again.unchanged) == (1, 0)
        assert store.conn.execute("SELECT company FROM postings").fetchone()[0] == fixed.company


def test_same_job_on_two_sources_is_one_posting(db_path):
    with Store.open(db_path) as store:
        a = store.upsert([posting("1")])
        b = store.upsert([posting("xyz-9", source="lever", board="acme-eu")])
        assert b.duplicates == 1 and b.ids == a.ids
        sightings = store.conn.execute("SELECT count(*) FROM sightings").fetchone()[0]
        assert sightings == 2


def test_repost_under_new_id_with_near_identical_text_is_folded(db_path):
    with Store.open(db_path) as store:
        store.upsert([posting("1")])
        edited = "Lead a team of 20 in our Chicago distribution center. 5+ years of experience!"
        result = store.upsert([posting("2", description=edited)])
        assert result.duplicates == 1


def test_different_text_same_title_is_a_different_posting(db_path):
    with Store.open(db_path) as store:
        store.upsert([posting("1")])
        other = "Run the night shift of our returns center: quality checks, staffing and safety audits."
        result = store.upsert([posting("2", description=other)])
        assert result.new == 1


def test_missing_from_a_successful_board_crawl_closes_and_return_reopens(db_path):
    with Store.open(db_path) as store:
        run1 = store.begin_run("crawl", "greenhouse", "acme")
        store.upsert([posting("1"), posting("2", title="Shift Supervisor")], run1)
        run2 = store.begin_run("crawl", "greenhouse", "acme")
        store.upsert([posting("1")], run2)
        assert store.close_missing("greenhouse", "acme", run2) == 1
        assert store.stats()["closed"] == 1
        run3 = store.begin_run("crawl", "greenhouse", "acme")
        back = store.upsert([posting("1"), posting("2", title="Shift Supervisor")], run3)
        assert back.reopened == 1
        assert store.stats()["closed"] == 0


def test_closing_one_board_leaves_other_boards_alone(db_path):
    with Store.open(db_path) as store:
        store.upsert([posting("1", board="acme"), posting("7", board="other", company="Other Co")])
        run = store.begin_run("crawl", "greenhouse", "acme")
        assert store.close_missing("greenhouse", "acme", run) == 1
        open_titles = store.conn.execute("SELECT company FROM postings WHERE closed_at IS NULL").fetchall()
        assert open_titles == [("Other Co",)]


def test_a_posting_seen_on_two_boards_stays_open_while_one_still_lists_it(db_path):
    with Store.open(db_path) as store:
        store.upsert([posting("1"), posting("x", source="lever", board="acme-eu")])
        run = store.begin_run("crawl", "greenhouse", "acme")
        assert store.close_missing("greenhouse", "acme", run) == 0
        assert store.stats()["open"] == 1


def test_raw_payload_is_kept_compressed(db_path):
    import json
    import zlib

    with Store.open(db_path) as store:
        store.upsert([posting("1", raw={"id": 1, "weird": ["kept", None]})])
        blob = store.conn.execute("SELECT payload FROM raw_payloads").fetchone()[0]
        assert json.loads(zlib.decompress(blob)) == {"id": 1, "weird": ["kept", None]}


def test_missing_database_is_a_clear_error_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="no database at"), Store.open(tmp_path / "nope.db", create=False):
        pass


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open database"), Store.open(path):
        pass


def test_a_batch_is_all_or_nothing(db_path):
    with Store.open(db_path) as store:
        good = posting("1")
        bad = posting("2", title="Other")
        bad.title = None  # violates NOT NULL in the middle of the batch
        with pytest.raises(sqlite3.IntegrityError):
            store.upsert([good, bad])
        assert store.conn.execute("SELECT count(*) FROM postings").fetchone()[0] == 0


def test_feedback_reads_a_cell_as_an_edit_only_when_it_differs_from_what_was_written(tmp_path) -> None:
    from screener.store.feedback import Saved

    with Store.open(tmp_path / "s.db") as store:
        store.upsert([posting("1", title="Operations Manager", company="Acme")])
        [(pid,)] = store.conn.execute("SELECT id FROM postings").fetchall()
        store.record_written("/x/orig.csv", [(pid, None, None)])  # rank wrote a blank row there
        assert store.save_feedback([(pid, "applied", "note")], "/x/copy.csv") == Saved(saved=1)
        # orig.csv still holds the blank rank wrote: no edit, the copy's edit stays
        assert store.save_feedback([(pid, "", "")], "/x/orig.csv") == Saved(older=1)
        assert store.load_feedback() == {pid: ("applied", "note")}
        # a blank where rank wrote a value is a cleared cell: an edit
        store.record_written("/x/orig.csv", [(pid, "applied", "note")])
        assert store.save_feedback([(pid, " ", None)], "/x/orig.csv") == Saved(cleared=1)
        assert store.load_feedback() == {}
        # a file rank never wrote, anywhere: every cell is an edit
        assert store.save_feedback([(pid, "interview", None)], None) == Saved(saved=1)
