"""Written streams (tests/data/streams/*.jsonl) through the classifier and the clusterer:
walk-backs, and reports arriving out of publication order."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from schemas import FeedItem
from services.classify.worker import report_for
from services.events.clusterer import Clusterer, reaches_clusterer

STREAMS = Path(__file__).resolve().parents[1] / "data" / "streams"
T0 = datetime(2026, 3, 4, 22, 12, tzinfo=timezone.utc)  # 07:12 KST


def run_stream(name: str):
    rows = [json.loads(line) for line in (STREAMS / "walkbacks.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = sorted((r for r in rows if r["stream"] == name), key=lambda r: r["arrive_min"])
    arrived = {"t": T0}
    clusterer = Clusterer(sqlite3.connect(":memory:"), lambda: arrived["t"])
    revisions = []
    for n, row in enumerate(rows):
        published = T0 + timedelta(minutes=row["published_min"])
        arrived["t"] = T0 + timedelta(minutes=row["arrive_min"])
        item = FeedItem(item_id=f"{name}-{n}", feed=row["feed"], feed_url="http://example.org/feed",
                        title=row["title"], summary=row["summary"], lang=row["lang"], published_at=published,
                        first_seen_at=arrived["t"], source_kind=row["kind"])
        report = report_for(item, arrived["t"], "Asia/Seoul")
        if reaches_clusterer(report, 0.5):
            revisions.extend(clusterer.add(report))
    return revisions


def test_a_false_alarm_is_retracted_by_the_agency_that_raised_it():
    revisions = run_stream("false-alarm")
    assert len({e.event_id for e in revisions}) == 1
    assert [e.status for e in revisions][-1] == "retracted"
    assert revisions[-1].changes[0] == "status"
    # The report published first but arriving third still counts as the first report.
    assert revisions[-1].first_reported_at == T0 + timedelta(minutes=1)


def test_a_correction_changes_the_count_and_a_late_older_report_does_not_undo_it():
    revisions = run_stream("correction")
    assert len({e.event_id for e in revisions}) == 1
    corrected = next(e for e in revisions if e.status == "corrected")
    assert corrected.count == 3 and "count" in corrected.changes
    # Reuters' older "two missiles", arriving after the correction, changes only the sources.
    assert revisions[-1].count == 3 and revisions[-1].changes == ["sources"]
