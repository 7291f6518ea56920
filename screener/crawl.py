"""Run the nightly crawl: the spiders in a child process, the summary back from the store.

The Scrapy project (``scrapers/``) is never imported here (an import-linter contract): the
spiders run as ``python -m scrapy nightly`` with ``SCRAPY_SETTINGS_MODULE=scrapers.settings``,
so no Twisted reactor ever starts in this process (nor in a test that calls this). The child
writes one run per board and one per source into the database; :func:`run_crawl` records a
parent run before starting it and reads back every run written after it.

Two crawls of one database at once are refused (:class:`CrawlLocked`): an advisory lock on
``<db>.crawl.lock``, released by the system when its holder exits, however it exits (a lock file
left by a dead crawl blocks nothing). The child inherits the lock, so a crawl whose parent was
killed keeps the database until its spiders finish. Runs left 'running' by a crawl or an import
that was killed are marked 'interrupted' by the next crawl.

Given a ``log_path`` (``screener crawl`` off a terminal), the child's log goes to that file,
written anew each night, and its stderr is read back: what the child says there when it fails
(one line: a ``-s`` value it refused, a spider that could not start) is :attr:`CrawlReport.reason`.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from screener.sources import SOURCE_TYPES, load_sources
from screener.store import Store

SETTINGS_MODULE = "scrapers.settings"
TOTALS = ("boards", "fetched", "new", "updated", "unchanged", "duplicates", "reopened", "closed")


class CrawlError(Exception):
    """A crawl that could not run or finish; the message is one line."""


class CrawlLocked(CrawlError):
    """Another crawl holds the database."""


@dataclass
class SourceResult:
    """One source's night, as its spider stored it."""

    source: str
    status: str
    summary: dict[str, Any]

    @property
    def failed_boards(self) -> dict[str, str]:
        return dict(self.summary.get("boards_failed") or {})

    @property
    def monitor_failures(self) -> list[str]:
        return list((self.summary.get("monitor") or {}).get("failures") or [])


@dataclass
class CrawlReport:
    """What ``screener crawl`` prints and decides its exit code from."""

    sources: list[SourceResult] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Spiders that were started but stored no summary (the child process failed)."""
    returncode: int = 0
    reason: str | None = None
    """The last line the child wrote on stderr when it failed (when its stderr was read back)."""
    seconds: float = 0.0
    parent_run: int | None = None
    log_problem: str | None = None
    """Why the spiders' log could not be kept beside the database, if it could not."""

    def totals(self) -> dict[str, Any]:
        total: dict[str, Any] = {key: sum(r.summary.get(key, 0) for r in self.sources) for key in TOTALS}
        dropped: Counter[str] = Counter()
        for result in self.sources:
            dropped.update(result.summary.get("dropped") or {})
        total["dropped"] = dict(dropped)
        total["boards_failed"] = sum(len(r.failed_boards) for r in self.sources)
        return total

    @property
    def failures(self) -> list[str]:
        """Why this night should fail the cron job (nothing crawled, monitor verdicts, unfinished
        spiders)."""
        out = []
        boards = sum(r.summary.get("boards", 0) for r in self.sources)
        if boards and all(len(r.failed_boards) == r.summary.get("boards", 0) for r in self.sources):
            first = next((r.source, b, why) for r in self.sources for b, why in r.failed_boards.items())
            which = "the one board" if boards == 1 else f"all {boards} boards"
            out.append(f"nothing was crawled: {which} failed ({first[0]} board {first[1]!r}: {first[2]})")
        out += [message for result in self.sources for message in result.monitor_failures]
        why = f"exit code {self.returncode}" + (f": {self.reason}" if self.reason else "")
        out += [f"{name}: the crawl did not finish ({why})" for name in self.missing]
        out += [
            f"{r.source}: the crawl stopped before the end ({r.summary.get('finish_reason')})"
            for r in self.sources
            if r.status == "interrupted"
        ]
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "sources": {r.source: {"status": r.status, **r.summary} for r in self.sources},
            "totals": self.totals(),
            "failures": self.failures,
            "seconds": round(self.seconds, 1),
        }


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".crawl.lock")


def log_path(db_path: Path) -> Path:
    """Where ``screener crawl`` off a terminal keeps the spiders' log of the last night."""
    return db_path.with_name(db_path.name + ".crawl.log")


def _unwritable(path: Path) -> str | None:
    """Why ``path`` cannot be opened for writing, or None when it can."""
    try:
        with open(path, "a", encoding="utf-8"):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def last_line(text: str, limit: int = 300) -> str | None:
    """The last line that says something, without its ``Error:`` prefix, at most ``limit`` long."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    line = lines[-1].removeprefix("Error:").strip()
    return line if len(line) <= limit else line[: limit - 3] + "..."


class CrawlLock:
    """The held lock: its file (a child given :attr:`fd` holds the lock too) and who holds it."""

    def __init__(self, handle: IO[str]):
        self.handle = handle
        self.started = time.strftime("%Y-%m-%d %H:%M:%S")

    @property
    def fd(self) -> int:
        return self.handle.fileno()

    def describe(self, spiders_pid: int | None = None) -> None:
        """Write who holds the lock into its file (what a refused crawl prints)."""
        holder = f"pid {os.getpid()}"
        if spiders_pid is not None:
            holder += f", spiders pid {spiders_pid}"
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"{holder}, started {self.started}")
        self.handle.flush()


@contextmanager
def crawl_lock(db_path: Path) -> Iterator[CrawlLock]:
    """Hold the database's crawl lock, or raise :class:`CrawlLocked` naming the holder."""
    path = lock_path(db_path)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = " ".join(handle.read(200).split()) or "another process"
            raise CrawlLocked(
                f"another crawl is already running on {db_path} ({holder}); try again when it has finished"
            ) from None
        lock = CrawlLock(handle)
        lock.describe()
        try:
            yield lock
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def spider_command(
    spiders: Sequence[str],
    *,
    sources_path: Path,
    db_path: Path,
    parent_run: int,
    settings: Mapping[str, str] | None = None,
    python: str = sys.executable,
) -> list[str]:
    """The child's command line: ``python -m scrapy nightly SPIDER... -a sources=... -s ...``."""
    command = [python, "-m", "scrapy", "nightly", *spiders, "-a", f"sources={sources_path}"]
    fixed = {"SCREENER_DB": str(db_path), "SCREENER_PARENT_RUN": str(parent_run)}
    for name, value in {**(settings or {}), **fixed}.items():
        command += ["-s", f"{name}={value}"]
    return command


def run_crawl(
    db_path: Path | str,
    sources_path: Path | str,
    spiders: Sequence[str] = (),
    settings: Mapping[str, str] | None = None,
    *,
    python: str = sys.executable,
    log_path: Path | None = None,
) -> CrawlReport:
    """Crawl the boards of ``sources_path`` (only ``spiders`` when given) into ``db_path``.

    ``settings`` are Scrapy settings for this run (``-s NAME=VALUE``). With ``log_path``, the
    child's log goes there (and nothing to this process's stderr): see the module's text. Raises
    :class:`screener.sources.SourcesError` for a bad sources file, :class:`CrawlLocked` when
    another crawl holds the database, :class:`CrawlError` when the crawl cannot start.
    """
    db_path = Path(db_path).resolve()
    sources_path = Path(sources_path).resolve()
    unknown = [name for name in spiders if name not in SOURCE_TYPES]
    if unknown:
        raise CrawlError(f"unknown spider {unknown[0]!r}; expected one of: {', '.join(SOURCE_TYPES)}")
    if not db_path.parent.is_dir():
        raise CrawlError(f"cannot create database {db_path}: folder {db_path.parent} does not exist")
    present = load_sources(sources_path).types()
    wanted = [name for name in present if not spiders or name in spiders]
    report = CrawlReport()
    if not wanted:
        return report
    started = time.monotonic()
    with crawl_lock(db_path) as lock:
        with Store.open(db_path) as store:
            # Under the lock no other crawl runs: a crawl run still 'running' was killed.
            store.mark_interrupted(kinds=("crawl",))
            report.parent_run = parent = store.begin_run("crawl")
        settings = dict(settings or {})
        if log_path is not None and "LOG_FILE" not in settings:
            problem = _unwritable(log_path)
            if problem:  # the night still runs: its log stays with the captured output
                report.log_problem = f"cannot write the crawl log {log_path} ({problem}); the night ran without it"
            else:
                settings["LOG_FILE"] = str(log_path)
                settings.setdefault("LOG_FILE_APPEND", "0")
        command = spider_command(
            wanted,
            sources_path=sources_path,
            db_path=db_path,
            parent_run=parent,
            settings=settings,
            python=python,
        )
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE}
        with tempfile.TemporaryFile() as captured:
            try:
                # The child holds the lock too: if this process is killed, the spiders still running
                # keep the database until they finish, and no second crawl starts beside them.
                proc = subprocess.Popen(
                    command, env=env, pass_fds=(lock.fd,), stderr=captured if log_path is not None else None
                )
            except OSError as exc:
                raise CrawlError(f"cannot start the spiders ({command[0]}): {exc}") from None
            lock.describe(proc.pid)
            try:
                report.returncode = proc.wait()
            except KeyboardInterrupt:
                # The child got the Ctrl-C too and shuts down cleanly (closing nothing): wait for it.
                report.returncode = proc.wait()
            if log_path is not None:
                captured.seek(0)
                said = captured.read().decode("utf-8", "replace")
                if said.strip() and "LOG_FILE" in settings:
                    try:
                        with open(settings["LOG_FILE"], "a", encoding="utf-8") as log:  # with the rest of the night
                            log.write(said)
                    except OSError as exc:
                        report.log_problem = (
                            f"cannot write the crawl log {settings['LOG_FILE']} ({exc.strerror or exc})"
                        )
                if report.returncode != 0:
                    report.reason = last_line(said)
        report.seconds = time.monotonic() - started
        with Store.open(db_path) as store:
            store.mark_interrupted()  # the runs of spiders killed mid-crawl
            runs = store.runs_after(parent, "crawl")
            order = {name: i for i, name in enumerate(SOURCE_TYPES)}
            runs.sort(key=lambda r: order.get(r["source"], len(order)))
            report.sources = [SourceResult(r["source"], r["status"], r["summary"]) for r in runs]
            seen = {r.source for r in report.sources}
            report.missing = [name for name in wanted if name not in seen]
            store.finish_run(
                parent, "failed" if report.failures else "ok", {**report.totals(), "failures": report.failures}
            )
    return report
