"""UnchangedPipeline: a posting whose payload is what was stored last night skips normalisation.

Most of a night's postings are the same as the night before. For each board the pipeline reads
the payload hashes of its open postings once (``Store.open_sightings``); an item whose payload
hashes the same becomes a :class:`~scrapers.items.SeenItem`, which the store pipeline records
with ``Store.touch``. Anything else (new, edited, closed and back, no payload) goes on to be
normalised. The hash includes screener's version, so an upgrade re-reads every posting once;
``-s SCREENER_SKIP_UNCHANGED=0`` re-reads them all tonight (after a parser fix, say).
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from scrapers.items import JobItem, SeenItem
from scrapers.pipelines import each
from screener.normalize.fields import canonical_url, text_id
from screener.store import Store
from screener.store.keys import raw_hash


def store_key(item: JobItem) -> str | None:
    """The key the store files this item's posting under (as ``screener.store.keys.source_key``
    computes it from the normalised posting), or None when only its content would identify it."""
    return text_id(item.source_id) or canonical_url(item.url)


class UnchangedPipeline:
    def __init__(self, crawler: Crawler, db_path: Path):
        self.crawler = crawler
        self.stats = crawler.stats
        self.db_path = db_path
        self.known: dict[tuple[str, str], dict[str, str | None]] = {}
        self.store: Store | None = None
        self._resources = ExitStack()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnchangedPipeline:
        db = crawler.settings.get("SCREENER_DB")
        if not db or not crawler.settings.getbool("SCREENER_SKIP_UNCHANGED", True):
            raise NotConfigured
        return cls(crawler, Path(db))

    def open_spider(self) -> None:
        self.store = self._resources.enter_context(Store.open(self.db_path))

    def close_spider(self) -> None:
        self._resources.close()
        self.store = None

    def process_item(self, item: Any) -> Any:
        return each(self.crawler, item, self.recognise)

    def recognise(self, item: Any) -> Any:
        if not isinstance(item, JobItem) or self.store is None:
            return item
        board = (item.source, item.board)
        known = self.known.get(board)
        if known is None:
            known = self.known[board] = self.store.open_sightings(item.source, item.board)
        if not known:
            return item
        key = store_key(item)
        if key is None or key not in known or known[key] is None or known[key] != raw_hash(item.raw):
            return item
        self.stats.inc_value("screener/unchanged")
        return SeenItem(item.source, item.board, key)
