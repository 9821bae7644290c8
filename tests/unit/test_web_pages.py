"""The web app's pages, through a real aiohttp client: what a duty officer sees."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import datetime, timedelta, timezone

from aiohttp.test_utils import TestClient, TestServer
from structlog.testing import capture_logs

from services.web.app import CSP, ago, build_web_app, days_ago, since
from services.web.store import EventStore, LiveFeed
from tests.web_samples import T0, busy_event, hostile_event, korean_event

NOW = T0 + timedelta(hours=1)


def make_store() -> EventStore:
    return EventStore(sqlite3.connect(":memory:"))


async def client_for(store: EventStore, live: LiveFeed | None = None, **kwargs) -> TestClient:
    app = build_web_app(store, live or LiveFeed(), clock=lambda: NOW, **kwargs)
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


def test_store_keeps_every_revision_once_and_the_latest_as_current() -> None:
    store = make_store()
    assert store.add(korean_event(1), NOW)
    assert store.add(korean_event(3), NOW)
    assert not store.add(korean_event(3), NOW)  # redelivered: nothing changes
    assert store.add(korean_event(2), NOW)      # late, older revision: history only
    assert store.get("evt_0123456789abcdef0123").revision == 3
    assert [r.event.revision for r in store.revisions("evt_0123456789abcdef0123")] == [1, 2, 3]
    assert store.count() == 1


async def test_an_event_flooded_with_revisions_keeps_its_first_and_latest_and_says_what_is_not_kept() -> None:
    """A source flooding an event with reports had given it thousands of revisions, every
    one kept and every one loaded by its page."""
    from services.web.store import MAX_REVISIONS_KEPT

    store = make_store()
    for revision in range(1, 301):
        store.add(korean_event(1).model_copy(update={"revision": revision}), NOW)
    kept = [r.event.revision for r in store.revisions("evt_0123456789abcdef0123")]
    assert kept == [1, *range(300 - MAX_REVISIONS_KEPT + 2, 301)] and len(kept) == MAX_REVISIONS_KEPT
    assert store.get("evt_0123456789abcdef0123").revision == 300
    client = await client_for(store)
    try:
        html = await (await client.get("/events/evt_0123456789abcdef0123")).text()
    finally:
        await client.close()
    assert html.count("<strong>Revision ") == MAX_REVISIONS_KEPT
    assert f"{300 - MAX_REVISIONS_KEPT} earlier revisions not kept" in html
    assert html.index("<strong>Revision 300</strong>") < html.index("earlier revisions not kept") < \
        html.index("<strong>Revision 1</strong>")


async def test_events_page_lists_newest_first_with_status_actor_kind_count_age_and_sources() -> None:
    store = make_store()
    store.add(korean_event(2), NOW)
    older = hostile_event().model_copy(update={"first_reported_at": T0 - timedelta(days=1)})
    store.add(older, NOW)
    client = await client_for(store)
    try:
        response = await client.get("/")
        html = await response.text()
    finally:
        await client.close()
    assert response.status == 200
    assert html.index("evt_0123456789abcdef0123") < html.index("evt_hostile")
    row = html[html.index('id="ev-evt_0123456789abcdef0123"'):html.index("</tr>", html.index('id="ev-evt_0123'))]
    assert 'class="badge reported"' in row and ">North Korea<" in row and ">ballistic missile<" in row
    assert ">2<" in row            # count and the number of sources
    assert "1 h ago" in row         # time since launch, from the injected clock


async def test_event_page_shows_facts_with_their_sources_revisions_and_a_map() -> None:
    store = make_store()
    for revision in (1, 2, 3):
        store.add(korean_event(revision), NOW)
    client = await client_for(store)
    try:
        html = await (await client.get("/events/evt_0123456789abcdef0123")).text()
        svg = await client.get("/events/evt_0123456789abcdef0123/map.svg")
        missing = await client.get("/events/evt_nope")
    finally:
        await client.close()
    count_row = html[html.index('data-fact="count"'):html.index("</tr>", html.index('data-fact="count"'))]
    assert "Japan MoD" in count_row and '<span class="said">1</span>: Yonhap' in count_row  # gave 2; said 1
    assert "Revision 3" in html and "changed: status" in html
    assert "changed: count, distance, sources" in html              # as the update alerts name them
    # ... with what each fact was and became, as an update alert shows a correction.
    assert "(Count 1 → <strong>2</strong>; Distance — → <strong>350 km</strong>)" in html
    assert "(Status reported → <strong>confirmed</strong>)" in html
    assert "<th>Distance</th><td class=\"value\">350 km</td>" in html and "<th>Reported by</th>" in html
    assert "North Korea · 2 ballistic missiles" in html and "confidence 90%" in html
    assert "2 reports from 2 independent outlets" in html
    assert '<time datetime="2024-05-30T21:14:00+00:00">2024-05-30 21:14 UTC</time>' in html
    assert "distance_km" not in html.replace('data-fact="distance_km"', "")
    assert "Positions are approximate" in html[html.index("<figcaption"):]  # visible, not only in the SVG
    assert "because of: Japan MoD" in html                          # why revision 2 came
    assert '<a href="https://www.mod.go.jp/j/press/1.html"' in html
    assert "<svg" in html and 'class="land"' in html and 'class="track"' in html
    assert "bearing" in html and "350 km" in html
    assert svg.status == 200 and svg.content_type == "image/svg+xml"
    assert missing.status == 404


async def test_hostile_feed_text_renders_as_text_and_links_nothing() -> None:
    store = make_store()
    store.add(hostile_event(), NOW)
    client = await client_for(store)
    try:
        pages = [await (await client.get(path)).text() for path in ("/", "/events/evt_hostile")]
        response = await client.get("/events/evt_hostile")
    finally:
        await client.close()
    for html in pages:
        assert "<script>document" not in html and "<img src=x" not in html
        assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in html
        assert "javascript:" not in html
        assert "<script>alert(2)" not in html
    assert response.headers["Content-Security-Policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


async def test_a_new_revision_reaches_an_open_stream() -> None:
    store, live = make_store(), LiveFeed()
    client = await client_for(store, live)
    try:
        response = await client.get("/live")
        assert response.headers["Content-Type"] == "text/event-stream"
        assert await response.content.readuntil(b"\n\n") == b"retry: 1000\n\n"
        event = korean_event(2)
        store.add(event, NOW)
        live.publish(event)
        block = await asyncio.wait_for(response.content.readuntil(b"\n\n"), 2)
        lines = block.decode().splitlines()
        assert lines[0] == "event: revision"
        data = json.loads(lines[1].removeprefix("data: "))
        assert data["event_id"] == event.event_id and data["revision"] == 2
        assert data["row"].startswith('<tr id="ev-evt_0123456789abcdef0123"')
    finally:
        await client.close()
    assert live.listeners == 0


def test_a_stalled_listener_is_dropped_not_buffered_forever() -> None:
    live = LiveFeed(queue_size=2)
    queue = live.listen()
    for revision in (1, 2, 3):
        live.publish(korean_event(revision))
    assert live.listeners == 0 and queue.get_nowait() is None


async def test_api_returns_the_topic_json_and_the_openapi_document_describes_it() -> None:
    store = make_store()
    store.add(korean_event(2), NOW)
    client = await client_for(store)
    try:
        events = await (await client.get("/api/events")).json()
        one = await (await client.get("/api/events/evt_0123456789abcdef0123")).json()
        doc = await (await client.get("/api/openapi.json")).json()
        sources = await (await client.get("/api/sources")).json()
    finally:
        await client.close()
    assert events == [one] and one == json.loads(korean_event(2).model_dump_json())
    assert set(doc["paths"]) == {"/api/events", "/api/events/{event_id}", "/api/sources"}
    assert "LaunchEvent" in doc["components"]["schemas"]
    assert sources == []


async def test_the_api_refuses_in_json_and_a_page_in_text() -> None:
    store = make_store()
    store.add(korean_event(2), NOW)
    client = await client_for(store)
    try:
        missing = await client.get("/api/events/evt_nope")
        bad_cursor = await client.get("/api/events", params={"before": "garbage"})
        page_cursor = await client.get("/", params={"before": "yesterday|evt_x"})
        good_cursor = await client.get("/api/events", params={"before": "2999-01-01T00:00:00+00:00|evt_z"})
        answers = [(r.status, r.content_type, await r.text()) for r in (missing, bad_cursor, page_cursor)]
        after = await good_cursor.json()
    finally:
        await client.close()
    assert answers[0][:2] == (404, "application/json") and json.loads(answers[0][2]) == {"error": "no event 'evt_nope'"}
    assert answers[1][:2] == (400, "application/json") and json.loads(answers[1][2])["error"].startswith("before: ")
    assert answers[2][:2] == (400, "text/plain") and answers[2][2].startswith("before: ")
    assert [e["event_id"] for e in after] == ["evt_0123456789abcdef0123"]


async def test_replaying_a_dead_letter_needs_the_token() -> None:
    replayed: list[tuple[str, str]] = []

    async def replay(subscription: str, event_id: str) -> dict[str, int]:
        replayed.append((subscription, event_id))
        if event_id != "evt_x":  # no such dead letter: nothing to count
            return {"delivered": 0, "failed": 0, "superseded": 0, "already_done": 0, "not_replayable": 0}
        return {"delivered": 1, "failed": 0, "superseded": 2, "already_done": 0, "not_replayable": 0}

    deliveries = lambda: {"counts": {"dead": 1}, "dead": [{"subscription": "ops", "event_id": "evt_x", "revision": 1,
                                                           "reason": "HTTP 500", "at": "2024-05-30T21:15:00"}]}
    client = await client_for(make_store(), deliveries=deliveries, replay=replay, admin_token="s3cret-token")
    try:
        page = await (await client.get("/deliveries")).text()
        denied = await client.post("/deliveries/replay", data={"letter": "ops|evt_x", "token": "wrong"})
        denied_text = await denied.text()
        tokenless = await (await client.post("/deliveries/replay", data={"letter": "ops|evt_x"})).text()
        twice = await client.post("/deliveries/replay", data=[("letter", "ops|evt_x"), ("token", "s3cret-token"),
                                                              ("token", "x")])
        # An empty or partial letter would have replayed every dead letter.
        empty = await client.post("/deliveries/replay", data={"letter": "", "token": "s3cret-token"})
        partial = await client.post("/deliveries/replay", data={"letter": "ops", "token": "s3cret-token"})
        allowed = await client.post("/deliveries/replay", data={"letter": "ops|evt_x", "token": "s3cret-token"})
        after = await allowed.text()
        nowhere = await client.post("/deliveries/replay", data={"letter": "ops|evt_none", "token": "s3cret-token"})
        nowhere_text = await nowhere.text()
        # The notice is made of the outcome's numbers: a link's own text is never shown.
        spoofed = await (await client.get("/deliveries?message=Replay%20succeeded%20visit%20evil.example")).text()
        forged = [await (await client.get(f"/deliveries?{query}")).text() for query in (
            "delivered=99999999999999999999999&failed=0", "delivered=1&failed=-5", "delivered=1&failed=0&superseded=x",
            "delivered=%C2%B2&failed=0")]
    finally:
        await client.close()
    assert "HTTP 500" in page and "Replay" in page
    assert '<time datetime="2024-05-30T21:15:00">2024-05-30 21:15 UTC</time>' in page
    assert (denied.status, twice.status, empty.status, partial.status) == (403, 403, 400, 400)
    # A wrong token is told apart from none.
    assert denied_text == "replaying needs the admin token ([web] admin_token): that one is wrong"
    assert tokenless == "replaying needs the admin token ([web] admin_token): none was given"
    assert replayed == [("ops", "evt_x"), ("ops", "evt_none")]
    # A letter that is not there is said to be so, not "replayed: 0 delivered".
    assert (nowhere.status, nowhere_text) == (404, "no dead letter of subscription 'ops' for event 'evt_none'")
    # Every outcome the replay had is told, not only the deliveries made: a letter that
    # vanished was superseded, not lost.
    assert ("Replayed: 1 delivered; 0 failed again; 2 not sent: a later revision tells the event as it now "
            "stands.") in after
    assert all('class="notice"' not in page for page in forged)  # no count a replay cannot give
    assert "evil.example" not in spoofed and 'class="notice"' not in spoofed


async def test_live_streams_beyond_the_most_kept_are_refused_and_the_pages_still_answer() -> None:
    """Thousands of open streams took every file descriptor: the pages and /healthz stopped
    answering. Beyond `max_listeners` a stream is refused (503, Retry-After), a page is not;
    a stream closed makes room for the next."""
    live = LiveFeed(max_listeners=2)
    client = await client_for(make_store(), live)
    try:
        first, second = await client.get("/live"), await client.get("/live")
        third = await client.get("/live")
        refusal = (third.status, third.headers.get("Retry-After"), await third.text())
        page = await client.get("/")
        first.close()
        for _ in range(100):  # the server notices the closed stream
            if live.listeners < 2:
                break
            await asyncio.sleep(0.01)
        again = await client.get("/live")
        statuses = (first.status, second.status, page.status, again.status)
        second.close()
        again.close()
    finally:
        await client.close()
    assert statuses == (200, 200, 200, 200)
    assert refusal == (503, "30", "2 live streams are open, the most this server keeps: try again later")


async def test_refusals_and_the_live_stream_carry_the_security_headers_too() -> None:
    client = await client_for(make_store(), deliveries=lambda: {"counts": {}, "dead": []})
    try:
        missing = await client.get("/events/evt_nope")
        refused = await client.post("/deliveries/replay", data={"letter": "ops", "token": "x"})
        stream = await client.get("/live")
        headers = [missing.headers, refused.headers, stream.headers]
        stream.close()
    finally:
        await client.close()
    assert (missing.status, refused.status) == (404, 403)
    for sent in headers:
        assert sent["Content-Security-Policy"] == CSP
        assert sent["X-Content-Type-Options"] == "nosniff" and sent["Referrer-Policy"] == "no-referrer"


async def test_the_list_keeps_each_row_but_its_time_since_launch_moves_with_the_clock() -> None:
    store, now = make_store(), [NOW]
    store.add(korean_event(1), NOW)
    marker_headline = korean_event(1).model_copy(update={"event_id": "evt_marker", "headline": "x \ue000since\ue000 y"})
    store.add(marker_headline, NOW)
    app = build_web_app(store, LiveFeed(), clock=lambda: now[0])
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        first = await (await client.get("/")).text()
        now[0] = NOW + timedelta(hours=5)
        later = await (await client.get("/")).text()
        store.add(korean_event(2), NOW)
        revised = await (await client.get("/")).text()
    finally:
        await client.close()

    def row(html: str, event_id: str) -> str:
        start = html.index(f'id="ev-{event_id}"')
        return html[start:html.index("</tr>", start)]

    assert "1 h ago" in row(first, "evt_0123456789abcdef0123") and "6 h ago" in row(later, "evt_0123456789abcdef0123")
    assert 'data-revision="2"' in row(revised, "evt_0123456789abcdef0123")  # a new revision, a new row
    assert ">2<" in row(revised, "evt_0123456789abcdef0123")  # its count
    marked = row(later, "evt_marker")
    assert "x \ue000since\ue000 y</a>" in marked and "6 h ago" in marked


async def test_older_pages_follow_on_from_the_newest_without_gaps_or_repeats() -> None:
    store = make_store()
    for i in range(7):
        store.add(korean_event(1).model_copy(update={"event_id": f"evt_{i}",
                                                     "first_reported_at": T0 + timedelta(minutes=i)}), NOW)
    client = await client_for(store, page_size=3)
    seen: list[str] = []
    try:
        path = "/"
        while path:
            html = await (await client.get(path)).text()
            seen += [part.split('"')[0] for part in html.split('<tr id="ev-')[1:]]
            path = html.split('<a href="/?before=')[1].split('"')[0] if "Older events" in html else None
            path = f"/?before={path}" if path else None
    finally:
        await client.close()
    assert seen == [f"evt_{i}" for i in reversed(range(7))]


async def test_a_page_cursor_in_another_zone_means_the_same_moment() -> None:
    store = make_store()
    for i in range(5):
        store.add(korean_event(1).model_copy(update={"event_id": f"evt_{i}",
                                                     "first_reported_at": T0 + timedelta(minutes=i)}), NOW)
    seoul = (T0 + timedelta(minutes=3)).astimezone(timezone(timedelta(hours=9))).isoformat()
    client = await client_for(store)
    try:
        listed = await (await client.get("/api/events", params={"before": f"{seoul}|zzz"})).json()
        undated = await client.get("/api/events", params={"before": "2024-05-30T21:13:00|zzz"})
        undated_said = (await undated.json())["error"]
        day = await client.get("/", params={"before": "2024-05-30|zzz"})
        year_one = await client.get("/api/events", params={"before": "0001-01-01T00:00:00+09:00|x"})
    finally:
        await client.close()
    assert [e["event_id"] for e in listed] == ["evt_3", "evt_2", "evt_1", "evt_0"]  # 21:13 UTC and before
    assert undated.status == 400 and "with its zone" in undated_said
    assert day.status == 400 and year_one.status == 400


def test_ages_count_whole_units_and_a_launch_is_never_to_come() -> None:
    assert [ago(NOW - timedelta(seconds=s), NOW) for s in (59.6, 3599, 5400, 9060, 86399, 129600)] == [
        "59 s ago", "59 min ago", "1 h ago", "2 h ago", "23 h ago", "1 d ago"]
    assert ago(NOW + timedelta(minutes=8), NOW) == "in 8 min"  # a source's next check
    # A launch stamped by a clock a few minutes fast has just happened, not "in 7 min".
    assert since(NOW + timedelta(minutes=7), NOW) == "just now" and since(NOW - timedelta(minutes=7), NOW) == "7 min ago"


def test_a_state_file_from_before_list_rows_shows_its_events(tmp_path) -> None:
    path = tmp_path / "state.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE web_revisions (event_id TEXT NOT NULL, revision INTEGER NOT NULL, received_at TEXT NOT NULL,
                                    body TEXT NOT NULL, PRIMARY KEY (event_id, revision));
        CREATE TABLE web_events (event_id TEXT PRIMARY KEY, revision INTEGER NOT NULL,
                                 first_reported_at TEXT NOT NULL, body TEXT NOT NULL);""")
    event = korean_event(2)
    conn.execute("INSERT INTO web_events VALUES (?, ?, ?, ?)",
                  (event.event_id, 2, event.first_reported_at.isoformat(), event.model_dump_json()))
    conn.commit()
    conn.close()
    store = EventStore(sqlite3.connect(path))
    rows = store.newest_rows(10)
    assert [(r.event_id, r.revision, r.count, r.source_count) for r in rows] == [(event.event_id, 2, 2, 2)]


async def test_a_new_revision_redraws_the_map_the_same_revision_is_not_redrawn() -> None:
    store = make_store()
    store.add(korean_event(1), NOW)  # no distance yet: no landing point
    client = await client_for(store)
    try:
        first = await (await client.get("/events/evt_0123456789abcdef0123/map.svg")).text()
        again = await (await client.get("/events/evt_0123456789abcdef0123/map.svg")).text()
        png_1 = await (await client.get("/events/evt_0123456789abcdef0123/map.png")).read()
        store.add(korean_event(2), NOW)  # Japan's MoD gives 350 km
        second = await (await client.get("/events/evt_0123456789abcdef0123/map.svg")).text()
        page = await (await client.get("/events/evt_0123456789abcdef0123")).text()
        png_2 = await (await client.get("/events/evt_0123456789abcdef0123/map.png")).read()
    finally:
        await client.close()
    assert first == again and 'class="landing"' not in first
    assert 'class="landing"' in second and 'class="landing"' in page
    assert png_1 != png_2


async def test_without_an_admin_token_deliveries_are_read_only() -> None:
    replayed: list[str] = []

    async def replay(subscription: str, event_id: str) -> tuple[int, int]:
        replayed.append(subscription)
        return 1, 0

    deliveries = lambda: {"counts": {"dead": 1}, "dead": [{"subscription": "ops", "event_id": "evt_x", "revision": 1,
                                                           "reason": "HTTP 500", "at": "2024-05-30T21:15:00"}]}
    client = await client_for(make_store(), deliveries=deliveries, replay=replay, admin_token=None)
    try:
        page = await (await client.get("/deliveries")).text()
        refused = await client.post("/deliveries/replay", data={"letter": "ops", "token": ""})
        refused_text = await refused.text()
    finally:
        await client.close()
    assert "HTTP 500" in page and "<button>Replay" not in page and "Read-only" in page
    assert refused.status == 403 and replayed == []
    assert refused_text == "replaying is off here: it needs [web] admin_token set"


async def test_sources_sort_by_the_column_asked_for_and_by_health_otherwise() -> None:
    rows = [{"name": "Alpha", "url": "https://a.example/rss", "kind": "feed", "error_count": 0, "last_error": None,
             "last_status": 200, "items_per_day": 3, "last_success_at_dt": NOW, "next_check_at_dt": NOW,
             "last_success_at": NOW.isoformat(), "next_check_at": NOW.isoformat()},
            {"name": "beta", "url": "https://b.example/rss", "kind": "page", "error_count": 4, "last_error": "timeout",
             "last_status": None, "items_per_day": 9, "last_success_at_dt": None, "next_check_at_dt": NOW,
             "last_success_at": None, "next_check_at": NOW.isoformat()},
            {"name": "gamma", "url": "https://c.example/rss", "kind": "feed", "error_count": 1,
             "last_error": "http_4xx: HTTP 404 File not found", "last_status": 404, "items_per_day": 0,
             "last_success_at_dt": None, "next_check_at_dt": NOW, "last_success_at": None,
             "next_check_at": NOW.isoformat()}]
    client = await client_for(make_store(), sources=lambda: rows)
    try:
        by_health = await (await client.get("/sources")).text()
        by_name = await (await client.get("/sources?sort=name")).text()
    finally:
        await client.close()
    assert by_health.index("beta") < by_health.index("Alpha")  # failing first
    assert "HTTP 404 File not found</td>" in by_health  # the status said once, not "(HTTP 404)" again
    assert '<td title="—" data-label="Last success">never</td>' in by_health
    assert 'class="failing"' in by_health and "timeout" in by_health
    assert "HTTP 200" not in by_health  # a success is no error: its status is not shown as one
    assert by_name.index("Alpha") < by_name.index("beta")      # case-insensitive name order


async def test_a_sources_page_with_no_source_says_how_to_add_one() -> None:
    client = await client_for(make_store(), sources=lambda: [])
    try:
        page = await (await client.get("/sources")).text()
    finally:
        await client.close()
    assert "No source is configured" in page and "use_default_catalogue" in page


async def test_event_page_states_the_landing_zone_with_its_data_set() -> None:
    store = make_store()
    store.add(korean_event(1), NOW)  # no distance yet: no landing area
    placed = korean_event(2).model_copy(update={"event_id": "evt_japan", "direction": "Japan", "distance_km": 1150.0})
    store.add(placed, NOW)
    store.add(korean_event(2).model_copy(update={"event_id": "evt_sea"}), NOW)  # 350 km into the East Sea
    client = await client_for(store)
    try:
        pages = {name: await (await client.get(f"/events/{name}")).text()
                 for name in ("evt_0123456789abcdef0123", "evt_japan", "evt_sea")}
        svg = await (await client.get("/events/evt_japan/map.svg")).text()
    finally:
        await client.close()

    def zone_row(html: str) -> str:
        start = html.index('data-fact="landing_zone"')
        return html[start:html.index("</tr>", start)]

    assert "no landing area" in zone_row(pages["evt_0123456789abcdef0123"])
    japan = zone_row(pages["evt_japan"])
    assert "inside Japan&#39;s territorial sea or land" in japan
    assert "by the maritime boundaries of geo-maps countries-maritime 0.6.0" in japan and "not EEZs" in japan
    assert "outside any state&#39;s territorial sea" in zone_row(pages["evt_sea"])
    assert 'class="zones"' in svg and "Landing area inside Japan's territorial sea or land" in svg


async def test_deliveries_are_counted_by_outcome_and_say_what_skipped_means() -> None:
    deliveries = lambda: {"counts": {"delivered": 3, "skipped": 16}, "dead": []}
    client = await client_for(make_store(), deliveries=deliveries)
    try:
        page = await (await client.get("/deliveries")).text()
    finally:
        await client.close()
    assert "<h2>By outcome</h2>" in page and "subscription and outcome" not in page
    skipped = page[page.index("<td>skipped</td>"):page.index("</tr>", page.index("<td>skipped</td>"))]
    assert ">16<" in skipped and "nothing to send" in skipped and "filters" in skipped


async def test_a_fact_given_in_other_words_is_no_dissent_and_a_contradiction_is() -> None:
    """"ballistic missile" beside the event's short-range one, a launch time four minutes off:
    the same fact in other words, shown beside its outlets; a time six minutes off (beyond
    the five of `schemas.agreement`) and another count are said otherwise."""
    store = make_store()
    store.add(busy_event(), NOW)
    client = await client_for(store)
    try:
        html = await (await client.get("/events/evt_busy")).text()
    finally:
        await client.close()

    def cells(fact: str) -> tuple[str, str]:
        row = html[html.index(f'data-fact="{fact}"'):html.index("</tr>", html.index(f'data-fact="{fact}"'))]
        given = row[row.index('data-label="Given by"'):row.index('data-label="Said otherwise"')]
        return given, row[row.index('data-label="Said otherwise"'):]

    given, otherwise = cells("kind")
    assert 'as <span class="said">ballistic missile</span>' in given and "said" not in otherwise.split(">", 1)[1]
    given, otherwise = cells("launched_at")
    assert 'as <span class="said">2024-05-30 21:14 UTC</span>' in given and "21:14" not in otherwise
    assert '<span class="said">2024-05-30 21:16 UTC</span>' in otherwise and "21:16" not in given
    assert '<span class="said">1</span>' in cells("count")[1]
    # Another agency credited is no dissent: each outlet says who told it.
    given, otherwise = cells("source_agency")
    assert "South Korean and Japanese officials" in given and "officials" not in otherwise
    # ... credited too, not the same agency in other words.
    assert 'also credited <span class="said">' in given and "as <span" not in given


async def test_a_launch_day_without_its_hour_is_shown_as_that_day_on_the_pages() -> None:
    from datetime import date

    store = make_store()
    day_only = korean_event(2).model_copy(update={"event_id": "evt_day", "launched_on": date(2026, 3, 5)})
    store.add(day_only, NOW)
    client = await client_for(store)
    try:
        listing = await (await client.get("/")).text()
        page = await (await client.get("/events/evt_day")).text()
    finally:
        await client.close()
    # The list shows the day, and how long ago in days, never the estimate's hours.
    assert "2026-03-05 (local date, time not stated)" in listing
    assert day_only.launched_at.strftime("%H:%M UTC") not in listing
    assert 'data-day="2026-03-05">' + days_ago("2026-03-05", NOW) + "</span><br>" in listing
    assert " h ago</span><br>" not in listing
    # ... and when it was first reported, to the minute: what a duty officer can act on.
    first = day_only.first_reported_at.strftime("%Y-%m-%d %H:%M UTC")
    assert "2026-03-05 (local date, time not stated); first reported <time datetime=" in listing and first in listing
    assert "2026-03-05 (local date, time not stated); first reported <time" in page and first in page
    assert day_only.launched_at is not None and day_only.launched_at.strftime("%H:%M UTC") not in page


def test_a_launch_day_ahead_of_utcs_date_is_today_not_tomorrow() -> None:
    # 19:00 UTC on the 6th is 04:00 on the 7th in Seoul: an "early Monday" launch there.
    evening = datetime(2026, 12, 6, 19, 0, tzinfo=timezone.utc)
    assert [days_ago(day, evening) for day in ("2026-12-07", "2026-12-06", "2026-12-05", "2026-12-01")] == [
        "today", "today", "yesterday", "5 d ago"]


async def test_an_event_page_leads_with_what_was_launched_and_when_then_the_facts() -> None:
    store = make_store()
    event = korean_event(2)
    store.add(event, NOW)
    page = await _page(store, f"/events/{event.event_id}")
    h1 = page[page.index("<h1>"):page.index("</h1>")]
    assert "North Korea · " in h1 and event.headline not in h1  # the alerts' words, not one outlet's
    lede = page[page.index('<p class="lede">'):page.index("</p>", page.index('<p class="lede">'))]
    assert event.launched_at.strftime("%Y-%m-%d %H:%M UTC") in lede and event.headline in lede
    assert page.index("Facts and who gave them") < page.index("<h2>Map</h2>")


async def _page(store, path: str) -> str:  # type: ignore[no-untyped-def]
    client = await client_for(store)
    try:
        return await (await client.get(path)).text()
    finally:
        await client.close()


async def test_a_source_giving_the_launch_day_alone_does_not_dissent_from_its_time() -> None:
    from datetime import datetime as dt

    event = korean_event(2)
    day_only = event.sources[0].model_copy(update={"fields": event.sources[0].fields.model_copy(update={
        "launched_at": dt.combine(event.launched_at.date(), dt.min.time(), event.launched_at.tzinfo).replace(hour=12),
        "launched_on": event.launched_at.date()})})
    store = make_store()
    store.add(event.model_copy(update={"event_id": "evt_days", "sources": [day_only, *event.sources[1:]]}), NOW)
    html = await _page(store, "/events/evt_days")
    row = html[html.index('data-fact="launched_at"'):html.index("</tr>", html.index('data-fact="launched_at"'))]
    otherwise = row[row.index('data-label="Said otherwise"'):]
    assert "time not stated" not in otherwise and "time not stated" in row


async def test_an_event_page_lists_its_reports_in_the_order_they_were_published() -> None:
    store = make_store()
    event = busy_event()
    shuffled = list(reversed(event.sources))
    store.add(event.model_copy(update={"event_id": "evt_order", "sources": shuffled}), NOW)
    html = await _page(store, "/events/evt_order")
    listed = html[html.index('<ol class="sources">'):html.index("</ol>", html.index('<ol class="sources">'))]
    times = [t[:t.index('"')] for t in listed.split('datetime="')[1:]]
    assert len(times) == len(event.sources) and times == sorted(times)


async def test_a_site_named_in_korean_is_the_english_sites_other_wording_and_another_site_dissents() -> None:
    event = korean_event(2, launch_site="the Sunan area")

    def site(source, said):  # type: ignore[no-untyped-def]
        return source.model_copy(update={"fields": source.fields.model_copy(update={"launch_site": said})})

    korean, *rest = event.sources
    store = make_store()
    store.add(event.model_copy(update={"event_id": "evt_sites", "sources": [site(korean, "평양 순안 일대"), *rest]}), NOW)
    store.add(event.model_copy(update={"event_id": "evt_two_sites", "sources": [site(korean, "원산 일대"), *rest]}), NOW)

    def cells(html: str) -> tuple[str, str]:
        row = html[html.index('data-fact="launch_site"'):html.index("</tr>", html.index('data-fact="launch_site"'))]
        return (row[row.index('data-label="Given by"'):row.index('data-label="Said otherwise"')],
                row[row.index('data-label="Said otherwise"'):])

    given, otherwise = cells(await _page(store, "/events/evt_sites"))
    assert "평양 순안 일대" in given and "평양" not in otherwise
    given, otherwise = cells(await _page(store, "/events/evt_two_sites"))
    assert "원산 일대" in otherwise and "원산" not in given


def aimed(source, direction: str):  # type: ignore[no-untyped-def]
    """`source` as a report that names `direction`."""
    return source.model_copy(update={"fields": source.fields.model_copy(update={"direction": direction})})


def direction_row(html: str) -> tuple[str, str, str]:
    """The event page's direction row: its value, "Given by" and "Said otherwise" cells."""
    row = html[html.index('data-fact="direction"'):html.index("</tr>", html.index('data-fact="direction"'))]
    given, otherwise = row.index('data-label="Given by"'), row.index('data-label="Said otherwise"')
    return row[:given], row[given:otherwise], row[otherwise:]


async def test_a_city_in_the_state_an_event_names_as_its_target_is_no_dissent_and_another_state_is() -> None:
    event = korean_event(2).model_copy(update={"direction": "Ukraine"})
    first, second = event.sources
    store = make_store()
    store.add(event.model_copy(update={"event_id": "evt_kyiv", "sources": [aimed(first, "Kyiv"),
                                                                           aimed(second, "Israel")]}), NOW)
    _, given, otherwise = direction_row(await _page(store, "/events/evt_kyiv"))
    assert "Kyiv" in given and "Kyiv" not in otherwise
    assert "Israel" in otherwise and "Israel" not in given


async def test_a_fact_value_carries_the_language_its_reports_wrote_it_in() -> None:
    event = korean_event(2)
    english, japanese = event.sources
    store = make_store()
    store.add(event.model_copy(update={"event_id": "evt_langs", "sources": [aimed(english, "East Sea"),
                                                                            aimed(japanese, "日本海")]}), NOW)
    store.add(event.model_copy(update={"event_id": "evt_held_ja", "direction": "日本海", "sources": [
        aimed(japanese, "日本海"), aimed(english, "Yellow Sea")]}), NOW)
    row = "".join(direction_row(await _page(store, "/events/evt_langs")))
    assert '<span class="said" lang="ja">日本海</span>' in row  # (Japanese glyphs, a Japanese reading)
    assert 'lang="en"' not in row  # an English name, a figure: the page's own language
    value, _, _ = direction_row(await _page(store, "/events/evt_held_ja"))
    assert '&#34;<span lang="ja">日本海</span>&#34; (in Japanese)' in value


async def test_an_event_page_says_which_subscriptions_got_each_revision_from_the_notify_ledger() -> None:
    import sqlite3

    from services.notify.ledger import Ledger
    from services.web.worker import event_deliveries

    conn = sqlite3.connect(":memory:", isolation_level=None)
    ledger = Ledger(conn)
    event = korean_event(2)
    for subscription, revision, kind in (("duty-slack", 1, "alert"), ("duty-slack", 2, "update"),
                                         ("analysts-hook", 1, "alert")):
        ledger.mark_pending(subscription=subscription, event_id=event.event_id, revision=revision,
                            delivery_id=f"dlv-{subscription}-{revision}", kind=kind, changed=(), previous={}, facts={})
    ledger.mark_delivered("duty-slack", event.event_id, 1, attempts=1, remote_ref=None)
    ledger.mark_skipped(subscription="quiet-mail", event_id=event.event_id, revision=2, delivery_id="dlv-quiet-2",
                        reason="no_meaningful_change")
    ledger.mark_dead("analysts-hook", event.event_id, 1, attempts=5, reason="HTTP 500 from receiver",
                     event_json=event.model_dump_json())
    store = make_store()
    store.add(event, NOW)
    store.add(korean_event(2).model_copy(update={"event_id": "evt_quiet"}), NOW)
    client = await client_for(store, event_deliveries=lambda event_id: event_deliveries(conn, event_id))
    try:
        html = await (await client.get(f"/events/{event.event_id}")).text()
        quiet = await (await client.get("/events/evt_quiet")).text()
        fragment = await (await client.get(f"/events/{event.event_id}?fragment=1")).text()
    finally:
        await client.close()
    table = html[html.index('id="event-deliveries"'):html.index("</table>", html.index('id="event-deliveries"'))]
    rows = table.split("<tr class=")[1:]
    # What failed or is owed first, then what was delivered, then what was skipped, in words.
    assert [row.split('"')[1] for row in rows] == ["delivery-dead", "delivery-pending", "delivery-delivered",
                                                   "delivery-skipped"]
    assert "analysts-hook" in rows[0] and "dead: HTTP 500 from receiver" in rows[0]
    assert "duty-slack" in rows[1] and ">2<" in rows[1] and "update" in rows[1]
    assert "duty-slack" in rows[2] and ">1<" in rows[2]
    assert "quiet-mail" in rows[3] and "skipped: nothing it cares about changed" in rows[3]
    assert 'id="event-deliveries"' in fragment  # the live body keeps the section
    assert "No delivery of this event yet" in quiet
    # A process without the ledger (ingest and classify alone) has no such section.
    assert "Deliveries</h2>" not in await _page(store, f"/events/{event.event_id}")


def test_a_next_check_in_the_past_reads_as_overdue_not_as_a_time_ago() -> None:
    """"Next check: 36 s ago" on every source looked normal while nothing was polling."""
    from datetime import timedelta

    from services.web.app import next_check

    def shown(moment):
        return next_check(moment, NOW).striptags()

    assert shown(NOW + timedelta(minutes=5)) == "in 5 min"
    assert shown(NOW - timedelta(seconds=3)) == "due now"
    assert shown(NOW - timedelta(seconds=36)) == "overdue by 36 s"
    assert shown(None) == "—"


async def test_a_count_known_only_before_the_events_count_is_said_earlier_and_a_later_one_dissents() -> None:
    """The flashes' "a missile" before the reports of two read as outlets disagreeing."""
    from datetime import timedelta

    event = korean_event(2)  # Yonhap's flash counts 1; Japan's MoD, 16 minutes later, 2
    late = event.sources[0].model_copy(update={"item_id": "i3", "feed": "Late Wire",
                                               "published_at": event.sources[1].published_at + timedelta(hours=1)})
    store = make_store()
    store.add(event.model_copy(update={"event_id": "evt_flash"}), NOW)
    store.add(event.model_copy(update={"event_id": "evt_late", "sources": [*event.sources, late]}), NOW)

    def otherwise(html: str) -> str:
        row = html[html.index('data-fact="count"'):html.index("</tr>", html.index('data-fact="count"'))]
        return row[row.index('data-label="Said otherwise"'):]

    flash = otherwise(await _page(store, "/events/evt_flash"))
    assert 'earlier, before the reports of 2: <span class="said">1</span>: Yonhap' in flash
    late_row = otherwise(await _page(store, "/events/evt_late"))  # said again after the 2: a dissent
    assert '<span class="said">1</span>:' in late_row and "Late Wire" in late_row and "earlier" not in late_row


async def test_a_value_the_event_does_not_hold_is_reported_not_taken_not_said_otherwise() -> None:
    """An event the events stage gave no launch time, whose one report gave a day: the page
    called the only report a dissent from an empty value."""
    from datetime import date

    from schemas.models import LaunchFields

    told = korean_event(1).sources[0]
    told = told.model_copy(update={"fields": told.fields.model_copy(update={
        "launched_at": T0 - timedelta(days=2), "launched_on": date(2024, 5, 28)})})
    event = korean_event(1).model_copy(update={"launched_at": None, "launched_on": None, "sources": [told]})
    assert isinstance(told.fields, LaunchFields)
    store = make_store()
    store.add(event, NOW)
    client = await client_for(store)
    try:
        html = await (await client.get(f"/events/{event.event_id}")).text()
    finally:
        await client.close()
    row = html[html.index('data-fact="launched_at"'):html.index("</tr>", html.index('data-fact="launched_at"'))]
    said_otherwise = row[row.index('data-label="Said otherwise"'):]
    assert "reported, not taken for this event" in said_otherwise and "2024-05-28" in said_otherwise
    assert said_otherwise.index("reported, not taken") < said_otherwise.index("2024-05-28")


async def test_a_path_too_long_for_a_file_name_or_a_form_in_no_known_charset_is_no_server_error() -> None:
    client = await client_for(make_store())
    try:
        with capture_logs() as logs:
            long_name = await client.get("/static/" + "a" * 300)
            odd_form = await client.post("/deliveries/replay", data=b"token=x", headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=nonexistent"})
        assert (long_name.status, odd_form.status) == (404, 400)
        assert not [line for line in logs if line.get("log_level") == "error"]
    finally:
        await client.close()


async def test_a_trailing_slash_leads_to_the_page() -> None:
    store = make_store()
    store.add(korean_event(2), NOW)
    client = await client_for(store)
    try:
        moved = await client.get("/events/evt_0123456789abcdef0123/", allow_redirects=False)
        followed = await client.get("/events/evt_0123456789abcdef0123/")
        followed_text = await followed.text()
        unknown = await client.get("/events/evt_nope/")
    finally:
        await client.close()
    assert moved.status == 308 and moved.headers["Location"] == "/events/evt_0123456789abcdef0123"
    assert followed.status == 200 and "North Korea" in followed_text
    assert unknown.status == 404


def test_the_replay_notice_tells_every_outcome_a_replay_has() -> None:
    from dataclasses import fields

    from services.notify.dlq import ReplayResult
    from services.web.app import REPLAY_OUTCOMES

    assert set(REPLAY_OUTCOMES) == {f.name for f in fields(ReplayResult)}


async def test_a_corrected_event_that_was_confirmed_says_both_in_the_list_and_on_its_page() -> None:
    """"corrected" replaced "confirmed": a duty officer could not tell a confirmed launch whose
    count was corrected from a rumour. Both badges show; a corrected rumour shows one."""
    from html.parser import HTMLParser

    class Badges(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []
            self._in = False

        def handle_starttag(self, tag, attrs):  # noqa: ANN001
            self._in = tag == "span" and "badge" in (dict(attrs).get("class") or "")

        def handle_data(self, data):  # noqa: ANN001
            if self._in:
                self.found.append(data)
                self._in = False

    def badges(html: str) -> list[str]:
        parser = Badges()
        parser.feed(html)
        return parser.found

    store = make_store()
    confirmed = korean_event(3).model_copy(update={"status": "corrected", "confirmed": True})
    rumour = korean_event(3).model_copy(update={"event_id": "evt_rumour", "status": "corrected", "confirmed": False})
    for event in (confirmed, rumour):
        store.add(event, event.updated_at)
    assert badges(await _page(store, f"/events/{confirmed.event_id}")) == ["corrected", "confirmed"]
    assert badges(await _page(store, "/events/evt_rumour")) == ["corrected"]
    listed = badges(await _page(store, "/"))
    assert sorted(listed) == ["confirmed", "corrected", "corrected"]


async def test_the_list_tells_a_tally_of_several_classes_as_the_event_page_does() -> None:
    """"hypersonic missile" beside "81" read as 81 hypersonic missiles, where the event page
    and the alerts said 81 missiles including hypersonic ones."""
    from schemas import EventSource, LaunchFields

    report = EventSource(item_id="r", feed="Wire", url="https://example.org/r", title="Russia fires 81 missiles",
                         fields=LaunchFields(actor="RUS", kind="hypersonic", count=81), count_of_classes=True)
    store = make_store()
    store.add(korean_event(3).model_copy(update={"actor": "RUS", "kind": "hypersonic", "count": 81,
                                                  "direction": "Ukraine", "sources": [report]}), NOW)
    page = await _page(store, "/")
    assert '<td class="num" data-label="Count">81 missiles in all</td>' in page
    # A row stored before the list knew tallies is written again when the store opens; a
    # row of a later version (a key this one does not know) is still read.
    conn = store._conn
    (row,) = conn.execute("SELECT list_row FROM web_events").fetchone()
    older = {k: v for k, v in json.loads(row).items() if k != "count_text"}
    conn.execute("UPDATE web_events SET list_row = ?", (json.dumps(older),))
    assert '<td class="num" data-label="Count">81 missiles in all</td>' in await _page(EventStore(conn), "/")
    later = {**json.loads(row), "a_later_key": 1}
    conn.execute("UPDATE web_events SET list_row = ?", (json.dumps(later),))
    assert '<td class="num" data-label="Count">81 missiles in all</td>' in await _page(EventStore(conn), "/")


async def test_a_browser_gets_a_refusal_as_a_page_with_a_way_back() -> None:
    """A stale link from an alert (an event this server does not hold), a mistyped path or a
    bad cursor gave a browser bare text and no navigation."""
    store = make_store()
    client = await client_for(store)
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    try:
        answers = {}
        for path in ("/events/evt_nope", "/nonexistent", "/?before=garbage"):
            response = await client.get(path, headers=browser)
            answers[path] = (response.status, response.content_type, await response.text())
        plain = await client.get("/events/evt_nope", headers={"Accept": "*/*"})
        plain_answer = (plain.status, plain.content_type, await plain.text())
        posted = await client.post("/", headers=browser)  # a 405 names what is allowed, as HTTP asks
        posted_answer = (posted.status, posted.content_type, posted.headers.get("Allow"))
        long_static = await client.get("/static/" + "x" * 300, headers=browser)
        long_static_answer = (long_static.status, long_static.content_type)
    finally:
        await client.close()
    assert posted_answer[:2] == (405, "text/html") and "GET" in (posted_answer[2] or "")
    assert long_static_answer == (404, "text/html")
    status, content_type, html = answers["/events/evt_nope"]
    assert (status, content_type) == (404, "text/html")
    assert "<h1>404 Not Found</h1>" in html and "no event &#39;evt_nope&#39;" in html and '<a href="/">' in html
    assert answers["/nonexistent"][:2] == (404, "text/html")
    assert answers["/?before=garbage"][0] == 400 and "before: expected" in answers["/?before=garbage"][2]
    assert plain_answer == (404, "text/plain", "no event 'evt_nope'")  # curl and scripts: as before


async def test_the_sources_page_says_when_no_ingest_is_polling() -> None:
    """With no ingest running every row said "overdue by N min" in a row styled as fine, and
    nothing at the top said that nothing was being polled."""
    from datetime import timedelta as td

    def row(name: str, late_min: float, errors: int = 0) -> dict:
        due = NOW - td(minutes=late_min)
        return {"name": name, "url": f"https://{name}.example/rss", "kind": "feed", "error_count": errors,
                "last_error": "timeout" if errors else None, "last_status": None, "items_per_day": 1,
                "last_success_at_dt": NOW, "next_check_at_dt": due, "last_success_at": NOW.isoformat(),
                "next_check_at": due.isoformat()}

    polled = [row("alpha", 0.5), row("beta", 20), row("gamma", 1, errors=2)]
    stopped = [row("alpha", 30), row("beta", 40)]
    client = await client_for(make_store(), sources=lambda: rows)
    try:
        rows = polled
        some = await (await client.get("/sources")).text()
        rows = stopped
        none = await (await client.get("/sources")).text()
    finally:
        await client.close()
    assert "3 sources · 1 failing · 1 more than 5 min overdue: no ingest stage is polling them" in some
    assert "(is one running on this state?)" not in some
    assert some.index("gamma") < some.index("beta") < some.index("alpha")  # failing, overdue, then the rest
    assert some.count('class="overdue"') == 1
    assert "2 sources · 0 failing · 2 more than 5 min overdue" in none and "(is one running on this state?)" in none


async def test_a_revision_caused_by_a_report_not_listed_says_so() -> None:
    """Past the sources an event keeps, a new report's revision said only "changed: sources",
    with no "because of", and no report behind it to be found on the page."""
    store = make_store()
    first = korean_event(3).model_copy(update={"sources_omitted": 4})
    store.add(first, NOW)
    store.add(first.model_copy(update={"revision": 4, "sources_omitted": 5, "changes": ["sources"]}), NOW)
    page = await _page(store, f"/events/{first.event_id}")
    step = page[page.index("<strong>Revision 4</strong>"):page.index("<strong>Revision 3</strong>")]
    assert "because of: 1 report not listed here" in step
