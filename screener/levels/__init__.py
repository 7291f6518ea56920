"""Place postings and profiles on the seniority ladder.

The public surface is :func:`load_predictor`: it returns the trained model from ``models/`` when
one is there and compatible, otherwise the title-and-description rule set, and either way an
object with ``version``, ``predict_proba(frame)`` -> (n, 9) array in ladder order and
``people_manager_proba(frame)`` -> (n,) array. ``frame`` is a pandas DataFrame with at least a
``title`` column; ``description``, ``department``, ``years_min``, ``years_max`` and
``hint_months_experience`` / ``hint_experience_level`` are used when present.
"""

from __future__ import annotations


def load_predictor(models_dir=None):
    from screener.levels._interim import InterimRules

    return InterimRules()
