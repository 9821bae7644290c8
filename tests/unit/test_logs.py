"""Logs: JSON lines with the contract fields, service per stage, secrets never printed."""

from __future__ import annotations

import asyncio
import io
import os
import sys
import json

import structlog

from services.runtime.logs import bind_service, configure_logging, get_logger


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_json_line_has_contract_fields():
    out = io.StringIO()
    configure_logging(fmt="json", stream=out)
    structlog.contextvars.clear_contextvars()
    get_logger().info("feed_polled", feed="Example")
    (line,) = lines(out)
    assert line["event"] == "feed_polled"
    assert line["level"] == "info"
    assert line["service"] == "run"
    assert line["timestamp"].endswith("Z") and "T" in line["timestamp"]
    assert line["feed"] == "Example"


def test_off_a_terminal_auto_means_json():
    out = io.StringIO()  # not a tty
    configure_logging(fmt="auto", stream=out)
    get_logger().info("x")
    assert json.loads(out.getvalue())["event"] == "x"


def test_console_format_is_not_json():
    out = io.StringIO()
    configure_logging(fmt="console", stream=out)
    get_logger().info("alert_delivered", subscription="ops")
    text = out.getvalue()
    assert "alert_delivered" in text and "subscription" in text
    assert not text.lstrip().startswith("{")


def test_each_stage_task_logs_its_own_service():
    out = io.StringIO()
    configure_logging(fmt="json", stream=out)
    structlog.contextvars.clear_contextvars()

    async def stage(name: str) -> None:
        bind_service(name)
        await asyncio.sleep(0)
        get_logger().info("tick")

    async def main() -> None:
        await asyncio.gather(stage("ingest"), stage("notify"))
        get_logger().info("done")

    asyncio.run(main())
    services = sorted(line["service"] for line in lines(out))
    assert services == ["ingest", "notify", "run"]


def test_secrets_are_redacted_everywhere():
    out = io.StringIO()
    secret = "https://hooks.slack.com/services/T000/B000/XXXXSECRET"
    configure_logging(fmt="json", stream=out, secrets=[secret])
    get_logger().warning("delivery_failed", error=f"POST {secret} failed", nested={"url": secret})
    text = out.getvalue()
    assert "XXXXSECRET" not in text
    assert "[redacted]" in text


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_when_stdout_is_a_closed_pipe_lines_go_to_stderr(capsys):
    # `launchwatch run | tee log` and Ctrl-C: tee is gone before the `stopped` line.
    configure_logging(fmt="json", stream=ClosedPipe())
    get_logger().info("stopped", stages=["ingest"])
    get_logger().info("after")
    err = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["event"] for line in err] == ["stopped", "after"]


def test_quiet_events_show_only_at_debug_level():
    out = io.StringIO()
    configure_logging(fmt="json", stream=out, quiet_events=["feed_polled"])
    get_logger().info("feed_polled", feed="Example")
    get_logger().info("item_published", feed="Example")
    assert [line["event"] for line in lines(out)] == ["item_published"]
    out = io.StringIO()
    configure_logging(fmt="json", level="debug", stream=out, quiet_events=["feed_polled"])
    get_logger().info("feed_polled", feed="Example")
    assert [(line["event"], line["level"]) for line in lines(out)] == [("feed_polled", "debug")]


def test_when_stdout_and_stderr_are_one_closed_pipe_the_process_goes_on(monkeypatch):
    # `launchwatch run 2>&1 | head -2`: head is gone after two lines; the run stopped (exit 1)
    # on its next log line, and delivered nothing more.
    def closed_pipe():
        read, write = os.pipe()
        os.close(read)
        return os.fdopen(write, "w")

    monkeypatch.setattr(sys, "stdout", closed_pipe())
    monkeypatch.setattr(sys, "stderr", closed_pipe())
    configure_logging(fmt="json", stream=sys.stdout)
    for _ in range(3):
        get_logger().warning("sources_loaded", sources=0)  # raises nothing, now or later
    sys.stdout.flush()
    sys.stderr.flush()
