"""What a `launchwatch serve <stage>` or `run` process imports before it is ready: every import
is CPU that three stages starting together on two cores share, so the heavy libraries only
some configurations use are left to the first use (an email's map is still painted:
tests/integration/test_notify_smtp.py; a web page's map: tests/unit/test_map_png.py), and
the classify workers' fork server starts before the rest of launchwatch is imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# psycopg: only with `[state] url`; numpy and Pillow: only to paint a map (the classifier's
# model uses numpy too, in the workers' processes only).
HEAVY = ("psycopg", "numpy", "PIL")
# The clusterer's state functions and the gazetteer they read: the events stage's (and the
# classify workers') alone.
EVENTS_CORE = ("services.events.state", "schemas.actors")


def imported_at_start_up(stage: str, candidates: tuple[str, ...]) -> list[str]:
    # What `serve` loads up to its stage's build, in a fresh interpreter.
    stages = "services.ingest.worker, services.classify.worker, services.events.worker, services.notify.worker, " \
             "services.web.worker" if stage == "run" else f"services.{stage}.worker"
    code = (f"import sys, services.cli, services.config, services.stages, services.runtime.lifecycle, "
            f"services.runtime.kafka_bus, {stages}; import json; "
            f"print(json.dumps(sorted(m for m in {candidates!r} if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


@pytest.mark.parametrize("stage", ["ingest", "classify", "events", "notify", "web", "run"])
def test_a_stage_process_on_the_state_file_imports_no_heavy_library_it_does_not_use(stage):
    assert imported_at_start_up(stage, HEAVY) == []


@pytest.mark.parametrize("stage", ["ingest", "notify", "web"])
def test_a_stage_process_other_than_events_and_classify_imports_no_clustering_rules(stage):
    assert imported_at_start_up(stage, EVENTS_CORE) == []


# `launchwatch <argv>` up to the moment it starts the workers' fork server, which then stops it:
# what it had imported by then, and which modules the fork server was asked to import.
FORK_SERVER_START = """
import json, sys
import services.runtime.cpu_pool as cpu_pool

def start_fork_server(*modules):
    heavy = sorted(m for m in ("aiohttp", "pydantic", "aiokafka", "services.config") if m in sys.modules)
    print(json.dumps({"imported": heavy, "modules": sorted(modules)}))
    sys.exit(0)

cpu_pool.start_fork_server = start_fork_server
import services.classify.workers  # binds the stand-in
from services.cli import main
sys.exit(main(sys.argv[1:]))
"""


def fork_server_start(*argv: str) -> dict:
    done = subprocess.run([sys.executable, "-c", FORK_SERVER_START, *argv], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("argv", [["serve", "classify"], ["serve", "--log-format", "json", "classify"], ["run"]])
def test_the_fork_server_starts_before_the_service_is_imported(argv, tmp_path):
    # The fork server compiles the classifier's lexicons (a second of CPU, the longest step to
    # the first alert) while the process imports the rest, connects and gets its partitions.
    started = fork_server_start(*argv, "--config", str(tmp_path / "none.toml"))
    assert started["imported"] == []
    assert "services.classify.classifier" in started["modules"]


def test_run_has_its_fork_server_import_the_parse_workers_module_too(tmp_path):
    # Imported once there, not again by each parse worker while the first items are classified.
    assert "services.ingest.documents" in fork_server_start("run")["modules"]
    assert "services.ingest.documents" not in fork_server_start("serve", "classify")["modules"]


# `launchwatch serve <stage>` after reading its settings and importing its stage: how many
# objects the cyclic collector has frozen and how many it still tracks.
HEAP_AFTER_START_UP = """
import gc, json, sys
from services import cli
cli._start_up(cli._parser().parse_args(sys.argv[1:]))
print(json.dumps({"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects())}))
"""


@pytest.mark.parametrize("stage", ["events", "notify"])
def test_the_start_up_heap_is_collected_once_and_frozen_before_the_stage_runs(stage, tmp_path):
    # Left in the collector's youngest generation, everything imported was walked three times
    # before the first record (0.3 s of CPU per process).
    config = tmp_path / "launchwatch.toml"
    config.write_text("")
    done = subprocess.run([sys.executable, "-c", HEAP_AFTER_START_UP, "serve", stage, "--config", str(config)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    heap = json.loads(done.stdout.splitlines()[-1])
    assert heap["frozen"] > 20_000  # the modules' functions, classes and models
    assert heap["tracked"] < heap["frozen"] / 100


# A notify process's channels built as its stage builds them, with the default settings (no
# e-mail subscription): whether the SMTP client library was imported.
NOTIFY_CHANNELS = """
import asyncio, json, sys
from datetime import datetime, timezone
import aiohttp
from services.config import load_settings
from services.notify.worker import make_channels

async def build():
    async with aiohttp.ClientSession() as http:
        make_channels(load_settings(sys.argv[1], environ={}), http, lambda: datetime.now(timezone.utc))

asyncio.run(build())
print(json.dumps("aiosmtplib" in sys.modules))
"""


def test_a_notify_process_sending_no_email_does_not_import_the_smtp_client(tmp_path):
    # The e-mail channel is built in every notify process; its client (and aiosmtplib, 10 ms
    # of import) only for the first message (it still sends: tests/integration/test_notify_smtp.py).
    config = tmp_path / "launchwatch.toml"
    config.write_text("")
    done = subprocess.run([sys.executable, "-c", NOTIFY_CHANNELS, str(config)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) is False
