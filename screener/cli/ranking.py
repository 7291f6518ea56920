"""`screener rank` (the shortlist) and `screener feedback` (read the user's edits back)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from screener.cli.options import db_option, open_store
from screener.ladder import MOVES

FORMATS = ("csv", "xlsx", "json", "table")


def _moves(ctx: click.Context, param: click.Parameter, value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [v.strip() for v in value.split(",") if v.strip()]
    bad = [n for n in names if n not in MOVES]
    if bad:
        raise click.BadParameter(f"unknown move {bad[0]!r}; choose from {', '.join(MOVES)}")
    return names


def _load_profile(path: Path) -> Any:
    from screener.profile import ProfileError, load_profile

    try:
        return load_profile(path)
    except ProfileError as exc:
        raise click.BadParameter(str(exc), param_hint="--profile") from None


def apply_edits(store: Any, path: Path) -> int:
    """Read my_status / my_notes from an edited shortlist into the store; returns rows changed."""
    from screener.export.readback import UnreadableShortlist, read_edits
    from screener.store.feedback import resolve_ids

    try:
        edits = read_edits(path)
    except UnreadableShortlist as exc:
        raise click.ClickException(str(exc)) from None
    ids = resolve_ids(store.conn, [e.id for e in edits], [e.url for e in edits])
    return store.save_feedback(
        (pid, edit.my_status, edit.my_notes) for pid, edit in zip(ids, edits, strict=True) if pid is not None
    )


@click.command()
@click.option("--profile", "profile_path", required=True, type=click.Path(path_type=Path), help="Your profile (YAML).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the shortlist here; your my_status / my_notes in an existing file are kept.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format [default: from -o, else table].")
@click.option("--top", type=click.IntRange(min=1), default=50, show_default=True, help="Rows to keep.")
@click.option(
    "--move",
    "moves",
    callback=_moves,
    metavar="MOVES",
    help="Only these moves, comma-separated: step_back,parallel,step_up.",
)
@click.option("--new-only", is_flag=True, help="Only postings first seen since the last rank.")
@click.option(
    "--since", "since_days", type=click.IntRange(min=0), metavar="DAYS", help="Only postings from the last DAYS days."
)
@click.option("--min-score", type=click.FloatRange(0, 100), help="Only rows scoring at least this.")
@click.option("--all", "show_all", is_flag=True, help="Include rows you marked 'not interested'.")
@db_option
def rank(
    profile_path: Path,
    output: Path | None,
    fmt: str | None,
    top: int,
    moves: list[str] | None,
    new_only: bool,
    since_days: int | None,
    min_score: float | None,
    show_all: bool,
    db_path: Path | None,
) -> None:
    """Rank stored postings for a profile and write the shortlist.

    \b
    Examples:
      screener rank --profile me.yaml -o shortlist.csv
      screener rank --profile me.yaml --move step_back,parallel --top 20
      screener rank --profile me.yaml --format json --new-only > today.json
    """
    profile = _load_profile(profile_path)
    fmt = fmt or (output.suffix.lower().lstrip(".") if output else "table")
    if fmt not in FORMATS:
        raise click.BadParameter(f"cannot tell the format from {output}; use --format", param_hint="--format")
    if output is not None and not (output.parent if str(output.parent) else Path(".")).exists():
        raise click.BadParameter(f"folder {output.parent} does not exist", param_hint="--output")

    from rich.console import Console

    from screener.cli.enrichment import enrich_store, load_predictor_or_fail
    from screener.rank.shortlist import RankOptions, build, finalize, profile_rung

    console = Console(stderr=output is None and fmt != "table")
    with open_store(db_path, create=False) as store:
        kept = apply_edits(store, output) if output is not None and output.exists() else 0
        predictor = load_predictor_or_fail()
        enrich_store(store, predictor)
        profile_rank, inferred = profile_rung(profile, predictor)
        options = RankOptions(
            top=top,
            moves=moves,
            new_only=new_only,
            since_days=since_days,
            min_score=min_score,
            include_not_interested=show_all,
        )
        frame = finalize(build(store, profile, profile_rank, options))
        _write(frame, fmt, output, console)
        run_id = store.begin_run("rank", source=profile_path.name)
        store.finish_run(run_id, "ok", {"rows": len(frame)})
    from screener.ladder import LEVELS

    level_note = f"{LEVELS[profile_rank]}{' (inferred from your title)' if inferred else ''}"
    counts = frame["move"].value_counts().to_dict()
    moves_note = ", ".join(f"{counts.get(m, 0)} {m}" for m in MOVES)
    target = f" to {output}" if output else ""
    kept_note = f"; kept {kept} edits from the previous file" if kept else ""
    click.echo(
        f"{len(frame)} postings{target} for {profile.name} at {level_note}: {moves_note}{kept_note}",
        err=output is None and fmt != "table",
    )


def _write(frame: Any, fmt: str, output: Path | None, console: Any) -> None:
    if fmt == "table":
        from screener.export.table import render_table

        render_table(frame, console, limit=len(frame) if output is None else 15)
        if output is not None:
            raise click.BadParameter("the table format prints to the terminal; drop -o", param_hint="--format")
        return
    if fmt == "json":
        from screener.export.jsonfile import to_json

        text = to_json(frame)
        if output is None:
            click.echo(text)
        else:
            output.write_text(text + "\n", encoding="utf-8")
        return
    if output is None:
        raise click.BadParameter(f"{fmt} output needs -o FILE", param_hint="--format")
    if fmt == "csv":
        from screener.export.csvfile import write_csv

        write_csv(frame, output)
    else:
        from screener.export.xlsx import write_xlsx

        write_xlsx(frame, output)
    from screener.export.table import render_table

    render_table(frame, console, limit=15)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def feedback(file: Path, db_path: Path | None) -> None:
    """Read my_status and my_notes from an edited shortlist (CSV or XLSX) into the database.

    `screener rank -o FILE` does this by itself for the file it is about to replace.
    """
    with open_store(db_path, create=False) as store:
        changed = apply_edits(store, file)
    click.echo(f"{file.name}: {changed} edits saved")
