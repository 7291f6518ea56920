"""Fit components, each 0-1 for a whole chunk of postings at once (pandas / numpy, no per-row
loops). Each function takes the candidate frame and the profile and returns a float array."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd

from screener.enrich.lexicon import FUNCTION_PATTERNS, INDUSTRY_PATTERNS, canonical
from screener.normalize.location import parse_location
from screener.profile import FIT_COMPONENTS, Profile

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


PLAUSIBLE_RATIO = (0.3, 5.0)
"""A stated yearly pay outside this multiple of the profile's own salary is a misread (a budget, a
401(k) match, an hourly rate taken for a yearly one) more often than a real offer: not compared."""
PLAUSIBLE_ABSOLUTE = (5_000.0, 2_000_000.0)
"""The same guard when the profile names no salary."""


def annual_pay(frame: pd.DataFrame) -> np.ndarray:
    low = frame["salary_annual_min"].to_numpy(dtype=float)
    high = frame["salary_annual_max"].to_numpy(dtype=float)
    return np.where(np.isnan(low), high, np.where(np.isnan(high), low, (low + high) / 2))


def same_currency(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    return (frame["salary_currency"].fillna("") == profile.salary.currency).to_numpy()


def pay_state(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """Per posting: 'ok' (comparable), 'unstated', 'currency' (another currency), 'unclear' (a
    figure too far from the profile's own salary to be a real offer)."""
    mid = annual_pay(frame)
    reference = profile.salary.last or profile.salary.minimum
    if reference:
        low, high = PLAUSIBLE_RATIO[0] * reference, PLAUSIBLE_RATIO[1] * reference
    else:
        low, high = PLAUSIBLE_ABSOLUTE
    return np.select(
        [np.isnan(mid), ~same_currency(frame, profile), (mid < low) | (mid > high)],
        ["unstated", "currency", "unclear"],
        default="ok",
    )


def pay_fit(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """The top of the range against the profile's minimum; not comparable (see :func:`pay_state`) is 0.5."""
    minimum = profile.salary.minimum
    top = frame["salary_annual_max"].to_numpy(dtype=float)
    top = np.where(np.isnan(top), frame["salary_annual_min"].to_numpy(dtype=float), top)
    if not minimum:
        return np.full(len(frame), UNKNOWN)
    fit = np.clip(top / minimum, 0, 1) ** 3
    return np.where(pay_state(frame, profile) == "ok", fit, UNKNOWN)


def pay_change_pct(frame: pd.DataFrame, profile: Profile) -> np.ndarray:
    """Midpoint of the posting's annual range against the last salary, in percent (NaN when it
    cannot be compared: no pay, another currency, an implausible figure, or no last salary)."""
    last = profile.salary.last
    if not last:
        return np.full(len(frame), np.nan)
    change = np.round((annual_pay(frame) - last) / last * 100, 1)
    return np.where(pay_state(frame, profile) == "ok", change, np.nan)


def _places(profile: Profile) -> tuple[set[str], set[str]]:
    return _places_of(profile.locations)


def _places_of(locations: list[str]) -> tuple[set[str], set[str]]:
    cities, regions = set(), set()
    for text in locations:
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
        remote_ok = np.where(remote_reachable(frame, profile.locations), 1.0, 0.0)
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


def remote_reachable(frame: pd.DataFrame, locations: list[str]) -> np.ndarray:
    """Fully remote postings open to someone in ``locations``: the posting names no country, or one
    of the countries of ``locations`` (a remote job in Germany is not remote work from Chicago)."""
    is_remote = (frame["remote"].fillna("unknown") == "remote").to_numpy()
    countries = {parse_location(text).country for text in locations} - {None}
    if not countries or "country" not in frame:
        return is_remote
    country = frame["country"].fillna("").to_numpy()
    return is_remote & ((country == "") | np.isin(country, list(countries)))


def in_area(frame: pd.DataFrame, locations: list[str]) -> np.ndarray:
    """True where the posting's city or region is one of ``locations`` (or it says neither)."""
    cities, regions = _places_of(locations)
    city = frame["city"].fillna("").str.lower().to_numpy()
    region = frame["region"].fillna("").str.lower().to_numpy()
    unknown = (city == "") & (region == "")
    return np.isin(city, list(cities)) | np.isin(region, list(regions)) | unknown


def location_allowed(frame: pd.DataFrame, remote: str, locations: list[str]) -> np.ndarray:
    """The hard location filter a profile (or ``--remote``) asks for.

    ``any``: everything (location is then only a fit component). ``remote``: fully remote postings
    only. ``hybrid``: postings in your area, and fully remote ones. ``onsite``: postings in your
    area that are not fully remote. "Your area" is a city or region of your locations; a posting
    that names no place at all is kept. Remote postings count only in your locations' countries.
    """
    mode = frame["remote"].fillna("unknown").to_numpy()
    if remote == "remote":
        return remote_reachable(frame, locations)
    if remote == "any":
        return np.ones(len(frame), dtype=bool)
    near = in_area(frame, locations) if locations else np.ones(len(frame), dtype=bool)
    if remote == "hybrid":
        return (near & (mode != "remote")) | remote_reachable(frame, locations)
    return near & (mode != "remote")


def below_floor(frame: pd.DataFrame, floor: float, currency: str) -> np.ndarray:
    """True where the posting's pay is stated in ``currency`` and its top is under ``floor`` a year."""
    top = frame["salary_annual_max"].to_numpy(dtype=float)
    top = np.where(np.isnan(top), frame["salary_annual_min"].to_numpy(dtype=float), top)
    same = (frame["salary_currency"].fillna("") == currency).to_numpy()
    return same & ~np.isnan(top) & (top < floor)


def age_days(frame: pd.DataFrame, today: date | None = None) -> np.ndarray:
    """Days since the posting was posted (else first seen); the store query may have worked it out."""
    if "age_days" in frame:
        return frame["age_days"].to_numpy(dtype=float)
    today = today or datetime.now(UTC).date()
    posted = pd.to_datetime(frame["date_posted"], errors="coerce", format="ISO8601")
    seen = pd.to_datetime(frame["first_seen"].str.slice(0, 10), errors="coerce", format="ISO8601")
    when = posted.fillna(seen)
    return (pd.Timestamp(today) - when).dt.days.to_numpy(dtype=float)


def recency_fit(frame: pd.DataFrame, profile: Profile, today: date | None = None) -> np.ndarray:
    age = np.clip(age_days(frame, today), 0, None)
    return np.where(np.isnan(age), UNKNOWN, np.exp(-age / 30.0))


NAMES: tuple[str, ...] = FIT_COMPONENTS
"""Every fit component, in column order; ``skills`` is scored by :mod:`screener.rank.text`."""

ROW_COMPONENTS = {
    "function": function_fit,
    "industry": industry_fit,
    "experience": experience_fit,
    "scope": scope_fit,
    "pay": pay_fit,
    "location": location_fit,
}
"""The components read from a posting's own fields, one chunk of rows at a time."""


def row_components(frame: pd.DataFrame, profile: Profile, today: date | None = None) -> dict[str, np.ndarray]:
    values = {name: np.asarray(fn(frame, profile), dtype=float) for name, fn in ROW_COMPONENTS.items()}
    values["recency"] = recency_fit(frame, profile, today)
    return values
