"""Feed documents → entries, as plain text: a pure function of bytes and headers.

Two paths give the same entries:

- the fast path parses well-formed RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 with the
  standard library's expat (C) after decoding the body in its declared encoding, about
  40 times faster than feedparser on typical 50-item feeds;
- everything else (a DOCTYPE, `xml:base`, ambiguous or wrong encodings, ill-formed XML,
  old Atom 0.3, CDF, ...) goes to feedparser, which copes with nearly anything.

JSON Feed (1.0/1.1) has its own small reader. Before any XML parsing a document that
declares nested entity expansion (an XML bomb) is refused with `UnsafeDocument`.

Bounds, so that no document costs more than a feed needs (`FeedTooComplex` beyond them):
at most `MAX_MARKUP` tags in a document (counted in C before parsing; it bounds the tree
expat builds) and, before the lenient path, element nesting at most `MAX_DEPTH` deep (a
linear scan that stops at the first element too deep: feedparser's loose parser is slow
on deep nesting). Titles are cut to `MAX_TITLE_CHARS` and summaries to
`MAX_SUMMARY_CHARS` characters of text, and the markup converted to text is cut first
(`RAW_TEXT_FACTOR` times those), so one entry's size bounds its cost. A time limit per
document is the worker's (`services.ingest.worker`), for anything these bounds miss.
"""

from __future__ import annotations

import calendar
import codecs
import html
import json
import re
import xml.etree.ElementTree as ET
import xml.sax
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_tz
from urllib.parse import urljoin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import feedparser
from feedparser.datetimes import _parse_date

from services.ingest.errors import FeedTooComplex, NotAFeed, UnsafeDocument
from services.ingest.text import html_to_text

MAX_ENTITY_DECLARATIONS = 64
# What a document's entity references may add when expanded: a feed's own entities are
# short (`&id;` for a tag prefix, some thousands of uses); one of 100 KB used thousands of
# times (the "quadratic blowup") would take gigabytes to parse.
MAX_ENTITY_EXPANSION = 4 * 1024 * 1024
# Real feeds hold a few thousand tags (500 entries of some 20 elements, HTML in CDATA not
# counted by the depth scan); 200,000 leaves room for big full-content feeds and keeps
# expat's tree under ~50 MB.
MAX_MARKUP = 200_000
# Feeds nest 3-6 levels plus whatever unescaped HTML a sloppy feed puts in a description.
MAX_DEPTH = 100
MAX_TITLE_CHARS = 1_000
MAX_SUMMARY_CHARS = 10_000
MAX_DATE_CHARS = 200  # longer is no date
RAW_TEXT_FACTOR = 20  # markup is cut to this many times the text limit before conversion
# A document in its declared encoding but for a few bad bytes (a truncated character in one
# title) has its bad bytes replaced by U+FFFD, the rest read as declared, when the characters
# outside ASCII that did decode are at least this many times the bad ones (a short feed's one
# cut character among a dozen good ones). More bad bytes than that say the declaration is
# wrong (Latin-1 served as UTF-8 decodes next to no character beyond ASCII): the lenient
# parser guesses the encoding of the whole document instead.
MENDABLE_RATIO = 3


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(value: str | None) -> str | None:
    """`value` with each lone surrogate (a JSON "\\ud800", a UTF-7 "+2AA-") replaced by
    U+FFFD: text that cannot be written as UTF-8 would fail its item's hash, its message
    and its log line."""
    if value is None or value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def _make_encodable(obj: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, str) and (clean := _encodable(value)) is not value:
            object.__setattr__(obj, name, clean)


@dataclass(frozen=True)
class Entry:
    """One entry of a feed, as plain text, links absolute."""

    guid: str | None
    link: str | None
    title: str
    summary: str
    published_at: datetime | None
    lang: str | None = None

    def __post_init__(self) -> None:
        _make_encodable(self, ("guid", "link", "title", "summary", "lang"))


@dataclass(frozen=True)
class ParsedFeed:
    """What a source document says: its entries plus the hints the scheduler uses."""

    format: str  # rss, atom, rdf, json, cdf: the family, whichever parser read it (see `_family`)
    title: str
    entries: tuple[Entry, ...]
    lang: str | None = None
    ttl_s: float | None = None  # RSS <ttl>, in seconds
    hub_url: str | None = None  # WebSub hub (<link rel="hub">)
    self_url: str | None = None
    parser: str = "fast"  # fast | feedparser | json | page
    # Where the XML breaks, for a document that is not well-formed but whose entries the
    # lenient parser could still read (a feed broken mid-item may give a partial item).
    damaged: str | None = None

    def __post_init__(self) -> None:
        _make_encodable(self, ("title", "lang", "hub_url", "self_url"))


def parse_feed(body: bytes, *, url: str, content_type: str | None = None, max_entries: int = 1000,
               default_tz: str | None = None) -> ParsedFeed:
    """Parse an RSS, RDF, Atom or JSON Feed document fetched from `url`.

    `content_type` is the HTTP Content-Type (its charset wins over the XML declaration,
    as in RFC 7303). Relative links are made absolute against `url`. At most `max_entries`
    entries are returned, in document order. Dates without a zone are read in
    `default_tz` (the source's IANA zone), else UTC.

    A few bytes that are not in the document's encoding are replaced by U+FFFD and said in
    `damaged` (see `MENDABLE_RATIO`): every other character is read as the document says.

    Raises `UnsafeDocument` for an XML bomb, `FeedTooComplex` beyond the bounds above and
    `NotAFeed` when the document is no feed (an HTML page, an error text, broken JSON).
    """
    media_type, charset = _split_content_type(content_type)
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"[") or media_type in ("application/feed+json", "application/json"):
        return _parse_json_feed(body, url=url, max_entries=max_entries, default_tz=default_tz)
    check_entities(body)
    check_markup_count(body)
    mended = None
    parsed = _parse_fast(body, url=url, charset=charset, max_entries=max_entries, default_tz=default_tz)
    if parsed is None:
        # (Here, not before the fast path: a document that decodes is decoded once.)
        body, mended = _mended(body, _document_encoding(body, charset))
        if mended:
            # Now UTF-8 throughout, and declared so.
            body = _XML_DECL_ANY_ENCODING.sub(rb'\1 encoding="utf-8"', body, count=1)
            charset, content_type = "utf-8", f"{media_type or 'application/xml'}; charset=utf-8"
            parsed = _parse_fast(body, url=url, charset=charset, max_entries=max_entries, default_tz=default_tz)
    if parsed is None:
        check_depth(body)
        parsed = _parse_with_feedparser(body, url=url, content_type=content_type, media_type=media_type,
                                        max_entries=max_entries, default_tz=default_tz)
    return _with_damage(parsed, mended)


def _with_damage(parsed: ParsedFeed, damage: str | None) -> ParsedFeed:
    if damage is None:
        return parsed
    return replace(parsed, damaged="; ".join(filter(None, (damage, parsed.damaged))))


def _document_encoding(body: bytes, charset: str | None) -> str | None:
    """The encoding an XML document is in by its byte order mark, the HTTP charset and its
    declaration (UTF-8 when none says): None when they disagree or name no known encoding,
    or for UTF-16 and UTF-32 (the lenient parser then sorts it out: a document declared so
    is often in another)."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if body.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    match = _XML_DECL_ENCODING.match(body)
    declared = _codec(match.group(1).decode("ascii")) if match else None
    http = _codec(charset)
    if "unknown" in (declared, http) or (declared and http and declared != http):
        return None
    encoding = http or declared or "utf-8"
    if encoding.startswith(("utf-16", "utf-32")):
        return None
    # What servers label Latin-1 is nearly always Windows-1252 (curly quotes at 0x92);
    # browsers and feedparser read it so.
    return "cp1252" if encoding == "iso8859-1" else encoding


def _mended(body: bytes, encoding: str | None, ratio: int = MENDABLE_RATIO) -> tuple[bytes, str | None]:
    """`body` as it is when it decodes cleanly in `encoding` (or its encoding is unknown);
    else, when its bad byte sequences are few (`ratio`; 0: however many), re-encoded as
    UTF-8 with each replaced by U+FFFD, and what was replaced ("2 byte sequences not valid
    shift_jis, the first at byte 180, replaced by U+FFFD")."""
    if encoding is None:
        return body, None
    try:
        body.decode(encoding)
        return body, None
    except UnicodeDecodeError as exc:
        first = exc.start
    text = body.decode(encoding, "replace")
    bad = text.count("\ufffd") - body.decode(encoding, "ignore").count("\ufffd")
    beyond_ascii = len(text) - len(text.encode("ascii", "ignore")) - bad
    if beyond_ascii < bad * ratio:
        return body, None
    name = codecs.lookup(encoding).name.removesuffix("-sig")
    what = f"{bad} byte sequence{'s' if bad > 1 else ''} not valid {name}"
    return text.encode("utf-8"), f"{what}, the first at byte {first}, replaced by U+FFFD"


def check_entities(body: bytes) -> None:
    """Refuse documents whose DOCTYPE declares entities that expand other entities, or
    whose references to their entities would add more than `MAX_ENTITY_EXPANSION` bytes.

    That is how entity-expansion bombs are built ("billion laughs", nested; the "quadratic
    blowup", one long entity used many times); plain entities such as
    `<!ENTITY id "tag:example.com,">` and external declarations (never fetched) pass.
    Raises `UnsafeDocument`.
    """
    if b"<!ENTITY" not in body:
        return
    declarations = _ENTITY_DECL.findall(body)
    if len(declarations) > MAX_ENTITY_DECLARATIONS:
        raise UnsafeDocument(f"unsafe document: {len(declarations)} entity declarations")
    expansion = 0
    for name, value_dq, value_sq in declarations:
        value = value_dq or value_sq
        if _ENTITY_REF.search(value):
            raise UnsafeDocument(
                f"unsafe document: entity {name.decode(errors='replace')!r} expands other entities"
            )
        if len(value) > 8:  # a short one cannot add much however often it is used
            expansion += len(value) * body.count(b"&" + name + b";")
            if expansion > MAX_ENTITY_EXPANSION:
                raise UnsafeDocument(f"unsafe document: its entities would expand to more than "
                                     f"{MAX_ENTITY_EXPANSION // (1024 * 1024)} MiB")


def check_markup_count(body: bytes, limit: int = MAX_MARKUP) -> None:
    """Refuse a document with more than `limit` tags (every `<` counts). Raises `FeedTooComplex`."""
    count = body.count(b"<")
    if count > limit:
        raise FeedTooComplex(f"too complex: {count} tags, more than the {limit} a feed may hold")


# A CDATA section or comment (unclosed ones run to the end, so the scan stays linear), or
# a tag: group 1 is "/" for an end tag, group 2 the name, group 3 "/" when self-closing.
_MARKUP = re.compile(rb"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<(/?)([A-Za-z_][\w:.-]*)[^<>]*?(/?)>", re.S)
# HTML elements that never hold content: unescaped HTML in a sloppy feed writes `<br>`
# without closing it.
_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr".split())


def check_depth(body: bytes, limit: int = MAX_DEPTH) -> None:
    """Refuse a document whose elements nest deeper than `limit`, read as leniently as a
    browser would: an end tag closes its element and any left open inside it, an end tag
    without a start is ignored, `<br>`-like HTML elements hold nothing, CDATA is text.

    Linear in the document and stops at the first element too deep. Raises `FeedTooComplex`.
    """
    stack: list[bytes] = []
    for match in _MARKUP.finditer(body):
        name = match.group(2)
        if name is None:
            continue  # CDATA or comment
        name = name.lower()
        if match.group(1):
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name):]
        elif not match.group(3) and name not in _VOID:
            stack.append(name)
            if len(stack) > limit:
                raise FeedTooComplex(f"too complex: elements nested more than {limit} deep "
                                     f"(at byte {match.start()})")


def _plain(value: str | None, limit: int) -> str:
    """Plain text of markup `value`, at most `limit` characters; the markup is cut first so
    that an oversized entry costs no more than a large one."""
    if not value:
        return ""
    return html_to_text(value[:limit * RAW_TEXT_FACTOR])[:limit]


_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(?:%\s+)?(\S+)\s+(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY_REF = re.compile(rb"[&%][A-Za-z_:][\w.:-]*;")


# Zone abbreviations that RFC 822 parsers do not know but Asian and European feeds use.
# Ambiguous ones (IST: India or Israel) are left out on purpose.
_ZONES = {"KST": "+0900", "JST": "+0900", "HKT": "+0800", "SGT": "+0800", "CET": "+0100", "CEST": "+0200",
          "BST": "+0100", "EET": "+0200", "EEST": "+0300", "MSK": "+0300", "AEST": "+1000", "AEDT": "+1100",
          "UTC": "+0000"}
_ZONE_WORD = re.compile(r"\b(" + "|".join(_ZONES) + r")\b")
_NUMERIC_DATE = re.compile(
    r"^\s*(\d{4})\s*[./년-]\s*(\d{1,2})\s*[./월-]\s*(\d{1,2})\s*[일日]?"
    r"(?:[\sT]+(?:[^\d\s]+\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")


EARLIEST_DATE = datetime(1990, 1, 1, tzinfo=timezone.utc)
"""No feed entry was published before the web: an earlier date is a publishing system's
placeholder (the Unix epoch, year 1, 1900), read as no date, so the entry is dated when it
is first seen instead of being taken for a report decades old."""


def parse_date(value: str | None, default_tz: str | None = None) -> datetime | None:
    """A feed date in UTC, or None when it cannot be read or is a placeholder (before
    `EARLIEST_DATE`).

    Reads RFC 822 (with KST, JST and other common zone names), ISO 8601, `2026.11.25 09:03`
    and `2026년 11월 25일` style dates, then whatever feedparser knows. A date without a
    zone is taken in `default_tz` (the source's IANA zone) when given, else in UTC.
    """
    parsed = _read_date(value, default_tz)
    return parsed if parsed is not None and parsed >= EARLIEST_DATE else None


def _read_date(value: str | None, default_tz: str | None) -> datetime | None:
    if not value or not value.strip() or len(value) > MAX_DATE_CHARS:
        return None
    text = _ZONE_WORD.sub(lambda m: _ZONES[m.group(1)], value.strip())
    if (zone_offset := _NUMERIC_ZONE.search(text)) and (int(zone_offset[1]) >= 24 or int(zone_offset[2]) >= 60):
        return None  # "+9999", "+24:00": no zone on Earth, so no date to trust
    parsed = _rfc822(text) or _iso(text) or _numeric(text)
    if parsed is None:
        try:
            return _struct_to_datetime(_parse_date(text))
        except (ValueError, OverflowError, TypeError, IndexError):
            return None
    if parsed.tzinfo is None:
        zone = _zone(default_tz)
        parsed = parsed.replace(tzinfo=zone) if zone is not None else parsed.replace(tzinfo=timezone.utc)
    try:
        return parsed.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


_NUMERIC_ZONE = re.compile(r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*[+-](\d{2}):?(\d{2})\s*$")
_RFC822_ZONE = re.compile(r"\d:\d{2}(?::\d{2})?\s*(?:[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})\s*$")


def _rfc822(text: str) -> datetime | None:
    if not text[:1].isalpha() and not re.match(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        return None
    try:
        fields = parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        return None
    if fields is None:
        return None
    try:
        naive = datetime(*fields[:6])
    except ValueError:
        return None
    # parsedate_tz reports offset 0 for a date without any zone: tell the two apart.
    offset = fields[9] if _RFC822_ZONE.search(text) else None
    return naive if offset is None else naive.replace(tzinfo=timezone(timedelta(seconds=offset)))


def _iso(text: str) -> datetime | None:
    if not text[:4].isdigit() or len(text) < 10 or text[4] != "-":
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def _numeric(text: str) -> datetime | None:
    match = _NUMERIC_DATE.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _zone(name: str | None):
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _struct_to_datetime(value) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None


def _split_content_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    media_type, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


# --- fast path -------------------------------------------------------------------------

_XML_DECL_ANY_ENCODING = re.compile(rb"(?<=<\?xml)([^>]*?)\sencoding\s*=\s*[\"'][^\"'>]*[\"']")
_XML_DECL_ENCODING = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_ATOM = "{http://www.w3.org/2005/Atom}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "unknown"


def _parse_fast(body: bytes, *, url: str, charset: str | None, max_entries: int,
                default_tz: str | None = None) -> ParsedFeed | None:
    """The expat path; None when the document needs feedparser's leniency."""
    head = body[:2048]
    if b"<!DOCTYPE" in head or b"xml:base" in body or b" mode=" in body:
        return None
    encoding = _document_encoding(body, charset)
    if encoding is None:
        return None  # UTF-16 (rare in feeds) or an unclear encoding: feedparser knows them
    try:
        text = body.decode(encoding)
        if text.startswith("<?xml"):  # (a str may not declare an encoding to expat)
            text = text[text.index("?>") + 2:]
        root = ET.fromstring(text)
    except (UnicodeDecodeError, ET.ParseError, ValueError, LookupError):
        return None
    if root.tag == "rss":
        return _from_rss(root, url, max_entries, default_tz)
    if root.tag == _ATOM + "feed":
        return _from_atom(root, url, max_entries, default_tz)
    if root.tag == _RDF + "RDF":
        return _from_rdf(root, url, max_entries, default_tz)
    return None


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    if len(element):
        return None  # markup as child elements (unescaped XHTML): not a plain value
    return element.text


def web_link(url: str, link: str | None) -> str | None:
    """`link` made absolute against the document's `url`; None unless it leads to a web page
    (http or https): a `javascript:` or `data:` link in a feed would travel in every
    message and webhook body to readers that might follow it."""
    if not link or not link.strip():
        return None
    link = link.strip()
    try:
        joined = urljoin(url, link)
    except ValueError:
        return None
    return joined if joined[:8].lower().startswith(("http://", "https://")) else None


def _hub_and_self(links: Iterable[ET.Element], url: str) -> tuple[str | None, str | None]:
    hub = self_url = None
    for link in links:
        rel = link.get("rel")
        if rel == "hub" and hub is None:
            hub = web_link(url, link.get("href"))
        elif rel == "self" and self_url is None:
            self_url = web_link(url, link.get("href"))
    return hub, self_url


def _ttl_s(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        minutes = float(value.strip())
    except ValueError:
        return None
    return minutes * 60 if 0 < minutes < 1e6 else None


def _from_rss(root: ET.Element, url: str, max_entries: int, default_tz: str | None) -> ParsedFeed | None:
    channel = root.find("channel")
    if channel is None:
        return None
    entries = []
    for item in channel.iter("item"):
        if len(entries) >= max_entries:
            break
        guid_el = item.find("guid")
        guid = _text(guid_el)
        link = _text(item.find("link"))
        if not link:
            for alt in item.findall(_ATOM + "link"):
                if alt.get("rel", "alternate") == "alternate":
                    link = alt.get("href")
                    break
        if not link and guid and guid_el is not None and guid_el.get("isPermaLink", "true").lower() != "false":
            link = guid
        summary = _atom_text(item.find("description")) or _atom_text(item.find(_CONTENT))
        date = _text(item.find("pubDate")) or _text(item.find(_DC + "date"))
        entries.append(Entry(
            guid=guid.strip() if guid else None,
            link=web_link(url, link),
            title=_plain(_text(item.find("title")), MAX_TITLE_CHARS),
            summary=_plain(summary, MAX_SUMMARY_CHARS),
            published_at=parse_date(date, default_tz),
        ))
    if not entries or any(not (e.title or e.summary) for e in entries):
        return None  # items in an unusual vocabulary (dc:title, xhtml:body, ...): feedparser knows them
    hub, self_url = _hub_and_self(channel.findall(_ATOM + "link"), url)
    lang = _text(channel.find("language"))
    return ParsedFeed(
        format="rss", title=_plain(_text(channel.find("title")), MAX_TITLE_CHARS), entries=tuple(entries),
        lang=lang.strip() if lang else None, ttl_s=_ttl_s(_text(channel.find("ttl"))),
        hub_url=hub, self_url=self_url, parser="fast",
    )


def _atom_text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    if element.get("type") == "xhtml" or len(element):
        # Inline XHTML: keep its text, escaped again so that escaped markup in it stays text.
        return "".join(html.escape(part, quote=False) for part in element.itertext())
    return element.text


def _from_atom(root: ET.Element, url: str, max_entries: int, default_tz: str | None) -> ParsedFeed | None:
    entries = []
    feed_lang = root.get(_XML_LANG)
    for entry in root.iter(_ATOM + "entry"):
        if len(entries) >= max_entries:
            break
        link = None
        for candidate in entry.findall(_ATOM + "link"):
            if candidate.get("rel", "alternate") == "alternate":
                link = candidate.get("href")
                break
        summary = _atom_text(entry.find(_ATOM + "summary")) or _atom_text(entry.find(_ATOM + "content"))
        date = _text(entry.find(_ATOM + "published")) or _text(entry.find(_ATOM + "updated"))
        guid = _text(entry.find(_ATOM + "id"))
        if not link and guid and guid.strip().startswith(("http://", "https://")):
            link = guid  # as feedparser does: an http id stands in for a missing link
        entries.append(Entry(
            guid=guid.strip() if guid else None,
            link=web_link(url, link),
            title=_plain(_atom_text(entry.find(_ATOM + "title")), MAX_TITLE_CHARS),
            summary=_plain(summary, MAX_SUMMARY_CHARS),
            published_at=parse_date(date, default_tz),
            lang=entry.get(_XML_LANG),
        ))
    if not entries or any(e.link is None and e.guid is None and not e.title for e in entries):
        return None
    hub, self_url = _hub_and_self(root.findall(_ATOM + "link"), url)
    return ParsedFeed(
        format="atom", title=_plain(_atom_text(root.find(_ATOM + "title")), MAX_TITLE_CHARS), entries=tuple(entries),
        lang=feed_lang, hub_url=hub, self_url=self_url, parser="fast",
    )


def _from_rdf(root: ET.Element, url: str, max_entries: int, default_tz: str | None) -> ParsedFeed | None:
    entries = []
    for item in root.iter(_RSS1 + "item"):
        if len(entries) >= max_entries:
            break
        date = _text(item.find(_DC + "date"))
        about = item.get(_RDF + "about")
        entries.append(Entry(
            guid=about.strip() if about else None,
            link=web_link(url, _text(item.find(_RSS1 + "link"))),
            title=_plain(_text(item.find(_RSS1 + "title")), MAX_TITLE_CHARS),
            summary=_plain(_text(item.find(_RSS1 + "description")) or _text(item.find(_CONTENT)), MAX_SUMMARY_CHARS),
            published_at=parse_date(date, default_tz),
        ))
    if not entries or any(not (e.title or e.summary) for e in entries):
        return None  # RSS 0.90 or another vocabulary: feedparser knows them
    channel = root.find(_RSS1 + "channel")
    title = _plain(_text(channel.find(_RSS1 + "title")), MAX_TITLE_CHARS) if channel is not None else ""
    lang = _text(channel.find(_DC + "language")) if channel is not None else None
    return ParsedFeed(format="rdf", title=title, entries=tuple(entries), lang=lang, parser="fast")


# --- feedparser path -------------------------------------------------------------------


def _where_broken(exc: object) -> str | None:
    """"not well-formed XML at line 3, column 7: mismatched tag" for the XML error of a
    document feedparser read leniently; None for a well-formed one (or a mere warning, such
    as an encoding the document declares otherwise than the server)."""
    if not isinstance(exc, xml.sax.SAXParseException):
        return None
    return f"not well-formed XML at line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"


def _family(version: str) -> str:
    """The format family of a feedparser version name, as the fast path names it: "rss20",
    "rss091u" → rss; "rss10", "rss090" → rdf; "atom03" → atom; "" → unknown."""
    if version in ("rss090", "rss10"):
        return "rdf"
    return next((family for family in ("rss", "atom", "cdf") if version.startswith(family)), "unknown")


def _parse_with_feedparser(body: bytes, *, url: str, content_type: str | None, media_type: str,
                           max_entries: int, default_tz: str | None = None) -> ParsedFeed:
    # No content-location: feedparser would resolve an entry's id against it ("art-5" ->
    # "https://host/art-5"), so a feed read here once damaged would give its items other ids
    # than the strict parser gives them, and publish them again. Links are made absolute
    # below, as the strict parser makes them.
    headers = {"content-type": content_type} if content_type else {}
    try:
        result = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    except (UnicodeError, ValueError, LookupError):
        # feedparser chokes on a garbled encoding declaration (bytes that are no name, a
        # NUL): drop the declaration and let it detect the encoding itself.
        cleaned = _XML_DECL_ANY_ENCODING.sub(rb"\1", body, count=1)
        try:
            result = feedparser.parse(cleaned, response_headers=headers, sanitize_html=False)
        except (UnicodeError, ValueError, LookupError) as exc:
            raise NotAFeed(f"not a feed: cannot decode the document ({exc.__class__.__name__})") from None
    if not result.entries:
        reason = result.get("bozo_exception")
        if not result.get("version") and (
                media_type == "text/html" or body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))):
            raise NotAFeed("not a feed: the document is an HTML page")
        if isinstance(reason, xml.sax.SAXParseException) and not result.feed:
            # Cut short or broken, with nothing left to read: a failure, not an empty feed.
            raise NotAFeed(f"not a feed: {_where_broken(reason)}")
        if not result.get("version") and not result.feed:
            # (a channel with no items but some metadata is an empty feed)
            raise NotAFeed(f"not a feed: {reason or 'no RSS, Atom or RDF element'}")
    feed = result.feed
    entries = []
    for item in result.entries[:max_entries]:
        summary = item.get("summary")
        if not summary and item.get("content"):
            summary = item.content[0].get("value")
        guid = item.get("id")
        entries.append(Entry(
            guid=guid.strip() if isinstance(guid, str) and guid.strip() else None,
            link=web_link(url, item.get("link")),
            title=_plain(item.get("title"), MAX_TITLE_CHARS),
            summary=_plain(summary, MAX_SUMMARY_CHARS),
            # dict.get: feedparser's own get maps a missing "updated" to "published" with a
            # deprecation warning; read the raw keys instead.
            published_at=(parse_date(dict.get(item, "published") or dict.get(item, "updated"), default_tz)
                          or _struct_to_datetime(dict.get(item, "published_parsed") or dict.get(item, "updated_parsed"))),
            lang=(item.get("title_detail") or {}).get("language") or None,
        ))
    damaged = _where_broken(result.get("bozo_exception"))
    if damaged and entries and len(entries) == len(result.entries) and _last_entry_open(body):
        # The document broke inside its last entry (a feed cut short mid-item): that entry
        # is a part, its summary cut or gone. Published, it would replace the whole item
        # with the part, and put the whole back when the feed is mended.
        entries.pop()
    hub = self_url = None
    for link in feed.get("links", []):
        if link.get("rel") == "hub" and hub is None:
            hub = web_link(url, link.get("href"))
        elif link.get("rel") == "self" and self_url is None:
            self_url = web_link(url, link.get("href"))
    return ParsedFeed(
        format=_family(result.get("version") or ""),
        title=_plain(feed.get("title"), MAX_TITLE_CHARS),
        entries=tuple(entries),
        lang=feed.get("language") or None,
        ttl_s=_ttl_s(feed.get("ttl")),
        hub_url=hub,
        self_url=self_url,
        damaged=damaged,
        parser="feedparser",
    )


_ENTRY_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(?:item|entry)(?=[\s>/])", re.IGNORECASE)


def _last_entry_open(body: bytes) -> bool:
    """Whether the document's last <item> or <entry> is never closed (it was cut short)."""
    last = None
    for last in _ENTRY_TAG.finditer(body):
        pass
    return last is not None and last.group(1) == b""


# --- JSON Feed -------------------------------------------------------------------------


def _parse_json_feed(body: bytes, *, url: str, max_entries: int, default_tz: str | None = None) -> ParsedFeed:
    # JSON is UTF-8 (RFC 8259), whatever a header says: a bad byte is that byte's loss alone.
    mended = None
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        body, mended = _mended(body, "utf-8-sig", ratio=0)
        text = body.decode("utf-8")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise NotAFeed(f"not a feed: invalid JSON ({exc.__class__.__name__})") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("items"), list):
        raise NotAFeed("not a feed: JSON without an `items` list")
    base = _str(data.get("home_page_url")) or url
    feed_lang = _str(data.get("language"))
    entries = []
    for item in data["items"][:max_entries]:
        if not isinstance(item, Mapping):
            continue
        guid = item.get("id")
        summary = _str(item.get("content_text")) or _str(item.get("content_html")) or _str(item.get("summary"))
        entries.append(Entry(
            guid=str(guid).strip() if isinstance(guid, (str, int)) and str(guid).strip() else None,
            link=web_link(base, _str(item.get("url")) or _str(item.get("external_url"))),
            title=_plain(_str(item.get("title")), MAX_TITLE_CHARS),
            summary=_plain(summary, MAX_SUMMARY_CHARS),
            published_at=parse_date(_str(item.get("date_published")) or _str(item.get("date_modified")),
                                    default_tz),
            lang=_str(item.get("language")),
        ))
    hub = None
    hubs = data.get("hubs")
    if isinstance(hubs, list) and hubs and isinstance(hubs[0], Mapping):
        hub = _str(hubs[0].get("url"))
    return ParsedFeed(format="json", title=_plain(_str(data.get("title")), MAX_TITLE_CHARS), entries=tuple(entries),
                      lang=feed_lang, hub_url=hub, self_url=_str(data.get("feed_url")), parser="json", damaged=mended)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
