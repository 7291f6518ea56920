"""The `screener` command: wiring only. Each command parses options, calls the library, and ends
in one render step. Heavy libraries (pandas, scikit-learn, Scrapy) are imported inside commands so
`screener --help` stays fast."""

from __future__ import annotations

import os
import sys

import click

from screener import __version__
from screener.cli.crawl import crawl
from screener.cli.db import db
from screener.cli.importing import import_command
from screener.cli.levels import classify, evaluate, train
from screener.cli.ranking import feedback, rank

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="screener")
def cli() -> None:
    """Rank job postings as step-up, parallel and step-back moves for a manager's profile.

    \b
    Quick start:
      screener import data/sample/postings.jsonl
      screener rank --profile data/profiles/ops_senior_manager.yaml -o shortlist.csv

    The database is chosen with --db or SCREENER_DB (default: a file in your user data folder).
    """


for command in (crawl, import_command, rank, feedback, classify, train, evaluate, db):
    cli.add_command(command)


def main() -> None:
    """Console entry point: a failure nobody foresaw is still one line, not a traceback."""
    try:
        code = cli.main(prog_name="screener", standalone_mode=False)
    except SystemExit:
        raise
    except click.UsageError as exc:  # one line, with where to look, not Click's four
        wrong_value = isinstance(exc, click.BadParameter)  # names the option and the problem already
        where = f" (see '{exc.ctx.command_path} -h')" if exc.ctx is not None and not wrong_value else ""
        click.echo(f"Error: {one_line(exc.format_message())}{where}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"Error: {one_line(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("screener: aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("screener: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence; SCREENER_DEBUG=1 shows the traceback
        if os.environ.get("SCREENER_DEBUG"):
            raise
        click.echo(
            f"Error: internal error: {type(exc).__name__}: {one_line(exc)} (set SCREENER_DEBUG=1 for details)", err=True
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception's message as one short line of plain text: it may quote posting text, which
    can hold line breaks or terminal escape sequences."""
    text = "".join(c if c.isprintable() else " " for c in str(exc))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
