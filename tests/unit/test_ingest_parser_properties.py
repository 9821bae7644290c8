"""Malformed feeds thrown at the parser: it returns entries or a named error, never crashes
or hangs."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.ingest.errors import NotAFeed, UnsafeDocument
from services.ingest.parser import ParsedFeed, parse_feed

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"
SEEDS = [p.read_bytes() for p in sorted(FEEDS.iterdir())]

TOKENS = [
    b"<rss version='2.0'>", b"</rss>", b"<channel>", b"</channel>", b"<item>", b"</item>", b"<title>",
    b"</title>", b"<link>", b"</link>", b"<guid>", b"</guid>", b"<description>", b"</description>",
    b"<pubDate>", b"</pubDate>", b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"</feed>", b"<entry>",
    b"</entry>", b"<content type='xhtml'>", b"<![CDATA[", b"]]>", b"&amp;", b"&lt;b&gt;", b"&#x1F680;",
    b"&nbsp;", b"&bogus;", b"<?xml version='1.0' encoding='euc-kr'?>", b"<?xml version='1.0'?>",
    b"<!DOCTYPE rss [<!ENTITY e 'x'>]>", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe", b"\xc3\x28", b"Mon, 99 Foo 2026",
    b"2026-13-45T25:61:00Z", b"../relative", b"http://[::1", b"\xeb\xaf\xb8\xec\x82\xac\xec\x9d\xbc",
    b"{\"items\": [", b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": null}]}",
    b"<", b">", b"\"", b"'", b" ", b"\n",
]


def check(body: bytes, content_type: str | None = None) -> None:
    try:
        result = parse_feed(body, url="https://example.org/feeds/x.xml", content_type=content_type)
    except (NotAFeed, UnsafeDocument):
        return
    assert isinstance(result, ParsedFeed)
    for entry in result.entries:
        assert isinstance(entry.title, str) and "\n" not in entry.title
        assert entry.published_at is None or entry.published_at.tzinfo is not None


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=60), st.sampled_from([None, "text/xml", "application/json",
                                                                          "text/html; charset=shift_jis"]))
def test_token_soup(tokens, content_type):
    check(b"".join(tokens), content_type)


@settings(max_examples=150, deadline=2000)
@given(st.sampled_from(SEEDS), st.integers(0, 10_000), st.integers(0, 10_000), st.binary(max_size=40))
def test_mutated_real_feeds(seed, cut, at, junk):
    # truncate somewhere, then splice junk bytes in somewhere
    body = seed[: cut % (len(seed) + 1)]
    pos = at % (len(body) + 1)
    check(body[:pos] + junk + body[pos:])


@settings(max_examples=100, deadline=2000)
@given(st.binary(max_size=2000))
def test_random_bytes(body):
    check(body)
