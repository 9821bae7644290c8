"""`launchwatch demo`: the recorded launch morning through the whole pipeline, on this machine.

Launches are rare; the demo lets a newcomer see the first alert and its updates now. It
serves the recorded morning from local feeds, runs ingest, classify and notify in one
process over the in-memory bus with a throw-away state file, and shows alerts on the
terminal — or delivers them to the subscriptions of `--config` (a Slack channel, say).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from services.demo.feeds import start_demo_feeds
from services.ingest.settings import FeedSettings
from services.config import Settings
from services.runtime.logs import get_logger
from services.stages import STAGES, run


def demo_settings(settings: Settings, feeds: list[dict], state_path: Path) -> Settings:
    """The user's settings turned into the demo's: local feeds, memory bus, fresh state.

    The user's subscriptions are kept (so the demo can post to their Slack channel); with
    none, alerts print on the terminal.
    """
    ingest = settings.ingest.model_copy(update={
        "allow_private_networks": True,  # the demo feeds are on 127.0.0.1
        "min_interval_s": min(settings.ingest.min_interval_s, 1.0),
        "use_default_catalogue": False,
    })
    notify = settings.notify.model_copy(update={"console_output": "always"})
    return settings.model_copy(update={
        "bus": settings.bus.model_copy(update={"kind": "memory"}),
        "state": settings.state.model_copy(update={"path": str(state_path)}),
        "ingest": ingest,
        "notify": notify,
        "feeds": [FeedSettings(**feed) for feed in feeds],
    })


async def run_demo(settings: Settings, *, speed: float = 60.0) -> int:
    """Serve the morning at `speed` times real time, run the pipeline until it has been
    told, then stop. Returns the exit status."""
    log = get_logger()
    demo = await start_demo_feeds(speed)
    stop = asyncio.Event()
    try:
        with tempfile.TemporaryDirectory(prefix="launchwatch-demo-") as tmp:
            run_settings = demo_settings(settings, demo.feeds, Path(tmp) / "demo.db")
            print(f"launchwatch demo: {len(demo.feeds)} local feeds at {demo.base_url}, "
                  f"a recorded launch morning at {speed:g}x, about {demo.duration_s:.0f} s. Ctrl-C stops.",
                  file=sys.stderr, flush=True)
            log.info("demo_started", feeds=len(demo.feeds), speed=speed, duration_s=round(demo.duration_s, 1))
            # A few poll intervals after the last release so its alerts go out too.
            settle_s = 3 * max(feed["interval_s"] for feed in demo.feeds) + 2
            timer = asyncio.get_running_loop().call_later(demo.duration_s + settle_s, stop.set)
            try:
                await run(run_settings, STAGES, stop=stop, service="run")
            finally:
                timer.cancel()
    finally:
        await demo.stop()
    return 0
