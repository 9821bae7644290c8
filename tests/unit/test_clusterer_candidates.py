"""The clusterer skips, for each report, the open events it cannot join before scoring
them (so its cost per report stays flat as open events pile up: `python -m bench --only
cluster_open_events`); the events it considers, and their order, are exactly those the
full fit accepts."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta, timezone

from schemas import LaunchFields, LaunchReport
from services.events.clusterer import Clusterer
from services.events.state import EventState, Source, Window, candidates, fit, source_from_report

T0 = datetime(2026, 1, 5, 3, 0, tzinfo=timezone.utc)
ACTORS = ["PRK", "PRK", "IRN", None]
KINDS = ["srbm", "ballistic", "icbm", "satellite_launch", "cruise", None]
DIRECTIONS = ["into the East Sea", "toward the Yellow Sea", None]


def every_fitting(states: list[EventState], source: Source, window: Window) -> list[EventState]:
    """`candidates` as it was, scoring every event."""
    actor = source.fields.actor
    scored = []
    for order, state in enumerate(states):
        if actor is not None and state.published.actor not in (None, actor):
            continue
        score = fit(state, source, window)
        if score is not None:
            scored.append((score, -order, state))
    return [state for _, _, state in sorted(scored, key=lambda t: (t[0], t[1]))]


def reports(seed: int, n: int):
    rng = random.Random(seed)
    moment = T0
    for i in range(n):
        moment += timedelta(minutes=rng.choice([0, 5, 40, 180, 420, 900, 1600, 2200]))
        launched_at = None
        if rng.random() < 0.5:
            launched_at = (moment - timedelta(minutes=rng.randint(0, 1500))).replace(
                minute=rng.choice([0, 30, rng.randint(0, 59)]), second=0)
        yield LaunchReport(
            item_id=f"item-{i}", feed=f"Outlet {rng.randint(0, 6)}", title="Missile launch reported", lang="en",
            published_at=moment, first_seen_at=moment, source_kind=rng.choice(["news", "wire", "agency"]),
            is_launch=rng.random() < 0.95, confidence=0.9, classified_at=moment,
            fields=LaunchFields(actor=rng.choice(ACTORS), kind=rng.choice(KINDS), launched_at=launched_at,
                                direction=rng.choice(DIRECTIONS)))


def test_the_events_considered_are_exactly_those_the_full_fit_accepts():
    considered = skipped = 0
    for seed, window in ((1, Window()), (2, Window(inactive_close_s=20 * 86400.0)),
                         (3, Window(timeless_join_s=3600.0, inactive_close_s=10 * 86400.0))):
        clusterer = Clusterer(sqlite3.connect(":memory:"), lambda: T0 + timedelta(days=400), window=window)
        for report in reports(seed, 400):
            source = source_from_report(report, seq=0)
            states = clusterer._open
            for group in ([s for s in states if not s.held], [s for s in states if s.held]):
                expected = every_fitting(group, source, window)
                assert [s.event_id for s in candidates(group, source, window)] == [s.event_id for s in expected]
                considered += len(expected)
                skipped += len(group) - len(expected)
            clusterer.add(report)
    # The streams exercise both sides: events joined and many open events passed over.
    assert considered > 200 and skipped > 5000
