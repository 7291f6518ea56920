"""The sources file is read through libyaml when PyYAML has it: same entries, same errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from screener import userfile
from screener.sources import SourcesError, parse_sources

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "sources.example.yaml"


def test_the_fast_loader_reads_what_the_pure_one_reads(monkeypatch):
    text = EXAMPLE.read_text(encoding="utf-8")
    fast = parse_sources(text, EXAMPLE)
    monkeypatch.setattr(userfile, "_FAST_LOADER", None)
    assert parse_sources(text, EXAMPLE) == fast


@pytest.mark.parametrize("fast", [True, False])
def test_errors_read_the_same_with_either_loader(monkeypatch, fast):
    if not fast:
        monkeypatch.setattr(userfile, "_FAST_LOADER", None)
    elif getattr(yaml, "CSafeLoader", None) is None:
        pytest.skip("PyYAML without libyaml")
    with pytest.raises(SourcesError, match=r"^s\.yaml:4: not valid YAML: expected the node content"):
        parse_sources("sources:\n  - {type: greenhouse, token: a}\n  - {type: [\n", "s.yaml")
    with pytest.raises(SourcesError, match=r"^s\.yaml:3: entry 2 \(lever\): field 'token'"):
        parse_sources("sources:\n  - {type: greenhouse, token: a}\n  - {type: lever}\n", "s.yaml")
