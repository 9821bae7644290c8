"""Slack messages (Block Kit plus a plain-text fallback) for alerts and updates (pure).

Every piece of text that came from a feed goes through `escape_mrkdwn`, so a headline
cannot ping (`<!channel>`, `<@U123>`, `@here`), link (`<https://x|click>`) or break the
message's formatting. Messages stay within Slack's limits: 3,000 characters a section
text, 10 fields a section, 10 elements a context block, 50 blocks a message. Given the
web app's public address, a first alert shows the event's map as an image block (Slack
fetches `<public_url>/events/<event_id>/map.png` itself).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from services.notify.alert import Alert, Digest
from services.notify.wording import (changed_labels, event_url, fact_text, facts, more_reports, one_line, safe_link,
                                     summary_line, update_title)
from services.web.geo import place_event  # pure: whether the event has a map at all

MAX_SECTION_CHARS = 3000
MAX_BLOCKS = 50
MAX_FIELDS = 10
MAX_CONTEXT_ELEMENTS = 10
MAX_SOURCES_SHOWN = 5
MAX_FALLBACK_CHARS = 3000
MAX_ALT_TEXT_CHARS = 2000

# U+2060 WORD JOINER: invisible, and it stops Slack from reading `@here` as a mention
# or `https://` as the start of a link.
_JOINER = "\u2060"
_BROADCAST = re.compile(r"@(here|channel|everyone)\b", re.IGNORECASE)
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):(//)", re.IGNORECASE)


# mrkdwn formatting characters and look-alikes that do not format.
_FORMATTING = str.maketrans({"*": "\u2217", "_": "\uff3f", "~": "\u223c", "`": "\u02cb"})


def escape_mrkdwn(text: str) -> str:
    """Feed text made inert for Slack mrkdwn.

    `&`, `<`, `>` become entities (Slack's own rule), so `<!channel>`, `<@U123>` and
    `<url|label>` show as text; bare `@here`/`@channel`/`@everyone` and `scheme://` get an
    invisible joiner so they neither ping nor auto-link; `*`, `_`, `~` and backticks, which
    mrkdwn has no escape for, become look-alikes that format nothing.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").translate(_FORMATTING)
    text = _BROADCAST.sub(lambda m: "@" + _JOINER + m.group(1), text)
    return _SCHEME.sub(lambda m: m.group(1) + ":" + _JOINER + m.group(2), text)


def link(url: str, label: str) -> str:
    """`<url|label>` with the label escaped and the URL unable to close the link early."""
    safe_url = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return f"<{safe_url}|{escape_mrkdwn(label).replace('|', '¦')}>"


def clip(text: str, max_chars: int) -> str:
    """Cut mrkdwn to `max_chars` without splitting an entity (`&amp;`) or a link (`<...>`)."""
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    amp, semi = cut.rfind("&"), cut.rfind(";")
    if amp > semi:
        cut = cut[:amp]
    lt, gt = cut.rfind("<"), cut.rfind(">")
    if lt > gt:
        cut = cut[:lt]
    return cut + "…"


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION_CHARS)}}


def _context(elements: list[str]) -> dict[str, Any]:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": clip(e, MAX_SECTION_CHARS)} for e in elements[:MAX_CONTEXT_ELEMENTS]],
    }


def _title(alert: Alert) -> str:
    summary = escape_mrkdwn(summary_line(alert.event, alert.label))
    if alert.kind == "update":
        what = changed_labels(list(alert.changed)) or "new details"
        return f":arrows_counterclockwise: *Update ({escape_mrkdwn(what)}):* {summary}"
    return f":rotating_light: *{summary}*"


def _change_lines(alert: Alert) -> list[str]:
    lines = []
    for name in alert.changed:
        label = changed_labels([name])
        before = alert.previous.get(name)
        now = fact_text(name, getattr(alert.event, name, None))
        if name == "correction":
            lines.append("• a source corrected an earlier report")
        elif before is not None and now is not None:
            lines.append(f"• {escape_mrkdwn(label)}: {escape_mrkdwn(before)} → *{escape_mrkdwn(now)}*")
        elif now is not None:
            lines.append(f"• {escape_mrkdwn(label)}: *{escape_mrkdwn(now)}*")
    return lines


def _sources(alert: Alert) -> list[str]:
    """The first reports, linked, and how many more reports there are (not outlets: the
    "Sources" fact counts those). An update lists its newest report first: the one that
    brought what changed."""
    event = alert.event
    reports = list(reversed(event.sources)) if alert.kind == "update" else list(event.sources)
    shown = []
    feeds: set[str] = set()
    for source in reports:
        if len(shown) == MAX_SOURCES_SHOWN:
            break
        name = one_line(source.feed, 60)
        if name in feeds:
            continue  # one link a feed: "Yonhap, Yonhap, Yonhap" tells nothing
        feeds.add(name)
        url = safe_link(source.url)
        shown.append(link(url, name) if url else escape_mrkdwn(name))
    more = more_reports(event, len(shown))
    line = "Sources: " + (", ".join(shown) if shown else "none listed")
    if more and shown:
        line += f" {more}"
    return [line]


# An id as launchwatch makes them: shown as it is in a code span (mrkdwn formats nothing
# there), so that it can be copied into `launchwatch dlq --event` or a URL.
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]{1,100}")


def _footer(alert: Alert, public_url: str | None = None) -> str:
    event = alert.event
    first = event.first_reported_at.strftime("%Y-%m-%d %H:%M UTC")
    event_id = event.event_id if _PLAIN_ID.fullmatch(event.event_id) else escape_mrkdwn(event.event_id)
    # (The id is percent-encoded in the address, so no "|" or ">" ends Slack's link early.)
    page = f" · <{event_url(public_url, event.event_id)}|event page>" if public_url else ""
    return f"event `{event_id}` · revision {event.revision} · first reported {first}{page}"


def map_url(public_url: str, event_id: str, revision: int) -> str:
    """Address of the PNG map of the event's `revision` on the web app reached at
    `public_url`: an address of its own per revision, since Slack keeps an image it has
    fetched, and the rewritten first alert shows the map of the facts it now tells."""
    return event_url(public_url, event_id) + f"/map.png?rev={revision}"


def _map_block(alert: Alert, public_url: str) -> dict[str, Any] | None:
    # Slack refuses the whole message when an image cannot be fetched, so an event the web
    # app cannot map (its map.png answers 404) gets no image block.
    if place_event(alert.event) is None:
        return None
    alt = one_line(f"Map of the launch area: {summary_line(alert.event)}", MAX_ALT_TEXT_CHARS)
    return {"type": "image", "image_url": map_url(public_url, alert.event.event_id, alert.event.revision), "alt_text": alt}


def fallback_text(alert: Alert) -> str:
    """The plain-text line notifications and old clients show (escaped the same way)."""
    line = summary_line(alert.event, alert.label)
    if alert.kind == "update":
        line = update_title(list(alert.changed), line)
    text = f"{line} | {one_line(alert.event.headline, 300)}"
    return clip(escape_mrkdwn(text), MAX_FALLBACK_CHARS)


def render_slack(alert: Alert, *, public_url: str | None = None) -> dict[str, Any]:
    """The full message for a first alert, or the update message for a follow-up.

    The result is the JSON body of an incoming-webhook POST; the Web API sender adds the
    channel and thread to it. With `public_url` (`[web] public_url`), a first alert about an
    event that can be mapped carries an image block of the map; updates do not.
    """
    event = alert.event
    blocks: list[dict[str, Any]] = [_section(_title(alert))]
    if alert.kind == "update":
        lines = _change_lines(alert)
        if lines:
            blocks.append(_section("\n".join(lines)))
    blocks.append(_section("> " + escape_mrkdwn(one_line(event.headline, 500))))
    if alert.kind == "alert":
        fields = [{"type": "mrkdwn", "text": f"*{f.label}*\n{escape_mrkdwn(f.value)}"} for f in facts(event)]
        blocks.append({"type": "section", "fields": fields[:MAX_FIELDS]})
        image = _map_block(alert, public_url) if public_url else None
        if image is not None:
            blocks.append(image)
    blocks.append(_context(_sources(alert)))
    blocks.append(_context([_footer(alert, public_url)]))
    return {
        "text": fallback_text(alert),
        "blocks": blocks[:MAX_BLOCKS],
        "unfurl_links": False,
        "unfurl_media": False,
    }


def render_slack_parent(alert: Alert, *, public_url: str | None = None) -> dict[str, Any]:
    """The first alert's message rewritten with the event's current facts (for chat.update),
    so a reader of the channel sees a confirmed, grown, corrected or retracted event without
    opening the thread."""
    first = replace(alert, kind="alert", changed=(), previous={})
    return render_slack(first, public_url=public_url)


def _digest_title(digest: Digest) -> str:
    new = sum(1 for item in digest.items if item.kind == "alert")
    updated = len(digest.items) - new
    parts = [f"{new} new launch event{'s' if new != 1 else ''}"] if new else []
    if updated:
        parts.append(f"{updated} update{'s' if updated != 1 else ''}")
    return " and ".join(parts)


def render_slack_digest(digest: Digest, *, public_url: str | None = None) -> dict[str, Any]:
    """One message listing the digest's events (two blocks each), within the 50-block limit;
    with `public_url`, each links to its event page."""
    blocks: list[dict[str, Any]] = [_section(f":newspaper: *launchwatch digest: {_digest_title(digest)}*")]
    per_item = 2
    room = (MAX_BLOCKS - 2) // per_item
    shown = digest.items[:room]
    for item in shown:
        event = item.event
        blocks.append(_section(_title(item) + "\n> " + escape_mrkdwn(one_line(event.headline, 300))))
        blocks.append(_context(_sources(item) + [_footer(item, public_url)]))
    if len(digest.items) > len(shown):
        blocks.append(_context([f"and {len(digest.items) - len(shown)} more events not shown"]))
    lines = [("Update: " if i.kind == "update" else "") + summary_line(i.event, i.label) for i in digest.items]
    text = clip(escape_mrkdwn(f"launchwatch digest: {_digest_title(digest)}: " + "; ".join(lines)), MAX_FALLBACK_CHARS)
    return {"text": text, "blocks": blocks[:MAX_BLOCKS], "unfurl_links": False, "unfurl_media": False}
