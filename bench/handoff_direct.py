"""An experimental `CpuPool` whose event loop hands each call to its worker itself, for
`bench/handoff.py` to compare with `services.runtime.cpu_pool.CpuPool` (pebble's
`ProcessPool`). Not used by the service: see docs/benchmarks.md, "The hand-over to worker
processes", for what it measured.

Each worker has a socket pair of its own; the loop writes the call into it and reads the
result with asyncio's non-blocking streams, watches the process's sentinel for its end,
and keeps the time limit with a timer of the loop (kill and replace the worker). No thread
stands between the loop and a worker. Same contract as `CpuPool` (run, map with a time
limit per item, `TimeLimitExceeded`, `WorkerDied`, cancellation, close), plus: the time
limit starts when the worker has unpickled the call; a worker killed while free is
replaced and the call goes to the new one; a map chunk is killed only when its item in
hand has run the limit; a function the worker cannot import fails that call alone.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import pickle
import signal
import socket
import struct
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any, TypeVar

from services.runtime.cpu_pool import _PRELOAD, MAP_SLOTS, JOIN_TIMEOUT_S, TimeLimitExceeded, WorkerDied, \
    _forkserver_context

T = TypeVar("T")

# A worker that died before it was ready (its imports failed) is replaced after this long,
# so that a broken import does not turn into a busy loop of new processes.
RESPAWN_DELAY_S = 1.0
# The reader stops reading a worker's socket past twice this much unread: a large result
# (a batch's reports) comes in without a stop every 128 KiB (asyncio's default).
STREAM_BUFFER_BYTES = 1 << 20
# In a worker: the pool's progress slots, two numbers each (item index, its start on the
# system-wide monotonic clock).
_progress: Any = None


# What a worker sends once its imports are done; the parent's stop message is None.
_READY = "ready"


def _serve(conn: Connection, modules: Sequence[str], progress: Any, started: Any) -> None:
    # A worker's life: the modules the fork server did not preload first, then "ready" (so
    # the time limit of a call never pays for imports), then one call at a time until the
    # parent says stop or goes. Ctrl-C reaches the whole process group: the parent stops its
    # workers itself, and a worker must not die mid-call of a KeyboardInterrupt and print
    # its traceback. `started[0]`: when the call in hand started, once its function and
    # arguments are unpickled (which may import modules: not the call's time).
    global _progress
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _progress = progress
    for name in modules:
        importlib.import_module(name)
    conn.send(_READY)
    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        except Exception as exc:  # read whole, but its function's module cannot be imported here
            call = exc
        if call is None:
            return
        started[0] = time.monotonic()
        outcome: tuple[bool, Any]
        if isinstance(call, Exception):
            outcome = (False, call)
        else:
            function, args = call
            try:
                outcome = (True, function(*args))
            except Exception as exc:
                outcome = (False, exc)
        try:
            conn.send(outcome)
        except OSError:  # the parent is gone
            return
        except Exception as exc:  # a result or an exception that cannot be pickled
            conn.send((False, _Unpicklable(f"{type(exc).__name__}: {exc}")))


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


class _Unpicklable(Exception):
    """The worker's result or exception could not be pickled back (its text instead)."""


def _frame(message: Any) -> bytes:
    # The framing of `multiprocessing.connection.Connection`, which the worker reads with.
    payload = bytes(ForkingPickler.dumps(message))
    size = len(payload)
    header = struct.pack("!i", size) if size <= 0x7FFFFFFF else struct.pack("!iQ", -1, size)
    return header + payload


async def _read_message(reader: asyncio.StreamReader) -> Any:
    # One message a worker sent with `Connection.send`; an unpicklable one as a failed call.
    (size,) = struct.unpack("!i", await reader.readexactly(4))
    if size == -1:
        (size,) = struct.unpack("!Q", await reader.readexactly(8))
    data = await reader.readexactly(size)
    try:
        return pickle.loads(data)
    except Exception as exc:
        return (False, exc)


@dataclass(eq=False)
class _Worker:
    process: Any  # multiprocessing's Process (forkserver)
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    started: Any  # shared with the worker: when its call in hand started (0: not yet)
    idle: asyncio.Queue[_Worker | None]  # its pool's free workers, while this pool lasts
    ready: asyncio.Future[None]
    exited: asyncio.Future[None]
    reading: asyncio.Task[None] | None = None
    call: asyncio.Future[Any] | None = None
    timer: asyncio.TimerHandle | None = None
    dead: bool = False
    # The kill time of the call in hand (None: not started yet); `map`: its item's start + limit.
    deadline: Callable[[], float | None] | None = field(default=None, repr=False)


def _discard_launched(launching: asyncio.Future[tuple[Any, socket.socket, Any]]) -> None:
    if not launching.cancelled() and launching.exception() is None:
        process, sock, _ = launching.result()
        sock.close()
        process.kill()


def _kill_all(processes: set[Any]) -> None:
    for process in list(processes):
        if process.is_alive():
            process.kill()


class CpuPool:
    """`workers` processes running one call each at a time; started by `start()` or the
    first call. Their start runs off the event loop (the fork server's first start imports
    the preloaded modules: seconds, which must not block the loop); a pool is used from one
    event loop.

    `preload` names modules the fork server imports once, so that new workers (at start and
    after a kill) do not import them again.
    """

    def __init__(self, workers: int, *, preload: Sequence[str] = ()) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self._preload = list(preload)
        _PRELOAD.update(preload)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting: asyncio.Lock | None = None
        self._started = False
        self._live: set[_Worker] = set()
        self._processes: set[Any] = set()  # also the finalizer's, so never rebound
        self._idle: asyncio.Queue[_Worker | None] | None = None
        self._spawning: set[asyncio.Task[None]] = set()
        self._progress: Any = None
        self._slots: asyncio.Queue[int] | None = None
        # A pool its owner forgot to close stops its workers with it, not at interpreter exit.
        self._finalizer = weakref.finalize(self, _kill_all, self._processes)

    async def start(self) -> None:
        """Start the workers (if not yet) and return when they are ready. Raises
        `WorkerDied` when a worker dies before it is ready (its imports failed)."""
        if self._started:
            return
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._started:
                return
            self._loop = asyncio.get_running_loop()
            self._idle = asyncio.Queue()
            if self._progress is None:
                self._progress = _forkserver_context().RawArray("d", 2 * MAP_SLOTS)
            try:
                workers = await asyncio.gather(*(self._add_worker() for _ in range(self.workers)))
                await asyncio.gather(*(w.ready for w in workers))
            except BaseException:
                self.close()
                raise
            self._started = True

    def _launch(self) -> tuple[Any, socket.socket, Any]:
        # In a thread: connecting to the fork server waits for it (the first time, for its imports).
        context = _forkserver_context()
        conn, child = context.Pipe()  # a socket pair
        started = context.RawArray("d", 1)
        process = context.Process(target=_serve, args=(child, self._preload, self._progress, started),
                                  daemon=True, name="launchwatch-cpu-worker")
        process.start()
        child.close()  # the worker's end lives in the worker alone: its death reads as an end of file here
        sock = socket.socket(fileno=os.dup(conn.fileno()))
        conn.close()
        return process, sock, started

    async def _add_worker(self) -> _Worker:
        launching = asyncio.ensure_future(asyncio.to_thread(self._launch))
        try:
            process, sock, started = await asyncio.shield(launching)
        except asyncio.CancelledError:  # the pool closed meanwhile: the new worker is not wanted
            launching.add_done_callback(_discard_launched)
            raise
        loop = self._loop
        assert loop is not None and self._idle is not None
        # The loop's own non-blocking reads and writes: a call or a result of hundreds of
        # kilobytes never holds the loop while the worker waits for a CPU to take it.
        reader, writer = await asyncio.open_connection(sock=sock, limit=STREAM_BUFFER_BYTES)
        worker = _Worker(process, reader, writer, started, self._idle, loop.create_future(), loop.create_future())
        self._live.add(worker)
        self._processes.add(process)
        loop.add_reader(process.sentinel, self._on_sentinel, worker)
        worker.reading = asyncio.ensure_future(self._read(worker))
        return worker

    def _replace(self, delay_s: float = 0.0) -> None:
        async def replace() -> None:
            if delay_s:
                await asyncio.sleep(delay_s)
            await self._add_worker()

        idle = self._idle

        def done(task: asyncio.Task[None]) -> None:
            self._spawning.discard(task)
            if not task.cancelled() and task.exception() is not None and idle is not None:
                # No worker can be started (the fork server is gone): callers waiting for one fail.
                idle.put_nowait(None)

        task = asyncio.ensure_future(replace())
        self._spawning.add(task)
        task.add_done_callback(done)

    async def _read(self, worker: _Worker) -> None:
        # The worker's messages in order until its end of file (it has exited, or is exiting),
        # then its end once the fork server has seen it (for the exit code).
        try:
            while True:
                self._on_message(worker, await _read_message(worker.reader))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        await worker.exited
        self._on_exit(worker)

    def _on_message(self, worker: _Worker, message: Any) -> None:
        if message == _READY:
            if not worker.ready.done():
                worker.ready.set_result(None)
            worker.idle.put_nowait(worker)
            return
        call, worker.call = worker.call, None
        if worker.timer is not None:
            worker.timer.cancel()
            worker.timer = None
        if call is not None and not call.done():
            ok, value = message
            if ok:
                call.set_result(value)
            else:
                call.set_exception(value)
        worker.idle.put_nowait(worker)

    def _on_sentinel(self, worker: _Worker) -> None:
        self._unwatch(worker.process.sentinel)
        if not worker.exited.done():
            worker.exited.set_result(None)

    def _on_exit(self, worker: _Worker) -> None:
        exitcode = worker.process.exitcode
        was_ready = worker.ready.done() and worker.ready.exception() is None
        self._retire(worker, WorkerDied(f"its worker process died (exit code {exitcode})"))
        if worker.idle is self._idle:  # not closed since: a new worker takes its place
            self._replace(0.0 if was_ready else RESPAWN_DELAY_S)

    def _on_time_limit(self, worker: _Worker, timeout_s: float) -> None:
        worker.timer = None
        assert self._loop is not None and worker.deadline is not None
        due = worker.deadline()
        now = time.monotonic()
        if due is None or due > now:
            # Not started yet (still unpickling its function, which may import), or started
            # after the call was handed over: the call (the item in hand) gets its whole limit.
            delay_s = timeout_s if due is None else due - now
            worker.timer = self._loop.call_later(delay_s, self._on_time_limit, worker, timeout_s)
            return
        self._retire(worker, TimeLimitExceeded(f"took longer than {timeout_s:g} s"))
        self._replace()

    def _unwatch(self, fd: int) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(fd)

    def _retire(self, worker: _Worker, error: BaseException) -> None:
        # The worker is done with: killed if still running, its call (if any) failed with `error`.
        if worker.dead:
            return
        worker.dead = True
        self._live.discard(worker)
        if worker.timer is not None:
            worker.timer.cancel()
            worker.timer = None
        call, worker.call = worker.call, None
        if call is not None and not call.done():
            call.set_exception(error)
        if not worker.ready.done():
            worker.ready.set_exception(error)
            worker.ready.exception()  # read here: nobody may be waiting for it
        if worker.reading is not None and worker.reading is not asyncio.current_task():
            worker.reading.cancel()
        if self._loop is not None and not self._loop.is_closed():
            worker.writer.close()
        if not worker.exited.done():
            worker.process.kill()
            # Reaped once the fork server reports its end: not waited for on the loop.
            worker.exited.add_done_callback(lambda _: self._reap(worker))
        else:
            self._reap(worker)

    def _reap(self, worker: _Worker) -> None:
        worker.process.join(0)
        self._processes.discard(worker.process)
        if worker.process.exitcode is not None:
            worker.process.close()

    async def _worker(self) -> _Worker:
        idle = self._idle
        assert idle is not None
        while True:
            worker = await idle.get()
            if worker is None:
                idle.put_nowait(None)  # for the next caller too
                raise WorkerDied("no worker process for the call: the pool was closed, or none can be started")
            if not worker.dead:
                return worker

    async def _call(self, function: Callable[..., T], args: tuple, timeout_s: float,
                    deadline: Callable[[], float | None] | None = None) -> T:
        await self.start()
        assert self._loop is not None
        # Pickled before a worker is taken: what cannot be pickled fails here, and alone.
        message = _frame((function, args))
        # A worker that died while free (killed from outside) may still take the call before
        # its end is seen; a call that did not start in it goes to another worker, once.
        for attempt in (1, 2):
            worker = await self._worker()
            worker.started[0] = 0.0
            call: asyncio.Future[T] = self._loop.create_future()
            started = worker.started

            def call_deadline() -> float | None:
                return started[0] + timeout_s if started[0] else None

            worker.call, worker.deadline = call, deadline or call_deadline
            worker.timer = self._loop.call_later(timeout_s, self._on_time_limit, worker, timeout_s)
            try:
                worker.writer.write(message)
                try:
                    await worker.writer.drain()  # waits only while more than the buffer's mark is unsent
                except ConnectionError:
                    pass  # the worker is gone: its end fails the call
                return await call
            except WorkerDied:
                if attempt == 1 and not started[0]:
                    continue
                raise
            except asyncio.CancelledError:
                if worker.call is call:  # still running: stop it
                    self._retire(worker, WorkerDied("the call was cancelled"))
                    self._replace()
                raise
        raise WorkerDied("its worker process died before the call started")

    async def run(self, function: Callable[..., T], *args: Any, timeout_s: float) -> T:
        """`function(*args)` in a worker, its result or its exception.

        Raises `TimeLimitExceeded` when the call runs longer than `timeout_s` (time waiting
        for a free worker does not count) and `WorkerDied` when its worker dies. Cancelling
        the awaiting task kills the worker of a call already running.
        """
        return await self._call(function, args, timeout_s)

    async def map(self, function: Callable[..., T], items: Sequence[Any], *args: Any,
                  timeout_s: float) -> list[T | Exception]:
        """`function(item, *args)` for every item, in order: per item its result or the
        exception it raised.

        The items go to one worker in one call. Each item has `timeout_s`: when the item a
        call is on has run that long, the worker is killed, that item gets
        `TimeLimitExceeded` and the others are run again (in smaller chunks, down to one
        item a call). An item whose worker dies gets `WorkerDied` the same way. Cancelling
        the awaiting task kills the worker of a call already running.
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
            progress = self._progress

            def item_deadline(slot: int = slot) -> float | None:
                return progress[2 * slot + 1] + timeout_s if progress[2 * slot] >= 0 else None

            try:
                progress[2 * slot] = -1.0
                try:
                    outcomes = await self._call(_run_chunk, (function, [items[i] for i in chunk], args, slot),
                                                timeout_s, item_deadline)
                except (TimeLimitExceeded, WorkerDied) as exc:
                    at, since = int(progress[2 * slot]), progress[2 * slot + 1]
                    if not 0 <= at < len(chunk):  # died before its first item: one at a time
                        chunks[:0] = [[i] for i in chunk]
                    elif isinstance(exc, WorkerDied) or time.monotonic() - since >= timeout_s:
                        results[chunk[at]] = exc
                        chunks[:0] = [part for part in (chunk[:at], chunk[at + 1:]) if part]
                    else:  # it had just gone on to the next item: no item passed the limit
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
        `JOIN_TIMEOUT_S` (their calls fail with `WorkerDied`). Calls that ended get their
        results once the event loop runs again. The pool can be started again."""
        workers = list(self._live)
        for task in self._spawning:
            task.cancel()
        self._spawning.clear()
        if self._idle is not None:
            self._idle.put_nowait(None)  # callers waiting for a free worker fail
        self._idle = None  # no replacements from here on
        self._started = False
        self._starting = None
        loop_open = self._loop is not None and not self._loop.is_closed()
        for worker in workers:
            if loop_open:
                worker.writer.write(_frame(None))  # after the call in hand, if any
        deadline = time.monotonic() + JOIN_TIMEOUT_S
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
        for worker in workers:
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(JOIN_TIMEOUT_S)
            if not loop_open:
                self._retire(worker, WorkerDied("the pool was closed before the call ended"))
        # Otherwise each worker's reader reads what it sent before its end, then retires it.
