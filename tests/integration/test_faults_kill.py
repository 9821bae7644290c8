"""SIGKILL of each stage in turn (`serve ingest`, `classify`, `events`, `notify`, one process
each over tansu, each with its own state file) while 1,000 news items flow, 55 of them
reports of five launches; each is restarted at once. Afterwards no item, report or event
revision is lost, and each event revision reached each subscription under exactly one
delivery id.

Prints, per stage, the time from the kill to the restarted process's first output
(a record on its output topic, or a delivery): run with `-s` to see it."""

from __future__ import annotations

import asyncio
import time

import pytest

from schemas import LaunchReport
from tests.integration.harness import wait_for
from tests.integration.newsflow import LAUNCHES, NewsFlow, stories
from tests.integration.stageset import (StageSet, TopicWatch, WebhookLog, bus_section, latest_events, notify_decisions,
                                        one_id_per_delivered_revision, reports_by_item, revisions)

SUBSCRIPTIONS = ("hook-a", "hook-b")
STAGES = ("ingest", "classify", "events", "notify")
OUTPUT = {"ingest": "items", "classify": "reports", "events": "events"}
NOTIFY = """
[notify]
allowed_networks = ["127.0.0.1/32"]
backoff_base_s = 0.1
backoff_max_s = 1
max_attempts = 20
"""


def first_output_after(watch: TopicWatch, webhook: WebhookLog, stage: str, after_s: float) -> float | None:
    """Wall time of the first output of `stage` made after `after_s` (wall seconds)."""
    if stage == "notify":
        times = [d.at_s for d in webhook.deliveries if d.at_s > after_s]
    else:
        times = [r.timestamp_ms / 1000 for _, r in watch.records[OUTPUT[stage]]
                 if r.timestamp_ms and r.timestamp_ms / 1000 > after_s]
    return min(times) if times else None


@pytest.mark.kafka
@pytest.mark.parametrize("partitions", ["group", "assigned"])
async def test_each_stage_killed_mid_stream_loses_nothing_and_alerts_each_revision_once(
        tmp_path, kafka_broker, topic_prefix, site, partitions):
    # "assigned": every stage reads all its partitions itself (`[bus] assign_partitions`), so a
    # restarted stage resumes from its group's committed offsets without joining the group.
    extra = 'assign_partitions = ["classify", "cluster", "notify"]\n' if partitions == "assigned" else ""
    flow = NewsFlow(site, stories(1000, reports_per_launch=11))
    webhook = await WebhookLog().start()
    stages = StageSet(tmp_path, bus_section(kafka_broker.bootstrap_servers, topic_prefix, extra=extra),
                      flow.config() + NOTIFY + webhook.subscriptions(SUBSCRIPTIONS))
    watch = await TopicWatch(kafka_broker.bootstrap_servers, topic_prefix, ["items", "reports", "events"],
                             "watch").start()
    recovery_s: dict[str, float] = {}
    feeding = None
    try:
        await stages.start(*STAGES)
        await stages.wait_ready(STAGES, 60)
        # 16 items a second while the stages are killed and restarted in turn (the last 100
        # wait for that, so every kill lands while items flow), then the rest at once.
        killed_all = asyncio.Event()
        feeding = asyncio.create_task(flow.run(batch=8, every_s=0.5, keep_back=100, release=killed_all))
        for stage in STAGES:
            await asyncio.sleep(2)
            killed_at = time.time()
            await stages.procs[stage].kill()
            await stages.start(stage)
            await wait_for(lambda: first_output_after(watch, webhook, stage, killed_at) is not None, 60,
                           f"{stage}'s first output after its restart", stages.alive())
            recovery_s[stage] = first_output_after(watch, webhook, stage, killed_at) - killed_at
        killed_all.set()
        await feeding

        launch_ids = {flow.item_id(s) for s in flow.stories if s.actor}

        def reports() -> dict[str, LaunchReport]:
            return reports_by_item(watch)

        def sourced() -> set[str]:
            return {s.item_id for e in latest_events(watch).values() for s in e.sources}

        # (A loss would never end this wait; a machine busy with the rest of the suite may
        # take more than a minute over the backlog the kills left.)
        await wait_for(lambda: len(reports()) == len(flow.stories), 120, "a report of every item", stages.alive())
        await wait_for(lambda: sourced() >= launch_ids, 30, "every launch report in an event", stages.alive())

        def settled() -> bool:
            statuses = notify_decisions(stages.state("notify"), SUBSCRIPTIONS, revisions(watch)).values()
            return all(s in ("delivered", "skipped") for s in statuses)

        await wait_for(settled, 30, "every revision delivered or skipped", stages.alive())
        codes = await stages.stop()
    finally:
        if feeding is not None:
            feeding.cancel()
        await stages.stop()
        await watch.close()
        await webhook.close()
    assert codes == dict.fromkeys(STAGES, 0)

    # Nothing lost: every item was classified, every launch report is in an event, each
    # of the five launches is an event.
    assert {flow.item_id(s) for s in flow.stories} == set(reports())
    assert all(reports()[i].is_launch for i in launch_ids)
    assert {e.actor for e in latest_events(watch).values()} == set(LAUNCHES)

    # Each revision on the topic: decided for each subscription; those delivered arrived
    # under exactly one delivery id, and nothing else arrived.
    decisions = notify_decisions(stages.state("notify"), SUBSCRIPTIONS, revisions(watch))
    repeats = one_id_per_delivered_revision(webhook, decisions)
    delivered = {key for key, status in decisions.items() if status == "delivered"}
    assert {(sub, e) for sub, e, _ in delivered} == {(sub, e) for sub in SUBSCRIPTIONS for e in latest_events(watch)}
    # Only a delivery cut by the kill between the receiver's answer and the ledger repeats
    # (same id): at most one per subscription.
    assert repeats <= len(SUBSCRIPTIONS)
    print("\nkill -9 recovery (kill to first output of the restarted stage): "
          + ", ".join(f"{s} {recovery_s[s]:.1f} s" for s in STAGES)
          + f"; {len(flow.stories)} items, {len(launch_ids)} launch reports, {len(latest_events(watch))} events, "
            f"{len(revisions(watch))} revisions, {len(delivered)} deliveries, {repeats} repeated under the same id")
