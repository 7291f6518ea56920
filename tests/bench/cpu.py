"""A benchmark-only extension: the crawler process's CPU seconds from spider open to close, as the
``bench/cpu_seconds`` stat. On a shared machine wall time swings with the neighbours' load; the
CPU a crawl burns does not."""

from __future__ import annotations

import time

from scrapy import Spider, signals
from scrapy.crawler import Crawler


class CpuTime:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.started = 0.0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CpuTime:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.process_time()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.stats.set_value("bench/cpu_seconds", round(time.process_time() - self.started, 3))
