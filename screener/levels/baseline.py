"""The title-keyword baseline: what peer tools do, and what every figure in ``evaluate`` beats.

Deliberately plain: the first keyword found in the lower-cased English title decides the rung.
No normalisation beyond lower case, no modifiers, no description, no other languages.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from screener.levels.frame import standard_frame

KEYWORDS: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (rung, re.compile(pattern))
    for rung, pattern in (
        (8, r"\b(?:chief|ceo|cfo|coo|cto|cio|founder|owner)\b|(?<!vice )\bpresident\b"),
        (7, r"\b(?:vice president|vp|svp|evp)\b"),
        (6, r"\b(?:director|head of)\b"),
        (5, r"\bsenior manager\b"),
        (4, r"\bmanager\b"),
        (3, r"\b(?:lead|supervisor)\b"),
        (2, r"\b(?:senior|sr|staff|principal)\b"),
        (0, r"\b(?:intern|internship|junior|jr|trainee|graduate|entry|assistant|associate)\b"),
    )
)


def keyword_rung(title: str) -> int:
    """The rung of the first keyword in the title; 1 (professional) when none."""
    text = title.lower()
    for rung, pattern in KEYWORDS:
        if pattern.search(text):
            return rung
    return 1


class KeywordBaseline:
    """Title keywords only: one rung per title, probability 1."""

    version = "keyword-baseline-1"
    kind = "baseline"

    def predict_proba(self, frame: Any) -> np.ndarray:
        titles = standard_frame(frame)["title"]
        out = np.zeros((len(titles), 9))
        out[np.arange(len(titles)), [keyword_rung(t) for t in titles]] = 1.0
        return out

    def people_manager_proba(self, frame: Any) -> np.ndarray:
        return (self.predict_proba(frame).argmax(axis=1) >= 3).astype(float)
