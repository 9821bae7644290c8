"""What classify counts, on the process registry (served at `/metrics`)."""

from __future__ import annotations

from prometheus_client import Counter

from services.runtime.metrics import REGISTRY

REPORTS = Counter("launchwatch_reports_total", "Items classified (a report on the reports topic), by verdict.",
                  ["is_launch"], registry=REGISTRY)
LAUNCH_REPORTS = Counter("launchwatch_launch_reports_total",
                         "Reports passed to clustering (on the launch-reports topic).", registry=REGISTRY)
