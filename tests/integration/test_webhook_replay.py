"""A captured signed webhook replayed with a new X-Launchwatch-Delivery header.

The signature covers the timestamp and the body, not the header, so the replay still
verifies. A receiver following docs/delivery.md dedups on the body's (signed)
`delivery_id` and detects it; this test runs the receiver code exactly as the page
shows it.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import aiohttp
from aiohttp import web

from schemas import LaunchEvent
from services.notify.alert import Alert, delivery_id_for
from services.notify.channels import WebhookChannel
from services.notify.settings import SubscriptionSettings
from services.runtime.addresses import AddressPolicy, parse_networks
from tests.integration.harness import verify_signature
from tests.loopback import serve

DOC = Path(__file__).resolve().parents[2] / "docs" / "delivery.md"
SECRET = "whsec-replay-test-0123456789"
SENT_AT = datetime(2026, 11, 25, 1, 30, tzinfo=timezone.utc)


def documented_receiver():
    """The `LaunchwatchWebhooks` class from the page's code block."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- webhook-receiver:begin -->\s*```python\n(.*?)```\s*<!-- webhook-receiver:end -->",
                      text, re.S)
    assert block, "docs/delivery.md lost its webhook receiver snippet"
    namespace: dict = {}
    exec(compile(block.group(1), str(DOC), "exec"), namespace)  # noqa: S102 - our own documentation
    return namespace["LaunchwatchWebhooks"]


class Endpoint:
    """A receiver's HTTP endpoint built on the documented class; it acts on accepted payloads only."""

    def __init__(self, now: float) -> None:
        self.webhooks = documented_receiver()(SECRET)
        self.now = now
        self.outcomes: list[str] = []
        self.acted_on: list[str] = []
        self.captured: list[tuple[dict[str, str], bytes]] = []

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.captured.append((dict(request.headers), body))
        outcome, payload = self.webhooks.receive(request.headers, body, now=self.now)
        self.outcomes.append(outcome)
        if outcome == "accepted":
            self.acted_on.append(payload["delivery_id"])
        return web.Response(status=401 if payload is None else 204)


async def test_a_replay_with_a_new_delivery_header_is_detected_as_a_duplicate():
    endpoint = Endpoint(now=SENT_AT.timestamp() + 30)
    app = web.Application()
    app.router.add_post("/hook", endpoint.handle)
    runner, port = await serve(app)
    url = f"http://127.0.0.1:{port}/hook"
    event = LaunchEvent(event_id="evt-1", revision=1, actor="PRK", kind="ballistic", count=1, confidence=0.9,
                        headline="North Korea fires a ballistic missile", first_reported_at=SENT_AT - timedelta(minutes=3),
                        updated_at=SENT_AT)
    sub = SubscriptionSettings(name="partner-hook", channel="webhook", url=url, secret=SECRET)
    try:
        async with aiohttp.ClientSession() as http:
            channel = WebhookChannel(http, timeout_s=5, clock=lambda: SENT_AT,
                                     addresses=AddressPolicy(allowed_networks=parse_networks(["127.0.0.1/32"])))
            delivery_id = delivery_id_for("partner-hook", "evt-1", 1)
            await channel.send(Alert(delivery_id, "partner-hook", "alert", event), sub)
            headers, body = endpoint.captured[0]

            # 60 s later, within the 300 s window, someone sends the captured bytes again with a new header.
            replayed = {name: value for name, value in headers.items()
                        if name.lower() not in ("host", "content-length")}
            replayed["X-Launchwatch-Delivery"] = "dlv_" + "f" * 32
            assert verify_signature(SECRET, replayed, body, now_s=SENT_AT.timestamp() + 60) is None  # still verifies
            endpoint.now = SENT_AT.timestamp() + 60
            async with http.post(url, data=body, headers=replayed) as resp:
                assert resp.status == 204  # acknowledged, so a genuine retry would stop too

            # Changing the signed body's delivery_id instead breaks the signature.
            forged = body.replace(delivery_id.encode(), b"dlv_" + b"0" * 32)
            async with http.post(url, data=forged, headers=replayed) as resp:
                assert resp.status == 401

            # After the window the captured request is refused outright.
            endpoint.now = SENT_AT.timestamp() + 301
            async with http.post(url, data=body, headers=replayed) as resp:
                assert resp.status == 401
    finally:
        await runner.cleanup()

    assert json.loads(body)["delivery_id"] == headers["X-Launchwatch-Delivery"] == delivery_id
    assert endpoint.outcomes == ["accepted", "duplicate", "bad_signature", "stale"]
    assert endpoint.acted_on == [delivery_id]  # the alert was acted on once


def test_the_documented_receiver_takes_headers_in_any_case_and_refuses_odd_digits():
    import hashlib
    import hmac

    receiver = documented_receiver()(SECRET)
    now = SENT_AT.timestamp()
    body = json.dumps({"delivery_id": "dlv_1"}).encode()
    stamp = str(int(now))
    mac = hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    lower = {"x-launchwatch-timestamp": stamp, "x-launchwatch-signature": "sha256=" + mac}
    assert receiver.receive(lower, body, now=now)[0] == "accepted"
    assert receiver.receive({"X-Launchwatch-Timestamp": "²²", "X-Launchwatch-Signature": "x"}, body, now=now) == (
        "stale", None)
    assert receiver.receive({"X-Launchwatch-Timestamp": stamp, "X-Launchwatch-Signature": "sha256=é"}, body,
                            now=now) == ("bad_signature", None)
