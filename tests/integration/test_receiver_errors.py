"""What a failed delivery's error says when the receiver cannot be reached or answers
something that is not HTTP: enough to act on (which host and port, what was wrong), and
never the configured URL, which can be a secret (a Slack webhook's path)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import aiohttp
import pytest

from schemas import LaunchEvent
from services.notify.alert import Alert, delivery_id_for
from services.notify.channels import WebhookChannel
from services.notify.settings import SubscriptionSettings
from services.runtime.addresses import AddressPolicy, parse_networks
from services.runtime.errors import RetryableError
from tests.loopback import free_port

NOW = datetime(2026, 11, 25, 1, 30, tzinfo=timezone.utc)
EVENT = LaunchEvent(event_id="evt-1", revision=1, actor="PRK", kind="ballistic", count=1, confidence=0.9,
                    headline="North Korea fires a ballistic missile", first_reported_at=NOW, updated_at=NOW)
PATH = "/services/T000/B000/hook-secret-path"


async def deliver(port: int) -> str:
    sub = SubscriptionSettings(name="partner-hook", channel="webhook", url=f"http://127.0.0.1:{port}{PATH}")
    async with aiohttp.ClientSession() as http:
        channel = WebhookChannel(http, timeout_s=5, clock=lambda: NOW,
                                 addresses=AddressPolicy(allowed_networks=parse_networks(["127.0.0.1/32"])))
        with pytest.raises(RetryableError) as failed:
            await channel.send(Alert(delivery_id_for("partner-hook", "evt-1", 1), "partner-hook", "alert", EVENT), sub)
    return str(failed.value)


async def test_a_receiver_nobody_listens_at_is_named_by_host_port_and_reason():
    error = await deliver(free_port())
    assert error.startswith("webhook: cannot connect to 127.0.0.1:") and error.endswith(": Connection refused")
    assert "hook-secret-path" not in error


async def test_an_answer_that_is_not_http_says_what_was_read():
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)
        writer.write(b"HTTP/1.1 204 No Content\r\n\r\nthank you\r\n")  # a body a 204 may not have
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    try:
        error = await deliver(server.sockets[0].getsockname()[1])
    finally:
        server.close()
        await server.wait_closed()
    assert error.startswith("webhook: an answer that is not valid HTTP: ") and "thank you" in error
    assert "\n" not in error and "hook-secret-path" not in error
