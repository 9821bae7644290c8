"""The stages as separate `launchwatch serve` processes over one Kafka-protocol broker, for
the fault tests: one config file each (one state file per stage, in the test's temp dir),
their probes, and a reader that watches a topic from the test."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from services.runtime.bus import Record
from services.runtime.kafka_bus import KafkaBus
from tests.integration.harness import LaunchwatchProcess, wait_for

# Group timings short enough that a killed member's partitions move within seconds.
FAST_BUS = """fetch_max_wait_ms = 50
session_timeout_ms = 2000
heartbeat_interval_ms = 200
rebalance_timeout_ms = 500
max_batch = 50
"""


def bus_section(bootstrap_servers: str, topic_prefix: str, *, partitions: int = 3, extra: str = "") -> str:
    return (f'[bus]\nkind = "kafka"\nbootstrap_servers = "{bootstrap_servers}"\ntopic_prefix = "{topic_prefix}"\n'
            f"partitions = {partitions}\n{FAST_BUS}{extra}\n")


@dataclass
class StageSet:
    """`launchwatch serve <stage>` for each stage, each with its own config and state file.

    `body` is the configuration shared by every stage (everything but `[bus]` and `[state]`).
    A stage restarted keeps its state file; its log files are numbered by start.
    """

    workdir: Path
    bus: str
    body: str = ""
    env: dict[str, str] = field(default_factory=dict)
    procs: dict[str, LaunchwatchProcess] = field(default_factory=dict)
    starts: dict[str, int] = field(default_factory=dict)

    def config(self, stage: str) -> Path:
        path = self.workdir / f"{stage}.toml"
        if not path.exists():
            path.write_text(f'{self.bus}\n[state]\npath = "{self.state(stage)}"\n\n{self.body}', encoding="utf-8")
        return path

    def state(self, stage: str) -> Path:
        return self.workdir / f"{stage}.db"

    async def start(self, *stages: str) -> list[LaunchwatchProcess]:
        started = []
        for stage in stages:
            n = self.starts[stage] = self.starts.get(stage, 0) + 1
            proc = LaunchwatchProcess(["serve", stage, "--config", str(self.config(stage))],
                                      self.workdir / f"{stage}-{n}.log", self.env)
            self.procs[stage] = await proc.start()
            started.append(proc)
        return started

    async def stop(self) -> dict[str, int]:
        codes = {}
        for stage, proc in self.procs.items():
            if proc.process is not None and proc.process.returncode is None:
                codes[stage] = await proc.stop()
        return codes

    def alive(self) -> list[LaunchwatchProcess]:
        return list(self.procs.values())

    async def address(self, stage: str, timeout_s: float = 30) -> str:
        """The `host:port` the stage's current process listens on (from its `http_listening` line)."""
        proc = self.procs[stage]
        await wait_for(lambda: proc.events("http_listening"), timeout_s, f"{stage} listening", [proc])
        return proc.events("http_listening")[-1]["address"]

    async def wait_ready(self, stages: Sequence[str], timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        for stage in stages:
            address = await self.address(stage)
            while (await readyz(address))[0] != 200:
                if time.monotonic() > deadline:
                    raise AssertionError(f"{stage} not ready after {timeout_s} s: {await readyz(address)}")
                if self.procs[stage].process.returncode is not None:  # type: ignore[union-attr]
                    raise AssertionError(f"{stage} exited: {self.procs[stage].log_path.read_text()[-3000:]}")
                await asyncio.sleep(0.1)


async def readyz(address: str) -> tuple[int, str]:
    """`/readyz` of the process at `address`: (status, body); (0, reason) when it does not answer."""
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as http:
            async with http.get(f"http://{address}/readyz") as resp:
                return resp.status, await resp.text()
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        return 0, repr(exc)


class TopicWatch:
    """Reads topics from the test in a group of its own, from the beginning, keeping every
    record with the monotonic time it was read."""

    def __init__(self, bootstrap_servers: str, topic_prefix: str, topics: Sequence[str], group: str) -> None:
        self._bus = KafkaBus(bootstrap_servers, topic_prefix=topic_prefix, fetch_max_wait_ms=50)
        self._topics = [f"{topic_prefix}{t}" for t in topics]
        self._prefix = topic_prefix
        self._group = f"{topic_prefix}{group}"
        self.records: dict[str, list[tuple[float, Record]]] = {t: [] for t in topics}
        self._task: asyncio.Task[None] | None = None

    async def start(self, partitions: int = 3) -> "TopicWatch":
        from services.runtime.bus import TOPICS

        await self._bus.start()
        await self._bus.ensure_topics([f"{self._prefix}{t}" for t in TOPICS], partitions)
        consumer = await self._bus.consumer(self._topics, self._group)
        self._task = asyncio.create_task(self._read(consumer))
        return self

    async def _read(self, consumer) -> None:  # noqa: ANN001
        while True:
            for record in await consumer.poll(0.2, 500):
                self.records[record.topic.removeprefix(self._prefix)].append((time.monotonic(), record))

    def values(self, topic: str) -> list[bytes]:
        return [r.value for _, r in self.records[topic]]

    async def send(self, topic: str, value: bytes | None, key: bytes | None = None) -> None:
        """Put one record on `topic` (a None value is a tombstone)."""
        await self._bus._producer_client.send_and_wait(f"{self._prefix}{topic}", value, key=key)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self._bus.close()


@dataclass
class Delivery:
    subscription: str
    delivery_id: str
    event_id: str
    revision: int
    kind: str
    at_s: float  # time.time() when it arrived


class WebhookLog:
    """A webhook receiver on loopback (`url(sub)` per subscription) that keeps every delivery
    and answers 204: receivers dedup on the delivery id, as the contract says they may."""

    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        self.port = 0
        self._runner = None

    def url(self, subscription: str) -> str:
        return f"http://127.0.0.1:{self.port}/{subscription}"

    async def start(self) -> "WebhookLog":
        from aiohttp import web

        from tests.loopback import serve

        async def handle(request: web.Request) -> web.Response:
            body = await request.json()
            self.deliveries.append(Delivery(request.match_info["sub"], request.headers["X-Launchwatch-Delivery"],
                                            body["event"]["event_id"], body["event"]["revision"], body["kind"],
                                            time.time()))
            return web.Response(status=204)

        app = web.Application()
        app.router.add_post("/{sub}", handle)
        self._runner, self.port = await serve(app)
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def subscriptions(self, names: Sequence[str], **extra: object) -> str:
        """`[[subscriptions]]` sections, one webhook each, every revision of any confidence."""
        options = "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in extra.items())
        return "".join(f'[[subscriptions]]\nname = "{n}"\nchannel = "webhook"\nurl = "{self.url(n)}"\n'
                       f"min_confidence = 0.0\nfollow_ups = \"all\"\n{options}\n" for n in names)


def notify_decisions(state_path: Path, subscriptions: Sequence[str],
                     revisions: set[tuple[str, int]]) -> dict[tuple[str, str, int], str]:
    """The notify ledger's status of each (subscription, event_id, revision) of `revisions`
    ("missing" when it has no row: the revision was lost on the way to notify)."""
    from services.notify.ledger import Ledger
    from services.runtime.db import connect

    conn = connect(state_path)
    try:
        ledger = Ledger(conn)
        out = {}
        for sub in subscriptions:
            for event_id, revision in revisions:
                entry = ledger.get(sub, event_id, revision)
                out[(sub, event_id, revision)] = entry.status if entry is not None else "missing"
        return out
    finally:
        conn.close()


def reports_by_item(watch: TopicWatch) -> dict:
    """The reports the watch has read, by item id."""
    from schemas import LaunchReport

    return {r.item_id: r for r in map(LaunchReport.from_bytes, watch.values("reports"))}


def latest_events(watch: TopicWatch) -> dict:
    """The latest revision of each event the watch has read, by event id."""
    from schemas import LaunchEvent

    latest: dict[str, LaunchEvent] = {}
    for event in map(LaunchEvent.from_bytes, watch.values("events")):
        if event.revision >= latest.get(event.event_id, event).revision:
            latest[event.event_id] = event
    return latest


def revisions(watch: TopicWatch) -> set[tuple[str, int]]:
    """Every (event_id, revision) the watch has read."""
    from schemas import LaunchEvent

    return {(e.event_id, e.revision) for e in map(LaunchEvent.from_bytes, watch.values("events"))}


def one_id_per_delivered_revision(webhook: WebhookLog, decisions: dict[tuple[str, str, int], str]) -> int:
    """Assert that what the ledger marks delivered arrived, each under one delivery id, and
    nothing else arrived; returns how many arrivals repeated an id."""
    delivered = {key for key, status in decisions.items() if status == "delivered"}
    ids: dict[tuple[str, str, int], set[str]] = {}
    for d in webhook.deliveries:
        ids.setdefault((d.subscription, d.event_id, d.revision), set()).add(d.delivery_id)
    assert set(ids) == delivered, (set(ids) ^ delivered)
    assert all(len(v) == 1 for v in ids.values()), {k: v for k, v in ids.items() if len(v) > 1}
    return len(webhook.deliveries) - len(ids)
