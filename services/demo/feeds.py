"""The demo's feed server: the recorded launch morning as RSS feeds on 127.0.0.1, released
over compressed time.

`schedule` (pure) lays the recorded items on the demo's clock: `speedup` times faster than
life, with long quiet spells (the night before the launching state's claim) cut to
`max_quiet_s` of recorded time. `start_demo_feeds` serves them: an item is in its feed from
its release on, with a publication date on the same compressed clock, so what the texts say
("at 7:12 a.m.", "on Thursday") agrees with when the feeds published it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

from services.demo.morning import FEEDS, ITEMS, DemoFeed, DemoItem, words


@dataclass(frozen=True)
class Release:
    """One demo item as served: when it appears (demo seconds from start) and its text."""

    feed: DemoFeed
    item: DemoItem
    number: int  # position in its feed, for guid and link
    release_s: float
    published_at: datetime
    title: str
    summary: str


def schedule(start: datetime, speedup: float, *, lead_s: float = 10.0, max_quiet_s: float = 1800.0,
             items: tuple[DemoItem, ...] = ITEMS) -> tuple[datetime, list[Release]]:
    """The launch moment and every item's release, in release order (pure).

    The launch happens `lead_s` demo seconds after `start`; items recorded before it are in
    their feeds from the start. Raises ValueError for a speedup that is not positive.
    """
    if speedup <= 0:
        raise ValueError(f"speedup must be positive, got {speedup}")
    launch_at = start + timedelta(seconds=lead_s)
    values = words(launch_at)
    ordered = sorted(items, key=lambda i: i.offset_s)
    squeezed: dict[int, float] = {}
    previous_offset, previous_squeezed = 0.0, 0.0
    for item in ordered:
        if item.offset_s <= 0:
            squeezed[id(item)] = item.offset_s
            continue
        gap = min(item.offset_s - previous_offset, max_quiet_s)
        previous_offset, previous_squeezed = item.offset_s, previous_squeezed + gap
        squeezed[id(item)] = previous_squeezed
    feeds = {f.slug: f for f in FEEDS}
    numbers: dict[str, int] = {}
    releases = []
    for item in ordered:
        demo_s = lead_s + squeezed[id(item)] / speedup
        numbers[item.feed] = numbers.get(item.feed, 0) + 1
        releases.append(Release(
            feed=feeds[item.feed], item=item, number=numbers[item.feed], release_s=max(0.0, demo_s),
            published_at=start + timedelta(seconds=demo_s),
            title=item.title.format(**values), summary=item.summary.format(**values),
        ))
    return launch_at, releases


def render_rss(feed: DemoFeed, releases: list[Release], base_url: str) -> str:
    """An RSS 2.0 document of `releases` (newest first)."""
    entries = []
    for r in sorted(releases, key=lambda r: r.published_at, reverse=True):
        link = f"{base_url}/articles/{feed.slug}/{r.number}"
        entries.append(
            "<item>"
            f"<title>{escape(r.title)}</title>"
            f"<link>{escape(link)}</link>"
            f'<guid isPermaLink="false">launchwatch-demo:{feed.slug}:{r.number}</guid>'
            f"<pubDate>{format_datetime(r.published_at.astimezone(timezone.utc), usegmt=True)}</pubDate>"
            f"<description>{escape(r.summary)}</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(feed.name)}</title><link>{escape(base_url)}/</link>"
        f"<description>{escape(feed.name)} (launchwatch demo)</description>"
        f"<language>{feed.lang}</language>" + "".join(entries) + "</channel></rss>"
    )


@dataclass
class DemoFeeds:
    """A running demo feed server. Unpacks as `base_url, feeds, stop`."""

    base_url: str
    feeds: list[dict]
    stop: Callable[[], Awaitable[None]]
    launch_at: datetime
    duration_s: float  # demo seconds from start until the last item is out

    def __iter__(self) -> Iterator:
        return iter((self.base_url, self.feeds, self.stop))


def _app(releases: list[Release], elapsed_s: Callable[[], float], base_url: Callable[[], str]) -> web.Application:
    by_feed: dict[str, list[Release]] = {f.slug: [] for f in FEEDS}
    for r in releases:
        by_feed[r.feed.slug].append(r)
    feeds = {f.slug: f for f in FEEDS}

    async def feed(request: web.Request) -> web.StreamResponse:
        slug = request.match_info["slug"]
        if slug not in feeds:
            raise web.HTTPNotFound(text=f"no demo feed {slug!r}; see {base_url()}/")
        now_s = elapsed_s()
        out = [r for r in by_feed[slug] if r.release_s <= now_s]
        etag = '"' + hashlib.sha256(f"{slug}:{len(out)}".encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        body = render_rss(feeds[slug], out, base_url())
        response = web.Response(text=body, content_type="application/rss+xml", charset="utf-8",
                                headers={"ETag": etag, "Cache-Control": "no-cache"})
        if out:
            latest = max(r.published_at for r in out)
            response.headers["Last-Modified"] = format_datetime(latest.astimezone(timezone.utc), usegmt=True)
        response.enable_compression()  # gzip or deflate, as the client accepts
        return response

    async def article(request: web.Request) -> web.Response:
        slug, number = request.match_info["slug"], int(request.match_info["number"])
        for r in by_feed.get(slug, []):
            if r.number == number and r.release_s <= elapsed_s():
                return web.Response(text=f"<html><h1>{escape(r.title)}</h1><p>{escape(r.summary)}</p></html>",
                                    content_type="text/html")
        raise web.HTTPNotFound(text="no such demo article (yet)")

    async def index(request: web.Request) -> web.Response:
        return web.json_response({"feeds": [f"{base_url()}/feeds/{slug}.xml" for slug in feeds],
                                  "elapsed_s": round(elapsed_s(), 3)})

    app = web.Application()
    app.router.add_get("/", index)
    app.router.add_get("/feeds/{slug}.xml", feed)
    app.router.add_get(r"/articles/{slug}/{number:\d+}", article)
    return app


async def start_demo_feeds(speedup: float = 60.0, *, host: str = "127.0.0.1", port: int = 0,
                           lead_s: float = 10.0, max_quiet_s: float = 1800.0, interval_s: float = 2.0,
                           monotonic: Callable[[], float] = time.monotonic,
                           wall: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> DemoFeeds:
    """Serve the recorded launch morning on `host:port` (0: any free port) until `stop()`.

    The launch happens `lead_s` demo seconds after start; at `speedup` 60 the first hour of
    reports takes a minute, and the night before the next-day claim is cut to
    `max_quiet_s` recorded seconds. `feeds` holds one `[[feeds]]` entry per source (`name`,
    `url`, `interval_s`, `lang`, `kind`, `country`, `timezone`), ready for FeedSettings.
    Raises ValueError for a non-positive speedup and OSError when the port cannot be bound.
    """
    started = monotonic()
    launch_at, releases = schedule(wall(), speedup, lead_s=lead_s, max_quiet_s=max_quiet_s)
    holder: dict[str, str] = {}
    app = _app(releases, lambda: monotonic() - started, lambda: holder["base_url"])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0]
    holder["base_url"] = f"http://{host}:{bound[1]}"
    base_url = holder["base_url"]
    feeds = [{"name": f.name, "url": f"{base_url}/feeds/{f.slug}.xml", "interval_s": interval_s,
              "lang": f.lang, "kind": f.kind, "country": f.country, "timezone": f.timezone} for f in FEEDS]
    return DemoFeeds(base_url=base_url, feeds=feeds, stop=runner.cleanup, launch_at=launch_at,
                     duration_s=max(r.release_s for r in releases))
