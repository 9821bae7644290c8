"""Slack rendering: hostile feed text pings and links nothing; messages stay within limits."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from schemas import EventSource, LaunchEvent
from services.notify.alert import Alert
from services.notify.render_slack import MAX_SECTION_CHARS, escape_mrkdwn, render_slack

T0 = datetime(2026, 11, 25, 1, 12, tzinfo=timezone.utc)
HOSTILE = "<!channel> <!here> <@U123> @here @channel @everyone <https://evil.example|click> & fire http://evil.example/x"


def event(**overrides) -> LaunchEvent:
    values = dict(
        event_id="evt-prk-1", revision=1, status="reported", actor="PRK", kind="ballistic", count=2,
        direction="East Sea", confidence=0.9, headline="North Korea fires two ballistic missiles",
        first_reported_at=T0, updated_at=T0,
        sources=[EventSource(item_id="i1", feed="Yonhap", url="https://en.yna.co.kr/a?b=1&c=2", title="x")],
    )
    values.update(overrides)
    return LaunchEvent(**values)


def all_mrkdwn(message: dict) -> list[str]:
    texts = [message["text"]]
    for block in message["blocks"]:
        if "text" in block:
            texts.append(block["text"]["text"])
        texts += [f["text"] for f in block.get("fields", [])]
        texts += [e["text"] for e in block.get("elements", [])]
    return texts


def test_hostile_feed_text_cannot_ping_or_link():
    hostile = event(headline=HOSTILE, direction="<!subteam^S1> East Sea",
                    sources=[EventSource(item_id="i1", feed="<@U999> Feed|x", url="javascript:alert(1)", title=HOSTILE)])
    message = render_slack(Alert("dlv_1", "ops", "alert", hostile))
    for text in all_mrkdwn(message):
        # The only angle brackets left are our own links, and no text has a raw special sequence.
        assert "<!" not in text and "<@" not in text and "<https://evil" not in text
        assert not re.search(r"@(here|channel|everyone)", text), text
        assert "http://evil" not in text and "javascript:" not in text
    assert "&lt;!channel&gt;" in json.dumps(message, ensure_ascii=False)


def test_escape_keeps_the_words_readable():
    assert escape_mrkdwn("A & B <C>") == "A &amp; B &lt;C&gt;"
    assert escape_mrkdwn("@here").replace("\u2060", "") == "@here"


def test_the_event_id_can_be_copied_as_it_is():
    message = render_slack(Alert("dlv_1", "ops", "alert", event(event_id="evt_0a9a75390045952582c0")))
    assert "`evt_0a9a75390045952582c0`" in json.dumps(message["blocks"], ensure_ascii=False)
    odd = render_slack(Alert("dlv_1", "ops", "alert", event(event_id="evt_`<!here>")))
    assert "<!here>" not in json.dumps(odd, ensure_ascii=False)


def test_source_link_is_ours_and_its_url_cannot_close_early():
    message = render_slack(Alert("dlv_1", "ops", "alert",
                                 event(sources=[EventSource(item_id="i", feed="Wire", url="https://x.example/a|b>c", title="t")])))
    context = json.dumps(message["blocks"])
    assert "<https://x.example/a%7Cb%3Ec|Wire>" in context


def test_first_alert_reads_as_a_summary_with_facts_and_fallback_text():
    message = render_slack(Alert("dlv_1", "ops", "alert", event()))
    assert message["text"].startswith("North Korea: 2 ballistic missiles toward East Sea (reported)")
    assert "North Korea fires two ballistic missiles" in message["text"]
    fields = [f["text"] for b in message["blocks"] for f in b.get("fields", [])]
    assert "*Count*\n2" in fields and "*Status*\nreported" in fields


def test_update_names_what_changed_with_before_and_after():
    alert = Alert("dlv_2", "ops", "update", event(revision=3, status="confirmed", count=3),
                  changed=("status", "count"), previous={"status": "reported", "count": "2"})
    texts = all_mrkdwn(render_slack(alert))
    # The notification line says what changed, so two updates never read alike.
    assert texts[0].startswith("Update (status, count): North Korea: 3 ballistic missiles")
    joined = "\n".join(texts)
    assert "Update (status, count)" in joined
    assert "count: 2 → *3*" in joined and "status: reported → *confirmed*" in joined


def test_huge_feed_text_stays_within_slack_limits():
    many = [EventSource(item_id=f"i{n}", feed="F" * 500, url="https://a.example/" + "x" * 900, title="t") for n in range(80)]
    message = render_slack(Alert("dlv_1", "ops", "alert", event(headline="&<>" * 5000, sources=many, source_count=80)))
    assert len(message["blocks"]) <= 50
    for text in all_mrkdwn(message):
        assert len(text) <= MAX_SECTION_CHARS
        # A cut never leaves half an entity behind.
        assert not re.search(r"&[a-z]{0,3}…", text)


def test_a_long_digest_stays_within_50_blocks_and_says_how_many_are_not_shown():
    from services.notify.alert import Digest
    from services.notify.render_slack import render_slack_digest

    items = tuple(Alert(f"dlv_{n}", "ops", "alert", event(event_id=f"evt-{n}")) for n in range(40))
    message = render_slack_digest(Digest("dgs_1", "ops", items))
    assert len(message["blocks"]) <= 50
    assert "and 16 more events not shown" in json.dumps(message["blocks"])
    assert message["text"].startswith("launchwatch digest: 40 new launch events")


def test_feed_text_cannot_format_either():
    sneaky = event(headline="*URGENT* _fake_ ~retracted~ `code` N. Korea fires", direction="*East* Sea",
                   sources=[EventSource(item_id="i1", feed="_Wire_", url="https://x.example/a", title="*t*")])
    message = render_slack(Alert("dlv_1", "ops", "alert", sneaky))
    headline = next(b["text"]["text"] for b in message["blocks"] if b.get("text", {}).get("text", "").startswith(">"))
    assert not re.search(r"[*_~`]", headline), headline
    assert "URGENT" in headline and "fake" in headline  # the words stay readable
    assert "*Status*" in json.dumps(message)  # our own labels keep their bold


def test_with_a_public_url_a_first_alert_shows_the_map_image() -> None:
    alert = Alert("dlv_1", "ops", "alert", event(event_id="evt/PRK 1"))
    message = render_slack(alert, public_url="https://watch.example.org/lw/")
    [image] = [b for b in message["blocks"] if b["type"] == "image"]
    assert image["image_url"] == "https://watch.example.org/lw/events/evt%2FPRK%201/map.png?rev=1"
    assert "North Korea" in image["alt_text"] and len(image["alt_text"]) <= 2000
    assert message["blocks"].index(image) == 3  # after the facts, before the sources


def test_no_image_without_a_public_url_an_unmappable_event_or_for_an_update() -> None:
    assert not [b for b in render_slack(Alert("d", "ops", "alert", event()))["blocks"] if b["type"] == "image"]
    nowhere = Alert("d", "ops", "alert", event(actor="Nobody"))
    assert not [b for b in render_slack(nowhere, public_url="https://w.example")["blocks"] if b["type"] == "image"]
    update = Alert("d", "ops", "update", event(revision=2), changed=("count",), previous={"count": "1"})
    assert not [b for b in render_slack(update, public_url="https://w.example")["blocks"] if b["type"] == "image"]


def test_the_sources_line_counts_reports_and_an_update_leads_with_its_newest():
    reports = [EventSource(item_id=f"i{n}", feed=f"Outlet {n % 3} ({n})", url=f"https://news.example/{n}", title="x")
               for n in range(9)]
    many = event(sources=reports, source_count=3, sources_omitted=2)
    line = next(t for t in all_mrkdwn(render_slack(Alert("d1", "s", "alert", many))) if "Sources:" in t)
    assert "https://news.example/0" in line and line.endswith("and 6 more reports")  # 11 reports, 5 shown
    update = Alert("d2", "s", "update", many, changed=("distance_km",))
    line = next(t for t in all_mrkdwn(render_slack(update)) if "Sources:" in t)
    assert line.index("https://news.example/8") < line.index("https://news.example/7")
    assert "https://news.example/0" not in line
    # One link a feed: a wire's several reports are named once.
    wire = [EventSource(item_id=f"y{n}", feed="Yonhap (EN)", url=f"https://yna.example/{n}", title="x") for n in range(4)]
    repeated = event(sources=[*wire, reports[0]], source_count=2)
    line = next(t for t in all_mrkdwn(render_slack(Alert("d3", "s", "alert", repeated))) if "Sources:" in t)
    assert line.count("Yonhap (EN)") == 1 and "https://news.example/0" in line and line.endswith("and 3 more reports")


def test_with_a_public_url_every_message_links_to_the_event_page():
    alert = Alert("dlv_1", "ops", "alert", event().model_copy(update={"event_id": "evt_a|b>c"}))
    footer = all_mrkdwn(render_slack(alert, public_url="https://lw.example/"))[-1]
    assert footer.endswith(" · <https://lw.example/events/evt_a%7Cb%3Ec|event page>")
    assert "event page" not in all_mrkdwn(render_slack(alert))[-1]  # no address to link to


def test_the_first_message_rewritten_for_an_update_keeps_the_instance_label():
    """With a bot token the first alert is edited on each update: the edit dropped
    `[notify] label`, so a demo's or a staging instance's message read as a live alert."""
    from services.notify.render_slack import render_slack_parent

    update = Alert("dlv-2", "ops-bot", "update", event(status="confirmed", count=3), changed=("count",),
                   previous={"count": "2"}, thread_ref="1790000000.000001", label="DEMO: a recorded launch, not live")
    rewrite = render_slack_parent(update)
    assert rewrite["text"].startswith("[DEMO: a recorded launch, not live] ")
    assert rewrite["blocks"][0]["text"]["text"].startswith(":rotating_light: *[DEMO: a recorded launch, not live] ")
    assert "Update" not in rewrite["blocks"][0]["text"]["text"]  # it stays the first alert, with today's facts
