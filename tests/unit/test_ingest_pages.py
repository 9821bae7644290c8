"""`[[pages]]`: links picked by a CSS selector on an HTML page become items."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.ingest.errors import NotAFeed
from services.ingest.pages import SelectorError, parse_page

PAGE = (Path(__file__).resolve().parents[1] / "data" / "feeds" / "page-press-releases.html").read_bytes()
URL = "https://www.example.go.jp/j/press/index.html"


def test_list_items_become_entries_with_absolute_links():
    feed = parse_page(PAGE, url=URL, selector="ul.news-list li.item")
    assert [e.title for e in feed.entries] == [
        "北朝鮮の弾道ミサイル発射について（第２報）", "北朝鮮の弾道ミサイル発射について", "大臣臨時記者会見"]
    assert [e.link for e in feed.entries] == [
        "https://www.example.go.jp/press/2026/1125a.html",
        "https://www.example.go.jp/j/press/press/2026/1125.html",
        "https://www.example.go.jp/press/2026/1120.html",
    ]
    assert feed.entries[0].summary == "2026年11月25日"
    assert all(e.published_at is None for e in feed.entries)  # pages carry no dates: first-seen time
    assert feed.lang == "ja" and feed.title == "報道発表 | 防衛省"


@pytest.mark.parametrize("selector, count", [
    ("#main a", 3), ("div#main > ul > li > a", 3), ("li.old", 1), ("a[href]", 6), ("nav a, footer a", 3),
    ("ul > a", 0),
])
def test_selector_subset(selector, count):
    if count == 0:
        with pytest.raises(NotAFeed, match="matched 0 elements"):
            parse_page(PAGE, url=URL, selector=selector)
    else:
        assert len(parse_page(PAGE, url=URL, selector=selector).entries) == count


def test_unsupported_selector_is_named():
    with pytest.raises(SelectorError, match="unsupported selector part 'li:first-child'"):
        parse_page(PAGE, url=URL, selector="ul li:first-child")


@pytest.mark.parametrize("selector", ["ul.press-list >", "> a", "ul > > a", "ul >, a"])
def test_a_child_combinator_with_nothing_on_one_side_is_refused_not_read_as_a_descendant(selector):
    """"ul.press-list >" picked every item of the list and more (one item where two were
    meant): a selector that says less than it seems to is refused, naming it."""
    with pytest.raises(SelectorError, match=r"a child combinator \(>\) stands between two parts"):
        parse_page(PAGE, url=URL, selector=selector)


def test_a_redesigned_page_is_not_silence():
    with pytest.raises(NotAFeed, match="selector 'ul.news-list li.item'"):
        parse_page(b"<html><body><div class='cards'><a href='/x'>x</a></div></body></html>", url=URL,
                   selector="ul.news-list li.item")


def test_page_text_is_unescaped_once():
    """Text the page escapes is text: "&amp;lt;!here&amp;gt;" reads "&lt;!here&gt;" (it was
    unescaped twice, into "<!here>"), "&lt;10 km&gt;" stays, "&lt;b&gt;" is not a tag."""
    page = (b"<html><body><ul><li><a href='/a'>Rocket fell &lt;10 km&gt; away &amp;lt;!here&amp;gt;</a>"
            b" <span>&lt;b&gt;bold&lt;/b&gt; claim</span></li></ul></body></html>")
    (entry,) = parse_page(page, url=URL, selector="ul li").entries
    assert entry.title == "Rocket fell <10 km> away &lt;!here&gt;"
    assert entry.summary == "<b>bold</b> claim"
