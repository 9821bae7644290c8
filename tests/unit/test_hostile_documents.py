"""Hostile feed documents and pages are refused quickly, in bounded memory, with a named error;
sloppy but honest ones still parse."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from services.ingest.errors import FeedTooComplex
from services.ingest.pages import MAX_PAGE_DEPTH, parse_page
from services.ingest.parser import MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, parse_feed
from services.ingest.text import html_to_text

MB = 1024 * 1024
HEAD = b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'


def _outcome(call):
    try:
        return call()
    except Exception as exc:  # the outcome under test
        return exc


def measured(call):
    """(result or exception, CPU seconds, peak MB of Python allocations) of `call()`: timed
    on one run, its memory traced on another (tracing slows allocation down several times).
    CPU time, not wall time, so that other work on the machine does not fail the bound."""
    started = time.process_time()
    outcome = _outcome(call)
    spent = time.process_time() - started
    tracemalloc.start()
    _outcome(call)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return outcome, spent, peak / MB


def nested_xml(size: int, unit: bytes = b"<a>") -> bytes:
    head = HEAD + b"<item><title>t</title><description>"
    return head + unit * ((size - len(head)) // len(unit))


def test_ten_megabytes_of_ill_formed_nesting_is_refused_at_once():
    outcome, spent, peak_mb = measured(lambda: parse_feed(nested_xml(10 * MB), url="http://x/feed.xml"))
    assert isinstance(outcome, FeedTooComplex)
    assert "tags" in str(outcome)
    assert spent < 1.0
    assert peak_mb < 40  # the 10 MB body itself is not counted: it was made before


def test_deep_nesting_under_the_tag_limit_is_refused_by_the_depth_scan():
    # 170,000 tags with text between them: under the tag limit, 10 MB, all nested.
    body = nested_xml(10 * MB, b"<a>" + b"x" * 58)
    outcome, spent, peak_mb = measured(lambda: parse_feed(body, url="http://x/feed.xml"))
    assert isinstance(outcome, FeedTooComplex)
    assert "nested more than 100 deep" in str(outcome)
    assert spent < 2.0  # expat's try first (0.4 s on the reference machine), then the scan stops at once
    assert peak_mb < 150


def test_a_sloppy_feed_with_unclosed_html_in_its_descriptions_still_parses():
    # Unescaped HTML with unclosed <p> and <br> in 300 descriptions, and a bare & that
    # makes the document ill-formed: the lenient path, and no false "too complex".
    items = b"".join(
        b"<item><title>Item %d & more</title><link>http://x/%d</link><description><p>one<p>two<br>three"
        b"<font><b>four</description></item>" % (i, i) for i in range(300))
    feed = parse_feed(HEAD + items + b"</channel></rss>", url="http://x/feed.xml")
    assert len(feed.entries) == 300
    assert feed.entries[0].title == "Item 0 & more"


def test_oversized_titles_and_summaries_are_cut():
    huge = b"word " * 400_000  # 2 MB of text in one entry
    body = HEAD + b"<item><title>" + huge + b"</title><link>http://x/1</link><description>" + huge \
        + b"</description></item></channel></rss>"
    outcome, spent, _ = measured(lambda: parse_feed(body, url="http://x/feed.xml"))
    entry = outcome.entries[0]
    assert len(entry.title) == MAX_TITLE_CHARS and len(entry.summary) == MAX_SUMMARY_CHARS
    assert spent < 1.0


@pytest.mark.parametrize("opening", ["<script>", "<style x", "<![CDATA[", "<head", "<!--"])
def test_unclosed_markup_converts_to_text_in_linear_time(opening):
    started = time.process_time()
    html_to_text(opening * 50_000)  # a few hundred KB: took minutes when every opening rescanned the rest
    assert time.process_time() - started < 1.0


def nested_html(size: int) -> bytes:
    head = b"<html><body><ul class='news'><li><a href='/x'>Launch</a></li></ul>"
    return head + b"<div>" * ((size - len(head)) // 5)


def test_a_ten_megabyte_nested_page_is_refused_without_recursion_error():
    outcome, spent, peak_mb = measured(lambda: parse_page(nested_html(10 * MB), url="http://x/", selector="ul.news a"))
    assert isinstance(outcome, FeedTooComplex)
    assert "elements" in str(outcome)
    assert spent < 4.0  # html.parser builds some 50,000 elements a second
    assert peak_mb < 150


def test_a_page_nested_deeper_than_browsers_nest_still_gives_its_links():
    depth = MAX_PAGE_DEPTH * 3
    body = (b"<html><body><div class='news'>" + b"<div>" * depth + b"<p><a href='/deep'>Deep launch</a></p>"
            + b"</div>" * depth + b"</div></body></html>")
    feed = parse_page(body, url="http://x/", selector="div.news a")
    # Past the depth bound elements become siblings, as in a browser: the link is still
    # found, with its own text (it was published with an empty title, its text beside it).
    assert [(e.link, e.title) for e in feed.entries] == [("http://x/deep", "Deep launch")]


def test_elements_matched_inside_each_other_are_read_once_each():
    """A page of 49,000 nested divs with one link at the bottom, under the selector "div":
    each matched div looked through everything below it for its link, 25 s of a parse
    worker at every poll (cut off at the parse timeout)."""
    body = b"<html><body>" + b"<div>" * 49_000 + b"<a href='/deep'>Missile launched</a></body></html>"
    started = time.process_time()
    feed = parse_page(body, url="http://x/", selector="div")
    assert [(e.link, e.title) for e in feed.entries] == [("http://x/deep", "Missile launched")]
    assert time.process_time() - started < 5.0


def test_selectors_stay_linear_on_deep_pages():
    # Three descendant steps over 500 nested divs: the recursive matcher walked every
    # ancestor chain (500^3 steps per element).
    body = b"<html><body>" + b"<div>" * 500 + b"<a href='/a'>A</a>" * 200 + b"</body></html>"
    started = time.process_time()
    feed = parse_page(body, url="http://x/", selector="div div div a")
    assert len(feed.entries) == 1  # one link, repeated
    assert time.process_time() - started < 1.0
