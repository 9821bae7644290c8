"""CPU-heavy pure functions off the event loop, in worker processes, with a time limit per call.

Parsing a feed and classifying an item are pure functions of values, and some inputs make
them slow (a hostile document, text that hits a slow path of a matcher). Run on the event
loop they freeze the whole process; run in a thread they cannot be stopped, and hold the GIL
the loop needs. Here each call runs in one of a few long-lived worker processes (pebble's
`ProcessPool`): a call that passes its time limit has its worker killed and replaced, so
the limit holds whatever the function does, and the memory it took is given back.

Workers start from a fork server (`forkserver`), never by forking this process: the
caller has threads (the HTTP client's resolver, SQLite, other pools) whose locks a plain
fork would copy in a locked state. The fork server imports the modules the pools named
(`preload`) once, when the first pool starts, so that a worker that replaces a killed one
is ready at once instead of importing the classifier's lexicons again (seconds). Functions
and their arguments must be picklable: module-level functions of plain values.

`map` hands a worker many items in one call (one hand-over and one result instead of one
per item) and keeps the time limit per item: the worker notes in shared memory which item
it is on and since when, so when a chunk passes the limit the item that did is known; it
gets `TimeLimitExceeded` and the others are run again.
"""

from __future__ import annotations

import asyncio
import importlib
import multiprocessing
import signal
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError as FutureCancelled
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from services.runtime.errors import PermanentError

T = TypeVar("T")

JOIN_TIMEOUT_S = 5.0

# Modules the fork server imports when it starts: those of every pool made or announced
# (`preload`) before the first pool starts.
_PRELOAD: set[str] = {"pebble"}
# `map` calls that can be in flight at once per pool: each has its progress slot.
MAP_SLOTS = 16
# In a worker: the pool's progress slots, two numbers each (item index, its start on the
# system-wide monotonic clock).
_progress: Any = None


# Imported by the fork server before and after the modules of its workers (see those modules).
GROUP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
"""What Ctrl-C, `timeout`, `kill -- -PGID` or a closed terminal send to the whole process group."""
_FIRST = "services.runtime.forkserver_sigint"
_LAST = "services.runtime.forkserver_settled"


def preload(*modules: str) -> None:
    """Announce modules worker processes will need, so that the fork server imports them
    once for all workers (only heeded before the fork server starts)."""
    _PRELOAD.update(modules)


def _forkserver_context() -> Any:
    context = multiprocessing.get_context("forkserver")
    # Heeded only before the fork server first starts. "__main__": the program's main
    # module is imported once there, not again in every new worker.
    context.set_forkserver_preload(["__main__", _FIRST, *sorted(_PRELOAD), _LAST])
    return context


def start_fork_server(*modules: str) -> None:
    """Start the fork server of this process's pools now, importing `modules` (and those
    announced by `preload`) in the background, and return at once.

    A process that will need workers calls this first thing, so that the fork server's
    imports (the classifier's lexicons: seconds of CPU) run while the process imports the
    rest and connects, instead of after. Pools started later use this fork server; modules
    announced after this call are imported by each worker instead (`CpuPool(preload=...)`).
    """
    from multiprocessing import forkserver, resource_tracker

    preload(*modules)
    _forkserver_context()
    # The fork server starts Python's resource tracker first, which unblocks both signals
    # once it has started: started beforehand, it leaves the mask below alone.
    resource_tracker.ensure_running()
    # Ctrl-C and SIGTERM to the process group are held back (not lost) while the server is
    # started: it inherits them blocked, so that while it imports the command's modules,
    # before `forkserver_sigint` makes it deaf to them, they cost it no traceback.
    held = threading.current_thread() is threading.main_thread()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, GROUP_SIGNALS) if held else None
    try:
        forkserver.ensure_running()
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _ready() -> bool:
    return True


def _import(modules: Sequence[str], progress: Any = None) -> None:
    # Worker initializer: makes sure of the modules the fork server did not preload, before
    # the worker takes its first call (so the time limit of a call never pays for imports).
    # Ctrl-C reaches the whole process group: the parent stops its workers itself, and a
    # worker must not die mid-call of a KeyboardInterrupt and print its traceback.
    global _progress
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _progress = progress
    for name in modules:
        importlib.import_module(name)


def _run_chunk(function: Callable[..., Any], items: Sequence[Any], args: tuple, slot: int) -> list[tuple[bool, Any]]:
    # In a worker: each item in turn, its progress noted first; (True, result) or (False, exception).
    out: list[tuple[bool, Any]] = []
    for index, item in enumerate(items):
        _progress[2 * slot + 1] = time.monotonic()
        _progress[2 * slot] = index
        try:
            out.append((True, function(item, *args)))
        except Exception as exc:
            out.append((False, exc))
    return out


class TimeLimitExceeded(PermanentError):
    """The call ran longer than its time limit; its worker was killed."""


class WorkerDied(PermanentError):
    """The worker process died during the call (killed, out of memory, a crash in C code)."""


class CpuPool:
    """`workers` processes running one call each at a time; started by `start()` or the
    first call, off the event loop (the fork server's first start imports the preloaded
    modules: seconds, which must not block the loop).

    `preload` names modules the fork server imports once, so that new workers (at start and
    after a kill) do not import them again.
    """

    def __init__(self, workers: int, *, preload: Sequence[str] = ()) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self._preload = list(preload)
        _PRELOAD.update(preload)
        self._pool: ProcessPool | None = None
        self._starting: asyncio.Lock | None = None
        self._progress: Any = None
        self._slots: asyncio.Queue[int] | None = None

    async def start(self) -> None:
        """Start the workers (if not yet) and return when they answer."""
        if self._pool is not None:
            return
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._pool is None:
                self._pool = await asyncio.to_thread(self._new_pool)
                # A pool its owner forgot to close stops with it, not at interpreter exit.
                self._finalizer = weakref.finalize(self, self._pool.stop)

    async def _usable_pool(self) -> ProcessPool:
        """The started pool, replaced first when pebble has given up on it: a worker that
        dies between calls (the OOM killer, an operator's kill) puts pebble's pool in its
        error state, where every later call fails ("Unexpected error within the Pool")."""
        await self.start()
        assert self._pool is not None
        if not self._pool.active:
            from services.runtime.logs import get_logger  # a rare path: kept off start-up's imports

            broken, self._pool = self._pool, None
            self._finalizer.detach()
            get_logger().warning("worker_pool_replaced", workers=self.workers,
                                 reason="a worker process died between calls")
            await asyncio.to_thread(broken.stop)
            await self.start()
            assert self._pool is not None
        return self._pool

    def _new_pool(self) -> ProcessPool:
        context = _forkserver_context()
        self._progress = context.RawArray("d", 2 * MAP_SLOTS)
        pool = ProcessPool(max_workers=self.workers, context=context, initializer=_import,
                           initargs=(self._preload, self._progress))
        pool.schedule(_ready).result()  # starts the workers (blocking: in a thread) and waits for one
        return pool

    async def run(self, function: Callable[..., T], *args: Any, timeout_s: float) -> T:
        """`function(*args)` in a worker, its result or its exception.

        Raises `TimeLimitExceeded` when the call runs longer than `timeout_s` (time waiting
        for a free worker does not count) and `WorkerDied` when its worker dies. Cancelling
        the awaiting task kills the worker of a call already running.
        """
        pool = await self._usable_pool()
        try:
            return await self._outcome(pool.schedule(function, args=args, timeout=timeout_s), timeout_s)
        except BrokenProcessPool:
            # Scheduled on a pool whose worker had died between calls, before pebble knew
            # (it fails the calls it holds). The functions are pure: once more, on the pool
            # that replaces it.
            pool = await self._usable_pool()
            return await self._outcome(pool.schedule(function, args=args, timeout=timeout_s), timeout_s)

    @staticmethod
    async def _outcome(future: Any, timeout_s: float) -> Any:
        """The result of a scheduled call, pebble's errors told as this module's."""
        try:
            return await asyncio.wrap_future(future)
        except TimeoutError as exc:
            if exc.args[:1] != ("Task timeout",):
                raise  # the function's own TimeoutError, not the time limit
            raise TimeLimitExceeded(f"took longer than {timeout_s:g} s") from None
        except ProcessExpired as exc:
            raise WorkerDied(f"its worker process died (exit code {exc.exitcode})") from None
        except FutureCancelled:
            raise asyncio.CancelledError() from None

    async def map(self, function: Callable[..., T], items: Sequence[Any], *args: Any,
                  timeout_s: float) -> list[T | Exception]:
        """`function(item, *args)` for every item, in order: per item its result or the
        exception it raised.

        The items go to one worker in one call. Each item still has `timeout_s`: a call
        that passes it (the chunk's limit is `timeout_s` too) has its worker killed; the
        item it was on when killed gets `TimeLimitExceeded` if it had run `timeout_s` by
        then, and the others are run again (in smaller chunks, down to one item a call).
        An item whose worker dies gets `WorkerDied` the same way. Cancelling the awaiting
        task kills the worker of a call already running.
        """
        await self.start()
        if self._slots is None:
            self._slots = asyncio.Queue()
            for slot in range(MAP_SLOTS):
                self._slots.put_nowait(slot)
        results: list[Any] = [None] * len(items)
        chunks: list[list[int]] = [list(range(len(items)))] if items else []
        while chunks:
            chunk = chunks.pop(0)
            if len(chunk) == 1:
                try:
                    results[chunk[0]] = await self.run(function, items[chunk[0]], *args, timeout_s=timeout_s)
                except (asyncio.CancelledError, KeyboardInterrupt):
                    raise
                except Exception as exc:
                    results[chunk[0]] = exc
                continue
            slot = await self._slots.get()
            try:
                self._progress[2 * slot] = -1.0
                try:
                    outcomes = await self.run(_run_chunk, function, [items[i] for i in chunk], args, slot,
                                              timeout_s=timeout_s)
                except (TimeLimitExceeded, WorkerDied) as exc:
                    at, since = int(self._progress[2 * slot]), self._progress[2 * slot + 1]
                    if not 0 <= at < len(chunk):  # died before its first item: one at a time
                        chunks[:0] = [[i] for i in chunk]
                    elif isinstance(exc, WorkerDied) or time.monotonic() - since >= timeout_s:
                        results[chunk[at]] = exc
                        chunks[:0] = [part for part in (chunk[:at], chunk[at + 1:]) if part]
                    else:  # the chunk as a whole took too long: no item did
                        chunks[:0] = [part for part in (chunk[:at], [chunk[at]], chunk[at + 1:]) if part]
                    continue
                except (asyncio.CancelledError, KeyboardInterrupt):
                    raise
                except Exception:  # e.g. a result that cannot be pickled: one item at a time tells whose
                    chunks[:0] = [[i] for i in chunk]
                    continue
                for i, (_, value) in zip(chunk, outcomes):
                    results[i] = value
            finally:
                self._slots.put_nowait(slot)
        return results

    def close(self) -> None:
        """Let the workers finish their calls and go; kill those still busy after
        `JOIN_TIMEOUT_S` (their calls fail)."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            self._finalizer.detach()
            pool.close()  # no new workers are started from here on
            try:
                pool.join(timeout=JOIN_TIMEOUT_S)
            except TimeoutError:
                pool.stop()
                pool.join(timeout=JOIN_TIMEOUT_S)
