"""The pages' words: times in one format, facts by their names, each outlet once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from services.web.pagetext import changes_text, fact_label, fact_value, outlets, reports_line, summary, when
from tests.web_samples import JCS, MOD, korean_event


def test_a_time_is_one_line_in_utc_to_the_minute_with_its_machine_form() -> None:
    moment = datetime(2026, 12, 2, 15, 3, 17, 248134, tzinfo=timezone.utc)
    assert str(when(moment)) == '<time datetime="2026-12-02T15:03:17.248134+00:00">2026-12-02 15:03 UTC</time>'
    assert "2026-12-02 15:03 UTC" in str(when(moment.astimezone(timezone(timedelta(hours=9)))))
    assert str(when(None)) == "—"


def test_facts_by_their_names_and_values_as_alerts_word_them() -> None:
    assert [fact_label(n) for n in ("distance_km", "apogee_km", "source_agency", "launched_at")] == [
        "Distance", "Apogee", "Reported by", "Launched"]
    assert fact_label("landing_zone") == "Landing zone"
    assert fact_value("distance_km", 350.0) == "350 km"
    assert fact_value("kind", "srbm") == "short-range ballistic missile"
    assert fact_value("actor", "PRK") == "North Korea"
    assert fact_value("confidence", 1.0) == "100%"
    assert fact_value("apogee_km", None) == "—"
    assert changes_text(["distance_km", "apogee_km", "sources"]) == "distance, apogee, sources"


def test_each_outlet_once_in_the_order_it_first_reported() -> None:
    again = JCS.model_copy(update={"item_id": "i3"})
    assert outlets([JCS, MOD, again, MOD]) == ["Yonhap", "Japan MoD"]


def test_summary_and_reports_say_it_plainly() -> None:
    event = korean_event(2).model_copy(update={"kind": "srbm"})
    assert summary(event) == "North Korea · 2 short-range ballistic missiles · about 350 km · toward East Sea"
    assert reports_line(event) == "2 reports from 2 independent outlets"
    one = korean_event(1).model_copy(update={"sources_omitted": 18, "source_count": 1})
    assert reports_line(one) == "19 reports from 1 independent outlet"
