"""`launchwatch dlq list` over a real Kafka-protocol broker: every letter, whatever its partition."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from schemas import DeadLetter, LaunchEvent
from services.notify.dlq import dlq_list
from services.runtime.bus import TOPICS
from services.runtime.kafka_bus import KafkaBus
from services.config import Settings

T0 = datetime(2026, 11, 25, 1, 0, tzinfo=timezone.utc)


@pytest.mark.kafka
async def test_dlq_list_reads_every_letter_from_the_broker(tmp_path, kafka_broker, topic_prefix):
    settings = Settings.model_validate({"state": {"path": str(tmp_path / "state.db")},
                                        "bus": {"kind": "kafka", "bootstrap_servers": kafka_broker.bootstrap_servers,
                                                "topic_prefix": topic_prefix}})
    bus = KafkaBus(kafka_broker.bootstrap_servers, topic_prefix=topic_prefix, fetch_max_wait_ms=50)
    await bus.start()
    try:
        await bus.ensure_topics([f"{topic_prefix}{t}" for t in TOPICS], 3)
        for n in range(5):
            event = LaunchEvent(event_id=f"evt-{n}", revision=1, confidence=0.9, headline="h",
                                first_reported_at=T0, updated_at=T0)
            letter = DeadLetter(stage="notify", reason="webhook answered HTTP 500", error="RetriesExhausted",
                                value=event.model_dump_json(), subscription="hook", event_id=event.event_id,
                                failed_at=T0)
            await bus.producer().send(f"{topic_prefix}dlq", letter.to_bytes(), key=event.event_id.encode())
        rows = await dlq_list(settings, bus, idle_s=0.5)
    finally:
        await bus.close()
    assert sorted(r.letter.event_id for r in rows) == [f"evt-{n}" for n in range(5)]
    assert {r.state for r in rows} == {"unknown"} and {r.revision for r in rows} == {1}
