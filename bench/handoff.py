"""The hand-over of a call to a worker process: its round trip from a busy event loop.

    .venv/bin/python -m bench --only handoff [--quick]

One event loop makes calls to a worker process, one at a time, while synthetic CPU work in
its own callbacks keeps it busy for a share of its time (0 %, 30 %, 60 %), in slices of
`SLICE_MS` as a stage's callbacks are. The calls are those of the stages: `CpuPool.run` of
a trivial function and of the classifier on one item (`report_for`), and `CpuPool.map` of a
trivial function on four items and of the classify stage's function on one item record
(`classify_value`). Each call's round trip (from the call to the awaiting task holding its
result) is timed.

The variants are measured round by round in turn, so that they see the same load on a
shared machine: the service's `CpuPool` (pebble's `ProcessPool` awaited through
`asyncio.wrap_future`: a scheduler thread writes the call, a result thread reads it and
wakes the loop) against `bench/handoff_direct.py` (the event loop writes the call to the
worker's socket and reads the result itself), each with the interpreter's default switch
interval (5 ms) and 1 ms. The load average is reported at the start and the end.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any

from bench.report import Context, Section, Table

BUSY_SHARES = (0.0, 0.3, 0.6)
SLICE_MS = 1.0
SWITCH_INTERVALS_S = (0.005, 0.001)
CALL_KINDS = ("run trivial", "run classify", "map trivial ×4", "map classify ×1")
TIMEOUT_S = 10.0
NOW = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)


def plan(quick: bool) -> dict[str, int]:
    """Rounds (each variant once per round) and calls per kind, busy share and round."""
    return {"rounds": 3, "calls": 15} if quick else {"rounds": 8, "calls": 40}


def trivial(value: Any) -> Any:
    """What a worker does in no time: gives its argument back."""
    return value


def launch_item() -> Any:
    from schemas import FeedItem

    return FeedItem(item_id="handoff-1", feed="Wire", feed_url="http://wire/feed.xml",
                    title="North Korea fires ballistic missile into the East Sea, JCS says",
                    summary="The missile flew about 350 km, South Korea's Joint Chiefs of Staff said.",
                    lang="en", published_at=NOW, first_seen_at=NOW)


def calls(pool: Any) -> dict[str, Callable[[], Any]]:
    """Per call kind, a coroutine function making one call of that kind."""
    from services.classify.report import classify_value, report_for

    item = launch_item()
    value = item.to_bytes()
    return {
        "run trivial": lambda: pool.run(trivial, 1, timeout_s=TIMEOUT_S),
        "run classify": lambda: pool.run(report_for, item, NOW, timeout_s=TIMEOUT_S),
        "map trivial ×4": lambda: pool.map(trivial, [1, 2, 3, 4], timeout_s=TIMEOUT_S),
        "map classify ×1": lambda: pool.map(classify_value, [value], NOW, 0.5, timeout_s=TIMEOUT_S),
    }


class BusyLoop:
    """Keeps the running loop busy for `share` of its time: callbacks of `SLICE_MS` of
    Python CPU, one due every `SLICE_MS / share` (on the loop's clock, so that a late
    wake-up, the loop's timers being of 1 ms, makes the next one come sooner)."""

    def __init__(self, share: float) -> None:
        self.share = share
        self.busy_s = 0.0
        self._handle: asyncio.Handle | None = None
        self._started = 0.0
        self._due = 0.0

    def start(self) -> None:
        self._started = time.perf_counter()
        if self.share > 0:
            loop = asyncio.get_running_loop()
            self._due = loop.time()
            self._handle = loop.call_soon(self._slice)

    def _slice(self) -> None:
        begun = time.perf_counter()
        end = begun + SLICE_MS / 1000
        n = 0
        while time.perf_counter() < end:  # bytecode: the GIL goes only at a switch interval
            n += 1
        self.busy_s += time.perf_counter() - begun
        loop = asyncio.get_running_loop()
        period_s = SLICE_MS / 1000 / self.share
        self._due = max(self._due + period_s, loop.time() - 5 * period_s)  # behind: catch up, a little
        self._handle = loop.call_at(self._due, self._slice)

    def stop(self) -> float:
        """Stop; the share of the wall time the slices took."""
        if self._handle is not None:
            self._handle.cancel()
        return self.busy_s / max(time.perf_counter() - self._started, 1e-9)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "p50_ms": round(pct(ms, 50), 3), "p95_ms": round(pct(ms, 95), 3),
            "p99_ms": round(pct(ms, 99), 3), "mean_ms": round(statistics.fmean(ms), 3)}


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


async def measure(rounds: int, calls_per: int, variants: Sequence[str] = ("pebble", "direct"),
                  switch_intervals_s: Sequence[float] = SWITCH_INTERVALS_S,
                  busy_shares: Sequence[float] = BUSY_SHARES) -> dict[str, Any]:
    """Round trips in ms per (variant, switch interval, busy share, call kind), the variants
    taken in turn within each round (their order rotating), and the busy share measured."""
    from bench.handoff_direct import CpuPool as DirectPool
    from services.classify.workers import WORKER_MODULES
    from services.runtime.cpu_pool import CpuPool, start_fork_server

    start_fork_server(*WORKER_MODULES)
    kinds = {"pebble": CpuPool, "direct": DirectPool}
    pools: dict[str, Any] = {name: kinds[name](1, preload=WORKER_MODULES) for name in variants}
    for pool in pools.values():
        await pool.start()
    makers = {name: calls(pool) for name, pool in pools.items()}
    for make in makers.values():  # the first classification in a worker compiles what it needs
        for kind in CALL_KINDS:
            await make[kind]()
    combos = [(v, s) for v in variants for s in switch_intervals_s]
    samples: dict[str, list[float]] = {}
    shares: dict[str, list[float]] = {}
    default_interval = sys.getswitchinterval()
    load_start = load_average()
    cpu_start = time.process_time()
    started = time.perf_counter()
    try:
        for round_no in range(rounds):
            shift = round_no % len(combos)
            for variant, interval in combos[shift:] + combos[:shift]:
                sys.setswitchinterval(interval)
                for share in busy_shares:
                    busy = BusyLoop(share)
                    busy.start()
                    for kind in CALL_KINDS:
                        key = f"{variant}|{interval * 1000:g}|{share:g}|{kind}"
                        for _ in range(calls_per):
                            # Apart, and not in step with the busy slices.
                            await asyncio.sleep(random.uniform(0.002, 0.006))
                            begun = time.perf_counter()
                            await makers[variant][kind]()
                            samples.setdefault(key, []).append((time.perf_counter() - begun) * 1000)
                    shares.setdefault(f"{share:g}", []).append(busy.stop())
    finally:
        sys.setswitchinterval(default_interval)
        for pool in pools.values():
            pool.close()
    return {"rounds": rounds, "calls_per_round": calls_per, "load_avg_start": load_start,
            "load_avg_end": load_average(), "took_s": round(time.perf_counter() - started, 1),
            "cpu_s": round(time.process_time() - cpu_start, 1),
            "busy_share_measured": {k: round(statistics.fmean(v), 3) for k, v in shares.items()},
            "results": {k: summary(v) for k, v in samples.items()}, "samples_ms": samples}


def section(ctx: Context) -> Section:
    p = plan(ctx.quick)
    raw = asyncio.run(measure(p["rounds"], p["calls"]))
    results = raw["results"]
    rows = []
    for key, r in results.items():
        variant, interval, share, kind = key.split("|")
        rows.append([kind, f"{float(share):.0%}", variant, f"{interval} ms", r["p50_ms"], r["p95_ms"], r["p99_ms"]])
    rows.sort(key=lambda row: (CALL_KINDS.index(row[0]), row[1], row[2], row[3]))
    table = Table("Round trip of one call to a worker process (ms)",
                  ["call", "loop busy", "hand-over", "switch interval", "p50", "p95", "p99"], rows,
                  note=f"{raw['rounds']} rounds × {raw['calls_per_round']} calls per row; load average "
                       f"{' / '.join(map(str, raw['load_avg_start']))} at the start, "
                       f"{' / '.join(map(str, raw['load_avg_end']))} at the end (1 / 5 / 15 min); busy share "
                       f"measured: {raw['busy_share_measured']}. pebble: `CpuPool` (pebble's `ProcessPool`, "
                       "`asyncio.wrap_future`); direct: `bench/handoff_direct.py` (the loop reads and writes "
                       "the worker's socket).")
    return Section(key="handoff", title="Hand-over to a worker process",
                   command=".venv/bin/python -m bench --only handoff", intro=__doc__.split("\n\n")[2],
                   tables=[table], raw={k: v for k, v in raw.items() if k != "samples_ms"})
