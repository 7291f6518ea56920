"""Fit components, each 0-1 for every posting at once (pandas / numpy, no per-row loops over the
store). Each function takes the candidate frame and the profile and returns a float array."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd

from screener.enrich.lexicon import FUNCTION_PATTERNS, INDUSTRY_PATTERNS, canonical
from screener.normalize.location import parse_location
from screener.profile import Profile

UNKNOWN = 0.5
"""What a component is worth when the posting does not say."""

RELATED_FUNCTIONS = [
    {"operations", "supply_chain", "procurement", "manufacturing", "facilities"},
    {"retail", "sales", "customer_service", "operations"},
    {"it", "engineering", "data", "product", "project_management"},
    {"finance", "procurement", "administration"},
    {"hr", "administration"},
    {"marketing", "sales", "product"},
    {"healthcare_admin", "operations", "administration"},
    {"hospitality", "retail", "customer_service", "operations"},
]
DEFAULT_WEIGHTS = {
    "function": 3.0,
    "industry": 1.5,
    "skills": 2.0,
    "experience": 1.5,
    "scope": 1.0,
    "pay": 1.5,
    "location": 2.0,
    "recency": 0.5,
}


def profile_functions(profile: Profile) -> list[str]:
    return canonical(profile.functions, FUNCTION_PATTERNS) or canonical([profile.title], FUNCTION_PATTERNS)


def profile_industries(profile: Profile) -> list[str]:
    return canonical(profile.industries, INDUSTRY_PATTERNS)


def _related(functions: list[str]) -> set[str]:
    related: set[str] = set()
    for group in RELATED_FUNCTIONS:
        if group & set(functions):
            related |= group
    return related - set(functions)


def function_fit(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    mine = profile_functions(profile)
    if not mine:
        return np.full(len(frame), UNKNOWN)
    posting = frame["function"]
    return np.select(
        [posting.isin(mine).to_numpy(), posting.isin(_related(mine)).to_numpy(), posting.isna().to_numpy()],
        [1.0, 0.6, 0.35],
        default=0.0,
    )


def industry_fit(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    mine = profile_industries(profile)
    if not mine:
        return np.full(len(frame), UNKNOWN)
    posting = frame["industry"]
    return np.select([posting.isin(mine).to_numpy(), posting.isna().to_numpy()], [1.0, 0.45], default=0.15)


def skills_fit(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """Share of the profile's skills the posting names (title or description)."""
    skills = [s.strip() for s in profile.skills if s.strip()]
    if not skills:
        return np.full(len(frame), UNKNOWN)
    text = (frame["title"].fillna("") + "\n" + frame["description"].fillna("")).str.lower()
    hits = np.zeros(len(frame))
    for skill in skills:
        pattern = r"(?<!\w)" + re.escape(skill.lower()) + r"(?!\w)"
        hits += text.str.contains(pattern, regex=True).to_numpy(dtype=float)
    # naming half of someone's skills is already a strong match
    return np.clip(hits / max(1.0, len(skills) / 2), 0.0, 1.0)


def experience_fit(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """Years asked against years had: short of it costs more than being past it."""
    had = profile.years_experience
    asked = frame["years_min"].to_numpy(dtype=float)
    asked_max = frame["years_max"].to_numpy(dtype=float)
    if had is None:
        return np.full(len(frame), UNKNOWN)
    short = np.clip(asked - had, 0, None)
    ceiling = np.where(np.isnan(asked_max), asked + 8, asked_max + 3)
    over = np.clip(had - ceiling, 0, None)
    fit = np.clip(1.0 - 0.2 * short, 0.0, 1.0) * np.clip(1.0 - 0.03 * over, 0.5, 1.0)
    return np.where(np.isnan(asked), 0.6, fit)


def scope_fit(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """The team the posting manages against the team the profile managed (log-ratio closeness)."""
    size = frame["team_size"].to_numpy(dtype=float)
    people = frame["people_manager"].to_numpy(dtype=float)
    if not profile.team_size:
        return np.where(np.isnan(size), UNKNOWN, 0.7)
    ratio = np.log(np.clip(size, 1, None) / max(profile.team_size, 1))
    known = np.exp(-0.5 * ratio**2)
    # no stated team: a people-manager role is a likely match for a manager, an IC role is not
    return np.where(np.isnan(size), 0.3 + 0.4 * people, known)


def annual_pay(frame: pd.DataFrame) -> np.ndarray:
    low = frame["salary_annual_min"].to_numpy(dtype=float)
    high = frame["salary_annual_max"].to_numpy(dtype=float)
    return np.where(np.isnan(low), high, np.where(np.isnan(high), low, (low + high) / 2))


def same_currency(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    return (frame["salary_currency"].fillna("") == profile.salary.currency).to_numpy()


def pay_fit(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """The top of the range against the profile's minimum; unknown or another currency is 0.5."""
    minimum = profile.salary.minimum
    top = frame["salary_annual_max"].to_numpy(dtype=float)
    top = np.where(np.isnan(top), frame["salary_annual_min"].to_numpy(dtype=float), top)
    if not minimum:
        return np.full(len(frame), UNKNOWN)
    ratio = top / minimum
    fit = np.clip(ratio, 0, 1) ** 3
    return np.where(np.isnan(top) | ~same_currency(frame, profile), UNKNOWN, fit)


def pay_change_pct(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """Midpoint of the posting's annual range against the last salary, in percent (NaN when unknown)."""
    last = profile.salary.last
    if not last:
        return np.full(len(frame), np.nan)
    mid = annual_pay(frame)
    change = np.round((mid - last) / last * 100, 1)
    return np.where(same_currency(frame, profile), change, np.nan)


def _places(profile: Profile) -> tuple[set[str], set[str]]:
    cities, regions = set(), set()
    for text in profile.locations:
        place = parse_location(text)
        if place.city:
            cities.add(place.city.lower())
        if place.region:
            regions.add(place.region.lower())
    return cities, regions


def location_fit(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """1 where the job is where the profile wants to work (remote counts when accepted)."""
    remote = frame["remote"].fillna("unknown").to_numpy()
    is_remote = remote == "remote"
    if profile.remote == "onsite":
        remote_ok = np.zeros(len(frame))
    else:
        remote_ok = np.where(is_remote, 1.0, 0.0)
    cities, regions = _places(profile)
    if not cities and not regions:
        base = np.full(len(frame), 1.0 if profile.remote in ("any", "onsite") else UNKNOWN)
        return np.maximum(base, remote_ok)
    city = frame["city"].fillna("").str.lower().to_numpy()
    region = frame["region"].fillna("").str.lower().to_numpy()
    near = np.where(np.isin(city, list(cities)), 1.0, np.where(np.isin(region, list(regions)), 0.6, 0.05))
    if profile.remote == "remote":
        near = near * np.where(remote == "hybrid", 0.8, 0.4)
    return np.maximum(np.where(is_remote, 0.0, near), remote_ok)


def age_days(frame: pd.DataFrame, today: date | None = None) -> np.ndarray:
    today = today or datetime.now(UTC).date()
    posted = pd.to_datetime(frame["date_posted"], errors="coerce", format="ISO8601")
    seen = pd.to_datetime(frame["first_seen"].str.slice(0, 10), errors="coerce", format="ISO8601")
    when = posted.fillna(seen)
    return (pd.Timestamp(today) - when).dt.days.to_numpy(dtype=float)


def recency_fit(frame: pd.DataFrame, profile: Profile, today: date | None = None) -> np.ndarray:
    age = np.clip(age_days(frame, today), 0, None)
    return np.where(np.isnan(age), UNKNOWN, np.exp(-age / 30.0))


COMPONENTS = {
    "function": function_fit,
    "industry": industry_fit,
    "skills": skills_fit,
    "experience": experience_fit,
    "scope": scope_fit,
    "pay": pay_fit,
    "location": location_fit,
    "recency": recency_fit,
}
