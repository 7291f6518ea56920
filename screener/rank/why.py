"""`why`: the rung move and the two components that moved a row's score most, in plain words."""

from __future__ import annotations

import math
from typing import Any

from screener.ladder import LEVEL_RANK, rung_distance_words

LABELS = {
    "supply_chain": "supply chain",
    "customer_service": "customer service",
    "healthcare_admin": "healthcare administration",
    "project_management": "project management",
    "financial_services": "financial services",
    "public_sector": "public sector",
    "consumer_goods": "consumer goods",
    "professional_services": "professional services",
    "hr": "HR",
    "it": "IT",
}


def label(name: str | None) -> str:
    return LABELS.get(name or "", (name or "").replace("_", " "))


def _phrase(
    component: str, value: float, row: dict[str, Any], profile_years: float | None, profile_team: int | None
) -> str:
    good = value >= 0.5
    if component == "function":
        name = label(row.get("function"))
        if value >= 0.99:
            return f"same function ({name})"
        if value >= 0.55:
            return f"related function ({name})"
        return f"other function ({name})" if name else "function unclear"
    if component == "industry":
        name = label(row.get("industry"))
        if value >= 0.99:
            return f"same industry ({name})"
        return f"other industry ({name})" if name else "industry unclear"
    if component == "pay":
        change = row.get("pay_change_pct")
        if change is not None and not (isinstance(change, float) and math.isnan(change)):
            return f"pay {change:+.0f}%"
        if row.get("salary_currency") and not good:
            return f"pay in {row['salary_currency']}" if value == 0.5 else "pay below your minimum"
        return "pay below your minimum" if not good and value != 0.5 else "pay not stated"
    if component == "location":
        where = row.get("city") or row.get("location") or ""
        if row.get("remote") == "remote" and good:
            return "remote"
        return (f"in {where}" if where else "location fits") if good else f"outside your area ({where or 'unknown'})"
    if component == "experience":
        asked = row.get("years_min")
        if asked is None or (isinstance(asked, float) and math.isnan(asked)):
            return "years asked not stated"
        had = f" (you have {profile_years:g})" if profile_years is not None else ""
        return f"asks {asked:g}+ years{had}"
    if component == "scope":
        size = row.get("team_size")
        if size is None or (isinstance(size, float) and math.isnan(size)):
            return "manages people" if good else "no team stated"
        you = f" (you led {profile_team})" if profile_team else ""
        return f"team of {int(size)}{you}"
    if component == "skills":
        return "skills match" if good else "few of your skills named"
    if component == "recency":
        return "posted recently" if good else "posted a while ago"
    return component


def explain(
    row: dict[str, Any],
    contributions: dict[str, float],
    values: dict[str, float],
    profile_rank: int,
    profile_years: float | None,
    profile_team: int | None,
    count: int = 2,
) -> str:
    """'one rung down, same function (operations), pay -12%'.

    The rung comes first, then function (the article's first test of a candidate), then the other
    component that moved the score most; components the posting says nothing about are skipped.
    """
    level = row.get("level")
    parts = []
    if level in LEVEL_RANK:
        parts.append(rung_distance_words(LEVEL_RANK[level] - profile_rank))
    chosen = ["function"]
    informative = {name: c for name, c in contributions.items() if name != "function" and values[name] != 0.5}
    ranked = sorted(informative.items(), key=lambda item: abs(item[1]), reverse=True)
    chosen += [name for name, _ in ranked[: max(0, count - 1)]]
    for component in chosen:
        parts.append(_phrase(component, values[component], row, profile_years, profile_team))
    return ", ".join(parts)
