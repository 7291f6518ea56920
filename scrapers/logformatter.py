"""Log lines for dropped items: one line with the reason and the posting, not the whole item (whose
raw payload can be kilobytes). No "Scraped from" line is built for a posting unless the crawl logs
at DEBUG: Scrapy builds a log record for every item before its handler drops it (~10 us a posting,
40,000 postings for 1,000 boards)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class ScreenerLogFormatter(LogFormatter):
    def __init__(self, log_level: int | str = logging.DEBUG) -> None:
        level = logging.getLevelName(log_level) if isinstance(log_level, str) else log_level
        self.log_scraped = not isinstance(level, int) or level <= logging.DEBUG

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScreenerLogFormatter:
        return cls(crawler.settings.get("LOG_LEVEL", logging.DEBUG))

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult | None:
        if not self.log_scraped:
            return None
        return super().scraped(item, response, spider)

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        level = getattr(exception, "log_level", None) or spider.crawler.settings.get(
            "DEFAULT_DROPITEM_LOG_LEVEL", "INFO"
        )
        return {
            "level": logging.getLevelName(level) if isinstance(level, str) else level,
            "msg": "Dropped %(source)s/%(board)s %(id)s (%(reason)s): %(message)s",
            "args": {
                "source": getattr(item, "source", "?"),
                "board": getattr(item, "board", "?"),
                "id": getattr(item, "source_id", None) or getattr(item, "url", None) or "?",
                "reason": getattr(exception, "reason", type(exception).__name__),
                "message": exception,
            },
        }
