"""Every `run` and `serve` process answers /healthz, /readyz and /metrics on `[http] listen`:
ready once its stages are working, metrics that count what flowed, and a `serve` started
before its broker waiting (not ready) until the broker comes up."""

from __future__ import annotations

import asyncio
import re

import aiohttp
import pytest

from tests.broker import start_broker
from tests.integration.harness import LaunchwatchProcess, wait_for
from tests.integration.test_end_to_end import delivered, env_for, world, write_config  # noqa: F401 - fixture
from tests.loopback import free_port


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as resp:
            return resp.status, await resp.text()


def bound_address(proc: LaunchwatchProcess) -> str:
    (started,) = proc.events("started")
    return started["http"]


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample in Prometheus text, or None when it is not there."""
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = "^" + re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" (\S+)$"
    match = re.search(pattern, text, re.MULTILINE)
    return float(match.group(1)) if match else None


async def test_run_is_healthy_ready_and_counts_what_flowed(world, tmp_path):
    site, mail = world
    config = write_config(tmp_path / "lw.toml", site, mail, tmp_path / "state.db")
    run = await LaunchwatchProcess(["run", "--config", str(config)], tmp_path / "run.log", env_for(site)).start()
    try:
        await wait_for(lambda: run.events("started"), 30, "the started line", [run])
        address = bound_address(run)
        assert re.fullmatch(r"127\.0\.0\.1:\d+", address) and not address.endswith(":0")
        assert (await get(f"http://{address}/healthz"))[0] == 200
        await wait_for(lambda: delivered(site, mail, 1), 60, "one alert on every channel", [run])
        status, body = await get(f"http://{address}/readyz")
        assert status == 200, body
        status, text = await get(f"http://{address}/metrics")
    finally:
        assert await run.stop() == 0
    assert status == 200
    assert sample(text, "launchwatch_items_published_total", feed="Loopback Wire") == 2
    assert sample(text, "launchwatch_reports_total", is_launch="true") == 1
    assert sample(text, "launchwatch_reports_total", is_launch="false") == 1
    assert sample(text, "launchwatch_launch_reports_total") == 1
    assert sample(text, "launchwatch_event_revisions_total", kind="new") == 1
    for channel in ("slack", "webhook", "email"):
        assert sample(text, "launchwatch_deliveries_total", channel=channel, outcome="delivered") == 1, channel
    assert sample(text, "launchwatch_source_healthy", feed="Loopback Wire") == 1
    for step in ("fetch_to_publish", "item_to_report", "report_to_revision", "revision_to_delivered"):
        assert (sample(text, "launchwatch_step_latency_seconds_count", step=step) or 0) >= 1, step
    assert 'launchwatch_consumer_lag{group="launchwatch.notify",partition="0",topic="launchwatch.events"}' in text
    assert len(run.events("item_published")) == 2  # the metric counts what the log lines count


async def test_the_listener_refuses_a_taken_address_in_one_line(tmp_path):
    port = free_port()
    blocker = await LaunchwatchProcess(["run"], tmp_path / "first.log",
                                       {"LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{port}",
                                        "LAUNCHWATCH_STATE__PATH": str(tmp_path / "a.db"),
                                        "LAUNCHWATCH_INGEST__USE_DEFAULT_CATALOGUE": "false"}).start()
    try:
        await wait_for(lambda: blocker.events("started"), 30, "the first process", [blocker])
        second = await LaunchwatchProcess(["run"], tmp_path / "second.log",
                                          {"LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{port}",
                                           "LAUNCHWATCH_STATE__PATH": str(tmp_path / "b.db"),
                                           "LAUNCHWATCH_INGEST__USE_DEFAULT_CATALOGUE": "false"},
                                          stderr_path=tmp_path / "second.err").start()
        assert await asyncio.wait_for(second.process.wait(), 30) == 1
        await second.stop()
        err = (tmp_path / "second.err").read_text().strip().splitlines()
        assert len(err) == 1 and f"127.0.0.1:{port}" in err[0] and "[http] listen" in err[0], err
    finally:
        await blocker.stop()


@pytest.mark.kafka
async def test_serve_started_before_its_broker_waits_and_becomes_ready_by_itself(tmp_path, topic_prefix):
    from tests.broker import tansu_binary

    tansu_binary()  # skips when the broker is not installed
    port = free_port()
    config = tmp_path / "lw.toml"
    config.write_text(f"""
[bus]
kind = "kafka"
bootstrap_servers = "127.0.0.1:{port}"
topic_prefix = "{topic_prefix}"
partitions = 2
fetch_max_wait_ms = 50
session_timeout_ms = 2000
heartbeat_interval_ms = 200
rebalance_timeout_ms = 500
connect_retry_max_s = 0.5

[state]
path = "{tmp_path / "state.db"}"
""", encoding="utf-8")
    serve = await LaunchwatchProcess(["serve", "classify", "--config", str(config)], tmp_path / "classify.log").start()
    broker = None
    try:
        await wait_for(lambda: len(serve.events("bus_unavailable")) >= 2, 30, "two bus_unavailable lines", [serve])
        (listening,) = [line for line in serve.lines() if line.get("event") == "http_listening"]
        address = listening["address"]
        assert (await get(f"http://{address}/healthz"))[0] == 200
        status, body = await get(f"http://{address}/readyz")
        assert status == 503 and "bus_connected" in body
        lines = serve.events("bus_unavailable")
        assert [line["attempt"] for line in lines[:2]] == [1, 2]
        assert f"127.0.0.1:{port}" in lines[0]["message"]

        broker = start_broker(tmp_path, port=port)
        ready: list[int] = []

        async def probe() -> None:
            ready.append((await get(f"http://{address}/readyz"))[0])

        for _ in range(300):
            await probe()
            if ready[-1] == 200:
                break
            assert serve.process.returncode is None, serve.log_path.read_text()[-2000:]
            await asyncio.sleep(0.1)
        assert ready[-1] == 200, f"not ready 30 s after the broker started: {serve.log_path.read_text()[-2000:]}"
        assert len(serve.events("started")) == 1
    finally:
        code = await serve.stop()
        if broker is not None:
            broker.stop()
    assert code == 0


async def test_serve_web_on_a_sqlite_state_shows_its_pages_while_the_broker_is_down(tmp_path):
    """The pages come from the state file: a broker not up yet does not take them away."""
    config = tmp_path / "lw.toml"
    config.write_text(f'[bus]\nkind = "kafka"\nbootstrap_servers = "127.0.0.1:{free_port()}"\n'
                      f'connect_retry_max_s = 0.5\n[state]\npath = "{tmp_path / "state.db"}"\n', encoding="utf-8")
    serve = await LaunchwatchProcess(["serve", "web", "--config", str(config)], tmp_path / "web.log",
                                     env={"LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{free_port()}"}).start()
    try:
        await wait_for(lambda: len(serve.events("bus_unavailable")) >= 1, 30, "a bus_unavailable line", [serve])
        (listening,) = serve.events("http_listening")  # (not started: no broker)
        address = listening["address"]
        status, body = await get(f"http://{address}/")
        assert status == 200 and "Launch events" in body
        assert (await get(f"http://{address}/readyz"))[0] == 503
    finally:
        await serve.stop()
