"""A board whose whole listing is byte for byte the one its last complete run read is recorded as
seen again without being parsed, and the store ends exactly where reading it posting by posting
would have left it: same rows, same board summaries, same counts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from scrapers import signals
from screener.sources import load_sources
from tests.crawlhelpers import body_response
from tests.test_crawl_pipelines import Night, runs

URL = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"


def gh_job(n: int, **fields) -> dict:
    return {
        "id": n,
        "title": f"Operations Manager {n}",
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{n}",
        "location": {"name": "Chicago, IL"},
        "updated_at": "2026-09-02T10:00:00-04:00",
        "content": "&lt;p&gt;Lead a team of 12. 5+ years of experience.&lt;/p&gt;",
        "departments": [{"name": "Operations"}],
        **fields,
    }


LISTED = [gh_job(1), gh_job(2), gh_job(3, title=""), gh_job(4), gh_job(2)]  # a title-less job, a repeat
EDITED = [gh_job(1), gh_job(2, title="Shift Lead"), gh_job(5)]  # 2 edited, 4 gone, 5 new
NIGHTS = [LISTED, LISTED, LISTED, EDITED, EDITED, EDITED]


def body(jobs: list[dict]) -> bytes:
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}).encode()


def crawl(db: Path, sources: Path, shortcut: bool, meddle: dict[int, str] | None = None) -> list[dict]:
    (entry,) = load_sources(sources).of_type("greenhouse")
    stats = []
    for number, jobs in enumerate(NIGHTS):
        if meddle and number in meddle:
            with sqlite3.connect(db) as conn:
                conn.execute(meddle[number])
        night = Night(db, SCREENER_SOURCES=str(sources))
        if not shortcut:  # posting by posting, as before: the listing's digest is still recorded
            night.crawler.signals.disconnect(night.store.board_payload, signal=signals.board_payload)
            night.crawler.signals.connect(remember_digest(night.store), signal=signals.board_payload, weak=False)
        night.board("acme")
        for out in night.crawler.spider.parse_board(body_response(body(jobs), URL, {"entry": entry})):
            night.item(out)
        night.close()
        stats.append(night.crawler.stats.get_stats())
    return stats


def remember_digest(store):
    def handler(source: str, board: str, digest: str) -> bool:
        store._board(board).payload = digest
        return False

    return handler


def state(db: Path) -> tuple[list, list]:
    with sqlite3.connect(db) as conn:
        rows = (
            conn.execute("SELECT id, title, closed_at IS NULL, content_hash FROM postings ORDER BY id").fetchall()
            + conn.execute(
                "SELECT source, board, source_key, posting_id, closed_at IS NULL, last_run, raw_hash FROM sightings "
                "ORDER BY source_key"
            ).fetchall()
        )
    summaries = [(s, b, st, {k: v for k, v in json.loads(j).items() if k != "seconds"}) for s, b, st, j in runs(db)]
    return rows, summaries


COUNTED = ("screener/fetched", "screener/unchanged", "screener/stored/", "screener/dropped/")


def counts(stats: list[dict]) -> list[dict]:
    return [
        {k: v for k, v in night.items() if k.startswith(COUNTED) and k != "screener/unchanged_boards"}
        for night in stats
    ]


def sources_file(tmp_path: Path) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - {type: greenhouse, token: acme}\n", encoding="utf-8")
    return path


def test_an_unchanged_listing_is_not_parsed_and_the_store_ends_the_same(tmp_path):
    sources = sources_file(tmp_path)
    fast = crawl(tmp_path / "fast.db", sources, shortcut=True)
    slow = crawl(tmp_path / "slow.db", sources, shortcut=False)
    assert state(tmp_path / "fast.db") == state(tmp_path / "slow.db")
    assert counts(fast) == counts(slow)
    # the listing was parsed on the nights it changed, and only then
    assert [n.get("screener/unchanged_boards") for n in fast] == [None, 1, 1, None, 1, 1]
    assert [n.get("screener/unchanged_boards") for n in slow] == [None] * 6
    summary = state(tmp_path / "fast.db")[1][-2][3]  # the last night's board run
    assert (summary["fetched"], summary["unchanged"], summary["dropped"]) == (3, 3, {})
    second = state(tmp_path / "fast.db")[1][2][3]
    assert (second["fetched"], second["unchanged"], second["dropped"]) == (5, 3, {"missing_title": 1, "duplicate": 1})


def test_a_store_changed_since_the_last_run_is_read_posting_by_posting(tmp_path):
    sources = sources_file(tmp_path)
    # before the third night a posting of the board is closed behind the crawl's back, and before
    # the sixth a sighting loses its payload hash: the listing is the same, the store is not as
    # the last run left it, so the board is read posting by posting (and put right)
    meddle = {
        2: "UPDATE postings SET closed_at = '2026-01-01' WHERE title = 'Operations Manager 1'",
        5: "UPDATE sightings SET raw_hash = NULL WHERE source_key = '5'",
    }
    fast = crawl(tmp_path / "fast.db", sources, shortcut=True, meddle=meddle)
    slow = crawl(tmp_path / "slow.db", sources, shortcut=False, meddle=meddle)
    assert [n.get("screener/unchanged_boards") for n in fast] == [None, 1, None, None, 1, None]
    assert state(tmp_path / "fast.db") == state(tmp_path / "slow.db")
    assert counts(fast) == counts(slow)


def test_a_failed_night_is_not_a_reference(tmp_path):
    sources = sources_file(tmp_path)
    db = tmp_path / "s.db"
    (entry,) = load_sources(sources).of_type("greenhouse")
    for reason in ("shutdown", "finished"):  # an interrupted night, then a full one: both parse
        night = Night(db, SCREENER_SOURCES=str(sources))
        night.board("acme")
        for out in night.crawler.spider.parse_board(body_response(body(LISTED), URL, {"entry": entry})):
            night.item(out)
        night.close(reason)
        assert night.crawler.stats.get_value("screener/unchanged_boards") is None
    assert "payload" not in state(db)[1][0][3] and "payload" in state(db)[1][2][3]
