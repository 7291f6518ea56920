"""StorePipeline: postings into the store in batches; one run per board; close what a board that
was read completely no longer lists.

Every board of the sources file gets a run when its spider starts it (``board_started``). Items
are upserted with their board's run id, in batches of ``SCREENER_STORE_BATCH``. When the spider
finishes normally, each board that did not fail has the postings it no longer lists closed; a
failed board (HTTP error, timeout, robots.txt, bad JSON) closes nothing, nor does any board of a
crawl that was stopped before the end. Each board's run is then finished with its summary
(fetched, new, updated, unchanged, duplicates, reopened, closed, dropped by reason), and a run for
the source as a whole records the totals and the monitor's verdict (``source_summarised``).

A board whose whole listing comes in one response is recognised before it is parsed
(``board_payload``): when the listing is byte for byte the one its last complete run read, and
the store holds the board as that run left it, its postings are marked seen at once and that
run's counts replayed, as reading it posting by posting would have done.
"""

from __future__ import annotations

import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy import signals as scrapy_signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from scrapers import signals
from scrapers.items import JobBatch, JobItem, SeenItem
from scrapers.pipelines.unchanged import store_key
from screener.records import Posting
from screener.store import Store, UpsertResult


@dataclass
class BoardRun:
    """One board's night."""

    run_id: int
    stored: UpsertResult = field(default_factory=UpsertResult)
    dropped: Counter[str] = field(default_factory=Counter)
    failed: str | None = None
    """Why the board could not be read completely (first reason), or None."""
    closed: int = 0
    payload: str | None = None
    """Digest of the board's whole listing, for a board read in one response."""

    def summary(self, status: str) -> dict[str, Any]:
        stored = self.stored
        out: dict[str, Any] = {
            "status": status,
            "fetched": stored.new + stored.updated + stored.unchanged + stored.duplicates + sum(self.dropped.values()),
            "new": stored.new,
            "updated": stored.updated,
            "unchanged": stored.unchanged,
            "duplicates": stored.duplicates,
            "reopened": stored.reopened,
            "closed": self.closed,
            "dropped": dict(self.dropped),
        }
        if self.failed:
            out["error"] = self.failed
        if self.payload and status == "ok":
            out["payload"] = self.payload  # tomorrow, the same listing is not parsed again
        return out


SUMMED = ("fetched", "new", "updated", "unchanged", "duplicates", "reopened", "closed")


def source_summary(boards: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Totals over a source's boards, with the failed ones by name."""
    total: dict[str, Any] = {key: sum(b[key] for b in boards.values()) for key in SUMMED}
    dropped: Counter[str] = Counter()
    for board in boards.values():
        dropped.update(board["dropped"])
    total["dropped"] = dict(dropped)
    total["boards"] = len(boards)
    total["boards_failed"] = {k: b["error"] for k, b in boards.items() if b["status"] == "failed"}
    return total


class StorePipeline:
    def __init__(self, crawler: Crawler, db_path: Path, batch_size: int = 500):
        self.crawler = crawler
        self.stats = crawler.stats
        self.db_path = db_path
        self.batch_size = batch_size
        self.parent_run = crawler.settings.getint("SCREENER_PARENT_RUN") or None
        self.skip_unchanged = crawler.settings.getbool("SCREENER_SKIP_UNCHANGED", True)
        self.boards: dict[str, BoardRun] = {}
        self.buffer: list[Posting] = []
        self.seen: list[SeenItem] = []
        self.listed: list[SeenItem] = []
        """Postings a board listed but that were dropped tonight: kept open, not counted as seen."""
        self.seen_boards: list[tuple[str, int]] = []
        """(board, run id) of boards listed exactly as last time, to touch whole."""
        self.store: Store | None = None
        self._resources = ExitStack()
        self._started = time.monotonic()
        # Bound methods: Scrapy holds signal handlers by weak reference.
        crawler.signals.connect(self.board_started, signal=signals.board_started)
        crawler.signals.connect(self.board_failed, signal=signals.board_failed)
        crawler.signals.connect(self.board_payload, signal=signals.board_payload)
        crawler.signals.connect(self.item_dropped, signal=scrapy_signals.item_dropped)
        crawler.signals.connect(self.item_error, signal=scrapy_signals.item_error)
        crawler.signals.connect(self.spider_closed, signal=scrapy_signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        db = crawler.settings.get("SCREENER_DB")
        if not db:
            raise NotConfigured("SCREENER_DB is not set: postings are not stored")
        return cls(crawler, Path(db), crawler.settings.getint("SCREENER_STORE_BATCH", 500))

    # --- the crawl's life ---------------------------------------------------------------------

    def open_spider(self) -> None:
        self.store = self._resources.enter_context(Store.open(self.db_path))

    def board_started(self, source: str, board: str) -> None:
        self._board(board)

    def board_failed(self, source: str, board: str, reason: str) -> None:
        run = self._board(board)
        run.failed = run.failed or reason

    def board_payload(self, source: str, board: str, digest: str) -> bool:
        """A board's whole listing, before it is parsed: when it is the one the board's last complete
        run read and the store is as that run left it, record every posting of the board as seen
        again, unchanged, with that run's drops, and return True (the spider parses nothing of it).

        That is what the night would come to posting by posting: the same payloads make the same
        items, dropped for the same reasons, and each of the others is recognised unchanged."""
        run = self._board(board)
        run.payload = digest
        if not self.skip_unchanged or self.store is None or self._has_postings(board):
            return False
        found = self.store.previous_run(source, board, before=run.run_id)
        if found is None:
            return False
        previous_id, before = found
        dropped = before.get("dropped") or {}
        if before.get("status") != "ok" or before.get("payload") != digest or "error" in dropped:
            return False
        touched = sum(before.get(key, 0) for key in ("new", "updated", "unchanged", "duplicates"))
        if not self.store.board_as_left(source, board, previous_id, touched):
            return False
        self.seen_boards.append((board, run.run_id))  # touched with the next flush
        run.stored.unchanged += touched
        run.dropped.update(dropped)
        self.stats.inc_value("screener/stored/unchanged", touched)
        # every posting was recognised unchanged, a repeat too (before it was dropped as one)
        self.stats.inc_value("screener/unchanged", touched + dropped.get("duplicate", 0))
        for reason, count in dropped.items():
            self.stats.inc_value(f"screener/dropped/{reason}", count)
        self.stats.inc_value("screener/fetched", touched + sum(dropped.values()))
        self.stats.inc_value("screener/unchanged_boards")
        return True

    def _has_postings(self, board: str) -> bool:
        """Whether this night has had anything of ``board`` yet (then it is not read in one piece)."""
        run = self.boards[board]
        stored = run.stored
        return bool(
            stored.new + stored.updated + stored.unchanged + stored.duplicates
            or run.dropped
            or any(p.board == board for p in self.buffer)
            or any(s.board == board for s in self.seen)
            or any(s.board == board for s in self.listed)
        )

    def item_dropped(self, item: Any, response: Any, exception: BaseException, spider: Spider) -> None:
        board = getattr(item, "board", None)
        if board is None:
            return
        self._board(board).dropped[getattr(exception, "reason", "dropped")] += 1
        key = store_key(item) if isinstance(item, JobItem) else None
        if key is not None:
            # The board still lists it, in a shape that cannot be kept tonight: what was stored
            # stays as it was, open, rather than closed as gone.
            self.listed.append(SeenItem(item.source, board, key))

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Any) -> None:
        board = getattr(item, "board", None)
        if board is not None:
            self._board(board).dropped["error"] += 1

    def process_item(self, item: Any) -> Any:
        for one in item.items if isinstance(item, JobBatch) else (item,):
            if isinstance(one, Posting):
                self.buffer.append(one)
            elif isinstance(one, SeenItem):
                self.seen.append(one)
        if len(self.buffer) + len(self.seen) + len(self.listed) >= self.batch_size:
            self.flush()
        return item

    def close_spider(self) -> None:
        self.flush()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        try:
            if self.store is not None:
                self.flush()
                self.finish(spider.name, reason)
        finally:
            self._resources.close()
            self.store = None

    # --- writing ------------------------------------------------------------------------------

    def _board(self, board: str) -> BoardRun:
        run = self.boards.get(board)
        if run is None:
            assert self.store is not None, "the store opens with the spider"
            run = self.boards[board] = BoardRun(self.store.begin_run("crawl", self._source(), board))
        return run

    def _source(self) -> str:
        spider = self.crawler.spider
        assert spider is not None
        return spider.name

    def flush(self) -> None:
        if self.store is None:
            return
        self._flush_seen()
        if not self.buffer:
            return
        by_board: dict[str, list[Posting]] = {}
        for posting in self.buffer:
            by_board.setdefault(posting.board or "", []).append(posting)
        self.buffer = []
        for board, postings in by_board.items():
            result = self.store.upsert(postings, self._board(board).run_id)
            self._board(board).stored.add(result)
            for key in ("new", "updated", "unchanged", "duplicates", "reopened"):
                self.stats.inc_value(f"screener/stored/{key}", getattr(result, key))
            result.ids.clear()  # a night of ids is not needed in memory

    def _flush_seen(self) -> None:
        assert self.store is not None
        if self.seen_boards:
            self.store.touch_boards(self._source(), self.seen_boards)
            self.seen_boards = []
        for items, counted in ((self.seen, True), (self.listed, False)):
            by_board: dict[str, list[str]] = {}
            for seen in items:
                by_board.setdefault(seen.board, []).append(seen.key)
            items.clear()
            for board, keys in by_board.items():
                run = self._board(board)
                touched = self.store.touch(self._source(), board, keys, run.run_id)
                if counted:
                    run.stored.unchanged += touched
                    self.stats.inc_value("screener/stored/unchanged", touched)

    def finish(self, source: str, reason: str) -> None:
        """Close what complete boards no longer list, then write every board's and the source's
        summary."""
        assert self.store is not None
        complete = reason == "finished"
        summaries: dict[str, dict[str, Any]] = {}
        for board, run in self.boards.items():
            if run.failed is None and complete:
                run.closed = self.store.close_missing(source, board, run.run_id)
                status = "ok"
            else:
                status = "failed" if run.failed else "interrupted"
            summaries[board] = run.summary(status)
        self.stats.set_value("screener/closed", sum(r.closed for r in self.boards.values()))
        summary = source_summary(summaries)
        summary.update(
            finish_reason=reason,
            seconds=round(time.monotonic() - self._started, 1),
            requests=self.stats.get_value("downloader/request_count", 0),
            parent_run=self.parent_run,
        )
        runs = {board: run.run_id for board, run in self.boards.items()}

        def previous(board: str) -> dict[str, Any] | None:
            assert self.store is not None
            return self.store.previous_run_summary(source, board, before=runs.get(board))

        self.crawler.signals.send_catch_log(
            signals.source_summarised,
            source=source,
            summary=summary,
            boards=summaries,
            previous=previous,
        )
        self.store.finish_runs([(run.run_id, summaries[b]["status"], summaries[b]) for b, run in self.boards.items()])
        source_run = self.store.begin_run("crawl", source)
        self.store.finish_run(source_run, "ok" if complete else "interrupted", summary)
