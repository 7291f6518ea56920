"""`screener import FILE`: postings from JSON Lines or a JobSpy export into the store."""

from __future__ import annotations

import json
from pathlib import Path

import click

from screener.cli.options import db_option, open_store, resolve_db


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-enrich", is_flag=True, help="Store only; place postings on the ladder at the next rank.")
def import_command(file: Path, db_path: Path | None, as_json: bool, no_enrich: bool) -> None:
    """Import postings from FILE: JSON Lines in the record shape, or a JobSpy CSV / JSON export.

    Rows are normalised and deduplicated exactly as crawled postings are. Bad rows are counted
    with their reason and skipped; the good rows of the file are kept.

    \b
    Examples:
      screener import data/sample/postings.jsonl
      screener import jobs.csv --db ~/screener.db
    """
    from screener.importers.run import UnreadableFile, import_file

    if not file.exists():
        raise click.BadParameter(f"{file}: no such file", param_hint="FILE")
    path = resolve_db(db_path, create=True)
    existed = path.exists()
    unreadable = None
    with open_store(path) as store:
        try:
            summary = import_file(file, store)
        except UnreadableFile as exc:
            unreadable = str(exc)
        if unreadable is None and not no_enrich:
            from screener.cli.enrichment import enrich_store

            enriched = enrich_store(store)
        else:
            enriched = 0
    if unreadable is not None:
        if not existed:  # nothing was stored: leave no empty database behind to rank against
            for leftover in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise click.ClickException(unreadable)
    figures = summary.as_dict() | {"enriched": enriched}
    if as_json:
        click.echo(json.dumps(figures, sort_keys=True))
        return
    click.echo(
        f"{file.name}: {figures['read']} read, {figures['added']} added, {figures['updated']} updated, "
        f"{figures['unchanged']} unchanged, {figures['duplicates']} duplicates folded, "
        f"{figures['rejected']} rejected"
    )
    for reason, count in sorted(summary.rejected.items(), key=lambda kv: -kv[1]):
        click.echo(f"  rejected {count} x {reason}")
    for error in summary.errors[:5]:
        click.echo(f"  {error}", err=True)
