"""Postings carried as one JobBatch per response: the spider middleware that makes batches, and
pipelines that give a batch exactly what they give its postings one by one (stored rows, board
summaries, drop counts, stats, log lines)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

from scrapy import Request
from scrapy import signals as scrapy_signals

from scrapers.batching import PostingBatches
from scrapers.items import JobBatch, JobItem
from scrapers.pipelines import Dropped, each
from tests.test_crawl_pipelines import Night, job, runs


def test_the_middleware_gathers_a_responses_postings_per_board():
    request = Request("https://example.com/next")
    out = [job(source_id="1"), request, job(source_id="2"), job(source_id="9", board="other")]
    result = list(PostingBatches().process_spider_output(None, iter(out)))
    assert result[0] is request
    assert isinstance(result[1], JobBatch) and (result[1].source, result[1].board) == ("greenhouse", "acme")
    assert [i.source_id for i in result[1].items] == ["1", "2"]
    assert isinstance(result[2], JobItem) and result[2].board == "other"  # a lone posting stays one


def test_the_async_form_gathers_the_same():
    out = [job(source_id="1"), job(source_id="2")]

    async def outputs():
        for item in out:
            yield item

    async def collect():
        return [r async for r in PostingBatches().process_spider_output_async(None, outputs())]

    (batch,) = asyncio.run(collect())
    assert [i.source_id for i in batch.items] == ["1", "2"]


def test_a_step_that_fails_costs_its_posting_only(caplog):
    from scrapy.utils.test import get_crawler

    from scrapers.spiders.greenhouse import GreenhouseSpider

    settings = {"SCREENER_SOURCES": "unused.yaml", "LOG_FORMATTER": "scrapers.logformatter.ScreenerLogFormatter"}
    crawler = get_crawler(GreenhouseSpider, settings_dict=settings)
    crawler.spider = GreenhouseSpider.from_crawler(crawler)
    seen: list[tuple[str, object]] = []

    class Listener:
        def dropped(self, item, response, exception, spider):
            seen.append(("dropped", item.source_id))

        def error(self, item, response, spider, failure):
            seen.append(("error", item.source_id))

    listener = Listener()
    crawler.signals.connect(listener.dropped, signal=scrapy_signals.item_dropped)
    crawler.signals.connect(listener.error, signal=scrapy_signals.item_error)

    def step(item):
        if item.source_id == "2":
            raise Dropped("missing_title", "no title")
        if item.source_id == "3":
            raise KeyError("bug")
        return item.source_id

    batch = JobBatch("greenhouse", "acme", [job(source_id=str(n)) for n in range(1, 5)])
    with caplog.at_level(logging.DEBUG, logger="scrapy.core.scraper"):
        assert each(crawler, batch, step).items == ["1", "4"]
    assert seen == [("dropped", "2"), ("error", "3")]
    assert "Dropped greenhouse/acme 2 (missing_title)" in caplog.text
    assert each(crawler, job(source_id="7"), step) == "7"  # a lone item: the step itself


# --- a night as lone items and as batches ------------------------------------------------------


def nights() -> list[list[list[JobItem]]]:
    """Three nights of responses (a response: the postings it lists, one board each)."""
    first = [
        [job(source_id=str(n), title=f"Operations Manager {n}", raw={"id": n}) for n in range(1, 6)]
        + [job(title=""), job(source_id="3", title="Operations Manager 3", raw={"id": 3})],  # dropped, duplicate
        [job(source_id="1", board="other", raw={"id": 1}), job(source_id="x", board="other", url="javascript:x")],
    ]
    second = [
        [job(source_id=str(n), title=f"Operations Manager {n}", raw={"id": n}) for n in (1, 2, 4)]
        + [job(source_id="6", title="Shift Lead", raw={"id": 6})],
        [job(source_id="1", board="other", raw={"id": 1, "edited": True})],
    ]
    third = [[job(source_id=str(n), title=f"Operations Manager {n}", raw={"id": n}) for n in (1, 2, 3, 4)]]
    return [first, second, third]


def replay(db: Path, as_batches: bool) -> tuple[list, list, dict]:
    stats = []
    for responses in nights():
        night = Night(db)
        for board in ("acme", "other"):
            night.board(board)
        for items in responses:
            if as_batches:
                night.item(JobBatch(items[0].source, items[0].board, items))
            else:
                for item in items:
                    night.item(item)
        night.close()
        stats.append({k: v for k, v in night.crawler.stats.get_stats().items() if k.startswith("screener/")})
    with sqlite3.connect(db) as conn:
        rows = (
            conn.execute("SELECT id, title, closed_at IS NULL, content_hash FROM postings ORDER BY id").fetchall()
            + conn.execute("SELECT source, board, source_key, closed_at IS NULL FROM sightings").fetchall()
        )
    summaries = [(source, board, status, summary) for source, board, status, summary in runs(db)]
    return rows, summaries, stats


def test_batches_store_and_summarise_what_lone_items_do(tmp_path):
    import json

    def without_seconds(summaries):
        return [(s, b, st, {k: v for k, v in json.loads(j).items() if k != "seconds"}) for s, b, st, j in summaries]

    lone = replay(tmp_path / "lone.db", as_batches=False)
    batched = replay(tmp_path / "batched.db", as_batches=True)
    assert batched[0] == lone[0]
    assert without_seconds(batched[1]) == without_seconds(lone[1])
    assert batched[2] == lone[2]
    first_night = without_seconds(lone[1])[:3]
    assert first_night[0][3]["dropped"] == {"missing_title": 1, "duplicate": 1}
    assert first_night[1][3]["dropped"] == {"bad_url": 1}
