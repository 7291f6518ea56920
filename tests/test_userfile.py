"""The one reader of the YAML files people write (profiles, sources files)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.userfile import MAX_NESTING, UserFileError, depth, parse_yaml, read_text


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_any_text_is_a_document_or_one_line_error(text):
    try:
        parse_yaml(text)
    except UserFileError as exc:
        assert "\n" not in exc.problem and exc.problem
        assert exc.line is None or exc.line >= 1


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("a: [1\n", "expected ',' or ']', but got '<stream end>'", 2),
        ("a: 1\n---\nb: 2\n", "but found another document", 2),
        ("a: " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1), "nested too deeply", None),
        ("a: !!python/object/apply:os.system [echo]", "could not determine a constructor for the tag", 1),
        ("level: manager\ntitle: Buyer\nlevel: director\n", "the key 'level' is given twice", 3),
        ("weights: {skills: 1, skills: 3}\n", "the key 'skills' is given twice", 1),
        ("since: 2026-02-30\n", "a value YAML cannot read (day is out of range for month)", None),
        ("n: " + "9" * 5000 + "\n", "a value YAML cannot read", None),
    ],
)
def test_problems_are_named(text, problem, line):
    with pytest.raises(UserFileError) as caught:
        parse_yaml(text)
    assert problem in caught.value.problem
    assert caught.value.line == line


def test_aliases_are_counted_once():
    """Forty lists, each holding the one below twice (what YAML aliases build): 2**40 paths if
    walked as a tree, so this only returns because each list is visited once."""
    data: list = ["x", "x"]
    for _ in range(40):
        data = [data, data]
    assert depth(data, stop=100) == 41
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    assert depth(parse_yaml(laughs)) == 5


def test_read_text_refuses_large_and_non_utf8(tmp_path):
    (tmp_path / "big").write_bytes(b"x" * 2_000_001)
    with pytest.raises(UserFileError, match="larger than 2 MB"):
        read_text(tmp_path / "big", 2_000_000)
    (tmp_path / "latin").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(UserFileError, match=r"not UTF-8 text \(byte 0xe9 at offset 3\)"):
        read_text(tmp_path / "latin", 100)
    (tmp_path / "bom").write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_text(tmp_path / "bom", 100) == "a: 1\n"
    with pytest.raises(UserFileError, match="no such file"):
        read_text(tmp_path / "missing", 100)
    with pytest.raises(UserFileError, match="cannot read"):
        read_text(tmp_path, 100)


def test_merge_keys_are_not_repeated_keys():
    assert parse_yaml("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n")["c"] == {"x": 1, "y": 2}


def test_both_loaders_refuse_repeated_keys(monkeypatch):
    import screener.userfile as userfile

    monkeypatch.setattr(userfile, "_FAST_LOADER", None)
    with pytest.raises(UserFileError, match="given twice"):
        parse_yaml("a: 1\na: 2\n")
