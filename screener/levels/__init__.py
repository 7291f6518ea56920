"""Place postings and profiles on the seniority ladder.

The public surface is :func:`load_predictor`: it returns the trained model from ``models/`` when
one is there and compatible, otherwise the title-and-description rule set (logging one warning
that says so), and either way an object with ``version``, ``predict_proba(frame)`` -> (n, 9)
array in ladder order and ``people_manager_proba(frame)`` -> (n,) array (``predict_all(frame)``
returns both in one pass). ``frame`` is a pandas DataFrame with at least a ``title`` column;
``description``, ``department``, ``company``, ``years_min``, ``years_max`` and
``hint_months_experience`` / ``hint_experience_level`` are used when present.

A model file made by an incompatible scikit-learn, numpy or skops, or for other rules, raises
:class:`ModelIncompatible` (one line, fit for the CLI to print) instead of being guessed at.
:func:`predict_levels` places bare titles (a profile's current title) with the same predictor.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from screener.levels.model import ModelIncompatible

__all__ = ["ModelIncompatible", "default_models_dir", "load_predictor", "predict_levels"]

log = logging.getLogger(__name__)
_warned: set[str] = set()


def default_models_dir() -> Path:
    """``$SCREENER_MODELS_DIR`` when set, else ``models/`` at the root of the checkout."""
    env = os.environ.get("SCREENER_MODELS_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


def load_predictor(models_dir: str | Path | None = None, *, lazy: bool = False) -> Any:
    """The trained model when ``models_dir`` holds one, else the rule set (with one warning).

    Raises ModelIncompatible when a model file is there but cannot be used as it was measured.
    ``lazy`` defers reading the fitted pipeline to its first prediction (see ``load_model``).
    """
    from screener.levels.model import MODEL_FILE, load_model
    from screener.levels.ruleset import RuleSetPredictor

    directory = Path(models_dir) if models_dir is not None else default_models_dir()
    if not (directory / MODEL_FILE).is_file():
        if str(directory) not in _warned:
            _warned.add(str(directory))
            log.warning(
                "no level model in %s: placing postings with the title and description rules "
                "(train one with `screener train`)",
                directory,
            )
        return RuleSetPredictor()
    return load_model(directory, lazy=lazy)


def predict_levels(predictor: Any, titles: list[str]) -> list[tuple[str, float]]:
    """(level, confidence) for each title, e.g. to infer a profile's rung from its current title."""
    import pandas as pd

    from screener.ladder import LEVELS

    if not titles:
        return []
    proba = predictor.predict_proba(pd.DataFrame({"title": list(titles)}))
    best = proba.argmax(axis=1)
    return [(LEVELS[i], float(proba[row, i])) for row, i in enumerate(best)]
