"""The events stage's cost per launch report against the number of open events.

    .venv/bin/python -m bench --only cluster_open_events [--quick]

`Clusterer.add` on a SQLite state file in a temporary folder, in this process, fed the
end-to-end bench's launch reports (the same North Korean headline dated a day apart, each
opening an event of its own, classified once beforehand) with `[events] inactive_close_s`
set so that 1, 30 or 300 events are open while the measured reports arrive: each report
opens one event and, once the state is full, closes the oldest. The first reports fill the
state and are not counted. Reported per open-event count: CPU time (this thread's) and
wall time per report, p50 / p99 in ms.

Then one mass strike: `MASS_STRIKE_REPORTS` reports of one Russian barrage from as many
outlets, a minute apart, each naming a city struck and a count that grows, all joining one
event that keeps its 20 sources (`MAX_SOURCES`) and resolves its facts from them on every
report. Reported: CPU and wall time per report after the first 20.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench import pipeline
from bench.report import Context, Section, Table
from schemas import Evidence, LaunchFields, LaunchReport
from services.classify.report import report_for
from services.events.clusterer import Clusterer
from services.events.state import Window
from services.runtime.db import connect

OPEN_EVENTS = (1, 30, 300)
DAY_S = 86400.0
MASS_STRIKE_REPORTS = 200
_CITIES = ("Kyiv", "Lviv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "cities across Ukraine")


def measure(open_events: int, reports: int) -> dict[str, Any]:
    """`open_events + reports` launches through one Clusterer; the last `reports` timed."""
    total = open_events + reports
    first = pipeline.first_launch_date(total)
    now = datetime.now(timezone.utc)
    launches = [report_for(pipeline.launch_item(n, first), now) for n in range(total)]
    # Launches a day apart: an event closes once the newest report is this much later.
    window = Window(stale_after_s=pipeline.TEN_YEARS_S, inactive_close_s=(open_events - 0.5) * DAY_S)
    cpu_ms: list[float] = []
    wall_ms: list[float] = []
    held: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        conn = connect(Path(tmp) / "state.db")
        try:
            clusterer = Clusterer(conn, window=window)
            for n, report in enumerate(launches):
                wall, cpu = time.perf_counter(), time.thread_time()
                events = clusterer.add(report)
                if n >= open_events:
                    cpu_ms.append((time.thread_time() - cpu) * 1000)
                    wall_ms.append((time.perf_counter() - wall) * 1000)
                    held.append(len(clusterer.open_events))
                if len(events) != 1:
                    raise RuntimeError(f"launch {n} caused {len(events)} event revisions, not 1")
        finally:
            conn.close()
    return {"open_events": open_events, "held": [min(held), max(held)], "reports": reports,
            "cpu": _quantiles(cpu_ms), "wall": _quantiles(wall_ms)}


def strike_report(n: int, start: datetime) -> LaunchReport:
    """The n-th outlet's report of one Russian barrage, n minutes after the first."""
    at = start + timedelta(minutes=n)
    count = 10 + n // 2
    return LaunchReport(
        item_id=f"strike-{n}", revision=1, feed=f"Outlet {n}", url=f"https://outlet{n}.example/strike",
        title=f"Russia fires {count} missiles at Ukraine, strikes on {_CITIES[n % len(_CITIES)]}", lang="en",
        published_at=at, first_seen_at=at, source_kind="news", is_launch=True, confidence=0.9,
        fields=LaunchFields(actor="RUS", kind="cruise", count=count, direction=_CITIES[n % len(_CITIES)]),
        retrospective=False, classified_at=at,
        evidence=[Evidence(cue="count:number", text=f"{count} missiles", field="count")])


def measure_mass_strike(reports: int = MASS_STRIKE_REPORTS) -> dict[str, Any]:
    """`reports` reports of one barrage through one Clusterer; those after the first 20 timed."""
    start = datetime.now(timezone.utc) - timedelta(minutes=reports)
    cpu_ms: list[float] = []
    wall_ms: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        conn = connect(Path(tmp) / "state.db")
        try:
            clusterer = Clusterer(conn)
            for n in range(reports):
                report = strike_report(n, start)
                wall, cpu = time.perf_counter(), time.thread_time()
                clusterer.add(report)
                if n >= 20:
                    cpu_ms.append((time.thread_time() - cpu) * 1000)
                    wall_ms.append((time.perf_counter() - wall) * 1000)
            if len(clusterer.open_events) != 1:
                raise RuntimeError(f"the barrage's reports made {len(clusterer.open_events)} events, not 1")
        finally:
            conn.close()
    return {"reports": reports, "timed": len(cpu_ms), "cpu": _quantiles(cpu_ms), "wall": _quantiles(wall_ms)}


def _quantiles(ms: list[float]) -> dict[str, float]:
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50_ms": round(q[49], 3), "p99_ms": round(q[98], 3), "mean_ms": round(statistics.fmean(ms), 3)}


def section(ctx: Context) -> Section:
    reports = 200 if ctx.quick else 1000
    runs = [measure(n, reports) for n in OPEN_EVENTS]
    load = os.getloadavg()[0]
    table = Table(
        "Clusterer.add per launch report (ms)",
        ["open events", "reports timed", "CPU p50", "CPU p99", "CPU mean", "wall p50", "wall p99"],
        [[f"{r['held'][0]}-{r['held'][1]}" if r["held"][0] != r["held"][1] else r["held"][0], r["reports"],
          r["cpu"]["p50_ms"], r["cpu"]["p99_ms"], r["cpu"]["mean_ms"], r["wall"]["p50_ms"], r["wall"]["p99_ms"]]
         for r in runs],
        note=f"Load average when done: {load:.1f}. Each report opens an event and closes the oldest; "
             "one SQLite transaction per report (WAL, synchronous=NORMAL).")
    strike = measure_mass_strike()
    strike_table = Table(
        "Clusterer.add per report of one mass strike (ms)",
        ["reports", "reports timed", "CPU p50", "CPU p99", "CPU mean", "wall p50", "wall p99"],
        [[strike["reports"], strike["timed"], strike["cpu"]["p50_ms"], strike["cpu"]["p99_ms"],
          strike["cpu"]["mean_ms"], strike["wall"]["p50_ms"], strike["wall"]["p99_ms"]]],
        note="One event of 20 kept sources, its facts resolved again on every report.")
    return Section(key="cluster_open_events", title="Clustering cost against open events",
                   command=".venv/bin/python -m bench --only cluster_open_events",
                   intro=(f"`Clusterer.add` in this process, {reports:,} launch reports timed after the state "
                          "holds the open events (the end-to-end bench's launches, a day apart, each its own "
                          "event; `inactive_close_s` chosen so that the given number stay open); then "
                          f"{MASS_STRIKE_REPORTS} reports of one mass strike joining one event."),
                   tables=[table, strike_table], raw={"runs": runs, "mass_strike": strike, "load_average": load})
