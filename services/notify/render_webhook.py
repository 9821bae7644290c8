"""Generic webhook deliveries: the JSON body and the signed headers (pure).

Contract: POST `{"delivery_id", "subscription", "kind", "event"}` (and `"label"` where the
instance has one, `[notify] label`: "DEMO ..." for the demo's recorded launch) with
`X-Launchwatch-Delivery`, `X-Launchwatch-Timestamp` (unix seconds) and, with a secret,
`X-Launchwatch-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from services.notify.alert import Alert

CONTENT_TYPE = "application/json"


def render_webhook(alert: Alert) -> bytes:
    """The raw body. It is fixed per delivery, so every retry sends the same bytes."""
    payload = {
        "delivery_id": alert.delivery_id,
        "subscription": alert.subscription,
        "kind": alert.kind,
        "event": alert.event.model_dump(mode="json"),
    }
    if alert.label:
        payload["label"] = alert.label
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=<hex>` over `timestamp + "." + body`, as receivers recompute it."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def webhook_headers(delivery_id: str, body: bytes, *, timestamp: int, secret: str | None) -> dict[str, str]:
    """Headers of one attempt; the timestamp (and so the signature) is that attempt's."""
    headers = {
        "Content-Type": CONTENT_TYPE,
        "X-Launchwatch-Delivery": delivery_id,
        "X-Launchwatch-Timestamp": str(timestamp),
    }
    if secret:
        headers["X-Launchwatch-Signature"] = signature(secret, timestamp, body)
    return headers
