"""`screener train`, `screener evaluate`, `screener classify`: wiring only.

Heavy libraries (pandas, scikit-learn, skops) are imported inside the commands, so `screener
--help` stays fast. The lead's group registers these with ``cli.add_command(...)``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def _default_data_dir() -> Path | None:
    from screener.levels.data import default_data_dir

    return default_data_dir()


def _data_dir(data: Path | None) -> Path:
    if data is not None:
        return data
    found = _default_data_dir()
    if found is None:
        raise click.UsageError("no --data given and ../shared/data was not found beside the repository")
    return found


def _labelled_data_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--data``, ``--seed`` and ``--folds``: what `train` and `evaluate` both measure on."""
    for option in reversed(
        (
            click.option(
                "--data",
                "data",
                type=click.Path(exists=True, file_okay=False, path_type=Path),
                help="Folder with the labelled files (default: ../shared/data beside the repository).",
            ),
            click.option("--seed", type=int, default=0, show_default=True, help="Random seed (folds, solver)."),
            click.option(
                "--folds",
                type=click.IntRange(2, 20),
                default=5,
                show_default=True,
                help="Cross-validation folds (held-out metrics, grouped by normalised title).",
            ),
        )
    ):
        command = option(command)
    return command


@click.command()
@_labelled_data_options
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write level_model.skops and level_model.json (default: models/).",
)
def train(data: Path | None, out: Path | None, seed: int, folds: int) -> None:
    """Fit the level model and save it with its metadata.

    \b
    Example:
      screener train --data ../shared/data
    """
    from screener.levels import default_models_dir
    from screener.levels.train import train as run_train

    data_dir = _data_dir(data)
    out_dir = out if out is not None else default_models_dir()
    try:
        metadata = run_train(data_dir, out_dir, seed=seed, folds=folds)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from None
    titles = metadata["metrics"]["titles"]
    click.echo(
        f"saved {out_dir / 'level_model.skops'}: held-out macro-F1 on titles "
        f"{titles['model']['macro_f1']:.3f} "
        f"(keyword baseline {titles['baseline']['macro_f1']:.3f})"
    )


@click.command()
@_labelled_data_options
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def evaluate(data: Path | None, seed: int, folds: int, as_json: bool) -> None:
    """Measure the level model beside the rule set and the title-keyword baseline.

    Held-out figures come from cross-validation grouped by normalised title; the Uber grades
    check the order of the rungs.

    \b
    Example:
      screener evaluate --data ../shared/data
    """
    from screener.levels.evaluate import evaluate as run_evaluate
    from screener.levels.evaluate import render

    try:
        report = run_evaluate(_data_dir(data), folds=folds, seed=seed)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(report, indent=2) if as_json else render(report))


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file: .csv (no cell can run as a formula), or .jsonl / .json for JSON Lines.",
)
@click.option(
    "--models",
    "models_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with the level model (default: models/ or $SCREENER_MODELS_DIR).",
)
def classify(input_path: Path, output_path: Path, models_dir: Path | None) -> None:
    """Put every posting of a CSV or JSON Lines file on the seniority ladder.

    Every input column is kept; the output adds level, level_rank, level_confidence, one
    p_<level> column per rung and people_manager.

    \b
    Example:
      screener classify jobspy_export.csv -o classified.csv
    """
    from screener.export.classified import classify_file, output_suffix
    from screener.levels import ModelIncompatible, load_predictor
    from screener.levels.classify import ClassifyError

    try:
        output_suffix(output_path)  # before the seconds the model takes to load
        predictor = load_predictor(models_dir)
        count = classify_file(input_path, output_path, predictor)
    except (ClassifyError, ModelIncompatible) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"classified {count} postings into {output_path} ({predictor.version})")
