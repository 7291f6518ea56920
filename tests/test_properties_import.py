"""Property-based test of a whole import: any file of lines (JSON objects of any shape, JobSpy-like
rows, broken JSON, bytes in other encodings) imports without raising, every line is accounted
for exactly once, and the database stays whole."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.importers.run import UnreadableFile, import_file
from screener.store import Store

EXAMPLES = int(os.environ.get("SCREENER_PROPERTY_EXAMPLES", "150")) // 5
NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)

text = st.text(
    alphabet=st.characters(codec=None) | st.sampled_from(list('\u202e\u200b\ud800\x00\n\r"{}[]')), max_size=20
)
scalar = st.none() | st.booleans() | st.integers() | st.floats() | text | st.sampled_from(["Manager", "indeed", "1"])
value = st.recursive(
    scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3), max_leaves=6
)
KEYS = [
    *("source_id", "title", "company", "location", "url", "salary_min", "salary_max", "salary_period"),
    *("date_posted", "description", "remote", "id", "site", "job_url", "min_amount", "is_remote", "job_type"),
]
record = st.dictionaries(st.sampled_from(KEYS), value, max_size=8)
line = (
    record.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    | record.map(lambda r: json.dumps(r).encode()[: max(1, len(json.dumps(r)) // 2)])  # cut short
    | st.binary(max_size=40).filter(lambda b: b"\n" not in b and b"\r" not in b)
    | st.sampled_from([b"", b"null", b"[]", b"{}", b'{"title": "Manager"}', b'{"title": "Manager", "source_id": 1}'])
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, min_size=1, max_size=25))
def test_any_file_of_lines_imports_and_every_line_is_counted_once(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path, db = Path(folder) / "p.jsonl", Path(folder) / "s.db"
        path.write_bytes(b"\n".join(lines) + b"\n")
        with Store.open(db) as store:
            try:
                summary = import_file(path, store, now=NOW)
            except UnreadableFile as exc:
                assert "\n" not in str(exc)
                assert store.stats()["postings"] == 0  # refused as a whole: nothing stored
                return
            stored = summary.stored
            assert summary.read == stored.new + stored.updated + stored.unchanged + stored.duplicates + sum(
                summary.rejected.values()
            )
            assert stored.updated == stored.unchanged == 0  # a fresh database, and no id twice in one file
            assert store.stats()["postings"] == stored.new
            assert "internal_error" not in summary.rejected, summary.errors
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
