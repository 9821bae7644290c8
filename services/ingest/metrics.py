"""What ingest counts, as Prometheus metrics on the process registry (served at `/metrics`).

- `launchwatch_ingest_polls_total{feed,status}`: polls by HTTP status, or `error`.
- `launchwatch_ingest_errors_total{feed,error}`: failed polls by error code.
- `launchwatch_items_fetched_total{feed}`: entries read from fetched documents.
- `launchwatch_items_published_total{feed}`: items put on the items topic (one per
  `item_published` line).
- `launchwatch_items_held_back_total{feed}`: items a poll or push left unpublished, past
  the source's budget (`[ingest] max_items_per_source_hour`).
- `launchwatch_source_healthy{feed}`: 1 while a source answers, 0 once it has failed
  `unhealthy_after_errors` times in a row; with a shared state, only for the sources this
  instance polls (a sum over instances counts each source once).
- `launchwatch_ingest_fetch_seconds{feed}`: fetch duration (histogram).
- `launchwatch_ingest_publish_lag_seconds`: from an item's publication time to its publish.
- `launchwatch_step_latency_seconds{step="fetch_to_publish"}`: fetch start to item on the topic.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from services.runtime.metrics import LATENCY_BUCKETS_S, REGISTRY, STEP_LATENCY

_SHARED: SimpleNamespace | None = None


def _define(registry: CollectorRegistry) -> SimpleNamespace:
    return SimpleNamespace(
        polls=Counter("launchwatch_ingest_polls_total", "Polls of a source by HTTP status (or error).",
                      ["feed", "status"], registry=registry),
        errors=Counter("launchwatch_ingest_errors_total", "Failed polls by error code.", ["feed", "error"],
                       registry=registry),
        fetched=Counter("launchwatch_items_fetched_total", "Entries read from fetched documents.", ["feed"],
                        registry=registry),
        published=Counter("launchwatch_items_published_total", "Items put on the items topic.", ["feed"],
                          registry=registry),
        held_back=Counter("launchwatch_items_held_back_total",
                          "Items left unpublished for a later poll: past the source's hourly budget.", ["feed"],
                          registry=registry),
        healthy=Gauge("launchwatch_source_healthy",
                      "1 while a source answers, 0 once it failed unhealthy_after_errors polls in a row.", ["feed"],
                      registry=registry),
        fetch_s=Histogram("launchwatch_ingest_fetch_seconds", "Fetch duration.", ["feed"],
                          buckets=LATENCY_BUCKETS_S, registry=registry),
        lag_s=Histogram("launchwatch_ingest_publish_lag_seconds",
                        "From an item's publication time (as the source states it) to its publish on the topic.",
                        buckets=(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400),
                        registry=registry),
    )


class IngestMetrics:
    """Ingest's counters, on the process registry (or on `registry`, for a test of its own)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        global _SHARED
        if registry is None:
            if _SHARED is None:
                _SHARED = _define(REGISTRY)
            self._m = _SHARED
        else:
            self._m = _define(registry)

    def polled(self, feed: str, status: int, duration_s: float, *, entries: int = 0, health: bool = True) -> None:
        """A poll that answered; `health` False where another instance now reports the source's."""
        self._m.polls.labels(feed, str(status)).inc()
        self._m.fetch_s.labels(feed).observe(duration_s)
        self._m.fetched.labels(feed).inc(entries)
        if health:
            self._m.healthy.labels(feed).set(1)

    def failed(self, feed: str, code: str, duration_s: float, *, unhealthy: bool = False,
               health: bool = True) -> None:
        self._m.polls.labels(feed, "error").inc()
        self._m.errors.labels(feed, code).inc()
        self._m.fetch_s.labels(feed).observe(duration_s)
        if unhealthy and health:
            self._m.healthy.labels(feed).set(0)

    def throttled(self, feed: str, held_back: int) -> None:
        self._m.held_back.labels(feed).inc(held_back)

    def scheduled(self, feed: str, *, healthy: bool = True) -> None:
        """A source is known and scheduled: healthy until it fails (so `sum` counts it), or,
        taken over from another instance, as its stored failures say."""
        self._m.healthy.labels(feed).set(1 if healthy else 0)

    def forget(self, feed: str) -> None:
        """A source another instance now polls: its health is that instance's to report."""
        try:
            self._m.healthy.remove(feed)
        except KeyError:  # (never reported here)
            pass

    def published(self, feed: str, published_at: datetime | None, now: datetime,
                  fetch_to_publish_s: float | None = None) -> None:
        self._m.published.labels(feed).inc()
        if fetch_to_publish_s is not None:
            STEP_LATENCY.labels("fetch_to_publish").observe(fetch_to_publish_s)
        if published_at is not None:
            lag = (now - published_at).total_seconds()
            if 0 <= lag < 86400:  # older items are backlog, not lag
                self._m.lag_s.observe(lag)
