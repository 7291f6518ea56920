"""Any careers site with schema.org JobPosting in JSON-LD, from a sitemap or start URLs.

Entries give ``sitemap:`` (a sitemap, a sitemap index, or a robots.txt naming sitemaps) or
``start_urls:``; ``url_pattern:`` keeps the sitemap's job pages, and on start pages that are
listings it says which links are job pages. Nodes may sit in ``@graph`` or lists; pay, remote,
``validThrough`` and ``experienceRequirements.monthsOfExperience`` are mapped by
:mod:`scrapers.jsonld`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from scrapy.http import Request, Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from scrapers.spiders.base import SourceEntryT
from scrapers.spiders.structured_data import StructuredDataSpider
from screener.sources import JsonLdEntry

_GZIP_MAGIC = b"\x1f\x8b"


def sitemap_body(response: Response, max_size: int) -> bytes:
    """The XML of a sitemap response (gunzipped when it is a .gz file)."""
    body = response.body
    if body[:2] == _GZIP_MAGIC:
        return gunzip(body, max_size=max_size)
    return body


class JsonLdSpider(StructuredDataSpider):
    name = "jsonld"

    def board_requests(self, entry: SourceEntryT) -> Iterable[Request]:
        assert isinstance(entry, JsonLdEntry)
        if entry.sitemap:
            yield self.board_request(entry, entry.sitemap, self.parse_sitemap)
            return
        for url in entry.start_urls:
            yield self.board_request(entry, url, self.parse_start, errback=self.page_error, dont_filter=False)

    def _pattern(self, entry: SourceEntryT) -> re.Pattern[str] | None:
        assert isinstance(entry, JsonLdEntry)
        return re.compile(entry.url_pattern) if entry.url_pattern else None

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        entry: SourceEntryT = response.meta["entry"]
        if response.url.endswith("/robots.txt") and isinstance(response, TextResponse):
            for url in sitemap_urls_from_robots(response.text, base_url=response.url):
                yield self.board_request(entry, url, self.parse_sitemap)
            return
        try:
            sitemap = Sitemap(sitemap_body(response, self.settings.getint("DOWNLOAD_MAXSIZE")))
        except Exception as exc:  # lxml raises a zoo of errors on a page that is not XML
            self.fail_board(entry, "bad_sitemap", f"{response.url}: {exc}")
            return
        pattern = self._pattern(entry)
        if sitemap.type == "sitemapindex":
            for node in sitemap:
                if node.get("loc"):
                    yield self.board_request(entry, node["loc"], self.parse_sitemap)
            return
        if sitemap.type != "urlset":
            self.fail_board(entry, "bad_sitemap", f"{response.url}: root <{sitemap.type}>")
            return
        for node in sitemap:
            loc = node.get("loc")
            if loc and (pattern is None or pattern.search(loc)):
                yield self.board_request(entry, loc, self.parse_page, errback=self.page_error, dont_filter=False)

    def parse_start(self, response: Response) -> Iterator[Any]:
        """A start URL: a job page itself, or a listing whose links matching the pattern are."""
        yield from self.parse_page(response)
        pattern = self._pattern(response.meta["entry"])
        if pattern is None or not isinstance(response, TextResponse):
            return
        for link in LinkExtractor(allow=pattern.pattern).extract_links(response):
            yield self.board_request(
                response.meta["entry"],
                link.url,
                self.parse_page,
                errback=self.page_error,
                dont_filter=False,
            )
