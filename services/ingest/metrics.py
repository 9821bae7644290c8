"""Per-source counters for Prometheus, rendered in the text exposition format.

Counted: polls by status, errors by code, items published, fetch duration (sum and count)
and the lag between an item's publication time and its publish to the topic.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime


class IngestMetrics:
    """In-process counters; `render()` gives the Prometheus text format."""

    def __init__(self) -> None:
        self.polls: dict[tuple[str, str], int] = defaultdict(int)  # (feed, status)
        self.errors: dict[tuple[str, str], int] = defaultdict(int)  # (feed, code)
        self.items: dict[str, int] = defaultdict(int)
        self.fetch_seconds_sum: dict[str, float] = defaultdict(float)
        self.fetch_seconds_count: dict[str, int] = defaultdict(int)
        self.lag_seconds_sum: dict[str, float] = defaultdict(float)
        self.lag_seconds_count: dict[str, int] = defaultdict(int)

    def polled(self, feed: str, status: int, duration_s: float) -> None:
        self.polls[(feed, str(status))] += 1
        self.fetch_seconds_sum[feed] += duration_s
        self.fetch_seconds_count[feed] += 1

    def failed(self, feed: str, code: str, duration_s: float) -> None:
        self.polls[(feed, "error")] += 1
        self.errors[(feed, code)] += 1
        self.fetch_seconds_sum[feed] += duration_s
        self.fetch_seconds_count[feed] += 1

    def published(self, feed: str, published_at: datetime | None, now: datetime) -> None:
        self.items[feed] += 1
        if published_at is not None:
            lag = (now - published_at).total_seconds()
            if 0 <= lag < 86400:  # older items are backlog, not lag
                self.lag_seconds_sum[feed] += lag
                self.lag_seconds_count[feed] += 1

    def render(self) -> str:
        """The counters in Prometheus text exposition format (version 0.0.4)."""
        lines: list[str] = []

        def header(name: str, kind: str, help_text: str) -> None:
            lines.append(f"# HELP {name} {help_text}")
            lines.append(f"# TYPE {name} {kind}")

        def sample(name: str, labels: dict[str, str], value: float) -> None:
            text = ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())
            lines.append(f"{name}{{{text}}} {value:g}")

        header("launchwatch_ingest_polls_total", "counter", "Polls of a source by HTTP status (or error).")
        for (feed, status), value in sorted(self.polls.items()):
            sample("launchwatch_ingest_polls_total", {"feed": feed, "status": status}, value)
        header("launchwatch_ingest_errors_total", "counter", "Failed polls by error code.")
        for (feed, code), value in sorted(self.errors.items()):
            sample("launchwatch_ingest_errors_total", {"feed": feed, "error": code}, value)
        header("launchwatch_ingest_items_total", "counter", "Items put on the items topic.")
        for feed, value in sorted(self.items.items()):
            sample("launchwatch_ingest_items_total", {"feed": feed}, value)
        for name, sums, counts, help_text in (
            ("launchwatch_ingest_fetch_seconds", self.fetch_seconds_sum, self.fetch_seconds_count,
             "Fetch duration."),
            ("launchwatch_ingest_publish_lag_seconds", self.lag_seconds_sum, self.lag_seconds_count,
             "From an item's publication time to its publish on the topic."),
        ):
            header(name, "summary", help_text)
            for feed in sorted(counts):
                sample(f"{name}_sum", {"feed": feed}, sums[feed])
                sample(f"{name}_count", {"feed": feed}, counts[feed])
        return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
