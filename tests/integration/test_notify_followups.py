"""Revisions of one event: one first alert, then updates only for meaningful changes;
Slack bot-token subscriptions thread their updates; the DLQ can be listed and replayed."""

from __future__ import annotations

import json

import pytest
from aiohttp import web
from structlog.testing import capture_logs

from services.notify.dlq import dlq_list, dlq_replay
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from tests.loopback import serve
from tests.integration.receivers import Receiver
from tests.integration.test_notify_stage import (
    NOW,
    FakeSleep,
    make_event,
    publish,
    run_until,
    settings_for,
)

TOKEN = "xoxb-test-token-123456"


class SlackApi:
    """A loopback stand-in for slack.com/api: chat.postMessage and chat.update."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.script: list[dict] = []
        self._runner: web.AppRunner | None = None
        self.url = ""
        self._ts = 0

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        body = await request.json()
        self.calls.append((method, body))
        if self.script:
            answer = self.script.pop(0)
            return web.json_response(answer.get("json", {}), status=answer.get("status", 200),
                                     headers=answer.get("headers", {}))
        self._ts += 1
        ts = body.get("ts") or f"1790000000.{self._ts:06d}"
        # As Slack does, the answer echoes the message as posted (kilobytes with its blocks).
        echo = {"type": "message", "bot_id": "B0123", "ts": ts, "text": body.get("text", ""),
                "blocks": body.get("blocks", []), "attachments": body.get("attachments", [])}
        return web.json_response({"ok": True, "channel": body["channel"], "ts": ts, "message": echo})

    async def start(self) -> "SlackApi":
        app = web.Application()
        app.router.add_post("/api/{method}", self._handle)
        self._runner, port = await serve(app)
        self.url = f"http://127.0.0.1:{port}/api"
        return self

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()


@pytest.fixture
async def slack_api():
    api = await SlackApi().start()
    yield api
    await api.close()


def api_settings(tmp_path, api: SlackApi, hook: Receiver, **sub_overrides):
    settings = settings_for(tmp_path, [
        {"name": "ops-bot", "channel": "slack", "token": TOKEN, "slack_channel": "C0123", **sub_overrides},
        {"name": "partner-hook", "channel": "webhook", "url": hook.url},
    ])
    return settings.model_copy(update={"notify": settings.notify.model_copy(update={"slack_api_url": api.url})})


async def test_revisions_give_one_alert_and_updates_only_for_news_threaded_in_slack(tmp_path, receivers, http, slack_api):
    _, hook, _, _, _ = receivers
    settings = api_settings(tmp_path, slack_api, hook)
    bus = MemoryBus()
    await publish(
        bus,
        make_event(revision=1),
        make_event(revision=2, source_count=3, changes=["source_count"]),           # outlets repeating
        make_event(revision=3, status="confirmed", count=3, changes=["status", "count"]),
        make_event(revision=4, status="confirmed", count=3, source_count=9, changes=["source_count"]),
        make_event(revision=5, status="retracted", count=3, changes=["status", "correction"]),
    )
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len(hook.accepted) == 3 and len(slack_api.calls) == 5)
    ctx.close()

    kinds = [json.loads(body)["kind"] for _, body in hook.accepted]
    revisions = [json.loads(body)["event"]["revision"] for _, body in hook.accepted]
    assert kinds == ["alert", "update", "update"] and revisions == [1, 3, 5]

    methods = [m for m, _ in slack_api.calls]
    assert methods == ["chat.postMessage", "chat.postMessage", "chat.update", "chat.postMessage", "chat.update"]
    first, update, refresh, retraction, rewrite = (body for _, body in slack_api.calls)
    assert "thread_ts" not in first and first["channel"] == "C0123"
    parent_ts = "1790000000.000001"
    assert update["thread_ts"] == parent_ts and update["reply_broadcast"] is False
    assert "count: 2 → *3*" in json.dumps(update["blocks"], ensure_ascii=False)
    assert retraction["thread_ts"] == parent_ts and retraction["reply_broadcast"] is True
    assert rewrite["ts"] == parent_ts and "(retracted)" in rewrite["text"]
    # The update refreshed the channel's message too: it no longer says "(reported)".
    assert refresh["ts"] == parent_ts and "(confirmed)" in refresh["text"] and "thread_ts" not in refresh

    skipped = {(line["subscription"], line["revision"]): line["reason"] for line in logs if line["event"] == "alert_skipped"}
    assert skipped[("partner-hook", 2)] == "no_meaningful_change"
    assert skipped[("ops-bot", 4)] == "no_meaningful_change"
    assert TOKEN not in json.dumps(logs, default=str)


async def test_slack_api_ratelimited_is_retried_and_a_bad_channel_is_dead_lettered(tmp_path, receivers, http, slack_api):
    _, hook, _, _, _ = receivers
    slack_api.script = [{"status": 429, "headers": {"Retry-After": "3"}, "json": {"ok": False, "error": "ratelimited"}}]
    settings = api_settings(tmp_path, slack_api, hook)
    bus = MemoryBus()
    await publish(bus, make_event())
    sleep = FakeSleep()
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await run_until(ctx, lambda: len(slack_api.calls) == 2, sleep=sleep)
    assert any(w >= 3 for w in sleep.waits)
    ctx.close()  # the process stops; the next run_until starts it again

    slack_api.script = [{"json": {"ok": False, "error": "channel_not_found"}}]
    await publish(bus, make_event("evt-2"))
    await run_until(ctx, lambda: len(bus.records("launchwatch.dlq")) == 1)
    ctx.close()
    assert len(slack_api.calls) == 3
    rows = await dlq_list(settings, bus, idle_s=0.05)
    assert [(r.letter.subscription, r.letter.event_id, r.state) for r in rows] == [("ops-bot", "evt-2", "dead")]
    assert "channel_not_found" in rows[0].letter.reason


async def test_a_slack_answer_that_is_json_but_no_object_is_retried_not_a_crash(tmp_path, receivers, http, slack_api):
    _, hook, _, _, _ = receivers
    slack_api.script = [{"json": []}, {"json": None}]
    settings = api_settings(tmp_path, slack_api, hook)
    bus = MemoryBus()
    await publish(bus, make_event())
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len(slack_api.calls) == 3, sleep=FakeSleep())
    ctx.close()
    failed = [e for e in logs if e["event"] == "delivery_failed" and e["subscription"] == "ops-bot"]
    assert [(e["retryable"], e["error"]) for e in failed] == [
        (True, "slack chat.postMessage answered with a body that is not a JSON object")] * 2
    assert not [e for e in logs if e["event"] in ("delivery_crashed", "message_dead_lettered")]
    assert [e["subscription"] for e in logs if e["event"] == "alert_delivered"].count("ops-bot") == 1


async def _deliver_to_hook(tmp_path, hook, http, failures: int, events, done):
    """The notify stage delivers `events` to one webhook that answers 500 `failures` times
    first, until `done(bus)`; returns the settings and the bus, for `launchwatch dlq`."""
    hook.script = [(500, {})] * failures
    settings = settings_for(tmp_path, [{"name": "partner-hook", "channel": "webhook", "url": hook.url}])
    bus = MemoryBus()
    await publish(bus, *events)
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await run_until(ctx, lambda: done(bus))
    ctx.close()
    return settings, bus


def _letters(n: int):
    return lambda bus: len(bus.records("launchwatch.dlq")) == n


async def test_dlq_replay_resends_dead_deliveries_once_with_the_same_delivery_id(tmp_path, receivers, http):
    _, hook, _, _, _ = receivers
    settings, bus = await _deliver_to_hook(tmp_path, hook, http, 3, [make_event()], _letters(1))
    failed_id = hook.requests[0][0]["X-Launchwatch-Delivery"]
    assert hook.accepted == []

    # As `launchwatch dlq replay` runs it: with an HTTP session of its own.
    result = await dlq_replay(settings, bus, clock=lambda: NOW, sleep=FakeSleep(), idle_s=0.05)
    assert (result.delivered, result.failed) == (1, 0)
    assert [h["X-Launchwatch-Delivery"] for h, _ in hook.accepted] == [failed_id]
    # ... which says who sends, as every delivery of the stage does.
    assert hook.accepted[0][0]["User-Agent"] == settings.ingest.user_agent

    again = await dlq_replay(settings, bus, http=http, clock=lambda: NOW, sleep=FakeSleep(), idle_s=0.05)
    assert (again.delivered, again.already_done) == (0, 1)
    assert len(hook.accepted) == 1
    assert [r.state for r in await dlq_list(settings, bus, idle_s=0.05)] == ["delivered"]


async def test_a_delivery_that_fails_again_on_replay_is_listed_once(tmp_path, receivers, http):
    _, hook, _, _, _ = receivers
    # Down for the delivery and for its replay.
    settings, bus = await _deliver_to_hook(tmp_path, hook, http, 6, [make_event()], _letters(1))
    result = await dlq_replay(settings, bus, http=http, clock=lambda: NOW, sleep=FakeSleep(), idle_s=0.05)
    assert result.failed == 1 and len(bus.records("launchwatch.dlq")) == 2
    rows = await dlq_list(settings, bus, idle_s=0.05)
    assert [(r.letter.event_id, r.revision, r.state) for r in rows] == [("evt-prk-1", 1, "dead")]


async def test_attempts_count_every_post_across_replays(tmp_path, receivers, http):
    _, hook, _, _, _ = receivers
    # Three failures in the stage, one more in a first replay; a second replay gets through.
    settings, bus = await _deliver_to_hook(tmp_path, hook, http, 4, [make_event()], _letters(1))
    failed = await dlq_replay(settings, bus, http=http, clock=lambda: NOW, sleep=FakeSleep(), idle_s=0.05)
    assert failed.failed == 1
    with capture_logs() as logs:
        done = await dlq_replay(settings, bus, http=http, clock=lambda: NOW, sleep=FakeSleep(), idle_s=0.05)
    assert done.delivered == 1 and len(hook.requests) == 5
    (delivered,) = [line for line in logs if line["event"] == "alert_delivered"]
    assert delivered["attempts"] == 5  # every POST the receiver had


async def test_dlq_replay_sends_an_event_once_as_it_now_stands(tmp_path, receivers, http):
    _, hook, _, _, _ = receivers
    # Down for both revisions of the event.
    settings, bus = await _deliver_to_hook(tmp_path, hook, http, 6, [make_event(), make_event(revision=2, count=3)],
                                           _letters(2))

    result = await dlq_replay(settings, bus, http=http, clock=lambda: NOW, sleep=FakeSleep(), idle_s=0.05)
    # One alert, with the count as it now stands; the older revision is not sent.
    assert (result.delivered, result.superseded, result.failed) == (1, 1, 0)
    assert [json.loads(body)["event"]["revision"] for _, body in hook.accepted] == [2]
    assert sorted(r.state for r in await dlq_list(settings, bus, idle_s=0.05)) == ["delivered", "skipped"]


async def test_dlq_replay_does_not_resend_a_revision_a_later_one_has_told(tmp_path, receivers, http):
    _, hook, _, _, _ = receivers
    # Down for the first revision, back for the second.
    settings, bus = await _deliver_to_hook(tmp_path, hook, http, 3, [make_event(), make_event(revision=2, count=3)],
                                           lambda bus: len(hook.accepted) == 1)

    result = await dlq_replay(settings, bus, http=http, clock=lambda: NOW, sleep=FakeSleep(), idle_s=0.05)
    assert (result.delivered, result.superseded) == (0, 1)
    assert len(hook.accepted) == 1


async def test_dlq_works_from_the_ledger_when_the_bus_forgot_its_letters(tmp_path, receivers, http):
    _, hook, _, _, _ = receivers
    settings, bus = await _deliver_to_hook(tmp_path, hook, http, 3, [make_event()], _letters(1))

    fresh_bus = MemoryBus()  # `launchwatch dlq` in a new process: the memory bus is empty
    rows = await dlq_list(settings, fresh_bus, idle_s=0.01, max_wait_s=0.05)
    assert [(r.letter.subscription, r.letter.event_id, r.state, r.offset) for r in rows] == [
        ("partner-hook", "evt-prk-1", "dead", None)]
    assert "HTTP 500" in rows[0].letter.reason
    result = await dlq_replay(settings, fresh_bus, http=http, clock=lambda: NOW, sleep=FakeSleep(),
                              idle_s=0.01, max_wait_s=0.05)
    assert result.delivered == 1 and len(hook.accepted) == 1
    assert await dlq_list(settings, fresh_bus, idle_s=0.01, max_wait_s=0.05) == []


async def test_dlq_list_shows_a_removed_subscriptions_letters_and_refuses_a_misspelt_name(tmp_path, receivers,
                                                                                          http):
    import io

    from services.notify.dlq import list_command

    _, hook, _, _, _ = receivers
    settings, _ = await _deliver_to_hook(tmp_path, hook, http, 3, [make_event()], _letters(1))
    out, err = io.StringIO(), io.StringIO()
    # Taken out of the configuration since: its dead letter is still there to see.
    assert await list_command(settings, out, err, subscription="partner-hook", configured=["console"]) == 0
    assert "evt-prk-1" in out.getvalue()
    header, row = out.getvalue().splitlines()
    assert row.split()[header.split().index("rev") + 1] == "1"  # which revision (after the date's two words)
    out, err = io.StringIO(), io.StringIO()
    assert await list_command(settings, out, err, subscription="partner-hok", configured=["partner-hook"]) == 2
    assert out.getvalue() == ""
    assert err.getvalue().count("\n") == 1
    assert "'partner-hok'" in err.getvalue() and "configured: partner-hook" in err.getvalue()


async def test_slack_api_posts_without_the_map_when_slack_cannot_fetch_it(tmp_path, receivers, http, slack_api):
    _, hook, _, _, _ = receivers
    settings = api_settings(tmp_path, slack_api, hook)
    settings = settings.model_copy(update={"web": settings.web.model_copy(
        update={"public_url": "https://watch.example.org"})})
    refused = {"json": {"ok": False, "error": "invalid_blocks"}}
    slack_api.script = [refused, {"json": {"ok": True, "ts": "1790000000.000001"}},
                        {"json": {"ok": True, "ts": "1790000000.000002"}}, refused]
    bus = MemoryBus()
    await publish(bus, make_event(revision=1),
                  make_event(revision=5, status="retracted", count=3, changes=["status", "correction"]))
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await run_until(ctx, lambda: len(hook.accepted) == 2 and len(slack_api.calls) == 5)
    ctx.close()

    def images(body: dict) -> int:
        return [b["type"] for b in body["blocks"]].count("image")

    methods = [m for m, _ in slack_api.calls]
    assert methods == ["chat.postMessage"] * 3 + ["chat.update"] * 2
    first, first_again, retraction, rewrite, rewrite_again = (body for _, body in slack_api.calls)
    assert images(first) == 1 and images(first_again) == 0 and first_again["channel"] == "C0123"
    assert retraction["thread_ts"] == "1790000000.000001" and images(retraction) == 0
    assert images(rewrite) == 1 and images(rewrite_again) == 0 and rewrite_again["ts"] == "1790000000.000001"


async def test_an_update_whose_first_message_cannot_be_edited_is_still_delivered(tmp_path, receivers, http, slack_api):
    _, hook, _, _, _ = receivers
    settings = api_settings(tmp_path, slack_api, hook)
    slack_api.script = [{"json": {"ok": True, "ts": "1790000000.000001"}},
                        {"json": {"ok": True, "ts": "1790000000.000002"}},
                        {"json": {"ok": False, "error": "message_not_found"}}]
    bus = MemoryBus()
    await publish(bus, make_event(revision=1),
                  make_event(revision=3, status="confirmed", count=3, changes=["status", "count"]))
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len(hook.accepted) == 2 and any(
            e["event"] == "alert_delivered" and e["subscription"] == "ops-bot" and e["revision"] == 3 for e in logs))
    ctx.close()
    assert [m for m, _ in slack_api.calls] == ["chat.postMessage", "chat.postMessage", "chat.update"]
    delivered = [e for e in logs if e["event"] == "alert_delivered" and e["subscription"] == "ops-bot"]
    assert [e["revision"] for e in delivered] == [1, 3]
    assert any(e["event"] == "slack_parent_not_updated" and "message_not_found" in e["error"] for e in logs)


async def test_a_long_answer_from_slack_is_read_whole_and_the_alert_is_posted_once(tmp_path, receivers, http, slack_api):
    """Slack's answer to chat.postMessage echoes the message: kilobytes. Read to its first
    2,000 characters it was "not JSON", the post was tried again, and the channel got the
    alert twice."""
    _, hook, _, _, _ = receivers
    settings = api_settings(tmp_path, slack_api, hook)
    echo = {"type": "message", "text": "North Korea: 2 ballistic missiles", "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3000}}] * 3}
    slack_api.script = [{"json": {"ok": True, "channel": "C0123", "ts": "1790000000.000001", "message": echo}}]
    await deliver_one_alert(settings, http, hook, "ops-bot")
    assert [m for m, _ in slack_api.calls] == ["chat.postMessage"]


async def deliver_one_alert(settings, http, hook: Receiver, subscription: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """One event's first revision through notify, until `hook` has it and `subscription`
    delivered it; the log lines."""
    bus = MemoryBus()
    await publish(bus, make_event(revision=1))
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len(hook.accepted) == 1 and any(
            e["event"] == "alert_delivered" and e["subscription"] == subscription for e in logs))
    ctx.close()
    return logs


async def test_a_receiver_answering_an_endless_body_costs_a_bounded_read_and_the_alert_is_delivered(
        tmp_path, receivers, http):
    """A receiver that answers 200 and then streams for ever was read into memory until the
    time limit (gigabytes), and the delivery counted as failed and was tried again."""
    from services.notify.channels import MAX_ANSWER_BYTES

    _, hook, _, _, _ = receivers
    streamed: list[int] = []

    async def endless(request: web.Request) -> web.StreamResponse:
        await request.read()
        response = web.StreamResponse(status=200)
        await response.prepare(request)
        chunk = b"x" * 65536
        try:
            for _ in range(100_000):  # 6.5 GB if it were all read
                await response.write(chunk)
                streamed.append(len(chunk))
        except (ConnectionResetError, RuntimeError):
            pass  # launchwatch stopped reading and closed the connection
        return response

    app = web.Application()
    app.router.add_post("/endless", endless)
    runner, port = await serve(app)
    try:
        settings = settings_for(tmp_path, [{"name": "endless", "channel": "webhook",
                                            "url": f"http://127.0.0.1:{port}/endless"},
                                           {"name": "partner-hook", "channel": "webhook", "url": hook.url}])
        logs = await deliver_one_alert(settings, http, hook, "endless")
    finally:
        await runner.cleanup()
    assert not [e for e in logs if e["event"] == "delivery_failed"]  # delivered at the first attempt
    # The sender stopped after its cap; what the server managed to write before it saw the
    # connection close is a few socket buffers more.
    assert sum(streamed) < MAX_ANSWER_BYTES + 16 * 1024 * 1024


async def test_the_deliveries_pages_replay_button_resends_and_tells_every_outcome(tmp_path, receivers, http):
    import asyncio

    from pydantic import SecretStr

    from services.web.worker import build_stage
    from tests.loopback import free_port

    _, hook, _, _, _ = receivers
    # Revision 1 dies; so does revision 2, which its replay then delivers: revision 1 is
    # superseded by it, not sent after it.
    settings, bus = await _deliver_to_hook(tmp_path, hook, http, 6, [make_event(), make_event(revision=2, count=3)],
                                           _letters(2))
    port = free_port()
    settings = settings.model_copy(update={
        "web": settings.web.model_copy(update={"admin_token": SecretStr("replay-token-0123")}),
        "http": settings.http.model_copy(update={"listen": f"127.0.0.1:{port}"})})
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    stop = asyncio.Event()
    stage = await build_stage(ctx)
    running = asyncio.create_task(stage.run(stop))
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                async with http.get(f"{base}/deliveries") as response:
                    if response.status == 200 and "Replay" in await response.text():
                        break
            except Exception:
                pass
            await asyncio.sleep(0.05)
        import structlog

        with capture_logs(processors=[structlog.contextvars.merge_contextvars]) as logs:
            async with http.post(f"{base}/deliveries/replay",
                                 data={"letter": "partner-hook|evt-prk-1", "token": "replay-token-0123"}) as answer:
                page = await answer.text()
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)
        ctx.close()
    assert "Replayed: 1 delivered; 0 failed again; 1 not sent: a later revision tells the event as it now stands." \
        in page
    assert [json.loads(body)["event"]["revision"] for _, body in hook.accepted] == [2]
    [said] = [e for e in logs if e["event"] == "dlq_replayed_from_web"]
    assert (said["delivered"], said["superseded"], said["failed"]) == (1, 1, 0)
    assert (said["service"], said["stage"]) == ("notify", "web")
