"""canonical_url's fast path for plain URLs gives what the general path gives."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from screener.normalize import fields

NEVER = re.compile(r"(?!)")


def general(value: str) -> str | None:
    plain, fields._PLAIN_URL = fields._PLAIN_URL, NEVER
    try:
        return fields.canonical_url(value)
    finally:
        fields._PLAIN_URL = plain


hosts = st.text(alphabet="abcxyz019.-_", min_size=0, max_size=12)
paths = st.text(alphabet="aZ09._~/-;%?#=&", max_size=15)
ports = st.one_of(st.none(), st.integers(0, 99999).map(str), st.sampled_from(["080", "0443", "00", "65535", "65536"]))


@settings(max_examples=1000)
@given(st.sampled_from(["http", "https", "HTTP", "ftp"]), hosts, ports, paths, st.sampled_from(["", " ", "\n"]))
@example("https", "boards.greenhouse.io", None, "/acme/jobs/4001", "")
@example("http", "127.0.0.1", "8000", "/bench/jsonld/job/1.html", "")
@example("https", "example.com", "443", "", "")
@example("http", ".", None, "/", "")
@example("http", "a..b", None, "", "")
def test_plain_urls_read_as_the_general_path_reads_them(scheme, host, port, path, space):
    value = f"{space}{scheme}://{host}{':' + port if port is not None else ''}{path}{space}"
    assert fields.canonical_url(value) == general(value)


def test_the_fast_path_is_taken_for_a_board_url():
    assert fields._PLAIN_URL.fullmatch("https://boards.greenhouse.io/acme/jobs/4001")
    assert fields.canonical_url("https://boards.greenhouse.io/acme/jobs/4001") == (
        "https://boards.greenhouse.io/acme/jobs/4001"
    )
    assert fields.canonical_url("http://127.0.0.1:80") == "http://127.0.0.1/"
