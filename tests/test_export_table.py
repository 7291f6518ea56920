"""The terminal table: every row readable at 80 columns, posting text shown and never run as markup."""

from __future__ import annotations

import io

import pandas as pd
from rich.console import Console

from screener.export.table import render_table

ROWS = pd.DataFrame(
    [
        {
            "rank": 1,
            "score": 88.4,
            "move": "step_back",
            "level": "manager",
            "title": "[bold red]Ops Manager[/]",
            "company": "Northwind Freight",
            "pay_change_pct": -12.0,
            "why": "same function (operations), one rung down, pay -12%",
        },
        {
            "rank": 2,
            "score": 80.0,
            "move": "step_up",
            "level": "director",
            "title": "Director of Operations",
            "company": None,
            "pay_change_pct": float("nan"),
            "why": "same function (operations), one rung up",
        },
    ]
)


def render(width: int) -> str:
    out = io.StringIO()
    render_table(ROWS, Console(file=out, width=width, color_system=None), limit=10)
    return out.getvalue()


def test_narrow_terminal_keeps_every_word_of_why():
    text = render(80)
    assert max(len(line) for line in text.splitlines()) <= 80
    flat = " ".join(text.split())
    for word in ("one rung down,", "pay -12%", "Northwind Freight", "one rung up"):
        assert word.split()[0] in flat
    assert "level" not in text.splitlines()[1]


def test_wide_terminal_has_level_company_and_pay_columns():
    text = render(160)
    header = text.splitlines()[1]
    assert all(name in header for name in ("level", "company", "pay", "why"))
    assert "-12%" in text and "director" in text


def test_markup_in_a_title_is_shown_not_interpreted():
    assert "[bold red]Ops Manager[/]" in " ".join(render(160).split())
