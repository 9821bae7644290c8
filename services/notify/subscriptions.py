"""Which event revisions a subscription hears about, and as what (pure).

- A first alert goes out when an event revision first passes every filter of the
  subscription (confidence, status, actors, kinds, languages, freshness).
- After that, a revision becomes an update only when a meaningful fact differs from what
  this subscription was last sent: status up (reported < claimed < confirmed), a
  correction or retraction, count, kind, or distance/apogee by more than a rounding
  difference. Another outlet repeating known facts sends nothing.
- Filters judge first alerts only: a subscriber who was told about an event hears its
  corrections even if, say, its confidence later drops.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from schemas import LaunchEvent
from schemas.agreement import kind_generalises, km_same
from services.notify.settings import SubscriptionSettings
from services.notify.wording import fact_text

# Facts whose change is worth a follow-up: the launcher too, when the reports that name it
# overrule the one a first report merely guessed.
MEANINGFUL = ("status", "actor", "count", "kind", "distance_km", "apogee_km")
# Facts remembered about what was sent (MEANINGFUL plus context for the update's text).
REMEMBERED = (*MEANINGFUL, "direction")
STATUS_RANK = {"reported": 0, "corrected": 0, "claimed": 1, "confirmed": 2}
WALK_BACKS = ("corrected", "retracted")
COUNT_GROWTH = 1.25
"""A growing tally is news again once it reaches this multiple of the count last sent
(a barrage told as 100, 110, 122, then 150 missiles: the update comes with 150)."""


@dataclass(frozen=True)
class Memory:
    """What the ledger remembers of one (subscription, event): see `Ledger.memory`."""

    alerted: bool
    sent_facts: dict[str, Any] = field(default_factory=dict)
    max_revision: int = 0
    thread_ref: str | None = None


@dataclass(frozen=True)
class Decision:
    action: Literal["alert", "update", "skip"]
    reason: str = ""
    detail: str = ""
    changed: tuple[str, ...] = ()
    previous: dict[str, str | None] = field(default_factory=dict)


def snapshot(event: LaunchEvent) -> dict[str, Any]:
    """The remembered facts of `event`, JSON-ready."""
    return {name: getattr(event, name) for name in REMEMBERED}


def filter_reason(sub: SubscriptionSettings, event: LaunchEvent, now: datetime) -> tuple[str, str] | None:
    """(reason, detail) when `sub` must not get a first alert for `event`, else None."""
    if event.status == "retracted":
        return "retracted", "the event was retracted before it reached this subscription"
    if event.stale:
        return "stale", "the event is marked stale: first reported too long ago"
    age_s = (now - event.first_reported_at).total_seconds()
    if age_s > sub.freshness_window_s:
        return "too_old", (f"first reported {age_s / 3600:.1f} h ago, beyond the "
                           f"{sub.freshness_window_s / 3600:.1f} h freshness window")
    # What the subscription is about (actors, kinds, languages) before how sure the event is:
    # an event of another actor is skipped as that, whatever its status.
    if sub.actors and (event.actor or "").casefold() not in {a.casefold() for a in sub.actors}:
        return "actor_not_subscribed", f"actor {event.actor or 'unknown'} not in {sub.actors}"
    if sub.kinds and event.kind not in sub.kinds:
        return "kind_not_subscribed", f"kind {event.kind or 'unknown'} not in {sub.kinds}"
    if sub.languages:
        # Sources of unknown language do not withhold an alert; known ones must match.
        langs = {lang.split("-")[0].casefold() for s in event.sources if (lang := s.lang)}
        wanted = {lang.split("-")[0].casefold() for lang in sub.languages}
        if langs and not langs & wanted:
            return "language_not_subscribed", f"source languages {sorted(langs)} not in {sub.languages}"
    if event.confidence < sub.min_confidence:
        return "below_min_confidence", f"confidence {event.confidence:.2f} < {sub.min_confidence:.2f}"
    if STATUS_RANK.get(event.status, 0) < STATUS_RANK[sub.min_status]:
        return "below_min_status", f"status {event.status} < {sub.min_status}"
    return None


def meaningful_changes(sent: dict[str, Any], event: LaunchEvent) -> list[str]:
    """Facts of `event` that differ in a way worth telling from the facts last `sent`."""
    changed: list[str] = []
    before_status, status = sent.get("status"), event.status
    if status != before_status and (
        status in WALK_BACKS
        or before_status in WALK_BACKS
        or STATUS_RANK.get(status, 0) > STATUS_RANK.get(str(before_status), 0)
    ):
        changed.append("status")
    if event.actor is not None and sent.get("actor") not in (None, event.actor):
        changed.append("actor")
    count, sent_count = event.count, sent.get("count")
    if count is not None and count != sent_count and (
            not isinstance(sent_count, int) or count < sent_count or count >= sent_count * COUNT_GROWTH):
        changed.append("count")
    # A class made generic again ("hypersonic", then an outlet's "ballistic") tells nothing.
    kind, sent_kind = event.kind, sent.get("kind")
    if kind is not None and kind != sent_kind and not kind_generalises(kind, sent_kind):
        changed.append("kind")
    # "A ballistic missile launch" then "a ballistic missile": a first known count of one
    # tells the subscriber nothing new.
    if "count" in changed and event.count == 1 and sent.get("count") is None:
        changed.remove("count")
    # Distances rounded apart by different outlets (600 and 610 km) are one figure.
    for name in ("distance_km", "apogee_km"):
        now, before = getattr(event, name), sent.get(name)
        if now is not None and not (isinstance(before, (int, float)) and km_same(now, before)):
            changed.append(name)
    if "correction" in event.changes and "status" not in changed:
        changed.append("correction")
    return changed


def decide(sub: SubscriptionSettings, event: LaunchEvent, memory: Memory | None, now: datetime) -> Decision:
    """What `sub` gets for this revision of `event`, given what it was sent before."""
    if memory is not None and event.revision <= memory.max_revision:
        return Decision("skip", "superseded", f"revision {memory.max_revision} was already handled")
    if memory is None or not memory.alerted:
        blocked = filter_reason(sub, event, now)
        if blocked is not None:
            return Decision("skip", *blocked)
        return Decision("alert")
    changed = meaningful_changes(memory.sent_facts, event)
    if not changed:
        return Decision("skip", "no_meaningful_change", "no fact changed beyond what was sent")
    is_walk_back = "correction" in changed or event.status in WALK_BACKS
    if sub.follow_ups == "none" or (sub.follow_ups == "corrections" and not is_walk_back):
        return Decision("skip", "follow_ups_off", f"follow_ups = {sub.follow_ups}")
    previous = {name: fact_text(name, memory.sent_facts.get(name)) for name in changed}
    return Decision("update", changed=tuple(changed), previous=previous)
