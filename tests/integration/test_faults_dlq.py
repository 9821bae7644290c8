"""Records that are not what their topic promises (a tombstone, bytes that are not JSON,
JSON of the wrong shape) on every topic a stage consumes: each goes to `launchwatch.dlq`
with the reason, and the stage handles the good record behind it."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone

import aiohttp
import pytest

from schemas import DeadLetter, FeedItem
from tests.integration.harness import wait_for
from tests.integration.receivers import Receiver
from tests.integration.stageset import StageSet, TopicWatch, bus_section
from tests.integration.test_end_to_end import LAUNCH_SUMMARY, LAUNCH_TITLE

BAD_VALUES: dict[str, bytes | None] = {
    "tombstone": None,
    "not_json": b"\xff\xfe<rss>not json",
    "wrong_shape": b'{"item_id": 5, "event_id": [], "revision": 0}',
    "json_array": b"[1, 2, 3]",
}
# Who reads each topic, and so must dead-letter its bad records.
READERS = {"items": ["classify"], "launch-reports": ["events"], "events": ["notify", "web"]}


@pytest.mark.kafka
async def test_bad_records_on_every_consumed_topic_are_dead_lettered_and_the_next_is_handled(
        tmp_path, kafka_broker, topic_prefix):
    hook = await Receiver().start()
    # One partition: each bad record is ahead of the good one in the same partition.
    stages = StageSet(tmp_path, bus_section(kafka_broker.bootstrap_servers, topic_prefix, partitions=1), f"""
[notify]
allowed_networks = ["127.0.0.1/32"]
backoff_base_s = 0.1
backoff_max_s = 0.5

[[subscriptions]]
name = "hook"
channel = "webhook"
url = "{hook.url}"
min_confidence = 0.0
""")
    watch = await TopicWatch(kafka_broker.bootstrap_servers, topic_prefix, ["dlq", "events"], "watch").start(1)
    try:
        for topic in READERS:
            for value in BAD_VALUES.values():
                key = b"launch-reports" if topic == "launch-reports" else b"bad"
                await watch.send(topic, value, key=key)
        now = datetime.now(timezone.utc)
        item = FeedItem(item_id="good-1", feed="Loopback Wire", feed_url="http://127.0.0.1/feed.xml",
                        title=LAUNCH_TITLE, summary=LAUNCH_SUMMARY, lang="en", published_at=now, first_seen_at=now)
        await watch.send("items", item.to_bytes(), key=b"bad")

        procs = await stages.start("classify", "events", "notify", "web")
        await wait_for(lambda: len(hook.accepted) == 1, 60, "the good item's alert", procs)
        expected_letters = sum(len(r) for r in READERS.values()) * len(BAD_VALUES)
        await wait_for(lambda: len(watch.values("dlq")) >= expected_letters, 30, "every dead letter", procs)
        await stages.wait_ready(["classify", "events", "notify", "web"], 30)
        event = json.loads(hook.accepted[0][1])["event"]
        async with aiohttp.ClientSession() as http:
            # The web stage reads the events topic on its own, beside notify: the alert can
            # come first, and the page shows the event once the web stage has read it.
            url = f"http://{await stages.address('web')}/api/events/{event['event_id']}"
            shown: list[dict] = []
            deadline = asyncio.get_running_loop().time() + 30
            while not shown and asyncio.get_running_loop().time() < deadline:
                async with http.get(url) as resp:
                    if resp.status == 200:
                        shown.append(await resp.json())
                    else:
                        assert resp.status == 404, resp.status
                        await asyncio.sleep(0.1)
            assert shown and shown[0]["event_id"] == event["event_id"], "the web stage never showed the alerted event"
    finally:
        codes = await stages.stop()
        await watch.close()
        await hook.close()
    assert codes == {"classify": 0, "events": 0, "notify": 0, "web": 0}

    letters = [DeadLetter.from_bytes(v) for v in watch.values("dlq")]
    by_stage: dict[str, list[DeadLetter]] = {}
    for letter in letters:
        by_stage.setdefault(letter.stage, []).append(letter)
    for topic, readers in READERS.items():
        for stage in readers:
            mine = [letter for letter in by_stage.get(stage, []) if letter.topic == f"{topic_prefix}{topic}"]
            assert len(mine) == len(BAD_VALUES), (stage, [(m.reason, m.value) for m in mine])
            assert [m.offset for m in mine] == list(range(len(BAD_VALUES)))
            assert all(m.error == "InvalidMessage" and m.reason.startswith("not a ") for m in mine), \
                [(m.error, m.reason) for m in mine]
    assert len(letters) == sum(len(r) for r in READERS.values()) * len(BAD_VALUES)
    assert any("tombstone" in letter.reason or "no value" in letter.reason for letter in letters)
