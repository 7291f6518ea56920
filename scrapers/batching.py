"""PostingBatches: a spider middleware that carries the postings of one response as one item.

A callback still yields one :class:`~scrapers.items.JobItem` per posting (its tests read them so);
this middleware, next to the spider, gathers them per board into a
:class:`~scrapers.items.JobBatch` after the callback is done (a lone posting stays a lone item),
so Scrapy's per-item work (the other spider middlewares, a task per item, signals) is paid once
per response instead of once per posting. Requests pass through at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy.http import Response

from scrapers.items import JobBatch, JobItem


def batches(items: list[JobItem]) -> Iterator[JobItem | JobBatch]:
    """One :class:`JobBatch` per (source, board) of ``items``, in order; a lone item as it is."""
    groups: dict[tuple[str, str], list[JobItem]] = {}
    for item in items:
        groups.setdefault((item.source, item.board), []).append(item)
    for (source, board), group in groups.items():
        yield group[0] if len(group) == 1 else JobBatch(source, board, group)


class PostingBatches:
    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        items: list[JobItem] = []
        for output in result:
            if isinstance(output, JobItem):
                items.append(output)
            else:
                yield output
        yield from batches(items)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        items: list[JobItem] = []
        async for output in result:
            if isinstance(output, JobItem):
                items.append(output)
            else:
                yield output
        for batch in batches(items):
            yield batch
