"""The batched upsert stores exactly what the one-posting-at-a-time upsert stored: same results,
same rows, for any sequence of batches (repeats inside a batch, reposts, duplicates across
sources, content changes, id collisions, closing and reopening)."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.records import Posting
from screener.store import postings as batched
from screener.store.db import connect
from screener.store.keys import posting_id, source_key
from tests.reference import upsert_one_by_one as reference

TEXTS = [
    "",
    "Lead a team of 20 in our Chicago distribution center. 5+ years of experience.",
    "Lead a team of 20 in our Chicago distribution center. 5+ years of experience!",
    "Run the night shift of our returns center: quality checks, staffing and safety audits.",
]


@st.composite
def postings(draw: st.DrawFn) -> Posting:
    return Posting(
        title=draw(st.sampled_from(["Operations Manager", "Shift Supervisor"])),
        source=draw(st.sampled_from(["greenhouse", "lever"])),
        board=draw(st.sampled_from(["acme", "acme-eu", None])),
        source_id=draw(st.sampled_from(["1", "2", "3", None])),
        url=draw(st.sampled_from(["https://jobs.example/1", "https://jobs.example/2", None])),
        company=draw(st.sampled_from(["Acme", "Globex Inc", None])),
        city=draw(st.sampled_from(["Chicago", None])),
        description=draw(st.sampled_from(TEXTS)),
        salary_max=draw(st.sampled_from([None, 90000.0])),
        hints=draw(st.sampled_from([{}, {"experience_level": "Senior"}])),
        raw=draw(st.sampled_from([None, {}, {"id": 1}, {"id": 2, "t": "é"}])),
    )


def dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = {
        name: conn.execute(f"SELECT * FROM {name} ORDER BY 1, 2, 3").fetchall() for name in ("postings", "sightings")
    }
    tables["raw_payloads"] = [
        (pid, at, zlib.decompress(blob))
        for pid, at, blob in conn.execute("SELECT * FROM raw_payloads ORDER BY posting_id")
    ]
    return tables


def apply(path: Path, upsert, nights: list[list[Posting]], close: list[bool]) -> tuple[list, dict]:
    conn = connect(path)
    results = []
    for night, (batch, closing) in enumerate(zip(nights, close, strict=True)):
        now = f"2026-01-{night + 1:02d}T00:00:00+00:00"
        run = conn.execute("INSERT INTO runs (kind, started_at) VALUES ('crawl', ?)", (now,)).lastrowid
        conn.commit()
        try:
            result = upsert(conn, batch, run, now=now)
            results.append((result.new, result.updated, result.unchanged, result.duplicates, result.reopened))
            results.append(result.ids)
        except sqlite3.IntegrityError as exc:
            results.append(f"failed: {exc}")
        if closing:
            for source, board in {(p.source, p.board) for p in batch}:
                results.append(batched.close_missing(conn, source, board, run, now=now))
    tables = dump(conn)
    conn.close()
    return results, tables


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    nights=st.lists(st.lists(postings(), max_size=8), min_size=1, max_size=4),
    close=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_batched_upsert_stores_what_one_by_one_stored(tmp_path_factory, nights, close):
    folder = tmp_path_factory.mktemp("db")
    close = close[: len(nights)]
    expected = apply(folder / "reference.db", reference.upsert, nights, close)
    assert apply(folder / "batched.db", batched.upsert, nights, close) == expected


def test_an_id_taken_by_another_key_gets_a_derived_one_in_a_batch(db_path):
    first = Posting(title="Manager", source="lever", board="b", source_id="1", description="One.")
    other = Posting(title="Manager", source="lever", board="b", source_id="2", description="Two.")
    conn = connect(db_path)
    taken = posting_id(other)
    # a posting stored under the id the second one would get, from another key
    conn.execute(
        "INSERT INTO postings (id, source, title, content_hash, dedupe_key, first_seen, last_seen, updated_at) "
        "VALUES (?, 'x', 't', 'h', '!x', 'n', 'n', 'n')",
        (taken,),
    )
    result = batched.upsert(conn, [first, other], None, now="2026-01-01T00:00:00+00:00")
    assert result.new == 2
    assert result.ids[1].startswith(taken) and result.ids[1] != taken
    assert source_key(other) == "2"


def _same(tmp_path: Path, nights: list[list[Posting]], close: list[bool]) -> None:
    expected = apply(tmp_path / "reference.db", reference.upsert, nights, close)
    assert apply(tmp_path / "batched.db", batched.upsert, nights, close) == expected


def _job(source_id: str, **fields) -> Posting:
    base = {"title": "Operations Manager", "source": "lever", "board": "b", "company": "Acme", "city": "Chicago"}
    base |= {"description": TEXTS[1], "raw": {"id": source_id}}
    return Posting(source_id=source_id, **{**base, **fields})


def test_a_closed_posting_listed_twice_in_one_batch_reopens_once(tmp_path):
    nights = [[_job("1"), _job("2", title="Shift Supervisor")], [_job("2", title="Shift Supervisor")], [_job("1")] * 2]
    _same(tmp_path, nights, [True, True, True])


def test_a_posting_moved_to_a_new_dedupe_key_is_found_under_it_in_the_same_batch(tmp_path):
    # "2" is first stored as a Shift Supervisor, then edited into an Operations Manager; "3" is a
    # repost of it under a new id, in the same batch as the edit
    nights = [[_job("2", title="Shift Supervisor", description=TEXTS[3])], [_job("2"), _job("3", source="greenhouse")]]
    _same(tmp_path, nights, [False, False])
