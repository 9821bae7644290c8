"""The end-to-end latency with each hand-over, in one process, in turn.

    .venv/bin/python bench/handoff_e2e.py [--rate 10] [--launches 150] [--order pebble,direct,direct,pebble]

Runs `bench.e2e_latency.measure` on the in-memory bus once per name in `--order`, the
stages' pools being the service's `CpuPool` (`pebble`) or `bench/handoff_direct.py`
(`direct`), so that both see the same load on a shared machine, and prints one JSON line
per run: the load average at its start, the process's CPU seconds, processing and
per-step p50 / p99 (ms), and the classify stage's `map` round trips (count, p50, p95, p99).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _timed(cls: type, samples: list[float]) -> type:
    class Timed(cls):  # type: ignore[misc, valid-type]
        async def map(self, *args: Any, **kwargs: Any) -> Any:
            begun = time.perf_counter()
            try:
                return await super().map(*args, **kwargs)
            finally:
                samples.append((time.perf_counter() - begun) * 1000)

    return Timed


def _pct(values: list[float], q: float) -> float | None:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))], 2) if ordered else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=10.0, help="background items/s (default 10)")
    parser.add_argument("--launches", type=int, default=150, help="launches per run (default 150)")
    parser.add_argument("--order", default="pebble,direct,direct,pebble", help="the runs, in order")
    args = parser.parse_args()

    import services.classify.worker as classify_worker
    import services.ingest.worker as ingest_worker
    from bench import e2e_latency
    from bench.handoff_direct import CpuPool as DirectPool
    from services.runtime.cpu_pool import CpuPool
    from services.runtime.logs import configure_logging

    configure_logging(fmt="json", level="info", stream=open(os.devnull, "w"))
    samples: list[float] = []
    pools = {"pebble": _timed(CpuPool, samples), "direct": _timed(DirectPool, samples)}
    for name in args.order.split(","):
        classify_worker.CpuPool = ingest_worker.CpuPool = pools[name]  # type: ignore[misc]
        samples.clear()
        load = os.getloadavg()[0]
        cpu = time.process_time()
        run = asyncio.run(e2e_latency.measure(None, args.rate, args.launches, 10, 20.0, 15.0))
        print(json.dumps({
            "hand-over": name, "load": round(load, 2), "cpu_s": round(time.process_time() - cpu, 1),
            "alerted": f"{run['alerted']}/{run['launches']}",
            "processing_ms": [run["processing"]["p50_ms"], run["processing"]["p99_ms"]],
            "steps_ms": {k: [v["p50_ms"], v["p99_ms"]] for k, v in run["steps"].items() if k != "waiting for poll"},
            "classify_map_ms": [len(samples), _pct(samples, 50), _pct(samples, 95), _pct(samples, 99)],
        }), flush=True)


if __name__ == "__main__":
    main()
