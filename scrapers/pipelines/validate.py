"""ValidatePipeline: drop, before any work is spent on it, what cannot be a posting.

A posting needs a title, and something that identifies it on its board (the board's id or a
URL), or tomorrow's crawl could neither recognise it nor close it.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from scrapers.items import JobItem
from scrapers.pipelines import drop, each


def problem(item: JobItem) -> tuple[str, str] | None:
    """(reason, message) for an item that cannot be kept, else None."""
    if item.problem:
        return item.problem, "the board listed a job in a shape the spider cannot read"
    if not isinstance(item.title, str) or not item.title.strip():
        return "missing_title", "no title"
    if not item.source_id and not item.url:
        return "missing_id", "neither an id nor a URL"
    if item.url is not None and not (isinstance(item.url, str) and item.url.startswith(("http://", "https://"))):
        shown = repr(item.url[:80]) if isinstance(item.url, str) else f"a {type(item.url).__name__}"
        return "bad_url", f"not an http(s) URL: {shown}"
    return None


class ValidatePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        return each(self.crawler, item, self.validate)

    def validate(self, item: Any) -> Any:
        if not isinstance(item, JobItem):
            return item
        found = problem(item)
        if found is not None:
            reason, message = found
            raise drop(self.stats, reason, message)
        return item
