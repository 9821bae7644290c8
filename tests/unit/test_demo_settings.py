"""The demo runs beside a `launchwatch run` on the same machine without a clash."""

from __future__ import annotations

from pathlib import Path

from services.config import Settings, load_settings
from services.demo.runner import demo_settings

FEEDS = [{"url": "http://127.0.0.1:8000/feeds/yonhap.xml", "name": "Yonhap (EN)"}]


def test_the_demo_serves_its_pages_on_a_free_port_unless_one_is_asked_for(tmp_path: Path):
    default = demo_settings(load_settings(None, environ={}), FEEDS, tmp_path / "demo.db")
    assert default.http.listen == "127.0.0.1:0"  # `launchwatch run` holds 127.0.0.1:8080
    asked = load_settings(None, environ={"LAUNCHWATCH_HTTP__LISTEN": "127.0.0.1:9000"})
    assert demo_settings(asked, FEEDS, tmp_path / "demo.db").http.listen == "127.0.0.1:9000"


def test_the_demos_alerts_to_a_users_channels_say_they_are_a_recorded_launch(tmp_path: Path):
    """`demo --config` posts to the user's Slack channel, say: the recorded launch looked like
    a live one there, a false alarm for whoever read it."""
    import json
    from datetime import datetime, timezone

    from schemas import LaunchEvent
    from services.notify.alert import Alert
    from services.notify.render_email import subject
    from services.notify.render_slack import fallback_text
    from services.notify.render_webhook import render_webhook

    terminal_only = demo_settings(Settings(), FEEDS, tmp_path / "demo.db")
    assert terminal_only.notify.label == ""  # the person who started it knows
    users = Settings.model_validate({"subscriptions": [
        {"name": "ops", "channel": "webhook", "url": "https://hooks.example.org/x"}]})
    label = demo_settings(users, FEEDS, tmp_path / "demo.db").notify.label
    assert label == "DEMO: a recorded launch, not live"
    at = datetime(2026, 3, 5, tzinfo=timezone.utc)
    event = LaunchEvent(event_id="e1", revision=1, actor="PRK", kind="ballistic", confidence=0.9,
                        headline="North Korea fires a ballistic missile", first_reported_at=at, updated_at=at)
    alert = Alert("d1", "ops", "alert", event, label=label)
    assert fallback_text(alert).startswith("[DEMO: a recorded launch, not live] North Korea:")
    assert subject(alert).startswith("[DEMO: a recorded launch, not live] North Korea:")
    assert json.loads(render_webhook(alert))["label"] == label
    assert "label" not in json.loads(render_webhook(Alert("d1", "ops", "alert", event)))
