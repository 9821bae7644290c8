"""SQLite state shared by the stages: one file, one connection per stage, WAL mode.

The state file is what keeps alerts exactly-once across restarts, so a file that cannot be
trusted stops start-up (`StateCorrupt`, naming the file) instead of being taken for a fresh
one, which would alert every recent event again:

- a new file is created whole (schema version row, application id) under a temporary name
  and linked into place, so no process ever sees it half made;
- an existing file must be SQLite, pass `PRAGMA quick_check`, carry launchwatch's
  application id and a `launchwatch_meta` schema version this program knows; an empty
  (0-byte) file is refused, as is a foreign database.

A file from before the version row (launchwatch's tables only, or no table at all) is
adopted: the row is added. The checks run again whenever the file changed since this
process last checked it. The file (and its `-shm` index) is never opened but through
SQLite or a descriptor kept open: on Linux, closing any descriptor of a file drops every
POSIX lock the process holds on it, SQLite's included, and another process closing its
connection would then take this one's write-ahead log for abandoned and delete it.

Checkpoints run in a thread of their own. With `synchronous=NORMAL` a commit appends to the
write-ahead log and returns without an fsync; copying the log into the database file (a
checkpoint) syncs both files, two fsyncs of 4-30 ms each on a shared disk. SQLite runs it
inside whichever commit finds the log past 1,000 pages, which on a connection used from the
event loop stalls every stage of the process for that long. The connections `connect`
gives never checkpoint (`wal_autocheckpoint=0`): a `WalCheckpointer` per file, with a
connection of its own, checkpoints the log in a background thread once more than
`MAX_WAL_PAGES` pages wait in it (SQLite's own threshold), looking every `CHECKPOINT_EVERY_S`.
(The log file keeps its size, as with SQLite's own checkpoints: cutting it back with
`journal_size_limit` cost the committing connection up to 38 ms of `ftruncate`.)
When a commit becomes durable does not change: against a crash of the process at once (the
log is written before the commit returns), against a power cut once a checkpoint or an
explicit fsync of the log (`Ledger.sync`) has run, as before; a checkpoint only ever copies
committed frames. The last connection to close checkpoints what is left, as SQLite does.
"""

from __future__ import annotations

import collections
import os
import secrets
import sqlite3
import stat
import sys
import threading
from pathlib import Path

from services.runtime.errors import StateCorrupt

# PRAGMA application_id: "LWCH", at offset 68 of the file header (see sqlite.org/fileformat).
APPLICATION_ID = 0x4C574348
SCHEMA_VERSION = 1
# Tables launchwatch's stages create, by prefix: a file holding only these (or none) is ours.
OWN_TABLE_PREFIXES = ("launchwatch_", "ingest_", "websub_", "classify_", "cluster_", "events_", "notify_", "bus_", "web_")

_META = "CREATE TABLE IF NOT EXISTS launchwatch_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
_checked: set[str] = set()
_checking = threading.Lock()
# SQLite's own automatic checkpoint runs at 1,000 pages.
MAX_WAL_PAGES = 1000
CHECKPOINT_EVERY_S = 0.25


class WalCheckpointer:
    """Checkpoints one state file's write-ahead log from a background thread (see the
    module's docstring), on a connection of its own.

    `checkpointer_for` and `release` count the connections that use the file; the thread
    starts with the first and stops, closing its connection, with the last.
    `checkpoint_if_due` is what the thread does every `every_s`.
    """

    def __init__(self, path: str, *, max_pages: int | None = None, every_s: float | None = None) -> None:
        self.path = path
        self.max_pages = MAX_WAL_PAGES if max_pages is None else max_pages
        self.every_s = CHECKPOINT_EVERY_S if every_s is None else every_s
        self.checkpoints = 0
        self._users = 0
        self._dropped: collections.deque[int] = collections.deque()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn: sqlite3.Connection | None = None

    def pending_pages(self) -> int:
        """Pages in the write-ahead log not yet copied into the database: `mxFrame` less
        `nBackfill`, read from the WAL-index header in the `-shm` file (its layout is
        described at https://www.sqlite.org/walformat.html); 0 when there is no log.

        The file is read through a descriptor kept open (`_shm_descriptor`): closing any
        descriptor of a file drops every POSIX lock this process holds on it, SQLite's
        included, and another process would then take this one's log for abandoned,
        checkpoint it and delete it under the running stages."""
        descriptor = _shm_descriptor(self.path)
        if descriptor is None:
            return 0
        header = os.pread(descriptor, 100, 0)
        if len(header) < 100:
            return 0
        frames = int.from_bytes(header[16:20], sys.byteorder)
        copied = int.from_bytes(header[96:100], sys.byteorder)
        return max(0, frames - copied)

    def checkpoint_if_due(self) -> bool:
        """Copy the log into the database (a passive checkpoint: it waits for nobody, and
        frames a reader still needs stay for the next one) once more than `max_pages` are
        waiting; True when frames were copied. Raises `sqlite3.Error` when the file fails."""
        if self.pending_pages() <= self.max_pages:
            return False
        if self._conn is None:
            self._conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA wal_autocheckpoint=0")
        _, _, copied = self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if copied <= 0:
            return False  # a reader holds every frame: the next look tries again
        self.checkpoints += 1
        return True

    def _acquire(self) -> None:
        """(Holding `_checkpointing`.) One more connection uses the file: start the thread
        with the first."""
        self._users += 1
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"checkpoint {Path(self.path).name}", daemon=True)
            self._thread.start()

    def release(self) -> None:
        """One connection fewer: with the last, stop the thread and close its connection."""
        with _checkpointing:
            thread = self._let_go(1)
        if thread is not None:
            thread.join()

    def release_later(self) -> None:
        """`release` from a finaliser: only noted (no lock, which the collecting thread may
        hold); the checkpointer's thread lets go at its next look."""
        self._dropped.append(1)

    def _let_go(self, users: int) -> threading.Thread | None:
        """(Holding `_checkpointing`.) `users` fewer; the thread to stop when none is left."""
        self._users -= users
        if self._users > 0 or self._thread is None:
            return None
        thread, self._thread = self._thread, None
        if _checkpointers.get(self.path) is self:
            del _checkpointers[self.path]
        self._stop.set()
        return thread

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every_s):
                if self._dropped:
                    with _checkpointing:
                        dropped = 0
                        while self._dropped:
                            dropped += self._dropped.popleft()
                        if self._let_go(dropped) is not None:
                            return
                try:
                    self.checkpoint_if_due()
                except sqlite3.Error:
                    # A busy or failing file: the next look tries again; the stages' own
                    # commits report a file that is really broken.
                    continue
        finally:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            with _checkpointing:
                if self.path not in _checkpointers:  # no connection of this process is left on the file
                    descriptor = _shm_descriptors.pop(self.path, None)
                    if descriptor is not None:
                        os.close(descriptor)


_checkpointers: dict[str, WalCheckpointer] = {}
_checkpointing = threading.Lock()
_shm_descriptors: dict[str, int] = {}


def _shm_descriptor(path: str) -> int | None:
    """A read-only descriptor of the WAL index (`-shm`) of the state file at `path`, opened
    once and closed only once this process has no connection on the file (`connect`
    registers a connection's checkpointer before SQLite opens the file); None while there
    is no index."""
    with _checkpointing:
        descriptor = _shm_descriptors.get(path)
        if descriptor is None:
            try:
                descriptor = _shm_descriptors[path] = os.open(f"{path}-shm", os.O_RDONLY)
            except FileNotFoundError:
                return None
        return descriptor


def checkpointer_for(path: str | Path) -> WalCheckpointer:
    """The one checkpointer of the state file at `path` in this process, acquired (the
    caller releases it). One whose last user let go is never used again: it has left the
    registry by then, under the same lock."""
    key = os.path.abspath(path)
    with _checkpointing:
        found = _checkpointers.get(key)
        if found is None:
            found = _checkpointers[key] = WalCheckpointer(key)
        found._acquire()
        return found


class StateFileConnection(sqlite3.Connection):
    """A connection to a state file whose checkpoints run in the file's `WalCheckpointer`."""

    _checkpointer: WalCheckpointer | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            checkpointer, self._checkpointer = self._checkpointer, None
            if checkpointer is not None:
                checkpointer.release()

    def __del__(self) -> None:
        # A connection dropped without close() (a test, a crashed stage) lets go too.
        checkpointer, self._checkpointer = self._checkpointer, None
        if checkpointer is not None:
            checkpointer.release_later()


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the state database for one stage.

    WAL lets separate stage processes read and write the same file; the busy timeout
    makes a writer wait for another instead of failing. Its commits never checkpoint: the
    file's `WalCheckpointer` does, in a thread (see the module's docstring). Raises
    `StateCorrupt` when the file is empty, not SQLite, corrupt, another program's, or from
    a newer launchwatch.
    """
    if str(path) == ":memory:":
        return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False, factory=StateFileConnection)
    # Registered before SQLite opens the file, so that the checkpointer never closes the
    # descriptor it reads the log's index by while this connection holds locks on it.
    checkpointer = checkpointer_for(path)
    conn: StateFileConnection | None = None
    try:
        check_state_file(path)
        conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False,
                               factory=StateFileConnection)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA wal_autocheckpoint=0")
    except BaseException as exc:
        if conn is not None:
            conn.close()
        checkpointer.release()
        if isinstance(exc, sqlite3.DatabaseError):
            raise StateCorrupt(f"state file {path}: cannot be opened ({_reason(exc)})") from None
        raise
    conn._checkpointer = checkpointer
    return conn


def check_state_file(path: str | Path) -> bool:
    """Create the state file at `path` if it does not exist (True: created), else check
    that it can be trusted (see the module's docstring). Raises `StateCorrupt` naming the
    file and what is wrong."""
    if str(path) == ":memory:":
        return False
    path = Path(path)
    with _checking:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # (Two stages started at once on one new file: one of them made it.)
            created = not path.exists() and _create(path)
            status = path.stat()
        except OSError as exc:
            raise StateCorrupt(f"state file {path}: cannot be created ({_os_reason(path, exc)})") from None
        # The file is never opened here but through SQLite: closing a descriptor of it would
        # drop the POSIX locks SQLite holds on it for this process's other connections.
        if stat.S_ISDIR(status.st_mode):
            raise StateCorrupt(f"state file {path} is a directory: [state] path names the file itself")
        if status.st_size == 0:
            raise StateCorrupt(f"state file {path} is empty (0 bytes): truncated or not launchwatch's; {_FIX}")
        # A file changed since it was checked (a write, a restore, damage) is checked again.
        key = f"{os.path.abspath(path)}:{status.st_dev}:{status.st_ino}:{status.st_size}:{status.st_mtime_ns}"
        if key not in _checked:
            _check(path)
            _checked.add(key)
    return created


def remove_state_file(path: str | Path, *others: Path) -> None:
    """Remove a state file that `check_state_file` created for a run that started nothing,
    with SQLite's journal files beside it and `others` (its lock file)."""
    path = Path(path)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), *others):
        leftover.unlink(missing_ok=True)


def _create(path: Path) -> bool:
    """Make the state file at `path`; False when another process made it meanwhile."""
    temporary = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.new")
    # The mode SQLite itself gives a new file (0644 less the umask), not mkstemp's 0600.
    os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            _stamp(conn)
        finally:
            conn.close()
        try:
            os.link(temporary, path)  # fails if another process created the file meanwhile: use theirs
        except FileExistsError:
            return False
        return True
    finally:
        os.unlink(temporary)


def _stamp(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(_META)
    conn.execute("INSERT OR REPLACE INTO launchwatch_meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


_FIX = "restore it from a backup, or move it away to start afresh (recent events would alert again)"


def _os_reason(path: Path, exc: OSError) -> str:
    """Why the file cannot be made, in words: a folder on its way that is a file, or the
    system's reason."""
    for folder in path.parents:
        if folder.exists() and not folder.is_dir():
            return f"{folder} is a file, not a folder"
    return exc.strerror or str(exc)


def _reason(exc: sqlite3.Error) -> str:
    return "not an SQLite database" if "not a database" in str(exc) else str(exc)


def _unwritable(path: Path) -> str | None:
    """Why SQLite could not write the file (or, beside it, its journal), or None."""
    for target in (path, path.parent):
        if not os.access(target, os.W_OK):
            if os.statvfs(target).f_flag & os.ST_RDONLY:
                return f"{target} is on a read-only file system"
            return f"{target} is not writable by this user"
    return None


def _check(path: Path) -> None:
    fix = _FIX
    unwritable = _unwritable(path)
    if unwritable is not None:
        # Not damage: the file may be intact, and moving it away would lose the ledger.
        raise StateCorrupt(f"state file {path}: cannot be written ({unwritable}); launchwatch writes its state "
                           "there and its journal beside it")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None, timeout=30.0)
    except sqlite3.Error as exc:
        raise StateCorrupt(f"state file {path}: cannot be opened ({exc})") from None
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise StateCorrupt(f"state file {path} is corrupt ({'; '.join(problems)}); {fix}")
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if application_id not in (0, APPLICATION_ID):
            raise StateCorrupt(f"state file {path} belongs to another program (application id {application_id:#x})")
        if application_id == 0 or "launchwatch_meta" not in tables:
            foreign = [t for t in tables if not t.startswith(OWN_TABLE_PREFIXES + ("sqlite_",))]
            if foreign:
                raise StateCorrupt(f"state file {path} is not launchwatch's (tables {', '.join(sorted(foreign)[:5])})")
            _stamp(conn)  # launchwatch's tables from before the version row, or none: adopt it
            return
        row = conn.execute("SELECT value FROM launchwatch_meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else None
        if version is None:
            raise StateCorrupt(f"state file {path} has no schema version; {fix}")
        if version > SCHEMA_VERSION:
            raise StateCorrupt(f"state file {path} was written by a newer launchwatch (schema {version}, "
                               f"this one knows {SCHEMA_VERSION})")
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise StateCorrupt(f"state file {path} is not an SQLite database; {fix}") from None
        raise StateCorrupt(f"state file {path} is corrupt ({exc}); {fix}") from None
    finally:
        conn.close()
