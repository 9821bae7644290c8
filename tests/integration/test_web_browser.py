"""The pages in a real browser (headless Chromium): the map and the facts show, a revision
published on the bus appears on an open page within 2 s without a reload, no console error.

Screenshots go to `test-artifacts/web/` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

import aiohttp
import pytest

from services.config import load_settings
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from services.web.worker import build_stage
from tests.integration.cdp import Browser, chromium_path
from tests.loopback import free_port
from tests.web_samples import busy_event, hostile_event, korean_event

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"


async def test_event_page_shows_map_and_facts_and_takes_a_new_revision_live(tmp_path: Path) -> None:
    port = free_port()
    settings = load_settings(None, {"LAUNCHWATCH_STATE__PATH": str(tmp_path / "state.db"),
                                    "LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{port}"})
    bus = MemoryBus("t-web.", default_partitions=1)
    await bus.start()
    stop = asyncio.Event()
    browser = Browser(tmp_path / "profile")
    async with aiohttp.ClientSession() as http:
        ctx = StageContext(settings, bus, http)
        producer = bus.producer()

        async def publish(event) -> None:  # type: ignore[no-untyped-def]
            await producer.send(ctx.topic("events"), event.to_bytes(), key=event.event_id.encode())

        stage = await build_stage(ctx)
        running = asyncio.create_task(stage.run(stop))
        base = f"http://127.0.0.1:{port}"
        try:
            await publish(korean_event(1))
            await publish(korean_event(2, launch_site="the Sunan area"))
            await publish(hostile_event())
            await publish(busy_event())
            for _ in range(200):  # the stage has read them and the listener is up
                try:
                    async with http.get(f"{base}/api/events") as response:
                        if response.status == 200 and len(await response.json()) == 3:
                            break
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.05)
            await browser.start()
            page = await browser.new_page(http)

            await page.goto(f"{base}/events/evt_0123456789abcdef0123")
            assert await page.evaluate("document.querySelectorAll('#map svg path.land').length") > 0
            assert await page.evaluate("!!document.querySelector('#map svg path.track')")
            facts = await page.evaluate("document.getElementById('facts').innerText")
            assert "Japan MoD" in facts and "350" in facts
            assert "Launched from" in facts and "the Sunan area" in facts
            # The map draws the launch from the stated site, and its caption says so.
            caption = await page.evaluate("document.querySelector('#map figcaption').innerText")
            assert "Sunan, Pyongyang (stated launch site)" in caption
            await page.screenshot(ARTIFACTS / "event-revision-2.png")

            # On a phone: no sideways scrolling, and the facts by their names, not field names.
            await page.send("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1,
                            mobile=True)
            await page.goto(f"{base}/events/evt_busy")
            assert await page.evaluate("window.innerWidth") == 390  # a wider page would widen the viewport
            assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            text = await page.evaluate("document.body.innerText")
            assert "Distance" in text and "350 km" in text and "Reported by" in text and "North Korea" in text
            assert "short-range ballistic missile" in text and "19 reports from 10 independent outlets" in text
            assert "Apogee" in text and "Launched" in text and "Confidence" not in text and "confidence 100%" in text
            for raw in ("distance_km", "apogee_km", "source_agency", "launched_at", "PRK", "srbm", "+00:00"):
                assert raw not in text
            assert "Positions are approximate" in text  # the map's caption, visible
            facts_box = await page.evaluate("JSON.stringify(document.getElementById('facts').getBoundingClientRect())")
            assert '"right":' in facts_box and json.loads(facts_box)["right"] <= 390
            await page.screenshot(ARTIFACTS / "event-390px.png")
            await page.send("Emulation.clearDeviceMetricsOverride")
            await page.goto(f"{base}/events/evt_0123456789abcdef0123")

            await page.evaluate("window.notReloaded = true")
            await asyncio.sleep(0.3)  # the page's EventSource is connected
            await publish(korean_event(3))
            waited_s = await page.wait_for("document.getElementById('revision').textContent === '3'", 2.0)
            assert await page.evaluate("window.notReloaded === true")
            assert "confirmed" in await page.evaluate("document.querySelector('h1 .badge').textContent")
            await page.screenshot(ARTIFACTS / "event-revision-3.png")

            await page.goto(f"{base}/")
            assert await page.evaluate("document.title") == "Launch events · launchwatch"  # hostile title ran nothing
            assert await page.evaluate("document.getElementById('events-total').textContent") == "3 events"
            await page.evaluate("window.notReloaded = true")
            await asyncio.sleep(0.3)
            newcomer = korean_event(1).model_copy(update={"event_id": "evt_new", "headline": "Iran launches satellite",
                                                          "actor": "IRN", "kind": "satellite_launch"})
            await publish(newcomer)
            await page.wait_for("!!document.getElementById('ev-evt_new')", 2.0)
            assert await page.evaluate("document.querySelector('#events tr').id") == "ev-evt_new"
            # ... and the count above the list counts it; a revision of a shown event does not.
            assert await page.evaluate("document.getElementById('events-total').textContent") == "4 events"
            assert await page.evaluate("window.notReloaded === true")
            await page.screenshot(ARTIFACTS / "events.png")

            # An older page updates the rows it shows but takes no new event at its top.
            await page.goto(f"{base}/?before=9999-12-31T00:00:00%2B00:00|z")
            await asyncio.sleep(0.3)
            await publish(newcomer.model_copy(update={"event_id": "evt_newer"}))
            await publish(korean_event(4))  # after the new event on the same stream
            await page.wait_for("document.getElementById('ev-evt_0123456789abcdef0123').dataset.revision === '4'", 2.0)
            assert await page.evaluate("document.getElementById('ev-evt_newer') === null")

            await page.goto(f"{base}/events/evt_hostile")
            assert (await page.evaluate("document.title")).startswith("<script>")  # shown as text
            assert page.errors == []
            await page.close()
            assert waited_s < 2.0
        finally:
            browser.close()
            stop.set()
            await asyncio.wait_for(running, 10)
            ctx.close()
            await bus.close()


@contextlib.asynccontextmanager
async def _page_of(app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The web app served on loopback and a page of a headless browser; yields (server, page)."""
    from aiohttp.test_utils import TestServer

    server = TestServer(app, host="127.0.0.1", port=free_port())
    await server.start_server()
    browser = Browser(tmp_path / "profile")
    try:
        async with aiohttp.ClientSession() as http:
            await browser.start()
            page = await browser.new_page(http)
            yield server, page
            await page.close()
    finally:
        browser.close()
        await server.close()


async def test_lists_stack_on_a_phone_without_scrolling_sideways(tmp_path: Path) -> None:
    """At 390 px the events, sources and deliveries tables show each row as a block of named
    values: neither the page nor a table scrolls sideways, and each value says what it is."""
    from services.web.app import build_web_app
    from services.web.store import EventStore, LiveFeed
    import sqlite3
    from datetime import timedelta

    store = EventStore(sqlite3.connect(":memory:"))
    for event in (korean_event(2), busy_event(), hostile_event()):
        store.add(event, event.updated_at)
    now = busy_event().updated_at + timedelta(minutes=5)
    failing = {"name": "Ministry of National Defense press releases (Korean)",
               "url": "https://www.mnd.go.kr/user/boardList.action?boardId=I_43915&siteId=mnd&id=mnd_020500000000",
               "kind": "page", "error_count": 7, "last_error": "timeout after 20.0 s reading the response body",
               "last_status": None, "items_per_day": 12, "last_success_at_dt": now - timedelta(hours=3),
               "next_check_at_dt": now + timedelta(minutes=8)}
    letter = {"subscription": "duty-officers-slack", "event_id": "evt_0123456789abcdef0123", "revision": 2,
              "reason": "HTTP 500 from https://hooks.slack.example/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX",
              "at": now}
    app = build_web_app(store, LiveFeed(), clock=lambda: now, sources=lambda: [failing],
                        deliveries=lambda: {"counts": {"delivered": 3, "dead": 1}, "dead": [letter]})
    async with _page_of(app, tmp_path) as (server, page):
        await page.send("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
        wide = ("[...document.querySelectorAll('table')].filter(t => t.scrollWidth > t.clientWidth + 1)"
                ".map(t => t.id || t.className)")
        # Each value is named by its column (drawn before it), the column heads hidden.
        labels = ("[...document.querySelectorAll('td[data-label]')].filter(td => td.offsetParent)"
                  ".map(td => getComputedStyle(td, '::before').content)")
        for path, named, shown in (
                ("/", ("Kind", "Since launch", "Sources"), ("short-range ballistic missile", "45 min ago")),
                ("/sources", ("Last success", "Errors in a row", "Next check"), ("3 h ago", "in 8 min")),
                ("/deliveries", ("Reason", "Revision", "Deliveries"), ("HTTP 500 from", "duty-officers-slack"))):
            await page.goto(f"{server.make_url(path)}")
            assert await page.evaluate("window.innerWidth") == 390, path
            assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
            assert await page.evaluate(wide) == [], path
            assert await page.evaluate("[...document.querySelectorAll('thead')].every(h => !h.offsetParent)")
            drawn = await page.evaluate(labels)
            for label in named:
                assert f'"{label}: "' in drawn, (path, label, drawn)
            text = await page.evaluate("document.body.innerText")
            for words in shown:
                assert words in text, (path, words)
            await page.screenshot(ARTIFACTS / f"list-390px{path.replace('/', '-')}.png")
        assert page.errors == []


async def test_a_sources_page_left_open_counts_down_to_the_next_check_and_then_says_overdue(tmp_path: Path) -> None:
    """The next check of a source counts down on an open page ("in 8 min", "in 2 min"),
    reads "due now" when it comes, and "overdue by" once it is late: a page on a wall
    display shows a source that nothing polls any more."""
    from services.web.app import build_web_app
    from services.web.store import EventStore, LiveFeed
    import sqlite3
    from datetime import timedelta

    now = busy_event().updated_at
    source = {"name": "Yonhap (English)", "url": "https://en.yna.co.kr/RSS/news.xml", "kind": "feed",
              "error_count": 0, "last_error": None, "last_status": 200, "items_per_day": 40,
              "last_success_at_dt": now - timedelta(minutes=2),
              # Two seconds over the minute: real time passes too between the page's load and
              # each reading (a loaded CI machine read "in 7 min" for a check exactly 8 min on).
              "next_check_at_dt": now + timedelta(minutes=8, seconds=2)}
    app = build_web_app(EventStore(sqlite3.connect(":memory:")), LiveFeed(), clock=lambda: now,
                        sources=lambda: [source])
    async with _page_of(app, tmp_path) as (server, page):
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=_FAKE_CLOCK)
        await page.goto(f"{server.make_url('/sources')}")
        cell = "document.querySelector('td[data-label=\"Next check\"]').textContent"
        assert await page.evaluate(cell) == "in 8 min"
        for seconds, shown in ((300, "in 3 min"), (182, "due now"), (180, "overdue by 3 min")):
            await page.evaluate(f"window.__advance({seconds} * 1000)")
            assert await page.evaluate(cell) == shown, seconds
        assert page.errors == []


# White text on a badge: WCAG's contrast ratio of its colour and background.
_BADGE_CONTRAST = """[...document.querySelectorAll('.badge')].map(b => {
  const lum = c => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const s = getComputedStyle(b); const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
  return [b.textContent, (hi + 0.05) / (lo + 0.05)]; })"""


async def test_a_long_word_stays_in_its_column_badges_are_legible_and_a_lost_stream_says_so(tmp_path: Path) -> None:
    """A feed's unbroken run of letters does not widen the list or the event page (every
    event's facts stay on screen); white badge text keeps 4.5:1; a page whose live stream
    is lost says it may be out of date."""
    from services.web.app import build_web_app
    from services.web.store import EventStore, LiveFeed
    import sqlite3

    store = EventStore(sqlite3.connect(":memory:"))
    long_word = korean_event(2).model_copy(update={
        "event_id": "evt_long", "status": "reported", "headline": "India test-fires Agni missile " + "Z" * 250})
    for event in (korean_event(2).model_copy(update={"status": "confirmed"}), long_word,
                  busy_event().model_copy(update={"status": "retracted"})):
        store.add(event, event.updated_at)
    app = build_web_app(store, LiveFeed(), clock=lambda: busy_event().updated_at)
    async with _page_of(app, tmp_path) as (server, page):
        for width in (1280, 390):
            await page.send("Emulation.setDeviceMetricsOverride", width=width, height=800, deviceScaleFactor=1,
                            mobile=width < 600)
            for path in ("/", "/events/evt_long"):
                await page.goto(f"{server.make_url(path)}")
                assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (width, path)
            # The list's last column (the sources) is on screen at once.
            await page.goto(f"{server.make_url('/')}")
            if width > 600:
                right = await page.evaluate("document.querySelector('#events tr td:last-child')"
                                            ".getBoundingClientRect().right")
                assert right <= width, right
            await page.screenshot(ARTIFACTS / f"long-word-{width}px.png")
        contrasts = await page.evaluate(_BADGE_CONTRAST)
        assert {text for text, _ in contrasts} >= {"reported", "confirmed", "retracted"}
        assert all(ratio >= 4.5 for _, ratio in contrasts), contrasts
        assert await page.evaluate("document.querySelector('.offline').hidden")
        await server.close()  # the server goes away: the page says so
        await page.wait_for("!document.querySelector('.offline').hidden", 10)
        await page.screenshot(ARTIFACTS / "stream-lost.png")


# The page's own timers and clock, made the test's: `__advance(ms)` moves the clock on and
# runs every interval timer once, as if that long had passed.
_FAKE_CLOCK = """(() => { let offset = 0; const realNow = Date.now; const timers = [];
  Date.now = () => realNow() + offset;
  const realSetInterval = window.setInterval;
  window.setInterval = (f, ms) => { timers.push(f); return realSetInterval(f, ms); };
  window.__advance = ms => { offset += ms; timers.forEach(f => f()); }; })();"""


async def test_an_open_page_keeps_its_ages_and_never_breaks_a_word_of_a_headline(tmp_path: Path) -> None:
    """A list left open on a wall display counts its ages on ("6 min ago" becomes "1 h ago",
    "today" becomes "yesterday"), from the server's clock, with the words the server uses;
    at desktop width a long headline wraps between words, never inside one."""
    from services.web.app import build_web_app
    from services.web.store import EventStore, LiveFeed
    import re
    import sqlite3
    from datetime import date, timedelta

    store = EventStore(sqlite3.connect(":memory:"))
    timed = korean_event(2)
    headline = ("North Korea fires what appears to be a short-range ballistic missile toward the East Sea, "
                "South Korea's Joint Chiefs of Staff say, in the third launch this month as Houthis threaten "
                "shipping again and allies convene an emergency meeting on the missile programme")
    long_one = korean_event(2).model_copy(update={"event_id": "evt_long", "headline": headline})
    day_only = korean_event(2).model_copy(update={"event_id": "evt_day", "launched_on": date(2024, 5, 30)})
    for event in (timed, long_one, day_only):
        store.add(event, event.updated_at)
    # The server's clock is an hour behind the browser's (the test's real time): ages count
    # from the server's.
    server_now = timed.launched_at + timedelta(minutes=6)
    app = build_web_app(store, LiveFeed(), clock=lambda: server_now)
    async with _page_of(app, tmp_path) as (server, page):
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=_FAKE_CLOCK)
        await page.send("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1,
                        mobile=False)
        await page.goto(f"{server.make_url('/')}")
        since = "document.querySelector('#ev-{} [data-since], #ev-{} [data-day]').textContent"
        assert await page.evaluate(since.format(timed.event_id, timed.event_id)) == "6 min ago"
        assert await page.evaluate(since.format("evt_day", "evt_day")) == "today"
        await page.evaluate("window.__advance(54 * 60 * 1000)")
        assert await page.evaluate(since.format(timed.event_id, timed.event_id)) == "1 h ago"
        await page.evaluate("window.__advance(24 * 3600 * 1000)")
        assert await page.evaluate(since.format("evt_day", "evt_day")) == "yesterday"
        assert await page.evaluate(since.format(timed.event_id, timed.event_id)) == "1 d ago"

        # Each word of every cell lies on one line (a word's box is one rectangle): the long
        # headline takes its width from the headline's column, not from "ballistic missile".
        broken = await page.evaluate("""(() => { const out = [];
          const walk = document.createTreeWalker(document.getElementById('events'), NodeFilter.SHOW_TEXT);
          for (let text = walk.nextNode(); text; text = walk.nextNode()) {
            const re = /[^\\s-]+/g; let m;  // (a line may end at a hyphen: "short-|range")
            while ((m = re.exec(text.data))) { const r = document.createRange();
              r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
              if (r.getClientRects().length > 1) out.push(m[0]); } }
          return out; })()""")
        assert broken == [], broken
        assert re.fullmatch(r"\d+", str(await page.evaluate("document.querySelectorAll('#events tr').length")))
        await page.screenshot(ARTIFACTS / "events-1280px-long-headline.png")
        assert page.errors == []


async def test_a_page_whose_stream_met_an_error_page_tries_again_and_reloads_when_back(tmp_path: Path) -> None:
    """A proxy's 503 in place of the live stream ends it for good in the browser: the page
    asks again, each time later, and loads itself again once the stream is back."""
    from aiohttp import web
    from aiohttp.test_utils import TestServer
    from services.web.app import build_web_app
    from services.web.store import EventStore, LiveFeed
    import sqlite3

    store = EventStore(sqlite3.connect(":memory:"))
    store.add(korean_event(2), korean_event(2).updated_at)
    asked: list[str] = []

    async def unavailable(request: web.Request) -> web.Response:
        asked.append(request.path)
        return web.Response(status=503, text="down for maintenance")

    def pages() -> web.Application:
        return build_web_app(store, LiveFeed(), clock=lambda: korean_event(2).updated_at)

    maintenance = web.Application()
    maintenance.router.add_get("/{tail:.*}", unavailable)
    async with _page_of(pages(), tmp_path) as (server, page):
        port = server.port
        await page.goto(f"{server.make_url('/')}")
        await page.evaluate("window.notReloaded = true")
        await server.close()
        stand_in = TestServer(maintenance, host="127.0.0.1", port=port)
        await stand_in.start_server()
        await page.wait_for("!document.querySelector('.offline').hidden", 10)
        # The browser gave up after the first 503; the page itself asked again.
        for _ in range(100):
            if asked.count("/live") >= 2:
                break
            await asyncio.sleep(0.1)
        assert asked.count("/live") >= 2, asked
        await stand_in.close()
        back = TestServer(pages(), host="127.0.0.1", port=port)
        await back.start_server()
        try:
            await page.wait_for("window.notReloaded === undefined", 20)  # loaded again
            assert await page.evaluate("document.querySelector('.offline').hidden")
        finally:
            await back.close()
