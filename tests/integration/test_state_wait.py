"""A `serve` process whose PostgreSQL state cannot be reached yet (a restart, a failover)
waits for it, not ready, instead of exiting into its supervisor's restart loop; a session
the server refuses (a database that does not exist) is one line and exit 1 at once."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from tests.integration.harness import LaunchwatchProcess, shared_state_config, wait_for
from tests.loopback import free_port

pytestmark = pytest.mark.kafka


async def _status(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as resp:
            return resp.status, await resp.text()


class Forwarder:
    """A TCP port on loopback that, once started, forwards to the cluster's Unix socket: the
    state database's server coming up where the process was told to look for it."""

    def __init__(self, socket_path: str) -> None:
        self.port = free_port()
        self._socket_path = socket_path
        self._server: asyncio.Server | None = None

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_unix_connection(self._socket_path)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()


def _config(tmp_path, kafka_broker, topic_prefix: str, state_url: str):
    return shared_state_config(tmp_path, kafka_broker.bootstrap_servers, topic_prefix, state_url,
                               connect_retry_max_s=0.5)


@pytest.mark.parametrize("stage", ["events", "web"])
async def test_a_stage_waits_not_ready_for_its_state_database_and_starts_once_it_answers(
        tmp_path, kafka_broker, postgres, pg_url, topic_prefix, stage):
    query = parse_qs(urlsplit(pg_url).query)
    database = urlsplit(pg_url).path.lstrip("/")
    forwarder = Forwarder(f"{query['host'][0]}/.s.PGSQL.{query['port'][0]}")
    state_url = f"postgresql://{urlsplit(pg_url).username}@127.0.0.1:{forwarder.port}/{database}"
    config = _config(tmp_path, kafka_broker, topic_prefix, state_url)
    serve = await LaunchwatchProcess(["serve", stage, "--config", str(config)], tmp_path / f"{stage}.log",
                                     env={"LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{free_port()}"}).start()
    try:
        await wait_for(lambda: len(serve.events("state_unavailable")) >= 2, 30, "two state_unavailable lines",
                       [serve])
        waited = serve.events("state_unavailable")
        assert [line["attempt"] for line in waited[:2]] == [1, 2]
        assert f"127.0.0.1:{forwarder.port}" in waited[0]["message"] and "[state] url" in waited[0]["message"]
        (listening,) = serve.events("http_listening")
        status, body = await _status(f"http://{listening['address']}/readyz")
        assert status == 503 and json.loads(body)["not_ready"] == ["state_connected"]  # (the broker not asked yet)
        assert serve.process.returncode is None  # waiting, not exited into a restart loop
        if stage == "web":  # its pages are there, and say they wait for the database
            status, body = await _status(f"http://{listening['address']}/")
            assert status == 503 and "the state database or the broker does not answer" in body

        await forwarder.start()  # the database answers
        await wait_for(lambda: len(serve.events("started")) == 1, 30, "started once the database answers", [serve])
        for _ in range(100):
            status, body = await _status(f"http://{listening['address']}/readyz")
            if status == 200:
                break
            await asyncio.sleep(0.1)
        assert status == 200, body
        if stage == "web":
            status, body = await _status(f"http://{listening['address']}/")
            assert status == 200 and "Launch events" in body
    finally:
        code = await serve.stop()
        await forwarder.stop()
    assert code == 0


async def test_the_classify_stage_keeps_no_state_and_starts_while_the_database_is_away(tmp_path, kafka_broker,
                                                                                      topic_prefix):
    config = _config(tmp_path, kafka_broker, topic_prefix, f"postgresql://lw@127.0.0.1:{free_port()}/launchwatch")
    serve = await LaunchwatchProcess(["serve", "classify", "--config", str(config)], tmp_path / "classify.log",
                                     env={"LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{free_port()}"}).start()
    try:
        await wait_for(lambda: len(serve.events("started")) == 1, 60, "classify started", [serve])
        assert not serve.events("state_unavailable")
    finally:
        assert await serve.stop() == 0


def test_a_database_the_server_does_not_have_stops_start_up_in_one_line(tmp_path, kafka_broker, postgres,
                                                                         topic_prefix):
    state_url = postgres.url("no_such_database")
    config = _config(tmp_path, kafka_broker, topic_prefix, state_url)
    result = subprocess.run([sys.executable, "-m", "services.cli", "serve", "events", "--config", str(config)],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path,
                            env={"PATH": "/usr/bin:/bin", "LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{free_port()}"})
    assert result.returncode == 1, result.stderr
    assert "state_unavailable" not in result.stdout  # refused: no waiting
    assert "no_such_database" in result.stderr and "does not exist" in result.stderr


async def test_tls_the_server_does_not_offer_stops_start_up_in_one_line(tmp_path, kafka_broker, postgres, pg_url,
                                                                       topic_prefix):
    """`sslmode=require` against a server without TLS is a setting to mend, not an outage to
    wait out: it retried for ever."""
    query = parse_qs(urlsplit(pg_url).query)
    forwarder = Forwarder(f"{query['host'][0]}/.s.PGSQL.{query['port'][0]}")
    await forwarder.start()
    state_url = (f"postgresql://{urlsplit(pg_url).username}@127.0.0.1:{forwarder.port}/"
                 f"{urlsplit(pg_url).path.lstrip('/')}?sslmode=require")
    config = _config(tmp_path, kafka_broker, topic_prefix, state_url)
    try:
        result = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "services.cli", "serve", "events", "--config", str(config)],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin", "LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{free_port()}"})
    finally:
        await forwarder.stop()
    assert result.returncode == 1, result.stderr
    assert "state_unavailable" not in result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert "does not support SSL" in line and "[state] url" in line
