"""The shortlist as a terminal table (rich), for a glance before opening the spreadsheet.

Wide terminals get level, company and pay in their own columns; narrow ones (under 120
columns) fold the company under the title and leave the rest to `why`, which names the rung and
the pay change anyway. Every value from a posting goes in as :class:`rich.text.Text`, so markup in
a title is shown, never interpreted.
"""

from __future__ import annotations

import math

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

MOVE_STYLE = {"step_up": "green", "parallel": "cyan", "step_back": "yellow"}
WIDE = 120


def _fmt_pct(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:+.0f}%"


def _text(value: object) -> Text:
    return Text("" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value))


def render_table(frame: pd.DataFrame, console: Console, title: str | None = None, limit: int = 15) -> None:
    wide = console.width >= WIDE
    table = Table(title=title, show_lines=not wide, expand=True, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("move", no_wrap=True)
    if wide:
        table.add_column("level", no_wrap=True)
    table.add_column("title" if wide else "title / company", ratio=3, overflow="fold")
    if wide:
        table.add_column("company", ratio=2, overflow="ellipsis")
        table.add_column("pay", justify="right", no_wrap=True)
    table.add_column("why", ratio=4, overflow="fold")
    for row in frame.head(limit).to_dict("records"):
        move = Text(str(row["move"]), style=MOVE_STYLE.get(str(row["move"]), ""))
        cells: list[object] = [str(row["rank"]), f"{row['score']:.0f}", move]
        if wide:
            cells += [
                str(row["level"]),
                _text(row["title"]),
                _text(row["company"]),
                _fmt_pct(row.get("pay_change_pct")),
            ]
        else:
            heading = _text(row["title"])
            if row.get("company"):
                heading.append("\n")
                heading.append(_text(row["company"]).plain, style="dim")
            cells.append(heading)
        cells.append(_text(row["why"]))
        table.add_row(*cells)
    console.print(table)
