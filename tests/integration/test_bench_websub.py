"""The WebSub latency benchmark measures what it says: pushes reach alerts at its receiver."""

from __future__ import annotations

from argparse import Namespace

from bench import websub_latency


async def test_each_push_gets_its_alert_at_the_receiver():
    result = await websub_latency.run(Namespace(pushes=3, warmup=0, gap_ms=0.0, limit_s=30.0))
    assert result["alerted"] == 3 and result["missed"] == {}
    assert result["push_to_alert"]["p50_ms"] > 0
