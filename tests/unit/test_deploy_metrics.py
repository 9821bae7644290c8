"""The dashboard and the alert rules in deploy/ name only metrics the processes export."""

from __future__ import annotations

import re
from pathlib import Path

import services.classify.metrics  # noqa: F401 - registers its metrics
import services.events.metrics  # noqa: F401
import services.notify.metrics  # noqa: F401
from services.ingest.metrics import IngestMetrics
from services.runtime.metrics import REGISTRY

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def exported() -> set[str]:
    IngestMetrics()  # the process's ingest metrics
    names = set()
    for metric in REGISTRY.collect():
        names.add(metric.name)
        names.update(sample.name for sample in metric.samples)
        if metric.type == "counter":
            names.add(metric.name + "_total")
        if metric.type == "histogram":
            names.update(metric.name + s for s in ("_bucket", "_count", "_sum"))
    return names


def test_dashboard_and_alerts_use_exported_metrics():
    known = exported()
    for path in (DEPLOY / "grafana" / "launchwatch.json", DEPLOY / "prometheus" / "alerts.yaml"):
        used = set(re.findall(r"launchwatch_[a-z_]+", path.read_text(encoding="utf-8")))
        assert used, path
        assert used <= known, (path.name, sorted(used - known))
