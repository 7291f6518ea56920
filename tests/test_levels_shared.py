"""Checks on the real data in ../shared (skipped in a fresh clone, where it is absent)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

SHARED = Path(__file__).parents[2] / "shared" / "data"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SHARED / "linkedin_title_levels.csv").is_file(), reason="../shared/data is absent"),
]


def test_rules_beat_the_keyword_baseline_on_linkedin_titles():
    from sklearn.metrics import f1_score

    from screener.levels import data
    from screener.levels.baseline import KeywordBaseline
    from screener.levels.frame import GROUPS, to_groups
    from screener.levels.ruleset import RuleSetPredictor

    linkedin = data.load(SHARED).linkedin
    y = linkedin["group"].map({g: i for i, g in enumerate(GROUPS)}).to_numpy()
    rules = to_groups(RuleSetPredictor().predict_proba(linkedin)).argmax(axis=1)
    baseline = to_groups(KeywordBaseline().predict_proba(linkedin)).argmax(axis=1)
    assert f1_score(y, rules, average="macro") > f1_score(y, baseline, average="macro") + 0.05


def test_model_rungs_rise_with_uber_grades():
    from scipy.stats import spearmanr

    from screener.levels import data, load_predictor

    uber = data.load(SHARED).uber
    proba = load_predictor(Path(__file__).parents[1] / "models").predict_proba(uber)
    assert spearmanr(proba.argmax(axis=1), uber["grade"]).statistic > 0.45
    assert np.allclose(proba.sum(axis=1), 1)
