"""A base for career sites that mark job pages up with schema.org data in JSON-LD.

Subclasses declare where the pages are; :class:`StructuredDataSpider` finds the nodes of
``wanted_types`` in each page (through the pure :mod:`scrapers.jsonld`), maps them onto items
and hands each to the ``post_process_item`` hook. A job page that answers 404 or 410 is a job
that is gone (not a failed board); any other failure fails the board.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from scrapers import jsonld
from scrapers.items import JobItem
from scrapers.spiders.base import BoardSpider, SourceEntryT, failure_reason, page_text

GONE = ("http_404", "http_410")


class StructuredDataSpider(BoardSpider):
    wanted_types: ClassVar[tuple[str, ...]] = ("JobPosting",)
    """schema.org types to read from each page."""
    same_site_redirects_only = False
    """A careers site's sitemap and job pages often live on its applicant-tracking system's or
    a CDN's host: redirects are followed."""

    def parse_page(self, response: Response) -> Iterator[Any]:
        entry: SourceEntryT = response.meta["entry"]
        if not isinstance(response, TextResponse):
            return
        self.crawler.stats.inc_value("screener/jsonld/pages")
        found = 0
        for text in jsonld.script_texts(page_text(response)):
            for node in jsonld.iter_nodes(jsonld.loads_lenient(text), self.wanted_types):
                node = self.pre_process_data(node)
                record = jsonld.posting_record(node, page_url=response.url)
                item = self.finish_item(JobItem(source=self.name, board=entry.key, **record), entry)
                if item is not None:
                    found += 1
                    yield item
        if not found:
            self.crawler.stats.inc_value("screener/jsonld/pages_without_posting")

    def pre_process_data(self, node: dict[str, Any]) -> dict[str, Any]:
        """Hook: fix a site's node before it is mapped (a wrong type, a misplaced field)."""
        return node

    def page_error(self, failure: Failure) -> None:
        """A job page that is gone is an answer; anything else fails the board."""
        reason = failure_reason(failure)
        if reason in GONE:
            self.crawler.stats.inc_value("screener/jsonld/pages_gone")
            return
        self.board_error(failure)
