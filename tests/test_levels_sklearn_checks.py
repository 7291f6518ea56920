"""scikit-learn's own API checks on the custom transformer of the level pipeline.

``LevelEvidence`` reads a posting frame (a ``title`` column, text) and returns text columns (the
normalised title, the rule's name) beside numbers, which the generic checks cannot feed or compare.
The thin wrapper below feeds it numbers as titles ("12.5") and returns its numeric columns (rule
rung, rule-and-cue log-posterior, cue log-likelihoods, people-manager evidence), so every check
runs the real rules and cues: fit/transform contracts, clone, pickling, sample-order and subset
invariance, idempotent fit, n_features_in_, input validation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.utils.estimator_checks import parametrize_with_checks
from sklearn.utils.validation import check_is_fitted, validate_data

from screener.levels.features import LevelEvidence


class NumericTitlesEvidence(LevelEvidence):
    """Test wrapper: the first column of a numeric array as titles, numeric evidence out."""

    def fit(self, X, y=None):
        validate_data(self, X, reset=True)
        return self

    def transform(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        frame = pd.DataFrame({"title": [f"{value:.3g}" for value in np.asarray(X)[:, 0]]})
        out = super().transform(frame)
        return out.drop(columns=["title_norm", "rule"]).to_numpy(dtype=float)


@parametrize_with_checks([NumericTitlesEvidence()])
def test_level_evidence_passes_sklearn_checks(estimator, check):
    check(estimator)
