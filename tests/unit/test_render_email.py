"""E-mail rendering: scannable subject, text and HTML parts, escaped feed text, threading ids."""

from __future__ import annotations

from datetime import datetime, timezone
from email import message_from_bytes
from email.policy import default

from schemas import EventSource, LaunchEvent
from services.notify.alert import Alert
from services.notify.render_email import first_message_id, render_email

T0 = datetime(2026, 11, 25, 1, 12, tzinfo=timezone.utc)


def event(**overrides) -> LaunchEvent:
    values = dict(
        event_id="evt-prk-1", revision=1, status="reported", actor="PRK", kind="ballistic", count=2,
        direction="East Sea", confidence=0.9, headline="North Korea fires two ballistic missiles",
        first_reported_at=T0, updated_at=T0,
        sources=[EventSource(item_id="i1", feed="Yonhap", url="https://en.yna.co.kr/a", title="N. Korea fires")],
    )
    values.update(overrides)
    return LaunchEvent(**values)


def parsed(alert: Alert):
    raw = render_email(alert, sender="launchwatch@alerts.example", to=["duty@example.org"]).as_bytes()
    return message_from_bytes(raw, policy=default)


def test_subject_is_scannable_and_message_has_text_and_html():
    msg = parsed(Alert("dlv_1", "duty", "alert", event()))
    assert msg["Subject"] == "North Korea: 2 ballistic missiles toward East Sea (reported)"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "North Korea fires two ballistic missiles" in text and "Count:" in text
    assert "<blockquote>North Korea fires two ballistic missiles</blockquote>" in html


def test_every_fact_of_the_text_part_is_parted_from_its_label():
    msg = parsed(Alert("dlv_1", "duty", "alert", event(launch_site="the Sunan area of Pyongyang", source_agency="JCS")))
    lines = msg.get_body(("plain",)).get_content().splitlines()
    assert "Launched from: the Sunan area of Pyongyang" in [" ".join(line.split()) for line in lines]
    assert not any(line.startswith("Launched from:the") for line in lines)


def test_feed_text_is_escaped_in_html_and_cannot_add_headers():
    hostile = event(headline='<script>alert(1)</script><a href="https://evil">x</a>',
                    direction="East Sea\r\nBcc: victim@example.org",
                    sources=[EventSource(item_id="i", feed="<b>F</b>", url="javascript:alert(1)", title="<img src=x>")])
    msg = parsed(Alert("dlv_1", "duty", "alert", hostile))
    html = msg.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and 'href="https://evil"' not in html and "javascript:" not in html
    assert msg["Bcc"] is None
    assert "\n" not in msg["Subject"]


def test_update_threads_under_the_first_alert():
    first = parsed(Alert("dlv_1", "duty", "alert", event()))
    update = parsed(Alert("dlv_2", "duty", "update", event(revision=2, status="confirmed"),
                          changed=("status",), previous={"status": "reported"}))
    assert first["Message-ID"] == first_message_id("duty", "evt-prk-1", "launchwatch@alerts.example")
    assert update["In-Reply-To"] == first["Message-ID"] and update["References"] == first["Message-ID"]
    assert update["Message-ID"] != first["Message-ID"]
    assert update["Subject"].startswith("Update (status): North Korea")
    assert "status: reported -> confirmed" in update.get_body(("plain",)).get_content()


def test_message_id_is_stable_for_a_retry_and_differs_by_subscription():
    a = parsed(Alert("dlv_1", "duty", "alert", event()))
    b = parsed(Alert("dlv_1", "duty", "alert", event()))
    c = parsed(Alert("dlv_9", "other", "alert", event()))
    assert a["Message-ID"] == b["Message-ID"] != c["Message-ID"]
    assert a["Message-ID"].endswith("@alerts.example>")


def test_map_is_inline_in_the_html_part_and_absent_from_the_text() -> None:
    import io

    from PIL import Image

    from services.web.mapdraw import event_png

    alert = Alert("d1", "ops", "alert", event(distance_km=350.0))
    png = event_png(alert.event)
    assert png is not None
    raw = render_email(alert, sender="launchwatch@alerts.example", to=["duty@example.org"], map_png=png).as_bytes()
    msg = message_from_bytes(raw, policy=default)
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    images = [part for part in msg.walk() if part.get_content_type() == "image/png"]
    assert len(images) == 1
    image = images[0]
    cid = image["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html and "North Korea" in html[html.index("<img"):]
    assert image.get_content_disposition() == "inline"
    assert "map" not in text.lower() and "cid:" not in text
    opened = Image.open(io.BytesIO(image.get_content()))
    opened.verify()
    assert opened.format == "PNG" and opened.size == (640, 400)
    # Without a map the message is as before: no related part, no image reference.
    plain = parsed(alert)
    assert not [p for p in plain.walk() if p.get_content_maintype() == "image"]
    assert "<img" not in plain.get_body(preferencelist=("html",)).get_content()


def test_with_a_public_url_both_parts_link_to_the_event_page():
    raw = render_email(Alert("dlv_1", "duty", "alert", event()), sender="launchwatch@alerts.example",
                       to=["duty@example.org"], public_url="https://lw.example").as_bytes()
    msg = message_from_bytes(raw, policy=default)
    page = f"https://lw.example/events/{event().event_id}"
    assert f"Event page: {page}" in msg.get_body(("plain",)).get_content()
    assert f'<a href="{page}">Event page</a>' in msg.get_body(("html",)).get_content()
    assert "Event page" not in parsed(Alert("dlv_1", "duty", "alert", event())).get_body(("plain",)).get_content()
