"""WebSub round trip against a hub served by the test: discover, subscribe, verify, push
with a signature, refuse forgeries, renew the lease, and poll more slowly while pushed to."""

from __future__ import annotations

import asyncio
import hashlib
import hmac

import aiohttp
import pytest
from aiohttp import web
from structlog.testing import capture_logs

from services.ingest.settings import IngestSettings, WebSubSettings
from services.ingest.sources import Source
from services.ingest.state import IngestState
from services.ingest.websub import verify_signature
from services.ingest.worker import IngestStage
from services.runtime.db import connect
from services.runtime.memory_bus import MemoryBus
from tests.integration.test_ingest_stage import Clock, Doc, FeedSite, published, rss
from tests.loopback import free_port, serve


class Hub:
    """A WebSub hub: verifies each subscription by a GET to the callback, then can push."""

    def __init__(self) -> None:
        self.subscriptions: list[dict[str, str]] = []
        self.hosts: list[str] = []  # the Host header of each subscription request
        self.verified: list[bool] = []
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._http: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task] = set()

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

    async def _subscribe(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.subscriptions.append(form)
        self.hosts.append(request.headers.get("Host", ""))
        task = asyncio.create_task(self._verify(form))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202)

    async def _verify(self, form: dict[str, str]) -> None:
        await asyncio.sleep(0.01)
        params = {"hub.mode": "subscribe", "hub.topic": form["hub.topic"], "hub.challenge": "c-123",
                  "hub.lease_seconds": form["hub.lease_seconds"]}
        async with self._http.get(form["hub.callback"], params=params) as resp:
            self.verified.append(resp.status == 200 and await resp.text() == "c-123")

    async def push(self, body: bytes, *, secret: str | None = None, forged: bool = False) -> int:
        form = self.subscriptions[-1]
        key = (secret or form["hub.secret"]).encode()
        signature = hmac.new(key, body, hashlib.sha256).hexdigest()
        if forged:
            signature = "0" * 64
        async with self._http.post(form["hub.callback"], data=body, headers={
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


async def test_websub_round_trip(world, tmp_path):
    site, hub, http = world
    topic = site.url("/wire.xml")
    site.docs["/wire.xml"] = Doc(feed_with_hub(f"http://127.0.0.1:{hub.port}/hub", topic, [("a1", "Old news")]))
    port = free_port()
    clock = Clock()
    bus = MemoryBus()
    stage = IngestStage(
        sources=[Source(url=topic, name="Pushed Wire", interval_s=60)], http=http, producer=bus.producer(),
        items_topic="launchwatch.items", state=IngestState(connect(tmp_path / "s.db")),
        settings=IngestSettings(allow_private_networks=True, jitter_ratio=0, metrics_listen=f"127.0.0.1:{port}"),
        clock=clock,
        websub=WebSubSettings(public_url=f"http://127.0.0.1:{port}", listen=f"127.0.0.1:{port}", lease_s=3600,
                              poll_interval_s=900),
    )
    await stage.start_servers()
    try:
        # A poll discovers the hub and subscribes; the hub verifies the intent.
        (outcome,) = await stage.poll_all()
        assert outcome.new_items == 1
        await wait_until(lambda: hub.verified == [True])
        form = hub.subscriptions[0]
        assert form["hub.mode"] == "subscribe" and form["hub.topic"] == topic and len(form["hub.secret"]) >= 32
        assert stage.websub.is_active(topic)
        # While pushed to, the source is polled at the push-time safety interval.
        (outcome,) = await stage.poll_all()
        assert outcome.status == 304 and outcome.next_check_in_s == 900
        assert len(hub.subscriptions) == 1  # no second subscription while active

        # A signed push publishes the new item at once; a forged one is acknowledged and dropped.
        pushed = feed_with_hub(f"http://127.0.0.1:{hub.port}/hub", topic,
                               [("a2", "North Korea fires ballistic missile"), ("a1", "Old news")])
        with capture_logs() as logs:
            assert await hub.push(pushed.replace(b"North Korea", b"Forged"), forged=True) == 202
            assert await hub.push(pushed) == 202
        assert [i.title for i in published(bus)] == ["Old news", "North Korea fires ballistic missile"]
        assert [l["reason"] for l in logs if l["event"] == "websub_push_dropped"] == ["bad_signature"]
        assert sum(1 for l in logs if l["event"] == "item_published") == 1

        # A verification for a topic never asked for is refused (no forged subscriptions).
        async with http.get(form["hub.callback"], params={"hub.mode": "unsubscribe", "hub.topic": topic,
                                                           "hub.challenge": "x"}) as resp:
            assert resp.status == 404

        # Close to the end of the lease the subscription is renewed.
        clock.advance(3600 - 100)
        assert stage.websub.due_for_renewal()
        await stage.websub.renew_due()
        await wait_until(lambda: hub.verified == [True, True])
        assert len(hub.subscriptions) == 2 and stage.websub.is_active(topic)
        assert not stage.websub.due_for_renewal()

        # Metrics are served on their address.
        async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
            text = await resp.text()
        assert 'launchwatch_ingest_items_total{feed="Pushed Wire"} 2' in text
        assert 'launchwatch_ingest_polls_total{feed="Pushed Wire",status="304"} 1' in text
    finally:
        await stage.stop_servers()
        stage.close()


async def test_lease_lapse_falls_back_to_polling(world, tmp_path):
    site, hub, http = world
    topic = site.url("/wire.xml")
    site.docs["/wire.xml"] = Doc(feed_with_hub(f"http://127.0.0.1:{hub.port}/hub", topic, [("a1", "x")]))
    port = free_port()
    clock = Clock()
    stage = IngestStage(
        sources=[Source(url=topic, name="w", interval_s=60)], http=http, producer=MemoryBus().producer(),
        items_topic="launchwatch.items", state=IngestState(connect(tmp_path / "s.db")),
        settings=IngestSettings(allow_private_networks=True, jitter_ratio=0), clock=clock,
        websub=WebSubSettings(public_url=f"http://127.0.0.1:{port}", listen=f"127.0.0.1:{port}", lease_s=600),
    )
    await stage.start_servers()
    try:
        await stage.poll_all()
        await wait_until(lambda: hub.verified == [True])
        clock.advance(601)  # the hub never renewed nor pushed: the lease ran out
        assert not stage.websub.is_active(topic)
        site.docs["/wire.xml"] = Doc(feed_with_hub(f"http://127.0.0.1:{hub.port}/hub", topic, [("a2", "y"), ("a1", "x")]))
        (outcome,) = await stage.poll_all()
        assert outcome.new_items == 1 and outcome.next_check_in_s == 60  # normal polling again
        assert len(hub.subscriptions) == 2  # and the lapsed subscription is asked for again
        await wait_until(lambda: hub.verified == [True, True])
    finally:
        await stage.stop_servers()
        stage.close()


def test_signature_methods():
    body = b"<rss/>"
    good = hmac.new(b"s3cret", body, hashlib.sha1).hexdigest()
    assert verify_signature("s3cret", body, f"sha1={good}")
    assert not verify_signature("s3cret", body + b" ", f"sha1={good}")
    assert not verify_signature("s3cret", body, f"md5={good}")
    assert not verify_signature("s3cret", body, None)


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


async def test_the_hub_request_goes_to_the_address_that_was_checked(world, monkeypatch):
    """The hub's name is resolved once, checked, and the request sent to that address (with
    the name as Host): a DNS answer that changes after the check cannot redirect it."""
    from services.ingest import websub
    from services.ingest.errors import BlockedAddress
    from services.runtime import addresses

    _, hub, http = world
    answers: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        answers.append(host)
        return ["127.0.0.1"]  # `hub.test` exists for this resolver only: asked again, a request would fail

    monkeypatch.setattr(addresses, "system_resolve", resolve)
    subscriber = websub.WebSubscriber(public_url="http://127.0.0.1:1", http=http, clock=Clock(),
                                      on_content=None, timeout_s=2)  # type: ignore[arg-type]
    with pytest.raises(BlockedAddress, match="hub.test resolves to 127.0.0.1, not a public address"):
        await subscriber.subscribe("src", f"http://hub.test:{hub.port}/hub", "https://feeds.example/t")
    assert hub.subscriptions == []

    # The same guard with loopback allowed (as `allow_private_networks` would): sent to the checked address.
    monkeypatch.setattr(websub, "INGEST_ADDRESSES",
                        addresses.AddressPolicy(allowed_networks=addresses.parse_networks(["127.0.0.1/32"])))
    await subscriber.subscribe("src", f"http://hub.test:{hub.port}/hub", "https://feeds.example/t")
    assert hub.hosts == [f"hub.test:{hub.port}"] and answers == ["hub.test", "hub.test"]
