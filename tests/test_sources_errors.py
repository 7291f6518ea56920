"""Every invalid field of a sources file, and every way the file can be unreadable: one line of
error naming the file, the entry and the field, exit code 2 from `screener crawl`, no traceback,
and nothing crawled (the same message from :func:`load_sources` at the library level)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.sources import MAX_SOURCES_BYTES, BoardEntry, JsonLdEntry, SourcesError, load_sources

VALID = "sources:\n  - {type: greenhouse, token: fine}\n"
SITEMAP = "sitemap: 'https://careers.example.com/sitemap.xml'"

# (field, the second entry of the file, words the message must hold): a case for every field of
# both entry models, in every wrong type that YAML can write
INVALID_FIELDS = [
    ("type", "{type: taleo, token: a}", "unknown type 'taleo'; expected one of: greenhouse, lever"),
    ("type", "{type: Greenhouse, token: a}", "unknown type 'Greenhouse'"),
    ("type", "{type: [greenhouse], token: a}", "unknown type a list"),
    ("type", "{type: null, token: a}", "unknown type None"),
    ("type", "{type: 7, token: a}", "unknown type 7"),
    ("type", "{token: a}", "missing; expected one of"),
    ("token", "{type: greenhouse}", "field required"),
    ("token", "{type: greenhouse, token: null}", "valid string"),
    ("token", "{type: greenhouse, token: ''}", "at least 1 character"),
    ("token", "{type: greenhouse, token: '" + "x" * 201 + "'}", "at most 200 characters"),
    ("token", "{type: greenhouse, token: 1.5}", "valid string"),
    ("token", "{type: lever, token: yes}", "quote the token"),
    ("token", "{type: lever, token: off}", "quote the token"),
    ("token", "{type: greenhouse, token: [a, b]}", "valid string"),
    ("token", "{type: greenhouse, token: {a: 1}}", "valid string"),
    ("token", "{type: recruitee, token: 'a/b'}", "one URL path segment"),
    ("token", "{type: recruitee, token: 'a?b=1'}", "one URL path segment"),
    ("token", "{type: jsonld, token: '', " + SITEMAP + "}", "at least 1 character"),
    ("url", "{type: ashby, token: a, url: 5}", "valid string"),
    ("url", "{type: ashby, token: a, url: ''}", "not an http(s) URL: ''"),
    ("url", "{type: ashby, token: a, url: 'ftp://x.example/y'}", "not an http(s) URL: 'ftp://x.example/y'"),
    ("url", "{type: ashby, token: a, url: 'file:///etc/passwd'}", "not an http(s) URL"),
    ("url", "{type: ashby, token: a, url: '/v1/boards/a/jobs'}", "not an http(s) URL"),
    ("url", "{type: ashby, token: a, url: 'http://[::1/x'}", "not an http(s) URL"),
    ("url", "{type: ashby, token: a, url: 'https://me:secret@boards.example/a'}", "user name or password"),
    ("url", "{type: ashby, token: a, url: 'https://apikey@boards.example/a'}", "user name or password"),
    ("url", "{type: ashby, token: a, url: [https://boards.example/a]}", "valid string"),
    ("url", "{type: jsonld, url: 'https://a.example/', " + SITEMAP + "}", "unknown field"),
    ("eu", "{type: lever, token: a, eu: maybe}", "valid boolean"),
    ("eu", "{type: lever, token: a, eu: null}", "valid boolean"),
    ("eu", "{type: lever, token: a, eu: 2}", "valid boolean"),
    ("eu", "{type: workable, token: a, eu: true}", "'eu' applies to lever entries only"),
    ("eu", "{type: jsonld, eu: true, " + SITEMAP + "}", "unknown field"),
    ("company", "{type: lever, token: a, company: 5}", "valid string"),
    ("company", "{type: lever, token: a, company: [Acme, Globex]}", "valid string"),
    ("company", "{type: lever, token: a, company: {name: Acme}}", "valid string"),
    ("enabled", "{type: lever, token: a, enabled: sometimes}", "valid boolean"),
    ("enabled", "{type: lever, token: a, enabled: null}", "valid boolean"),
    ("enabled", "{type: lever, token: a, enabled: [true]}", "valid boolean"),
    ("sitemap", "{type: jsonld, sitemap: 5}", "valid string"),
    ("sitemap", "{type: jsonld, sitemap: sitemap.xml}", "not an http(s) URL: 'sitemap.xml'"),
    ("sitemap", "{type: jsonld, sitemap: 'https://u:p@careers.example.com/s.xml'}", "user name or password"),
    ("sitemap", "{type: jsonld, " + SITEMAP + ", start_urls: ['https://a.example/']}", "either 'sitemap' or"),
    ("start_urls", "{type: jsonld}", "give either 'sitemap' or 'start_urls'"),
    ("start_urls", "{type: jsonld, start_urls: []}", "give either 'sitemap' or 'start_urls'"),
    ("start_urls", "{type: jsonld, start_urls: 'https://a.example/'}", "valid list"),
    ("start_urls", "{type: jsonld, start_urls: [5]}", "valid string"),
    ("start_urls", "{type: jsonld, start_urls: ['javascript:alert(1)']}", "not an http(s) URL"),
    ("start_urls", "{type: jsonld, start_urls: {a: 'https://a.example/'}}", "valid list"),
    ("url_pattern", "{type: jsonld, " + SITEMAP + ", url_pattern: '('}", "not a regular expression"),
    ("url_pattern", "{type: jsonld, " + SITEMAP + ", url_pattern: [jobs]}", "valid string"),
    ("url_pattern", "{type: jsonld, " + SITEMAP + ", url_pattern: 5}", "valid string"),
    ("colour", "{type: lever, token: a, colour: red}", "unknown field"),
]


def test_every_field_of_both_entry_models_has_invalid_cases():
    covered = {case[0] for case in INVALID_FIELDS}
    assert set(BoardEntry.model_fields) | set(JsonLdEntry.model_fields) <= covered


def crawl(sources: Path, tmp_path: Path):
    return CliRunner().invoke(
        cli, ["crawl", "--sources", str(sources), "--db", str(tmp_path / "x.db"), "--no-enrich"], catch_exceptions=False
    )


def error_line(output: str) -> str:
    lines = output.splitlines()
    assert len(lines) == 1, output
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize(("field", "entry", "problem"), INVALID_FIELDS, ids=[c[1][:50] for c in INVALID_FIELDS])
def test_an_invalid_field_is_one_line_naming_file_entry_and_field_and_exits_2(tmp_path, field, entry, problem):
    path = tmp_path / "sources.yaml"
    path.write_text(VALID + f"  - {entry}\n", encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:3: entry 2"), message
    assert f"'{field}" in message and problem in message, message  # 'start_urls.0' names the item
    assert "\n" not in message and len(message) < 400

    result = crawl(path, tmp_path)
    assert result.exit_code == 2
    assert error_line(result.output) == f"Error: {message}"
    assert not (tmp_path / "x.db").exists()  # nothing was crawled, not even a run recorded


def _alias_bomb() -> str:
    lines = ["  - type: greenhouse", "    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"    a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "sources:\n" + "\n".join(lines) + "\n    token: *a8\n"


FILES = {
    "missing": (None, "no such"),
    "directory": ("DIR", "Is a directory"),
    "empty": (b"", "expected a mapping with a 'sources' list at the top"),
    "only a comment": (b"# boards\n", "expected a mapping with a 'sources' list"),
    "sources: null": (b"sources:\n", "expected a mapping with a 'sources' list"),
    "a list": (b"- type: lever\n  token: a\n", "expected a mapping with a 'sources' list"),
    "an entry that is text": (b"sources:\n  - greenhouse acme\n", ":2: entry 1: expected a mapping with at least"),
    "another top-level key": (VALID.encode() + b"settings: {}\n", "unknown top-level key 'settings'"),
    "not UTF-8": ("sources:\n  - {type: lever, token: café}\n".encode("latin-1"), "not UTF-8 text (byte 0xe9"),
    "UTF-16": (VALID.encode("utf-16"), "not UTF-8 text"),
    "binary": (b"\x00\x01\x02\xff" * 100, "not UTF-8 text"),
    "11 MB": (VALID.encode() + b"# " + b"x" * MAX_SOURCES_BYTES + b"\n", "larger than 10 MB"),
    "invalid YAML": (b"sources: [\n", ":2: not valid YAML: expected the node content"),
    "tab indentation": (b"sources:\n\t- type: lever\n", "not valid YAML"),
    "python tag": (b"sources:\n  - !!python/object/apply:os.system [echo hi]\n", "not valid YAML: could not determine"),
    "nested 600 deep": (b"sources:\n  - {type: lever, token: " + b"[" * 600 + b"]" * 600 + b"}\n", "too deeply"),
    "alias bomb in an entry": (_alias_bomb().encode(), ":2: entry 1 (greenhouse): field 'token': input should be"),
    "duplicate": (VALID.encode() + b"  - {type: greenhouse, token: fine}\n", ":3: entry 2 (greenhouse fine): dup"),
}  # fmt: skip


@pytest.mark.parametrize(("content", "problem"), FILES.values(), ids=FILES.keys())
def test_an_unreadable_sources_file_is_one_line_and_exit_2(tmp_path, content, problem):
    path = tmp_path / "sources.yaml"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = crawl(path, tmp_path)
    assert result.exit_code == 2
    line = error_line(result.output)
    assert line.startswith(f"Error: {path}") and problem in line, line
    assert len(line) < 400
    if content is not None:
        with pytest.raises(SourcesError) as caught:
            load_sources(path)
        assert line == f"Error: {caught.value}"


def test_a_device_is_not_read_for_ever(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(SourcesError, match="larger than 10 MB"):
        load_sources("/dev/zero")
