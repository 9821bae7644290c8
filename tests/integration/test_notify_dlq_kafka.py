"""`launchwatch dlq list` over a real Kafka-protocol broker: every letter, whatever its partition."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from schemas import DeadLetter, LaunchEvent
from services.notify.dlq import dlq_list
from services.runtime.bus import TOPICS
from services.runtime.kafka_bus import KafkaBus
from services.config import Settings

T0 = datetime(2026, 11, 25, 1, 0, tzinfo=timezone.utc)


async def _letters(bus: KafkaBus, topic_prefix: str, count: int) -> None:
    await bus.ensure_topics([f"{topic_prefix}{t}" for t in TOPICS], 3)
    for n in range(count):
        event = LaunchEvent(event_id=f"evt-{n}", revision=1, confidence=0.9, headline="h",
                            first_reported_at=T0, updated_at=T0)
        letter = DeadLetter(stage="notify", reason="webhook answered HTTP 500", error="RetriesExhausted",
                            value=event.model_dump_json(), subscription="hook", event_id=event.event_id,
                            failed_at=T0)
        await bus.producer().send(f"{topic_prefix}dlq", letter.to_bytes(), key=event.event_id.encode())


@pytest.mark.kafka
async def test_dlq_list_prints_its_table_on_stdout_and_its_log_lines_apart(tmp_path, kafka_broker, topic_prefix):
    bus = KafkaBus(kafka_broker.bootstrap_servers, topic_prefix=topic_prefix, fetch_max_wait_ms=50)
    await bus.start()
    try:
        await _letters(bus, topic_prefix, 2)
    finally:
        await bus.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAUNCHWATCH_")}
    env.update(LAUNCHWATCH_BUS__KIND="kafka", LAUNCHWATCH_BUS__BOOTSTRAP_SERVERS=kafka_broker.bootstrap_servers,
               LAUNCHWATCH_BUS__TOPIC_PREFIX=topic_prefix, LAUNCHWATCH_STATE__PATH=str(tmp_path / "state.db"))
    result = subprocess.run([sys.executable, "-m", "services.cli", "dlq", "list"], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    # stdout is a pipe, so the log lines are JSON: none of them is in the table.
    assert not [line for line in result.stdout.splitlines() if line.startswith("{")], result.stdout
    assert "evt-0" in result.stdout and "evt-1" in result.stdout
    # Its own reader's assignment is no news to the person who asked for the table.
    assert "partitions_assigned" not in result.stderr


@pytest.mark.kafka
async def test_dlq_list_reads_every_letter_from_the_broker(tmp_path, kafka_broker, topic_prefix):
    settings = Settings.model_validate({"state": {"path": str(tmp_path / "state.db")},
                                        "bus": {"kind": "kafka", "bootstrap_servers": kafka_broker.bootstrap_servers,
                                                "topic_prefix": topic_prefix}})
    bus = KafkaBus(kafka_broker.bootstrap_servers, topic_prefix=topic_prefix, fetch_max_wait_ms=50)
    await bus.start()
    try:
        await _letters(bus, topic_prefix, 5)
        rows = await dlq_list(settings, bus, idle_s=0.5)
    finally:
        await bus.close()
    assert sorted(r.letter.event_id for r in rows) == [f"evt-{n}" for n in range(5)]
    assert {r.state for r in rows} == {"unknown"} and {r.revision for r in rows} == {1}
