"""`screener classify` end to end: read a file of postings, place each on the ladder, write the same
rows back with the level columns added.

Reading and predicting are the level model's (:mod:`screener.levels.classify`); writing is here,
with the shortlist's rule for spreadsheets: no CSV cell can run as a formula (OWASP CSV
injection), since the file is an export of postings from the open web.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from screener.export.cells import cell
from screener.export.csvfile import atomic_write
from screener.levels.classify import JSON_SUFFIXES, ClassifyError, model_frame, predictions, read_postings

OUTPUT_SUFFIXES = (".csv", *JSON_SUFFIXES)


def output_suffix(path: Path) -> str:
    """The output's format from its suffix; ClassifyError for one this command cannot write."""
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise ClassifyError(f"{path}: the output must end in .csv, .jsonl or .json (not {suffix or 'nothing'})")
    return suffix


def classify_file(input_path: Path, output_path: Path, predictor: Any = None) -> int:
    """Classify ``input_path`` into ``output_path`` (format from its suffix); returns rows."""
    from screener.levels import load_predictor

    input_path, output_path = Path(input_path), Path(output_path)
    suffix = output_suffix(output_path)
    kind, rows = read_postings(input_path)
    predictor = predictor if predictor is not None else load_predictor()
    columns = predictions(predictor, model_frame(rows))
    if suffix in JSON_SUFFIXES:
        records = rows if kind == "json" else rows.to_dict(orient="records")
        lines = []
        for i, record in enumerate(records):
            record = dict(record)
            record.update({name: values[i] for name, values in columns.items()})
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        _write(output_path, lambda handle: handle.writelines(lines))
    else:
        import pandas as pd

        frame = rows if kind == "csv" else pd.DataFrame.from_records(rows)
        frame = frame.copy()
        for name in frame.columns:  # the input's own cells: text from the web
            if pd.api.types.is_object_dtype(frame[name]) or pd.api.types.is_string_dtype(frame[name]):
                frame[name] = frame[name].map(cell, na_action="ignore").astype(object)
        for name, values in columns.items():
            frame[name] = pd.array(values, dtype="Int64") if name == "level_rank" else values
        frame.columns = [cell(str(name)) for name in frame.columns]  # the input's header is web text too
        _write(output_path, lambda handle: frame.to_csv(handle, index=False, lineterminator="\n"))
    return len(rows)


def _write(path: Path, write: Any) -> None:
    """``write(text handle)`` into a file that replaces ``path`` only once complete."""
    try:
        with atomic_write(path) as raw:
            handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            write(handle)
            handle.flush()
            handle.detach()  # atomic_write closes the file and moves it into place
    except OSError as error:
        raise ClassifyError(f"cannot write {path}: {error.strerror or error}") from None
