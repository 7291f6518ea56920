"""Classify a file of postings: CSV, JSON Lines or a JSON array in, the same rows out with rungs.

Every input column is kept as it was (CSV cells are read as text, JSON values as they were) and
the row order is kept; the output adds ``level``, ``level_rank``, ``level_confidence``, one
``p_<level>`` per rung and ``people_manager``. A JobSpy export works as it is: its ``job_level``
is read as the board's level hint.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from screener.ladder import LEVELS, PROBA_COLUMNS

OUTPUT_COLUMNS: tuple[str, ...] = (
    "level",
    "level_rank",
    "level_confidence",
    *PROBA_COLUMNS,
    "people_manager",
)
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


class ClassifyError(ValueError):
    """A problem with the input or output file, said in one line."""


def _read_json(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except ValueError as error:
            raise ClassifyError(f"{path} is not valid JSON: {error}") from None
    else:
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except ValueError as error:
                raise ClassifyError(f"{path} line {number} is not valid JSON: {error.msg}") from None
    if not all(isinstance(r, dict) for r in records):
        raise ClassifyError(f"{path}: every JSON record must be an object")
    return records


def read_postings(path: Path) -> tuple[str, Any]:
    """("csv", DataFrame of text cells) or ("json", list of dicts); raises ClassifyError."""
    import pandas as pd

    path = Path(path)
    if path.suffix.lower() in JSON_SUFFIXES:
        records = _read_json(path)
        columns = set().union(*(r.keys() for r in records)) if records else set()
        if records and "title" not in columns:
            raise ClassifyError(f"{path} has no 'title' field")
        return "json", records
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=_delimiter(path), index_col=False
        )
    except pd.errors.EmptyDataError:
        raise ClassifyError(f"{path} is empty") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ClassifyError(f"{path} is not a readable CSV file: {first}") from None
    if "title" not in frame.columns:
        shown = ", ".join(map(str, frame.columns[:8]))
        raise ClassifyError(f"{path} has no 'title' column (columns: {shown})")
    return "csv", frame


def _delimiter(path: Path) -> str:
    """The CSV's delimiter as a spreadsheet saved it: ``,``, ``;`` (European locales) or a tab,
    whichever the header line holds most of (the header names no posting text, so it cannot mislead
    the way a sniffer reading quoted descriptions can)."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            header = handle.readline(65_536)
    except OSError:
        return ","
    return max((",", ";", "\t"), key=header.count)


def model_frame(rows):
    """The columns the predictor reads, from input rows (JobSpy's job_level as the level hint)."""
    import pandas as pd

    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(rows)
    if len(frame.columns) == 0:
        frame = pd.DataFrame({"title": [""] * len(rows)})
    out = pd.DataFrame(index=range(len(frame)))
    for name in (
        "title",
        "description",
        "department",
        "company",
        "years_min",
        "years_max",
        "hint_months_experience",
        "hint_experience_level",
    ):
        if name in frame.columns:
            out[name] = frame[name].to_numpy(dtype=object)
    if "hint_experience_level" not in out.columns and "job_level" in frame.columns:
        out["hint_experience_level"] = frame["job_level"].to_numpy(dtype=object)
    if "title" not in out.columns:
        out["title"] = ""
    return out


def predictions(predictor: Any, frame) -> dict[str, list[Any]]:
    """The output columns for a model frame, as plain Python values."""
    if len(frame) == 0:
        return {name: [] for name in OUTPUT_COLUMNS}
    if hasattr(predictor, "predict_all"):
        proba, people = predictor.predict_all(frame)
    else:
        proba, people = predictor.predict_proba(frame), predictor.people_manager_proba(frame)
    best = proba.argmax(axis=1)
    titled = [isinstance(t, str) and bool(t.strip()) for t in frame["title"]]

    def values(numbers) -> list[Any]:
        """Rounded, and None where the row has no title: nothing to place on the ladder."""
        return [round(float(v), 4) if ok else None for v, ok in zip(numbers, titled, strict=True)]

    out: dict[str, list[Any]] = {
        "level": [LEVELS[i] if ok else None for i, ok in zip(best, titled, strict=True)],
        "level_rank": [int(i) if ok else None for i, ok in zip(best, titled, strict=True)],
        "level_confidence": values(proba[np.arange(len(best)), best]),
    }
    for i, name in enumerate(PROBA_COLUMNS):
        out[name] = values(proba[:, i])
    out["people_manager"] = values(people)
    return out
