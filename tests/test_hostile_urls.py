"""URLs from the open web: credentials, session ids and secrets never reach the store, a
shortlist or a log; anything but http(s) is refused."""

from __future__ import annotations

import pytest

from screener.normalize.fields import canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://user:secret@Jobs.Example.com/1", "https://jobs.example.com/1"),
        ("https://user@jobs.example.com:8443/1", "https://jobs.example.com:8443/1"),
        ("http://:secret@jobs.example.com:80/1", "http://jobs.example.com/1"),
        ("https://jobs.example.com/1?api_key=abc&gh_jid=7", "https://jobs.example.com/1?gh_jid=7"),
        ("https://jobs.example.com/1?access_token=abc&token=x&password=y", "https://jobs.example.com/1"),
        ("https://jobs.example.com/apply;jsessionid=AB12?id=3", "https://jobs.example.com/apply?id=3"),
        ("https://jobs.example.com/1?utm_source=x#apply", "https://jobs.example.com/1"),
        ("http://[::1]:8080/1", "http://[::1]:8080/1"),
        ("https://jobs.example.com:99999/1", None),
        ("https://jobs.example.com:port/1", None),
        ("http://[::1/1", None),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//jobs.example.com/1", None),
        ("file:///etc/passwd", None),
        ("http://\x80/jobs", None),  # a host IDNA cannot encode
        ("http://-bad-.example/jobs", None),
        ("https://bücher.example/jobs", "https://xn--bcher-kva.example/jobs"),
        ("https://jobs.example.com./1", "https://jobs.example.com./1"),
    ],
)
def test_canonical_url_drops_credentials_and_junk(url: str, expected: str | None) -> None:
    assert canonical_url(url) == expected
