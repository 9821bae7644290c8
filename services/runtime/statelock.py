"""One owner for a state file: an exclusive `flock` on a lock file beside it.

`launchwatch run` (every stage in one process) and any process on the in-memory bus (whose
journal lives in the state file) must be the only process using their state file: a second
one would publish every item twice and interleave two journals. The lock is taken before
the file is opened and held for the life of the process; the kernel drops it when the
process ends, however it ends, so a crash leaves no stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from services.runtime.errors import StateInUse

MEMORY = ":memory:"


def lock_path_for(state_path: str | Path, role: str | None = None) -> Path:
    """`launchwatch.db` → `launchwatch.db.lock` (or `launchwatch.db.<role>.lock` for one
    role among the processes that share the file), in the same directory, as an absolute
    path (as the `state_created` line names the file)."""
    path = Path(state_path).absolute()
    return path.with_name(path.name + (f".{role}" if role else "") + ".lock")


class StateLock:
    """An exclusive lock on `<state>.lock` (or on a role's lock beside it: one process of
    several on the file holds the role), holding the owner's pid for the error message."""

    def __init__(self, state_path: str | Path, role: str | None = None, hint: str | None = None) -> None:
        self.state_path = str(state_path)
        self.path = lock_path_for(state_path, _safe(role) if role else None)
        self._fd: int | None = None
        self._hint = hint or "stop it, or give this one its own [state] path"

    def try_acquire(self) -> bool:
        """Take the lock if no other process holds it; False when one does."""
        try:
            self.acquire()
        except StateInUse:
            return False
        return True

    def acquire(self) -> "StateLock":
        """Take the lock without waiting.

        Raises `StateInUse` naming the state file and the holder's pid when another process
        has it, and OSError when the lock file cannot be created.
        """
        if self.state_path == MEMORY or self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            holder = f"another launchwatch process (pid {pid})" if pid else "another launchwatch process"
            raise StateInUse(
                f"state file {os.path.abspath(self.state_path)} is in use by {holder}: {self._hint}",
                path=self.state_path, pid=pid,
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "StateLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _safe(role: str) -> str:
    """A role's name as a file name's part: letters, digits, '-', '_' and '.'."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in role)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
