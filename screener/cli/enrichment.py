"""Shared by crawl, import and rank: bring the cached enrichment up to date, with progress."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

_LOADED: dict[tuple[Any, str, float], Any] = {}
"""Predictors already loaded in this process, by model folder and file time: one CLI call loads
the model once; many calls in one process (tests, a notebook) load it once between them. The
loader itself is part of the key, so a substituted loader is always called."""


@contextmanager
def model_errors() -> Iterator[None]:
    """An unusable model file, found when it is loaded or first used, is one line (exit 1)."""
    from screener.levels import ModelIncompatible

    try:
        yield
    except ModelIncompatible as exc:
        raise click.ClickException(str(exc)) from None


def load_predictor_or_fail() -> Any:
    """The level model (or the rule set when none is shipped); an unusable model file is one line.

    The fitted pipeline is read on first use: a rank whose postings are all enriched already
    needs only the model's version, and skips the seconds scikit-learn and skops take to import."""
    from screener.levels import default_models_dir, load_predictor
    from screener.levels.model import MODEL_FILE

    directory = default_models_dir()
    model = directory / MODEL_FILE
    key = (load_predictor, str(directory), model.stat().st_mtime if model.is_file() else 0.0)
    if key not in _LOADED:
        with model_errors():
            predictor = load_predictor(directory, lazy=True)
        _LOADED.clear()  # one model at a time: an older file's entry is never used again
        _LOADED[key] = predictor
    return _LOADED[key]


def enrich_store(store: Any, predictor: Any | None = None) -> int:
    """Enrich pending postings; shows a progress bar on a terminal when there are many."""
    from screener.enrich.run import enrich_pending, pending_count

    predictor = predictor or load_predictor_or_fail()
    todo = pending_count(store, predictor.version)
    if todo == 0:
        return 0
    if todo < 20_000 or not sys.stderr.isatty():
        with model_errors():
            return enrich_pending(store, predictor)
    from rich.progress import Progress

    with model_errors(), Progress(transient=True) as progress:
        task = progress.add_task("Placing postings on the ladder", total=todo)
        return enrich_pending(store, predictor, progress=lambda done: progress.update(task, completed=done))
