"""Calls in worker processes: results, errors, the time limit, a dying worker, cancellation
and closing."""

from __future__ import annotations

import asyncio
import os
import threading
import time

from services.runtime.cpu_pool import CpuPool, TimeLimitExceeded, WorkerDied

# No pytest import here: a worker picks the functions below up by name, importing this
# module, and should be quick about it.
TIMEOUT_S = 1.0


def spin(seconds: float) -> str:
    """Spins the CPU for `seconds` (a matcher's pathological case), then says so."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return f"spun {seconds:g} s"


def die(code: int) -> None:
    """Ends the worker process at once, as a crash in C code would."""
    os._exit(code)


def own_timeout() -> None:
    raise TimeoutError("the function's own")


async def test_a_call_gives_its_result_or_its_own_exception():
    pool = CpuPool(1)
    try:
        assert await pool.run(divmod, 17, 5, timeout_s=10) == (3, 2)
        try:
            await pool.run(divmod, 1, 0, timeout_s=10)
        except ZeroDivisionError:
            pass
        else:
            raise AssertionError("no ZeroDivisionError")
        try:
            await pool.run(own_timeout, timeout_s=10)
        except TimeLimitExceeded:
            raise AssertionError("the function's TimeoutError is not the time limit") from None
        except TimeoutError as exc:
            assert str(exc) == "the function's own"
    finally:
        pool.close()


async def test_workers_start_from_the_fork_server_not_from_this_process():
    pool = CpuPool(1)
    try:
        assert await pool.run(os.getppid, timeout_s=10) != os.getpid()
    finally:
        pool.close()


async def test_a_call_past_its_limit_is_stopped_at_the_limit_and_its_worker_replaced():
    pool = CpuPool(1, preload=[__name__])
    try:
        first_pid = await pool.run(os.getpid, timeout_s=10)
        started = time.monotonic()
        try:
            await pool.run(spin, 30.0, timeout_s=TIMEOUT_S)
        except TimeLimitExceeded as exc:
            assert str(exc) == "took longer than 1 s"
        else:
            raise AssertionError("no TimeLimitExceeded")
        assert TIMEOUT_S <= time.monotonic() - started < TIMEOUT_S + 1.0
        # The spinning worker is gone (its CPU and memory given back); a new one serves the next call.
        assert await _gone(first_pid)
        assert await pool.run(spin, 0.0, timeout_s=10) == "spun 0 s"
        assert await pool.run(os.getpid, timeout_s=10) != first_pid
    finally:
        pool.close()


async def test_waiting_for_a_busy_worker_does_not_count_against_the_limit():
    pool = CpuPool(1, preload=[__name__])
    try:
        await pool.start()
        first = asyncio.create_task(pool.run(spin, 0.7, timeout_s=TIMEOUT_S))
        await asyncio.sleep(0.05)
        # Queued behind the first for 0.7 s, then 0.7 s of its own: 1.4 s since the call, under 1 s running.
        assert await pool.run(spin, 0.7, timeout_s=TIMEOUT_S) == "spun 0.7 s"
        assert await first == "spun 0.7 s"
    finally:
        pool.close()


async def test_a_worker_that_dies_mid_call_gives_worker_died_and_is_replaced():
    pool = CpuPool(1, preload=[__name__])
    try:
        try:
            await pool.run(die, 3, timeout_s=10)
        except WorkerDied as exc:
            assert str(exc) == "its worker process died (exit code 3)"
        else:
            raise AssertionError("no WorkerDied")
        assert await pool.run(divmod, 7, 2, timeout_s=10) == (3, 1)
    finally:
        pool.close()


async def test_a_worker_killed_between_calls_costs_no_call():
    # The OOM killer or an operator kills an idle worker: pebble then fails the calls it
    # holds and refuses every later one ("Unexpected error within the Pool"); the pool is
    # replaced instead, at once and after pebble has noticed.
    import signal

    pool = CpuPool(1)
    try:
        worker = await pool.run(os.getpid, timeout_s=10)
        os.kill(worker, signal.SIGKILL)
        after = [await pool.run(os.getpid, timeout_s=10) for _ in range(3)]
        assert worker not in after and len(set(after)) == 1
        # Killed again, and the next call made only once the death is known.
        os.kill(after[0], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while pool._pool is not None and pool._pool.active and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert await pool.run(divmod, 7, 2, timeout_s=10) == (3, 1)
    finally:
        pool.close()


async def test_cancelling_the_awaiting_task_kills_the_running_call():
    pool = CpuPool(1, preload=[__name__])
    try:
        pid = await pool.run(os.getpid, timeout_s=10)
        task = asyncio.create_task(pool.run(spin, 30.0, timeout_s=60))
        await asyncio.sleep(0.2)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        else:
            raise AssertionError("not cancelled")
        assert await _gone(pid)
        assert await pool.run(divmod, 5, 5, timeout_s=10) == (1, 0)
    finally:
        pool.close()


async def test_an_argument_that_cannot_be_pickled_fails_that_call_only():
    pool = CpuPool(1)
    try:
        try:
            await pool.run(len, threading.Lock(), timeout_s=10)
        except TypeError:
            pass
        else:
            raise AssertionError("no TypeError")
        assert await pool.run(len, "abc", timeout_s=10) == 3
    finally:
        pool.close()


async def test_close_lets_a_running_call_finish_and_the_pool_can_start_again():
    pool = CpuPool(1, preload=[__name__])
    try:
        await pool.start()
        task = asyncio.create_task(pool.run(spin, 0.3, timeout_s=10))
        await asyncio.sleep(0.1)
        pool.close()
        assert await task == "spun 0.3 s"
        assert await pool.run(len, "ab", timeout_s=10) == 2
    finally:
        pool.close()


async def _gone(pid: int, within_s: float = 5.0) -> bool:
    deadline = time.monotonic() + within_s
    while _alive(pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed worker is reaped by the fork server; until then it is a zombie, as good as gone.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False

