"""``scrapy nightly [SPIDER ...]``: every spider with boards in the sources file, one process.

``screener crawl`` runs this in a child process. The spiders run side by side (their boards are
on different hosts, and politeness is per host), each with its own pipelines writing one
database; ``-a`` and ``-s`` apply to all of them.

What stops the crawl before it starts is one line on stderr, never a traceback (``screener
crawl`` shows that line off a terminal): a ``-s`` value the crawl could not use (exit code 2,
checked before Scrapy reads any setting), or a spider that could not start (exit code 1: a
setting that passed the check but that a component refused).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any, NoReturn

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError
from scrapy.utils.conf import arglist_to_dict
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from scrapers.logredact import install as install_redaction
from screener.crawlsettings import SettingError, check_settings
from screener.sources import SourcesError, load_sources


def fail(message: str, code: int) -> NoReturn:
    """Stop the command with one line on stderr."""
    sys.stderr.write(f"Error: {' '.join(message.split())}\n")
    sys.stderr.flush()
    raise SystemExit(code)


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] [spider ...]"

    def short_desc(self) -> str:
        return "Run every spider that has boards in the sources file (or the named ones)"

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        try:
            given = arglist_to_dict(opts.set)
        except ValueError:
            given = {}  # Scrapy's own check below refuses it
        # Before Scrapy sets them (a dict setting must be JSON) and before the crawler process is
        # made (it reads the logging and reactor settings); the defaults are the project's, else
        # Scrapy's.
        try:
            check_settings(given, {name: self.settings.get(name) for name in given})
        except SettingError as exc:
            fail(str(exc), 2)
        super().process_options(args, opts)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process and self.settings is not None
        install_redaction()  # before any crawler logs its settings
        path = opts.spargs.get("sources") or self.settings.get("SCREENER_SOURCES")
        try:
            present = load_sources(path).types()
        except SourcesError as exc:
            raise UsageError(str(exc), print_help=False) from None
        known = set(self.crawler_process.spider_loader.list())
        unknown = [name for name in args if name not in known]
        if unknown:
            raise UsageError(
                f"unknown spider {unknown[0]!r}; expected one of: {', '.join(sorted(known))}",
                print_help=False,
            )
        names = [name for name in args if name in present] if args else present
        refused: list[str] = []
        for name in names:
            started = self.crawler_process.crawl(name, **opts.spargs)
            watch_start(started, name, refused)
        if names:
            self.crawler_process.start()
        if refused:
            fail(refused[0], 1)
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1


def watch_start(started: Any, name: str, refused: list[str]) -> None:
    """Note why spider ``name`` could not start, instead of a traceback from asyncio or Twisted.

    Scrapy builds a crawler's components (extensions, middlewares, pipelines) once the crawl
    starts, each reading its settings: a value one of them refuses ends that crawl with an
    exception that nobody awaits (asyncio then logs "Task exception was never retrieved").
    """

    def note(exc: BaseException) -> None:
        refused.append(f"the {name} crawl failed: {type(exc).__name__}: {exc}")

    if isinstance(started, asyncio.Future):

        def done(task: asyncio.Future[Any]) -> None:
            if not task.cancelled() and (exc := task.exception()) is not None:  # retrieved: not logged
                note(exc)

        started.add_done_callback(done)
    elif isinstance(started, Deferred):

        def errback(failure: Failure) -> None:
            note(failure.value)

        started.addErrback(errback)
