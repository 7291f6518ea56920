"""The scikit-learn pipeline of the level model: evidence, features, classifier.

``LevelEvidence`` turns a posting frame into the columns the model reads (normalised title, the
title rule and its rung, and the rule-and-cue posterior that later splits LinkedIn's coarse
classes into rungs). ``build_pipeline`` wires it to a ``ColumnTransformer`` (character and word
TF-IDF over the title, one-hot rule and rung) and a multinomial logistic regression over the
four coarse classes of :data:`screener.levels.frame.GROUPS`.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from screener.levels.rules import RULE_NAMES
from screener.levels.schema import EVIDENCE_COLUMNS, LIKELIHOOD_COLUMNS, POSTERIOR_COLUMNS


class LevelEvidence(TransformerMixin, BaseEstimator):
    """Posting frame -> evidence frame (``EVIDENCE_COLUMNS``); stateless, nothing is learned.

    ``q_*`` are the rule set's log-probabilities (title rules times description cues and board
    hints), ``cue_*`` the cues' log-likelihood ratios alone, ``title_people`` the title rule's
    people-manager probability and ``people_shift`` the description's log-odds shift.
    """

    def fit(self, X, y=None):
        self.n_features_in_ = X.shape[1] if hasattr(X, "shape") and len(X.shape) == 2 else 1
        return self

    def transform(self, X):
        import pandas as pd

        from screener.levels.cues import people_manager_logit_shift
        from screener.levels.ruleset import rule_evidence

        check_is_fitted(self, "n_features_in_")
        evidence = rule_evidence(X)
        out = pd.DataFrame(
            {
                "title_norm": evidence.titles,
                "rule": [s.rule for s in evidence.signals],
                "rung": [s.rung for s in evidence.signals],
            }
        )
        posterior = evidence.log_posterior
        for i, name in enumerate(POSTERIOR_COLUMNS):
            out[name] = posterior[:, i]
        for i, name in enumerate(LIKELIHOOD_COLUMNS):
            out[name] = evidence.log_likelihood[:, i]
        out["title_people"] = [s.people_manager for s in evidence.signals]
        out["title_silent"] = [s.rule in ("default", "empty") for s in evidence.signals]
        out["people_shift"] = people_manager_logit_shift(evidence.cue_table)
        return out

    def get_feature_names_out(self, input_features=None):
        return np.asarray(EVIDENCE_COLUMNS, dtype=object)


def build_pipeline(*, C: float = 1.0, seed: int = 0):
    """The unfitted pipeline: evidence -> title TF-IDF + one-hot rule -> logistic regression."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    features = ColumnTransformer(
        [
            (
                "title_chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    min_df=2,
                    sublinear_tf=True,
                    dtype=np.float32,
                ),
                "title_norm",
            ),
            (
                "title_words",
                TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32),
                "title_norm",
            ),
            (
                "title_rule",
                OneHotEncoder(categories=[list(RULE_NAMES), list(range(9))], handle_unknown="ignore"),
                ["rule", "rung"],
            ),
        ],
        remainder="drop",
    )
    classifier = LogisticRegression(C=C, max_iter=5000, random_state=seed)
    return Pipeline([("evidence", LevelEvidence()), ("features", features), ("classifier", classifier)])
