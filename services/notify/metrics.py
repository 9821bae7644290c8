"""What notify counts, on the process registry (served at `/metrics`)."""

from __future__ import annotations

from prometheus_client import Counter

from services.runtime.metrics import REGISTRY

DELIVERIES = Counter(
    "launchwatch_deliveries_total",
    "Delivery attempts by channel and outcome: delivered (one per alert_delivered line), failed (one per "
    "delivery_failed line, retried or not), dead (given up, dead-lettered).",
    ["channel", "outcome"], registry=REGISTRY,
)
