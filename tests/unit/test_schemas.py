"""Topic messages: the exported JSON Schema files match the models; readers tolerate additions."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from schemas import FeedItem, LaunchEvent, TOPIC_MODELS
from schemas.export import render, schema_path


@pytest.mark.parametrize("topic", sorted(TOPIC_MODELS))
def test_exported_schema_matches_the_model(topic):
    assert schema_path(topic).read_text(encoding="utf-8") == render(topic), (
        f"schemas/{topic}.schema.json drifted from the model: run `python -m schemas.export`"
    )


def test_every_message_carries_schema_version():
    for model in TOPIC_MODELS.values():
        assert "schema_version" in model.model_fields


def test_readers_ignore_unknown_fields():
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    item = FeedItem(item_id="i", feed="f", feed_url="https://x/f", title="t", first_seen_at=now)
    raw = item.model_dump_json()[:-1] + ', "added_later": 1}'
    assert FeedItem.from_bytes(raw.encode()) == item


def test_event_round_trips_through_json():
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    event = LaunchEvent(event_id="e", revision=2, confidence=0.9, headline="h", first_reported_at=now,
                        updated_at=now, kind="srbm", count=2, changes=["count"])
    assert LaunchEvent.from_bytes(event.to_bytes()) == event


@pytest.mark.parametrize("model", ["LaunchReport", "LaunchEvent"])
def test_an_integer_no_store_or_json_reader_keeps_is_an_invalid_message_naming_its_field(model):
    """`"revision": 10**400` passed classify and crashed the events and web stages' writes
    (`OverflowError` from SQLite); now it is dead-lettered as InvalidMessage, like any bad field."""
    import json

    import schemas
    from services.runtime.codec import decode_value
    from services.runtime.errors import InvalidMessage

    good = {"LaunchReport": {"item_id": "i1", "feed": "f", "title": "t", "is_launch": True, "confidence": 0.9,
                             "classified_at": "2026-01-01T00:00:00Z"},
            "LaunchEvent": {"event_id": "e1", "revision": 1, "confidence": 0.9, "headline": "h",
                            "first_reported_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}[model]
    decode_value(getattr(schemas, model), json.dumps(good).encode())
    huge = json.dumps({**good, "revision": 10**400}).encode()
    with pytest.raises(InvalidMessage, match=f"not a {model}: revision: Input should be less than or equal to"):
        decode_value(getattr(schemas, model), huge)
