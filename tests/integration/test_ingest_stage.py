"""The ingest stage over the in-memory bus against a real feed site on loopback
(`tests/integration/feedsite.py`; the `site` and `http` fixtures are in conftest.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from structlog.testing import capture_logs

from schemas import FeedItem
from services.ingest.worker import IngestStage, build_stage
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from services.config import Settings
from tests.integration.feedsite import Doc, FeedSite, rss

T0 = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def settings_for(site: FeedSite, tmp_path, *, paths=("/wire.xml",), allow_private=True, **ingest) -> Settings:
    return Settings.model_validate({
        "state": {"path": str(tmp_path / "state.db")},
        "ingest": {"allow_private_networks": allow_private, "per_host_spacing_s": 0, **ingest},
        "feeds": [{"url": site.url(p), "name": f"Loopback {p}", "interval_s": 60} for p in paths],
    })


async def make_stage(settings: Settings, bus: MemoryBus, http, clock) -> tuple[IngestStage, StageContext]:
    ctx = StageContext(settings, bus, http, clock=clock)
    return await build_stage(ctx), ctx


def published(bus: MemoryBus) -> list[FeedItem]:
    return [FeedItem.from_bytes(r.value) for r in bus.records("launchwatch.items")]


async def test_an_item_flapping_between_two_texts_is_published_once_per_text_across_a_restart(site, http, tmp_path):
    """A source whose item swings between two headlines at every request (an A/B test, a
    count that goes back and forth) would make each swing news again for every subscriber."""
    two, five = "North Korea fires two ballistic missiles", "North Korea fires five ballistic missiles"
    bus, clock = MemoryBus(), Clock()
    settings = settings_for(site, tmp_path)
    stage, ctx = await make_stage(settings, bus, http, clock)
    with capture_logs() as logs:
        for title in (two, five, two, five, two):
            site.docs["/wire.xml"] = Doc(rss([("g1", title)]))
            clock.advance(60)
            await stage.poll_all()
    ctx.close()
    assert [(i.revision, i.title) for i in published(bus)] == [(1, two), (2, five)]
    flaps = [line for line in logs if line["event"] == "item_flapping"]
    assert [(line["feed"], line["revision"]) for line in flaps] == [("Loopback /wire.xml", 2)]  # logged once

    # After a restart the earlier text is still known; a text never seen is news.
    stage, ctx = await make_stage(settings, bus, http, clock)
    for title in (two, "North Korea fires five missiles, one failed", two):
        site.docs["/wire.xml"] = Doc(rss([("g1", title)]))
        clock.advance(60)
        await stage.poll_all()
    ctx.close()
    assert [(i.revision, i.title) for i in published(bus)][2:] == [(3, "North Korea fires five missiles, one failed")]


async def test_items_published_once_304_restart_and_corrected_headline(site, http, tmp_path):
    site.docs["/wire.xml"] = Doc(rss([("a2", "North Korea fires missile"), ("a1", "Markets open")]))
    bus = MemoryBus()
    clock = Clock()
    settings = settings_for(site, tmp_path)
    stage, ctx = await make_stage(settings, bus, http, clock)

    with capture_logs() as logs:
        (first,) = await stage.poll_all()
    assert first.status == 200 and first.new_items == 2
    items = published(bus)
    assert [i.title for i in items] == ["Markets open", "North Korea fires missile"]  # oldest first
    assert {i.revision for i in items} == {1}
    assert all(r.key == i.item_id.encode() for r, i in zip(bus.records("launchwatch.items"), items))
    assert items[0].url == site.url("/news/a1") and items[0].published_at is None
    assert items[0].first_seen_at == T0
    lines = [l for l in logs if l["event"] == "item_published"]
    assert sorted(l["item_id"] for l in lines) == sorted(i.item_id for i in items)
    assert all(l["feed"] == "Loopback /wire.xml" and l["title"] for l in lines)
    polled = [l for l in logs if l["event"] == "feed_polled"]
    assert polled[0]["status"] == 200 and polled[0]["items"] == 2 and polled[0]["new_items"] == 2
    assert "duration_ms" in polled[0]

    # Second poll: the site answers 304 to the stored ETag; nothing new.
    clock.advance(60)
    (second,) = await stage.poll_all()
    assert second.status == 304 and second.new_items == 0
    assert site.requests[-1][1].get("If-None-Match")
    assert len(published(bus)) == 2

    # Restart: a new stage on the same state file. Even when the site ignores validators
    # (here: the ETag changes because the channel title changed) nothing is published twice.
    ctx.close()
    site.docs["/wire.xml"] = Doc(rss([("a2", "North Korea fires missile"), ("a1", "Markets open")], title="Renamed"))
    stage2, ctx2 = await make_stage(settings, bus, http, clock)
    (third,) = await stage2.poll_all()
    assert third.status == 200 and third.new_items == 0
    assert len(published(bus)) == 2

    # A corrected headline: same item_id, revision 2, first-seen time kept.
    clock.advance(60)
    site.docs["/wire.xml"] = Doc(rss([("a2", "North Korea fires two ballistic missiles"), ("a1", "Markets open")]))
    with capture_logs() as logs:
        (fourth,) = await stage2.poll_all()
    assert fourth.new_items == 1
    update = published(bus)[-1]
    original = published(bus)[1]
    assert update.item_id == original.item_id and update.revision == 2
    assert update.title == "North Korea fires two ballistic missiles"
    assert update.first_seen_at == T0
    assert [l["revision"] for l in logs if l["event"] == "item_published"] == [2]
    ctx2.close()


async def test_private_address_refused_unless_allowed(site, http, tmp_path):
    site.docs["/wire.xml"] = Doc(rss([("a1", "Hello")]))
    bus = MemoryBus()
    stage, ctx = await make_stage(settings_for(site, tmp_path, allow_private=False), bus, http, Clock())
    with capture_logs() as logs:
        (outcome,) = await stage.poll_all()
    assert outcome.error == "blocked_address"
    assert site.requests == []  # refused before connecting
    failed = [l for l in logs if l["event"] == "feed_failed"]
    assert failed and failed[0]["error"] == "blocked_address" and "127.0.0.1" in failed[0]["message"]
    assert published(bus) == []
    ctx.close()


async def test_redirect_to_private_address_is_refused(site, http):
    """Each redirect hop is checked: a feed that passed the check cannot bounce ingest onto a
    private address. The site stands in for a public host (its 127.0.0.1 is let through);
    the redirect goes to `localhost`, which the real check resolves and refuses."""
    from services.ingest.errors import BlockedAddress
    from services.ingest.fetcher import check_host, fetch

    async def site_is_public(host: str, port: int):
        return [host] if (host, port) == ("127.0.0.1", site.port) else await check_host(host, port)

    site.docs["/private.xml"] = Doc(rss([("s1", "secret")]))
    site.redirects["/go"] = (302, f"http://localhost:{site.port}/private.xml")
    with pytest.raises(BlockedAddress, match="localhost resolves to .*not a public address"):
        await fetch(http, site.url("/go"), host_check=site_is_public)
    assert [p for p, _ in site.requests] == ["/go"]  # the private target was never requested


async def test_page_source_publishes_its_links(site, http, tmp_path):
    from pathlib import Path

    from services.ingest.settings import IngestSettings
    from services.ingest.sources import Source
    from services.ingest.state import IngestState
    from services.runtime.db import connect

    page = (Path(__file__).resolve().parents[1] / "data" / "feeds" / "page-press-releases.html").read_bytes()
    site.docs["/press/"] = Doc(page, "text/html; charset=utf-8")
    bus = MemoryBus()
    source = Source(url=site.url("/press/"), name="MoD press", interval_s=300, kind="agency", country="JP",
                    selector="ul.news-list li.item")
    stage = IngestStage(sources=[source], http=http, producer=bus.producer(), items_topic="launchwatch.items",
                        state=IngestState(connect(tmp_path / "s.db")),
                        settings=IngestSettings(allow_private_networks=True), clock=Clock())
    (outcome,) = await stage.poll_all()
    assert outcome.new_items == 3
    items = published(bus)
    assert {i.title for i in items} == {"北朝鮮の弾道ミサイル発射について（第２報）", "北朝鮮の弾道ミサイル発射について",
                                        "大臣臨時記者会見"}
    assert all(i.source_kind == "agency" and i.lang == "ja" and i.published_at is None for i in items)
    (again,) = await stage.poll_all()
    assert again.new_items == 0


def test_page_selector_is_checked_at_start_up():
    from services.ingest.settings import PageSettings

    with pytest.raises(ValueError, match="unsupported selector part"):
        PageSettings(url="https://x.example/", name="x", selector="li:nth-child(2)")


async def test_a_failing_bus_loses_nothing_and_repeats_nothing(site, http, tmp_path):
    """Items are remembered only once the bus acknowledged them, and the ETag only once all
    were: after a send fails, the next poll publishes exactly the items that were not sent."""
    from services.ingest.settings import IngestSettings
    from services.ingest.sources import Source
    from services.ingest.state import IngestState
    from services.runtime.db import connect

    class FlakyProducer:
        def __init__(self, fail_after: int) -> None:
            self.sent: list[bytes] = []
            self.fail_after = fail_after

        async def send(self, topic, value, *, key=None, headers=()):
            if len(self.sent) == self.fail_after:
                self.fail_after = -1
                raise ConnectionError("broker unavailable")
            self.sent.append(key)

    site.docs["/wire.xml"] = Doc(rss([("c", "three"), ("b", "two"), ("a", "one")]))
    producer = FlakyProducer(fail_after=1)
    stage = IngestStage(sources=[Source(url=site.url("/wire.xml"), name="w")], http=http, producer=producer,
                        items_topic="launchwatch.items", state=IngestState(connect(tmp_path / "s.db")),
                        settings=IngestSettings(allow_private_networks=True), clock=Clock())
    with capture_logs() as logs:
        (first,) = await stage.poll_all()
    assert first.error == "publish_failed" and len(producer.sent) == 1
    # The bus's fault, not the feed's: said as such, and the source's error count stands.
    assert [l["error"] for l in logs if l["event"] == "publish_failed"] == ["ConnectionError"]
    assert not [l for l in logs if l["event"] == "feed_failed"]
    assert stage._state.source(site.url("/wire.xml")).error_count == 0
    (second,) = await stage.poll_all()
    assert second.status == 200  # no ETag was stored, so the document came again
    assert second.new_items == 2 and len(producer.sent) == len(set(producer.sent)) == 3


async def test_items_long_gone_from_their_feed_are_forgotten(site, http, tmp_path):
    from services.ingest.state import IngestState
    from services.runtime.db import connect

    site.docs["/wire.xml"] = Doc(rss([("old", "Old story"), ("kept", "Still listed")]))
    site.docs["/quiet.xml"] = Doc(rss([("q", "Quiet source")]))
    bus = MemoryBus()
    clock = Clock()
    settings = settings_for(site, tmp_path, paths=("/wire.xml", "/quiet.xml"), item_retention_days=30)
    stage, ctx = await make_stage(settings, bus, http, clock)
    await stage.poll_all()
    clock.advance(20 * 86400)
    site.docs["/wire.xml"] = Doc(rss([("kept", "Still listed")]))  # "old" drops out of the feed
    outcomes = await stage.poll_all()
    assert [o.status for o in outcomes] == [200, 304]  # the quiet source answers 304 all along
    clock.advance(15 * 86400)
    stage._pruned_at = None
    with capture_logs() as logs:
        stage._prune()
    assert [l["items"] for l in logs if l["event"] == "items_forgotten"] == [1]
    state = IngestState(connect(tmp_path / "state.db"))
    ids = [i.item_id for i in published(bus)]
    assert {i.title for i in published(bus) if i.item_id in state.known_items(ids)} == {"Still listed", "Quiet source"}
    ctx.close()


async def test_a_feed_read_past_broken_xml_publishes_what_it_reads_and_warns_where_it_broke(site, http, tmp_path):
    # A bare "&" breaks the XML: its item is still published, and the poll says at warning level why.
    site.docs["/wire.xml"] = Doc(b'<rss version="2.0"><channel><title>A & B</title><item><guid>g1</guid>'
                                 b'<title>Missile fired</title><link>https://x.example/1</link></item></channel></rss>')
    bus = MemoryBus()
    stage, _ = await make_stage(settings_for(site, tmp_path), bus, http, Clock())
    with capture_logs() as logs:
        (outcome,) = await stage.poll_all()
    assert outcome.new_items == 1 and [i.title for i in published(bus)] == ["Missile fired"]
    (polled,) = [line for line in logs if line["event"] == "feed_polled"]
    assert polled["log_level"] == "warning" and polled["damaged"].startswith("not well-formed XML at line ")


async def test_a_source_flooding_new_entries_publishes_its_budget_and_no_one_elses(site, http, tmp_path):
    """A source listing 50 new entries at every poll, against a budget of 20 an hour: it
    publishes its 20 newest and holds the rest back, while another source is untouched;
    what was held back and is still listed comes when the budget has refilled."""
    site.docs["/flood.xml"] = Doc(rss([(f"f{n:02d}", f"Flood entry {n}") for n in range(50, 0, -1)]))
    site.docs["/wire.xml"] = Doc(rss([("a1", "North Korea fires ballistic missile")]))
    bus = MemoryBus()
    clock = Clock()
    settings = settings_for(site, tmp_path, paths=("/flood.xml", "/wire.xml"), max_items_per_source_hour=20)
    stage, ctx = await make_stage(settings, bus, http, clock)
    with capture_logs() as logs:
        await stage.poll_all()
    titles = [i.title for i in published(bus)]
    assert "North Korea fires ballistic missile" in titles
    flood = [t for t in titles if t.startswith("Flood")]
    assert flood == [f"Flood entry {n}" for n in range(31, 51)]  # the newest 20, oldest first
    (throttled,) = [line for line in logs if line["event"] == "source_throttled"]
    assert throttled["feed"] == "Loopback /flood.xml" and throttled["held_back"] == 30 and throttled["published"] == 20

    # Six minutes on, two more of the budget: the next two newest still listed, though the
    # document is unchanged (it is fetched whole again, not answered 304).
    clock.advance(360)
    (outcome, _) = await stage.poll_all()
    assert outcome.status == 200
    assert [i.title for i in published(bus)][len(titles):] == ["Flood entry 29", "Flood entry 30"]
    ctx.close()


async def test_a_run_with_no_source_at_all_says_so_as_a_warning(http, tmp_path):
    settings = Settings.model_validate({"state": {"path": str(tmp_path / "state.db")},
                                        "ingest": {"use_default_catalogue": False}})
    with capture_logs() as logs:
        stage, ctx = await make_stage(settings, MemoryBus(), http, Clock())
    ctx.close()
    (loaded,) = [line for line in logs if line["event"] == "sources_loaded"]
    assert loaded["log_level"] == "warning" and loaded["sources"] == 0 and "nothing will be polled" in loaded["message"]


def test_a_state_file_from_before_earlier_hashes_keeps_its_items(tmp_path):
    from services.ingest.state import IngestState
    from services.runtime.db import connect

    db = connect(tmp_path / "state.db")
    db.execute("CREATE TABLE ingest_items (item_id TEXT PRIMARY KEY, source_key TEXT NOT NULL, content_hash TEXT"
               " NOT NULL, revision INTEGER NOT NULL, first_seen_at TEXT NOT NULL, published_at REAL NOT NULL,"
               " last_seen_at REAL NOT NULL)")
    db.execute("INSERT INTO ingest_items VALUES ('i1', 'https://x/feed', 'h1', 3, ?, 1.0, 1.0)", (T0.isoformat(),))
    known = IngestState(db).known_items(["i1"])["i1"]
    assert (known.content_hash, known.revision, known.earlier_hashes) == ("h1", 3, "")
    assert not known.is_flap("h2") and known.earlier_after() == "h1"


async def test_keys_no_longer_read_are_said_so_once_at_start(site, http, tmp_path):
    settings = settings_for(site, tmp_path, parse_threads=4, metrics_listen="127.0.0.1:9100")
    stage, ctx = await make_stage(settings, MemoryBus(), http, Clock())
    try:
        with capture_logs() as logs:
            await stage.start_servers()
    finally:
        await stage.stop_servers()
        ctx.close()
    assert sorted(line["key"] for line in logs if line["event"] == "config_deprecated") == [
        "ingest.metrics_listen", "ingest.parse_threads"]
