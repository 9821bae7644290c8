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
"""

from __future__ import annotations

import asyncio
import importlib
import multiprocessing
import signal
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError as FutureCancelled
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from services.runtime.errors import PermanentError

T = TypeVar("T")

JOIN_TIMEOUT_S = 5.0

# Modules the fork server imports when it starts: those of every pool made or announced
# (`preload`) before the first pool starts.
_PRELOAD: set[str] = {"pebble"}


def preload(*modules: str) -> None:
    """Announce modules worker processes will need, so that the fork server imports them
    once for all workers (only heeded before the first pool starts)."""
    _PRELOAD.update(modules)


def _ready() -> bool:
    return True


def _import(modules: Sequence[str]) -> None:
    # Worker initializer: makes sure of the modules the fork server did not preload, before
    # the worker takes its first call (so the time limit of a call never pays for imports).
    # Ctrl-C reaches the whole process group: the parent stops its workers itself, and a
    # worker must not die mid-call of a KeyboardInterrupt and print its traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in modules:
        importlib.import_module(name)


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

    def _new_pool(self) -> ProcessPool:
        context = multiprocessing.get_context("forkserver")
        # Heeded only before the fork server first starts. "__main__": the program's main
        # module is imported once there, not again in every new worker.
        context.set_forkserver_preload(["__main__", *sorted(_PRELOAD)])
        pool = ProcessPool(max_workers=self.workers, context=context, initializer=_import, initargs=(self._preload,))
        pool.schedule(_ready).result()  # starts the workers (blocking: in a thread) and waits for one
        return pool

    async def run(self, function: Callable[..., T], *args: Any, timeout_s: float) -> T:
        """`function(*args)` in a worker, its result or its exception.

        Raises `TimeLimitExceeded` when the call runs longer than `timeout_s` (time waiting
        for a free worker does not count) and `WorkerDied` when its worker dies. Cancelling
        the awaiting task kills the worker of a call already running.
        """
        await self.start()
        assert self._pool is not None
        future = self._pool.schedule(function, args=args, timeout=timeout_s)
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
