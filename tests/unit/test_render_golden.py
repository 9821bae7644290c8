"""Golden files: what each channel's message looks like, byte for byte, for a first alert and
an update (with hostile feed text). Regenerate after a deliberate change with
`LAUNCHWATCH_UPDATE_GOLDEN=1 pytest tests/unit/test_render_golden.py` and review the diff."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from schemas import EventSource, LaunchEvent
from services.notify.alert import Alert, Digest, delivery_id_for
from services.notify.render_console import render_console
from services.notify.render_email import render_email, render_email_digest
from services.notify.render_slack import render_slack, render_slack_digest
from services.notify.render_webhook import render_webhook

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden"
T0 = datetime(2026, 11, 25, 1, 12, tzinfo=timezone.utc)

SOURCES = [
    EventSource(item_id="yna-1", feed="Yonhap", url="https://en.yna.co.kr/view/AEN20261125000100315",
                title="N. Korea fires ballistic missiles into East Sea: JCS", source_agency="JCS"),
    EventSource(item_id="mod-1", feed="Japan MoD", url="https://www.mod.go.jp/en/press/2026/1125a.html",
                title="Launch of ballistic missiles by North Korea", source_agency="Japan MoD"),
    EventSource(item_id="evil-1", feed="<!channel> Free News", url="javascript:alert(1)",
                title="<@U123> @here <https://evil.example|official> & <b>bold</b>"),
]
FIRST = LaunchEvent(
    event_id="evt-PRK-20261125-0110", revision=1, status="reported", actor="PRK", kind="ballistic", count=2,
    distance_km=650.0, apogee_km=100.0, direction="East Sea", source_agency="JCS", launched_at=T0,
    confidence=0.86, headline="North Korea fires 2 ballistic missiles <!here> & more", first_reported_at=T0,
    updated_at=T0, sources=SOURCES, source_count=3,
)
# The update's event no longer keeps its four oldest reports: each message says there are more.
UPDATE = FIRST.model_copy(update={"revision": 3, "status": "confirmed", "count": 3, "apogee_km": 120.0,
                                  "changes": ["status", "count", "apogee_km"], "sources_omitted": 4})
ALERT = Alert(delivery_id_for("ops", FIRST.event_id, 1), "ops", "alert", FIRST)
UPDATE_ALERT = Alert(delivery_id_for("ops", UPDATE.event_id, 3), "ops", "update", UPDATE,
                     changed=("status", "count", "apogee_km"),
                     previous={"status": "reported", "count": "2", "apogee_km": "100 km"})


OTHER = LaunchEvent(
    event_id="evt-IRN-20261125-0300", revision=1, status="claimed", actor="IRN", kind="cruise", count=None,
    confidence=0.7, headline="Iran state media: navy test-fires cruise missile in Gulf of Oman",
    first_reported_at=T0, updated_at=T0, sources=SOURCES[:1], source_count=1,
)
DIGEST = Digest("dgs_golden", "desk", (
    Alert(delivery_id_for("desk", OTHER.event_id, 1), "desk", "alert", OTHER),
    Alert(UPDATE_ALERT.delivery_id, "desk", "update", UPDATE, UPDATE_ALERT.changed, UPDATE_ALERT.previous),
))


def _email(alert: Alert | Digest) -> str:
    if isinstance(alert, Digest):
        msg = render_email_digest(alert, sender="launchwatch@alerts.example", to=["desk@example.org"])
    else:
        msg = render_email(alert, sender="launchwatch@alerts.example", to=["duty@example.org"])
    headers = "".join(f"{k}: {v}\n" for k, v in msg.items() if k not in ("Content-Type", "MIME-Version"))
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    return f"{headers}\n--- text/plain ---\n{text}\n--- text/html ---\n{html}"


CASES = {
    "slack_alert.json": lambda: json.dumps(render_slack(ALERT), indent=2, ensure_ascii=False) + "\n",
    "slack_update.json": lambda: json.dumps(render_slack(UPDATE_ALERT), indent=2, ensure_ascii=False) + "\n",
    "webhook_alert.json": lambda: json.dumps(json.loads(render_webhook(ALERT)), indent=2, ensure_ascii=False) + "\n",
    "email_alert.txt": lambda: _email(ALERT),
    "email_update.txt": lambda: _email(UPDATE_ALERT),
    "console_alert.txt": lambda: render_console(ALERT),
    "console_update.txt": lambda: render_console(UPDATE_ALERT),
    "slack_digest.json": lambda: json.dumps(render_slack_digest(DIGEST), indent=2, ensure_ascii=False) + "\n",
    "email_digest.txt": lambda: _email(DIGEST),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendering_matches_golden_file(name):
    rendered = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("LAUNCHWATCH_UPDATE_GOLDEN") == "1":
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with LAUNCHWATCH_UPDATE_GOLDEN=1 to create it"
    assert rendered == path.read_text(encoding="utf-8")


def test_a_console_digest_counts_its_events_in_words_that_agree():
    from services.notify.render_console import render_console_digest

    one = Digest("dgs_one", "desk", DIGEST.items[:1])
    assert render_console_digest(one).splitlines()[0] == "DIGEST: 1 launch event"
    assert render_console_digest(DIGEST).splitlines()[0] == "DIGEST: 2 launch events"
