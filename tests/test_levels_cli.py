"""`screener classify / train / evaluate` through Click's CliRunner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.ladder import LEVELS, PROBA_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "levels"
ADDED = ["level", "level_rank", "level_confidence", *PROBA_COLUMNS, "people_manager"]


@pytest.fixture
def runner():
    return CliRunner()


def test_classify_csv_keeps_columns_and_order(runner, tmp_path):
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["classify", str(FIXTURES / "postings.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "classified 5 postings" in result.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0].keys()) == ["id", "title", "description", "company", "note", *ADDED]
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "a4", "a5"]
    # kept, but no cell can run as a formula in a spreadsheet (the quote is what Excel hides)
    assert rows[0]["note"] == "'=keep me" and rows[2]["note"] == "007" and rows[4]["note"] == "quoted, with comma"
    by_id = {r["id"]: r for r in rows}
    assert by_id["a1"]["level"] == "manager"
    assert by_id["a3"]["level"] == "lead"
    assert by_id["a4"]["level"] == "entry"
    assert by_id["a5"]["level"] == "executive"
    assert float(by_id["a2"]["people_manager"]) < 0.5 < float(by_id["a1"]["people_manager"])
    for row in rows:
        assert row["level"] in LEVELS
        assert int(row["level_rank"]) == LEVELS.index(row["level"])
        assert abs(sum(float(row[c]) for c in PROBA_COLUMNS) - 1) < 1e-3


def test_classify_jsonl_keeps_values(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["classify", str(FIXTURES / "postings.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3]
    assert records[0]["tags"] == ["ops", "lead"] and records[1]["salary"] is None
    assert records[0]["level"] == "director"
    assert records[2]["level"] == "director"
    assert set(ADDED) <= set(records[1])


def test_classify_json_array_to_csv(runner, tmp_path):
    source = tmp_path / "jobspy.json"
    source.write_text(json.dumps([{"title": "Data Science Intern", "job_level": "internship", "site": "linkedin"}]))
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["classify", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["site"] == "linkedin" and row["level"] == "entry"


def test_classify_missing_file_is_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["classify", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_classify_without_title_column(runner, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("name,description\nx,y\n")
    result = runner.invoke(cli, ["classify", str(source), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {source} has no 'title' column (columns: name, description)"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.csv", b"\xff\xfe\x00title\x00\n\x00", "not a readable CSV"),
        ("empty.csv", b"", "is empty"),
        ("bad.jsonl", b'{"title": "x"}\n{oops\n', "line 2 is not valid JSON"),
    ],
)
def test_classify_unreadable_input(runner, tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    result = runner.invoke(cli, ["classify", str(source), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_classify_reports_incompatible_model(runner, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    (models / "level_model.skops").write_bytes(b"not a model")
    (models / "level_model.json").write_text(json.dumps({"format": 1, "versions": {"scikit-learn": "0.1"}}))
    result = runner.invoke(
        cli,
        ["classify", str(FIXTURES / "postings.csv"), "-o", str(tmp_path / "o.csv"), "--models", str(models)],
    )
    assert result.exit_code == 1
    assert "scikit-learn 0.1" in result.output


@pytest.mark.parametrize("command", ["train", "evaluate", "classify"])
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_train_and_evaluate_commands_on_fixture(runner, tmp_path):
    data = FIXTURES / "data"
    result = runner.invoke(cli, ["train", "--data", str(data), "--out", str(tmp_path), "--folds", "2"])
    assert result.exit_code == 0, result.output
    assert "held-out macro-F1" in result.output
    result = runner.invoke(cli, ["evaluate", "--data", str(data), "--folds", "2", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["titles"]["baseline"]["rows"] > 0


def test_cli_module_imports_no_heavy_library():
    import subprocess
    import sys

    code = "import sys, screener.cli.levels; print(any(m in sys.modules for m in ('sklearn', 'pandas', 'skops')))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "False"


def test_classify_reads_semicolon_csv_and_leaves_untitled_rows_unplaced(runner, tmp_path):
    source = tmp_path / "excel_de.csv"
    source.write_text(
        'title;description;company\nStore Manager;Lead a team of 12;"=HYPERLINK(""http://x"";""y"")"\n;no title;Acme\n',
        encoding="utf-8-sig",
    )
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["classify", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as handle:
        placed, untitled = list(csv.DictReader(handle))
    assert placed["title"] == "Store Manager" and placed["level"] in ("lead", "manager")
    assert placed["level_rank"] == str(LEVELS.index(placed["level"]))
    assert placed["company"].startswith("'=")
    assert all(untitled[c] == "" for c in ADDED) and untitled["company"] == "Acme"


def test_classify_refuses_an_output_it_cannot_write_before_loading_the_model(runner, tmp_path, monkeypatch):
    import screener.levels

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded for an output that cannot be written")

    monkeypatch.setattr(screener.levels, "load_predictor", no_model)
    result = runner.invoke(cli, ["classify", str(FIXTURES / "postings.csv"), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: {tmp_path / 'out.xlsx'}: the output must end in .csv, .jsonl or .json (not .xlsx)"
    )
    assert not (tmp_path / "out.xlsx").exists()


def test_classify_neutralises_the_header_too(runner, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("title,=1+2,@SUM(1)\nOperations Manager,x,y\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert runner.invoke(cli, ["classify", str(source), "-o", str(out)]).exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:3] == ["title", "'=1+2", "'@SUM(1)"]
