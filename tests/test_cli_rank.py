"""`screener rank` and `screener feedback` through the CLI: formats, errors, output lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.store import Store
from tests.rank_support import FIXTURES, StubLadder, fixture_records, levels_of, load_store

OPS = str(FIXTURES / "ops_senior_manager.yaml")


@pytest.fixture(autouse=True)
def stub_ladder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI places postings with the same stub as the library tests (the level model is tested
    on its own): these tests check the wiring, not the model."""
    import screener.levels

    ladder = StubLadder(levels_of(fixture_records()))
    monkeypatch.setattr(screener.levels, "load_predictor", lambda models_dir=None, **_: ladder)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    load_store(path, fixture_records())
    return path


def run(*args: str) -> object:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_rank_csv(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "shortlist.csv"
    result = run("rank", "--profile", OPS, "--db", str(db), "-o", str(out))
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"19 postings to {out} for Pat Example at senior_manager: ")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = read_csv(out)
    assert rows[0]["title"] == "Senior Operations Manager" and rows[0]["move"] == "parallel"
    assert rows[0]["status"] == "new"
    # a second rank: nothing is new any more
    result = run("rank", "--profile", OPS, "--db", str(db), "-o", str(out), "--new-only")
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1].startswith("0 postings")


def test_rank_json_to_stdout_keeps_messages_on_stderr(db: Path) -> None:
    result = CliRunner().invoke(cli, ["rank", "--profile", OPS, "--db", str(db), "--format", "json", "--top", "2"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["rank"] for r in rows] == [1, 2]
    assert rows[1]["move"] == "step_back" and rows[1]["pitch"].startswith("1) I want this job")
    assert "2 postings for Pat Example" in result.stderr


def test_rank_table(db: Path) -> None:
    result = run("rank", "--profile", OPS, "--db", str(db), "--top", "3", "--move", "step_back")
    assert result.exit_code == 0
    assert "Operations Manager" in result.output and "step_back" in result.output
    assert "3 postings for Pat Example" in result.output


def test_rank_xlsx(db: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "shortlist.xlsx"
    result = run("rank", "--profile", OPS, "--db", str(db), "-o", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    url = sheet.cell(row=2, column=header.index("url") + 1)
    assert url.hyperlink.target == url.value and url.value.startswith("https://")
    move = sheet.cell(row=2, column=header.index("move") + 1)
    assert move.value == "parallel" and move.fill.start_color.rgb.endswith("DDEBF7")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv"], "csv output needs -o FILE"),
        (["-o", "x.txt"], "cannot tell the format"),
        (["--move", "sideways"], "unknown move 'sideways'"),
        (["-o", "no/such/folder/x.csv"], "does not exist"),
    ],
)
def test_bad_usage_exits_2(db: Path, args: list[str], message: str) -> None:
    result = run("rank", "--profile", OPS, "--db", str(db), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_bad_profile_is_one_line(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "me.yaml"
    bad.write_text("title: Ops\nweights: {charm: 2}\n")
    result = run("rank", "--profile", str(bad), "--db", str(db))
    assert result.exit_code == 2
    assert (
        result.output == f"Error: profile {bad}: weights: unknown fit component 'charm'; expected one of: "
        "function, industry, skills, experience, scope, pay, location, recency\n"
    )
    result = run("rank", "--profile", str(tmp_path / "missing.yaml"), "--db", str(db))
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "no such file" in result.output


def test_unreadable_shortlist_is_one_line_and_left_alone(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "budget.csv"
    other.write_text("month,amount\njan,3\n")
    result = run("rank", "--profile", OPS, "--db", str(db), "-o", str(other))
    assert result.exit_code == 1
    assert result.output == f"Error: {other}: not a shortlist (needs an id or url column and my_status or my_notes)\n"
    assert other.read_text() == "month,amount\njan,3\n"
    garbage = tmp_path / "broken.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("feedback", str(garbage), "--db", str(db))
    assert result.exit_code == 1 and result.output == f"Error: {garbage}: unreadable XLSX (BadZipFile)\n"


def test_no_database_is_one_line(tmp_path: Path) -> None:
    result = run("rank", "--profile", OPS, "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "no database" in result.output


def test_learning_is_said_and_can_be_turned_off(db: Path, tmp_path: Path) -> None:
    with Store.open(db) as store:
        rows = store.conn.execute(
            "SELECT p.id, p.title FROM postings p JOIN enrichment e ON e.posting_id = p.id ORDER BY p.id"
        ).fetchall()
        marks = [(pid, "not interested" if "Operations" not in t else "applied", None) for pid, t in rows[:22]]
        store.save_feedback(marks)
    result = run("rank", "--profile", OPS, "--db", str(db), "--top", "5", "--all")
    assert result.exit_code == 0
    assert "weights learned from your 22 marked rows" in result.output and "--no-learn to turn off" in result.output
    result = run("rank", "--profile", OPS, "--db", str(db), "--top", "5", "--no-learn")
    assert result.exit_code == 0 and "learned" not in result.output


def test_every_command_has_help() -> None:
    for command in ("rank", "feedback"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.output


def test_new_is_per_profile(db: Path, tmp_path: Path) -> None:
    it = str(FIXTURES / "it_director.yaml")
    assert run("rank", "--profile", OPS, "--db", str(db), "--format", "json").exit_code == 0
    result = CliRunner().invoke(cli, ["rank", "--profile", it, "--db", str(db), "--format", "json"])
    assert {r["status"] for r in json.loads(result.stdout)} == {"new"}  # ranking Pat's profile saw nothing for Sam
    result = CliRunner().invoke(cli, ["rank", "--profile", OPS, "--db", str(db), "--format", "json"])
    assert {r["status"] for r in json.loads(result.stdout)} == {"seen"}


def test_the_statuses_that_hide_a_row_are_documented() -> None:
    from screener.rank.learn import NEGATIVE

    text = " ".join(run("rank", "--help").output.split())
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    for status in NEGATIVE:
        assert status in text, status
        assert f"`{status}`" in readme, status
    # the rule for learning reads the same in both
    assert "20 or more rows whose my_status is set, some saying no" in text
    assert "20 or more rows whose `my_status` is set, some saying no" in readme


def test_an_empty_output_file_is_no_previous_shortlist(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "shortlist.csv"
    out.write_bytes(b"")
    result = run("rank", "--profile", OPS, "--db", str(db), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(read_csv(out)) == 19


def test_a_format_that_contradicts_the_file_name_is_refused(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "y.csv"
    result = run("rank", "--profile", OPS, "--db", str(db), "-o", str(out), "--format", "json")
    assert result.exit_code == 2 and not out.exists()
    assert "y.csv is named for csv, not json; drop --format or name the file .json" in result.output
    assert run("rank", "--profile", OPS, "--db", str(db), "-o", str(out), "--format", "csv").exit_code == 0


def test_an_empty_result_is_one_line(db: Path) -> None:
    assert run("rank", "--profile", OPS, "--db", str(db), "--format", "json").exit_code == 0
    result = run("rank", "--profile", OPS, "--db", str(db), "--new-only")
    assert result.exit_code == 0
    assert result.output == "0 postings for Pat Example at senior_manager: nothing new since this profile's last rank\n"


def test_a_terminal_preview_marks_nothing_seen(db: Path) -> None:
    assert run("rank", "--profile", OPS, "--db", str(db), "--top", "1").exit_code == 0
    result = CliRunner().invoke(cli, ["rank", "--profile", OPS, "--db", str(db), "--format", "json", "--new-only"])
    assert len(json.loads(result.stdout)) == 19  # the one-row preview saw 1 of them, and counts for none
    result = CliRunner().invoke(cli, ["rank", "--profile", OPS, "--db", str(db), "--format", "json", "--new-only"])
    assert json.loads(result.stdout) == []  # the JSON shortlist did count


@pytest.mark.parametrize(("since", "ok"), [("7", True), ("7d", True), ("2026-11-01", False), ("-3", False)])
def test_since_takes_days_and_says_so(db: Path, since: str, ok: bool) -> None:
    result = run("rank", "--profile", OPS, "--db", str(db), "--since", since)
    assert (result.exit_code == 0) is ok
    if not ok:
        assert result.exit_code == 2 and "is not a number of days (e.g. --since 7" in result.output
