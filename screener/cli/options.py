"""Option bundles shared by commands, and the one place library errors become CLI errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

ENV_DB = "SCREENER_DB"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("screener", appauthor=False) / "screener.db"


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar=ENV_DB,
        show_envvar=True,
        default=None,
        help="SQLite database file [default: screener.db in your user data folder].",
    )(command)


def resolve_db(db_path: Path | None, *, create: bool) -> Path:
    if db_path is not None:
        return db_path
    path = default_db_path()
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def open_store(db_path: Path | None, *, create: bool = True, readonly: bool = False) -> Iterator[Any]:
    """The store, with its errors turned into one-line CLI errors."""
    from screener.store import Store, StoreError

    path = resolve_db(db_path, create=create)
    try:
        with Store.open(path, create=create, readonly=readonly) as store:
            yield store
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
