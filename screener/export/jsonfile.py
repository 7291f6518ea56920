"""JSON out: one array of objects, missing values as null."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def to_json(frame: pd.DataFrame) -> str:
    records = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
    return json.dumps(records, ensure_ascii=False, indent=2)
