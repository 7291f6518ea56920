"""The CLI's last line of defence: a failure nobody foresaw is still one line of plain text on
stderr and exit 1, even when its message quotes hostile posting text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from screener.cli import main


def test_an_unforeseen_error_is_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import screener.importers.run as run

    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError("title was\n<script>\x1b[31mred\x1b[0m\u202e" + "x" * 1000)

    monkeypatch.setattr(run, "import_file", explode)
    monkeypatch.delenv("SCREENER_DEBUG", raising=False)
    postings = tmp_path / "p.jsonl"
    postings.write_text('{"title": "A"}\n', encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["screener", "import", str(postings), "--db", str(tmp_path / "s.db")])
    with pytest.raises(SystemExit) as caught:
        main()
    assert caught.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("Error: internal error: ValueError: title was <script> [31mred [0m ")
    assert "\x1b" not in err and "\u202e" not in err
    assert err.endswith("... (set SCREENER_DEBUG=1 for details)\n")
    assert len(err) < 400


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import screener.importers.run as run

    monkeypatch.setattr(run, "import_file", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("SCREENER_DEBUG", "1")
    postings = tmp_path / "p.jsonl"
    postings.write_text('{"title": "A"}\n', encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["screener", "import", str(postings), "--db", str(tmp_path / "s.db")])
    with pytest.raises(ZeroDivisionError):
        main()
