"""PostgreSQL as the state that several instances of a stage share (`[state] url`).

The stages' state modules are written once, in SQL that SQLite and PostgreSQL both run
(standard upserts, `?` placeholders). `PostgresConnection` is a PostgreSQL session that
answers the part of `sqlite3.Connection` those modules use, so the same module works on the
SQLite file of `launchwatch run` and on a database shared by many processes:

- `?` placeholders become psycopg's `%s`; `BEGIN IMMEDIATE` becomes `BEGIN`;
  `INSERT OR IGNORE` becomes `INSERT ... ON CONFLICT DO NOTHING`;
- in `CREATE TABLE`/`ALTER TABLE`, SQLite's `REAL` becomes `DOUBLE PRECISION` (PostgreSQL's
  `REAL` is 4 bytes: an epoch time would lose minutes) and `INTEGER` becomes `BIGINT`;
- schema statements run under one transaction-scoped advisory lock, so instances starting
  together do not race creating the same table (PostgreSQL's `IF NOT EXISTS` does not
  guard against that);
- Python booleans are stored as 0/1, as SQLite stores them;
- a NUL character, which PostgreSQL's text cannot hold (SQLite's can), is stored and asked
  for as U+FFFD: a page asked for `/events/%00` finds no event instead of stopping the
  stage on an error the server would raise as if the database were lost (two keys that
  differ only there are one on PostgreSQL; no key launchwatch makes holds either).

Coordination between instances uses session advisory locks (`try_lock`): the server
releases one the moment the session ends, so when a process dies (its socket closes) its
locks go at once, and when a host vanishes they go after the TCP keepalive timeout
(`dead_peer_s`). A lock lives on the same connection as the holder's writes: once it is
gone, so is the session, and every write of the former holder fails, so two instances never
both write where one lock is meant to hold.

The connection is used synchronously from the event loop, as the SQLite connections are:
statements are short and the server close; `connect_timeout_s` and the TCP timeouts bound
how long a lost server can hold the loop.

psycopg is imported by the first session opened (a fifth of a second of CPU that a process
on the SQLite file never pays), so what its statements raise reaches the stages as
`PostgresError`, one of `STATE_ERRORS`, with psycopg's error as its cause.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Union
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

from services.runtime.errors import StateError

if TYPE_CHECKING:
    import psycopg


class PostgresError(Exception):
    """A statement on the PostgreSQL state failed (the server lost, the session ended, a
    constraint); psycopg's error is the `__cause__`."""


# What a state database raises, whichever it is: a stage stops on these (see StageRunner).
STATE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.DatabaseError, PostgresError)
SCHEMES = ("postgresql://", "postgres://")
_SCHEMA_LOCK = "launchwatch schema"
_DDL = re.compile(r"^\s*(CREATE|ALTER|DROP)\s", re.IGNORECASE)
_TABLE_DDL = re.compile(r"^\s*(CREATE\s+TABLE|ALTER\s+TABLE)\s", re.IGNORECASE)
_COMMENT = re.compile(r"--[^\n]*")


class StateUnavailable(StateError):
    """The PostgreSQL server of `[state] url` cannot be reached or refused the session.

    `refused`: the server answered and refused this session (a wrong password, user or
    database, an access rule), which waiting does not mend; otherwise it was not reached,
    or is starting or stopping (a restart, a failover), and may answer later."""

    def __init__(self, message: str, *, refused: bool = False) -> None:
        super().__init__(message)
        self.refused = refused


# What libpq says when a server that answered refuses the session for good.
_REFUSED = ("authentication failed", "does not exist", "pg_hba.conf", "permission denied", "invalid ",
            "no password supplied", "does not support SSL")


def url_passwords(url: str) -> list[str]:
    """The passwords a PostgreSQL URL holds, after the user name and as `password=` among its
    parameters (libpq reads both), each as written and percent-decoded."""
    parts = urlsplit(url)
    written = [parts.password or ""]
    written += [value for key, _, value in (piece.partition("=") for piece in parts.query.split("&"))
                if key == "password"]
    # As written and as meant: either may reach a message.
    return sorted({form for value in written if value for form in (value, unquote(value))})


def redact_url(url: str) -> str:
    """`url` with every password it holds shown as `***`, for messages and logs: the user,
    host and database stay, to tell which database is meant."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        userinfo, _, hostport = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}:***@{hostport}"
    query = "&".join(f"{key}=***" if key == "password" else f"{key}={quote(value, safe='')}"
                     for key, value in parse_qsl(parts.query, keep_blank_values=True))
    return urlunsplit(parts._replace(netloc=netloc, query=query if parts.query else ""))


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory lock key for `name`."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


def translate(sql: str) -> str:
    """SQLite-flavoured SQL of the state modules as PostgreSQL runs it (see module doc)."""
    text = sql.replace("%", "%%").replace("?", "%s")
    text = re.sub(r"\bBEGIN\s+IMMEDIATE\b", "BEGIN", text, flags=re.IGNORECASE)
    if re.match(r"^\s*INSERT\s+OR\s+IGNORE\s", text, re.IGNORECASE):
        text = re.sub(r"^\s*INSERT\s+OR\s+IGNORE\s", "INSERT ", text, flags=re.IGNORECASE).rstrip().rstrip(";")
        text += " ON CONFLICT DO NOTHING"
    if _TABLE_DDL.match(_COMMENT.sub("", text)):
        text = re.sub(r"\bREAL\b", "DOUBLE PRECISION", text)
        text = re.sub(r"\bINTEGER\b", "BIGINT", text)
    return text


class PostgresRefused(PostgresError, StateError):
    """The server refused the role of `[state] url` what launchwatch needs (to create its
    tables, to write them): no fault to retry or to trace, a grant to make, said in one line."""


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    """psycopg's errors raised in the block as `PostgresError`, naming psycopg's class; a
    privilege refused as `PostgresRefused`, saying which grant is missing."""
    import psycopg

    try:
        yield
    except psycopg.errors.InsufficientPrivilege as exc:
        said = str(exc).strip().splitlines()[0] if str(exc).strip() else "permission denied"
        if "schema" in said:
            grant = ("the role needs CREATE and USAGE on the schema its tables go in (GRANT CREATE, USAGE ON SCHEMA "
                     "... TO the role; PostgreSQL 15 gives CREATE on public to the database's owner alone), or to "
                     "own the database")
        else:  # a table another role made ("must be owner of table", "permission denied for table")
            grant = ("its tables belong to another role: run every instance as the role that made them, or make "
                     "this role their owner (ALTER TABLE ... OWNER TO)")
        raise PostgresRefused(f"the state database refused the role of [state] url: {said}: launchwatch creates, "
                              f"changes and writes its own tables, so {grant}") from exc
    except psycopg.Error as exc:
        raise PostgresError(f"{type(exc).__name__}: {exc}") from exc


def _params(params: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(int(p) if isinstance(p, bool) else p.replace("\x00", "\ufffd") if isinstance(p, str) else p
                 for p in params)


class PostgresConnection:
    """One PostgreSQL session behind the sqlite3-like calls of the state modules (autocommit;
    explicit `BEGIN`/`COMMIT` or `with conn:` for transactions)."""

    dialect = "postgresql"
    isolation_level = None  # as an autocommit sqlite3 connection reports it

    def __init__(self, conn: psycopg.Connection) -> None:
        from psycopg import pq

        self._conn = conn
        self._idle = pq.TransactionStatus.IDLE

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != self._idle

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor:
        """Run one statement; raises `PostgresError` when it fails."""
        with _translated():
            if _DDL.match(_COMMENT.sub("", sql)):
                return self._ddl(sql)
            return self._conn.execute(translate(sql), _params(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor:
        with _translated():
            cursor = self._conn.cursor()
            cursor.executemany(translate(sql), [_params(row) for row in rows])
            return cursor

    def executescript(self, script: str) -> None:
        """Run `;`-separated statements (without parameters), as sqlite3's executescript."""
        for statement in _COMMENT.sub("", script).split(";"):
            if statement.strip():
                self.execute(statement)

    def _ddl(self, sql: str) -> psycopg.Cursor:
        # One schema change at a time across instances: concurrent CREATE ... IF NOT EXISTS
        # of one table fails on PostgreSQL's catalogue constraints.
        outer = self.in_transaction
        if not outer:
            self._conn.execute("BEGIN")
        try:
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(_SCHEMA_LOCK),))
            cursor = self._conn.execute(translate(sql).replace("%%", "%"))
        except BaseException:
            if not outer:
                self.rollback()
            raise
        if not outer:
            self._conn.execute("COMMIT")
        return cursor

    def commit(self) -> None:
        with _translated():
            if self.in_transaction:
                self._conn.execute("COMMIT")

    def rollback(self) -> None:
        with _translated():
            if self.in_transaction:
                self._conn.execute("ROLLBACK")

    def __enter__(self) -> "PostgresConnection":
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        # As sqlite3's context manager: commit on success, roll back on an exception.
        if exc_type is None:
            self.commit()
        else:
            self.rollback()

    def close(self) -> None:
        with _translated():
            self._conn.close()

    @property
    def closed(self) -> bool:
        return self._conn.closed


StateConnection = Union[sqlite3.Connection, PostgresConnection]


def connect_postgres(url: str, *, connect_timeout_s: float = 5.0, dead_peer_s: float = 15.0,
                     application_name: str = "launchwatch") -> PostgresConnection:
    """A new session on the database at `url` (autocommit).

    TCP keepalives on both ends make a vanished peer noticed within about `dead_peer_s`:
    the server then ends the session (releasing its locks), the client fails its
    statement. Raises `StateUnavailable` naming `[state] url` (password redacted) when the
    server cannot be reached or refuses the session.
    """
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    idle_s = max(1, int(dead_peer_s / 3))
    interval_s, probes = max(1, int(dead_peer_s / 6)), 3
    params = conninfo_to_dict(url)
    server = f"-c tcp_keepalives_idle={idle_s} -c tcp_keepalives_interval={interval_s} " \
             f"-c tcp_keepalives_count={probes} -c tcp_user_timeout={int(dead_peer_s * 1000)}"
    params["options"] = f"{params.get('options', '')} {server}".strip()
    params.setdefault("application_name", application_name)
    params.update(connect_timeout=max(1, round(connect_timeout_s)), keepalives=1, keepalives_idle=idle_s,
                  keepalives_interval=interval_s, keepalives_count=probes, tcp_user_timeout=int(dead_peer_s * 1000))
    try:
        conn = psycopg.connect(autocommit=True, **params)
    except psycopg.Error as exc:
        text = str(exc).strip()
        reason = text.splitlines()[0] if text else type(exc).__name__
        raise StateUnavailable(f"cannot open the state database {redact_url(url)} ([state] url): {reason}",
                               refused=any(word in text for word in _REFUSED)) from None
    return PostgresConnection(conn)


def is_shared(conn: object) -> bool:
    """True for a PostgreSQL state, which other instances may use at the same time."""
    return isinstance(conn, PostgresConnection)


def try_lock(conn: StateConnection, name: str) -> bool:
    """Take the session advisory lock `name` without waiting; True when this session holds
    it (also when it already did). A SQLite state is one process's: always True."""
    if not isinstance(conn, PostgresConnection):
        return True
    (held,) = conn.execute("SELECT pg_try_advisory_lock(?)", (lock_key(name),)).fetchone()
    return bool(held)


def unlock(conn: StateConnection, name: str) -> None:
    """Release the lock `name` this session holds (no-op on SQLite)."""
    if isinstance(conn, PostgresConnection):
        conn.execute("SELECT pg_advisory_unlock(?)", (lock_key(name),))


def begin_exclusive(conn: StateConnection, name: str) -> None:
    """Begin a transaction that no other instance's `begin_exclusive(name)` runs beside:
    SQLite's `BEGIN IMMEDIATE`, or on PostgreSQL `BEGIN` and the transaction-scoped
    advisory lock `name` (released at commit or rollback)."""
    if isinstance(conn, PostgresConnection):
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (lock_key(name),))
    else:
        conn.execute("BEGIN IMMEDIATE")


def is_alive(conn: StateConnection) -> bool:
    """True while the session answers (and so still holds its locks)."""
    try:
        conn.execute("SELECT 1").fetchone()
    except STATE_ERRORS:
        return False
    return True


def upsert_sql(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    """`INSERT INTO table (columns) VALUES (?, ...) ON CONFLICT (key) DO UPDATE` of every other
    column: SQLite's `INSERT OR REPLACE` in SQL that PostgreSQL runs too (the row is updated
    in place rather than deleted and inserted again)."""
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT ({', '.join(key)}) {action}")
