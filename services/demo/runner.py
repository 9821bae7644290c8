"""`launchwatch demo`: the recorded launch morning through the whole pipeline, on this machine.

Launches are rare; the demo lets a newcomer see the first alert and its updates now. It
serves the recorded morning from local feeds, runs every stage in one process over the
in-memory bus with a throw-away state file, and shows alerts on the terminal — or delivers
them to the subscriptions of `--config` (a Slack channel, say).

What it shows is the story: items arriving, the launch detected, the alert and its
updates. Routine lines (`feed_polled` for every poll, `alert_skipped` for every revision
that is no news) are logged at debug level. Quiet spells of the recorded day are cut to
`MAX_QUIET_S`, so the demo ends soon after the last update. Off a terminal, stdout keeps
one JSON object per line and the alert blocks go to stderr.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections import Counter
from pathlib import Path

from services.demo.feeds import start_demo_feeds
from services.ingest.settings import FeedSettings
from services.config import Settings
from services.runtime.logs import get_logger
from services.stages import STAGES, run

ROUTINE_EVENTS = ("feed_polled", "alert_skipped")
"""Logged at debug level in the demo: one line per poll and per revision without news."""

POLL_INTERVAL_S = 1.0
"""How often the demo polls each of its local feeds."""

MAX_QUIET_S = 60.0
"""Recorded seconds a quiet spell of the morning is cut to (a second of demo at 60x)."""

LEAD_S = 600.0
"""Recorded seconds of ordinary morning before the launch (ten seconds of demo at 60x)."""


def stop_at_s(duration_s: float, interval_s: float = POLL_INTERVAL_S) -> float:
    """Demo seconds after which the demo stops: two polls after the last release (plus a
    second for its alerts), so the last item is handled and nothing is left waiting."""
    return duration_s + 2 * interval_s + 1.0


START_GRACE_S = 60.0
"""How long the demo waits for its stages to start before it stops all the same."""


DEMO_LABEL = "DEMO: a recorded launch, not live"


def demo_settings(settings: Settings, feeds: list[dict], state_path: Path) -> Settings:
    """The user's settings turned into the demo's: local feeds, memory bus, fresh state.

    The user's subscriptions are kept (so the demo can post to their Slack channel); with
    none, alerts print on the terminal.
    """
    ingest = settings.ingest.model_copy(update={
        "allow_private_networks": True,  # the demo feeds are on 127.0.0.1
        "min_interval_s": min(settings.ingest.min_interval_s, POLL_INTERVAL_S),
        "use_default_catalogue": False,
        # Every demo feed is on one local host: the politeness meant for publishers would
        # only delay the story.
        "per_host_spacing_s": 0.0,
        "per_host_concurrency": max(settings.ingest.per_host_concurrency, len(feeds)),
    })
    # Whoever reads the demo's alerts in a channel of the user's (not the terminal of the
    # person who started it) must know they are not live.
    label = settings.notify.label or (DEMO_LABEL if settings.subscriptions else "")
    notify = settings.notify.model_copy(update={"console_output": "always", "label": label})
    # The pages on a free port unless one was asked for: a `launchwatch run` on this machine
    # holds the default one. The http_listening line names the port taken.
    http = settings.http if "listen" in settings.http.model_fields_set else \
        settings.http.model_copy(update={"listen": "127.0.0.1:0"})
    return settings.model_copy(update={
        "http": http,
        "bus": settings.bus.model_copy(update={"kind": "memory"}),
        "state": settings.state.model_copy(update={"path": str(state_path)}),
        "ingest": ingest,
        "notify": notify,
        "feeds": [FeedSettings(**feed) for feed in feeds],
    })


def page_url(address: str) -> str:
    """The address a browser on this machine opens for a listener bound to `address`."""
    host, _, port = address.rpartition(":")
    if host in ("0.0.0.0", "[::]", ""):
        host = "127.0.0.1"
    return f"http://{host}:{port}/"


def _tell_page(address: str) -> None:
    print(f"launchwatch demo: the launch events page is at {page_url(address)} while the demo runs.",
          file=sys.stderr, flush=True)


async def run_demo(settings: Settings, *, speed: float = 60.0) -> int:
    """Serve the morning at `speed` times real time, run the pipeline until it has been
    told, then stop. Returns the exit status."""
    log = get_logger()
    demo = await start_demo_feeds(speed, lead_s=LEAD_S / speed, max_quiet_s=MAX_QUIET_S, interval_s=POLL_INTERVAL_S)
    stop = asyncio.Event()
    ends_s = stop_at_s(demo.duration_s)
    try:
        with tempfile.TemporaryDirectory(prefix="launchwatch-demo-") as tmp:
            run_settings = demo_settings(settings, demo.feeds, Path(tmp) / "demo.db")
            print(f"launchwatch demo: {len(demo.feeds)} local feeds at {demo.base_url}, "
                  f"a recorded launch morning at {speed:g}x, about {ends_s:.0f} s. Ctrl-C stops.",
                  file=sys.stderr, flush=True)
            log.info("demo_started", feeds=len(demo.feeds), speed=speed, duration_s=round(ends_s, 1))
            loop = asyncio.get_running_loop()
            began = loop.time()
            timer = loop.call_later(ends_s + START_GRACE_S, stop.set)  # stages that never start

            def end_in_time() -> None:
                # The morning's clock runs from `began`; the stages may start after it has
                # run out (a busy machine, a high speed): each item is then polled at once,
                # and told, before the demo stops.
                nonlocal timer
                timer.cancel()
                timer = loop.call_later(max(ends_s - (loop.time() - began), stop_at_s(0.0)), stop.set)

            try:
                await run(run_settings, STAGES, stop=stop, service="run", on_listening=_tell_page,
                          on_started=end_in_time)
            finally:
                timer.cancel()
            undelivered = _undelivered(run_settings.state.path, [sub.name for sub in run_settings.subscriptions])
    finally:
        await demo.stop()
    if undelivered:
        print("launchwatch demo: not delivered: " + "; ".join(
            f"{count} to {name!r}" for name, count in undelivered.items())
            + " (dead-lettered, or still being retried when the demo ended: see the delivery_failed lines)",
            file=sys.stderr)
        return 1
    return 0


def _undelivered(state_path: str, subscriptions: list[str]) -> dict[str, int]:
    """Per subscription, the alerts and updates of the demo not delivered (owed, dead, or
    queued for a digest not sent yet)."""
    from services.notify.ledger import Ledger
    from services.runtime.db import connect

    conn = connect(state_path)
    try:
        ledger = Ledger(conn)
        counts = Counter(ledger.owed())
        counts.update(row[0] for row in ledger.dead())
        counts.update({name: len(ledger.queued(name)) for name in subscriptions})
    finally:
        conn.close()
    return {name: count for name, count in sorted(counts.items()) if count}
