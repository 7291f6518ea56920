"""Base spiders: boards come from the sources file, one request (or a few) per board.

A concrete board spider is a short declaration: its ``name`` (the sources-file ``type``), its
public ``endpoint`` and a ``parse_payload`` hook that maps the board's JSON onto
:class:`~scrapers.items.JobItem`. The base does the rest: reading the entries, the requests
with ``url:`` overrides, JSON decoding, and turning every way a board can fail (HTTP error,
timeout, robots.txt, bad JSON, an unexpected shape) into one :data:`~scrapers.signals.board_failed`
signal, so the store closes nothing of that board tonight.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from scrapers import signals
from scrapers.items import JobItem
from screener.normalize.fields import text_id
from screener.sources import BoardEntry, JsonLdEntry, Sources, load_sources
from screener.store.keys import payload_digest

SourceEntryT = BoardEntry | JsonLdEntry
PayloadParser = Callable[[Any, Response, SourceEntryT], Iterable[Any]]


class BadPayload(ValueError):
    """The board answered, but not in the shape its API documents."""


def failure_reason(failure: Failure) -> str:
    """A short snake_case code for why a request failed (used in stats and summaries)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        return getattr(exc, "reason", None) or ("robots" if "robots" in str(exc).lower() else "ignored")
    name = type(exc).__name__
    if "Timeout" in name:
        return "timeout"
    if "Resolve" in name or "DNS" in name:
        return "dns"
    if "Refused" in name or "Connect" in name or "Connection" in name:
        return "connection"
    return name[0].lower() + "".join(f"_{c.lower()}" if c.isupper() else c for c in name[1:])


class BoardSpider(scrapy.Spider):
    """Crawl every board of one type listed in the sources file.

    Spider arguments: ``sources`` (path; default: the ``SCREENER_SOURCES`` setting) and
    ``board`` (comma-separated keys, to crawl only those boards).
    """

    endpoint: ClassVar[str] = ""
    """The public endpoint, formatted with ``token`` (URL-quoted)."""
    same_site_redirects_only: ClassVar[bool] = True
    """A redirect to another site fails the board (``SameSiteRedirectMiddleware``): an API that
    answers from elsewhere is not this board any more."""
    id_field: ClassVar[str] = "id"
    """The key of a job's id in the board's JSON (named on a job the spider cannot read)."""
    whole_board_per_response: ClassVar[bool] = False
    """True when one response holds a board's whole listing: a listing that is byte for byte the
    one the board's last complete run read is then recorded as seen again, unchanged, without
    being parsed (:data:`scrapers.signals.board_payload`)."""

    def __init__(self, *args: Any, sources: str | None = None, board: str | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.sources_path = sources
        self.only_boards = {b.strip() for b in board.split(",")} if board else None

    # --- entries and requests -----------------------------------------------------------

    def load_entries(self) -> list[SourceEntryT]:
        path = self.sources_path or self.settings.get("SCREENER_SOURCES")
        sources: Sources = load_sources(path)
        entries = sources.of_type(self.name)
        if self.only_boards is not None:
            entries = [e for e in entries if e.key in self.only_boards]
        return entries

    async def start(self) -> AsyncIterator[Any]:
        entries = self.load_entries()
        self.crawler.stats.set_value("screener/boards", len(entries))
        for entry in entries:
            self.crawler.signals.send_catch_log(signals.board_started, source=self.name, board=entry.key)
            for request in self.board_requests(entry):
                yield request

    def endpoint_template(self, entry: BoardEntry) -> str:
        """Hook: the public endpoint for an entry (a spider with several hosts picks one)."""
        return self.endpoint

    def endpoint_url(self, entry: BoardEntry) -> str:
        """The entry's ``url:`` when given, else the public endpoint for its token."""
        return entry.url or self.endpoint_template(entry).format(token=quote(entry.token, safe=""))

    def board_requests(self, entry: SourceEntryT) -> Iterable[Request]:
        """First request(s) for a board; a hook for spiders that need more than one."""
        assert isinstance(entry, BoardEntry)
        yield self.board_request(entry, self.endpoint_url(entry), self.parse_board)

    def download_slot(self, entry: SourceEntryT, url: str) -> str | None:
        """A downloader slot shared by several hosts of one service (None: per host)."""
        return None

    def board_request(
        self,
        entry: SourceEntryT,
        url: str,
        callback: Any,
        *,
        meta: dict[str, Any] | None = None,
        errback: Any = None,
        dont_filter: bool = True,
        **kwargs: Any,
    ) -> Request:
        """A request that belongs to a board: failures reach :meth:`board_error`."""
        meta = {"entry": entry, **(meta or {})}
        slot = self.download_slot(entry, url)
        if slot:
            meta["download_slot"] = slot
        return Request(
            url,
            callback=callback,
            errback=errback or self.board_error,
            meta=meta,
            dont_filter=dont_filter,
            **kwargs,
        )

    # --- responses ------------------------------------------------------------------------

    def parse_board(self, response: Response) -> Iterator[Any]:
        """The callback of a board's JSON: :meth:`parse_payload`, guarded."""
        yield from self.guarded(response, self.parse_payload)

    def guarded(self, response: Response, parser: PayloadParser) -> Iterator[Any]:
        """Decode a JSON response and run ``parser`` on it; a response that does not decode or
        does not have the expected shape fails the board (and yields nothing of it)."""
        entry: SourceEntryT = response.meta["entry"]
        if self.whole_board_per_response and self.seen_unchanged(entry, response):
            return
        try:
            payload = json_payload(response)
        except ValueError:
            self.fail_board(entry, "bad_json", response.url)
            return
        try:
            # Materialised, so a payload that breaks half-way fails the board as a whole.
            results = list(parser(payload, response, entry))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            self.fail_board(entry, "bad_payload", f"{response.url}: {type(exc).__name__}: {exc}")
            return
        for result in results:
            if isinstance(result, JobItem):
                result = self.finish_item(result, entry)
                if result is None:
                    continue
            yield result

    def seen_unchanged(self, entry: SourceEntryT, response: Response) -> bool:
        """Whether the store recorded this board as seen again, unchanged, from its payload's digest."""
        answers = self.crawler.signals.send_catch_log(
            signals.board_payload, source=self.name, board=entry.key, digest=payload_digest(response.body)
        )
        return any(answer is True for _, answer in answers)

    def parse_payload(self, payload: Any, response: Response, entry: SourceEntryT) -> Iterable[JobItem | Request]:
        """Map a board's JSON onto items (and follow-up requests). Raise on a wrong shape."""
        raise NotImplementedError

    def each_job(self, jobs: Iterable[Any], build: Callable[[dict[str, Any]], Any]) -> Iterator[Any]:
        """``build`` on each job of a board's list, one at a time, so one bad job spoils only itself.

        A job that is not a JSON object, or whose shape ``build`` cannot read, becomes an item with
        a ``problem`` (the validate pipeline drops it with that reason, counted); the board's other
        jobs are kept. ``build`` returns an item, a request, or None to skip the job.
        """
        for job in jobs:
            if not isinstance(job, dict):
                yield JobItem(source=self.name, board="", problem="not_an_object")
                continue
            try:
                result = build(job)
            except (KeyError, TypeError, AttributeError, ValueError, RecursionError) as exc:
                self.logger.debug("unreadable %s job: %s: %s", self.name, type(exc).__name__, exc)
                result = JobItem(
                    source=self.name, board="", source_id=text_id(job.get(self.id_field)), problem="unreadable_job"
                )
            if result is not None:
                yield result

    def finish_item(self, item: JobItem, entry: SourceEntryT) -> JobItem | None:
        """Fill what every item needs from its entry, then call :meth:`post_process_item`."""
        item.source = self.name
        item.board = entry.key
        if not item.company and entry.company:
            item.company = entry.company
        self.crawler.stats.inc_value("screener/fetched")
        return self.post_process_item(item, entry)

    def post_process_item(self, item: JobItem, entry: SourceEntryT) -> JobItem | None:
        """Hook: adjust an item, or return None to skip it."""
        return item

    # --- failures -------------------------------------------------------------------------

    def board_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.fail_board(request.meta["entry"], failure_reason(failure), request.url)

    def fail_board(self, entry: SourceEntryT, reason: str, detail: str = "") -> None:
        """Record that a board could not be read completely (it closes nothing tonight)."""
        self.crawler.stats.inc_value(f"screener/board_failed/{reason}")
        self.logger.warning(
            "%s board %r failed (%s)%s",
            self.name,
            entry.key,
            reason,
            f": {detail}" if detail else "",
        )
        self.crawler.signals.send_catch_log(signals.board_failed, source=self.name, board=entry.key, reason=reason)


_UTF8 = ("utf-8", "utf8", "utf-8-sig")


def declared_charset(response: Response) -> str | None:
    """The charset the response's Content-Type names (as a Python codec name), or None."""
    header = response.headers.get(b"Content-Type") or b""
    return http_content_type_encoding(header.decode("latin-1"))


def json_payload(response: Response) -> Any:
    """A response's JSON, read as JSON travels (RFC 8259): UTF-8, or UTF-16/32 told by its first
    bytes, whatever charset the server names (a wrong one is the common fault). A body that is
    not valid UTF-8 is read in the charset it declares, else as UTF-8 with each bad byte replaced,
    so one bad byte spoils one character rather than every accent of every job on the board.

    Raises ValueError when the body is not JSON, or is nested too deeply to be a board.
    """
    body = response.body
    encoding = json.detect_encoding(body)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        declared = declared_charset(response)
        text = ""
        if declared and declared not in _UTF8:
            try:
                text = body.decode(declared)
            except (LookupError, UnicodeDecodeError):
                text = ""
        text = text or body.decode(encoding, errors="replace")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def page_text(response: TextResponse) -> str:
    """An HTML page's text: UTF-8 whenever the body is valid UTF-8 (a page sent as UTF-8 but
    labelled ISO-8859-1 is common, and the reverse is impossible to mistake), else as Scrapy reads
    it (the declared charset, or its guess)."""
    body = response.body
    if not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return body.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    return response.text


def listing(payload: Any, key: str) -> list[Any]:
    """The board's list of jobs under ``key`` of its JSON object; BadPayload when it has none."""
    if not isinstance(payload, dict) or not isinstance(payload.get(key), list):
        raise BadPayload(f"expected an object with a {key!r} list")
    return payload[key]


def skip(spider: scrapy.Spider, reason: str) -> None:
    """Count a job a board listed but that is not a posting to keep (unlisted, ...)."""
    spider.crawler.stats.inc_value(f"screener/skipped/{reason}")


def obj(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one when the board put something else there."""
    return value if isinstance(value, dict) else {}


def objs(value: Any) -> list[dict[str, Any]]:
    """The objects of a JSON list; anything else (in the list, or instead of it) is left out."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def text(value: Any) -> str | None:
    """A non-empty string, else None (a number, a list or an object where text belongs)."""
    return value if isinstance(value, str) and value.strip() else None


def first(value: Any) -> Any:
    """The first element of a list (None when empty), or the value itself."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def label(value: Any) -> str | None:
    """A name from ``{"label": ...}`` / ``{"name": ...}`` / a string."""
    if isinstance(value, dict):
        value = value.get("label") or value.get("name")
    if isinstance(value, str):
        return value.strip() or None
    return None


def join_names(values: Any) -> str | None:
    """``"A, B"`` from a list of ``{"name": ...}`` nodes or strings."""
    if not isinstance(values, list):
        return label(values)
    names = [n for n in (label(v) for v in values) if n]
    return ", ".join(dict.fromkeys(names)) or None
