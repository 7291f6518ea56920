"""The rule-set predictor: title rules plus description and board-hint cues, no training.

It is the fallback when no trained model is present, and its evidence (``rule_evidence``) is a
feature source for the model. Probabilities: the title rule's rung keeps its confidence, the rest
spreads to neighbouring rungs (an ordinal kernel), then each description cue and board hint
multiplies in its likelihood profile (:mod:`screener.levels.cues`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from screener.levels import cues
from screener.levels.frame import standard_frame
from screener.levels.rules import TitleSignal, title_signal
from screener.levels.text import normalize_title
from screener.sourcehash import source_hash

_RUNGS = np.arange(9)
_KERNEL = np.exp(-np.abs(_RUNGS[:, None] - _RUNGS[None, :]))
_KERNEL /= _KERNEL.sum(axis=1, keepdims=True)
# Prior odds that a rung manages people, for titles whose words say nothing about it.
_PEOPLE_BY_RUNG = np.array([0.02, 0.05, 0.1, 0.75, 0.8, 0.85, 0.85, 0.85, 0.85])


RULES_VERSION = "rules-" + source_hash(
    *(
        f"levels/{name}.py"
        for name in ("text", "rules", "cues", "scan", "gates", "frame", "ruleset", "features", "titlefeatures", "model")
    ),
    "normalize/numbers.py",
    "ladder.py",
)
"""Changes whenever any code between a posting and its rung probabilities changes (rules, cues,
title normaliser, evidence and title features, the rung combination, the number words): it keys the
enrichment cache and the profile rung a rank remembers. Training and evaluation code is left out."""


class Evidence(NamedTuple):
    """What the rules and cues say about each row of a frame."""

    titles: list[str]
    """Normalised titles."""
    signals: list[TitleSignal]
    cue_table: dict[str, list[Any]]
    log_prior: np.ndarray
    """(n, 9) log-probabilities from the title rules alone."""
    log_likelihood: np.ndarray
    """(n, 9) log-likelihood ratios from the description cues and board hints."""

    @property
    def log_posterior(self) -> np.ndarray:
        """(n, 9) normalised log-probabilities: title prior times cue evidence."""
        return _log_normalise(self.log_prior + self.log_likelihood)


def _log_normalise(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def signal_prior(signals: list[TitleSignal]) -> np.ndarray:
    """(n, 9) probabilities: each rule's rung keeps its confidence, the rest spreads ordinally."""
    rungs = np.fromiter((s.rung for s in signals), dtype=int, count=len(signals))
    confidence = np.fromiter((s.confidence for s in signals), dtype=float, count=len(signals))
    prior = (1.0 - confidence)[:, None] * _KERNEL[rungs]
    prior[np.arange(len(signals)), rungs] += confidence
    return prior


def rule_evidence(frame: Any) -> Evidence:
    """Rules and cues for every row of a frame (any frame :func:`standard_frame` accepts)."""
    data = standard_frame(frame)
    titles = [normalize_title(t) for t in data["title"]]
    signals = [title_signal(t, normalized=True) for t in titles]
    table = cues.cue_table(data)
    log_prior = np.log(signal_prior(signals))
    return Evidence(titles, signals, table, log_prior, cues.cue_log_likelihood(table))


def people_manager_probability(
    title_people: np.ndarray, title_silent: np.ndarray, shift: np.ndarray, proba: np.ndarray
) -> np.ndarray:
    """P(the role manages people): the title rule's odds (or the rungs', when the title is silent),
    moved by the description ("direct reports" up, "individual contributor" down)."""
    weight = np.where(title_silent, 0.3, 0.8)
    base = np.clip(weight * title_people + (1 - weight) * (proba @ _PEOPLE_BY_RUNG), 1e-3, 1 - 1e-3)
    logit = np.log(base / (1 - base)) + shift
    return 1.0 / (1.0 + np.exp(-logit))


def people_manager_from(evidence: Evidence, proba: np.ndarray) -> np.ndarray:
    """People-manager probability from the rule evidence and rung probabilities."""
    return people_manager_probability(
        np.array([s.people_manager for s in evidence.signals], dtype=float),
        np.array([s.rule in ("default", "empty") for s in evidence.signals], dtype=bool),
        cues.people_manager_logit_shift(evidence.cue_table),
        proba,
    )


class RuleSetPredictor:
    """Title rules and description cues, no training: the fallback and a feature source."""

    version = RULES_VERSION
    kind = "rules"

    def evidence(self, frame: Any) -> Evidence:
        return rule_evidence(frame)

    def predict_proba(self, frame: Any) -> np.ndarray:
        """(n, 9) probabilities in ladder order; rows sum to 1."""
        return np.exp(rule_evidence(frame).log_posterior)

    def people_manager_proba(self, frame: Any) -> np.ndarray:
        """(n,) probability that each posting manages people."""
        evidence = rule_evidence(frame)
        return people_manager_from(evidence, np.exp(evidence.log_posterior))

    def predict_all(self, frame: Any) -> tuple[np.ndarray, np.ndarray]:
        """Rung probabilities and people-manager probabilities in one pass."""
        evidence = rule_evidence(frame)
        proba = np.exp(evidence.log_posterior)
        return proba, people_manager_from(evidence, proba)
