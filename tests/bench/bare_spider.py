"""The baseline of the crawl benchmark: the same requests, and callbacks that parse nothing.

``scrapy runspider tests/bench/bare_spider.py -a sitemap=URL`` (the JSON-LD site: the sitemap is
read, its pages fetched and ignored) or ``-a boards=N -a base=URL`` (N Greenhouse boards fetched
and ignored).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Request, Response
from scrapy.utils.sitemap import Sitemap


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, sitemap: str | None = None, boards: str = "0", base: str = "", **kwargs: Any):
        super().__init__(**kwargs)
        self.sitemap = sitemap
        self.boards = int(boards)
        self.base = base

    async def start(self) -> AsyncIterator[Request]:
        if self.sitemap:
            yield Request(self.sitemap, callback=self.parse_sitemap, dont_filter=True)
        for k in range(self.boards):
            yield Request(f"{self.base}/bench/gh/b{k}", callback=self.ignore, dont_filter=True)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        for node in Sitemap(response.body):
            yield Request(node["loc"], callback=self.ignore)

    def ignore(self, response: Response) -> None:
        return None
