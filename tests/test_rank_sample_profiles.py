"""The shipped sample and example profiles, ranked with the real level model: checks that hold
whatever the model's exact rungs are (the fixed expectations are in test_rank_shortlist.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.ladder import LEVEL_RANK
from screener.profile import load_profile

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample" / "postings.jsonl"
PROFILES = REPO / "data" / "profiles"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SAMPLE.exists():
        pytest.skip("no data/sample")
    path = tmp_path_factory.mktemp("sample") / "s.db"
    result = CliRunner().invoke(cli, ["import", str(SAMPLE), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("name", ["ops_senior_manager", "retail_store_manager", "it_director"])
def test_top_of_the_shortlist_reads_right(db: Path, name: str) -> None:
    profile_path = PROFILES / f"{name}.yaml"
    result = CliRunner().invoke(
        cli, ["rank", "--profile", str(profile_path), "--db", str(db), "--format", "json", "--top", "40"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) >= 20  # the retail profile is onsite around Columbus: fewer postings qualify
    profile = load_profile(profile_path)
    rung = LEVEL_RANK[profile.level] if profile.level else None
    for row in rows:
        if rung is not None:
            assert abs(LEVEL_RANK[row["level"]] - rung) <= 2, row["title"]  # the default band
        assert row["why"].split(",")[0].split(" (")[0] in (
            "same function",
            "related function",
            "other function",
            "function unclear",
        )
        if row["pay_change_pct"] is not None:
            assert -70 <= row["pay_change_pct"] <= 400, (row["title"], row["pay_change_pct"])
        if row["move"] == "step_back":
            assert row["overqualification_risk"] in ("low", "medium", "high")
            assert row["pitch"].startswith("1) I want this job: ") and " 2) Pay: " in row["pitch"]
            assert " 3) Proving myself: " in row["pitch"]
        else:
            assert row["pitch"] is None
    # the article's perfect candidate: similar functional experience comes first
    assert all(row["fit_function"] >= 0.6 for row in rows[:10]), [r["title"] for r in rows[:10]]
    same = [r["score"] for r in rows if r["fit_function"] == 1.0]
    other = [r["score"] for r in rows if r["fit_function"] == 0.0]
    if same and other:
        assert sum(same) / len(same) > sum(other) / len(other)
