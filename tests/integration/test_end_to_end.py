"""End to end: a launch report in a feed becomes exactly one Slack message, one webhook call
and one email — over the in-memory bus (`launchwatch run`) and over a real Kafka-protocol
broker (three `launchwatch serve` processes). Restarts send nothing twice; a Slack 429 is
waited out and the alert still arrives once."""

from __future__ import annotations

from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.integration.harness import LaunchwatchProcess, LoopbackSite, MailSink, wait_for

LAUNCH_TITLE = "North Korea fires ballistic missile into East Sea, JCS says"
LAUNCH_SUMMARY = (
    "North Korea fired a short-range ballistic missile toward the East Sea on Tuesday morning, "
    "South Korea's Joint Chiefs of Staff said, in its third launch this month."
)
ORDINARY_TITLE = "US approves $1 billion missile-defense sale to Japan"
ORDINARY_SUMMARY = "The State Department approved the sale of interceptors to Tokyo, the agency said."
WEBHOOK_SECRET = "whsec-end-to-end-0123456789"
SLACK_TOKEN_PATH = "/slack"


SECOND_TITLE = "Russia fires cruise missiles at Kyiv overnight, Ukraine's air force says"
SECOND_SUMMARY = "Russia launched 12 Kalibr cruise missiles at the Ukrainian capital, the air force said."


def feed_xml(published: datetime, with_second_launch: bool = False) -> str:
    date = format_datetime(published)
    second = (f"<item><title>{SECOND_TITLE}</title><link>http://127.0.0.1/a/kyiv</link><guid>launch-2</guid>"
              f"<pubDate>{date}</pubDate><description>{SECOND_SUMMARY}</description></item>") if with_second_launch else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Loopback Wire</title><link>http://127.0.0.1/</link><description>test wire</description>
{second}<item><title>{LAUNCH_TITLE}</title><link>http://127.0.0.1/a/launch</link>
<guid>launch-1</guid><pubDate>{date}</pubDate><description>{LAUNCH_SUMMARY}</description></item>
<item><title>{ORDINARY_TITLE}</title><link>http://127.0.0.1/a/sale</link>
<guid>sale-1</guid><pubDate>{date}</pubDate><description>{ORDINARY_SUMMARY}</description></item>
</channel></rss>"""


def write_config(path: Path, site: LoopbackSite, mail: MailSink, state: Path, bus: str = "",
                 max_attempts: int = 6) -> Path:
    path.write_text(f"""
{bus}
[state]
path = "{state}"

[ingest]
allow_private_networks = true
min_interval_s = 0.5

[[feeds]]
url = "{site.base_url}/feed.xml"
name = "Loopback Wire"
interval_s = 0.5

[smtp]
host = "127.0.0.1"
port = {mail.port}
sender = "launchwatch@example.org"

[notify]
allowed_networks = ["127.0.0.1/32"]
backoff_base_s = 0.2
backoff_max_s = 2
max_attempts = {max_attempts}

[[subscriptions]]
name = "ops-slack"
channel = "slack"
url = "env:E2E_SLACK_URL"
min_confidence = 0.6

[[subscriptions]]
name = "partner-webhook"
channel = "webhook"
url = "{site.base_url}/webhook"
secret = "env:E2E_WEBHOOK_SECRET"

[[subscriptions]]
name = "duty-officer"
channel = "email"
to = ["duty@example.org"]
""", encoding="utf-8")
    return path


@pytest.fixture
async def world(tmp_path):
    site = await LoopbackSite(feed_xml(datetime.now(timezone.utc)), webhook_secret=WEBHOOK_SECRET).start()
    with MailSink() as mail:
        yield site, mail
    await site.close()


def env_for(site: LoopbackSite) -> dict[str, str]:
    return {"E2E_SLACK_URL": f"{site.base_url}{SLACK_TOKEN_PATH}", "E2E_WEBHOOK_SECRET": WEBHOOK_SECRET}


def delivered(site: LoopbackSite, mail: MailSink, n: int) -> bool:
    return len(site.slack_accepted) >= n and len(site.webhook_posts) >= n and len(mail.messages) >= n


def assert_one_alert_about_the_launch(site: LoopbackSite, mail: MailSink, total: int = 1) -> None:
    assert len(site.slack_accepted) == total, [p.body for p in site.slack_accepted]
    assert len(site.webhook_posts) == total
    assert len(mail.messages) == total
    slack = site.slack_accepted[0].body.decode()
    assert "North Korea" in slack and "missile-defense sale" not in slack
    hook = site.webhook_posts[0].json()
    assert hook["subscription"] == "partner-webhook" and hook["kind"] == "alert"
    assert hook["event"]["actor"] == "PRK"
    assert any(s["title"] == LAUNCH_TITLE for s in hook["event"]["sources"])
    assert site.webhook_posts[0].headers["X-Launchwatch-Delivery"] == hook["delivery_id"]
    assert site.webhook_signature_errors == []
    message = mail.messages[0]
    assert message["To"] == "duty@example.org"
    assert "North Korea" in message["Subject"]
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}


async def polls(proc: LaunchwatchProcess, at_least: int) -> None:
    await wait_for(lambda: len(proc.events("feed_polled")) >= at_least, 30, f"{at_least} feed polls",
                   check_alive=[proc])


async def test_memory_bus_end_to_end(world, tmp_path):
    site, mail = world
    site.slack_script = [429]  # Slack rate-limits the first attempt
    site.slack_retry_after_s = 1
    config = write_config(tmp_path / "lw.toml", site, mail, tmp_path / "state.db")
    run = await LaunchwatchProcess(["run", "--config", str(config)], tmp_path / "run1.log", env_for(site)).start()
    try:
        await wait_for(lambda: delivered(site, mail, 1), 60, "one Slack, webhook and email alert", [run])
        # several more polls after the alert: nothing arrives again
        seen = len(run.events("feed_polled"))
        await polls(run, seen + 3)
    finally:
        assert await run.stop() == 0
    assert_one_alert_about_the_launch(site, mail)
    # 429 first, then the same alert once, no earlier than Retry-After allowed
    assert len(site.slack_posts) == 2
    assert site.slack_posts[1].at - site.slack_posts[0].at >= 1.0
    published = run.events("item_published")
    assert len(published) == 2 and {p["feed"] for p in published} == {"Loopback Wire"}
    deliveries = run.events("alert_delivered")
    assert sorted(d["subscription"] for d in deliveries) == ["duty-officer", "ops-slack", "partner-webhook"]
    assert all(line.get("service") in {"run", "ingest", "classify", "notify"} for line in run.lines())
    assert [line["item_id"] for line in run.events("launch_detected")] == [
        p["item_id"] for p in published if p.get("title") == LAUNCH_TITLE
    ]

    # Restart on the same state with a new launch in the feed: only the new one is
    # published and alerted; the first launch is not sent again.
    site.feed_xml = feed_xml(datetime.now(timezone.utc), with_second_launch=True)
    again = await LaunchwatchProcess(["run", "--config", str(config)], tmp_path / "run2.log", env_for(site)).start()
    try:
        await wait_for(lambda: delivered(site, mail, 2), 60, "the second launch's alerts", [again])
        await polls(again, len(again.events("feed_polled")) + 3)
    finally:
        assert await again.stop() == 0
    assert [line["title"] for line in again.events("item_published")] == [SECOND_TITLE]
    assert_second_launch_alerted_once(site, mail)


def assert_second_launch_alerted_once(site: LoopbackSite, mail: MailSink) -> None:
    assert_one_alert_about_the_launch(site, mail, total=2)
    assert "Russia" in site.slack_accepted[1].body.decode()
    assert site.webhook_posts[1].json()["event"]["actor"] == "RUS"
    assert "Russia" in mail.messages[1]["Subject"]


async def test_memory_bus_run_killed_mid_delivery_alerts_once_after_restart(world, tmp_path):
    site, mail = world
    site.slack_script = [500] * 10_000  # Slack is down: notify keeps retrying the alert
    config = write_config(tmp_path / "lw.toml", site, mail, tmp_path / "state.db", max_attempts=10_000)
    run = await LaunchwatchProcess(["run", "--config", str(config)], tmp_path / "run1.log", env_for(site)).start()
    await wait_for(lambda: len(site.slack_posts) >= 3 and len(site.webhook_posts) == 1 and len(mail.messages) == 1,
                   60, "webhook and email delivered while Slack fails", [run])
    await run.kill()  # dies mid-retry: the event was never committed
    assert site.slack_accepted == []

    site.slack_script = []  # Slack is back
    again = await LaunchwatchProcess(["run", "--config", str(config)], tmp_path / "run2.log", env_for(site)).start()
    try:
        await wait_for(lambda: len(site.slack_accepted) == 1, 60, "the Slack alert after the restart", [again])
        await polls(again, len(again.events("feed_polled")) + 3)
    finally:
        assert await again.stop() == 0
    # The event came back from the bus's journal, not from ingest (which published nothing
    # again), and only the delivery that had not succeeded was made.
    assert again.events("item_published") == []
    assert_one_alert_about_the_launch(site, mail)
    assert [d["subscription"] for d in again.events("alert_delivered")] == ["ops-slack"]
    ids = {post.headers["X-Launchwatch-Delivery"] for post in site.webhook_posts}
    assert len(ids) == 1


@pytest.mark.kafka
async def test_kafka_end_to_end_with_separate_stage_processes(world, tmp_path, kafka_broker, topic_prefix):
    site, mail = world
    site.slack_script = [429]
    site.slack_retry_after_s = 1
    bus = f"""[bus]
kind = "kafka"
bootstrap_servers = "{kafka_broker.bootstrap_servers}"
topic_prefix = "{topic_prefix}"
partitions = 3
fetch_max_wait_ms = 50
session_timeout_ms = 2000
heartbeat_interval_ms = 200
rebalance_timeout_ms = 500
"""
    config = write_config(tmp_path / "lw.toml", site, mail, tmp_path / "state.db", bus)

    async def start_all(round_: int) -> list[LaunchwatchProcess]:
        return [
            await LaunchwatchProcess(["serve", stage, "--config", str(config)],
                                     tmp_path / f"{stage}-{round_}.log", env_for(site)).start()
            for stage in ("notify", "classify", "events", "ingest")
        ]

    procs = await start_all(1)
    try:
        await wait_for(lambda: delivered(site, mail, 1), 90, "one Slack, webhook and email alert", procs)
        ingest = procs[3]
        await polls(ingest, len(ingest.events("feed_polled")) + 3)
    finally:
        codes = [await p.stop() for p in procs]
    assert codes == [0, 0, 0, 0]
    assert_one_alert_about_the_launch(site, mail)
    assert len(site.slack_posts) == 2 and site.slack_posts[1].at - site.slack_posts[0].at >= 1.0
    assert len(procs[3].events("item_published")) == 2
    assert len(procs[0].events("alert_delivered")) == 3
    assert {line["service"] for line in procs[1].lines()} == {"classify"}
    assert {(line["service"], line.get("stage")) for line in procs[2].lines()} == {("classify", "events")}

    # Restart all three stages with a new launch in the feed: committed offsets and the
    # ledgers keep the first launch at one alert each; the new one arrives once.
    site.feed_xml = feed_xml(datetime.now(timezone.utc), with_second_launch=True)
    procs = await start_all(2)
    try:
        await wait_for(lambda: delivered(site, mail, 2), 90, "the second launch's alerts", procs)
        await polls(procs[3], len(procs[3].events("feed_polled")) + 3)
    finally:
        codes = [await p.stop() for p in procs]
    assert codes == [0, 0, 0, 0]
    assert [line["title"] for line in procs[3].events("item_published")] == [SECOND_TITLE]
    assert_second_launch_alerted_once(site, mail)
