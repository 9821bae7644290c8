"""The parser core: bytes + headers → entries, as plain text, on feeds of every format."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from services.ingest.errors import NotAFeed, UnsafeDocument
from services.ingest.parser import parse_date, parse_feed
from services.ingest.text import html_to_text

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


def parse(name: str, url: str = "https://example.org/feed", content_type: str | None = None):
    return parse_feed((FEEDS / name).read_bytes(), url=url, content_type=content_type)


def test_rss2_titles_lose_their_html_and_links_become_absolute():
    feed = parse("rss2-html-titles.xml", url="https://wire.example.org/rss")
    first, second = feed.entries
    assert first.title == "BREAKING: North Korea fires ballistic missile & Japan warns"
    assert first.summary == "South Korea\u2019s Joint Chiefs of Staff said the missile flew about 800 km."
    assert first.link == "https://wire.example.org/news/2026/11/25/nk-missile"
    assert first.guid == "wire-2026-1125-001"
    assert first.published_at == datetime(2026, 11, 24, 16, 2, 3, tzinfo=timezone.utc)
    assert second.published_at is None  # no date: ingest uses the first-seen time
    assert feed.lang == "en-us"
    assert feed.ttl_s == 15 * 60
    assert feed.hub_url == "https://hub.example.org/"
    assert feed.title == "Example Wire & Co"


def test_atom_html_title_xhtml_content_relative_link():
    feed = parse("atom10-relative-links.xml", url="https://agency.example.gov/press.atom")
    entry = feed.entries[0]
    assert entry.title == "Statement on the ICBM launch"
    assert entry.summary == "The launch was detected at 08:55 local time."
    assert entry.link == "https://agency.example.gov/press/4411.html"
    assert entry.guid == "tag:agency.example.gov,2026:press/4411"
    assert entry.published_at == datetime(2026, 11, 25, 0, 5, tzinfo=timezone.utc)
    assert feed.entries[1].published_at == datetime(2026, 11, 24, 0, 0, tzinfo=timezone.utc)  # updated, +09:00
    assert feed.format == "atom"


def test_rdf_in_japanese():
    feed = parse("rdf-japanese.rdf")
    assert feed.format == "rdf"
    (entry,) = feed.entries
    assert entry.title == "北朝鮮が弾道ミサイル発射 防衛省"  # the ideographic space collapses to one space
    assert entry.guid == "https://news.example.jp/articles/20261125-001"
    assert entry.published_at == datetime(2026, 11, 24, 23, 58, tzinfo=timezone.utc)
    assert feed.lang == "ja"


@pytest.mark.parametrize("name, title", [
    ("rss2-korean-euc-kr.xml", '北, 동해상으로 탄도미사일 발사…합참 "비행거리 약 800㎞"'),
    ("rss2-japanese-shift-jis.xml", "北朝鮮 弾道ミサイル発射か ＥＥＺ外に落下と推定"),
])
def test_korean_and_japanese_encodings_are_decoded(name, title):
    feed = parse(name)
    assert feed.entries[0].title == title


def test_http_charset_overrides_a_wrong_xml_declaration():
    body = (FEEDS / "rss2-korean-euc-kr.xml").read_bytes().replace(b'encoding="EUC-KR"', b'encoding="UTF-8"')
    feed = parse_feed(body, url="https://news.example.kr/rss", content_type="text/xml; charset=euc-kr")
    assert feed.entries[0].title.startswith("北, 동해상으로 탄도미사일 발사")


def test_json_feed():
    feed = parse("jsonfeed-1.1.json", content_type="application/feed+json")
    first, second = feed.entries
    assert first.title == "Iran launches satellite-carrying rocket"
    assert first.summary == "State TV said the Simorgh rocket & its payload reached orbit."
    assert first.link == "https://monitor.example.com/posts/1001"
    assert first.published_at == datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)
    assert second.guid == "2002" and second.link == "https://other.example.com/n"
    assert second.title == ""


def test_bom_and_leading_whitespace():
    body = b"\xef\xbb\xbf\n  " + (FEEDS / "rss2-html-titles.xml").read_bytes()
    assert len(parse_feed(body, url="https://wire.example.org/rss").entries) == 2


def test_a_feed_cut_short_with_nothing_to_read_is_a_failure_not_an_empty_feed():
    with pytest.raises(NotAFeed, match="not well-formed XML at line 1"):
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire', url="https://example.org/f")
    # A well-formed feed with no item is empty, and fine.
    assert parse_feed(b'<rss version="2.0"><channel><title>Wire</title></channel></rss>',
                      url="https://example.org/f").entries == ()


def test_the_format_is_named_by_its_family_whichever_parser_reads_it():
    # Ill-formed (a bare "&"), so the lenient parser reads it, and still calls it rss.
    feed = parse_feed(b'<rss version="2.0"><channel><title>A & B</title><item><title>x</title></item></channel></rss>',
                      url="https://example.org/f")
    assert feed.parser == "feedparser" and feed.format == "rss"
    # ... and it says where the XML broke; a well-formed feed has nothing to say.
    assert feed.damaged.startswith("not well-formed XML at line ")
    assert parse_feed(b'<rss version="2.0"><channel><title>A</title></channel></rss>',
                      url="https://example.org/f").damaged is None


def test_a_feed_cut_short_keeps_the_ids_and_links_of_the_items_it_still_holds():
    whole = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
             b'<item><title>North Korea fires missile</title><guid>art-5</guid>'
             b'<link>/news/art-5</link></item>'
             b'<item><title>Second</title><guid>art-6</guid><link>/news/art-6</link></item></channel></rss>')
    strict = parse_feed(whole, url="https://wire.example.org/rss")
    cut = parse_feed(whole[:whole.index(b"<item><title>Second")] + b"<item><title>Sec",
                     url="https://wire.example.org/rss")
    assert strict.parser == "fast" and cut.parser == "feedparser" and cut.damaged
    # The same item, read by either parser, is the same item: no second publication.
    assert (cut.entries[0].guid, cut.entries[0].link) == (strict.entries[0].guid, strict.entries[0].link)
    assert cut.entries[0].guid == "art-5" and cut.entries[0].link == "https://wire.example.org/news/art-5"


def test_an_entry_a_feed_was_cut_short_in_is_left_out_not_published_in_part():
    whole = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
             b'<item><title>Iran launches satellite</title><guid>a-1</guid><description>Iran launched a satellite '
             b'on Sunday, state media said.</description></item>'
             b'<item><title>North Korea fires missile</title><guid>a-2</guid><description>North Korea fired a '
             b'ballistic missile on Sunday, the JCS said.</description></item></channel></rss>')
    cut = parse_feed(whole[:whole.index(b"on Sunday, the JCS")], url="https://wire.example.org/rss")
    assert cut.damaged and [e.guid for e in cut.entries] == ["a-1"]
    assert cut.entries[0].summary == "Iran launched a satellite on Sunday, state media said."
    # Damaged elsewhere (a bare "&"), every entry is whole and kept.
    amp = parse_feed(whole.replace(b"<title>Wire</title>", b"<title>Wire & Co</title>"),
                     url="https://wire.example.org/rss")
    assert amp.damaged and [e.guid for e in amp.entries] == ["a-1", "a-2"]


def _korean_feed(bad: bytes = b"\xff") -> bytes:
    items = "".join(f"<item><title>연합뉴스 {n}번째 기사: 날씨와 교통 소식</title><guid>k-{n}</guid></item>"
                    for n in range(3))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>연합뉴스</title>'
            '<item><title>[속보] 합참 "북한, 동해상으로 미상 탄도미사일 발사"</title><guid>flash</guid></item>'
            f"{items}<item><title>날씨 @BAD@ 뉴스</title><guid>bad</guid></item></channel></rss>"
            ).encode().replace(b"@BAD@", bad)


@pytest.mark.parametrize("content_type", [None, "application/rss+xml; charset=utf-8"])
def test_one_bad_byte_in_a_utf8_feed_costs_that_byte_not_the_feed(content_type):
    """A truncated character in one title (a byte that is no UTF-8) once had the whole
    document guessed to be Windows-1250: every Korean title, the launch flash among them,
    turned to mojibake that no rule reads. The bad byte alone is replaced, and said."""
    feed = parse_feed(_korean_feed(), url="https://www.yna.co.kr/rss", content_type=content_type)
    titles = [e.title for e in feed.entries]
    assert titles[0] == '[속보] 합참 "북한, 동해상으로 미상 탄도미사일 발사"'
    assert titles[-1] == "날씨 \ufffd 뉴스"
    assert feed.damaged == "1 byte sequence not valid utf-8, the first at byte 518, replaced by U+FFFD"
    assert _korean_feed()[518:519] == b"\xff"
    assert parse_feed(_korean_feed(b""), url="https://www.yna.co.kr/rss").damaged is None


def test_bad_bytes_in_a_shift_jis_feed_or_a_json_feed_are_replaced_alone():
    atom = ('<?xml version="1.0" encoding="Shift_JIS"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>防衛省</title>"
            "<entry><title>北朝鮮、弾道ミサイルを発射 日本海に落下か</title><id>j-1</id></entry>"
            "<entry><title>天気 @BAD@ 予報</title><id>j-2</id></entry></feed>").encode("shift_jis")
    feed = parse_feed(atom.replace("@BAD@".encode(), b"\x81"), url="https://www.mod.go.jp/atom")
    assert [e.title for e in feed.entries] == ["北朝鮮、弾道ミサイルを発射 日本海に落下か", "天気 \ufffd 予報"]
    assert feed.damaged.startswith("1 byte sequence not valid shift_jis, the first at byte ")
    items = [{"id": "1", "title": "북한, 동해상으로 미상 탄도미사일 발사", "url": "https://example.org/1"},
             {"id": "2", "title": "날씨 @BAD@ 뉴스", "url": "https://example.org/2"}]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "연합뉴스", "items": items},
                      ensure_ascii=False).encode().replace(b"@BAD@", b"\xc0")
    feed = parse_feed(body, url="https://example.org/feed.json")
    assert [e.title for e in feed.entries] == ["북한, 동해상으로 미상 탄도미사일 발사", "날씨 \ufffd 뉴스"]
    assert feed.damaged.startswith("1 byte sequence not valid utf-8")
    # However few the other characters beyond ASCII: JSON has no other encoding to guess.
    ascii_only = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": [
        {"id": "1", "title": "Missile fired @BAD@", "url": "https://example.org/1"}]}).encode().replace(b"@BAD@", b"\xff")
    assert [e.title for e in parse_feed(ascii_only, url="https://example.org/feed.json").entries] == [
        "Missile fired \ufffd"]


def test_a_short_feed_with_one_cut_character_loses_that_character_alone():
    """Three short titles in three scripts, one character cut: 17 good characters beyond
    ASCII to one bad byte was once taken for a wrong declaration, and every title garbled."""
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
            "<item><title>북한 탄도미사일 발사</title><guid>1</guid></item>"
            "<item><title>日本 ミサイル 発射 @BAD@</title><guid>2</guid></item>"
            "<item><title>Third title café</title><guid>3</guid></item></channel></rss>").encode()
    feed = parse_feed(body.replace(b"@BAD@", b"\xff"), url="https://example.org/rss")
    assert [e.title for e in feed.entries] == ["북한 탄도미사일 발사", "日本 ミサイル 発射 \ufffd", "Third title café"]
    assert feed.damaged.startswith("1 byte sequence not valid utf-8")


def test_a_feed_wrongly_declared_utf16_is_read_as_the_lenient_parser_finds_it():
    body = (b'<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Wire</title>'
            b"<item><title>Missile fired</title><guid>m-1</guid></item></channel></rss>")
    assert len(body) % 2  # (no UTF-16 at all: an odd number of bytes)
    assert [e.title for e in parse_feed(body, url="https://example.org/rss").entries] == ["Missile fired"]


def test_a_latin1_feed_served_as_utf8_is_still_read_as_latin1_not_full_of_replacement_marks():
    """Many bad bytes and few good ones say the declaration is wrong, not the bytes: the
    lenient parser reads the document in the encoding it finds (Windows-1252 here)."""
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Le Monde</title>'
            "<item><title>Missile tiré vers la Corée, déclare l’état-major</title><guid>f-1</guid></item>"
            "</channel></rss>").encode("cp1252")
    feed = parse_feed(body, url="https://example.fr/rss", content_type="application/rss+xml; charset=utf-8")
    assert feed.entries[0].title == "Missile tiré vers la Corée, déclare l’état-major"


def test_html_page_is_not_a_feed():
    with pytest.raises(NotAFeed, match="HTML page"):
        parse_feed(b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", url="https://x.example/",
                   content_type="text/html")


def test_broken_json_is_not_a_feed():
    with pytest.raises(NotAFeed, match="invalid JSON"):
        parse_feed(b'{"items": [', url="https://x.example/feed.json")


def test_entity_expansion_bomb_is_refused_before_parsing():
    lol = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%d;" % (i - 1) if i > 1 else b"&lol;" for _ in range(10)))
        for i in range(1, 10))
    bomb = b'<?xml version="1.0"?><!DOCTYPE rss [' + lol + b']><rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>'
    with pytest.raises(UnsafeDocument, match="expands other entities"):
        parse_feed(bomb, url="https://x.example/feed")


def test_one_long_entity_used_many_times_is_refused_before_parsing():
    """The "quadratic blowup": no entity expands another, but 100 KB used 1,800 times is
    180 MB of text (a parse worker at 650 MB); 4,500 times ran out the time limit."""
    import time

    items = b"".join(b"<item><title>North Korea fires missile</title><description>" + b"&a;" * 60
                     + b"</description></item>" for _ in range(30))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"A" * 100_000 + b'">]>'
            b'<rss version="2.0"><channel>' + items + b"</channel></rss>")
    started = time.process_time()
    with pytest.raises(UnsafeDocument, match="entities would expand to more than 4 MiB"):
        parse_feed(bomb, url="https://x.example/feed")
    assert time.process_time() - started < 1.0


def test_a_feeds_own_short_entity_used_in_every_entry_still_parses():
    items = b"".join(b'<item><guid isPermaLink="false">&id;%d</guid><title>t</title></item>' % n for n in range(2000))
    body = (b'<!DOCTYPE rss [\n  <!ENTITY id "tag:example.com,">\n]>\n<rss version="2.0"><channel>'
            + items + b"</channel></rss>")
    entries = parse_feed(body, url="https://x.example/feed", max_entries=2000).entries
    assert len(entries) == 2000 and entries[-1].guid == "tag:example.com,1999"


def test_plain_entity_declaration_still_parses():
    body = (b'<!DOCTYPE rss [\n  <!ENTITY id "tag:example.com,">\n]>\n<rss version="2.0"><channel><item>'
            b'<guid isPermaLink="false">&id;2006</guid><title>t</title></item></channel></rss>')
    assert parse_feed(body, url="https://x.example/feed").entries[0].guid == "tag:example.com,2006"


@pytest.mark.parametrize("text, expected", [
    ("Wed, 25 Nov 2026 09:03:00 KST", "2026-11-25T00:03:00+00:00"),  # zone names feedparser reads as UTC
    ("Wed, 25 Nov 2026 09:03:00 JST", "2026-11-25T00:03:00+00:00"),
    ("Wed, 25 Nov 2026 09:03:00 GMT", "2026-11-25T09:03:00+00:00"),
    ("Wed, 25 Nov 2026 09:03:00", "2026-11-25T00:03:00+00:00"),  # no zone: the source's zone
    ("2026-11-25 09:03:00", "2026-11-25T00:03:00+00:00"),
    ("2026.11.25 09:03", "2026-11-25T00:03:00+00:00"),
    ("2026년 11월 25일 09:03", "2026-11-25T00:03:00+00:00"),
    ("2026-11-25T09:03:00+09:00", "2026-11-25T00:03:00+00:00"),
    ("2026-11-25T09:03:00Z", "2026-11-25T09:03:00+00:00"),
    ("not a date", None),
])
def test_dates_in_the_sources_zone(text, expected):
    parsed = parse_date(text, "Asia/Seoul")
    assert (parsed.isoformat() if parsed else None) == expected


def test_zone_less_dates_without_a_source_zone_are_utc():
    assert parse_date("2026-11-25 09:03:00").isoformat() == "2026-11-25T09:03:00+00:00"


def test_feed_dates_use_the_source_zone():
    body = (FEEDS / "rss2-korean-euc-kr.xml").read_bytes().replace(
        b"Wed, 25 Nov 2026 09:03:00 +0900", b"2026-11-25 09:03:00")
    feed = parse_feed(body, url="https://news.example.kr/rss", default_tz="Asia/Seoul")
    assert feed.entries[0].published_at == datetime(2026, 11, 25, 0, 3, tzinfo=timezone.utc)


def test_html_to_text():
    assert html_to_text("<p>A&amp;B</p><style>p{}</style><!-- x --> <br/>C&nbsp;&#8212; d") == "A&B C \u2014 d"
    assert html_to_text("<<< title >>>") == "<<< title >>>"
    assert html_to_text(None) == ""


SHARED = os.environ.get("LAUNCHWATCH_SHARED_DATA")


@pytest.mark.skipif(not SHARED, reason="LAUNCHWATCH_SHARED_DATA is not set")
@pytest.mark.parametrize("name", sorted(p.name for p in (Path(SHARED or ".") / "feeds").glob("*")
                                        if p.suffix in (".xml", ".rss")))
def test_shared_sample_feeds(name):
    feed = parse_feed((Path(SHARED) / "feeds" / name).read_bytes(), url="https://example.org/feed")
    assert feed.entries, "every sample feed has entries"
    assert all(e.title or e.summary for e in feed.entries)
    assert all("<" not in e.title or "<<<" in e.title for e in feed.entries)


@pytest.mark.skipif(not SHARED, reason="LAUNCHWATCH_SHARED_DATA is not set")
def test_shared_gb2312_feed_is_decoded():
    feed = parse_feed((Path(SHARED) / "feeds" / "rss-parser_encoding-gb2312.xml").read_bytes(),
                      url="https://example.org/feed")
    text = " ".join(e.title for e in feed.entries)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)  # Chinese characters, not mojibake


@pytest.mark.parametrize("placeholder", ["Thu, 01 Jan 1970 00:00:00 +0000", "0001-01-01T00:00:00Z",
                                         "1900-01-01 00:00"])
def test_a_placeholder_date_is_no_date(placeholder):
    """A publishing system's empty date (the epoch, year 1, 1900) would make a fresh report
    decades old, set aside by every rule of age: it is read as no date, so the entry is
    dated when first seen."""
    assert parse_date(placeholder) is None
    assert parse_date("Fri, 01 Jan 1999 00:00:00 +0000") == datetime(1999, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("link", ["javascript:alert(3)", " JavaScript:alert(3)", "data:text/html,<b>x</b>",
                                  "mailto:desk@example.org", "ftp://example.org/a"])
def test_a_link_that_leads_to_no_web_page_is_dropped(link):
    """The entry is kept (its text may report a launch); its link, which every message,
    webhook body and API answer would carry, is not."""
    body = (f"<rss version='2.0'><channel><title>t</title><item><title>North Korea fires missile</title>"
            f"<link>{link.replace('<', '&lt;')}</link><guid>g-1</guid></item></channel></rss>").encode()
    (entry,) = parse_feed(body, url="https://wire.example.org/rss").entries
    assert entry.title == "North Korea fires missile" and entry.link is None


def test_a_direction_override_in_feed_text_is_dropped_and_hebrew_keeps_its_letters():
    body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>"
            "<item><title>Missile launch \u202eCTU 00:21\u202c reported</title><link>https://n.example/1</link>"
            "<description>\u2067Gaza\u2069 rockets, \u05e9\u05dc\u05d5\u05dd</description></item>"
            "</channel></rss>").encode()
    [entry] = parse_feed(body, url="https://n.example/rss").entries
    assert entry.title == "Missile launch CTU 00:21 reported"
    assert entry.summary == "Gaza rockets, \u05e9\u05dc\u05d5\u05dd"


def test_control_characters_in_feed_text_are_dropped():
    """ESC and BEL reached Slack, the pages and the API; a terminal acts on them."""
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
        {"id": "1", "url": "https://n.example/1", "title": "North Korea \u001b[31mfires\u0007 missile\u0085",
         "content_text": "Launched\u0000 at dawn\u009b, JCS says"}]}).encode()
    [entry] = parse_feed(body, url="https://n.example/feed.json", content_type="application/feed+json").entries
    assert entry.title == "North Korea [31mfires missile"
    assert entry.summary == "Launched at dawn, JCS says"
