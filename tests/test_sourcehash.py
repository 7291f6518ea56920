"""Cache versions follow the code that derives the cached values, with no number to bump by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import screener.sourcehash as sourcehash
from screener.sourcehash import source_hash


def test_a_folder_stands_for_its_python_files_in_name_order():
    normalize = sorted((sourcehash.PACKAGE / "normalize").glob("*.py"))
    names = [f"normalize/{p.name}" for p in normalize]
    assert source_hash("normalize") == source_hash(*names)
    assert source_hash("normalize") != source_hash(*reversed(names))


def test_any_edit_changes_the_hash(tmp_path: Path, monkeypatch):
    copy = tmp_path / "screener"
    shutil.copytree(sourcehash.PACKAGE / "normalize", copy / "normalize")
    monkeypatch.setattr(sourcehash, "PACKAGE", copy)
    before = source_hash("normalize")
    numbers = copy / "normalize" / "numbers.py"
    numbers.write_text(numbers.read_text() + "\n# one more line\n")
    assert source_hash("normalize") != before


def test_the_caches_are_keyed_by_the_code_they_depend_on():
    from screener.enrich.cues import CUES_VERSION
    from screener.levels.ruleset import RULES_VERSION
    from screener.store import keys

    assert RULES_VERSION.startswith("rules-") and len(RULES_VERSION) == len("rules-") + 12
    assert CUES_VERSION.startswith("cues-") and len(CUES_VERSION) == len("cues-") + 12
    assert source_hash("normalize", "records.py", "importers").encode() in keys._VERSION


def test_the_crawl_hashes_payloads_with_its_spiders_version():
    """A fixed spider must read unchanged boards again once: the Scrapy project mixes a hash of its
    mapping code into every payload hash made in the crawl's process."""
    import scrapers
    from screener.store import keys

    assert scrapers.READER_VERSION.startswith("spiders-")
    assert keys._VERSION.endswith(b"+" + scrapers.READER_VERSION.encode())
    before = keys.raw_hash({"id": 1})
    try:
        keys.add_reader_version("spiders-other")
        assert keys.raw_hash({"id": 1}) != before
    finally:
        keys.add_reader_version(scrapers.READER_VERSION)
    assert keys.raw_hash({"id": 1}) == before


def test_the_level_cache_follows_every_module_between_a_posting_and_its_rung():
    import re

    import screener.levels.ruleset as ruleset

    text = (sourcehash.PACKAGE / "levels" / "ruleset.py").read_text()
    hashed = set(re.findall(r'"(\w+)"', text.split("RULES_VERSION", 1)[1].split(")\n", 1)[0]))
    prediction_modules = {
        "text",
        "rules",
        "cues",
        "scan",
        "gates",
        "frame",
        "ruleset",
        "features",
        "titlefeatures",
        "model",
    }
    assert prediction_modules <= hashed
    assert ruleset.RULES_VERSION.startswith("rules-")
