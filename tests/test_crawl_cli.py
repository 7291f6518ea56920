"""`screener crawl` options and failures that never reach a crawl (no child process started, but
for the `-s` values that only the spiders refuse)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import screener.crawlsettings
from screener.cli import cli
from screener.cli.crawl import parse_settings
from screener.crawl import spider_command


def test_settings_are_name_value_pairs():
    assert parse_settings(("LOG_LEVEL=DEBUG", "X==y", "EMPTY=")) == {"LOG_LEVEL": "DEBUG", "X": "=y", "EMPTY": ""}


def test_the_child_gets_the_sources_db_and_settings(tmp_path):
    command = spider_command(
        ["greenhouse", "lever"], sources_path=tmp_path / "s.yaml", db_path=tmp_path / "x.db", parent_run=7,
        settings={"DOWNLOAD_DELAY": "2", "SCREENER_DB": "ignored.db"}, python="py",
    )  # fmt: skip
    assert command == [
        "py", "-m", "scrapy", "nightly", "greenhouse", "lever", "-a", f"sources={tmp_path / 's.yaml'}",
        "-s", "DOWNLOAD_DELAY=2", "-s", f"SCREENER_DB={tmp_path / 'x.db'}", "-s", "SCREENER_PARENT_RUN=7",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["crawl", "taleo"], 2, "Invalid value for '[SPIDER]...': 'taleo' is not one of"),
        (["crawl", "--sources", "missing.yaml"], 2, "missing.yaml: no such file (copy data/sources.example.yaml"),
    ],
)
def test_bad_usage_exits_2(runner, tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, [*args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == code
    assert message in result.output


def test_a_bad_sources_file_is_one_line(runner: CliRunner, tmp_path):
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n  - {type: lever}\n", encoding="utf-8")
    result = runner.invoke(cli, ["crawl", "--sources", str(sources), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert result.output == f"Error: {sources}:2: entry 1 (lever): field 'token': field required\n"


def test_nothing_to_crawl(runner: CliRunner, tmp_path):
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n  - {type: lever, token: x, enabled: false}\n", encoding="utf-8")
    result = runner.invoke(cli, ["crawl", "--sources", str(sources), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0
    assert result.output == "Nothing to crawl: no enabled entries for these spiders in the sources file.\n"


def test_help_shows_examples(runner: CliRunner):
    result = runner.invoke(cli, ["crawl", "--help"])
    assert result.exit_code == 0
    assert "screener crawl greenhouse lever -s CONCURRENT_REQUESTS_PER_DOMAIN=1" in result.output


def test_a_database_in_a_missing_folder_is_one_line(runner: CliRunner, tmp_path):
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n  - {type: lever, token: x}\n", encoding="utf-8")
    db = tmp_path / "nope" / "x.db"
    result = runner.invoke(cli, ["crawl", "--sources", str(sources), "--db", str(db)])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot create database {db}: folder {db.parent} does not exist\n"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("NOVALUE", "-s expects NAME=VALUE, got 'NOVALUE'"),
        ("SCREENER_MONITOR_MAX_DROP_RATE=abc", "-s SCREENER_MONITOR_MAX_DROP_RATE='abc': expected a number"),
        ("CONCURRENT_REQUESTS_PER_DOMAIN=two", "-s CONCURRENT_REQUESTS_PER_DOMAIN='two': expected a whole number"),
        (
            "SCREENER_MONITOR_MAX_DROP_RATE=2",
            "-s SCREENER_MONITOR_MAX_DROP_RATE='2': expected a number between 0 and 1",
        ),
        ("HTTPCACHE_ENABLED=yes", "-s HTTPCACHE_ENABLED='yes': expected 0/1 or true/false"),
    ],
)
def test_a_bad_setting_is_one_line_before_anything_starts(runner: CliRunner, tmp_path, setting, message):
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n  - {type: greenhouse, token: acme}\n", encoding="utf-8")
    db = tmp_path / "x.db"
    result = runner.invoke(cli, ["crawl", "--sources", str(sources), "--db", str(db), "-s", setting])
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")
    assert not db.exists()  # nothing started, not even the run


def crawl_with_unchecked(runner: CliRunner, tmp_path, monkeypatch, setting: str):
    """A crawl whose -s value slips past the parent's check (to see what the spiders make of it)."""
    monkeypatch.setattr(screener.crawlsettings, "check_settings", lambda settings, defaults: None)
    sources = tmp_path / "s.yaml"
    sources.write_text('sources:\n  - {type: greenhouse, token: acme, url: "http://127.0.0.1:9/x"}\n', encoding="utf-8")
    return runner.invoke(cli, ["crawl", "--sources", str(sources), "--db", str(tmp_path / "x.db"), "-s", setting])


def test_a_bad_setting_the_spiders_refuse_is_their_one_line(runner: CliRunner, tmp_path, monkeypatch):
    result = crawl_with_unchecked(runner, tmp_path, monkeypatch, "SCREENER_MONITOR_MAX_DROP_RATE=abc")
    assert (result.exit_code, result.output) == (
        2,
        "Error: -s SCREENER_MONITOR_MAX_DROP_RATE='abc': expected a number\n",
    )


def test_spiders_that_cannot_start_are_one_line_and_no_false_summary(runner: CliRunner, tmp_path, monkeypatch):
    result = crawl_with_unchecked(runner, tmp_path, monkeypatch, "LOG_FORMATTER=no_such_module.Formatter")
    assert result.exit_code == 1
    assert result.output == (
        "Error: bad night: greenhouse: the crawl did not finish (exit code 1: the greenhouse crawl failed: "
        "ModuleNotFoundError: No module named 'no_such_module')\n"
    )


def test_the_docs_the_crawl_cites_exist_and_agree(runner: CliRunner):
    """`crawl --help` and the example sources file point to README sections that exist, and give
    the README's figures for a night of 1,000 boards."""
    repo = Path(__file__).resolve().parents[1]
    readme = (repo / "README.md").read_text(encoding="utf-8")
    shown = " ".join(runner.invoke(cli, ["crawl", "--help"]).output.split())
    example = " ".join(
        line.lstrip("# ") for line in (repo / "data" / "sources.example.yaml").read_text(encoding="utf-8").splitlines()
    )
    assert "docs/" not in shown and "docs/" not in example
    assert '"Crawling every night" in README.md' in shown and "\n## Crawling every night\n" in readme
    assert '"What a night costs" in README.md' in example and "\n### What a night costs" in readme
    assert "**~11 min** when the host answers in 0.3 s, **~21 min** at 1 s" in readme
    assert "takes about 11 minutes when the host answers in 0.3 s, about 21 at 1 s" in example
