"""Moves from rung probabilities (DESIGN.md), and the three moves on a small store."""

from __future__ import annotations

import numpy as np
import pytest

from screener.cli import cli
from screener.ladder import LEVELS, MOVES, rung_distance_words
from screener.rank.moves import move_probabilities, moves


def test_moves_follow_the_design_formula():
    proba = np.array([[0.0, 0.0, 0.0, 0.1, 0.5, 0.3, 0.1, 0.0, 0.0]])
    by_move = move_probabilities(proba, profile_rank=5)
    assert by_move[0].tolist() == pytest.approx([0.1, 0.3, 0.6])
    names, confidence = moves(proba, 5)
    assert names.tolist() == ["step_back"] and confidence.tolist() == pytest.approx([0.6])


def test_moves_at_the_ends_of_the_ladder():
    proba = np.eye(len(LEVELS))
    names, _ = moves(proba, 0)
    assert names.tolist() == ["parallel"] + ["step_up"] * 8
    names, _ = moves(proba, 8)
    assert names.tolist() == ["step_back"] * 8 + ["parallel"]


def test_rung_words():
    assert rung_distance_words(-1) == "one rung down"
    assert rung_distance_words(2) == "two rungs up"
    assert rung_distance_words(0) == "same rung"


def test_small_store_gives_all_three_moves_in_band(runner, db_path, small_postings, profile_file, tmp_path):
    runner.invoke(cli, ["import", str(small_postings), "--db", str(db_path)])
    result = runner.invoke(cli, ["rank", "--profile", str(profile_file), "--db", str(db_path), "--format", "json"])
    import json

    rows = json.loads(result.stdout)
    by_title = {r["title"]: r for r in rows}
    assert set(r["move"] for r in rows) == set(MOVES)
    assert "Logistics Intern" not in by_title  # four rungs below: outside the default band
    assert by_title["Director of Operations"]["move"] == "step_up"
    assert by_title["Warehouse Operations Manager"]["move"] == "step_back"
    assert by_title["Warehouse Operations Manager"]["why"].startswith("one rung down, same function")
    # same function ranks above another function at a similar rung
    assert by_title["Director of Operations"]["rank"] < by_title["Director of Human Resources"]["rank"]
    assert by_title["Senior Manager, Distribution Operations"]["pay_change_pct"] == 8.0
