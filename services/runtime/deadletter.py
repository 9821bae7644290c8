"""Writing what a stage could not handle to the dead-letter topic, with the reason."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timezone

from schemas import DeadLetter
from services.runtime.bus import Producer, Record
from services.runtime.logs import get_logger
from services.runtime.metrics import DEAD_LETTERED


# A letter holds at most this much of the payload: each byte may take six in the letter's
# JSON ("\u0000"), and the whole must stay under the broker's message size (1 MB by
# default), or the letter could not be sent and the stage would stop on the record again
# at every start.
MAX_VALUE_BYTES = 64 * 1024


class DeadLetters:
    """Sends `DeadLetter` records to `<prefix>dlq` and logs one `message_dead_lettered` line."""

    def __init__(
        self,
        producer: Producer,
        topic: str,
        stage: str,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self._producer = producer
        self.topic = topic
        self._stage = stage
        self._clock = clock

    async def send(
        self,
        error: BaseException,
        *,
        record: Record | None = None,
        value: bytes | None = None,
        subscription: str | None = None,
        event_id: str | None = None,
    ) -> DeadLetter:
        # A tombstone (no value) is letter-worthy too: its value is written as "".
        raw = value if value is not None else ((record.value or b"") if record else b"")
        whole = {} if len(raw) <= MAX_VALUE_BYTES else {
            "value_bytes": len(raw), "value_sha256": hashlib.sha256(raw).hexdigest()}
        letter = DeadLetter(
            stage=self._stage,
            reason=str(error) or type(error).__name__,
            error=type(error).__name__,
            topic=record.topic if record else None,
            partition=record.partition if record else None,
            offset=record.offset if record else None,
            key=record.key.decode("utf-8", "replace") if record and record.key else None,
            value=raw[:MAX_VALUE_BYTES].decode("utf-8", "replace"),
            **whole,
            subscription=subscription,
            event_id=event_id,
            failed_at=self._clock(),
        )
        key = (event_id or (letter.key or "")).encode() or None
        await self._producer.send(self.topic, letter.to_bytes(), key=key)
        DEAD_LETTERED.labels(self._stage).inc()
        get_logger().warning(
            "message_dead_lettered",
            reason=letter.reason,
            error=letter.error,
            topic=letter.topic,
            offset=letter.offset,
            subscription=subscription,
            event_id=event_id,
        )
        return letter
