"""A readable block of text for the console channel (pure).

Control characters from feeds are dropped, so a headline cannot move the cursor, clear
the screen or fake other lines in a terminal.
"""

from __future__ import annotations

import re

from services.notify.alert import Alert, Digest
from services.notify.wording import changed_labels, facts, more_reports, one_line, safe_link, summary_line

MAX_SOURCES_LISTED = 5
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    return _CONTROL.sub("", one_line(text, 1000))


def render_console(alert: Alert) -> str:
    event = alert.event
    line = summary_line(event, alert.label)
    if alert.kind == "update":
        head = f"UPDATE ({changed_labels(list(alert.changed)) or 'new details'}): {line}"
    else:
        head = f"ALERT: {line}"
    lines = ["=" * 72, clean(head), f"  {clean(event.headline)}"]
    lines.append("  " + " | ".join(f"{f.label}: {clean(f.value)}" for f in facts(event)))
    listed = event.sources[:MAX_SOURCES_LISTED]
    for source in listed:
        url = safe_link(source.url)
        lines.append(f"  - {clean(source.feed)}" + (f" {clean(url)}" if url else ""))
    more = more_reports(event, len(listed))
    if more and listed:
        lines.append(f"  - {more}")
    lines.append(f"  event {clean(event.event_id)} rev {event.revision} · delivery {alert.delivery_id}")
    lines.append("=" * 72)
    return "\n".join(lines) + "\n"


def render_console_digest(digest: Digest) -> str:
    n = len(digest.items)
    return f"DIGEST: {n} launch event{'s' if n != 1 else ''}\n" + "".join(render_console(item) for item in digest.items)
