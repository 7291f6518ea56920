"""CSV out: UTF-8 with a BOM (so Excel reads it as UTF-8), RFC 4180 quoting, CRLF line ends."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import pandas as pd

from screener.export.cells import cell


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write atomically: a crash never leaves a half-written shortlist over yesterday's."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow(list(frame.columns))
            for row in frame.itertuples(index=False, name=None):
                writer.writerow(["" if (v := cell(value)) is None else v for value in row])
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
