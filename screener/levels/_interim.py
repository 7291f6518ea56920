"""Interim title rules, used until the level model lands (issue 4 replaces this module)."""

from __future__ import annotations

import re

import numpy as np

from screener.ladder import LEVELS

_RULES: list[tuple[int, str]] = [
    (8, r"\bchief\b|\bc[eoft]o\b|\bpresident\b|\bgeneral manager\b|\bmanaging director\b|\bgeschäftsführer"),
    (7, r"\bvice president\b|\bvp\b|\bsvp\b|\bevp\b"),
    (6, r"\bdirector\b|\bhead of\b|\bdirecteur\b|\bdirektor\b|\bleiter\b"),
    (5, r"\bsenior manager\b|\bgroup manager\b|\bassociate director\b|\bsr\.? manager\b"),
    (4, r"\bmanager\b|\bresponsable\b|\bgerente\b|\bjefe\b"),
    (3, r"\blead\b|\bsupervisor\b|\bforeman\b|\bteam leader\b|\bteamleiter"),
    (2, r"\bsenior\b|\bsr\.?\b|\bstaff\b|\bprincipal\b"),
    (0, r"\bintern\b|\btrainee\b|\bapprentice\b|\bjunior\b|\bgraduate\b|\bassistant\b|\bentry\b"),
]
_COMPILED = [(rank, re.compile(p, re.IGNORECASE)) for rank, p in _RULES]
_PEOPLE = re.compile(r"\b(?:manager|supervisor|lead|director|head|chief|vp|president|foreman)\b", re.IGNORECASE)
_IC_MANAGER = re.compile(r"\b(?:account|product|program|project|case|property) manager\b", re.IGNORECASE)


class InterimRules:
    version = "interim-rules-1"

    def _rank(self, title: str) -> int:
        if _IC_MANAGER.search(title) and not re.search(r"senior|director|head", title, re.IGNORECASE):
            return 2
        for rank, pattern in _COMPILED:
            if pattern.search(title):
                return rank
        return 1

    def predict_proba(self, frame) -> np.ndarray:
        titles = frame["title"].fillna("").astype(str).tolist()
        out = np.full((len(titles), len(LEVELS)), 0.02)
        for i, title in enumerate(titles):
            rank = self._rank(title)
            out[i, rank] = 0.7
            for near in (rank - 1, rank + 1):
                if 0 <= near < len(LEVELS):
                    out[i, near] = 0.1
        return out / out.sum(axis=1, keepdims=True)

    def people_manager_proba(self, frame) -> np.ndarray:
        titles = frame["title"].fillna("").astype(str)
        return np.array([0.8 if _PEOPLE.search(t) and not _IC_MANAGER.search(t) else 0.1 for t in titles])
