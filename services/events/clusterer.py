"""Grouping launch reports into launch events.

The rules live in `state` (pure) and the state in `store` (SQLite); this module
puts them together: one report in, the event revisions it causes out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from schemas import LaunchEvent, LaunchReport
# reaches_clusterer lives with the pure state functions, so that the classify workers that
# call it import no store; it is named here too, where the clusterer's rules are read.
from services.events.state import (Decision, EventState, Window, actors_named, decide, join, open_event,  # noqa: F401
                                   reaches_clusterer, source_from_report, walk_back)
from services.events.store import EventStore
from services.events.window import RETENTION_DAYS
from services.runtime.postgres import StateConnection


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


# Closed events past their retention are looked for at most once per this much report time.
PRUNE_EVERY = timedelta(hours=1)


class Clusterer:
    """Turns launch reports into event revisions, remembering events in SQLite.

    Open events are held in memory and rebuilt from the database on start-up, so a
    restart continues with the same events and revision numbers. Every report that could
    join an event must reach the same Clusterer (see the README on partitioning).
    """

    def __init__(self, db: StateConnection, clock: Callable[[], datetime] = _utc_now, *,
                 window: Window | None = None, retention_s: float = RETENTION_DAYS * 86400) -> None:
        self._store = EventStore(db)
        self._clock = clock
        self._window = window or Window()
        self._retention = timedelta(seconds=retention_s)
        self._open: list[EventState] = []
        self._watermark: datetime | None = None
        self._pruned_at: datetime | None = None
        self.last_decision: Decision | None = None
        """What the last report `add` handled did and why (None when it was handled before)."""
        self.last_pruned: tuple[int, int] = (0, 0)
        """(events, reports) the last report `add` handled made the store forget (see `EventStore.prune`)."""
        self.reload()

    def reload(self) -> None:
        """Read the open events and the watermark from the store again: what another
        instance left when this one takes over from it."""
        self._open = self._store.load_open()
        self._watermark = self._store.watermark()

    @property
    def open_events(self) -> list[LaunchEvent]:
        """The latest revision of every open, published event, oldest first (held events,
        whose reports name no actor yet, are not among them)."""
        return [state.published for state in self._open if not state.held]

    def _then_latest(self, done: list[LaunchEvent]) -> list[LaunchEvent]:
        """`done` (the revisions a report caused when first handled), each event followed by
        its latest revision where a later one was published since: sent again, an old
        revision would otherwise be the last record of its key, which is what a compacted
        topic keeps (a retracted launch live again for a table built from the topic)."""
        out = list(done)
        for event_id in dict.fromkeys(e.event_id for e in done):
            latest = self._store.latest_revision(event_id)
            if latest is not None and latest > max(e.revision for e in done if e.event_id == event_id):
                out.append(self._store.revision(event_id, latest))
        return out

    def add(self, report: LaunchReport) -> list[LaunchEvent]:
        """The event revisions this report causes (none when it changes nothing).

        Takes launch reports, and reports whose title retracts an earlier one (see
        `state.walk_back`) even when they are not launch reports themselves; any other
        report causes nothing. An event whose reports name no actor yet is held: it is
        kept, but publishes nothing until a report naming the actor joins it (then its
        first revision goes out). Idempotent and replay-safe: adding a report again
        returns the same revisions it caused the first time (same event_id and revision),
        so a stage that crashed before sending them sends them now, and consumers dedup on
        (event_id, revision); each event's latest revision follows where a later one
        exists, so the latest stays the last record of its key. Raises the state database's error (`STATE_ERRORS`) when the state cannot be written; then
        nothing of the report is kept and it can be handled again.
        """
        self.last_decision = None
        self.last_pruned = (0, 0)
        if not report.is_launch and walk_back(report.title) != "retraction":
            return []
        done = self._store.effects(report.item_id, report.revision)
        if done is not None:
            return self._then_latest(done)
        now = self._clock()
        source = source_from_report(report, seq=0, publish_skew_s=self._window.publish_skew_s)
        horizon = None
        if self._watermark is not None:
            horizon = self._watermark - timedelta(seconds=self._window.inactive_close_s)
        decision = self.last_decision = decide(self._open, source, is_launch=report.is_launch,
                                               retrospective=report.retrospective, horizon=horizon,
                                               window=self._window)
        changed: EventState | None = None
        before: EventState | None = None
        if decision.action == "open":
            changed = open_event(source, now, self._window)
        elif decision.action == "join" and decision.state is not None:
            before = decision.state
            changed = join(before, source, now, self._window)
            if not before.held and not changed.published.changes:
                changed = None  # an edited item that changes nothing publishes nothing
        publish = changed is not None and changed.revision > (before.revision if before else 0)
        if decision.action != "ignore" and not publish:
            # Kept but not published: held (no report names the actor yet), or no change.
            self.last_decision = replace(decision, state=changed or decision.state,
                                         reason="held" if changed is not None and changed.held else "nothing_changed")
        # A report stamped in the future (a source's wrong clock) must not close events early.
        moment = min(source.reported_at, now + timedelta(seconds=self._window.publish_skew_s))
        watermark = max(self._watermark, moment) if self._watermark else moment
        open_states = list(self._open)
        if changed is not None:
            # The changed event keeps its place (its age order); a new one goes last.
            position = next((i for i, s in enumerate(open_states) if s.event_id == changed.event_id), None)
            if position is None:
                open_states.append(changed)
            else:
                open_states[position] = changed
        cutoff = watermark - timedelta(seconds=self._window.inactive_close_s)
        closing = [s for s in open_states if s.last_reported_at < cutoff]
        events = [changed.published] if changed is not None and publish else []
        with self._store.transaction():
            if changed is not None:
                after = before.published if before is not None and not before.held else None
                self._store.save(changed, published_after=after, publish=publish)
            for state in closing:
                self._store.close(state.event_id)
            self._store.record(report.item_id, report.revision, events, watermark)
            self._store.set_watermark(watermark)
        if closing:
            closed = {s.event_id for s in closing}
            open_states = [s for s in open_states if s.event_id not in closed]
        self._open = open_states
        self._watermark = watermark
        self._prune()
        return events

    def _prune(self) -> None:
        """Forget the closed events (and the reports that caused nothing) a retention older
        than the watermark, at most once per `PRUNE_EVERY` of report time: on report time,
        so a replay of old news forgets alike."""
        if self._pruned_at is not None and self._watermark - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = self._watermark
        self.last_pruned = self._store.prune(self._watermark - self._retention)
