"""The log formatter: no per-posting "Scraped from" record below DEBUG, one line per drop."""

from __future__ import annotations

import logging

from scrapy.utils.test import get_crawler

from scrapers.logformatter import ScreenerLogFormatter
from scrapers.spiders.greenhouse import GreenhouseSpider


def formatter(level: str) -> tuple[ScreenerLogFormatter, GreenhouseSpider]:
    crawler = get_crawler(GreenhouseSpider, settings_dict={"LOG_LEVEL": level, "SCREENER_SOURCES": "unused.yaml"})
    crawler.spider = GreenhouseSpider.from_crawler(crawler)
    return ScreenerLogFormatter.from_crawler(crawler), crawler.spider


def test_no_scraped_record_is_built_unless_the_crawl_logs_at_debug():
    quiet, spider = formatter("INFO")
    assert quiet.scraped({"id": 1}, None, spider) is None
    loud, spider = formatter("DEBUG")
    assert loud.scraped({"id": 1}, None, spider)["level"] == logging.DEBUG


def test_the_default_formatter_still_logs_scraped_items():
    assert ScreenerLogFormatter().log_scraped
    assert not ScreenerLogFormatter(logging.WARNING).log_scraped
