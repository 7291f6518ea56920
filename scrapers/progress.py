"""Progress: one status line on stderr, rewritten in place, while a crawl runs on a terminal.

Off unless ``SCREENER_PROGRESS`` is set (``screener crawl`` sets it when stderr is a terminal);
a cron job's mail stays free of it.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call


class Progress:
    def __init__(self, crawler: Crawler, stream: TextIO, interval: float = 0.5):
        self.crawler = crawler
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.task = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("SCREENER_PROGRESS"):
            raise NotConfigured
        return cls(crawler, sys.stderr)

    def line(self) -> str:
        stats = self.crawler.stats
        name = self.crawler.spider.name if self.crawler.spider else "crawl"
        boards = stats.get_value("screener/boards", 0)
        failed = sum(v for k, v in stats.get_stats().items() if k.startswith("screener/board_failed/"))
        return (
            f"{name}: {boards} boards, {stats.get_value('response_received_count', 0)} responses, "
            f"{stats.get_value('screener/fetched', 0)} postings, {failed} boards failed, "
            f"{time.monotonic() - self.started:.0f}s"
        )

    def show(self) -> None:
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def spider_opened(self, spider: Spider) -> None:
        self.task = create_looping_call(self.show)
        self.task.start(self.interval, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None:
            self.task.stop()
            self.task = None
        self.stream.write("\r\x1b[K")
        self.stream.flush()
