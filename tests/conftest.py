"""Shared fixtures: a temporary database, the small self-written postings file, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "screener.db"


@pytest.fixture
def small_postings() -> Path:
    return FIXTURES / "postings_small.jsonl"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("SCREENER_DB", raising=False)
    return CliRunner()


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(
        """
name: Pat Example
title: Senior Operations Manager
level: senior_manager
years_experience: 15
years_management: 8
team_size: 40
industries: [logistics, retail]
functions: [operations, supply chain]
skills: [lean, budgeting, vendor management]
salary: {last: 125000, minimum: 95000, currency: USD}
locations: ["Chicago, IL"]
remote: any
moves: [step_back, parallel, step_up]
""",
        encoding="utf-8",
    )
    return path


def requires_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the shared folder is absent (a fresh clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path
