"""Pipelines and the monitor through a crawler from ``get_crawler``: items, drops and stats."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from scrapy import signals as scrapy_signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from scrapers import signals
from scrapers.items import JobItem
from scrapers.monitors import CrawlMonitor, too_many_drops, went_quiet
from scrapers.pipelines import Dropped
from scrapers.pipelines.dedupe import DedupePipeline
from scrapers.pipelines.normalize import NormalizePipeline
from scrapers.pipelines.store import StorePipeline
from scrapers.pipelines.unchanged import UnchangedPipeline
from scrapers.pipelines.validate import ValidatePipeline
from scrapers.spiders.greenhouse import GreenhouseSpider
from screener.records import Posting


def job(**fields) -> JobItem:
    base = {
        "source": "greenhouse",
        "board": "acme",
        "source_id": "1",
        "url": "https://boards.greenhouse.io/acme/jobs/1",
        "title": "Operations Manager",
        "company": "Acme",
        "location": "Chicago, IL",
        "description": "<p>Run the night shift: 3 supervisors, 60 associates. 5+ years of experience.</p>",
        "date_posted": "2026-09-01T09:00:00-04:00",
        "salary_min": "95000",
        "salary_max": 120000,
        "salary_currency": "usd",
        "raw": {"id": 1},
    }
    return JobItem(**{**base, **fields})


def crawler_with(*pipelines, **settings):
    """A crawler and its pipelines (those that are not configured left out, as Scrapy does)."""
    crawler = get_crawler(GreenhouseSpider, settings_dict={"SCREENER_SOURCES": "unused.yaml", **settings})
    crawler.spider = GreenhouseSpider.from_crawler(crawler)
    built = []
    for pipeline in pipelines:
        try:
            built.append(pipeline.from_crawler(crawler))
        except NotConfigured:
            continue
    return crawler, built


def run(pipelines, item):
    for pipeline in pipelines:
        item = pipeline.process_item(item)
    return item


# --- validate -> normalize -> dedupe -----------------------------------------------------------


def test_a_good_item_becomes_a_normalised_posting():
    crawler, pipes = crawler_with(ValidatePipeline, NormalizePipeline, DedupePipeline)
    posting = run(pipes, job())
    assert isinstance(posting, Posting)
    assert (posting.source, posting.board, posting.source_id) == ("greenhouse", "acme", "1")
    assert posting.description == "Run the night shift: 3 supervisors, 60 associates. 5+ years of experience."
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (95000, 120000, "USD")
    assert (posting.date_posted, posting.date_posted_raw) == ("2026-09-01", "2026-09-01T09:00:00-04:00")
    assert (posting.city, posting.region, posting.country) == ("Chicago", "IL", "US")
    assert posting.years_min == 5
    assert posting.raw == {"id": 1}
    assert crawler.stats.get_stats() == {}


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"title": "  "}, "missing_title"),
        ({"title": None}, "missing_title"),
        ({"source_id": None, "url": None}, "missing_id"),
        ({"url": "javascript:alert(1)"}, "bad_url"),
        ({"title": "!!!"}, "missing_title"),  # passes validation, rejected by normalize_record
    ],
)
def test_drops_name_their_reason_in_stats(fields, reason):
    crawler, pipes = crawler_with(ValidatePipeline, NormalizePipeline)
    with pytest.raises(Dropped) as info:
        run(pipes, job(**fields))
    assert info.value.reason == reason
    assert crawler.stats.get_value(f"screener/dropped/{reason}") == 1


def test_a_job_listed_twice_in_a_run_is_kept_once():
    crawler, pipes = crawler_with(ValidatePipeline, NormalizePipeline, DedupePipeline)
    run(pipes, job())
    run(pipes, job(board="other"))  # another board: another sighting, kept
    with pytest.raises(Dropped):
        run(pipes, job())
    assert crawler.stats.get_value("screener/dropped/duplicate") == 1


# --- store ---------------------------------------------------------------------------------------


class Night:
    """Drive a StorePipeline through one crawl without a reactor: the signals a crawl would send."""

    def __init__(self, db: Path, **settings):
        self.crawler, pipes = crawler_with(
            ValidatePipeline, UnchangedPipeline, NormalizePipeline, DedupePipeline, StorePipeline,
            SCREENER_DB=str(db), SCREENER_STORE_BATCH=2, **settings,
        )  # fmt: skip
        self.pipes = pipes
        self.store = pipes[-1]
        self.monitor = CrawlMonitor.from_crawler(self.crawler)
        for pipe in pipes:
            if hasattr(pipe, "open_spider"):
                pipe.open_spider()

    def board(self, key: str) -> None:
        self.crawler.signals.send_catch_log(signals.board_started, source="greenhouse", board=key)

    def fail(self, key: str, reason: str) -> None:
        self.crawler.signals.send_catch_log(signals.board_failed, source="greenhouse", board=key, reason=reason)

    def item(self, item: JobItem) -> None:
        try:
            run(self.pipes, item)
        except Dropped as exc:
            self.crawler.signals.send_catch_log(
                scrapy_signals.item_dropped, item=item, response=None, exception=exc, spider=self.crawler.spider
            )

    def close(self, reason: str = "finished") -> None:
        for pipe in self.pipes:
            if hasattr(pipe, "close_spider"):
                pipe.close_spider()
        self.crawler.signals.send_catch_log(scrapy_signals.spider_closed, spider=self.crawler.spider, reason=reason)


def runs(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT source, board, status, summary FROM runs ORDER BY id").fetchall()


def summary_of(db: Path, board: str | None) -> dict:
    import json

    rows = [r for r in runs(db) if r[1] == board]
    return {"status": rows[-1][2], **json.loads(rows[-1][3])}


def test_store_batches_closes_and_summarises(tmp_path):
    db = tmp_path / "s.db"
    night = Night(db)
    for key in ("acme", "down"):
        night.board(key)
    for n in range(1, 4):
        night.item(job(source_id=str(n), title=f"Operations Manager {n}"))
    night.item(job(title=""))  # dropped: counted on its board
    night.fail("down", "timeout")
    night.close()
    acme = summary_of(db, "acme")
    assert acme == {
        "status": "ok", "fetched": 4, "new": 3, "updated": 0, "unchanged": 0, "duplicates": 0,
        "reopened": 0, "closed": 0, "dropped": {"missing_title": 1},
    }  # fmt: skip
    assert summary_of(db, "down")["error"] == "timeout"
    source = summary_of(db, None)
    assert (source["boards"], source["fetched"], source["new"]) == (2, 4, 3)
    assert source["boards_failed"] == {"down": "timeout"}
    assert source["monitor"] == {"failures": []}
    assert night.crawler.stats.get_value("screener/stored/new") == 3

    # The next night acme lists only job 1: 2 and 3 close. "down" fails again: nothing to say.
    night = Night(db)
    night.board("acme")
    night.board("down")
    night.item(job(source_id="1", title="Operations Manager 1"))
    night.fail("down", "http_503")
    night.close()
    assert (summary_of(db, "acme")["unchanged"], summary_of(db, "acme")["closed"]) == (1, 2)
    assert summary_of(db, None)["monitor"] == {"failures": []}


def test_a_failed_or_interrupted_crawl_closes_nothing(tmp_path):
    db = tmp_path / "s.db"
    night = Night(db)
    night.board("acme")
    night.item(job(source_id="1"))
    night.item(job(source_id="2", title="Shift Lead"))
    night.close()

    night = Night(db)
    night.board("acme")
    night.item(job(source_id="1"))
    night.close(reason="shutdown")  # Ctrl-C: the board was not read to the end
    assert summary_of(db, "acme")["status"] == "interrupted"
    assert summary_of(db, "acme")["closed"] == 0

    night = Night(db)
    night.board("acme")
    night.fail("acme", "bad_json")
    night.close()
    assert summary_of(db, "acme")["closed"] == 0
    assert summary_of(db, None)["monitor"]["failures"] == [
        "greenhouse board 'acme' returned no postings (1 last time; failed: bad_json)"
    ]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM postings WHERE closed_at IS NULL").fetchone() == (2,)


def test_without_a_database_the_store_pipeline_stands_aside():
    crawler = get_crawler(GreenhouseSpider, settings_dict={"SCREENER_DB": None})
    with pytest.raises(NotConfigured):
        StorePipeline.from_crawler(crawler)


# --- monitor rules ---------------------------------------------------------------------------


def test_went_quiet():
    assert went_quiet("lever", "x", {"fetched": 0, "error": "http_404"}, {"fetched": 12}) == (
        "lever board 'x' returned no postings (12 last time; failed: http_404)"
    )
    assert went_quiet("lever", "x", {"fetched": 0}, {"fetched": 12}).endswith("(12 last time; empty)")
    assert went_quiet("lever", "x", {"fetched": 0}, {"fetched": 0}) is None  # reported once
    assert went_quiet("lever", "x", {"fetched": 0}, None) is None  # a new board
    assert went_quiet("lever", "x", {"fetched": 3}, {"fetched": 12}) is None


def test_too_many_drops():
    summary = {"fetched": 100, "dropped": {"missing_title": 8, "bad_url": 4, "duplicate": 30}}
    assert too_many_drops("ashby", summary, 0.1, 20) == (
        "ashby: 12 of 100 postings dropped (12% > 10%: missing_title 8, bad_url 4)"
    )
    assert too_many_drops("ashby", summary, 0.2, 20) is None
    assert too_many_drops("ashby", {"fetched": 10, "dropped": {"bad_url": 9}}, 0.1, 20) is None


def test_an_unchanged_posting_is_not_normalised_again(tmp_path):
    db = tmp_path / "s.db"
    night = Night(db)
    night.board("acme")
    night.item(job(source_id="1", raw={"id": 1}))
    night.item(job(source_id="2", title="Shift Lead", raw={"id": 2}))
    night.close()

    night = Night(db)
    night.board("acme")
    night.item(job(source_id="1", raw={"id": 1}))  # same payload: a sighting only
    night.item(job(source_id="1", raw={"id": 1}))  # listed twice: still one
    night.item(job(source_id="2", title="Shift Lead (nights)", raw={"id": 2, "edited": True}))
    night.close()
    acme = summary_of(db, "acme")
    assert (acme["unchanged"], acme["updated"], acme["closed"], acme["dropped"]) == (1, 1, 0, {"duplicate": 1})
    assert night.crawler.stats.get_value("screener/unchanged") == 2

    night = Night(db, SCREENER_SKIP_UNCHANGED=False)  # re-read everything: same answer, no shortcut
    night.board("acme")
    night.item(job(source_id="1", raw={"id": 1}))
    night.close()
    assert (summary_of(db, "acme")["unchanged"], summary_of(db, "acme")["closed"]) == (1, 1)
    assert night.crawler.stats.get_value("screener/unchanged") is None


def test_progress_is_off_unless_asked_and_says_where_the_crawl_is():
    import io

    from scrapers.progress import Progress

    with pytest.raises(NotConfigured):
        Progress.from_crawler(get_crawler(GreenhouseSpider))
    crawler, _ = crawler_with(SCREENER_PROGRESS=True)
    progress = Progress(crawler, io.StringIO())
    crawler.stats.set_value("screener/boards", 12)
    crawler.stats.set_value("response_received_count", 9)
    crawler.stats.set_value("screener/fetched", 340)
    crawler.stats.inc_value("screener/board_failed/http_404")
    assert progress.line().startswith("greenhouse: 12 boards, 9 responses, 340 postings, 1 boards failed, ")
