"""How an event is put into words, shared by every channel's renderer (pure).

The words here are plain text, unescaped: each renderer escapes them for its channel
(Slack mrkdwn, HTML, e-mail headers), because most of them come from feeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from schemas import LaunchEvent
from schemas.labels import (  # noqa: F401  (the names every renderer imports from here)
    ACTOR_NAMES,
    FACT_LABELS,
    FACT_WORDS,
    KIND_NOUNS,
    actor_name,
    direction_language,
    fact_text,
    fact_text_of,
    fmt_km,
    fmt_percent,
    fmt_time,
    headed,
    kind_noun,
    launched_from,
    one_line,
    what_launched,
)


def summary_line(event: LaunchEvent, label: str = "") -> str:
    """The one line a person scans: `North Korea: 2 ballistic missiles from the Sunan area toward
    East Sea, flew 350 km (reported)`; after `[label] ` where the instance has one
    (`[notify] label`: a recorded launch of the demo, a staging instance)."""
    line = f"[{label}] " if label else ""
    line += f"{actor_name(event.actor)}: {what_launched(event)}"
    if event.launch_site:
        line += f" {launched_from(event.launch_site)}"
    if event.direction:
        line += f" {headed(event.direction, direction_language(event))}"
    distance = fact_text_of(event, "distance_km")
    if distance is not None:
        line += f", flew {distance}"
    return f"{line} ({event.status})"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def facts(event: LaunchEvent) -> list[Fact]:
    """The known facts of an event, in reading order, as plain text."""
    out = [Fact(FACT_LABELS["status"], event.status)]
    for name in ("kind", "count", "distance_km", "apogee_km", "launch_site", "direction", "launched_at", "source_agency"):
        text = fact_text_of(event, name)
        if text is not None:
            out.append(Fact(FACT_LABELS[name], text))
    out.append(Fact(FACT_LABELS["sources"], str(event.source_count)))
    out.append(Fact(FACT_LABELS["confidence"], fmt_percent(event.confidence)))
    return out


def changed_labels(changed: list[str]) -> str:
    """`count, apogee` from fact names, for an update's title."""
    return ", ".join(FACT_WORDS.get(name, name) for name in changed)


def event_url(public_url: str, event_id: str) -> str:
    """Address of the event's page on the web app reached at `public_url` (`[web] public_url`)."""
    return f"{public_url.rstrip('/')}/events/{quote(event_id, safe='')}"


def update_title(changed: list[str], line: str) -> str:
    """`Update (distance, apogee): <line>`: what changed leads, so updates differ at a glance."""
    return f"Update ({changed_labels(changed) or 'new details'}): {line}"


def safe_link(url: str | None) -> str | None:
    """The URL when it is http(s), else None: no `javascript:` or other schemes reach a message."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE):
        return None
    return url



def more_reports(event: LaunchEvent, listed: int) -> str | None:
    """"and N more reports" for the reports of `event` an alert does not list (those past
    the first `listed`, and those the event no longer keeps), else None. The "Sources" fact
    counts outlets; this counts reports, and says so."""
    more = len(event.sources) + event.sources_omitted - listed
    return f"and {more} more report{'s' if more > 1 else ''}" if more > 0 else None
