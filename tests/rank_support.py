"""Helpers for the rank, export and CLI-rank tests: a store built from small self-written postings,
placed on the ladder by a fixed stub so expectations do not move when the level model does."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from screener.enrich.run import enrich_pending
from screener.ladder import LEVEL_RANK, LEVELS
from screener.normalize.record import normalize_record
from screener.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "rank"
NOW = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)


class StubLadder:
    """Places a posting by a level written into its title table, else 'professional'."""

    version = "stub-ladder-1"

    def __init__(self, levels: dict[str, str]) -> None:
        self.levels = levels

    def predict_proba(self, frame: Any) -> np.ndarray:
        out = np.full((len(frame), len(LEVELS)), 0.01)
        for i, title in enumerate(frame["title"].tolist()):
            rank = LEVEL_RANK[self.levels.get(title, "professional")]
            out[i, rank] = 0.8
            for near in (rank - 1, rank + 1):
                if 0 <= near < len(LEVELS):
                    out[i, near] = 0.08
        return out / out.sum(axis=1, keepdims=True)

    def people_manager_proba(self, frame: Any) -> np.ndarray:
        return np.array([0.9 if LEVEL_RANK[self.levels.get(t, "professional")] >= 3 else 0.1 for t in frame["title"]])

    def predict_all(self, frame: Any) -> tuple[np.ndarray, np.ndarray]:
        return self.predict_proba(frame), self.people_manager_proba(frame)


def fixture_records(name: str = "postings.jsonl") -> list[dict[str, Any]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def levels_of(records: list[dict[str, Any]]) -> dict[str, str]:
    return {r["title"]: r["level"] for r in records if "level" in r}


def load_store(
    path: Path, records: list[dict[str, Any]], *, now: datetime = NOW, source: str = "fixture", run: bool = True
) -> dict[str, str]:
    """Upsert ``records`` as one nightly run of ``source`` (closing what it did not see) and enrich
    with the stub; returns {title: posting id}."""
    postings = [normalize_record(r, source=source, board="b", now=now) for r in records]
    with Store.open(path) as store:
        run_id = store.begin_run("crawl", source=source, board="b") if run else None
        result = store.upsert(postings, run_id)
        if run_id is not None:
            store.close_missing(source, "b", run_id)
            store.finish_run(run_id, "ok", {})
        enrich_pending(store, StubLadder(levels_of(records)))
    return {p.title: pid for p, pid in zip(postings, result.ids, strict=True)}
