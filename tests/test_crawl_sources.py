"""The sources file model: valid files load, bad ones fail in one line naming file, entry, field."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.sources import SOURCE_TYPES, SourcesError, load_sources, parse_sources

REPO = Path(__file__).resolve().parent.parent


def test_a_valid_file_loads_with_keys_and_types():
    sources = parse_sources(
        """
sources:
  - {type: greenhouse, token: acme, url: "http://127.0.0.1:8000/v1/boards/acme/jobs"}
  - {type: lever, token: globex, eu: true, company: Globex}
  - {type: jsonld, sitemap: "https://careers.example.com/sitemap.xml"}
  - {type: jsonld, token: wayne, start_urls: ["https://wayne.example/jobs"], url_pattern: /job/}
  - {type: workable, token: "off", enabled: false}
  - {type: greenhouse, token: 103644278}
""",
        "s.yaml",
    )
    assert [e.key for e in sources] == [
        "acme",
        "globex",
        "careers.example.com",
        "wayne",
        "off",
        "103644278",
    ]
    assert sources.types() == ["greenhouse", "lever", "jsonld"]
    assert [e.key for e in sources.of_type("jsonld")] == ["careers.example.com", "wayne"]
    assert sources.of_type("workable") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "sources:\n  - {type: greenhouse, token: a}\n  - {type: taleo, token: x}\n",
            "s.yaml:3: entry 2 (taleo x): field 'type': unknown type 'taleo'; expected one of: "
            + ", ".join(SOURCE_TYPES),
        ),
        (
            "sources:\n  - {type: lever, token: no}\n",
            "s.yaml:2: entry 1 (lever): field 'token': "
            "YAML reads yes/no/on/off/true/false as a boolean: quote the token",
        ),
        ("sources:\n  - type: lever\n", "s.yaml:2: entry 1 (lever): field 'token': field required"),
        (
            "sources:\n  - {type: ashby, token: a, url: 'ftp://x/y'}\n",
            "s.yaml:2: entry 1 (ashby a): field 'url': not an http(s) URL: 'ftp://x/y'",
        ),
        (
            "sources:\n  - {type: ashby, token: a, colour: red}\n",
            "s.yaml:2: entry 1 (ashby a): field 'colour': unknown field",
        ),
        (
            "sources:\n  - {type: recruitee, token: 'a b'}\n",
            "s.yaml:2: entry 1 (recruitee a b): field 'token': "
            "a token is one URL path segment, without spaces, '/', '?' or '#': 'a b'",
        ),
        (
            "sources:\n  - {type: workable, token: a, eu: true}\n",
            "s.yaml:2: entry 1 (workable a): 'eu' applies to lever entries only",
        ),
        (
            "sources:\n  - {type: jsonld, token: w}\n",
            "s.yaml:2: entry 1 (jsonld w): give either 'sitemap' or 'start_urls'",
        ),
        (
            "sources:\n  - {type: jsonld, sitemap: 'https://a/s.xml', url_pattern: '('}\n",
            "s.yaml:2: entry 1 (jsonld https://a/s.xml): field 'url_pattern': "
            "not a regular expression (missing ), unterminated subpattern at position 0)",
        ),
        (
            "sources:\n  - {type: lever, token: a}\n  - {type: lever, token: a}\n",
            "s.yaml:3: entry 2 (lever a): duplicate of entry 1 (lever 'a')",
        ),
        (
            "sources:\n  - just a string\n",
            "s.yaml:2: entry 1: expected a mapping with at least 'type'",
        ),
        ("boards: []\n", "s.yaml: expected a mapping with a 'sources' list at the top"),
        (
            "sources: []\nsettings: {}\n",
            "s.yaml: unknown top-level key 'settings' (only 'sources' is read)",
        ),
        (
            "sources: [\n",
            "s.yaml:2: not valid YAML: expected the node content, but found '<stream end>'",
        ),
    ],
)
def test_errors_are_one_line_naming_file_entry_and_field(text, message):
    with pytest.raises(SourcesError) as info:
        parse_sources(text, "s.yaml")
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SourcesError, match=r"nope\.yaml: no such file"):
        load_sources(tmp_path / "nope.yaml")


def test_the_example_file_validates():
    sources = load_sources(REPO / "data" / "sources.example.yaml")
    assert {e.type for e in sources} == set(SOURCE_TYPES)
    assert all(e.url is None for e in sources if e.type != "jsonld")  # real public boards
