"""Downloader middlewares: retries that back off and honour ``Retry-After``; robots.txt obeyed
by every request (a fix for Scrapy's middleware, below); a board's API is not followed to
another site. A spider middleware: a callback that raises fails its board.

Scrapy's own RetryMiddleware retries at once. Here a 429 or a 5xx (and a network error) waits
first: ``Retry-After`` when the server sends it (seconds or an HTTP date), else an exponential
backoff (``RETRY_BACKOFF_BASE`` * 2^(attempt-1)). The wait holds the whole downloader slot (the
host, or the service's shared slot), not just the one request: a rate-limited API host is left
alone for that long. A server asking for more than ``RETRY_BACKOFF_MAX`` seconds is not retried
tonight (the board fails and closes nothing).
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as _ScrapyRobotsTxtMiddleware
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware as _ScrapyUserAgentMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred

from screener import __version__

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser
    from scrapy.settings import BaseSettings


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date); None if
    absent or unreadable; never negative."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff for the ``attempt``-th retry (1-based), at most ``cap``."""
    return min(cap, base * 2 ** max(0, attempt - 1))


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits before each retry (replaces Scrapy's in ``settings.py``)."""

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        attempt = request.meta.get("retry_times", 0) + 1
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        wait = asked if asked is not None else self._backoff(attempt)
        if wait > self.backoff_max:
            self.crawler.stats.inc_value("screener/retry/retry_after_too_long")
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if asked is not None:
            self.crawler.stats.inc_value("screener/retry/retry_after_honoured")
        await self._hold(request, wait)
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            await self._hold(request, self._backoff(retry.meta.get("retry_times", 1)))
        return retry

    def _backoff(self, attempt: int) -> float:
        return backoff_seconds(attempt, self.backoff_base, self.backoff_max)

    async def _hold(self, request: Request, wait: float) -> None:
        """Keep the request's downloader slot quiet for ``wait`` seconds.

        A slot with a delay (DOWNLOAD_DELAY or AutoThrottle, the defaults) sends nothing before
        ``lastseen + delay``: moving ``lastseen`` forward holds every request to that host. A slot
        without a delay ignores ``lastseen``, so the retry itself waits here instead.
        """
        if wait <= 0:
            return
        self.crawler.stats.max_value("screener/retry/longest_wait", wait)
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot", ""))
        if slot is not None and slot.delay > 0:
            slot.lastseen = max(slot.lastseen, time.monotonic() + wait)
            return
        await sleep(wait)


_GENERIC_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})


def site_of(host: str | None) -> str:
    """The registrable part of a host, roughly: its last two labels (three under a country code
    with a generic second level, as in ``co.uk``); an IP address stays whole."""
    host = (host or "").lower().rstrip(".")
    labels = host.split(".")
    if ":" in host or labels[-1].isdigit():
        return host
    n = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL else 2
    return ".".join(labels[-n:])


class OffsiteRedirect(IgnoreRequest):
    """A board's request redirected to another site (``failure_reason`` reads ``reason``)."""

    reason = "offsite_redirect"


class SameSiteRedirectMiddleware(RedirectMiddleware):
    """Scrapy's RedirectMiddleware, except that a spider with ``same_site_redirects_only`` does not
    follow a redirect to another site (replaces Scrapy's in ``settings.py``).

    A board API that answers from somewhere else has moved, or is not the board any more (a
    parked domain, a login page, another company's board): its answer is not stored under this
    board's name. The board fails tonight, closes nothing, and the summary says why. The first URL
    of the chain is the reference, so a board cannot drift away one hop at a time.
    """

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request) and getattr(self.crawler.spider, "same_site_redirects_only", False):
            origin = urlparse_cached(Request((request.meta.get("redirect_urls") or [request.url])[0])).hostname
            target = urlparse_cached(result).hostname
            if site_of(origin) != site_of(target):
                self.crawler.stats.inc_value("screener/redirect/offsite")
                raise OffsiteRedirect(f"redirected from {origin} to another site, {target}")
        return result


def user_agent(settings: BaseSettings) -> str:
    """The user agent of a run: ``USER_AGENT`` set for the run (``-s``), else
    ``SCREENER_USER_AGENT``, else ``screener/<version> (+SCREENER_CONTACT_URL)``, so that
    ``-s SCREENER_CONTACT_URL=...`` changes the contact as the environment variable does."""
    if settings.getpriority("USER_AGENT") > SETTINGS_PRIORITIES["project"]:
        return str(settings["USER_AGENT"])
    if settings.get("SCREENER_USER_AGENT"):
        return str(settings["SCREENER_USER_AGENT"])
    return f"screener/{__version__} (+{settings.get('SCREENER_CONTACT_URL')})"


class UserAgentMiddleware(_ScrapyUserAgentMiddleware):
    """Scrapy's UserAgentMiddleware with the user agent of :func:`user_agent` (replaces Scrapy's in
    ``settings.py``): it names the tool and where to reach whoever runs it, and nothing else."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UserAgentMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.user_agent = user_agent(crawler.settings)
        return middleware


class RobotsTxtMiddleware(_ScrapyRobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, with every request that waits for a host's robots.txt
    checked against it.

    In Scrapy 2.13-2.19 the requests that arrive while a host's robots.txt is being fetched all
    await one Deferred; the first takes the parser off its callback chain and the others get
    None, which means "no robots.txt": they go out unchecked (found with the end-to-end test,
    where a forbidden board was fetched when it was not the first request to its host; the
    refactor is scrapy/scrapy#6802). Here each waiter gets its own Deferred, relayed from the
    shared one without consuming its result.

    And a host whose robots.txt cannot be fetched (refused, timed out) is one warning line, not an
    error with a traceback (:meth:`fetch_robots`).
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            await self.fetch_robots(request, netloc)
        pending = self._parsers[netloc]
        if not isinstance(pending, Deferred):
            return pending
        waiter: Deferred[RobotParser | None] = Deferred()

        def relay(result: Any) -> Any:
            waiter.callback(result)
            return result

        pending.addBoth(relay)
        return await maybe_deferred_to_future(waiter)

    async def fetch_robots(self, request: Request, netloc: str) -> None:
        """Scrapy's fetch of a host's robots.txt, with a host that cannot be reached said in one
        warning (Scrapy logs an error with a traceback, which a cron job would mail on a good
        night). Its board fails on its own request, and the summary names why."""
        self._parsers[netloc] = Deferred()
        url = urlparse_cached(request)
        robots = Request(
            f"{url.scheme}://{netloc}/robots.txt",
            priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True},
            callback=NO_CALLBACK,
        )
        try:
            response = await self.crawler.engine.download_async(robots)
            await self._parse_robots(response, netloc, request)
        except Exception as exc:
            if not isinstance(exc, IgnoreRequest):
                logger.warning(
                    "robots.txt of %(netloc)s not fetched (%(error)s); requests to it go out unchecked",
                    {"netloc": netloc, "error": " ".join(f"{type(exc).__name__}: {exc}".split())},
                    extra={"spider": self.crawler.spider},
                )
            self._robots_error(exc, netloc)
        self._stats.inc_value("robotstxt/request_count")


class BoardErrorMiddleware:
    """A spider middleware: a callback that raises fails its board instead of only being logged.

    The spiders guard every shape they expect; this is the net under them. Without it a board
    whose callback raised would count as read completely, and the store would close every
    posting of it that the callback never got to.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoardErrorMiddleware:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        entry = response.meta.get("entry")
        fail_board = getattr(self.crawler.spider, "fail_board", None)
        if entry is not None and fail_board is not None:
            fail_board(entry, "spider_error", f"{response.url}: {type(exception).__name__}: {exception}")
        # None: Scrapy goes on to log the error with its traceback, so the bug is seen
