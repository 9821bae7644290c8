"""Clustering real launch items from the dev set, with their labelled facts as report fields.

The dev set's items carry no feed timestamps; the provocations database gives each row the
date of its launch, which is enough to lay the items out as a stream.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from schemas import FeedItem, LaunchFields, LaunchReport
from services.classify.worker import report_for
from services.events.clusterer import Clusterer

ACTORS = {"north korea": "PRK", "iran": "IRN", "russia": "RUS", "china": "CHN", "pakistan": "PAK"}
KINDS = {"satellite launch vehicle": "satellite_launch", "artillery rocket": "artillery_rocket"}


def dev_rows() -> list[dict]:
    root = os.environ.get("LAUNCHWATCH_SHARED_DATA")
    if not root:
        pytest.skip("LAUNCHWATCH_SHARED_DATA is not set")
    lines = (Path(root) / "launch_dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [row for row in map(json.loads, lines) if row["label"] == "launch"]


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def report_from_row(row: dict, published_at: datetime, feed: str) -> LaunchReport:
    """A report as the classifier would make it, with the row's labelled facts."""
    f = row["fields"]
    actor = next((code for name, code in ACTORS.items() if (f["actor"] or "").lower().startswith(name)), None)
    kind = KINDS.get((f["kind"] or "").lower(), (f["kind"] or "").lower() or None)
    count = f["count"] if isinstance(f["count"], int) else None
    return LaunchReport(
        item_id=row["id"], feed=feed, title=row["title"], lang=row["lang"], published_at=published_at,
        first_seen_at=published_at, source_kind="news", is_launch=True, confidence=0.9,
        fields=LaunchFields(actor=actor, kind=kind, count=count, distance_km=_number(f["distance_km"]),
                            apogee_km=_number(f["apogee_km"]), direction=f["direction"],
                            source_agency=f["source_agency"]),
        classified_at=published_at,
    )


def test_three_years_of_north_korean_launches_give_one_event_per_launch_day():
    rows = [r for r in dev_rows() if r["id"].startswith("prov-")]
    stream = []
    for row in rows:
        day = datetime.strptime(re.search(r"row date (\d{4}-\d\d-\d\d)", row["origin"])[1], "%Y-%m-%d")
        stream.append((day.replace(hour=3, tzinfo=timezone.utc), row))
    stream.sort(key=lambda t: (t[0], t[1]["id"]))
    days = sorted({published.date() for published, _ in stream})
    clock_now = stream[-1][0] + timedelta(days=2)  # replayed later: every launch is past
    clusterer = Clusterer(sqlite3.connect(":memory:"), lambda: clock_now)
    final = {}
    seen_per_day: dict = {}
    for published, row in stream:
        # Rows of one day: the second comes two hours later (e.g. the state media's claim).
        published += timedelta(hours=2 * seen_per_day.setdefault(published.date(), 0))
        seen_per_day[published.date()] += 1
        for event in clusterer.add(report_from_row(row, published, "NK provocations")):
            final[event.event_id] = event
    # One launch day is told only by a row that names no actor ("A short-range ballistic
    # missile was launched from the Wonsan area"): its event is held and alerts nobody.
    unattributed = {published.date() for published, row in stream} - {
        published.date() for published, row in stream if report_from_row(row, published, "NK").fields.actor}
    assert len(days) == 83 and len(unattributed) == 1
    assert len(final) == len(days) - len(unattributed)
    assert not unattributed & {s.published_at.date() for e in final.values() for s in e.sources}
    for event in final.values():
        assert len({s.published_at.date() for s in event.sources}) == 1
    # JCS saw two MRBMs; state media claimed a satellite carrier rocket: one launch.
    dec18 = next(e for e in final.values() if e.first_reported_at.date().isoformat() == "2022-12-18")
    assert sorted(s.item_id for s in dec18.sources) == ["prov-20221218a", "prov-20221218b"]
    # Both agency-level: the later word (the state's claim of what it launched) gives the kind.
    assert dec18.status == "confirmed" and dec18.kind == "satellite_launch"
    # An event told by JCS or Japan's MoD is confirmed; one told by state media alone, claimed.
    for event in final.values():
        agencies = " ".join(s.source_agency or "" for s in event.sources)
        if "Chiefs of Staff" in agencies or "JCS" in agencies or "MOD" in agencies:
            assert event.status == "confirmed", event.sources
        elif agencies.strip() in ("KCNA", "North Korean state media (Rodong Sinmun)"):
            assert event.status == "claimed", event.sources
        elif not agencies.strip():
            assert event.status == "reported", event.sources
    assert all(e.stale for e in final.values())  # long past: nobody is alerted


def test_one_morning_told_by_japanese_outlets_and_a_same_day_iranian_salvo():
    rows = {r["id"]: r for r in dev_rows()}
    start = datetime(2026, 8, 20, 9, 0, tzinfo=timezone.utc)
    stream = [
        ("cjk-ja-004", 0, "読売新聞"), ("ja-gn-0820-02", 4, "日本経済新聞"),
        ("cjk-ja-062", 5, "Yahoo!ニュース"), ("ja-gn-0820-01", 9, "読売新聞 - 政治"),
        ("ja-gn-0820-06", 15, "産経ニュース"), ("cjk-ja-063", 20, "TBS NEWS DIG"),
        ("rss24-jt-0114-01", 30, "Japan Today"),
    ]
    clusterer = Clusterer(sqlite3.connect(":memory:"), lambda: start)
    final = {}
    for item_id, minutes, feed in stream:
        for event in clusterer.add(report_from_row(rows[item_id], start + timedelta(minutes=minutes), feed)):
            final[event.event_id] = event
    by_actor = {e.actor: e for e in final.values()}
    assert set(by_actor) == {"PRK", "IRN"} and len(final) == 2
    prk = by_actor["PRK"]
    assert sorted(s.item_id for s in prk.sources) == sorted(
        ["cjk-ja-004", "ja-gn-0820-02", "ja-gn-0820-01", "ja-gn-0820-06", "rss24-jt-0114-01"])
    assert prk.status == "confirmed"  # 防衛省, Japan's MoD
    assert prk.source_count == 4  # 読売新聞's two feeds count once
    assert by_actor["IRN"].source_count == 2


def test_real_items_through_the_classifier_and_the_clusterer():
    rows = {r["id"]: r for r in dev_rows()}
    start = datetime(2026, 8, 20, 9, 0, tzinfo=timezone.utc)
    stream = [
        ("cjk-ja-004", 0, "読売新聞"), ("ja-gn-0820-02", 4, "日本経済新聞"), ("cjk-ja-062", 5, "Yahoo!ニュース"),
        ("ja-gn-0820-01", 9, "読売新聞 - 政治"), ("ja-gn-0820-06", 15, "産経ニュース"), ("cjk-ja-063", 20, "TBS NEWS DIG"),
        ("rss24-jt-0114-01", 30, "Japan Today"),
    ]
    clusterer = Clusterer(sqlite3.connect(":memory:"), lambda: start)
    final = {}
    for item_id, minutes, feed in stream:
        row = rows[item_id]
        published = start + timedelta(minutes=minutes)
        item = FeedItem(item_id=item_id, feed=feed, feed_url="http://example.org/feed", title=row["title"],
                        summary=row["summary"], lang=row["lang"], published_at=published, first_seen_at=published,
                        source_kind="news")
        report = report_for(item, published, "Asia/Tokyo")
        assert report.is_launch, item_id
        for event in clusterer.add(report):
            final[event.event_id] = event
    by_actor = {e.actor: sorted(s.item_id for s in e.sources) for e in final.values()}
    assert by_actor == {
        "PRK": sorted(["cjk-ja-004", "ja-gn-0820-02", "ja-gn-0820-01", "ja-gn-0820-06", "rss24-jt-0114-01"]),
        "IRN": ["cjk-ja-062", "cjk-ja-063"],
    }
