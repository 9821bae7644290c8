"""The process's Prometheus metrics: one registry, and the metrics every stage shares.

Metrics live where they are counted: this module defines the registry and what the
plumbing counts (records handled and dead-lettered per topic, consumer lag, how old a
record is when its handler is done); each stage package defines its own counters in its
`metrics.py`, on the same registry. `/metrics` (see `services.runtime.http`) renders
`REGISTRY`. Every name starts with `launchwatch_`.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

# The `_created` series double what a scrape carries and no dashboard of ours reads them.
disable_created_metrics()

REGISTRY = CollectorRegistry(auto_describe=True)

# Buckets for the per-step latencies: from a few milliseconds (memory bus) to minutes
# (a retried delivery, a slow feed).
LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)

# The step a consuming stage completes by handling a record, by the short name of the topic
# it reads. Notify is not here: handling an event only queues its deliveries, so notify
# observes `revision_to_delivered` itself when a delivery is done.
STEP_BY_TOPIC = {
    "items": "item_to_report",
    "launch-reports": "report_to_revision",
}

MESSAGES_HANDLED = Counter(
    "launchwatch_messages_handled_total", "Records a stage finished (handled or dead-lettered), per topic and group.",
    ["topic", "group"], registry=REGISTRY,
)
DEAD_LETTERED = Counter(
    "launchwatch_dead_lettered_total",
    "Messages written to the dead-letter topic, per stage (the DLQ's growth in this process).",
    ["stage"], registry=REGISTRY,
)
CONSUMER_LAG = Gauge(
    "launchwatch_consumer_lag", "Records on a partition not yet read by the group (high-water mark - position).",
    ["topic", "partition", "group"], registry=REGISTRY,
)
STEP_LATENCY = Histogram(
    "launchwatch_step_latency_seconds",
    "Time a step took: fetch_to_publish (fetch start to item on the topic), item_to_report, report_to_revision, "
    "revision_to_delivered (from the input record's broker timestamp to its handler being done; for deliveries, "
    "from the revision's updated_at to the receiver's answer).",
    ["step"], buckets=LATENCY_BUCKETS_S, registry=REGISTRY,
)
READY = Gauge(
    "launchwatch_ready", "1 while the process's /readyz answers ready, else 0 (waiting for the broker, its group, "
    "the state database).", registry=REGISTRY,
)
BUS_CONNECT_ATTEMPTS = Counter(
    "launchwatch_bus_connect_attempts_total", "Attempts to reach the bus at start-up, by outcome.",
    ["outcome"], registry=REGISTRY,
)


def short_topic(topic: str, prefix: str) -> str:
    """`launchwatch.items` → `items` (the topic as named in the design, whatever the prefix)."""
    return topic[len(prefix):] if prefix and topic.startswith(prefix) else topic


def render() -> tuple[bytes, str]:
    """The registry in the Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
