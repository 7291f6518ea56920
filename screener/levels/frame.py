"""The input frame every predictor reads, with missing columns filled in, and the coarse groups.

A frame has at least ``title``; ``description``, ``department``, ``company``, ``years_min``,
``years_max``, ``hint_months_experience`` and ``hint_experience_level`` are optional, and None,
NaN or a missing column all mean "not known".
"""

from __future__ import annotations

from typing import Any

import numpy as np

from screener.ladder import LEVELS

TEXT_COLUMNS: tuple[str, ...] = (
    "title",
    "description",
    "department",
    "company",
    "hint_experience_level",
)
NUMBER_COLUMNS: tuple[str, ...] = ("years_min", "years_max", "hint_months_experience")
INPUT_COLUMNS: tuple[str, ...] = TEXT_COLUMNS + NUMBER_COLUMNS

GROUPS: tuple[str, ...] = ("junior", "mid_senior", "director", "executive")
"""LinkedIn's seniority classes collapsed as the data README and issue 4 do, in ladder order."""

GROUP_OF_RUNG: np.ndarray = np.array([0, 0, 1, 1, 1, 1, 2, 3, 3])
"""Index into GROUPS for each rung: entry+professional -> junior, senior..senior_manager ->
mid_senior, director -> director, vp+executive -> executive."""

LINKEDIN_GROUP: dict[str, str] = {
    "Internship": "junior",
    "Entry level": "junior",
    "Associate": "junior",
    "Mid-Senior level": "mid_senior",
    "Director": "director",
    "Executive": "executive",
}

assert len(GROUP_OF_RUNG) == len(LEVELS)


def standard_frame(frame: Any):
    """A copy of ``frame`` as a DataFrame with every input column present (str / float, no None).

    Accepts a DataFrame, a list of dicts or a dict of lists; raises ValueError without ``title``.
    """
    import pandas as pd

    data = frame if isinstance(frame, pd.DataFrame) else pd.DataFrame(frame)
    if "title" not in data.columns:
        raise ValueError("the frame has no 'title' column")
    out = pd.DataFrame(index=range(len(data)))
    for name in TEXT_COLUMNS:
        if name in data.columns:
            values = data[name].to_numpy(dtype=object)
            out[name] = [v if isinstance(v, str) else ("" if _missing(v) else str(v)) for v in values]
        else:
            out[name] = ""
    for name in NUMBER_COLUMNS:
        if name in data.columns:
            out[name] = pd.to_numeric(data[name], errors="coerce").astype(float).to_numpy()
        else:
            out[name] = np.nan
    return out


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pd.NA (raises TypeError for NA in a bool context)
    except TypeError:
        return True


def to_groups(proba: np.ndarray) -> np.ndarray:
    """(n, 9) rung probabilities -> (n, 4) group probabilities."""
    out = np.zeros((proba.shape[0], len(GROUPS)))
    for rung, group in enumerate(GROUP_OF_RUNG):
        out[:, group] += proba[:, rung]
    return out
