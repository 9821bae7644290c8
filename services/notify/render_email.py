"""E-mail messages (text and HTML parts) for alerts and updates (pure).

Feed text is HTML-escaped in the HTML part and flattened to one line in headers, so no
feed can add markup, links or header lines. Message-IDs derive from the subscription and
the event, so an update can name the first alert in In-Reply-To/References without any
stored state, and mail clients thread them. Given the event's map as PNG bytes, the HTML
part shows it inline (multipart/related, `<img src="cid:...">`); the text part does not
mention it.
"""

from __future__ import annotations

import hashlib
import html
from email.message import EmailMessage
from email.utils import format_datetime

from services.notify.alert import Alert, Digest
from services.notify.wording import (changed_labels, event_url, fact_text, facts, more_reports, one_line,
                                     safe_link, summary_line, update_title)

MAX_SUBJECT_CHARS = 160
MAX_SOURCES_LISTED = 20


def _domain(sender: str) -> str:
    domain = sender.rpartition("@")[2].strip(" >")
    return domain or "launchwatch.invalid"


def _thread_key(subscription: str, event_id: str) -> str:
    return hashlib.sha256(f"{subscription}\x1f{event_id}".encode()).hexdigest()[:16]


def first_message_id(subscription: str, event_id: str, sender: str) -> str:
    """Message-ID of the first alert about `event_id` sent to `subscription`."""
    return f"<lw.{_thread_key(subscription, event_id)}@{_domain(sender)}>"


def message_id(alert: Alert, sender: str) -> str:
    """The first alert's fixed id, or a per-revision id for an update (stable across retries)."""
    if alert.kind == "alert":
        return first_message_id(alert.subscription, alert.event.event_id, sender)
    key = _thread_key(alert.subscription, alert.event.event_id)
    return f"<lw.{key}.r{alert.event.revision}@{_domain(sender)}>"


def subject(alert: Alert) -> str:
    """`North Korea: 2 ballistic missiles toward East Sea (reported)`; updates say what changed."""
    line = summary_line(alert.event, alert.label)
    if alert.kind == "update":
        line = update_title(list(alert.changed), line)
    return one_line(line, MAX_SUBJECT_CHARS)


def _change_lines(alert: Alert) -> list[tuple[str, str | None, str | None]]:
    out = []
    for name in alert.changed:
        if name == "correction":
            out.append(("correction", None, "a source corrected an earlier report"))
            continue
        out.append((changed_labels([name]), alert.previous.get(name), fact_text(name, getattr(alert.event, name, None))))
    return out


def text_body(alert: Alert, public_url: str | None = None) -> str:
    event = alert.event
    lines = [subject(alert), ""]
    if alert.kind == "update":
        for label, before, now in _change_lines(alert):
            lines.append(f"  {label}: {before} -> {now}" if before else f"  {label}: {now}")
        lines.append("")
    lines.append(one_line(event.headline, 1000))
    lines.append("")
    for fact in facts(event):
        lines.append(f"{fact.label + ':':<14} {fact.value}")
    lines.append("")
    lines.append("Sources:")
    for source in event.sources[:MAX_SOURCES_LISTED]:
        url = safe_link(source.url)
        lines.append(f"  - {one_line(source.feed, 80)}: {one_line(source.title, 200)}" + (f" <{url}>" if url else ""))
    more = more_reports(event, len(event.sources[:MAX_SOURCES_LISTED]))
    if more:
        lines.append(f"  - {more}")
    lines.append("")
    lines.append(f"Event {event.event_id}, revision {event.revision}, first reported "
                 f"{event.first_reported_at.strftime('%Y-%m-%d %H:%M UTC')}.")
    if public_url:
        lines.append(f"Event page: {event_url(public_url, event.event_id)}")
    return "\n".join(lines) + "\n"


def map_content_id(alert: Alert, sender: str) -> str:
    """Content-ID of the map image in `alert`'s message (`<...>`), fixed per event revision."""
    key = _thread_key(alert.subscription, alert.event.event_id)
    return f"<lw.map.{key}.r{alert.event.revision}@{_domain(sender)}>"


def html_body(alert: Alert, map_cid: str | None = None, public_url: str | None = None) -> str:
    """The HTML part; with `map_cid` (a Content-ID without angle brackets) it shows that image
    as the map, after the facts; with `public_url`, a link to the event's page."""
    esc = html.escape
    event = alert.event
    parts = [f"<h2>{esc(subject(alert))}</h2>"]
    if alert.kind == "update":
        items = []
        for label, before, now in _change_lines(alert):
            change = f"{esc(before)} &rarr; <b>{esc(now or '')}</b>" if before else f"<b>{esc(now or '')}</b>"
            items.append(f"<li>{esc(label)}: {change}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    parts.append(f"<blockquote>{esc(one_line(event.headline, 1000))}</blockquote>")
    rows = "".join(f"<tr><th align=\"left\">{esc(f.label)}</th><td>{esc(f.value)}</td></tr>" for f in facts(event))
    parts.append(f"<table>{rows}</table>")
    if map_cid:
        alt = f"Map of the launch area: {one_line(summary_line(event), 300)}"
        parts.append(f'<p><img src="cid:{esc(map_cid, quote=True)}" width="640" height="400" '
                     f'alt="{esc(alt, quote=True)}"></p>')
    items = []
    for source in event.sources[:MAX_SOURCES_LISTED]:
        url = safe_link(source.url)
        name = esc(one_line(source.feed, 80))
        title = esc(one_line(source.title, 200))
        label = f"<a href=\"{esc(url, quote=True)}\">{name}</a>" if url else name
        items.append(f"<li>{label}: {title}</li>")
    more = more_reports(event, len(items))
    if more:
        items.append(f"<li>{esc(more)}</li>")
    parts.append("<p>Sources:</p><ul>" + "".join(items) + "</ul>")
    page = (f' <a href="{esc(event_url(public_url, event.event_id), quote=True)}">Event page</a>.'
            if public_url else "")
    parts.append(f"<p><small>Event {esc(event.event_id)}, revision {event.revision}.{page}</small></p>")
    return "<!DOCTYPE html><html><body>" + "".join(parts) + "</body></html>\n"


def render_email(alert: Alert, *, sender: str, to: list[str], map_png: bytes | None = None,
                 public_url: str | None = None) -> EmailMessage:
    """A multipart/alternative message; an update carries In-Reply-To and References.

    With `map_png` (the event's map as PNG bytes), the HTML alternative becomes
    multipart/related: the HTML and the image, which the HTML names by its Content-ID. With
    `public_url` (`[web] public_url`), both parts link to the event's page.
    """
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject(alert)
    msg["Date"] = format_datetime(alert.event.updated_at)
    msg["Message-ID"] = message_id(alert, sender)
    if alert.kind == "update":
        first = first_message_id(alert.subscription, alert.event.event_id, sender)
        msg["In-Reply-To"] = first
        msg["References"] = first
    msg["X-Launchwatch-Delivery"] = alert.delivery_id
    msg["X-Launchwatch-Event"] = one_line(alert.event.event_id, 200)
    msg.set_content(text_body(alert, public_url))
    if map_png is None:
        msg.add_alternative(html_body(alert, public_url=public_url), subtype="html")
        return msg
    cid = map_content_id(alert, sender)
    msg.add_alternative(html_body(alert, cid.strip("<>"), public_url), subtype="html")
    html_part = msg.get_payload()[1]
    html_part.add_related(map_png, maintype="image", subtype="png", cid=cid, filename="map.png",
                          disposition="inline")
    return msg


def digest_subject(digest: Digest) -> str:
    """`launchwatch digest: 3 launch events (North Korea, Iran)`."""
    actors = []
    for item in digest.items:
        name = summary_line(item.event).split(":", 1)[0]
        if name not in actors:
            actors.append(name)
    n = len(digest.items)
    label = f"[{digest.items[0].label}] " if digest.items and digest.items[0].label else ""
    return one_line(f"{label}launchwatch digest: {n} launch event{'s' if n != 1 else ''} ({', '.join(actors)})",
                    MAX_SUBJECT_CHARS)


def render_email_digest(digest: Digest, *, sender: str, to: list[str], public_url: str | None = None) -> EmailMessage:
    """One message: each item's text and HTML sections one after another."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = digest_subject(digest)
    msg["Date"] = format_datetime(max(item.event.updated_at for item in digest.items))
    msg["Message-ID"] = f"<lw.{digest.digest_id}@{_domain(sender)}>"
    msg["X-Launchwatch-Delivery"] = digest.digest_id
    rule = "\n" + "-" * 72 + "\n\n"
    msg.set_content(digest_subject(digest) + "\n\n" + rule.join(text_body(item, public_url) for item in digest.items))
    html_parts = [html_body(item, public_url=public_url).removeprefix("<!DOCTYPE html><html><body>").removesuffix("</body></html>\n")
                  for item in digest.items]
    msg.add_alternative("<!DOCTYPE html><html><body><h1>" + html.escape(digest_subject(digest)) + "</h1>"
                        + "<hr>".join(html_parts) + "</body></html>\n", subtype="html")
    return msg
