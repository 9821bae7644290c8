"""SQLite state shared by the stages: one file, one connection per stage, WAL mode.

The state file is what keeps alerts exactly-once across restarts, so a file that cannot be
trusted stops start-up (`StateCorrupt`, naming the file) instead of being taken for a fresh
one, which would alert every recent event again:

- a new file is created whole (schema version row, application id) under a temporary name
  and linked into place, so no process ever sees it half made;
- an existing file must be SQLite (header), pass `PRAGMA quick_check`, carry launchwatch's
  application id and a `launchwatch_meta` schema version this program knows; an empty
  (0-byte) file is refused, as is a foreign database.

A file from before the version row (launchwatch's tables only, or no table at all) is
adopted: the row is added. The header is checked at every open, the rest again whenever
the file changed since this process last checked it.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
from pathlib import Path

from services.runtime.errors import StateCorrupt

# PRAGMA application_id: "LWCH", at offset 68 of the file header (see sqlite.org/fileformat).
APPLICATION_ID = 0x4C574348
SCHEMA_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables launchwatch's stages create, by prefix: a file holding only these (or none) is ours.
OWN_TABLE_PREFIXES = ("launchwatch_", "ingest_", "websub_", "classify_", "cluster_", "events_", "notify_", "bus_", "web_")

_META = "CREATE TABLE IF NOT EXISTS launchwatch_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
_checked: set[str] = set()
_checking = threading.Lock()


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the state database for one stage.

    WAL lets separate stage processes read and write the same file; the busy timeout
    makes a writer wait for another instead of failing. Raises `StateCorrupt` when the
    file is empty, not SQLite, corrupt, another program's, or from a newer launchwatch.
    """
    check_state_file(path)
    try:
        conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
    except sqlite3.DatabaseError as exc:
        raise StateCorrupt(f"state file {path}: cannot be opened ({exc})") from None
    return conn


def check_state_file(path: str | Path) -> None:
    """Create the state file at `path` if it does not exist, else check that it can be
    trusted (see the module's docstring). Raises `StateCorrupt` naming the file and what
    is wrong."""
    if str(path) == ":memory:":
        return
    path = Path(path)
    with _checking:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create(path)
        _check_header(path)
        status = path.stat()
        # A file changed since it was checked (a write, a restore, damage) is checked again.
        key = f"{os.path.abspath(path)}:{status.st_dev}:{status.st_ino}:{status.st_size}:{status.st_mtime_ns}"
        if key not in _checked:
            _check(path)
            _checked.add(key)


def _create(path: Path) -> None:
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
            pass
    finally:
        os.unlink(temporary)


def _stamp(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(_META)
    conn.execute("INSERT OR REPLACE INTO launchwatch_meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


_FIX = "restore it from a backup, or move it away to start afresh (recent events would alert again)"


def _check_header(path: Path) -> None:
    with open(path, "rb") as file:
        header = file.read(100)
    if not header:
        raise StateCorrupt(f"state file {path} is empty (0 bytes): truncated or not launchwatch's; {_FIX}")
    if not header.startswith(SQLITE_HEADER):
        raise StateCorrupt(f"state file {path} is not an SQLite database; {_FIX}")


def _check(path: Path) -> None:
    fix = _FIX
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
        raise StateCorrupt(f"state file {path} is corrupt ({exc}); {fix}") from None
    finally:
        conn.close()
