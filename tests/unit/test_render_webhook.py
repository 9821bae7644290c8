"""Webhook rendering: the contract body, and a signature a receiver can verify."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone

from schemas import LaunchEvent
from services.notify.alert import Alert, delivery_id_for
from services.notify.render_webhook import render_webhook, webhook_headers

T0 = datetime(2026, 11, 25, 1, 12, tzinfo=timezone.utc)
EVENT = LaunchEvent(event_id="evt-1", revision=2, actor="PRK", kind="icbm", count=1, confidence=0.8,
                    headline="ICBM <launch> & \"more\"", first_reported_at=T0, updated_at=T0)


def receiver_verifies(secret: str, headers: dict[str, str], body: bytes, now: int, tolerance_s: int = 300) -> bool:
    """What a receiver does (the README snippet)."""
    timestamp = headers["X-Launchwatch-Timestamp"]
    if abs(now - int(timestamp)) > tolerance_s:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["X-Launchwatch-Signature"])


def test_body_is_the_contract():
    alert = Alert(delivery_id_for("hook", "evt-1", 2), "hook", "update", EVENT)
    payload = json.loads(render_webhook(alert))
    assert set(payload) == {"delivery_id", "subscription", "kind", "event"}
    assert payload["kind"] == "update" and payload["subscription"] == "hook"
    assert LaunchEvent.model_validate(payload["event"]) == EVENT


def test_signature_verifies_and_breaks_on_any_change():
    body = render_webhook(Alert("dlv_x", "hook", "alert", EVENT))
    headers = webhook_headers("dlv_x", body, timestamp=1_790_000_000, secret="s3cret-value")
    assert headers["X-Launchwatch-Delivery"] == "dlv_x"
    assert receiver_verifies("s3cret-value", headers, body, now=1_790_000_010)
    assert not receiver_verifies("other-secret", headers, body, now=1_790_000_010)
    assert not receiver_verifies("s3cret-value", headers, body + b" ", now=1_790_000_010)
    forged = dict(headers, **{"X-Launchwatch-Timestamp": "1790000005"})
    assert not receiver_verifies("s3cret-value", forged, body, now=1_790_000_010)


def test_no_secret_no_signature_header():
    headers = webhook_headers("dlv_x", b"{}", timestamp=1, secret=None)
    assert "X-Launchwatch-Signature" not in headers


def test_delivery_id_is_stable_and_distinct():
    assert delivery_id_for("a", "e", 1) == delivery_id_for("a", "e", 1)
    assert len({delivery_id_for("a", "e", 1), delivery_id_for("a", "e", 2), delivery_id_for("b", "e", 1)}) == 3
