"""`screener crawl`: run the spiders over the sources file, store, enrich, summarise."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from screener.cli.options import db_option, open_store, resolve_db
from screener.sources import SOURCE_TYPES


class SourcesProblem(click.BadParameter):
    """A sources file that cannot be used: bad usage (exit 2), said in one line without the usage
    text (the message names the file, the entry and the field)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.message}", err=True, file=file)


class SettingProblem(click.BadParameter):
    """A ``-s`` value that cannot be used: bad usage (exit 2), in one line naming the setting."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.message}", err=True, file=file)


def parse_settings(values: tuple[str, ...]) -> dict[str, str]:
    settings: dict[str, str] = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise SettingProblem(f"-s expects NAME=VALUE, got {value!r}", param_hint="-s")
        settings[name.strip()] = setting
    return settings


def check_settings(settings: dict[str, str]) -> None:
    """Each ``-s`` value tried as Scrapy will read it, before anything starts (one line, exit 2)."""
    from screener.crawlsettings import SettingError, scrapy_defaults
    from screener.crawlsettings import check_settings as check

    try:
        check(settings, scrapy_defaults())
    except SettingError as exc:
        raise SettingProblem(str(exc), param_hint="-s") from None


@click.command("crawl")
@click.argument("spiders", nargs=-1, type=click.Choice(SOURCE_TYPES), metavar="[SPIDER]...")
@click.option(
    "--sources",
    "sources_path",
    type=click.Path(path_type=Path),  # a folder is refused by the loader, in the same one line as the rest
    envvar="SCREENER_SOURCES",
    show_envvar=True,
    default="sources.yaml",
    show_default=True,
    help="The sources file (see data/sources.example.yaml).",
)
@click.option(
    "-s",
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="A Scrapy setting for this run, as `scrapy crawl -s` (repeatable).",
)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-enrich", is_flag=True, help="Store only; place postings on the ladder at the next rank.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Scrapy's INFO log on stderr (default: warnings, on a terminal only)."
)
def crawl(
    spiders: tuple[str, ...],
    sources_path: Path,
    settings: tuple[str, ...],
    db_path: Path | None,
    as_json: bool,
    no_enrich: bool,
    verbose: bool,
) -> None:
    """Crawl the job boards of the sources file into the database (all spiders, or SPIDER...).

    Postings seen again are updated, postings a board no longer lists are closed (a board that
    failed tonight closes nothing), and a summary per source is printed and stored. The exit code
    is 1 when a board that had postings last night has none, every board failed, or too many
    postings were dropped, so cron mails you about a bad night (see "Crawling every night" in
    README.md). On a terminal a progress line and warnings show on stderr; elsewhere only a bad
    night's one line does, and the spiders' warnings and errors go to DB.crawl.log beside the
    database (the last night's).

    \b
    Examples:
      screener crawl --sources sources.yaml
      screener crawl greenhouse lever -s CONCURRENT_REQUESTS_PER_DOMAIN=1
      screener crawl -s HTTPCACHE_ENABLED=1 -v        # while writing a spider
    """
    from screener.crawl import CrawlError, log_path, run_crawl
    from screener.sources import SourcesError

    scrapy_settings = parse_settings(settings)
    check_settings(scrapy_settings)
    terminal = sys.stderr.isatty()
    # Under cron, stderr is the mail: only a bad night's line goes there. The spiders' log goes to
    # a file beside the database (failed boards are in the summary on stdout), unless asked for.
    keep_log = not terminal and not verbose and "LOG_LEVEL" not in scrapy_settings
    scrapy_settings.setdefault("LOG_LEVEL", "INFO" if verbose else "WARNING")
    if terminal and not verbose:
        scrapy_settings.setdefault("SCREENER_PROGRESS", "1")
    if not sources_path.exists():
        raise SourcesProblem(
            f"{sources_path}: no such file (copy data/sources.example.yaml to start one)", param_hint="--sources"
        )
    from screener.store import StoreError

    try:
        db = resolve_db(db_path, create=True)
        report = run_crawl(db, sources_path, spiders, scrapy_settings, log_path=log_path(db) if keep_log else None)
    except SourcesError as exc:
        raise SourcesProblem(str(exc), param_hint="--sources") from None
    except (CrawlError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # the data folder cannot be made, a folder is read-only
        raise click.ClickException(f"{exc.filename or 'database'}: {exc.strerror or exc}") from None
    if report.returncode == 2 and not report.sources:
        # The spiders refused a -s value before starting: their one line, read back off a
        # terminal (on a terminal they said it there already).
        if report.reason:
            raise SettingProblem(report.reason, param_hint="-s")
        raise click.exceptions.Exit(2)
    enriched = 0
    if not no_enrich and report.sources:
        from screener.cli.enrichment import enrich_store

        with open_store(db) as store:
            enriched = enrich_store(store)
    figures = report.as_dict() | {"enriched": enriched}
    if report.log_problem:
        figures["log_problem"] = report.log_problem
    if as_json:
        click.echo(json.dumps(figures, sort_keys=True))
    else:
        render(figures)
        if report.log_problem:
            click.echo(report.log_problem)
    failures = report.failures
    if failures:
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        raise click.ClickException(f"bad night: {failures[0]}{more}")


def _dropped(dropped: dict[str, int]) -> str:
    if not dropped:
        return "0"
    reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{sum(dropped.values())} ({reasons})"


def render(figures: dict[str, Any]) -> None:
    """The night in a few lines: one per source, a total, then what failed."""
    sources = figures["sources"]
    if not sources:
        if not figures["failures"]:  # else the spiders failed before storing anything: said on stderr
            click.echo("Nothing to crawl: no enabled entries for these spiders in the sources file.")
        return
    header = ("source", "boards", "failed", "fetched", "new", "updated", "closed", "dropped")
    rows = [
        (
            name,
            str(s["boards"]),
            str(len(s.get("boards_failed") or {})),
            str(s["fetched"]),
            str(s["new"]),
            str(s["updated"]),
            str(s["closed"]),
            _dropped(s.get("dropped") or {}),
        )
        for name, s in sources.items()
    ]
    total = figures["totals"]
    rows.append(
        (
            "total",
            str(total["boards"]),
            str(total["boards_failed"]),
            str(total["fetched"]),
            str(total["new"]),
            str(total["updated"]),
            str(total["closed"]),
            _dropped(total["dropped"]),
        )
    )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo(
            "  ".join(
                cell.ljust(w) if i in (0, 7) else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
    click.echo(
        f"{total['unchanged']} unchanged, {total['duplicates']} duplicates folded, {total['reopened']} reopened; "
        f"{figures['enriched']} enriched; {figures['seconds']:.0f}s"
    )
    for name, s in sources.items():
        failed = s.get("boards_failed") or {}
        if failed:
            shown = ", ".join(f"{board} ({why})" for board, why in list(failed.items())[:10])
            extra = f" and {len(failed) - 10} more" if len(failed) > 10 else ""
            click.echo(f"{name}: failed boards, nothing closed: {shown}{extra}")
    for failure in figures["failures"]:
        click.echo(f"monitor: {failure}")
