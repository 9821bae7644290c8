"""The words and numbers of the HTML pages: times, facts and outlets as a person reads them.

Pure functions of events and values; the templates escape what they return (but `when`,
which builds its own escaped markup). The names of actors, kinds and facts are the ones
the alerts use (`schemas.labels`). The feeds and the API keep the raw values: they are
contracts, read by programs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from markupsafe import Markup

from schemas import EventSource, LaunchEvent
from schemas.labels import (
    FACT_LABELS,
    FACT_WORDS,
    actor_name,
    direction_language,
    fact_text,
    fact_text_of,
    fmt_km,
    fmt_time,
    headed,
    launched_from,
    what_launched,
)


def when(moment: datetime | str | None) -> Markup:
    """A time as `<time datetime="...">2026-12-02 15:03 UTC</time>` (one format on every
    page, in UTC, kept on one line by the stylesheet); an ISO 8601 text is read first (one
    that is not stays as it is); "—" for none."""
    if moment is None or moment == "":
        return Markup("—")
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return Markup("{}").format(moment)
    return Markup('<time datetime="{}">{}</time>').format(moment.isoformat(), fmt_time(moment))


def fact_label(name: str) -> str:
    """"Distance" for "distance_km"; a fact without a label as it is, underscores as spaces."""
    return FACT_LABELS.get(name, name.replace("_", " ").capitalize())


def fact_value(name: str, value: Any) -> str:
    """A fact's value as the alerts word it ("350 km", "North Korea"); "—" when unknown."""
    return _or_dash(fact_text(name, value))


def fact_value_of(holder: object, name: str) -> str:
    """Fact `name` of an event or of a report's fields, as `fact_value` words it (a launch
    time with the day its reports state where they give no hour)."""
    return _or_dash(fact_text_of(holder, name))


def _or_dash(text: str | None) -> str:
    return "—" if text is None else text


def outlets(sources: Iterable[EventSource]) -> list[str]:
    """The outlets' names, each once, in the order they first reported."""
    return list(dict.fromkeys(source.feed for source in sources))


def in_time_order(sources: Iterable[EventSource]) -> list[EventSource]:
    """The reports by publication time, earliest first; those without one last, as they came."""
    return sorted(sources, key=lambda s: (s.published_at is None, s.published_at.timestamp() if s.published_at else 0))


def summary(event: LaunchEvent) -> str:
    """"North Korea · 2 short-range ballistic missiles · about 350 km · toward East Sea"."""
    parts = [actor_name(event.actor), what_launched(event)]
    if event.distance_km:
        parts.append(f"about {fmt_km(event.distance_km)}")
    if event.launch_site:
        parts.append(launched_from(event.launch_site))
    if event.direction:
        parts.append(headed(event.direction, direction_language(event)))
    return " · ".join(parts)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def reports_line(event: LaunchEvent) -> str:
    """"19 reports from 10 independent outlets": the reports listed (and those left out of
    the list) against the independent sources the events stage counted."""
    reports = len(event.sources) + event.sources_omitted
    return (f"{_plural(reports, 'report', 'reports')} from "
            f"{_plural(event.source_count, 'independent outlet', 'independent outlets')}")


def changes_text(changes: Iterable[str]) -> str:
    """"distance, apogee, sources": the changed facts as the update alerts name them."""
    return ", ".join(FACT_WORDS.get(name, name.replace("_", " ")) for name in changes)


OUTCOMES = {
    "delivered": "the channel accepted it",
    "skipped": "nothing to send: the subscription's filters leave the event out, nothing it cares about "
               "changed, or a newer revision superseded it",
    "pending": "decided, being sent",
    "outbox": "owed, not decided yet",
    "queued": "waiting for its digest",
    "dead": "given up: refused by the receiver or the address guard, or failed every retry; listed below",
}
"""What each delivery outcome of the notify ledger means (docs/delivery.md), in a few words."""

SKIP_REASONS = {
    "no_meaningful_change": "nothing it cares about changed",
    "superseded": "a later revision was handled",
    "follow_ups_off": "it takes no updates",
    "retracted": "retracted before its alert",
    "stale": "reported too long ago",
    "too_old": "beyond its freshness window",
    "actor_not_subscribed": "another actor than it follows",
    "kind_not_subscribed": "another kind than it follows",
    "language_not_subscribed": "reported in other languages than it follows",
    "below_min_confidence": "confidence below its minimum",
    "below_min_status": "status below its minimum",
    "already_handled": "handled before",
}
"""Why the notify ledger skipped a delivery (its reason codes), as a duty officer reads it."""

# The event page lists what reached a channel, or failed to, before what was skipped.
_OUTCOME_ORDER = {"dead": 0, "pending": 1, "outbox": 2, "queued": 3, "delivered": 4, "skipped": 5}


def deliveries_in_order(rows: list[dict]) -> list[dict]:
    """An event's deliveries: dead and owed ones first, then delivered, then skipped; each
    group by revision, newest first, then subscription. Each row gains `said`: its outcome
    in words ("delivered", "skipped: nothing it cares about changed", "dead: HTTP 500")."""
    out = []
    for row in sorted(rows, key=lambda r: (_OUTCOME_ORDER.get(r["status"], 9), -r["revision"], r["subscription"])):
        reason = row.get("reason")
        words = SKIP_REASONS.get(reason, reason) if row["status"] == "skipped" else reason
        out.append({**row, "said": f"{row['status']}: {words}" if words else row["status"]})
    return out
