"""The latency report says when in a run the slow launches came."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.e2e_latency import over_target_by_tenth  # noqa: E402


def test_slow_launches_are_counted_in_the_tenth_of_the_run_they_came_in() -> None:
    samples = [80.0] * 30 + [20.0] * 160 + [60.0, 10.0] * 5
    counts = over_target_by_tenth(samples, 50.0)
    assert counts == [20, 10, 0, 0, 0, 0, 0, 0, 0, 5]
    assert sum(counts) == sum(1 for x in samples if x > 50.0)


def test_a_short_run_spreads_its_samples_over_the_tenths() -> None:
    counts = over_target_by_tenth([99.0] * 7, 50.0)
    assert sum(counts) == 7 and max(counts) == 1  # seven launches, each in a tenth of its own
    assert over_target_by_tenth([], 50.0) == [0] * 10
