"""The shortlist as a terminal table (rich), for a glance before opening the spreadsheet."""

from __future__ import annotations

import math

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

MOVE_STYLE = {"step_up": "green", "parallel": "cyan", "step_back": "yellow"}


def _fmt_pct(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:+.0f}%"


def render_table(frame: pd.DataFrame, console: Console, title: str | None = None, limit: int = 15) -> None:
    table = Table(title=title, show_lines=False, expand=console.width >= 100)
    for name, kwargs in (
        ("#", {"justify": "right"}),
        ("score", {"justify": "right"}),
        ("move", {}),
        ("level", {}),
        ("title", {"max_width": 34, "overflow": "fold", "ratio": 2}),
        ("company", {"max_width": 20, "overflow": "ellipsis", "ratio": 1}),
        ("pay", {"justify": "right"}),
        ("why", {"min_width": 30, "overflow": "fold", "ratio": 3}),
    ):
        table.add_column(name, **kwargs)
    for row in frame.head(limit).to_dict("records"):
        table.add_row(
            str(row["rank"]),
            f"{row['score']:.0f}",
            Text(str(row["move"]), style=MOVE_STYLE.get(str(row["move"]), "")),
            str(row["level"]),
            Text(str(row["title"] or "")),
            Text(str(row["company"] or "")),
            _fmt_pct(row.get("pay_change_pct")),
            Text(str(row["why"] or "")),
        )
    console.print(table)
