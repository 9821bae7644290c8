"""The `launchwatch` command as a user runs it: demo, dlq, exit codes."""

from __future__ import annotations

import subprocess
import sys

from tests.integration.harness import LaunchwatchProcess


def launchwatch(*args: str, cwd, timeout_s: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.cli", *args], capture_output=True, text=True,
                          timeout=timeout_s, cwd=cwd)


async def test_demo_shows_one_alert_and_a_few_updates_for_the_recorded_launch(tmp_path):
    demo = await LaunchwatchProcess(["demo", "--speed", "2400"], tmp_path / "demo.log").start()
    assert await demo.process.wait() == 0  # the demo stops by itself once the morning is told
    published = demo.events("item_published")
    delivered = demo.events("alert_delivered")
    assert len(published) == 40
    assert [d["kind"] for d in delivered][:1] == ["alert"]
    assert sum(d["kind"] == "alert" for d in delivered) == 1, delivered
    # Compressed 2400 times, several reports land in one poll, so the update count varies
    # with timing (bench/events_replay.py measures it at a realistic pace); what must hold
    # is a handful of updates, all about the one event, with the facts only firming up.
    assert 1 <= sum(d["kind"] == "update" for d in delivered) <= 3, delivered
    assert len({d["event_id"] for d in delivered}) == 1
    assert "North Korea" in delivered[0]["summary"]
    assert "2 short-range ballistic missiles" in delivered[-1]["summary"]
    assert all("2 short-range ballistic missiles" in d["summary"] for d in delivered[1:]), delivered
    # The readable alert block goes to the terminal alongside the log lines.
    assert "ALERT: North Korea" in demo.log_path.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.db")), "the demo keeps its state in a temporary directory"


def test_dlq_on_a_fresh_state_lists_nothing_and_replays_nothing(tmp_path):
    listed = launchwatch("dlq", "list", cwd=tmp_path)
    assert listed.returncode == 0 and "(no dead letters)" in listed.stdout
    replayed = launchwatch("dlq", "replay", "--subscription", "ops-slack", cwd=tmp_path)
    assert replayed.returncode == 0 and "delivered 0, failed again 0" in replayed.stdout


def test_unknown_command_and_stage_exit_with_usage(tmp_path):
    assert launchwatch("serve", "notifier", cwd=tmp_path).returncode == 2
    assert launchwatch("launch", cwd=tmp_path).returncode == 2
