"""`screener rank` (the shortlist) and `screener feedback` (read the user's edits back)."""

from __future__ import annotations

from contextlib import suppress
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


class ProfileProblem(click.BadParameter):
    """A profile that cannot be used: bad usage (exit 2), said in one line without the usage text."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.message}", err=True, file=file)


def _load_profile(path: Path) -> Any:
    from screener.profile import ProfileError, load_profile

    try:
        return load_profile(path)
    except ProfileError as exc:
        raise ProfileProblem(str(exc), param_hint="--profile") from None


def apply_edits(store: Any, path: Path) -> tuple[int, int, Any]:
    """Read my_status / my_notes from an edited shortlist into the store: a cell that differs from
    what rank wrote into the file (or the file it was copied from) is an edit and is kept; one that
    does not changes nothing (see screener/store/feedback.py).

    Returns (rows read, rows matched to a stored posting, what was saved: a feedback ``Saved``)."""
    from screener.export.readback import UnreadableShortlist, read_edits
    from screener.store.feedback import resolve_ids

    try:
        edits = read_edits(path)
    except UnreadableShortlist as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{path}: {exc.strerror or exc}") from None
    ids = resolve_ids(store.conn, [e.id for e in edits], [e.url for e in edits])
    matched = [(pid, edit.my_status, edit.my_notes) for pid, edit in zip(ids, edits, strict=True) if pid is not None]
    return len(edits), len(matched), store.save_feedback(matched, from_file=str(path.resolve()))


def _record_written(store: Any, path: Path) -> None:
    """Remember what the file just written holds in the user's columns, exactly as reading it back
    yields them (an XLSX cell drops characters XML cannot hold and stops at 32,767 characters)."""
    from screener.export.readback import read_edits

    store.record_written(str(path.resolve()), ((e.id, e.my_status, e.my_notes) for e in read_edits(path)))


def _count(n: int, word: str = "row") -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def older_said(older: int, where: str = "") -> str:
    """The rows a file did not change because edits saved since are newer."""
    return f"left {_count(older, 'row')}{where} as saved since (unchanged in the file)"


def kept_said(saved: Any, name: str) -> str:
    """What rank did with the file it is about to replace: 'kept 2 edits from x.csv, cleared 1'."""
    parts = []
    if saved.saved:
        parts.append(f"kept {_count(saved.saved, 'edit')} from {name}")
    if saved.cleared:
        parts.append(f"cleared {saved.cleared}" if parts else f"cleared {saved.cleared} from {name}")
    if saved.older:
        parts.append(older_said(saved.older, f" in {name}"))
    return ", ".join(parts)


class Days(click.ParamType):
    """A number of days: "7" or "7d"; anything else says what it wants, not "integer range"."""

    name = "days"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().removesuffix("d")
        if text.isdigit() and len(text) <= 5:
            return int(text)
        self.fail(f"{value!r} is not a number of days (e.g. --since 7 for the last week)", param, ctx)


@click.command()
@click.option("--profile", "profile_path", required=True, type=click.Path(path_type=Path), help="Your profile (YAML).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the shortlist here; your my_status / my_notes in an existing CSV or XLSX are kept.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format [default: from -o, else table].")
@click.option("--top", type=click.IntRange(min=1), default=50, show_default=True, help="Rows to keep.")
@click.option(
    "--move",
    "moves",
    callback=_moves,
    metavar="MOVES",
    help="Only these moves, comma-separated: step_back,parallel,step_up (overrides the profile's moves).",
)
@click.option(
    "--new-only",
    is_flag=True,
    help="Only postings first seen since this profile's last shortlist written (-o or JSON; a table is a preview).",
)
@click.option(
    "--since", "since_days", type=Days(), metavar="DAYS", help="Only postings from the last DAYS days (7 or 7d)."
)
@click.option("--min-score", type=click.FloatRange(0, 100), help="Only rows scoring at least this.")
@click.option(
    "--remote",
    type=click.Choice(["any", "remote", "hybrid", "onsite"]),
    help="Override the profile's remote: remote = remote jobs only; hybrid / onsite = jobs in your locations.",
)
@click.option(
    "--location", "locations", multiple=True, metavar="PLACE", help="Override the profile's locations (repeatable)."
)
@click.option(
    "--min-salary",
    type=click.FloatRange(min=0),
    metavar="AMOUNT",
    help="Drop postings whose stated yearly pay tops out below AMOUNT (profile currency; unstated pay is kept).",
)
@click.option(
    "--exclude-company", "exclude", multiple=True, metavar="NAME", help="Leave out this company (repeatable)."
)
@click.option(
    "--all", "show_all", is_flag=True, help="Include rows whose my_status says no ('not interested', 'rejected'...)."
)
@click.option("--no-learn", is_flag=True, help="Do not learn your weighting from the rows you marked.")
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
    remote: str | None,
    locations: tuple[str, ...],
    min_salary: float | None,
    exclude: tuple[str, ...],
    show_all: bool,
    no_learn: bool,
    db_path: Path | None,
) -> None:
    """Rank stored postings for a profile and write the shortlist.

    Rows you marked in my_status / my_notes stay in the shortlist (past --top, the band and the
    place and pay filters; not past --move, --new-only, --since or excluded companies); closed
    postings you marked stay too, with status 'closed'. A my_status that says no hides the row
    unless --all: not interested (or not_interested), not a fit, no, rejected, declined, pass or skip (any case). With
    20 or more rows whose my_status is set, some saying no and some anything else (applied,
    interview, yes...), the weighting is learned from them unless --no-learn.

    \b
    Examples:
      screener rank --profile me.yaml -o shortlist.csv
      screener rank --profile me.yaml --move step_back,parallel --top 20
      screener rank --profile me.yaml --remote remote --min-salary 90000 -o shortlist.xlsx
      screener rank --profile me.yaml --format json --new-only > today.json
    """
    suffix = output.suffix.lower().lstrip(".") if output else ""
    if fmt and suffix in FORMATS and suffix != fmt:
        raise click.BadParameter(
            f"{output.name} is named for {suffix}, not {fmt}; drop --format or name the file .{fmt}",
            param_hint="--format",
        )
    fmt = fmt or (suffix if output else "table")
    if fmt not in FORMATS:
        raise click.BadParameter(f"cannot tell the format from {output}; use --format", param_hint="--format")
    if fmt == "table" and output is not None:
        raise click.BadParameter("the table format prints to the terminal; drop -o", param_hint="--format")
    if fmt in ("csv", "xlsx") and output is None:
        raise click.BadParameter(f"{fmt} output needs -o FILE", param_hint="--format")
    if output is not None and not (output.parent if str(output.parent) else Path(".")).exists():
        raise click.BadParameter(f"folder {output.parent} does not exist", param_hint="--output")
    profile = _load_profile(profile_path)

    from rich.console import Console

    from screener.cli.enrichment import enrich_store, load_predictor_or_fail, model_errors
    from screener.rank.shortlist import RankOptions, build, profile_rung

    to_stdout = output is None and fmt == "json"
    console = Console(stderr=to_stdout)
    profile_key = str(profile_path.resolve())
    with open_store(db_path, create=False) as store:
        kept = None
        if output is not None and fmt in ("csv", "xlsx") and _has_content(output):
            kept = apply_edits(store, output)[2]
        predictor = load_predictor_or_fail()
        enrich_store(store, predictor)
        with model_errors():
            profile_rank, inferred = profile_rung(profile, predictor, store)
        options = RankOptions(
            top=top,
            moves=moves,
            new_only=new_only,
            since_days=since_days,
            min_score=min_score,
            include_not_interested=show_all,
            remote=remote,
            locations=list(locations) or None,
            min_salary=min_salary,
            exclude_companies=list(exclude),
            learn=not no_learn,
        )
        # begun before the store is read: the next rank's "new" starts from this moment
        run_id = store.begin_run("rank", source=profile_key)
        try:
            result = build(store, profile, profile_rank, options, profile_key=profile_key)
            frame = result.rows
            _write(frame, fmt, output, console)
            if output is not None and fmt in ("csv", "xlsx"):
                _record_written(store, output)
        except BaseException:
            with suppress(Exception):  # the first error is the one to tell
                store.finish_run(run_id, "failed", {"delivered": False})
            raise
        store.finish_run(
            run_id,
            "ok",
            {
                "rows": len(frame),
                "considered": result.considered,
                "weights": result.weights,
                "learned_from": result.learned.rows if result.learned else 0,
                "delivered": fmt != "table",  # a terminal table is a preview: it marks nothing seen
                "profile_title": profile.title,
                "profile_rung": profile_rank,
                "rung_inferred": inferred,
                "model": predictor.version,
            },
        )
    from screener.ladder import LEVELS

    level_note = f"{LEVELS[profile_rank]}{' (inferred from your title)' if inferred else ''}"
    counts = frame["move"].value_counts().to_dict()
    moves_note = ", ".join(f"{counts.get(m, 0)} {m}" for m in MOVES)
    target = f" to {output}" if output else ""
    if frame.empty:
        why = "nothing new since this profile's last rank" if new_only else "none pass the filters"
        lines = [f"0 postings{target} for {profile.name} at {level_note}: {why}"]
    else:
        lines = [f"{_count(len(frame), 'posting')}{target} for {profile.name} at {level_note}: {moves_note}"]
    if kept is not None and (kept.changed or kept.older):
        lines.append(kept_said(kept, output.name))
    if result.learned:
        from screener.rank.components import DEFAULT_WEIGHTS

        lines.append(result.learned.summary(DEFAULT_WEIGHTS))
    click.echo("; ".join(lines), err=to_stdout)


def _write(frame: Any, fmt: str, output: Path | None, console: Any) -> None:
    from screener.export.table import render_table

    if fmt == "table":
        if not frame.empty:  # an empty result is said in the summary line, not as an empty table
            render_table(frame, console, limit=len(frame))
        return
    if fmt == "json":
        from screener.export.jsonfile import to_json

        text = to_json(frame)
        if output is None:
            click.echo(text)
            return
        _atomic_text(output, text + "\n")
    elif fmt == "csv":
        from screener.export.csvfile import write_csv

        write_csv(frame, output)
    else:
        from screener.export.xlsx import write_xlsx

        write_xlsx(frame, output)
    if not frame.empty:
        render_table(frame, console, limit=15)


def _has_content(path: Path) -> bool:
    """A previous shortlist to read edits from: an existing file with something in it (an empty
    file, e.g. made by 'touch', is no previous shortlist)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
        return bool(head.strip()) or len(head) == 4096
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise click.ClickException(f"{path}: {exc.strerror or exc}") from None


def _atomic_text(path: Path, text: str) -> None:
    from screener.export.csvfile import atomic_write

    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8"))


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def feedback(file: Path, db_path: Path | None) -> None:
    """Read my_status and my_notes from an edited shortlist (CSV or XLSX) into the database.

    `screener rank -o FILE` does this by itself for the file it is about to replace; use this for
    a copy saved elsewhere (a spreadsheet's "Save as" in another format or folder). Only cells
    you changed count: one still holding what rank wrote changes nothing.

    \b
    Example:
      screener feedback ~/Downloads/shortlist.csv
    """
    with open_store(db_path, create=False) as store:
        read, matched, saved = apply_edits(store, file)
    unmatched = f", {read - matched} rows matched no stored posting" if read > matched else ""
    cleared = f", {saved.cleared} cleared" if saved.cleared else ""
    older = f", {older_said(saved.older)}" if saved.older else ""
    click.echo(f"{file.name}: {read} rows read, {saved.saved} edits saved{cleared}{older}{unmatched}")
