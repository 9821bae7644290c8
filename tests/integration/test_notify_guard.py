"""The address guard on deliveries: webhooks, Slack (incoming webhook and Web API) and SMTP
reach loopback or private addresses only when `[notify] allowed_networks` lets them, and
a delivery always connects to the address that was checked."""

from __future__ import annotations

from structlog.testing import capture_logs

from schemas import DeadLetter
from services.notify.ledger import Ledger
from services.runtime import addresses
from services.runtime.db import connect
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from tests.integration.test_notify_stage import NOW, FakeSleep, make_event, publish, run_until, settings_for


def without_allow_list(settings):
    return settings.model_copy(update={"notify": settings.notify.model_copy(update={"allowed_networks": []})})


async def test_loopback_destinations_are_refused_without_the_allow_list(tmp_path, receivers, http):
    slack, hook, slack_api, mailbox, smtp_port = receivers
    settings = settings_for(tmp_path, [
        {"name": "partner-hook", "channel": "webhook", "url": hook.url, "secret": "s3cret-value"},
        {"name": "ops-slack", "channel": "slack", "url": slack.url},
        {"name": "ops-bot", "channel": "slack", "token": "xoxb-test-token-1", "slack_channel": "C1"},
        {"name": "duty", "channel": "email", "to": ["duty@example.org"]},
    ], smtp_port)
    settings = without_allow_list(settings)
    settings = settings.model_copy(update={"notify": settings.notify.model_copy(
        update={"slack_api_url": slack_api.url.rsplit("/hook", 1)[0]})})
    bus = MemoryBus()
    await publish(bus, make_event())
    sleep = FakeSleep()
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    with capture_logs() as logs:
        await run_until(ctx, lambda: len(bus.records("launchwatch.dlq")) == 3 and len(mailbox.messages) == 1,
                        sleep=sleep)
    ctx.close()

    # Nothing was sent to a loopback webhook or Slack, nothing was retried; the mail relay
    # on this host, the operator's own (`[smtp] host`), took the e-mail.
    assert hook.requests == [] and slack.requests == [] and slack_api.requests == [] and len(mailbox.messages) == 1
    assert sleep.waits == []
    letters = {d.subscription: d for d in (DeadLetter.from_bytes(r.value) for r in bus.records("launchwatch.dlq"))}
    assert set(letters) == {"partner-hook", "ops-slack", "ops-bot"}
    assert all(d.error == "BlockedAddress" for d in letters.values())
    assert letters["partner-hook"].reason == (
        'webhook: blocked address: 127.0.0.1 is not a public address (loopback); add "127.0.0.1/32" (or its '
        'network) to [notify] allowed_networks to allow it')
    assert letters["ops-bot"].reason.startswith("slack chat.postMessage: blocked address: 127.0.0.1")
    # One line per refused delivery says why, and it is not a retry.
    failed = [line for line in logs if line["event"] == "delivery_failed"]
    assert sorted(line["subscription"] for line in failed) == ["ops-bot", "ops-slack", "partner-hook"]
    assert all(line["retryable"] is False and "blocked address" in line["error"] for line in failed)
    conn = connect(settings.state.path)
    dead = Ledger(conn).dead()
    conn.close()
    assert sorted(row[0] for row in dead) == ["ops-bot", "ops-slack", "partner-hook"]
    assert all("blocked address" in row[3] for row in dead)


async def test_a_webhook_goes_to_the_address_its_name_was_checked_at(tmp_path, receivers, http, monkeypatch):
    _, hook, _, _, _ = receivers
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]  # `receiver.test` resolves here only: connecting by name would fail

    monkeypatch.setattr(addresses, "system_resolve", resolve)
    port = hook.url.split(":")[2].split("/")[0]
    url = hook.url.replace(f"127.0.0.1:{port}", f"receiver.test:{port}")
    settings = settings_for(tmp_path, [{"name": "partner-hook", "channel": "webhook", "url": url}])
    bus = MemoryBus()
    await publish(bus, make_event())
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await run_until(ctx, lambda: len(hook.accepted) == 1)
    ctx.close()
    headers, _ = hook.accepted[0]
    assert headers["Host"] == f"receiver.test:{port}" and asked == ["receiver.test"]
