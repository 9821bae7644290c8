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


def test_the_scrape_config_finds_every_stage_of_compose_under_the_job_the_alerts_name():
    import yaml

    scrape = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text(encoding="utf-8"))
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    alerts = (DEPLOY / "prometheus" / "alerts.yaml").read_text(encoding="utf-8")
    (job,) = scrape["scrape_configs"]
    assert f'job="{job["job_name"]}"' in alerts and scrape["rule_files"] == ["alerts.yaml"]
    stages = {name for name, service in compose["services"].items() if service.get("command", [None])[0] == "serve"}
    (found,) = job["dns_sd_configs"]
    assert set(found["names"]) == stages and found["port"] == 8080


def test_the_systemd_unit_starts_a_stage_the_command_line_knows():
    from services.cli import _parser

    unit = (DEPLOY / "systemd" / "launchwatch@.service").read_text(encoding="utf-8")
    start = re.search(r"^ExecStart=\S+/launchwatch (.+)$", unit, re.MULTILINE)
    assert start is not None and "KillMode=mixed" in unit and "RestartPreventExitStatus=2" in unit
    for stage in ("ingest", "classify", "events", "notify", "web"):
        args = _parser().parse_args(start.group(1).replace("%i", stage).split())
        assert (args.command, args.stage) == ("serve", stage)
