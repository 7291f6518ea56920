"""DedupePipeline: a posting a board lists twice in one run (or two entries of one board) is
stored once. Duplicates across sources and reposts are the store's job (``Store.upsert``)."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from scrapers.items import SeenItem
from scrapers.pipelines import drop, each
from screener.records import Posting


class DedupePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.seen: set[tuple[str, str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        return each(self.crawler, item, self.dedupe)

    def dedupe(self, item: Any) -> Any:
        if isinstance(item, SeenItem):
            key = (item.source, item.board, item.key)
        elif isinstance(item, Posting):
            key = (item.source, item.board or "", item.source_id or item.url or item.title)
        else:
            return item
        if key in self.seen:
            raise drop(self.stats, "duplicate", f"seen already in this run: {key[2]}", "DEBUG")
        self.seen.add(key)
        return item
