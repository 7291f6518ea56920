"""NormalizePipeline: a board's :class:`JobItem` becomes a :class:`screener.records.Posting`.

The work is ``screener.normalize.record.normalize_record``, shared with ``screener import`` so a
crawled and an imported posting read the same way. A record it rejects is dropped with its reason.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler

from scrapers.items import JobItem
from scrapers.pipelines import drop, each
from screener.normalize.errors import Rejected
from screener.normalize.record import normalize_record
from screener.records import Posting


class NormalizePipeline:
    def __init__(self, crawler: Crawler, now: datetime | None = None):
        self.crawler = crawler
        self.stats = crawler.stats
        self.now = now or datetime.now(UTC)
        """One clock for the whole crawl: relative dates ("3 days ago") read the same."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        return each(self.crawler, item, self.normalize)

    def normalize(self, item: Any) -> Posting | Any:
        if not isinstance(item, JobItem):
            return item
        try:
            return normalize_record(item.to_record(), source=item.source, board=item.board, now=self.now)
        except Rejected as exc:
            raise drop(self.stats, exc.reason, exc.message) from None
