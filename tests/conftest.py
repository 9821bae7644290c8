"""Fixtures shared by every test layer: the shared data path, a real Kafka-protocol broker and
a private PostgreSQL cluster."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from services.runtime.bus import TOPICS
from services.runtime.memory_bus import MemoryBus
from tests.broker import FAST_GROUPS, Broker, start_broker
from tests.postgres import Postgres, start_postgres

# Every process a test starts (and every `run_stages` in a test) listens on a port of its
# own choosing: many run at once, and a fixed port would clash. A test that wants a given
# port sets LAUNCHWATCH_HTTP__LISTEN itself.
os.environ["LAUNCHWATCH_HTTP__LISTEN"] = "127.0.0.1:0"
# The classifier's compiled lexicons are kept for this session's processes only, never in
# the user's cache folder (services.classify.lexicon_cache).
_LEXICONS = tempfile.TemporaryDirectory(prefix="launchwatch-lexicons-")
os.environ.setdefault("LAUNCHWATCH_LEXICON_CACHE", _LEXICONS.name)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The labelled items and real feed files, from `LAUNCHWATCH_SHARED_DATA`; skip when unset."""
    value = os.environ.get("LAUNCHWATCH_SHARED_DATA")
    if not value:
        pytest.skip("LAUNCHWATCH_SHARED_DATA is not set")
    path = Path(value)
    if not path.is_dir():
        pytest.fail(f"LAUNCHWATCH_SHARED_DATA={value} is not a directory")
    return path


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Broker:
    """One tansu broker for the session, on a free loopback port, stopped by its pid."""
    broker = start_broker(tmp_path_factory.mktemp("tansu"))
    yield broker
    broker.stop()


@pytest.fixture(scope="session")
def postgres() -> Postgres:
    """One private PostgreSQL cluster for the session (see `tests.postgres`); the tests that
    need it skip, saying why, where PostgreSQL is not installed."""
    try:
        cluster = start_postgres()
    except LookupError as exc:
        pytest.skip(str(exc))
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(postgres: Postgres, request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty database of this test's own."""
    name = "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:40]
    return postgres.create_database(f"t_{name}_{os.getpid()}_{id(request) % 100000}")


@pytest.fixture
def topic_prefix(request: pytest.FixtureRequest) -> str:
    """A topic prefix (and group suffix) of this test's own, so tests never share topics."""
    name = "".join(c if c.isalnum() else "-" for c in request.node.name)[:60]
    return f"t-{name}-{os.getpid()}-{id(request) % 100000}."


@pytest.fixture(params=["memory", "kafka"])
async def bus(request: pytest.FixtureRequest, topic_prefix: str):
    """The same test twice: over the in-memory bus and over the real broker, with this
    test's own topics (three partitions each) already created."""
    if request.param == "memory":
        bus = MemoryBus(topic_prefix, default_partitions=3)
    else:
        from services.runtime.kafka_bus import KafkaBus

        broker = request.getfixturevalue("kafka_broker")
        bus = KafkaBus(broker.bootstrap_servers, topic_prefix=topic_prefix, fetch_max_wait_ms=50, **FAST_GROUPS)
    await bus.start()
    await bus.ensure_topics([f"{topic_prefix}{t}" for t in TOPICS], partitions=3)
    yield bus
    await bus.close()


@pytest.fixture(autouse=True)
def _logging_reset_after_each_test():
    """A test that configures logging onto its captured stdout must not leave later tests
    writing to that stream once pytest has closed it."""
    yield
    import structlog

    structlog.reset_defaults()


@pytest.fixture(autouse=True)
def _http_listener_on_a_free_port(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every process a test starts listens on a port of its own (port 0: the system picks),
    so tests that run `launchwatch run` side by side never fight over 127.0.0.1:8080."""
    monkeypatch.setenv("LAUNCHWATCH_HTTP__LISTEN", "127.0.0.1:0")
