"""The seniority ladder and the move classes: the project's fixed vocabulary (DESIGN.md).

Other code, other people and saved shortlists depend on these exact names.
"""

from __future__ import annotations

LEVELS: tuple[str, ...] = (
    "entry",
    "professional",
    "senior",
    "lead",
    "manager",
    "senior_manager",
    "director",
    "vp",
    "executive",
)
"""Rung names, indexed by rank (0 = entry ... 8 = executive)."""

LEVEL_RANK: dict[str, int] = {name: rank for rank, name in enumerate(LEVELS)}

MOVES: tuple[str, ...] = ("step_up", "parallel", "step_back")
"""Move classes relative to a profile's rung."""

PROBA_COLUMNS: tuple[str, ...] = tuple(f"p_{name}" for name in LEVELS)
"""One probability column per rung, in ladder order."""


def level_rank(name: str) -> int:
    """Rank of a rung by name; raises ValueError naming the valid rungs."""
    try:
        return LEVEL_RANK[name]
    except KeyError:
        raise ValueError(f"unknown level {name!r}; expected one of: {', '.join(LEVELS)}") from None


def rung_distance_words(gap: int) -> str:
    """Say a rung gap in words a manager reads at a glance: 'one rung down', 'same rung'."""
    if gap == 0:
        return "same rung"
    words = {1: "one", 2: "two", 3: "three", 4: "four"}
    n = abs(gap)
    count = words.get(n, str(n))
    unit = "rung" if n == 1 else "rungs"
    return f"{count} {unit} {'up' if gap > 0 else 'down'}"
