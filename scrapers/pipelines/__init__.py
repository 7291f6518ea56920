"""Item pipelines, one per module, ordered in ``settings.py``: validate -> normalize -> dedupe ->
store. A pipeline that drops an item raises :class:`Dropped`, which names a snake_case reason
and bumps the ``screener/dropped/<reason>`` stat; the store pipeline counts drops per board.

An item is one posting, or a :class:`~scrapers.items.JobBatch` of a response's postings; each
pipeline writes its step for one posting and applies it with :func:`each`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from scrapy.utils.log import logformatter_adapter
from twisted.python.failure import Failure

from scrapers.items import JobBatch

logger = logging.getLogger("scrapy.core.scraper")
"""Where Scrapy logs a dropped or failed item: a posting dropped from a batch is logged there too."""


class Dropped(DropItem):
    """An item dropped for ``reason`` (``missing_title``, ``duplicate``, ...)."""

    def __init__(self, reason: str, message: str, log_level: str | None = None):
        super().__init__(message, log_level=log_level)
        self.reason = reason


def drop(stats: StatsCollector, reason: str, message: str, log_level: str | None = None) -> Dropped:
    """Count a drop under ``screener/dropped/<reason>`` and return the exception to raise."""
    stats.inc_value(f"screener/dropped/{reason}")
    return Dropped(reason, message, log_level=log_level)


def each(crawler: Crawler, item: Any, step: Callable[[Any], Any]) -> Any:
    """``step(item)``, or for a :class:`JobBatch` the batch with ``step`` applied to each of its
    postings: one that ``step`` drops (or fails on) leaves the batch as a lone item would leave
    the crawl, with Scrapy's log line and its ``item_dropped`` (``item_error``) signal."""
    if not isinstance(item, JobBatch):
        return step(item)
    kept = []
    for posting in item.items:
        try:
            kept.append(step(posting))
        except DropItem as exc:
            _dropped(crawler, posting, exc)
        except Exception as exc:  # a bug in a step costs its posting, as it would cost a lone item
            _failed(crawler, posting, exc)
    item.items = kept
    return item


def _dropped(crawler: Crawler, item: Any, exc: DropItem) -> None:
    logkws = crawler.logformatter.dropped(item, exc, None, crawler.spider)
    if logkws is not None:
        logger.log(*logformatter_adapter(logkws), extra={"spider": crawler.spider, "item": item})
    crawler.signals.send_catch_log(
        signal=signals.item_dropped, item=item, response=None, exception=exc, spider=crawler.spider
    )


def _failed(crawler: Crawler, item: Any, exc: Exception) -> None:
    logkws = crawler.logformatter.item_error(item, exc, None, crawler.spider)
    logger.log(*logformatter_adapter(logkws), extra={"spider": crawler.spider, "item": item}, exc_info=exc)
    crawler.signals.send_catch_log(
        signal=signals.item_error, item=item, response=None, spider=crawler.spider, failure=Failure(exc)
    )
