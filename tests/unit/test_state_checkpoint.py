"""The state file's write-ahead log is checkpointed by a thread of its own, never inside a
stage's commit (two fsyncs that stalled every stage of the process), and what a commit
made durable stays so across a kill while that thread works."""

from __future__ import annotations

import gc
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from services.runtime import db
from services.runtime.db import connect
from services.runtime.memory_bus import MemoryBus

ROW = "x" * 3000


def wal_bytes(path) -> int:
    return os.stat(f"{path}-wal").st_size


def test_a_stage_connection_never_checkpoints_and_the_checkpointer_does(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "CHECKPOINT_EVERY_S", 3600.0)  # the test runs the checkpointer's step itself
    path = tmp_path / "state.db"
    conn = connect(path)
    conn.execute("CREATE TABLE ingest_rows (body TEXT)")
    for _ in range(3000):  # about 3,000 pages of log, a commit per row
        conn.execute("INSERT INTO ingest_rows VALUES (?)", (ROW,))
    checkpointer = conn._checkpointer
    # SQLite's own automatic checkpoint would have copied the log at 1,000 pages.
    assert checkpointer.pending_pages() > 2 * db.MAX_WAL_PAGES
    assert wal_bytes(path) > 2 * db.MAX_WAL_PAGES * 4096
    assert checkpointer.checkpoint_if_due()
    assert checkpointer.pending_pages() == 0
    size = wal_bytes(path)
    conn.execute("INSERT INTO ingest_rows VALUES (?)", (ROW,))  # the log restarts from its start
    assert 0 < checkpointer.pending_pages() <= 5 and wal_bytes(path) == size
    assert not checkpointer.checkpoint_if_due()
    other = sqlite3.connect(path)
    assert other.execute("SELECT count(*) FROM ingest_rows").fetchone()[0] == 3001
    other.close()
    conn.close()
    assert not os.path.exists(f"{path}-wal")  # the last connection closed: all in the database file


def test_the_checkpointer_thread_lives_as_long_as_the_files_connections(tmp_path):
    path = tmp_path / "state.db"
    first, second = connect(path), connect(path)
    checkpointer = first._checkpointer
    assert checkpointer is second._checkpointer and checkpointer._thread.is_alive()
    thread = checkpointer._thread
    first.close()
    assert thread.is_alive()
    second.close()
    assert not thread.is_alive()
    third = connect(path)
    assert third._checkpointer._thread.is_alive()
    third.close()


def test_a_connection_dropped_without_closing_lets_the_thread_go(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "CHECKPOINT_EVERY_S", 0.01)
    conn = connect(tmp_path / "state.db")
    thread = conn._checkpointer._thread
    cycle = [conn]
    cycle.append(cycle)  # freed by the garbage collector, which may run while a lock is held
    del conn, cycle
    gc.collect()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert str(tmp_path / "state.db") not in db._checkpointers


CHILD = textwrap.dedent("""
    import asyncio, sys
    from services.runtime import db
    db.MAX_WAL_PAGES = 16  # checkpoint often while the records go in
    db.CHECKPOINT_EVERY_S = 0.01
    from services.runtime.memory_bus import MemoryBus

    async def main():
        conn = db.connect(sys.argv[1])
        bus = MemoryBus("lw.", journal=conn)
        await bus.ensure_topics(["lw.items"], 1)
        n = 0
        while True:
            await bus.producer().send("lw.items", b"%08d" % n + b"x" * 2000, key=b"k")
            print(n, conn._checkpointer.checkpoints, flush=True)  # acknowledged
            n += 1

    asyncio.run(main())
""")


def test_every_acknowledged_send_survives_a_kill_while_the_checkpointer_works(tmp_path):
    path = tmp_path / "state.db"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True,
                             cwd=os.getcwd())
    acknowledged = -1
    try:
        for line in child.stdout:
            n, checkpoints = map(int, line.split())
            acknowledged = n
            if n >= 400 and checkpoints >= 3 or n >= 100_000:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert acknowledged >= 400 and checkpoints >= 3, "no 400 records sent and three checkpoints made"
    values = [r.value[:8] for r in MemoryBus("lw.", journal=connect(path)).records("lw.items")]
    assert values[: acknowledged + 1] == [b"%08d" % n for n in range(acknowledged + 1)]


HOLDER = textwrap.dedent("""
    import sys
    from services.runtime import db
    db.CHECKPOINT_EVERY_S = 0.01  # the checkpointer reads the log's index all the while
    first = db.connect(sys.argv[1])
    first.execute("CREATE TABLE ingest_rows (n INTEGER)")
    first.execute("INSERT INTO ingest_rows VALUES (1)")
    second = db.connect(sys.argv[1])  # a second stage of the same process opens the file
    print("ready", flush=True)
    sys.stdin.readline()
    first.execute("INSERT INTO ingest_rows VALUES (2)")
    print("written", flush=True)
    sys.stdin.readline()
""")


def test_another_process_reading_the_file_leaves_the_running_ones_log_alone(tmp_path):
    """A `dlq list`, or a second `run` that is refused, opens the state file and closes it
    while a `run` works on it. The running process must keep its SQLite locks (no
    descriptor of the file or its index is ever closed under it), so the other process does
    not take its write-ahead log for abandoned and delete it: what it commits afterwards
    survives a kill -9."""
    path = tmp_path / "state.db"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    try:
        assert holder.stdout.readline().strip() == "ready"
        time.sleep(0.2)  # the holder's checkpointer has looked at the index many times
        visitor = connect(path)  # this process: the operator's command
        assert visitor.execute("SELECT count(*) FROM ingest_rows").fetchone()[0] == 1
        visitor.close()
        assert os.path.exists(f"{path}-wal"), "the running process's log was deleted under it"
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "written"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    after = sqlite3.connect(path)
    assert [n for (n,) in after.execute("SELECT n FROM ingest_rows ORDER BY n")] == [1, 2]
    after.close()
