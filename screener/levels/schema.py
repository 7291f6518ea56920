"""The columns the evidence step (:class:`screener.levels.features.LevelEvidence`) produces.

Kept apart from ``features.py`` (which needs scikit-learn) so that checking a model file against
this code's feature schema costs no scikit-learn import.
"""

from __future__ import annotations

POSTERIOR_COLUMNS: tuple[str, ...] = tuple(f"q_{i}" for i in range(9))
LIKELIHOOD_COLUMNS: tuple[str, ...] = tuple(f"cue_{i}" for i in range(9))
EVIDENCE_COLUMNS: tuple[str, ...] = (
    "title_norm",
    "rule",
    "rung",
    *POSTERIOR_COLUMNS,
    *LIKELIHOOD_COLUMNS,
    "title_people",
    "title_silent",
    "people_shift",
)
