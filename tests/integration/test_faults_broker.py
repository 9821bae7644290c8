"""The broker out of reach, with a TCP proxy between the stages and a tansu of this test's
own (which advertises the proxy, so every client connection goes through it):

- all four stages started while the broker cannot be reached wait, logging one
  `bus_unavailable` line per attempt with a doubling delay, and are ready once it can;
- mid-stream, every connection dropped and new ones refused for 20 s: each stage's
  `/readyz` says not ready (naming `bus_connected`) during the outage and ready after it,
  by itself, and no item, report or event revision is lost.

Prints the time from the broker being reachable to each stage's `/readyz` 200: run with
`-s` to see it."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from tests.broker import start_broker, tansu_binary
from tests.integration.harness import wait_for
from tests.integration.newsflow import NewsFlow, stories
from tests.integration.stageset import (StageSet, TopicWatch, WebhookLog, bus_section, latest_events,
                                        notify_decisions, one_id_per_delivered_revision, readyz, reports_by_item,
                                        revisions)
from tests.integration.tcpproxy import TcpProxy
from tests.loopback import free_port

STAGES = ("ingest", "classify", "events", "notify")
SUBSCRIPTIONS = ("hook",)
OUTAGE_S = 20.0
NOTIFY = """
[notify]
allowed_networks = ["127.0.0.1/32"]
backoff_base_s = 0.1
backoff_max_s = 1
max_attempts = 20
"""


async def time_to_ready(stages: StageSet, since: float, timeout_s: float) -> dict[str, float]:
    """Seconds from `since` (monotonic) until each stage's /readyz answered 200."""
    addresses = {s: await stages.address(s) for s in STAGES}
    ready: dict[str, float] = {}
    deadline = since + timeout_s
    while len(ready) < len(STAGES):
        assert time.monotonic() < deadline, f"not ready {timeout_s} s after the broker came back: " + str(
            {s: await readyz(a) for s, a in addresses.items() if s not in ready})
        for stage, address in addresses.items():
            if stage not in ready and (await readyz(address))[0] == 200:
                ready[stage] = time.monotonic() - since
        await asyncio.sleep(0.1)
    return ready


@pytest.mark.kafka
async def test_stages_wait_for_the_broker_and_ride_out_a_20_s_outage_by_themselves(tmp_path, topic_prefix, site):
    tansu_binary()  # skips when the broker is not installed
    proxy_port = free_port()
    broker = start_broker(tmp_path, advertised_port=proxy_port)
    proxy = TcpProxy(proxy_port, int(broker.bootstrap_servers.rpartition(":")[2]))  # closed: unreachable
    flow = NewsFlow(site, stories(300, reports_per_launch=4))
    webhook = await WebhookLog().start()
    stages = StageSet(tmp_path, bus_section(f"127.0.0.1:{proxy_port}", topic_prefix,
                                            extra="connect_retry_max_s = 2\nhealth_check_s = 0.5\n"),
                      flow.config() + NOTIFY + webhook.subscriptions(SUBSCRIPTIONS))
    watch = None
    feeding = None
    try:
        # 1. Started before the broker can be reached: waiting, retrying with backoff.
        procs = await stages.start(*STAGES)
        await wait_for(lambda: all(len(p.events("bus_unavailable")) >= 3 for p in procs), 30,
                       "three bus_unavailable lines from every stage", procs)
        for stage, proc in zip(STAGES, procs):
            lines = proc.events("bus_unavailable")[:3]
            assert [line["attempt"] for line in lines] == [1, 2, 3]
            # 0.5 s doubling, capped at connect_retry_max_s, each +-20 %
            for line, expected in zip(lines, (0.5, 1.0, 2.0)):
                assert expected * 0.8 <= line["retry_in_s"] <= min(2.0, expected * 1.2), (stage, lines)
            assert f"127.0.0.1:{proxy_port}" in lines[0]["message"]
            status, body = await readyz(await stages.address(stage))
            assert status == 503 and "bus_connected" in json.loads(body)["not_ready"]
        reachable_at = time.monotonic()
        await proxy.restore()
        first_ready = await time_to_ready(stages, reachable_at, 60)

        # 2. Mid-stream, the broker out of reach for 20 s.
        watch = await TopicWatch(f"127.0.0.1:{proxy_port}", topic_prefix, ["items", "reports", "events"],
                                 "watch").start()
        feeding = asyncio.create_task(flow.run(batch=12, every_s=0.5))  # 300 items over about 12 s
        await wait_for(lambda: len(webhook.deliveries) >= 1, 30, "a first alert before the outage", stages.alive())
        addresses = {s: await stages.address(s) for s in STAGES}
        await proxy.cut()
        cut_at = time.monotonic()
        not_ready_at: dict[str, float] = {}
        while time.monotonic() - cut_at < OUTAGE_S:
            for stage, address in addresses.items():
                status, body = await readyz(address)
                if stage in not_ready_at:
                    # Once not ready, it stays so while the broker is away.
                    assert status == 503, (stage, time.monotonic() - cut_at, body)
                elif status == 503:
                    assert "bus_connected" in json.loads(body)["not_ready"], body
                    not_ready_at[stage] = time.monotonic() - cut_at
            await asyncio.sleep(0.25)
        assert set(not_ready_at) == set(STAGES), not_ready_at
        assert all(t < 5 for t in not_ready_at.values()), not_ready_at
        restored_at = time.monotonic()
        await proxy.restore()
        back_ready = await time_to_ready(stages, restored_at, 60)
        await feeding

        # 3. Nothing lost.
        launch_ids = {flow.item_id(s) for s in flow.stories if s.actor}
        await wait_for(lambda: len(reports_by_item(watch)) == len(flow.stories), 60, "a report of every item",
                       stages.alive())
        await wait_for(lambda: {s.item_id for e in latest_events(watch).values() for s in e.sources} >= launch_ids,
                       30, "every launch report in an event", stages.alive())
        await wait_for(lambda: all(s in ("delivered", "skipped") for s in notify_decisions(
            stages.state("notify"), SUBSCRIPTIONS, revisions(watch)).values()), 30,
            "every revision delivered or skipped", stages.alive())
        assert all(len(p.events("started")) == 1 for p in stages.alive())  # no stage restarted itself
        codes = await stages.stop()
    finally:
        if feeding is not None:
            feeding.cancel()
        await stages.stop()
        if watch is not None:
            await watch.close()
        await webhook.close()
        await proxy.close()
        broker.stop()
    assert codes == dict.fromkeys(STAGES, 0)
    assert {flow.item_id(s) for s in flow.stories} == set(reports_by_item(watch))
    repeats = one_id_per_delivered_revision(
        webhook, notify_decisions(stages.state("notify"), SUBSCRIPTIONS, revisions(watch)))
    assert repeats == 0
    for proc in stages.alive():
        lost, restored = proc.events("bus_lost"), proc.events("bus_restored")
        # Lost during the outage, restored after it (a slow answer under load may add a pair).
        assert len(lost) >= 1 and len(restored) == len(lost), (proc.args, lost, restored)
    print("\nbroker reachable at start-up -> ready: " + ", ".join(f"{s} {first_ready[s]:.1f} s" for s in STAGES)
          + f"\nbroker out of reach {OUTAGE_S:g} s: not ready after " + ", ".join(
              f"{s} {not_ready_at[s]:.1f} s" for s in STAGES)
          + "; broker back -> ready: " + ", ".join(f"{s} {back_ready[s]:.1f} s" for s in STAGES)
          + f"; {len(flow.stories)} items, {len(launch_ids)} launch reports, {len(revisions(watch))} revisions")


@pytest.mark.kafka
async def test_a_broker_restarted_without_its_data_gets_the_topics_again_before_the_stage_is_ready(tmp_path):
    """tansu keeps its topics in memory: restarted, it has none, and a stage that called it
    connected at once published into topics the broker made up (not compacted) and failed
    its offset commits. Ready means the topics exist, as at start-up."""
    from aiokafka.admin import AIOKafkaAdminClient

    from services.runtime.kafka_bus import KafkaBus
    from services.runtime.http import Readiness
    from services.runtime.lifecycle import watch_bus

    tansu_binary()
    port = free_port()
    broker = start_broker(tmp_path, port=port)
    topics = ["t-restart.items", "t-restart.events"]
    bus = KafkaBus(broker.bootstrap_servers, topic_prefix="t-restart.")
    readiness, stop = Readiness(), asyncio.Event()
    watcher = None
    try:
        await bus.start()
        await bus.ensure_topics(topics, 2)
        readiness.set("bus_connected", True)
        watcher = asyncio.create_task(watch_bus(bus, readiness, stop, 0.2, topics, 2))
        broker.stop()
        await wait_for(lambda: not readiness.ready(), 20, "not ready while the broker is down")
        # A send meanwhile waits for the topics: sent as soon as the broker answered, it made
        # the broker invent the topic (one partition), before the watch made it again.
        sending = asyncio.create_task(bus.producer().send(topics[0], b"x"))
        (tmp_path / "again").mkdir()
        broker = start_broker(tmp_path / "again", port=port)
        await wait_for(lambda: readiness.ready(), 30, "ready once the broker answers again")
        await asyncio.wait_for(sending, 10)
        admin = AIOKafkaAdminClient(bootstrap_servers=broker.bootstrap_servers)
        await admin.start()
        try:
            assert set(topics) <= set(await admin.list_topics())
            described = await admin.describe_topics(topics)
            assert all(len(t["partitions"]) == 2 for t in described)
        finally:
            await admin.close()
    finally:
        stop.set()
        if watcher is not None:
            await watcher
        await bus.close()
        broker.stop()
