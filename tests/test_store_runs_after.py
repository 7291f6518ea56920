"""Store.runs_after: the runs one crawl wrote, per source or per board."""

from __future__ import annotations

from screener.store import Store


def test_runs_after_lists_one_crawls_runs(db_path):
    with Store.open(db_path) as store:
        before = store.begin_run("crawl")
        board = store.begin_run("crawl", "greenhouse", "acme")
        store.finish_run(board, "ok", {"fetched": 3})
        source = store.begin_run("crawl", "greenhouse")
        store.finish_run(source, "ok", {"fetched": 3, "boards": 1})
        store.begin_run("import", "file.jsonl")
        assert store.runs_after(before, "crawl") == [
            {
                "id": source,
                "source": "greenhouse",
                "board": None,
                "status": "ok",
                "summary": {"fetched": 3, "boards": 1},
            },
        ]
        (acme,) = store.runs_after(before, "crawl", boards=True)
        assert (acme["board"], acme["summary"]) == ("acme", {"fetched": 3})
        assert store.runs_after(source, "crawl") == []
