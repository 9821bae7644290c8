"""Looking at and resending what could not be delivered (`launchwatch dlq list|replay`).

Over Kafka, the dead-letter topic keeps every letter and the notify ledger knows which
deliveries are still dead: listing reads the whole topic with a throw-away consumer group
(it commits nothing, so it never moves anyone's position) and shows, for notify letters,
whether the delivery is still dead or was delivered since. Dead deliveries the ledger
holds but the topic does not are listed too: the in-memory bus forgets its letters when
its process ends, and a topic's retention may have dropped old ones. Replaying sends each still-dead delivery
again to its subscription with the same delivery id; what was delivered meanwhile is not
sent twice.

Neither command creates a state file: with none at `[state] path` there is no ledger
(and, on the in-memory bus, no letter) to read, and they say so.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

import aiohttp
from pydantic import ValidationError

from schemas import DeadLetter, LaunchEvent
from services.notify.delivery import Deliverer
from services.notify.ledger import Ledger
from services.notify.worker import backoff_for, effective_subscriptions, make_channels
from services.runtime.bus import Bus
from services.runtime.db import connect
from services.runtime.lifecycle import open_state
from services.runtime.postgres import StateConnection
from services.runtime.deadletter import DeadLetters
from services.runtime.errors import TopicMissing
from services.runtime.retry import Sleep
from services.runtime.statelock import StateLock
from services.config import Settings


@dataclass(frozen=True)
class DlqRow:
    """One dead letter, with where it sits and (notify letters) what became of the delivery."""

    partition: int | None  # None: from the ledger (memory bus)
    offset: int | None
    letter: DeadLetter
    revision: int | None
    state: str  # dead | delivered | pending | skipped | unknown (no ledger row) | n/a (not notify)


@dataclass(frozen=True)
class ReplayResult:
    delivered: int = 0
    failed: int = 0
    already_done: int = 0
    not_replayable: int = 0
    # Dead deliveries of a revision older than one sent or dead since: the later one tells
    # the event as it now stands, so the older is not sent (it would repeat the alert).
    superseded: int = 0


def _revision(letter: DeadLetter) -> int | None:
    try:
        return LaunchEvent.model_validate_json(letter.value).revision
    except ValidationError:
        return None


async def _read_letters(bus: Bus, topic: str, *, idle_s: float, max_wait_s: float) -> list[tuple[int, int, DeadLetter]]:
    # A group of its own each time (it commits nothing, so reads from the start), under the
    # deployment's prefix like every other group: Apache Kafka drops such an empty group
    # with no offsets. Assigned every partition, it joins no group: it reads at once, where
    # a new member waited seconds for the broker to hand it partitions.
    try:
        consumer = await bus.consumer([topic], f"{bus.topic_prefix}dlq-reader-{uuid.uuid4().hex[:12]}", assign=True)
    except TopicMissing:
        return []  # no stage has started on this broker yet: nothing was dead-lettered
    letters: list[tuple[int, int, DeadLetter]] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_wait_s
    try:
        while True:
            records = await consumer.poll(idle_s, 500)
            if not records:
                # Done when the topic ran dry after data, or nothing came at all in time.
                if letters or loop.time() >= deadline:
                    break
                continue
            for record in records:
                try:
                    letters.append((record.partition, record.offset, DeadLetter.from_bytes(record.value)))
                except ValidationError:
                    continue  # not a letter we can read; listing the rest is more useful than stopping
    finally:
        await consumer.close()
    letters.sort(key=lambda x: (x[2].failed_at, x[0], x[1]))
    return letters


async def dlq_list(settings: Settings, bus: Bus, *, stage: str | None = None, subscription: str | None = None,
                   event_id: str | None = None, idle_s: float = 1.0, max_wait_s: float = 3.0) -> list[DlqRow]:
    """Every dead letter on `<prefix>dlq` (optionally of one `stage`, `subscription`,
    `event_id`), plus still-dead deliveries only the ledger remembers, oldest first.

    `bus` must be started. Reads until the topic has been quiet for `idle_s` after its
    first letters; an empty topic takes `max_wait_s` to tell.
    """
    topic = f"{bus.topic_prefix}dlq"
    letters = await _read_letters(bus, topic, idle_s=idle_s, max_wait_s=max_wait_s)
    conn = _ledger_db(settings)
    try:
        ledger = Ledger(conn)
        rows = []
        for partition, offset, letter in letters:
            if stage is not None and letter.stage != stage:
                continue
            revision = _revision(letter) if letter.stage == "notify" else None
            state = "n/a"
            if letter.stage == "notify" and letter.subscription and letter.event_id and revision is not None:
                entry = ledger.get(letter.subscription, letter.event_id, revision)
                state = entry.status if entry else "unknown"
            rows.append(DlqRow(partition, offset, letter, revision, state))
    finally:
        conn.close()
    if stage in (None, "notify"):
        # A delivery that failed again after a replay has a letter of each failure: the last
        # one tells it (with its attempts), listed once.
        last: dict[tuple, DlqRow] = {}
        for row in rows:
            key = ((row.letter.subscription, row.letter.event_id, row.revision) if row.revision is not None
                   else (row.partition, row.offset))
            if key not in last or row.letter.failed_at >= last[key].letter.failed_at:
                last[key] = row
        rows = list(last.values())
        seen = {(r.letter.subscription, r.letter.event_id, r.revision) for r in rows}
        rows += [r for r in _ledger_rows(settings) if (r.letter.subscription, r.letter.event_id, r.revision) not in seen]
        rows.sort(key=lambda r: r.letter.failed_at)
    return [r for r in rows if (subscription is None or r.letter.subscription == subscription)
            and (event_id is None or r.letter.event_id == event_id)]


def state_file_exists(settings: Settings) -> bool:
    return settings.state.path == ":memory:" or Path(settings.state.path).exists()


def _ledger_db(settings: Settings) -> StateConnection:
    """The state's ledger: the shared database of `[state] url`, or the state file; an empty
    one in memory when there is no state file, which is not created (a `dlq list` in the
    wrong directory must not leave a database behind)."""
    if settings.state.url is not None:
        return open_state(settings)
    return connect(settings.state.path if state_file_exists(settings) else ":memory:")


def _ledger_rows(settings: Settings) -> list[DlqRow]:
    conn = _ledger_db(settings)
    try:
        dead = Ledger(conn).dead()
    finally:
        conn.close()
    rows = []
    for subscription, event_id, revision, reason, event_json, updated_at in dead:
        letter = DeadLetter(stage="notify", reason=reason, error="dead", value=event_json, subscription=subscription,
                            event_id=event_id, failed_at=datetime.fromisoformat(updated_at))
        rows.append(DlqRow(None, None, letter, revision, "dead"))
    return rows


async def dlq_replay(settings: Settings, bus: Bus, *, http: aiohttp.ClientSession | None = None,
                     subscription: str | None = None, event_id: str | None = None,
                     clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                     sleep: Sleep = asyncio.sleep, idle_s: float = 1.0, max_wait_s: float = 15.0) -> ReplayResult:
    """Resend the notify deliveries that are still dead (optionally one subscription or event).

    Each goes once, with its original delivery id, through the usual retries; one that
    fails again is dead-lettered again. Letters naming a subscription that no longer
    exists, or without a subscription (a record that could not be read), are counted as
    not replayable. `bus` must be started.
    """
    rows = await dlq_list(settings, bus, stage="notify", subscription=subscription, event_id=event_id,
                          idle_s=idle_s, max_wait_s=max_wait_s)
    subscriptions = {s.name: s for s in effective_subscriptions(settings)}
    own_http = http is None
    # The session the stages send with (`services.stages.run`): their User-Agent, their timeout.
    http = http or aiohttp.ClientSession(headers={"User-Agent": settings.ingest.user_agent},
                                         timeout=aiohttp.ClientTimeout(total=settings.ingest.timeout_s))
    conn = _ledger_db(settings)
    ledger = Ledger(conn)
    deliverer = Deliverer(ledger=ledger, channels=make_channels(settings, http, clock, sleep=sleep),
                          dead_letters=DeadLetters(bus.producer(), f"{bus.topic_prefix}dlq", "notify", clock),
                          backoff=backoff_for(settings), concurrency=settings.notify.concurrency,
                          clock=clock, sleep=sleep, label=settings.notify.label)
    delivered = failed = already = not_replayable = superseded = 0
    seen: set[tuple[str, str, int]] = set()
    try:
        for row in rows:
            letter = row.letter
            sub = subscriptions.get(letter.subscription or "")
            if sub is None or row.revision is None or not letter.event_id:
                not_replayable += 1
                continue
            key = (sub.name, letter.event_id, row.revision)
            if key in seen:
                continue
            seen.add(key)
            if row.state in ("delivered", "skipped"):
                already += 1
                continue
            if ledger.newest_sent(sub.name, letter.event_id) > row.revision:
                ledger.mark_superseded(sub.name, letter.event_id, row.revision)
                superseded += 1
                continue
            event = LaunchEvent.model_validate_json(letter.value)
            [outcome] = await deliverer.deliver(event, [sub], None, replay=True)
            if outcome.status == "delivered":
                delivered += 1
            elif outcome.status == "dead":
                failed += 1
            else:
                already += 1
    finally:
        conn.close()
        if own_http:
            await http.close()
    return ReplayResult(delivered, failed, already, not_replayable, superseded)


def format_rows(rows: list[DlqRow], *, subscription: str | None = None, event_id: str | None = None) -> str:
    """A table a person can read in a terminal; where it is empty, of what it holds none
    (the filters asked for)."""
    header = (f"{'failed_at':<20} {'stage':<8} {'error':<16} {'state':<9} {'subscription':<18} {'event_or_key':<24} "
              f"{'rev':>4} reason")
    lines = [header]
    for row in rows:
        d = row.letter
        revision = "-" if row.revision is None else str(row.revision)
        lines.append(f"{d.failed_at.strftime('%Y-%m-%d %H:%M:%S'):<20} {d.stage:<8} {d.error[:16]:<16} "
                     f"{row.state:<9} {(d.subscription or '-')[:18]:<18} {_event_or_key(d)[:24]:<24} "
                     f"{revision:>4} {d.reason[:100]}")
    if not rows:
        of = [f"subscription {subscription!r}"] * (subscription is not None) + [f"event {event_id!r}"] * (
            event_id is not None)
        lines.append(f"(no dead letters{' of ' + ' and '.join(of) if of else ''})")
    return "\n".join(lines)


def _event_or_key(letter: DeadLetter) -> str:
    """The letter's event, or for a letter of no event (an item, a report) its record key,
    marked as one, so that no item id reads as an event id."""
    if letter.event_id:
        return letter.event_id
    return f"key:{letter.key}" if letter.key else "-"


async def _with_bus(settings: Settings, work, *, sends: bool = False):  # type: ignore[no-untyped-def]
    """Run `work(bus)` on a started bus of the settings' kind.

    On the in-memory bus the letters are in the state file's journal: with no state file
    there are none (and none is created); a command that `sends` holds the state file's
    lock, since it writes to a journal `launchwatch run` may own (raises `StateInUse`).
    """
    from services.runtime.lifecycle import make_bus
    from services.runtime.memory_bus import MemoryBus

    bus: Bus | None = None
    lock: contextlib.AbstractContextManager = contextlib.nullcontext()
    if settings.bus.kind == "memory" and not state_file_exists(settings):
        bus = MemoryBus(settings.bus.topic_prefix)
    elif settings.bus.kind == "memory" and sends:
        lock = StateLock(settings.state.path, hint=(
            "stop it first: a replay sends through the dead letters and the ledger it keeps in this file, "
            "then start it again"))
    with lock:
        bus = bus or make_bus(settings)
        await bus.start()
        try:
            return await work(bus)
        finally:
            await bus.close()


def _note_missing_state(settings: Settings, err: TextIO | None) -> None:
    # Over Kafka the letters are on the topic; without the ledger their state shows "unknown".
    if settings.bus.kind == "memory" and not state_file_exists(settings):
        print(f"launchwatch: no state file at {Path(settings.state.path).resolve()}: nothing was delivered or "
              "dead-lettered with this configuration here (is [state] path the one `launchwatch run` uses?)",
              file=err or sys.stderr)


def _waits(settings: Settings) -> dict[str, float]:
    # A memory bus holds its letters from the start (read from its journal): nothing to wait for.
    return {"idle_s": 0.01, "max_wait_s": 0.01} if settings.bus.kind == "memory" else {}


async def list_command(settings: Settings, out: TextIO | None = None, err: TextIO | None = None, *,
                       subscription: str | None = None, event_id: str | None = None,
                       configured: Sequence[str] | None = None) -> int:
    """`launchwatch dlq list [--subscription NAME] [--event ID]`: print the table (of one
    subscription or event when given); exit status 0, or 2 when `subscription` is neither
    among the `configured` names nor in any dead letter (a misspelt name). Raises
    `BusUnavailable` when the broker cannot be reached."""
    rows = await _with_bus(settings, lambda bus: dlq_list(settings, bus, subscription=subscription,
                                                          event_id=event_id, **_waits(settings)))
    _note_missing_state(settings, err)
    if subscription is not None and configured is not None and subscription not in configured and not rows:
        print(f"launchwatch: --subscription {subscription!r}: no such subscription in the configuration "
              f"(configured: {', '.join(configured) or 'none'}), nor in any dead letter", file=err or sys.stderr)
        return 2
    print(format_rows(rows, subscription=subscription, event_id=event_id), file=out or sys.stdout)
    return 0


async def replay_command(settings: Settings, out: TextIO | None = None, *, subscription: str | None = None,
                         event_id: str | None = None, err: TextIO | None = None) -> int:
    """`launchwatch dlq replay [--subscription NAME] [--event ID]`: resend still-dead
    deliveries (of one subscription or event when given); exit status 1 if any failed again.
    Raises `BusUnavailable` when the broker cannot be reached and, on the in-memory bus,
    `StateInUse` while `launchwatch run` holds the state file."""
    result = await _with_bus(settings, lambda bus: dlq_replay(settings, bus, subscription=subscription,
                                                              event_id=event_id, **_waits(settings)),
                             sends=True)
    _note_missing_state(settings, err)
    print(f"delivered {result.delivered}, failed again {result.failed}, already done {result.already_done}, "
          f"superseded {result.superseded}, not replayable {result.not_replayable}", file=out or sys.stdout)
    return 1 if result.failed else 0
