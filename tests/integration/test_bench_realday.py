"""The real-day section of the benchmark report: a slice of an archived day through
`launchwatch run`, and what the section says without the shared data."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from aiohttp import web

from bench.realday import (LISTED, QUICK_DAY, DayItem, DaySite, LaunchOutcome, Listed, judge, launch_rows,
                           realday_section, section, wait_drained)
from bench.report import Context


def test_without_the_shared_data_the_section_says_why_it_was_not_measured(tmp_path):
    result = section(Context(out=tmp_path, quick=True, shared_data=None))
    assert result.skipped and "LAUNCHWATCH_SHARED_DATA" in result.skipped
    assert not result.tables and not list(tmp_path.iterdir())


def test_first_report_to_alert_is_the_wait_for_the_alerting_report_plus_the_measured_delivery():
    first = datetime(2023, 3, 19, 2, 40, tzinfo=timezone.utc)
    launch = LaunchOutcome(Listed("a launch", "PRK"), first_report_at=first, alerted_at=first + timedelta(hours=1),
                           trigger_published_at=first + timedelta(minutes=42), trigger_to_alert_s=0.8)
    assert launch.first_report_to_alert_s == pytest.approx(42 * 60 + 0.8)
    assert LaunchOutcome(Listed("missed", "PRK"), first_report_at=first).first_report_to_alert_s is None


def test_the_section_lists_each_launch_of_the_day_and_the_days_false_alerts(shared_data, tmp_path):
    # Two hours of the quick day: its launch's first reports (02:40, 03:22 UTC).
    result = realday_section(tmp_path, shared_data, [QUICK_DAY], hours=(2, 4), command="test")
    launches, days = result.tables
    rows = [dict(zip(launches.headers, row)) for row in launches.rows]
    assert [r["launch"] for r in rows] == [listed.name for listed in LISTED[QUICK_DAY]]
    for row, raw in zip(rows, result.raw["launches"]):
        assert row["day"] == QUICK_DAY
        assert row["alerted"] == ("yes" if row["alerts"] else "missed")
        if raw["alerted"]:
            # The whole time is the day's wait for the alerting report plus the measured delivery.
            assert raw["first_report_to_alert_s"] == pytest.approx(
                raw["alert_report_waited_s"] + raw["alert_report_served_to_alert_s"], abs=0.2)
            assert 0 < raw["alert_report_served_to_alert_s"] < 60
    (day,) = [dict(zip(days.headers, row)) for row in days.rows]
    assert day["day"] == QUICK_DAY and day["items"] > 0
    assert day["false alerts"] == result.raw["per_day"][0]["false_alerts"]
    assert day["listed launches"] == len(LISTED[QUICK_DAY])
    (figure,) = result.figures
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


async def test_the_run_is_stopped_only_once_every_published_item_is_handled():
    """A run behind the day's clock still has items in hand when the day ends: the bench
    waits until /metrics show every published item handled and nothing moving."""
    pages = iter([(5, 3, 7), (5, 5, 9), (5, 5, 9)])  # (published, items handled, all handled)
    scrapes = []

    async def metrics(request):
        published, items, handled = next(pages, (5, 5, 9))
        scrapes.append(published)
        return web.Response(text=(
            f'launchwatch_items_published_total{{feed="a"}} {published}\n'
            f'launchwatch_messages_handled_total{{topic="launchwatch.items",group="classify"}} {items}\n'
            f'launchwatch_messages_handled_total{{topic="launchwatch.reports",group="events"}} {handled - items}\n'))

    app = web.Application()
    app.router.add_get("/metrics", metrics)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/metrics"
    site = DaySite([DayItem("http://feed", "t", "s", "http://item", datetime(2023, 1, 1, tzinfo=timezone.utc), None)],
                   speed=1000)
    try:
        await wait_drained(url, site, check=lambda: None, quiet_s=0.01)
        assert len(scrapes) == 3  # not while 2 items were in hand, then once more to see nothing moving

        def give_up():
            raise RuntimeError("the day did not end")

        with pytest.raises(RuntimeError):
            await wait_drained(url, site, check=give_up, quiet_s=0.01)
    finally:
        await runner.cleanup()


def test_a_listed_launch_counts_the_days_reports_that_name_its_launcher():
    day = "2023-11-08"
    labels = {
        "https://a.example/1": {"day": day, "label": "launch", "fields": {"actor": "RUS"}},
        "https://a.example/2": {"day": day, "label": "launch", "fields": {"actor": "RUS"}},
        "https://a.example/3": {"day": day, "label": "launch", "fields": {"actor": None}},
        "https://a.example/4": {"day": day, "label": "not_launch", "fields": None},
        "https://a.example/5": {"day": "2023-10-31", "label": "launch", "fields": {"actor": "Hamas"}},
    }
    outcome = judge(day, 5, [], {}, labels)
    assert {launch.listed.actor: launch.named_reports for launch in outcome.launches} == {"RUS": 2, "Hamas": 0}
    assert [row["named_by_reports"] for row in launch_rows([outcome])] == [2, 0]
