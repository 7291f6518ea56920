"""`screener db ...`: look inside the postings database."""

from __future__ import annotations

import json
from pathlib import Path

import click

from screener.cli.options import db_option, open_store


@click.group()
def db() -> None:
    """Inspect the postings database."""


@db.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a table.")
def stats(db_path: Path | None, as_json: bool) -> None:
    """Postings by source, level and status.

    \b
    Example:
      screener db stats --json | jq .open
    """
    with open_store(db_path, create=False, readonly=True) as store:
        figures = store.stats()
    if as_json:
        click.echo(json.dumps(figures, indent=2, sort_keys=True))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    console.print(
        f"{figures['postings']} postings: {figures['open']} open, {figures['closed']} closed"
        + (f", {figures['not_enriched']} not enriched yet" if figures["not_enriched"] else "")
    )
    sources = Table("source", "open", "closed", title="By source")
    for name, row in figures["by_source"].items():
        sources.add_row(Text(name), str(row["open"]), str(row["closed"]))
    console.print(sources)
    levels = Table("level", "open postings", title="By level")
    for name, count in figures["by_level"].items():
        levels.add_row(name, str(count))
    console.print(levels)
