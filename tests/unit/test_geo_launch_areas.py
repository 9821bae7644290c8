"""Where the map draws a launch from: a state's test range only for what a test range launches."""

from __future__ import annotations

from datetime import datetime, timezone

from schemas import LaunchEvent
from services.web.geo import place_event

T0 = datetime(2023, 3, 9, 2, 0, tzinfo=timezone.utc)


def _event(actor: str, kind: str | None, direction: str | None = None) -> LaunchEvent:
    return LaunchEvent(event_id="e", revision=1, actor=actor, kind=kind, direction=direction, confidence=0.9,
                       headline="h", first_reported_at=T0, updated_at=T0)


def test_a_strike_in_a_war_is_not_drawn_from_a_test_range():
    strike = place_event(_event("RUS", "hypersonic", "Kharkiv"))
    assert strike is not None and "Plesetsk" not in strike.origin_label and strike.origin.lat < 56
    assert place_event(_event("USA", "cruise", "Yemen")) is None


def test_an_icbm_or_a_satellite_leaves_from_the_test_range():
    assert "Plesetsk" in place_event(_event("RUS", "icbm")).origin_label
    assert "Vandenberg" in place_event(_event("USA", "icbm")).origin_label
    assert "Plesetsk" in place_event(_event("RUS", "satellite_launch")).origin_label
