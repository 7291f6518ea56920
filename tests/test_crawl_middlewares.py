"""Retries wait: Retry-After when the server says, exponential backoff otherwise."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime

import pytest
from scrapy import Request
from scrapy.core.downloader import Slot
from scrapy.exceptions import DownloadConnectionRefusedError
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from scrapers.middlewares import BackoffRetryMiddleware, RobotsTxtMiddleware, backoff_seconds, retry_after_seconds

NOW = datetime(2026, 9, 10, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (b"120", 120.0),
        ("  7 ", 7.0),
        ("Thu, 10 Sep 2026 12:00:30 GMT", 30.0),
        ("Thu, 10 Sep 2026 11:00:00 GMT", 0.0),  # in the past: no wait
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_header(header, seconds):
    assert retry_after_seconds(header, now=NOW) == seconds


def test_backoff_doubles_up_to_a_cap():
    assert [backoff_seconds(n, 2.0, 10.0) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 10.0]


class FakeDownloader:
    def __init__(self):
        self.slots = {"api.example": Slot(concurrency=2, delay=0.5, jitter=0)}


class FakeEngine:
    def __init__(self):
        self.downloader = FakeDownloader()


def middleware(**settings):
    crawler = get_crawler(settings_dict={"RETRY_TIMES": 2, **settings})
    crawler.spider = crawler._create_spider("s")
    crawler.engine = FakeEngine()
    return BackoffRetryMiddleware.from_crawler(crawler), crawler


def run(coro):
    return asyncio.run(coro)


def test_429_with_retry_after_holds_the_whole_slot():
    mw, crawler = middleware()
    request = Request("https://api.example/a", meta={"download_slot": "api.example"})
    response = Response(request.url, status=429, headers={"Retry-After": "30"}, request=request)
    before = time.monotonic()
    retry = run(mw.process_response(request, response))
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    slot = crawler.engine.downloader.slots["api.example"]
    assert slot.lastseen >= before + 30  # nothing goes to this host for 30 s
    assert crawler.stats.get_value("screener/retry/retry_after_honoured") == 1
    assert crawler.stats.get_value("retry/count") == 1


def test_5xx_without_retry_after_backs_off_exponentially():
    mw, crawler = middleware(RETRY_BACKOFF_BASE=3.0)
    request = Request("https://api.example/a", meta={"download_slot": "api.example", "retry_times": 1})
    response = Response(request.url, status=503, request=request)
    before = time.monotonic()
    retry = run(mw.process_response(request, response))
    assert retry.meta["retry_times"] == 2
    assert crawler.engine.downloader.slots["api.example"].lastseen >= before + 6.0
    assert crawler.stats.get_value("screener/retry/longest_wait") == 6.0


def test_a_retry_after_beyond_the_cap_is_not_waited_for():
    mw, crawler = middleware(RETRY_BACKOFF_MAX=60)
    request = Request("https://api.example/a", meta={"download_slot": "api.example"})
    response = Response(request.url, status=429, headers={"Retry-After": "3600"}, request=request)
    assert run(mw.process_response(request, response)) is response
    assert crawler.stats.get_value("screener/retry/retry_after_too_long") == 1


def test_retries_run_out_and_other_statuses_pass():
    mw, _ = middleware()
    request = Request("https://api.example/a", meta={"download_slot": "api.example", "retry_times": 2})
    response = Response(request.url, status=503, headers={"Retry-After": "0"}, request=request)
    assert run(mw.process_response(request, response)) is response
    ok = Response(request.url, status=404, request=request)
    assert run(mw.process_response(request, ok)) is ok


def test_a_slot_without_delay_makes_the_retry_itself_wait():
    mw, crawler = middleware()
    crawler.engine.downloader.slots["api.example"].delay = 0
    request = Request("https://api.example/a", meta={"download_slot": "api.example"})
    response = Response(request.url, status=429, headers={"Retry-After": "0.2"}, request=request)
    # "0.2" is not delta-seconds (integers only): the backoff applies instead.
    mw.backoff_base = 0.05
    start = time.monotonic()
    assert isinstance(run(mw.process_response(request, response)), Request)
    assert time.monotonic() - start >= 0.05


class RefusingEngine:
    """An engine whose every download is refused, as by a host that is down."""

    def __init__(self):
        self.downloads = 0

    async def download_async(self, request):
        self.downloads += 1
        await asyncio.sleep(0.01)  # the other requests to the host arrive meanwhile
        raise DownloadConnectionRefusedError("Connection was refused by other side: 111: Connection refused.")


def test_an_unreachable_robots_txt_is_one_warning_without_traceback(caplog):
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    crawler.spider = crawler._create_spider("s")
    crawler.engine = RefusingEngine()
    mw = RobotsTxtMiddleware.from_crawler(crawler)

    async def three_requests():
        requests = [Request(f"http://127.0.0.1:9/boards/{n}") for n in range(3)]
        return await asyncio.gather(*(mw.robot_parser(request) for request in requests))

    with caplog.at_level(logging.DEBUG):
        assert run(three_requests()) == [None, None, None]  # no robots.txt: the requests go out, and fail
    assert crawler.engine.downloads == 1
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.levelname, r.getMessage(), r.exc_info) for r in records] == [
        (
            "WARNING",
            "robots.txt of 127.0.0.1:9 not fetched (DownloadConnectionRefusedError: Connection was refused by "
            "other side: 111: Connection refused.); requests to it go out unchecked",
            None,
        )
    ]
    assert crawler.stats.get_value("robotstxt/request_count") == 1
