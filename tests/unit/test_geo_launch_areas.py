"""Where the map draws a launch from: a state's test range only for what a test range launches."""

from __future__ import annotations

from datetime import datetime, timezone

from schemas import LaunchEvent
from services.web.geo import place_event

T0 = datetime(2023, 3, 9, 2, 0, tzinfo=timezone.utc)


def _event(actor: str, kind: str | None, direction: str | None = None, site: str | None = None) -> LaunchEvent:
    return LaunchEvent(event_id="e", revision=1, actor=actor, kind=kind, direction=direction, launch_site=site,
                       confidence=0.9, headline="h", first_reported_at=T0, updated_at=T0)


def test_a_strike_in_a_war_is_not_drawn_from_a_test_range():
    strike = place_event(_event("RUS", "hypersonic", "Kharkiv"))
    assert strike is not None and "Plesetsk" not in strike.origin_label and strike.origin.lat < 56
    assert place_event(_event("USA", "cruise", "Yemen")) is None


def test_an_icbm_or_a_satellite_leaves_from_the_test_range():
    assert "Plesetsk" in place_event(_event("RUS", "icbm")).origin_label
    assert "Vandenberg" in place_event(_event("USA", "icbm")).origin_label
    assert "Plesetsk" in place_event(_event("RUS", "satellite_launch")).origin_label


def test_a_stated_launch_site_places_the_launch_where_the_reports_say():
    sunan = place_event(_event("PRK", "srbm", "East Sea", "the Sunan area in Pyongyang"))
    assert sunan.origin_label == "Sunan, Pyongyang (stated launch site)" and sunan.origin_radius_km == 15
    sinpo = place_event(_event("PRK", "slbm", "East Sea", "신포 인근 해상"))
    assert sinpo.origin_label.startswith("Sinpo") and sinpo.origin.lon > 128
    # The bearing to the East Sea is from the stated site, not from the region's centre.
    region = place_event(_event("PRK", "srbm", "East Sea"))
    assert "not stated" in region.origin_label and region.bearing_deg != sunan.bearing_deg
    # A site the table does not know keeps the actor's region, and the caption does not say
    # the reports gave none; a US strike with a stated site is drawn from it.
    assert place_event(_event("PRK", "srbm", None, "an inland area")).origin_label == (
        "North Korea (stated launch site not placed on the map)")
    assert place_event(_event("USA", "icbm", None, "Vandenberg Space Force Base")).origin_label.startswith("Vandenberg")
    assert "Black Sea" in place_event(_event("RUS", "cruise", "Odesa", "ships in the Black Sea")).origin_label


def test_a_compass_heading_is_the_bearing_and_with_a_distance_gives_the_landing_area():
    placed = place_event(_event("PRK", "srbm", "northeast").model_copy(update={"distance_km": 400.0}))
    assert placed.bearing_deg == 45.0 and placed.target is None
    assert placed.landing.lat > placed.origin.lat and placed.landing.lon > placed.origin.lon
