"""The demo: its feed server on loopback, and its launch morning through classification,
clustering and a subscriber's alert decisions."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import aiohttp
import pytest

from schemas import FeedItem
from services.classify.classifier import classify
from services.events.clusterer import Clusterer
from services.demo import start_demo_feeds
from services.demo.feeds import schedule
from services.demo.morning import FEEDS, ITEMS
from services.demo.replay import replay
from services.notify.settings import SubscriptionSettings


class Ticker:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def fetch_items(session: aiohttp.ClientSession, url: str) -> list[ET.Element]:
    async with session.get(url) as response:
        assert response.status == 200
        root = ET.fromstring(await response.text())
    return root.findall("./channel/item")


async def test_demo_feeds_release_the_morning_over_compressed_time():
    ticker = Ticker()
    demo = await start_demo_feeds(60.0, monotonic=ticker)
    base_url, feeds, stop = demo
    try:
        assert base_url.startswith("http://127.0.0.1:")
        assert {f["name"] for f in feeds} == {f.name for f in FEEDS}
        assert all(set(f) == {"name", "url", "interval_s", "lang", "kind", "country", "timezone"} for f in feeds)
        async with aiohttp.ClientSession() as session:
            at_start = [i for f in feeds for i in await fetch_items(session, f["url"])]
            assert 0 < len(at_start) < len(ITEMS)
            assert not any("Korea" in i.findtext("title") for i in at_start)  # the launch is still ahead
            ticker.now = demo.duration_s
            everything = [i for f in feeds for i in await fetch_items(session, f["url"])]
            assert len(everything) == len(ITEMS)
            guids = [i.findtext("guid") for i in everything]
            assert len(set(guids)) == len(guids)
            # The texts name the launch time the feeds' dates agree with.
            launch_kst = demo.launch_at.astimezone(timezone(timedelta(hours=9)))
            hm = f"{launch_kst.hour % 12 or 12}:{launch_kst.minute:02d}"
            assert any(hm in (i.findtext("description") or "") for i in everything)

            url = feeds[0]["url"]
            async with session.get(url, headers={"Accept-Encoding": "gzip"}, auto_decompress=False) as response:
                assert response.headers["Content-Encoding"] == "gzip"
                etag = response.headers["ETag"]
            async with session.get(url, headers={"If-None-Match": etag}) as response:
                assert response.status == 304
            link = everything[0].findtext("link")
            async with session.get(link) as response:
                assert response.status == 200
            async with session.get(f"{base_url}/feeds/nope.xml") as response:
                assert response.status == 404
    finally:
        await stop()
    with pytest.raises(aiohttp.ClientConnectionError):
        async with aiohttp.ClientSession() as session:
            await session.get(base_url)


def test_schedule_cuts_the_night_and_keeps_the_order():
    start = datetime(2026, 3, 4, 21, 0, tzinfo=timezone.utc)
    launch_at, releases = schedule(start, 60.0, lead_s=10.0, max_quiet_s=1800.0)
    assert launch_at == start + timedelta(seconds=10)
    times = [r.release_s for r in releases]
    assert times == sorted(times)
    # The next-day claim comes at most half an hour (recorded) after the last item before it.
    assert max(b - a for a, b in zip(times, times[1:])) <= 1800.0 / 60 + 1e-9
    with pytest.raises(ValueError, match="speedup"):
        schedule(start, 0)


def demo_items(start: datetime, speedup: float) -> list[tuple[FeedItem, str]]:
    """The demo's releases as ingest would publish them, in release order."""
    _, releases = schedule(start, speedup)
    return [(FeedItem(item_id=f"demo:{r.feed.slug}:{r.number}", feed=r.feed.name, feed_url=f"http://demo/{r.feed.slug}",
                      url=None, title=r.title, summary=r.summary, lang=r.feed.lang, published_at=r.published_at,
                      first_seen_at=r.published_at + timedelta(seconds=1), source_kind=r.feed.kind,
                      source_country=r.feed.country), r.feed.timezone) for r in releases]


@pytest.mark.parametrize("start", [
    datetime(2026, 3, 4, 21, 50, tzinfo=timezone.utc),  # launch at 06:50 KST
    datetime(2026, 3, 5, 13, 0, 7, tzinfo=timezone.utc),  # at 22:00 KST: "on Thursday" is hours off
])
def test_the_demo_morning_through_the_classifier_is_one_event_with_one_alert_and_two_updates(start):
    items = demo_items(start, 60.0)
    clock = {"now": start}

    def now(item: FeedItem) -> datetime:
        clock["now"] = item.first_seen_at
        return item.first_seen_at

    clusterer = Clusterer(sqlite3.connect(":memory:"), lambda: clock["now"])
    sub = SubscriptionSettings(name="ops", channel="console")
    outcome = replay(items, clusterer, sub, min_confidence=0.5, now=now)
    final = outcome.latest()
    assert len(final) == 1, [e.headline for e in final.values()]
    event = next(iter(final.values()))
    assert (event.actor, event.status, event.kind, event.count, event.distance_km, event.apogee_km) == (
        "PRK", "confirmed", "srbm", 2, 350, 50)
    kinds = [d.kind for d in outcome.deliveries]
    assert kinds[0] == "alert" and kinds.count("alert") == 1
    # Two follow-ups with news: two short-range missiles, then distance and apogee. (Notify
    # may also tell a count of 1 where the first flash gave none; that is not news.)
    news = [d.changed for d in outcome.deliveries if d.kind == "update" and not d.only_fills_in_one]
    assert news == [("count", "kind"), ("distance_km", "apogee_km")], outcome.deliveries
    # The first alert goes out with the first launch report, not after the story firms up.
    assert outcome.deliveries[0].item_id == "demo:yonhap-ko:2"


def test_every_demo_item_marked_as_a_launch_report_is_detected_and_no_other():
    # The demo tells what it shows ("23 reports of one launch"): its script must agree with
    # what the classifier finds in each text.
    _, releases = schedule(datetime(2026, 3, 4, 21, 50, tzinfo=timezone.utc), 60.0)
    disagree = [(r.item.launch, r.title) for r in releases
                if classify(r.title, r.summary, lang=r.feed.lang, published_at=r.published_at).is_launch
                != r.item.launch]
    assert disagree == []
    assert sum(r.item.launch for r in releases) == 23


def test_the_demo_ends_soon_after_its_last_update():
    from services.demo.runner import LEAD_S, MAX_QUIET_S, stop_at_s

    start = datetime(2026, 3, 4, 21, 50, tzinfo=timezone.utc)
    speed = 60.0  # the default
    _, releases = schedule(start, speed, lead_s=LEAD_S / speed, max_quiet_s=MAX_QUIET_S)
    items = [(FeedItem(item_id=f"demo:{r.feed.slug}:{r.number}", feed=r.feed.name,
                       feed_url=f"http://demo/{r.feed.slug}", url=None, title=r.title, summary=r.summary,
                       lang=r.feed.lang, published_at=r.published_at, first_seen_at=r.published_at,
                       source_kind=r.feed.kind, source_country=r.feed.country), r.feed.timezone) for r in releases]
    release_s = {item.item_id: r.release_s for (item, _), r in zip(items, releases)}
    clock = {"now": start}

    def now(item: FeedItem) -> datetime:
        clock["now"] = item.first_seen_at
        return item.first_seen_at

    outcome = replay(items, Clusterer(sqlite3.connect(":memory:"), lambda: clock["now"]),
                     SubscriptionSettings(name="ops", channel="console"), min_confidence=0.5, now=now)
    kinds = [d.kind for d in outcome.deliveries if not d.only_fills_in_one]
    assert kinds == ["alert", "update", "update"]
    last_update_s = release_s[outcome.deliveries[-1].item_id]
    ends_s = stop_at_s(max(r.release_s for r in releases))
    assert ends_s - last_update_s <= 30, (last_update_s, ends_s)
    assert ends_s <= 60  # a minute for the whole morning at the default speed
