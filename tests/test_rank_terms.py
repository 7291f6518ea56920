"""The term cache: derived at enrichment, decoded for a whole chunk at once."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.enrich.run import DERIVED_VERSION
from screener.enrich.terms import counts, decode, encode, stem, term_ids, tokenize
from screener.store import Store
from tests.rank_support import load_store


def test_tokenize_drops_stop_words_and_numbers_and_folds_plurals() -> None:
    assert tokenize("The Operations of 3 warehouses, P&L and C++!") == ["operation", "warehouse", "p&l", "c++"]
    assert stem("facilities") == "facility"
    assert stem("logistics") == "logistic"
    assert stem("process") == "process"


def test_encode_decode_round_trip() -> None:
    matrix = counts(["lean lean budgeting", "", "vendor management and lean"])
    rows = encode(matrix)
    assert rows[1] == (b"", b"", 0)
    assert [r[2] for r in rows] == [3, 0, 3]
    back = decode([r[0] for r in rows] + [None], [r[1] for r in rows] + [None])
    assert back.shape[0] == 4
    np.testing.assert_array_equal(back[:3].toarray(), matrix.toarray())
    assert back[3].nnz == 0
    lean = term_ids("lean")
    assert len(lean) == 1
    assert back[0, lean[0]] == 2


def test_enrichment_caches_terms_and_rederives_them_on_a_new_terms_version(tmp_path) -> None:
    db = tmp_path / "s.db"
    ids = load_store(db, [{"title": "Warehouse Manager", "description": "Lead lean warehouse operations."}])
    with Store.open(db) as store:
        version, blob, length = store.conn.execute(
            "SELECT terms_version, term_ids, doc_len FROM enrichment WHERE posting_id = ?", (ids["Warehouse Manager"],)
        ).fetchone()
        assert version == DERIVED_VERSION
        assert set(term_ids("lean warehouse")) <= set(np.frombuffer(blob, dtype="<u4").tolist())
        assert length == 8  # the title twice (2 + 2), then lead, lean, warehouse, operation
        store.conn.execute("UPDATE enrichment SET terms_version = 'terms-0'")
        store.conn.commit()
        from screener.enrich.run import pending_count

        assert pending_count(store, "stub-ladder-1") == 1


def test_rank_hashes_terms_exactly_as_the_enrichment_does() -> None:
    words = ["lean", "vendor", "p&l", "c++", "zürich", "straße", "管理", "a" * 37, "operation", "x"]
    matrix = counts([" ".join(words)])
    assert sorted(matrix.indices.tolist()) == term_ids(" ".join(words))
    for word in words:
        (expected,) = counts([word]).indices.tolist() or [None]
        assert term_ids(word) == ([expected] if expected is not None else [])


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_hashing_agrees_on_any_text(text: str) -> None:
    assert term_ids(text) == sorted(set(counts([text]).indices.tolist()))
