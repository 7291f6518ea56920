"""The store takes whatever the normaliser gives it, and a raw payload it could not otherwise
write (lone surrogates, nested too deeply, numbers JSON cannot print, keys that are not text)
never fails a batch."""

from __future__ import annotations

import json
import math
import sqlite3
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from screener.normalize.record import normalize_record
from screener.records import Posting
from screener.store import Store
from screener.store.keys import encode_raw

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def _deep(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth):
        value = {"a": value}
    return value


PAYLOADS = {
    "lone surrogate": {"title": "a\ud800b", "k\udfff": "v"},
    "nested 5000 deep": _deep(5000),
    "5000-digit number": {"n": 10**4999},
    "nan and infinity": {"n": math.nan, "m": -math.inf},
    "keys that are not text": {("tuple", "key"): 1, "kept": 2},
    "objects": {"when": datetime(2025, 1, 1), "what": object()},
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_any_raw_payload_is_stored_as_valid_utf8_json(tmp_path: Path, payload: dict) -> None:
    encoded = encode_raw(payload)
    json.loads(encoded.decode("utf-8"))  # valid UTF-8, valid JSON
    with Store.open(tmp_path / "raw.db") as store:
        result = store.upsert([Posting(title="Operations Manager", source_id="1", raw=payload)])
        assert result.new == 1
        stored = store.conn.execute("SELECT payload FROM raw_payloads").fetchone()[0]
    assert zlib.decompress(stored) == encoded


def test_a_lone_surrogate_round_trips_through_its_json_escape() -> None:
    payload = {"title": "a\ud800b"}
    assert json.loads(encode_raw(payload)) == payload


def test_a_payload_json_cannot_hold_is_replaced_by_a_note() -> None:
    assert "_unstorable" in json.loads(encode_raw(_deep(5000)))


HOSTILE = [
    "a\ud800b",
    "\u202eevil",
    "<script>alert(1)</script>",
    10**400,
    math.nan,
    True,
    None,
    [],
    ["x", ["y"]],
    {"a": {"b": 1}},
    _deep(3000),
    "x" * 1_000_000,
]
FIELDS = ["source_id", "url", "company", "location", "salary_min", "date_posted", "description", "hints", "remote"]


def test_every_hostile_record_can_be_stored(tmp_path: Path) -> None:
    postings = []
    for index, (field, value) in enumerate((f, v) for f in FIELDS for v in HOSTILE):
        raw = {"title": f"Operations Manager {index}", "source_id": f"id-{index}", field: value}
        postings.append(normalize_record({**raw, "raw": raw}, source="import", now=NOW))
    with Store.open(tmp_path / "hostile.db") as store:
        result = store.upsert(postings)
        assert result.new + result.duplicates + result.unchanged + result.updated == len(postings)
        assert store.stats()["postings"] == result.new
    with sqlite3.connect(tmp_path / "hostile.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM raw_payloads").fetchone()[0] == result.new
