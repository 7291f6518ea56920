"""Build the shortlist for a profile: load candidates, place them, score them, keep the best."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from screener.ladder import LEVEL_RANK, LEVELS, MOVES, PROBA_COLUMNS
from screener.profile import Profile
from screener.rank.components import COMPONENTS, DEFAULT_WEIGHTS, age_days, pay_change_pct
from screener.rank.moves import moves
from screener.rank.why import explain
from screener.store import Store

COLUMNS = [
    "rank",
    "score",
    "move",
    "move_confidence",
    "level",
    "title",
    "company",
    "location",
    "remote",
    "salary_min",
    "salary_max",
    "currency",
    "pay_change_pct",
    *(f"fit_{name}" for name in COMPONENTS),
    "why",
    "url",
    "date_posted",
    "first_seen",
    "status",
    "my_status",
    "my_notes",
    "id",
]
"""Shortlist columns (DESIGN.md); ``id`` last, so edited files can be matched back to postings."""

NOT_INTERESTED = {"not interested", "not_interested", "no", "rejected", "pass"}

_CANDIDATES = f"""
SELECT p.id, p.title, p.company, p.location, p.city, p.region, p.country, p.remote,
       p.salary_min, p.salary_max, p.salary_currency, p.salary_period, p.salary_annual_min, p.salary_annual_max,
       p.url, p.date_posted, p.first_seen, p.closed_at, p.years_min, p.years_max, p.description,
       e.level_rank, {", ".join("e." + c for c in PROBA_COLUMNS)}, e.people_manager, e.function, e.industry,
       e.team_size, e.budget, f.my_status, f.my_notes
FROM postings p
JOIN enrichment e ON e.posting_id = p.id
LEFT JOIN feedback f ON f.posting_id = p.id
WHERE p.closed_at IS NULL OR f.posting_id IS NOT NULL
"""


@dataclass
class RankOptions:
    top: int | None = 50
    moves: list[str] | None = None
    new_only: bool = False
    since_days: int | None = None
    min_score: float | None = None
    include_not_interested: bool = False
    today: date | None = None


@dataclass
class Shortlist:
    rows: pd.DataFrame
    profile_level: str
    profile_level_inferred: bool
    considered: int
    notes: list[str] = field(default_factory=list)


def last_rank_time(store: Store) -> str | None:
    row = store.conn.execute("SELECT max(started_at) FROM runs WHERE kind = 'rank'").fetchone()
    return row[0] if row else None


def load_candidates(store: Store) -> pd.DataFrame:
    return pd.read_sql_query(_CANDIDATES, store.conn)


def build(
    store: Store, profile: Profile, profile_rank: int, options: RankOptions, weights: dict[str, float] | None = None
) -> pd.DataFrame:
    """The ranked rows for a profile at ``profile_rank``, all shortlist columns filled."""
    frame = load_candidates(store)
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    proba = frame[list(PROBA_COLUMNS)].to_numpy(dtype=float)
    frame["move"], frame["move_confidence"] = moves(proba, profile_rank)
    frame["level"] = np.asarray(LEVELS, dtype=object)[frame["level_rank"].to_numpy()]

    keep = (frame["level_rank"] >= profile_rank - profile.band.below) & (
        frame["level_rank"] <= profile_rank + profile.band.above
    )
    wanted = options.moves or profile.moves
    keep &= frame["move"].isin(wanted)
    if not options.include_not_interested:
        keep &= ~frame["my_status"].fillna("").str.strip().str.lower().isin(NOT_INTERESTED)
    if profile.exclude_companies:
        excluded = {c.strip().lower() for c in profile.exclude_companies}
        keep &= ~frame["company"].fillna("").str.strip().str.lower().isin(excluded)
    if profile.remote == "remote":
        keep &= frame["remote"].isin(["remote"]) | frame["my_status"].notna()
    previous = last_rank_time(store)
    frame["status"] = np.where(
        frame["closed_at"].notna(),
        "closed",
        np.where(frame["first_seen"] > previous, "new", "seen") if previous else "new",
    )
    if options.new_only:
        keep &= frame["status"] == "new"
    if options.since_days is not None:
        keep &= age_days(frame, options.today) <= options.since_days
    frame = frame[keep.to_numpy()].reset_index(drop=True)
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)

    weights = {**DEFAULT_WEIGHTS, **(weights or {}), **profile.weights}
    total = sum(weights.values()) or 1.0
    values = {}
    for name, component in COMPONENTS.items():
        values[name] = component(frame, profile, options.today) if name == "recency" else component(frame, profile)
        frame[f"fit_{name}"] = np.round(values[name], 3)
    score = sum(weights[name] * values[name] for name in COMPONENTS) / total
    frame["score"] = np.round(100 * score, 1)
    frame["pay_change_pct"] = pay_change_pct(frame, profile)
    if options.min_score is not None:
        frame = frame[frame["score"] >= options.min_score]
    frame = frame.sort_values(["score", "move_confidence"], ascending=False, kind="stable")
    if options.top:
        frame = frame.head(options.top)
    frame = frame.reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    frame["why"] = _reasons(frame, weights, total, profile, profile_rank)
    frame = frame.rename(columns={"salary_currency": "currency"})
    frame["move_confidence"] = frame["move_confidence"].astype(float).round(3)
    return frame


def _reasons(
    frame: pd.DataFrame, weights: dict[str, float], total: float, profile: Profile, profile_rank: int
) -> list[str]:
    reasons = []
    for record in frame.to_dict("records"):
        values = {name: float(record[f"fit_{name}"]) for name in COMPONENTS}
        contributions = {name: weights[name] * (values[name] - 0.5) / total for name in COMPONENTS}
        reasons.append(
            explain(record, contributions, values, profile_rank, profile.years_experience, profile.team_size)
        )
    return reasons


def since_cutoff(days: int, today: date | None = None) -> str:
    return ((today or datetime.now(UTC).date()) - timedelta(days=days)).isoformat()


def profile_rung(profile: Profile, predictor: Any) -> tuple[int, bool]:
    """(rank, inferred?) of the profile: its own level, else its title placed by the same model."""
    if profile.level:
        return LEVEL_RANK[profile.level], False
    proba = predictor.predict_proba(pd.DataFrame({"title": [profile.title], "description": [""]}))
    return int(np.asarray(proba)[0].argmax()), True


def finalize(frame: pd.DataFrame) -> pd.DataFrame:
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return frame[COLUMNS]


__all__ = ["COLUMNS", "MOVES", "RankOptions", "build", "finalize", "profile_rung"]
