"""WebSub against a hub served by the test on loopback: discover, subscribe, verify, push
with a signature, refuse forgeries, renew the lease relative to what the hub granted, back off
from a refusing hub, keep pushes flowing through a renewal and across a restart, and poll
more slowly while pushed to.

Time is a fake clock: the lease tests step it one second at a time over simulated hours,
call the renewal step directly and count the requests the real hub receives."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest
from prometheus_client import CollectorRegistry, generate_latest
from aiohttp import web
from structlog.testing import capture_logs

from services.ingest.settings import IngestSettings, WebSubSettings
from services.ingest.sources import Source
from services.ingest.state import IngestState
from services.ingest.websub import verify_signature
from services.ingest.metrics import IngestMetrics
from services.ingest.worker import IngestStage
from services.runtime.db import connect
from services.runtime.memory_bus import MemoryBus
from tests.integration.feedsite import Doc, FeedSite, rss
from tests.integration.test_ingest_stage import Clock, published
from tests.loopback import free_port, serve


class Hub:
    """A WebSub hub: verifies each subscription by a GET to the callback, then can push.

    `grant_s` is the lease it grants (None: the lease asked for); `statuses` lists answers
    to give to the next requests instead of 202 (a status, or (status, Retry-After));
    while `hold` is set, verifications wait for `release()`. `verifying` counts the
    verifications under way (held ones excepted).
    """

    def __init__(self, *, grant_s: int | None = None) -> None:
        self.grant_s = grant_s
        self.statuses: list[int | tuple[int, str]] = []
        self.hold = False
        self._released = asyncio.Event()
        self.subscriptions: list[dict[str, str]] = []
        self.hosts: list[str] = []  # the Host header of each subscription request
        self.verified: list[bool] = []
        self.verifying = 0
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._http: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hub"

    async def start(self) -> "Hub":
        app = web.Application()
        app.router.add_post("/hub", self._subscribe)
        self._runner, self.port = await serve(app, shutdown_timeout=0.1)
        self._http = aiohttp.ClientSession()
        return self

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self._http.close()
        await self._runner.cleanup()

    def release(self) -> None:
        self.hold = False
        self._released.set()

    async def _subscribe(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.subscriptions.append(form)
        self.hosts.append(request.headers.get("Host", ""))
        if self.statuses:
            answer = self.statuses.pop(0)
            status, retry_after = answer if isinstance(answer, tuple) else (answer, None)
            return web.Response(status=status, text=f"refused: hub.secret={form['hub.secret']}",  # as a careless hub might
                                headers={"Retry-After": retry_after} if retry_after else {})
        self.verifying += 1
        task = asyncio.create_task(self._verify(form))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202)

    async def _verify(self, form: dict[str, str]) -> None:
        try:
            await asyncio.sleep(0.01)
            if self.hold:
                self._released.clear()
                self.verifying -= 1
                await self._released.wait()
                self.verifying += 1
            lease_s = str(self.grant_s) if self.grant_s is not None else form["hub.lease_seconds"]
            params = {"hub.mode": "subscribe", "hub.topic": form["hub.topic"], "hub.challenge": "c-123",
                      "hub.lease_seconds": lease_s}
            async with self._http.get(form["hub.callback"], params=params) as resp:
                self.verified.append(resp.status == 200 and await resp.text() == "c-123")
        finally:
            self.verifying -= 1

    async def push(self, body: bytes, *, secret: str | None = None, forged: bool = False,
                   pieces: int = 1, topic: str | None = None) -> int:
        """POST `body` signed to the latest subscription (of `topic`, when given); in
        `pieces` > 1 it goes as a chunked body whose pieces arrive apart, as a large push
        crosses a real network."""
        form = next(s for s in reversed(self.subscriptions) if topic in (None, s["hub.topic"]))
        key = (secret or form["hub.secret"]).encode()
        signature = hmac.new(key, body, hashlib.sha256).hexdigest()
        if forged:
            signature = "0" * 64

        async def in_pieces() -> AsyncIterator[bytes]:
            step = -(-len(body) // pieces)
            for start in range(0, len(body), step):
                yield body[start:start + step]
                await asyncio.sleep(0.05)

        data = body if pieces == 1 else in_pieces()
        async with self._http.post(form["hub.callback"], data=data, headers={
                "Content-Type": "application/rss+xml", "X-Hub-Signature": f"sha256={signature}"}) as resp:
            return resp.status


def feed_with_hub(hub_url: str, topic: str, items) -> bytes:
    doc = rss(items).decode()
    return doc.replace("<channel>", f"<channel xmlns:atom='http://www.w3.org/2005/Atom'>"
                                    f"<atom:link rel='hub' href='{hub_url}'/><atom:link rel='self' href='{topic}'/>",
                       1).encode()


async def wait_until(condition, timeout_s: float = 3.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


@pytest.fixture
async def world(tmp_path):
    site = await FeedSite().start()
    hub = await Hub().start()
    http = aiohttp.ClientSession()
    yield site, hub, http
    await http.close()
    await hub.close()
    await site.close()


def make_stage(site: FeedSite, hub: Hub, http, db_path, clock, *, lease_s: int = 86400, port: int | None = None,
               bus: MemoryBus | None = None, metrics: IngestMetrics | None = None,
               paths: tuple[str, ...] = ("/wire.xml",), max_body_bytes: int = 10 * 1024 * 1024):
    """An ingest stage over `paths` of `site` (each naming `hub`), with WebSub on a free port."""
    port = port or free_port()
    for path in paths:
        if path not in site.docs:
            site.docs[path] = Doc(feed_with_hub(hub.url, site.url(path), [("a1", "Old news")]))
    return IngestStage(
        sources=[Source(url=site.url(path), name=f"Pushed {path}", interval_s=60) for path in paths], http=http,
        producer=(bus or MemoryBus()).producer(), items_topic="launchwatch.items",
        state=IngestState(connect(db_path)),
        settings=IngestSettings(allow_private_networks=True, jitter_ratio=0, max_body_bytes=max_body_bytes),
        clock=clock, rng=random.Random(7), metrics=metrics,
        websub=WebSubSettings(public_url=f"http://127.0.0.1:{port}", listen=f"127.0.0.1:{port}", lease_s=lease_s,
                              poll_interval_s=900),
    )


@asynccontextmanager
async def running(stage: IngestStage) -> AsyncIterator[IngestStage]:
    """The stage with its WebSub and metrics servers up; stopped and closed afterwards."""
    await stage.start_servers()
    try:
        yield stage
    finally:
        await stage.stop_servers()
        stage.close()


@asynccontextmanager
async def subscribed(world, db_path, clock) -> AsyncIterator[IngestStage]:
    """`running`, once a first poll has subscribed the one feed and the hub has verified it."""
    site, hub, http = world
    async with running(make_stage(site, hub, http, db_path, clock)) as stage:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        yield stage


async def step_through(stage: IngestStage, hub: Hub, clock: Clock, seconds: int, step_s: int = 1) -> None:
    """Advance the clock `step_s` at a time for `seconds`, running the renewal step each time
    and waiting for the hub to answer whatever was sent."""
    for _ in range(seconds // step_s):
        clock.advance(step_s)
        if await stage.websub.renew_due():
            await wait_until(lambda: hub.verifying == 0)


async def test_websub_round_trip(world, tmp_path):
    site, hub, http = world
    topic = site.url("/wire.xml")
    port = free_port()
    clock = Clock()
    bus = MemoryBus()
    registry = CollectorRegistry()
    stage = make_stage(site, hub, http, tmp_path / "s.db", clock, lease_s=3600, port=port, bus=bus,
                       metrics=IngestMetrics(registry))
    await stage.start_servers()
    try:
        with capture_logs() as logs:
            # A poll discovers the hub and subscribes; the hub verifies the intent.
            (outcome,) = await stage.poll_all()
            assert outcome.new_items == 1
            await wait_until(lambda: hub.verified == [True])
        form = hub.subscriptions[0]
        assert form["hub.mode"] == "subscribe" and form["hub.topic"] == topic and len(form["hub.secret"]) >= 32
        assert form["hub.lease_seconds"] == "3600"
        assert stage.websub.is_active(topic)
        assert not any(form["hub.secret"] in repr(line) for line in logs), "a secret was logged"
        # While pushed to, the source is polled at the push-time safety interval.
        (outcome,) = await stage.poll_all()
        assert outcome.status == 304 and outcome.next_check_in_s == 900
        assert len(hub.subscriptions) == 1  # no second subscription while active

        # A signed push publishes the new item at once; a forged one is acknowledged and dropped.
        pushed = feed_with_hub(hub.url, topic, [("a2", "North Korea fires ballistic missile"), ("a1", "Old news")])
        with capture_logs() as logs:
            assert await hub.push(pushed.replace(b"North Korea", b"Forged"), forged=True) == 202
            assert await hub.push(pushed) == 202
        assert [i.title for i in published(bus)] == ["Old news", "North Korea fires ballistic missile"]
        assert [l["reason"] for l in logs if l["event"] == "websub_push_dropped"] == ["bad_signature"]
        assert sum(1 for l in logs if l["event"] == "item_published") == 1

        # What the callback answers is no page for a browser to render or keep.
        async with http.get(form["hub.callback"], params={"hub.mode": "subscribe", "hub.topic": topic,
                                                           "hub.challenge": "<script>x</script>"}) as resp:
            assert resp.headers["X-Content-Type-Options"] == "nosniff"
            assert resp.headers["Content-Security-Policy"].startswith("default-src 'none'")
            assert resp.headers["Cache-Control"] == "no-store"

        # A verification for a topic never asked for is refused (no forged subscriptions).
        async with http.get(form["hub.callback"], params={"hub.mode": "unsubscribe", "hub.topic": topic,
                                                           "hub.challenge": "x"}) as resp:
            assert resp.status == 404

        # Close to the end of the lease the subscription is renewed, with the same secret.
        clock.advance(3600 - 100)
        assert stage.websub.due_for_renewal()
        await stage.websub.renew_due()
        await wait_until(lambda: hub.verified == [True, True])
        assert len(hub.subscriptions) == 2 and stage.websub.is_active(topic)
        assert hub.subscriptions[1]["hub.secret"] == form["hub.secret"]
        assert not stage.websub.due_for_renewal()

        # Pushed and polled items are counted alike.
        text = generate_latest(registry).decode()
        assert 'launchwatch_items_published_total{feed="Pushed /wire.xml"} 2.0' in text
        assert 'launchwatch_ingest_polls_total{feed="Pushed /wire.xml",status="304"} 1.0' in text
    finally:
        await stage.stop_servers()
        stage.close()


async def test_a_push_in_pieces_is_read_whole_and_one_over_the_limit_refused(world, tmp_path):
    """A push's body is verified and parsed whole, however many pieces it arrives in (a
    signature over the first piece alone would drop every push larger than a packet as
    forged); a body over `max_body_bytes` gets 413, signed or not."""
    site, hub, http = world
    topic = site.url("/wire.xml")
    bus = MemoryBus()
    async with running(make_stage(site, hub, http, tmp_path / "s.db", Clock(), bus=bus,
                                  max_body_bytes=200_000)) as stage:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        items = [(f"b{n}", f"Filler story number {n} " + "x" * 200) for n in range(200)]
        pushed = feed_with_hub(hub.url, topic, [("a2", "North Korea fires ballistic missile"), *items])
        assert len(pushed) > 50_000
        with capture_logs() as logs:
            assert await hub.push(pushed, pieces=5) == 202
            assert await hub.push(b"<rss>" + b"x" * 200_000 + b"</rss>") == 413
        titles = [i.title for i in published(bus)]
        assert "North Korea fires ballistic missile" in titles and len(titles) == 202
        assert [l["reason"] for l in logs if l["event"] == "websub_push_dropped"] == ["too_large"]


@pytest.mark.parametrize(("granted_s", "requests_in_first_hour"), [(60, 60), (3600, 2), (86400, 1)])
async def test_requests_per_hour_follow_the_lease_the_hub_granted(world, tmp_path, granted_s,
                                                                   requests_in_first_hour):
    # launchwatch asks for a day; hubs may grant less. The renewal follows what was granted,
    # at 80-90 % of it, and never more than once a minute.
    site, hub, http = world
    hub.grant_s = granted_s
    clock = Clock()
    async with running(make_stage(site, hub, http, tmp_path / "s.db", clock, lease_s=86400)) as stage:
        await stage.poll_all()  # t = 0: the first request
        await wait_until(lambda: hub.verified == [True])
        await step_through(stage, hub, clock, 3599)
        assert len(hub.subscriptions) == requests_in_first_hour
        assert all(hub.verified)
        assert stage.websub.is_active(site.url("/wire.xml"))
        assert {f["hub.secret"] for f in hub.subscriptions} == {hub.subscriptions[0]["hub.secret"]}
        if granted_s == 3600:
            # Over ten hours, one renewal per 0.8-0.9 of the lease: 11 to 12 after the first request.
            await step_through(stage, hub, clock, 9 * 3600, step_s=5)
            assert 12 <= len(hub.subscriptions) <= 13


async def test_a_refusing_hub_is_asked_again_with_backoff(world, tmp_path):
    site, hub, http = world
    clock = Clock()
    async with running(make_stage(site, hub, http, tmp_path / "s.db", clock)) as stage:
        hub.statuses = [503] * 3 + [400] * 20
        with capture_logs() as logs:
            await stage.poll_all()
            await step_through(stage, hub, clock, 3 * 3600)
        # 60, 120, 240, … s apart (±20 %), capped at an hour: 8 to 9 requests in three hours.
        sent = len(hub.subscriptions)
        assert 8 <= sent <= 9, sent
        failures = [l for l in logs if l["event"] == "websub_subscribe_failed"]
        assert [l["error"] for l in failures][:4] == ["http_5xx"] * 3 + ["http_4xx"]
        assert "refused: " in failures[3]["message"]
        assert not any(hub.subscriptions[0]["hub.secret"] in repr(line) for line in logs), "a secret was logged"
        waits = [l["retry_in_s"] for l in failures]
        assert waits[0] >= 60 and all(w <= 3600 for w in waits) and waits[-1] > 2800
        assert not stage.websub.is_active(site.url("/wire.xml"))
        site.docs["/wire.xml"] = Doc(feed_with_hub(hub.url, site.url("/wire.xml"), [("a2", "y"), ("a1", "Old news")]))
        (outcome,) = await stage.poll_all()
        assert outcome.new_items == 1 and len(hub.subscriptions) == sent  # polls do not ask again: the backoff does

        # A 429's Retry-After is waited out to the second, then the hub accepts and the backoff resets.
        hub.statuses = [(429, "7200")]
        while len(hub.subscriptions) == sent:
            await step_through(stage, hub, clock, 1)
        await step_through(stage, hub, clock, 7199)
        assert len(hub.subscriptions) == sent + 1
        await step_through(stage, hub, clock, 1)
        assert len(hub.subscriptions) == sent + 2 and hub.verified == [True]
        sub = next(iter(stage.websub.subscriptions.values()))
        assert sub.attempts == 0 and sub.state == "active" and sub.last_error is None


async def test_a_silent_or_unreachable_hub_is_not_asked_every_second(world, tmp_path):
    site, hub, http = world
    dead_hub = f"http://127.0.0.1:{free_port()}/hub"  # nothing listens there
    site.docs["/dead.xml"] = Doc(feed_with_hub(dead_hub, site.url("/dead.xml"), [("d1", "x")]))
    clock = Clock()
    async with running(make_stage(site, hub, http, tmp_path / "s.db", clock, paths=("/wire.xml", "/dead.xml"))) as stage:
        hub.hold = True  # accepts (202) but never verifies
        with capture_logs() as logs:
            await stage.poll_all()
            await step_through(stage, hub, clock, 600)
        assert len(hub.subscriptions) == 4  # t = 0, then ~60, ~180 and ~420 s later
        errors = [l["error"] for l in logs if l["event"] == "websub_subscribe_failed"]
        assert errors == ["connect"] * 4
        assert not stage.websub.is_active(site.url("/wire.xml"))


async def test_a_push_during_a_renewal_is_accepted_and_a_forged_one_still_dropped(world, tmp_path):
    site, hub, http = world
    hub.grant_s = 3600
    topic = site.url("/wire.xml")
    clock = Clock()
    bus = MemoryBus()
    async with running(make_stage(site, hub, http, tmp_path / "s.db", clock, bus=bus)) as stage:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        first_secret = hub.subscriptions[0]["hub.secret"]
        clock.advance(3300)  # past 90 % of the granted hour
        hub.hold = True  # the hub has the renewal but verifies it only later
        assert await stage.websub.renew_due() == 1
        assert len(hub.subscriptions) == 2 and stage.websub.is_active(topic)

        def doc(*items):
            return feed_with_hub(hub.url, topic, [*items, ("a1", "Old news")])

        with capture_logs() as logs:
            # The hub still signs with what it holds: the secret of the request before.
            assert await hub.push(doc(("a2", "Launch one")), secret=first_secret) == 202
            assert await hub.push(doc(("a3", "Forged launch")), forged=True) == 202
            hub.release()
            await wait_until(lambda: hub.verified == [True, True])
            assert await hub.push(doc(("a4", "Launch two"), ("a2", "Launch one"))) == 202
            assert await hub.push(doc(("a5", "Launch three"), ("a4", "Launch two"), ("a2", "Launch one")),
                                  secret=first_secret) == 202
        assert [i.title for i in published(bus)] == ["Old news", "Launch one", "Launch two", "Launch three"]
        assert [l["reason"] for l in logs if l["event"] == "websub_push_dropped"] == ["bad_signature"]
        assert stage.websub.is_active(topic)


async def test_subscriptions_survive_a_restart(world, tmp_path):
    site, hub, http = world
    hub.grant_s = 3600
    topic = site.url("/wire.xml")
    clock = Clock()
    port = free_port()
    first = make_stage(site, hub, http, tmp_path / "s.db", clock, port=port)
    await first.start_servers()
    try:
        await first.poll_all()
        await wait_until(lambda: hub.verified == [True])
    finally:
        await first.stop_servers()
        first.close()

    clock.advance(1000)
    bus = MemoryBus()
    with capture_logs() as logs:
        second = make_stage(site, hub, http, tmp_path / "s.db", clock, port=port, bus=bus)
    assert [l for l in logs if l["event"] == "websub_restored"][0]["active"] == 1
    await second.start_servers()
    try:
        assert second.websub.is_active(topic)
        (outcome,) = await second.poll_all()
        assert outcome.next_check_in_s == 900 and len(hub.subscriptions) == 1  # no request at start
        # The hub pushes with the secret it holds, to the callback it knows.
        assert await hub.push(feed_with_hub(hub.url, topic, [("a2", "After the restart"), ("a1", "Old news")])) == 202
        assert [i.title for i in published(bus)] == ["After the restart"]
        # The renewal comes when it was due (80-90 % of the hour), not at the restart.
        await step_through(second, hub, clock, 1800)
        assert len(hub.subscriptions) == 1
        await step_through(second, hub, clock, 600)
        assert len(hub.subscriptions) == 2 and hub.verified == [True, True]
        assert hub.subscriptions[1]["hub.secret"] == hub.subscriptions[0]["hub.secret"]
    finally:
        await second.stop_servers()
        second.close()


async def test_a_restart_after_a_long_stop_spreads_the_overdue_renewals(world, tmp_path):
    site, hub, http = world
    hub.grant_s = 3600
    paths = tuple(f"/wire{n}.xml" for n in range(12))
    clock = Clock()
    port = free_port()
    first = make_stage(site, hub, http, tmp_path / "s.db", clock, port=port, paths=paths)
    await first.start_servers()
    try:
        await first.poll_all()
        await wait_until(lambda: len(hub.verified) == len(paths))
    finally:
        await first.stop_servers()
        first.close()

    clock.advance(3500)  # down past every renewal time, 100 s before the leases end
    second = make_stage(site, hub, http, tmp_path / "s.db", clock, port=port, paths=paths)
    await second.start_servers()
    try:
        per_second = []
        for _ in range(60):
            before = len(hub.subscriptions)
            await step_through(second, hub, clock, 1)
            per_second.append(len(hub.subscriptions) - before)
        # All twelve renewed within half of the 100 s left, a few at a time, none lapsing.
        assert sum(per_second) == len(paths) and max(per_second) <= 3, per_second
        assert all(second.websub.is_active(site.url(p)) for p in paths)
    finally:
        await second.stop_servers()
        second.close()


async def test_a_denial_is_asked_again_after_an_hour_and_a_repeated_verification_moves_nothing(world, tmp_path):
    site, hub, http = world
    topic = site.url("/wire.xml")
    clock = Clock()
    async with subscribed(world, tmp_path / "s.db", clock) as stage:
        callback = hub.subscriptions[0]["hub.callback"]
        (before,) = stage.websub.subscriptions.values()
        # The hub verifies again on its own (say it missed the answer): confirmed, but a
        # verification nobody asked for does not move the lease or the renewal.
        async with http.get(callback, params={"hub.mode": "subscribe", "hub.topic": topic, "hub.challenge": "again",
                                              "hub.lease_seconds": "999999999"}) as resp:
            assert resp.status == 200 and await resp.text() == "again"
        assert list(stage.websub.subscriptions.values()) == [before]
        # The hub denies (or revokes) the subscription: polling as usual, asked again in an hour.
        async with http.get(callback, params={"hub.mode": "denied", "hub.topic": topic, "hub.reason": "quota"}) as resp:
            assert resp.status == 200
        assert not stage.websub.is_active(topic)
        await step_through(stage, hub, clock, 3599, step_s=1)
        assert len(hub.subscriptions) == 1
        await step_through(stage, hub, clock, 1)
        assert len(hub.subscriptions) == 2 and hub.verified == [True, True] and stage.websub.is_active(topic)


async def test_the_run_loop_renews_when_due(world, tmp_path):
    site, hub, http = world
    hub.grant_s = 3600
    clock = Clock()
    stage = make_stage(site, hub, http, tmp_path / "s.db", clock)
    stop = asyncio.Event()
    task = asyncio.create_task(stage.run(stop))
    try:
        await wait_until(lambda: hub.verified == [True])
        clock.advance(3300)  # the loop looks at least once a second
        await wait_until(lambda: hub.verified == [True, True])
        assert len(hub.subscriptions) == 2
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


async def test_lease_lapse_falls_back_to_polling(world, tmp_path):
    site, hub, http = world
    topic = site.url("/wire.xml")
    clock = Clock()
    async with running(make_stage(site, hub, http, tmp_path / "s.db", clock, lease_s=600)) as stage:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        hub.statuses = [503, 503]  # the renewal is refused: the lease runs out
        await step_through(stage, hub, clock, 601)
        assert len(hub.subscriptions) == 3 and not stage.websub.is_active(topic)
        site.docs["/wire.xml"] = Doc(feed_with_hub(hub.url, topic, [("a2", "y"), ("a1", "x")]))
        (outcome,) = await stage.poll_all()
        assert outcome.new_items == 2 and outcome.next_check_in_s == 60  # normal polling again
        await step_through(stage, hub, clock, 300)  # and the backoff asks again
        assert len(hub.subscriptions) == 4 and hub.verified == [True, True]
        assert stage.websub.is_active(topic)


async def test_a_feed_that_stops_naming_its_hub_is_not_renewed(world, tmp_path):
    site, hub, http = world
    clock = Clock()
    async with subscribed(world, tmp_path / "s.db", clock) as stage:
        callback = hub.subscriptions[0]["hub.callback"]
        site.docs["/wire.xml"] = Doc(rss([("a2", "y"), ("a1", "x")]))
        await stage.poll_all()
        assert stage.websub.subscriptions == {}
        assert IngestState(connect(tmp_path / "s.db")).websub_subscriptions() == []
        async with http.post(callback, data=b"<rss/>") as resp:
            assert resp.status == 410  # tells the hub to stop


def test_signature_methods():
    body = b"<rss/>"
    good = hmac.new(b"s3cret", body, hashlib.sha1).hexdigest()
    assert verify_signature("s3cret", body, f"sha1={good}")
    assert not verify_signature("s3cret", body + b" ", f"sha1={good}")
    assert not verify_signature("s3cret", body, f"md5={good}")
    assert not verify_signature("s3cret", body, None)
    assert not verify_signature("s3cret", body, "sha256=\u00e4")  # other letters than hex: wrong, not an error


async def test_hub_named_in_a_link_header_is_subscribed(world, tmp_path):
    site, hub, http = world
    topic = site.url("/wire.xml")
    hub_url = f"http://127.0.0.1:{hub.port}/hub"
    site.docs["/wire.xml"] = Doc(rss([("a1", "x")]), extra_headers={
        "Link": f'<{hub_url}>; rel="hub", <{topic}>; rel="self"'})
    port = free_port()
    stage = IngestStage(
        sources=[Source(url=topic, name="w", interval_s=60)], http=http, producer=MemoryBus().producer(),
        items_topic="launchwatch.items", state=IngestState(connect(tmp_path / "s.db")),
        settings=IngestSettings(allow_private_networks=True), clock=Clock(),
        websub=WebSubSettings(public_url=f"http://127.0.0.1:{port}", listen=f"127.0.0.1:{port}"),
    )
    await stage.start_servers()
    try:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        assert hub.subscriptions[0]["hub.topic"] == topic
    finally:
        await stage.stop_servers()
        stage.close()


async def test_the_hub_request_goes_to_the_address_that_was_checked(world, tmp_path, monkeypatch):
    """The hub's name is resolved once, checked, and the request sent to that address (with
    the name as Host): a DNS answer that changes after the check cannot redirect it."""
    from services.ingest import websub
    from services.runtime import addresses

    _, hub, http = world
    answers: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        answers.append(host)
        return ["127.0.0.1"]  # `hub.test` exists for this resolver only: asked again, a request would fail

    monkeypatch.setattr(addresses, "system_resolve", resolve)
    subscriber = websub.WebSubscriber(public_url="http://127.0.0.1:1", http=http, clock=Clock(), on_content=None,
                                      state=IngestState(connect(tmp_path / "state.db")), timeout_s=2)
    refused = await subscriber.subscribe("src", f"http://hub.test:{hub.port}/hub", "https://feeds.example/t")
    assert hub.subscriptions == [] and "blocked_address" in (refused.last_error or "")

    # The same guard with loopback allowed (as `allow_private_networks` would): sent to the checked address.
    monkeypatch.setattr(websub, "INGEST_ADDRESSES",
                        addresses.AddressPolicy(allowed_networks=addresses.parse_networks(["127.0.0.1/32"])))
    await subscriber.subscribe("src", f"http://hub.test:{hub.port}/hub", "https://feeds.example/t")
    assert hub.hosts == [f"hub.test:{hub.port}"] and answers == ["hub.test", "hub.test"]


async def test_a_topic_pushed_faster_than_it_is_read_is_told_to_come_back_later(world, tmp_path):
    """A hub pushing one topic's documents as fast as it can (say, slow-to-parse hostile
    ones) had every push wait for the parse workers at once, ahead of every polled feed.
    One push of a topic is read at a time and one more waits; the next is answered 503 with
    Retry-After, which a hub retries."""
    site, hub, http = world
    topic = site.url("/wire.xml")
    clock = Clock()
    bus = MemoryBus()
    stage = make_stage(site, hub, http, tmp_path / "s.db", clock, lease_s=3600, port=free_port(), bus=bus)
    await stage.start_servers()
    try:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        release = asyncio.Event()
        parse = stage._parse

        async def slow_parse(source, result):
            await release.wait()  # the parse worker is busy with this push
            return await parse(source, result)

        stage._parse = slow_parse
        pushed = feed_with_hub(hub.url, topic, [("a2", "North Korea fires ballistic missile"), ("a1", "Old news")])
        first = asyncio.create_task(hub.push(pushed))
        second = asyncio.create_task(hub.push(pushed))
        await asyncio.sleep(0.3)
        with capture_logs() as logs:
            assert await asyncio.wait_for(hub.push(pushed), 10) == 503
        assert [line["retry_after_s"] for line in logs if line["event"] == "websub_push_deferred"] == [60]
        release.set()
        assert [await first, await second] == [202, 202]
        assert [i.title for i in published(bus)][-1] == "North Korea fires ballistic missile"
        assert await hub.push(pushed) == 202  # read again once the topic's earlier pushes are done
    finally:
        await stage.stop_servers()
        stage.close()


async def test_a_push_the_bus_cannot_take_is_answered_503_for_the_hub_to_retry(world, tmp_path):
    site, hub, http = world
    topic = site.url("/wire.xml")
    bus = MemoryBus()
    stage = make_stage(site, hub, http, tmp_path / "s.db", Clock(), lease_s=3600, port=free_port(), bus=bus)
    await stage.start_servers()
    try:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        send = stage._producer.send

        async def broker_down(*args, **kwargs):
            raise ConnectionError("broker unavailable")

        stage._producer.send = broker_down
        pushed = feed_with_hub(hub.url, topic, [("a2", "North Korea fires ballistic missile"), ("a1", "Old news")])
        with capture_logs() as logs:
            assert await hub.push(pushed) == 503
        assert [line["error"] for line in logs if line["event"] == "publish_failed"] == ["ConnectionError"]
        stage._producer.send = send
        assert await hub.push(pushed) == 202  # the hub's retry, the broker back
        assert [i.title for i in published(bus)][-1] == "North Korea fires ballistic missile"
    finally:
        await stage.stop_servers()
        stage.close()


async def test_a_stop_cuts_off_a_push_still_being_read_within_seconds(world, tmp_path):
    """A push whose document takes long to read held the stop for aiohttp's minute, past
    `[run] shutdown_grace_s`; cut off, its hub got no 2xx and pushes it again."""
    import time

    site, hub, http = world
    topic = site.url("/wire.xml")
    stage = make_stage(site, hub, http, tmp_path / "s.db", Clock(), lease_s=3600, port=free_port(), bus=MemoryBus())
    await stage.start_servers()
    try:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        forever = asyncio.Event()

        async def endless_parse(source, result):
            await forever.wait()

        stage._parse = endless_parse
        pushing = asyncio.create_task(hub.push(feed_with_hub(hub.url, topic, [("a3", "Late news")])))
        await asyncio.sleep(0.3)
        started = time.monotonic()
        await stage.stop_servers()
        assert time.monotonic() - started < 5
        with pytest.raises(aiohttp.ClientError):
            await pushing  # no 2xx: the hub pushes it again
    finally:
        await stage.stop_servers()
        stage.close()


async def test_no_reader_of_the_feed_can_name_the_callback_nor_stretch_the_lease(world, tmp_path):
    """The callback's path segment was a hash of the feed's URL and topic: anyone could verify
    a subscription in the hub's place (a lease of 11,574 days, polling every 15 min instead
    of every minute, and nothing pushed) or deny it."""
    from services.ingest.websub import MAX_LEASE_S, derived_callback_id

    site, hub, http = world
    hub.grant_s = 10**9
    topic = site.url("/wire.xml")
    clock = Clock()
    async with subscribed(world, tmp_path / "s.db", clock) as stage:
        callback = hub.subscriptions[0]["hub.callback"]
        derived = derived_callback_id(topic, topic)
        assert not callback.endswith(derived)
        forged = callback.rsplit("/", 1)[0] + "/" + derived
        for mode in ("subscribe", "denied"):
            async with http.get(forged, params={"hub.mode": mode, "hub.topic": topic, "hub.challenge": "x"}) as resp:
                assert resp.status == 404
        # The hub's billion seconds count as 30 days: renewed within them.
        (stored,) = stage._state.websub_subscriptions()
        assert stored.lease_s == MAX_LEASE_S and stored.next_attempt_at - clock().timestamp() < MAX_LEASE_S


async def test_a_subscription_under_a_derived_callback_is_asked_for_anew_at_start(world, tmp_path):
    from dataclasses import replace

    from services.ingest.websub import derived_callback_id

    site, hub, http = world
    topic = site.url("/wire.xml")
    clock = Clock()
    async with subscribed(world, tmp_path / "s.db", clock) as stage:
        (stored,) = stage._state.websub_subscriptions()
        stage._state.delete_websub([stored.callback_id])
        stage._state.save_websub(replace(stored, callback_id=derived_callback_id(topic, topic)))
    # The next document the feed serves (not a 304) names its hub again: subscribed anew.
    site.docs["/wire.xml"] = Doc(feed_with_hub(hub.url, topic, [("a2", "New story"), ("a1", "Old news")]))
    async with running(make_stage(site, hub, http, tmp_path / "s.db", clock)) as stage:
        assert not stage.websub.is_active(topic)
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True, True])
        assert not hub.subscriptions[1]["hub.callback"].endswith(derived_callback_id(topic, topic))
        assert stage.websub.is_active(topic)


async def test_pushes_read_at_once_are_bounded_and_a_broken_body_is_a_400(world, tmp_path):
    """Pushes are held whole until their signatures are checked: a flood of forged ones held
    1.2 GB at once. A push whose compression is broken was a 500 with a traceback."""
    from services.ingest.websub import PUSHES_READ_AT_ONCE

    site, hub, http = world
    paths = tuple(f"/wire{n}.xml" for n in range(PUSHES_READ_AT_ONCE + 1))
    async with running(make_stage(site, hub, http, tmp_path / "s.db", Clock(), paths=paths)) as stage:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True] * len(paths))
        callbacks = [sub["hub.callback"] for sub in hub.subscriptions]
        go_on = asyncio.Event()
        slow = [asyncio.create_task(held_push(http, callback, go_on)) for callback in callbacks[:-1]]
        await wait_until(lambda: stage.websub._reading.locked())
        with capture_logs() as logs:
            async with http.post(callbacks[-1], data=b"<rss/>", headers={"X-Hub-Signature": "sha256=00"}) as resp:
                assert resp.status == 503 and resp.headers["Retry-After"] == "60"
        assert [line["reason"] for line in logs if line["event"] == "websub_push_deferred"] == ["busy"]
        go_on.set()
        assert await asyncio.gather(*slow) == [202] * PUSHES_READ_AT_ONCE  # read, then dropped as forged
        async with http.post(callbacks[0], data=b"not deflate", headers={"Content-Encoding": "deflate"}) as resp:
            assert resp.status == 400


async def held_push(http: aiohttp.ClientSession, callback: str, go_on: asyncio.Event) -> int:
    """A forged push whose body stops after its first bytes until `go_on` is set."""
    async def held_body():
        yield b"<rss>"
        await go_on.wait()
        yield b"</rss>"

    async with http.post(callback, data=held_body(), headers={"X-Hub-Signature": "sha256=00"}) as resp:
        return resp.status


async def test_a_hub_that_pushes_slowly_holds_no_other_hubs_pushes(world, tmp_path, monkeypatch):
    """Four pushes to one callback whose bodies came a byte at a time held every slot, for as
    long as they went on: every other source's pushes were answered 503 and its flashes waited
    for the next poll, fifteen minutes later. A subscription's pushes are read one at a time,
    and a body must arrive within `BODY_READ_S`."""
    from services.ingest.websub import PUSHES_READ_AT_ONCE
    from services.runtime import http as runtime_http

    monkeypatch.setattr(runtime_http, "BODY_READ_S", 3.0, raising=False)
    site, hub, http = world
    bus = MemoryBus()
    paths = ("/slow.xml", "/wire.xml")
    async with running(make_stage(site, hub, http, tmp_path / "s.db", Clock(), paths=paths, bus=bus)) as stage:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True, True])
        slow_callback = next(s["hub.callback"] for s in hub.subscriptions if s["hub.topic"].endswith("/slow.xml"))
        never = asyncio.Event()
        with capture_logs() as logs:
            slow = asyncio.create_task(held_push(http, slow_callback, never))
            await wait_until(lambda: stage.websub._reading._value < PUSHES_READ_AT_ONCE)  # its body is being read
            async with http.post(slow_callback, data=b"<rss/>", headers={"X-Hub-Signature": "sha256=00"}) as resp:
                assert resp.status == 503  # the slow subscription's second push waits for its first
            flash = feed_with_hub(hub.url, site.url("/wire.xml"), [("a2", "North Korea fires ballistic missile"),
                                                                    ("a1", "Old news")])
            assert await hub.push(flash, topic=site.url("/wire.xml")) == 202
            assert [i.title for i in published(bus)][-1] == "North Korea fires ballistic missile"
            assert await asyncio.wait_for(slow, 10) == 408  # cut off: the hub pushes it again
        assert [line["path"] for line in logs if line["event"] == "request_body_timeout"] == [
            "/" + slow_callback.split("/", 3)[3]]
        async with http.post(slow_callback, data=b"<rss/>", headers={"X-Hub-Signature": "sha256=00"}) as resp:
            assert resp.status == 202  # read again (and dropped as forged)


async def test_a_callback_server_on_port_0_says_the_port_it_got(world, tmp_path):
    """`[websub] listen = "127.0.0.1:0"` logged "127.0.0.1:0": the port hubs must be sent to
    went unsaid. The line names the bound one, as the HTTP server's does."""
    site, _, http = world
    stage = IngestStage(
        sources=[Source(url=site.url("/wire.xml"), name="w", interval_s=60)], http=http,
        producer=MemoryBus().producer(), items_topic="launchwatch.items", state=IngestState(connect(tmp_path / "s.db")),
        settings=IngestSettings(allow_private_networks=True), clock=Clock(),
        websub=WebSubSettings(public_url="http://127.0.0.1:9", listen="127.0.0.1:0"))
    with capture_logs() as logs:
        async with running(stage):
            (line,) = [entry for entry in logs if entry["event"] == "ingest_listening"]
            host, _, port = line["address"].rpartition(":")
            assert host == "127.0.0.1" and int(port) > 0
            async with http.get(f"http://{line['address']}/nowhere") as answer:  # it answers there
                assert answer.status == 404
