"""Many items in one worker call, each still with its own time limit."""

from __future__ import annotations

import time

from services.runtime.cpu_pool import CpuPool, TimeLimitExceeded

# No pytest import here: a worker that replaces a killed one imports this module (for the
# function), and should be quick about it.
TIMEOUT_S = 1.5


def square_or_stall(n: int, offset: int) -> int:
    """n² + offset; -1 spins the CPU for 30 s (a matcher's pathological case), 13 fails.
    Module-level, so that a worker process picks it up by name."""
    if n == -1:
        end = time.monotonic() + 30
        while time.monotonic() < end:
            pass
    if n == 13:
        raise ValueError("unlucky 13")
    return n * n + offset


async def test_map_returns_every_result_in_order_and_each_items_own_error():
    pool = CpuPool(1)
    try:
        results = await pool.map(square_or_stall, [1, 2, 13, 4], 10, timeout_s=30)
    finally:
        pool.close()
    assert results[:2] == [11, 14] and results[3] == 26
    assert isinstance(results[2], ValueError) and str(results[2]) == "unlucky 13"


async def test_a_slow_item_in_a_chunk_times_out_alone_and_the_others_are_not_held_past_the_limit():
    pool = CpuPool(1, preload=[__name__])
    try:
        await pool.start()
        started = time.perf_counter()
        results = await pool.map(square_or_stall, [1, 2, -1, 4, 5], 0, timeout_s=TIMEOUT_S)
        spent_s = time.perf_counter() - started
    finally:
        pool.close()
    assert [results[i] for i in (0, 1, 3, 4)] == [1, 4, 16, 25]
    assert isinstance(results[2], TimeLimitExceeded)
    # The chunk's limit told which item stalled: it was not run again alone (a second limit).
    assert spent_s < 2 * TIMEOUT_S


async def test_map_of_no_item_or_one():
    pool = CpuPool(1)
    try:
        assert await pool.map(square_or_stall, [], 1, timeout_s=30) == []
        assert await pool.map(square_or_stall, [7], 1, timeout_s=30) == [50]
    finally:
        pool.close()
