"""The consumer of `launchwatch.events` that docs/operations.md shows, run as written (but
for its broker, topic and group) against a real broker: it prints each new revision once,
passes over a tombstone, a value that is not JSON and a message of another shape, and stops
at a `schema_version` it does not know instead of skipping it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from tests.web_samples import korean_event

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).resolve().parents[2]


def sample() -> str:
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text[text.index("### Consuming `launchwatch.events` from another system"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


async def test_the_documented_consumer_skips_what_is_no_event_and_stops_at_an_unknown_version(
        tmp_path, kafka_broker, topic_prefix):
    topic = f"{topic_prefix}events"
    code = (sample().replace('"launchwatch.events"', repr(topic))
            .replace('"kafka:9092"', repr(kafka_broker.bootstrap_servers)))
    assert repr(topic) in code and repr(kafka_broker.bootstrap_servers) in code
    (tmp_path / "consumer.py").write_text(code, encoding="utf-8")
    first, second = korean_event(1), korean_event(2)
    unknown = {**json.loads(second.to_bytes()), "schema_version": 2, "revision": 3}
    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap_servers)
    await producer.start()
    try:
        key = first.event_id.encode()
        for value in (first.to_bytes(), None, b"not json", b'{"event_id": "x"}', second.to_bytes(),
                      first.to_bytes(), json.dumps(unknown).encode()):
            await producer.send_and_wait(topic, value, key=key, partition=0)
    finally:
        await producer.stop()
    done = subprocess.run([sys.executable, str(tmp_path / "consumer.py")], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    printed = done.stdout.strip().splitlines()
    assert [line.split()[0] for line in printed] == ["1", "2"], done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == "schema_version 2 at offset 6: read the changelog"
