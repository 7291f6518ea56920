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
        state = row.get("pay_state")
        currency = row.get("currency") or row.get("salary_currency")
        if state == "currency" or (state is None and value == 0.5 and currency):
            return f"pay in {currency} (not compared)"
        if state == "unclear":
            return "pay figure unclear"
        if value == 0.5:
            return "pay not stated"
        return "pay meets your minimum" if good else "pay below your minimum"
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
        named = row.get("skills_named") or []
        if named:
            return "names " + " and ".join(named[:2]) if len(named) <= 2 else f"names {len(named)} of your skills"
        return "close to your experience" if good else "few of your skills named"
    if component == "recency":
        return "posted recently" if good else "posted a while ago"
    return component


MOVE_DIRECTION = {"step_up": 1, "parallel": 0, "step_back": -1}
UNSURE = {"step_up": "probably a step up", "parallel": "probably your rung", "step_back": "probably a step back"}


def rung_words(gap: int, move: str | None) -> str:
    """The rung phrase, never at odds with the row's move.

    ``level`` is the most likely rung and ``move`` the likeliest direction (probabilities summed per
    side, DESIGN.md "Moves"); when they point different ways ("Director of First Impressions":
    director is the single likeliest rung, but most of the weight is below yours), the move wins
    and the level is said to be uncertain."""
    direction = (gap > 0) - (gap < 0)
    if move not in MOVE_DIRECTION or MOVE_DIRECTION[move] == direction:
        return rung_distance_words(gap)
    return f"{UNSURE[move]} (level uncertain)"


def explain(
    row: dict[str, Any],
    contributions: dict[str, float],
    values: dict[str, float],
    profile_rank: int,
    profile_years: float | None,
    profile_team: int | None,
    count: int = 2,
) -> str:
    """'same function (operations), one rung down, pay -12%'.

    Function first (the article's first test of a candidate), then the rung, the pay (its change
    against the last salary, or why it cannot be compared), then the other components that moved
    the score most (``count`` reasons besides the rung in all); components the posting says
    nothing about are skipped.
    """
    parts = [_phrase("function", values["function"], row, profile_years, profile_team)]
    level = row.get("level")
    if level in LEVEL_RANK:
        parts.append(rung_words(LEVEL_RANK[level] - profile_rank, row.get("move")))
    parts.append(_phrase("pay", values["pay"], row, profile_years, profile_team))
    skip = {"function", "pay"}
    informative = {name: c for name, c in contributions.items() if name not in skip and values[name] != 0.5}
    ranked = [name for name, _ in sorted(informative.items(), key=lambda item: abs(item[1]), reverse=True)]
    for component in ranked[: max(0, count - 1)]:
        parts.append(_phrase(component, values[component], row, profile_years, profile_team))
    return ", ".join(parts)
