"""The CLI contract: help everywhere, version, exit codes, one-line errors, the rank round trip."""

from __future__ import annotations

import csv
import json

import click
import pytest

from screener import __version__
from screener.cli import cli


def all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path", list(all_commands(cli)), ids=" ".join)
def test_every_command_has_help(runner, path):
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3
    short = runner.invoke(cli, [*path, "-h"])
    assert short.output == result.output


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"screener, version {__version__}"


def test_unknown_command_is_usage_error(runner):
    assert runner.invoke(cli, ["frobnicate"]).exit_code == 2


def imported(runner, db_path, small_postings):
    result = runner.invoke(cli, ["import", str(small_postings), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


def test_rank_writes_the_contract_columns(runner, db_path, small_postings, profile_file, tmp_path):
    imported(runner, db_path, small_postings)
    out = tmp_path / "shortlist.csv"
    result = runner.invoke(cli, ["rank", "--profile", str(profile_file), "--db", str(db_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    contract = {
        "rank",
        "score",
        "move",
        "move_confidence",
        "level",
        "title",
        "company",
        "location",
        "remote",
        "salary_min",
        "salary_max",
        "currency",
        "pay_change_pct",
        "why",
        "url",
        "date_posted",
        "first_seen",
        "status",
        "my_status",
        "my_notes",
    }
    assert contract <= set(rows[0])
    assert any(name.startswith("fit_") for name in rows[0])
    assert [int(r["rank"]) for r in rows] == list(range(1, len(rows) + 1))
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
    assert all(r["why"] for r in rows)


def test_rank_json_to_stdout(runner, db_path, small_postings, profile_file):
    imported(runner, db_path, small_postings)
    result = runner.invoke(
        cli, ["rank", "--profile", str(profile_file), "--db", str(db_path), "--format", "json", "--top", "3"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 3 and {"move", "score", "why"} <= set(data[0])


def test_rank_keeps_user_edits(runner, db_path, small_postings, profile_file, tmp_path):
    imported(runner, db_path, small_postings)
    out = tmp_path / "shortlist.csv"
    args = ["rank", "--profile", str(profile_file), "--db", str(db_path), "-o", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    rows[0]["my_status"], rows[0]["my_notes"] = "applied", "Called Jo; interview Tue"
    # saved back as a European spreadsheet would: semicolons
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(cli, args)
    assert result.exit_code == 0 and "kept 1 edit from shortlist.csv" in result.output
    again = {r["id"]: r for r in csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())}
    assert again[rows[0]["id"]]["my_notes"] == "Called Jo; interview Tue"
    assert again[rows[0]["id"]]["my_status"] == "applied"


@pytest.mark.parametrize(
    ("profile_text", "message"),
    [
        ("title: Ops\nyears_experience: lots\n", "years_experience"),
        ("title: Ops\nlevel: boss\n", "level: must be one of"),
        ("name: nobody\n", "title: required field is missing"),
        ("title: [unclosed\n", "invalid YAML"),
    ],
)
def test_bad_profile_is_one_line_usage_error(runner, db_path, small_postings, tmp_path, profile_text, message):
    imported(runner, db_path, small_postings)
    before = db_path.read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text(profile_text, encoding="utf-8")
    result = runner.invoke(cli, ["rank", "--profile", str(bad), "--db", str(db_path)])
    assert result.exit_code == 2
    assert message in result.output and "bad.yaml" in result.output and "Traceback" not in result.output
    assert db_path.read_bytes() == before


def test_rank_without_database_is_one_line_error(runner, profile_file, tmp_path):
    result = runner.invoke(cli, ["rank", "--profile", str(profile_file), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no database at") and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "none.db").exists()


def test_unknown_move_is_usage_error(runner, db_path, small_postings, profile_file):
    imported(runner, db_path, small_postings)
    result = runner.invoke(cli, ["rank", "--profile", str(profile_file), "--db", str(db_path), "--move", "sideways"])
    assert result.exit_code == 2 and "unknown move 'sideways'" in result.output


def test_db_from_environment(runner, db_path, small_postings, monkeypatch):
    monkeypatch.setenv("SCREENER_DB", str(db_path))
    assert runner.invoke(cli, ["import", str(small_postings)]).exit_code == 0
    stats = json.loads(runner.invoke(cli, ["db", "stats", "--json"]).output)
    assert stats["postings"] == 8 and stats["open"] == 8 and stats["closed"] == 0
    assert stats["by_source"] == {"fixture": {"open": 8, "closed": 0, "postings": 8}}
    assert sum(stats["by_level"].values()) == 8


def test_db_stats_table(runner, db_path, small_postings):
    imported(runner, db_path, small_postings)
    result = runner.invoke(cli, ["db", "stats", "--db", str(db_path)])
    assert result.exit_code == 0 and "8 postings: 8 open, 0 closed" in result.output


def test_unexpected_error_is_one_line(monkeypatch, capsys):
    from screener import cli as cli_module

    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(cli_module.cli, "main", boom)
    monkeypatch.delenv("SCREENER_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.strip() == "Error: internal error: RuntimeError: kaput (set SCREENER_DEBUG=1 for details)"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["rank", "--top", "-5", "--profile", "p.yaml"], "Error: Invalid value for '--top'"),
        (["rank"], "Error: Missing option '--profile'."),
        (["frobnicate"], "Error: No such command 'frobnicate'. (see 'screener -h')"),
        (["import", "nosuch.jsonl"], "Error: Invalid value for FILE: nosuch.jsonl: no such file"),
    ],
)
def test_usage_errors_are_one_line_from_the_console_script(monkeypatch, capsys, tmp_path, argv, expected):
    from screener import cli as cli_module

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", ["screener", *argv])
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(expected), err


def test_help_and_version_still_exit_zero_from_the_console_script(monkeypatch, capsys):
    from screener import cli as cli_module

    for argv in (["--version"], ["rank", "-h"]):
        monkeypatch.setattr("sys.argv", ["screener", *argv])
        with pytest.raises(SystemExit) as exit_info:
            cli_module.main()
        assert exit_info.value.code == 0
    assert "Usage: screener rank" in capsys.readouterr().out
