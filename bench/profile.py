"""A profile of the hottest stage under load: classify.

    .venv/bin/python -m bench --only profile [--quick]

The classify, events and notify stages run in this process on the in-memory bus (as in the
throughput ramp) while items arrive at a fixed rate; pyinstrument samples this process
(the event loop: bus, stage runner, the hand-over to the classify worker, events and
notify) for the whole run. The classify work proper runs in a worker process, so
`report_for` (what the worker does per item) is profiled as well, in this process, over
the same items. Each profile is reduced to the functions with the most time of their own
(not in functions they call); the full call trees are written as text files.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import throughput
from bench.report import Context, Section, Table
from services.runtime.logs import configure_logging

TOP = 12


def top_entries(session: Any, skip_idle: bool = True) -> tuple[float, list[dict[str, Any]]]:
    """(seconds sampled, the functions with the most self time: name, file:line, seconds, share)."""
    root = session.root_frame()
    if root is None:
        return 0.0, []
    own: dict[tuple[str, str], float] = defaultdict(float)
    stack = [root]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if frame.total_self_time > 0:
            where = f"{frame.file_path_short or '?'}:{frame.line_no or 0}"
            own[(frame.function or "?", where)] += frame.total_self_time
    if skip_idle:  # the event loop waiting for work is not work
        own = {k: v for k, v in own.items() if not k[0].startswith(("poll", "select", "epoll"))
               and "[await]" not in k[0] and "[self]" != k[0]}
    total = sum(own.values()) or 1.0
    ranked = sorted(own.items(), key=lambda kv: kv[1], reverse=True)[:TOP]
    return total, [{"function": f, "where": w, "self_s": round(s, 3), "share": round(s / total, 3)}
                   for (f, w), s in ranked]


def profile_pipeline(out: Path, rate: int, seconds: float) -> dict[str, Any]:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    steps = asyncio.run(throughput.ramp([rate], seconds))
    profiler.stop()
    path = out / "profile_pipeline.txt"
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    sampled, top = top_entries(profiler.last_session)
    return {"rate": rate, "seconds": seconds, "step": steps[0] if steps else None, "busy_s": round(sampled, 2),
            "top": top, "file": path.name}


def profile_worker(out: Path, count: int) -> dict[str, Any]:
    from pyinstrument import Profiler

    from bench import pipeline
    from services.classify.worker import report_for

    now = datetime.now(timezone.utc)
    items = [pipeline.launch_item(i, now) if i % throughput.LAUNCH_EVERY == 0 else pipeline.background_item(i, now)
             for i in range(count)]
    report_for(items[0], now)  # lexicons compiled before the profile
    profiler = Profiler(interval=0.0005)
    profiler.start()
    started = time.process_time()
    for item in items:
        report_for(item, now)
    cpu = time.process_time() - started
    profiler.stop()
    path = out / "profile_classify_worker.txt"
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    sampled, top = top_entries(profiler.last_session)
    return {"items": count, "cpu_ms_per_item": round(1000 * cpu / count, 3), "top": top, "file": path.name}


def _table(title: str, top: list[dict[str, Any]], note: str = "") -> Table:
    return Table(title, ["function", "where", "self s", "share of busy time"],
                 [[t["function"], t["where"], t["self_s"], f"{100 * t['share']:.1f} %"] for t in top], note=note)


def section(ctx: Context) -> Section:
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        return Section(key="profile", title="Profile of the hottest stage", command=".venv/bin/python -m bench --only profile",
                       skipped="pyinstrument is not installed (pip install -e '.[bench]')")
    configure_logging(fmt="json", level="info", stream=open(os.devnull, "w"))
    rate, seconds = (100, 4.0) if ctx.quick else (200, 20.0)
    stage = profile_pipeline(ctx.out, rate, seconds)
    worker = profile_worker(ctx.out, 500 if ctx.quick else 5000)
    step = stage["step"] or {}
    tables = [
        _table(f"Event loop of the stages' process at {rate} items/s for {seconds:g} s "
               f"(busy {stage['busy_s']} s sampled)", stage["top"],
               note=f"p50 / p99 item → report: {step.get('latency', {}).get('p50_ms')} / "
                    f"{step.get('latency', {}).get('p99_ms')} ms. Full tree: `{stage['file']}`."),
        _table(f"The classify worker's work, `report_for`, {worker['items']:,} items "
               f"({worker['cpu_ms_per_item']} ms CPU per item)", worker["top"],
               note=f"Full tree: `{worker['file']}`."),
    ]
    return Section(key="profile", title="Profile of the hottest stage", command=".venv/bin/python -m bench --only profile",
                   intro=__doc__.split("\n\n", 2)[2].strip(), tables=tables,
                   raw={"stage": stage, "worker": worker})
