"""CSV out: UTF-8 with a BOM (so Excel reads it as UTF-8), RFC 4180 quoting, CRLF line ends."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from screener.export.cells import cell


@contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """A file that replaces ``path`` only when fully written: a crash never leaves half a
    shortlist over yesterday's."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent if str(path.parent) else Path("."))
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_text(frame: pd.DataFrame) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False, name=None):
        writer.writerow(["" if (v := cell(value)) is None else v for value in row])
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    with atomic_write(path) as handle:
        handle.write(csv_text(frame).encode("utf-8-sig"))
