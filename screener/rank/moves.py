"""Moves relative to the profile's rung (DESIGN.md "Moves"), vectorised over all postings."""

from __future__ import annotations

import numpy as np

from screener.ladder import MOVES


def move_probabilities(proba: np.ndarray, profile_rank: int) -> np.ndarray:
    """(n, 3) array: P(step_up), P(parallel), P(step_back), in the order of ``MOVES``."""
    up = proba[:, profile_rank + 1 :].sum(axis=1)
    same = proba[:, profile_rank]
    back = proba[:, :profile_rank].sum(axis=1)
    return np.column_stack([up, same, back])


def moves(proba: np.ndarray, profile_rank: int) -> tuple[np.ndarray, np.ndarray]:
    """(move names, confidences): the largest of the three, and its probability."""
    by_move = move_probabilities(proba, profile_rank)
    best = by_move.argmax(axis=1)
    return np.asarray(MOVES, dtype=object)[best], by_move[np.arange(len(best)), best]
