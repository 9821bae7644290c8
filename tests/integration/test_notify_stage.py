"""The notify stage over the in-memory bus, with real receivers on loopback.

Slack and webhook receivers are aiohttp servers on 127.0.0.1; e-mail goes to a real
aiosmtpd server (`tests/integration/receivers.py`; the `receivers` and `http` fixtures are
in conftest.py). Sleeps are injected, so retry waits are recorded, not waited.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from structlog.testing import capture_logs

from schemas import DeadLetter, EventSource, LaunchEvent
from services.notify.worker import build_stage
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from services.config import Settings
from tests.integration.receivers import Receiver

NOW = datetime(2026, 11, 25, 1, 30, tzinfo=timezone.utc)
SECRET = "whsec-test-0123456789"


def make_event(event_id: str = "evt-prk-1", revision: int = 1, **overrides) -> LaunchEvent:
    values = dict(
        event_id=event_id, revision=revision, status="reported", actor="PRK", kind="ballistic", count=2,
        direction="East Sea", confidence=0.9, headline="North Korea fires two ballistic missiles <!channel>",
        first_reported_at=NOW - timedelta(minutes=10), updated_at=NOW,
        sources=[EventSource(item_id="i1", feed="Yonhap", url="https://en.yna.co.kr/a", title="t")],
    )
    values.update(overrides)
    return LaunchEvent(**values)


class FakeSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


def settings_for(tmp_path, subscriptions: list[dict], smtp_port: int = 25, **more: dict) -> Settings:
    return Settings.model_validate({
        **more,
        "state": {"path": str(tmp_path / "state.db")},
        # The receivers listen on loopback, which the address guard refuses unless allowed.
        "notify": {"slack_interval_s": 0, "max_attempts": 3, "backoff_base_s": 1, "backoff_max_s": 10,
                   "allowed_networks": ["127.0.0.1/32"]},
        "smtp": {"host": "127.0.0.1", "port": smtp_port, "sender": "launchwatch@alerts.example"},
        "subscriptions": subscriptions,
    })


async def run_until(ctx: StageContext, done: Callable[[], bool], *, sleep=None, group: str = "launchwatch-notify",
                    timeout_s: float = 10.0) -> None:
    """Run the stage until `done()` holds and the events topic is fully committed."""
    stage = await build_stage(ctx, sleep=sleep or FakeSleep(), group=group)
    stop = asyncio.Event()
    task = asyncio.create_task(stage.run(stop))
    topic = ctx.topic("events")
    bus: MemoryBus = ctx.bus  # type: ignore[assignment]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while loop.time() < deadline:
        committed = bus._groups[group].committed
        all_committed = all(committed.get((topic, p), 0) >= bus.end_offset(topic, p)
                            for p in range(len(bus.logs[topic])))
        if done() and all_committed:
            break
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert done(), "stage did not reach the expected state in time"


async def publish(bus: MemoryBus, *events: LaunchEvent) -> None:
    for event in events:
        await bus.producer().send("launchwatch.events", event.to_bytes(), key=event.event_id.encode())


def verify(headers: dict[str, str], body: bytes) -> bool:
    ts = headers["X-Launchwatch-Timestamp"]
    expected = "sha256=" + hmac.new(SECRET.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get("X-Launchwatch-Signature", ""))


def subs(slack: Receiver, hook: Receiver) -> list[dict]:
    return [
        {"name": "ops-slack", "channel": "slack", "url": slack.url, "min_confidence": 0.5},
        {"name": "partner-hook", "channel": "webhook", "url": hook.url, "secret": SECRET},
        {"name": "duty", "channel": "email", "to": ["duty@example.org"]},
    ]


async def test_one_event_reaches_every_channel_once_and_a_restart_sends_nothing(tmp_path, receivers, http):
    slack, hook, _, mailbox, smtp_port = receivers
    settings = settings_for(tmp_path, subs(slack, hook), smtp_port)
    bus = MemoryBus()
    await publish(bus, make_event())
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len(slack.accepted) + len(hook.accepted) + len(mailbox.messages) >= 3)

    assert len(slack.accepted) == 1 and len(hook.accepted) == 1 and len(mailbox.messages) == 1
    slack_body = json.loads(slack.accepted[0][1])
    assert "&lt;!channel&gt;" in slack_body["text"] and "<!channel>" not in json.dumps(slack_body)
    headers, body = hook.accepted[0]
    assert verify(headers, body)
    payload = json.loads(body)
    assert payload["kind"] == "alert" and payload["event"]["event_id"] == "evt-prk-1"
    assert headers["X-Launchwatch-Delivery"] == payload["delivery_id"]
    rcpts, mail = mailbox.messages[0]
    assert rcpts == ["duty@example.org"]
    assert mail["Subject"] == "North Korea: 2 ballistic missiles toward East Sea (reported)"
    delivered = [line for line in logs if line["event"] == "alert_delivered"]
    assert sorted(d["subscription"] for d in delivered) == ["duty", "ops-slack", "partner-hook"]
    assert all(d["attempts"] == 1 and d["revision"] == 1 and d["delivery_id"] for d in delivered)
    assert not any(slack.url in json.dumps(line, default=str) for line in logs)

    # A restart reading the topic again (new group, same state file) sends nothing.
    ctx.close()  # the first process is gone
    ctx2 = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs2:
        await run_until(ctx2, lambda: True, group="launchwatch-notify-restarted")
    ctx2.close()
    assert len(slack.requests) == 1 and len(hook.requests) == 1 and len(mailbox.messages) == 1
    assert not [line for line in logs2 if line["event"] == "alert_delivered"]


async def test_slack_alert_shows_the_map_from_the_web_public_url(tmp_path, receivers, http):
    slack, hook, _, _, _ = receivers
    settings = settings_for(tmp_path, subs(slack, hook)[:1], web={"public_url": "https://watch.example.org"})
    bus = MemoryBus()
    await publish(bus, make_event())
    await run_until(StageContext(settings, bus, http, clock=lambda: NOW), lambda: len(slack.accepted) == 1)
    [image] = [b for b in json.loads(slack.accepted[0][1])["blocks"] if b["type"] == "image"]
    assert image["image_url"] == "https://watch.example.org/events/evt-prk-1/map.png?rev=1"


async def test_slack_alert_goes_without_the_map_when_slack_cannot_fetch_it(tmp_path, receivers, http):
    slack, hook, _, _, _ = receivers
    slack.script, slack.error_text = [(400, {})], "invalid_blocks"
    settings = settings_for(tmp_path, subs(slack, hook)[:1], web={"public_url": "https://watch.example.org"})
    bus = MemoryBus()
    await publish(bus, make_event())
    await run_until(StageContext(settings, bus, http, clock=lambda: NOW), lambda: len(slack.accepted) == 1)
    refused, sent = (json.loads(body) for _, body in slack.requests)
    assert [b["type"] for b in refused["blocks"]].count("image") == 1
    assert "image" not in [b["type"] for b in sent["blocks"]] and sent["text"] == refused["text"]


async def test_slack_429_is_retried_after_the_wait_it_asked_for(tmp_path, receivers, http):
    slack, hook, _, _, _ = receivers
    slack.script = [(429, {"Retry-After": "7"})]
    settings = settings_for(tmp_path, subs(slack, hook)[:1])
    bus = MemoryBus()
    await publish(bus, make_event())
    sleep = FakeSleep()
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len(slack.accepted) == 1, sleep=sleep)
    ctx.close()
    assert len(slack.requests) == 2 and len(slack.accepted) == 1
    assert any(w >= 7 for w in sleep.waits)
    failed = [line for line in logs if line["event"] == "delivery_failed"]
    assert len(failed) == 1 and failed[0]["retryable"] is True and "429" in failed[0]["error"]
    assert [line["attempts"] for line in logs if line["event"] == "alert_delivered"] == [2]


async def test_a_receiver_failing_forever_is_dead_lettered_and_the_others_still_get_theirs(tmp_path, receivers, http):
    slack, hook, broken, mailbox, smtp_port = receivers
    subscriptions = subs(slack, hook) + [{"name": "broken-hook", "channel": "webhook", "url": broken.url}]
    settings = settings_for(tmp_path, subscriptions, smtp_port)
    bus = MemoryBus()
    await publish(bus, make_event(), make_event("evt-2"))
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    sleep = FakeSleep()
    with capture_logs() as logs:
        # Each subscription goes at its own pace: wait for the healthy ones too.
        await run_until(ctx, lambda: len(bus.records("launchwatch.dlq")) == 2 and len(slack.accepted) == 2
                        and len(hook.accepted) == 2 and len(mailbox.messages) == 2, sleep=sleep)
    ctx.close()
    assert len(broken.requests) == 2 * 3  # max_attempts each, then given up
    # Exponential backoff with jitter: about 1 s, then about 2 s (base 1 s, +-20 %), per event.
    assert len(sleep.waits) == 4
    assert all(0.8 <= w <= 1.2 for w in sleep.waits[0::2]) and all(1.6 <= w <= 2.4 for w in sleep.waits[1::2])
    letters = [DeadLetter.from_bytes(r.value) for r in bus.records("launchwatch.dlq")]
    assert {(d.subscription, d.event_id) for d in letters} == {("broken-hook", "evt-prk-1"), ("broken-hook", "evt-2")}
    assert all("HTTP 500" in d.reason and d.error == "RetriesExhausted" for d in letters)
    assert LaunchEvent.from_bytes(letters[0].value.encode()).event_id in {"evt-prk-1", "evt-2"}
    assert len(slack.accepted) == 2 and len(hook.accepted) == 2 and len(mailbox.messages) == 2
    assert len([line for line in logs if line["event"] == "alert_delivered"]) == 6
    assert broken.url not in json.dumps(logs, default=str)


async def test_a_4xx_is_not_retried(tmp_path, receivers, http):
    slack, hook, _, _, _ = receivers
    hook.script = [(404, {})]
    settings = settings_for(tmp_path, subs(slack, hook)[1:2])
    bus = MemoryBus()
    await publish(bus, make_event())
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await run_until(ctx, lambda: len(bus.records("launchwatch.dlq")) == 1)
    ctx.close()
    assert len(hook.requests) == 1
    assert DeadLetter.from_bytes(bus.records("launchwatch.dlq")[0].value).error == "PermanentError"


async def test_no_subscriptions_means_one_console_alert(tmp_path, http):
    settings = settings_for(tmp_path, [])
    bus = MemoryBus()
    await publish(bus, make_event(confidence=0.1))
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: any(line["event"] == "alert_delivered" for line in logs))
    ctx.close()
    line = next(line for line in logs if line["event"] == "alert_delivered")
    assert line["channel"] == "console" and line["summary"].startswith("North Korea: 2 ballistic missiles")


async def test_a_delivery_cut_short_by_a_crash_is_sent_again_with_the_same_id(tmp_path, receivers, http):
    from services.notify.alert import delivery_id_for
    from services.notify.ledger import Ledger
    from services.notify.subscriptions import snapshot
    from services.runtime.db import connect

    slack, hook, _, _, _ = receivers
    settings = settings_for(tmp_path, subs(slack, hook)[1:2])
    event = make_event()
    # The process died after marking the delivery pending, before the ledger heard back.
    conn = connect(settings.state.path)
    Ledger(conn).mark_pending(subscription="partner-hook", event_id=event.event_id, revision=1,
                              delivery_id=delivery_id_for("partner-hook", event.event_id, 1), kind="alert",
                              changed=(), previous={}, facts=snapshot(event))
    conn.close()
    bus = MemoryBus()
    await publish(bus, event)
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await run_until(ctx, lambda: len(hook.accepted) == 1)
    ctx.close()
    assert hook.accepted[0][0]["X-Launchwatch-Delivery"] == delivery_id_for("partner-hook", event.event_id, 1)


async def test_attempts_made_before_a_crash_count_and_a_replay_starts_afresh(tmp_path, receivers, http):
    """A process that crashes and restarts again and again must not retry a dead receiver
    without end: the attempts made before count towards `max_attempts` (3 here). After two
    failed attempts and a crash, one more is made, then the delivery is dead-lettered."""
    from services.notify.alert import delivery_id_for
    from services.notify.ledger import Ledger
    from services.notify.subscriptions import snapshot
    from services.runtime.db import connect

    slack, hook, _, _, _ = receivers
    hook.script = [(500, {})] * 10
    settings = settings_for(tmp_path, subs(slack, hook)[1:2])
    event = make_event()
    conn = connect(settings.state.path)
    ledger = Ledger(conn)
    ledger.mark_pending(subscription="partner-hook", event_id=event.event_id, revision=1,
                        delivery_id=delivery_id_for("partner-hook", event.event_id, 1), kind="alert",
                        changed=(), previous={}, facts=snapshot(event))
    ledger.count_attempt("partner-hook", event.event_id, 1)
    ledger.count_attempt("partner-hook", event.event_id, 1)
    conn.close()
    bus = MemoryBus()
    await publish(bus, event)
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await run_until(ctx, lambda: len(bus.records("launchwatch.dlq")) == 1, sleep=FakeSleep())
    ctx.close()
    assert len(hook.requests) == 1
    conn = connect(settings.state.path)
    ledger = Ledger(conn)
    entry = ledger.get("partner-hook", event.event_id, 1)
    assert (entry.status, entry.attempts) == ("dead", 3)
    # `dlq replay` owes it again: with attempts of its own.
    ledger.mark_pending(subscription="partner-hook", event_id=event.event_id, revision=1,
                        delivery_id=delivery_id_for("partner-hook", event.event_id, 1), kind="alert",
                        changed=(), previous={}, facts=snapshot(event))
    assert ledger.get("partner-hook", event.event_id, 1).attempts == 0
    conn.close()


async def test_an_old_event_alerts_nobody_and_the_log_says_why(tmp_path, receivers, http):
    slack, hook, _, _, _ = receivers
    settings = settings_for(tmp_path, subs(slack, hook)[:2])
    bus = MemoryBus()
    await publish(bus, make_event(first_reported_at=NOW - timedelta(days=400)))
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len([x for x in logs if x["event"] == "alert_skipped"]) == 2)
    ctx.close()
    assert slack.requests == [] and hook.requests == []
    skipped = [line for line in logs if line["event"] == "alert_skipped"]
    assert {line["reason"] for line in skipped} == {"too_old"}
    assert "freshness window" in skipped[0]["detail"]


async def test_a_retry_after_beyond_the_backoff_cap_is_dead_lettered_at_once(tmp_path, receivers, http):
    slack, hook, _, _, _ = receivers
    slack.script = [(429, {"Retry-After": "86400"})]
    settings = settings_for(tmp_path, subs(slack, hook)[:1])
    bus = MemoryBus()
    await publish(bus, make_event())
    sleep = FakeSleep()
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await run_until(ctx, lambda: len(bus.records("launchwatch.dlq")) == 1, sleep=sleep)
    ctx.close()
    assert len(slack.requests) == 1 and sleep.waits == []
    assert "86400" in DeadLetter.from_bytes(bus.records("launchwatch.dlq")[0].value).reason


async def test_a_bug_in_one_channel_is_dead_lettered_listed_as_dead_and_spares_the_others(tmp_path, receivers, http):
    from services.notify.dlq import dlq_list
    from services.notify.worker import make_channels

    slack, hook, _, _, _ = receivers
    settings = settings_for(tmp_path, subs(slack, hook)[:2])

    class BrokenWebhook:
        async def send(self, alert, sub):
            raise KeyError("renderer bug")

    channels = {**make_channels(settings, http, lambda: NOW), "webhook": BrokenWebhook()}
    bus = MemoryBus()
    await publish(bus, make_event())
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    stage = await build_stage(ctx, sleep=FakeSleep(), channels=channels)
    stop = asyncio.Event()
    task = asyncio.create_task(stage.run(stop))
    for _ in range(500):
        if bus.records("launchwatch.dlq") and slack.accepted:
            break
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert len(slack.accepted) == 1  # the healthy subscription still got its alert
    (letter,) = [DeadLetter.from_bytes(r.value) for r in bus.records("launchwatch.dlq")]
    assert letter.subscription == "partner-hook" and letter.error == "KeyError"
    rows = await dlq_list(settings, bus, idle_s=0.05, max_wait_s=0.2)
    assert [(row.letter.subscription, row.state) for row in rows] == [("partner-hook", "dead")]
    # `dlq list --subscription/--event` show only what they name.
    assert await dlq_list(settings, bus, subscription="ops-slack", idle_s=0.05, max_wait_s=0.2) == []
    assert len(await dlq_list(settings, bus, subscription="partner-hook", idle_s=0.05, max_wait_s=0.2)) == 1
    assert await dlq_list(settings, bus, event_id="evt-other", idle_s=0.05, max_wait_s=0.2) == []
    assert len(await dlq_list(settings, bus, event_id=letter.event_id, idle_s=0.05, max_wait_s=0.2)) == 1
    ctx.close()


async def test_a_dead_letter_the_bus_cannot_take_leaves_the_delivery_owed_until_it_can(tmp_path, receivers, http):
    slack, hook, _, _, _ = receivers
    settings = settings_for(tmp_path, subs(slack, hook)[:2])
    bus = MemoryBus()
    inner = bus.producer()
    refused: list[str] = []

    class BusAwayForTwoLetters:
        async def send(self, topic, value, *, key=None, headers=()):
            if topic == "launchwatch.dlq" and len(refused) < 2:
                refused.append(topic)
                raise ConnectionError("broker unreachable")
            await inner.send(topic, value, key=key, headers=headers)

    bus.producer = lambda: BusAwayForTwoLetters()  # type: ignore[method-assign]
    await publish(bus, make_event(), make_event("evt-2"))
    hook.script = [(404, {}), (404, {})]
    sleep = FakeSleep()
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len(bus.records("launchwatch.dlq")) == 1 and len(hook.accepted) == 1
                        and len(slack.accepted) == 2, sleep=sleep)
    ctx.close()
    # The 404 was not lost with the letter: the row stayed owed, came again after a backoff,
    # and its letter names the 404; the next event went on after it, in order.
    (letter,) = [DeadLetter.from_bytes(r.value) for r in bus.records("launchwatch.dlq")]
    assert (letter.subscription, letter.event_id, letter.error) == ("partner-hook", "evt-prk-1", "PermanentError")
    assert "HTTP 404" in letter.reason
    assert [json.loads(body)["event"]["event_id"] for _, body in hook.requests] == ["evt-prk-1", "evt-prk-1", "evt-2"]
    assert [line["event_id"] for line in logs if line["event"] == "outbox_row_failed"] == ["evt-prk-1"]
    assert len(slack.accepted) == 2  # the other subscription never waited
