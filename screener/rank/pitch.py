"""For step-back rows: how likely an employer sees the user as overqualified, and a short pitch.

The pitch answers the three doubts hiring people have about a step back (the seed article,
"Can you step back to move forward in your management career?"): that the candidate really wants
this job despite the rung, can live with its pay (naming the actual gap), and will prove
themselves like anyone else without wearing the old rank on their sleeve. Each point is tailored
to the posting: its title, company, function, industry, team and the user's skills it names.
"""

from __future__ import annotations

import math
from typing import Any

from screener.rank.why import label

RISKS = ("low", "medium", "high")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def overqualification_risk(
    rung_gap: int, years_had: float | None, years_asked: float | None, pay_change_pct: float | None
) -> str:
    """low / medium / high from the rungs stepped down, the years past what is asked, the pay cut."""
    points = min(max(rung_gap, 0), 3)
    if years_had is not None and not _missing(years_asked) and years_had - years_asked >= 10:
        points += 1
    if not _missing(pay_change_pct):
        if pay_change_pct <= -40:
            points += 2
        elif pay_change_pct <= -20:
            points += 1
    return RISKS[0] if points <= 1 else RISKS[1] if points <= 2 else RISKS[2]


def money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


def _want(row: dict[str, Any], same_function: bool, same_industry: bool, my_functions: list[str]) -> str:
    title = str(row["title"])
    at = f" at {row['company']}" if row.get("company") else ""
    function = label(row.get("function"))
    industry = label(row.get("industry"))
    if same_function:
        where = f" in {industry}" if same_industry and industry and industry != function else ""
        return f"I want this job: {title}{at} is the {function} work I know best{where}; I want to be hands-on again."
    if same_industry and industry:
        return f"I want this job: {title}{at} keeps me in {industry}, where I built my career; a choice."
    mine = label(my_functions[0]) if my_functions else "management"
    return f"I want this job: {title}{at} puts my {mine} experience to work in {function or 'a new area'}, on purpose."


def _pay(row: dict[str, Any], last: float | None, currency: str) -> str:
    change = row.get("pay_change_pct")
    top = row.get("salary_annual_max")
    top = row.get("salary_annual_min") if _missing(top) else top
    if not _missing(change) and last:
        # the percentage is pay_change_pct (the middle of the range), as in `why`; the top of the
        # range is named with its own figure, so no number in the row contradicts another
        reach = None if _missing(top) else (top - last) / last * 100
        offered = "" if _missing(top) else f"tops at {money(top, currency)}, "
        if change > 2:
            return f"Pay: {offered}above my last salary; no gap to explain."
        if change >= -2:
            return f"Pay: {offered}in line with my last salary; no gap to explain."
        below = f"{abs(change):.0f}% below my last {money(last, currency)}"
        if reach is None:
            return f"Pay: {below}; I have planned for it and it is fair for the role."
        if reach >= -2:
            reaches = f"which reaches it ({money(top, currency)}); I would aim high in it."
            return f"Pay: {below} at the middle of the range, {reaches}"
        return (
            f"Pay: {below} (the top, {money(top, currency)}, is {abs(reach):.0f}% below); "
            "I have planned for it and it is fair for the role."
        )
    posting_currency = row.get("currency") or row.get("salary_currency")
    if posting_currency and posting_currency != currency and not _missing(top):
        return f"Pay: quoted in {posting_currency}; I will know the gap to my last salary before the first call."
    said = "unclear" if row.get("pay_state") == "unclear" else "not stated"
    if last:
        return f"Pay: {said}; I will ask early, and a fair rate for the role is fine after {money(last, currency)}."
    return f"Pay: {said}; I will ask early, and I expect the rate for the role, not my old one."


def _prove(row: dict[str, Any], skills: list[str], team: int | None, years_management: float | None) -> str:
    if skills:
        what = f"my {' and '.join(skills[:2])} background"
    elif years_management:
        what = f"{years_management:g} years of leading people"
    elif team:
        what = f"my experience leading {team} people"
    else:
        what = "my experience"
    theirs = row.get("team_size")
    team_note = f" and the team of {int(theirs)}" if not _missing(theirs) else ""
    return f"Proving myself: I will earn my place like anyone new, with {what} behind my new manager{team_note}."


def pitch(
    row: dict[str, Any],
    *,
    same_function: bool,
    same_industry: bool,
    my_functions: list[str],
    skills: list[str],
    last_salary: float | None,
    currency: str,
    team: int | None,
    years_management: float | None,
) -> str:
    """Three short talking points, numbered, in one cell."""
    points = [
        _want(row, same_function, same_industry, my_functions),
        _pay(row, last_salary, currency),
        _prove(row, skills, team, years_management),
    ]
    return " ".join(f"{i}) {p}" for i, p in enumerate(points, start=1))
