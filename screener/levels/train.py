"""Fit the level model on ../shared/data and save it with its metadata (fixed seed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from screener.levels.frame import GROUPS, LINKEDIN_GROUP

DEFAULT_C = 1.0
DEFAULT_SEED = 0


def fit_model(linkedin, *, seed: int = DEFAULT_SEED, C: float = DEFAULT_C):
    """A LevelModel fitted on every LinkedIn row (title, description, coarse group)."""
    from screener.levels.features import build_pipeline
    from screener.levels.model import LevelModel

    y = linkedin["group"].map({g: i for i, g in enumerate(GROUPS)}).to_numpy()
    pipeline = build_pipeline(C=C, seed=seed)
    pipeline.fit(linkedin[["title", "description", "company"]], y)
    return LevelModel(pipeline)


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in ("titles", "descriptions"):
        out[part] = {
            name: {key: round(report[part][name][key], 4) for key in ("macro_f1", "accuracy", "mean_ordinal_error")}
            for name in ("model", "rules", "baseline")
        }
        out[part]["rows"] = report[part]["model"]["rows"]
    out["uber_spearman"] = {
        name: round(report["uber"][name]["predicted_rung"], 4) for name in ("model", "rules", "baseline")
    }
    return out


def train(
    data_dir: Path, out_dir: Path, seed: int = DEFAULT_SEED, *, folds: int = 5, C: float = DEFAULT_C
) -> dict[str, Any]:
    """Cross-validate, fit on all rows, save ``out_dir/level_model.{skops,json}``; metadata."""
    from screener.levels import data
    from screener.levels.evaluate import evaluate

    data_dir = Path(data_dir)
    dataset = data.load(data_dir)
    model = fit_model(dataset.linkedin, seed=seed, C=C)
    report = evaluate(data_dir, folds=folds, seed=seed, C=C, model=model)
    metadata = {
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "seed": seed,
        "data": {
            "source": "../shared/data (see its README): LinkedIn seniority labels, Uber grades for checking only",
            "files": dataset.hashes,
            "rows_trained": len(dataset.linkedin),
            "label_mapping": LINKEDIN_GROUP,
        },
        "classes": list(GROUPS),
        "parameters": {"C": C, "folds": folds},
        "metrics": _summary(report),
    }
    model.save(Path(out_dir), metadata)
    return model.metadata
