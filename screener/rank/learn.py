"""Learning the user's own weighting from the rows they marked in their shortlist.

With at least :data:`MIN_MARKED` rows whose ``my_status`` says yes or no (and some of each), a
logistic regression over the fit components tells which components the user's choices follow.
Its non-negative coefficients, rescaled to the default weights' total, are blended with the
defaults (the more rows, the more the learned side counts), so twenty marks nudge the ranking and
a few hundred steer it. Weights the profile states itself still win.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_MARKED = 20
NEGATIVE = frozenset({"not interested", "not_interested", "no", "rejected", "pass", "declined", "not a fit", "skip"})
"""Statuses that say no; any other status (applied, interested, interview, maybe...) says yes."""
PRIOR_ROWS = 20.0
"""Marked rows at which the learned weights count as much as the defaults."""


def label_of(status: str | None) -> float:
    """1 for a status that says yes, 0 for no, NaN for no status."""
    text = (status or "").strip().lower()
    if not text:
        return float("nan")
    return 0.0 if text in NEGATIVE else 1.0


@dataclass(frozen=True)
class Learned:
    weights: dict[str, float]
    rows: int
    positives: int

    def summary(self, defaults: dict[str, float]) -> str:
        """'learned from 24 marked rows: more weight on function and pay, less on recency'."""
        more = [n for n in self.weights if self.weights[n] > defaults[n] * 1.25]
        less = [n for n in self.weights if self.weights[n] < defaults[n] * 0.8]
        parts = []
        if more:
            parts.append("more weight on " + _join(more))
        if less:
            parts.append("less on " + _join(less))
        detail = ": " + ", ".join(parts) if parts else ": close to the default weights"
        return f"weights learned from your {self.rows} marked rows{detail} (--no-learn to turn off)"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def learn_weights(components: np.ndarray, labels: np.ndarray, defaults: dict[str, float]) -> Learned | None:
    """Blend of the defaults and the weights the user's marks imply; None when there is too little."""
    marked = ~np.isnan(labels)
    x, y = components[marked], labels[marked].astype(int)
    positives = int(y.sum())
    if len(y) < MIN_MARKED or positives == 0 or positives == len(y):
        return None
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    model.fit(x, y)
    coef = np.clip(model.coef_[0], 0.0, None)
    names = list(defaults)
    if coef.sum() <= 0:
        return None
    total = sum(defaults.values())
    learned = coef / coef.sum() * total
    share = len(y) / (len(y) + PRIOR_ROWS)
    weights = {n: round((1 - share) * defaults[n] + share * float(learned[i]), 3) for i, n in enumerate(names)}
    return Learned(weights=weights, rows=len(y), positives=positives)
