"""A state file that cannot be trusted stops launchwatch with one line naming it (exit 2),
never a silent fresh start that alerts every recent event again; a database error while
working stops the stage instead of dead-lettering every message after it."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from services.cli import main
from services.runtime.db import APPLICATION_ID, connect
from services.runtime.deadletter import DeadLetters
from services.runtime.errors import StateCorrupt, StateError
from services.runtime.memory_bus import MemoryBus
from services.runtime.stage import StageRunner

PAGE = 4096


def ledger_file(path: Path, rows: int = 3000) -> Path:
    """A state file whose ledger table spans many pages."""
    conn = connect(path)
    conn.execute("CREATE TABLE notify_ledger (delivery_id TEXT PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO notify_ledger VALUES (?, ?)", ((f"d{i}", "x" * 200) for i in range(rows)))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def corrupt_ledger_pages(path: Path) -> None:
    """Overwrite two pages in the middle of the ledger's b-tree with garbage."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notify_ledger'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as file:
        for page in (root + 5, root + 6):
            file.seek((page - 1) * PAGE)
            file.write(b"\xde\xad\xbe\xef" * (PAGE // 4))


def run_with_state(tmp_path: Path, state: Path, capsys) -> tuple[int, str]:
    config = tmp_path / "launchwatch.toml"
    config.write_text(f'[state]\npath = "{state}"\n[ingest]\nuse_default_catalogue = false\n')
    code = main(["run", "--config", str(config)])
    return code, capsys.readouterr().err


def test_a_new_state_file_is_created_whole(tmp_path):
    conn = connect(tmp_path / "new" / "state.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("SELECT value FROM launchwatch_meta WHERE key = 'schema_version'").fetchone() == ("1",)
    assert not [p for p in (tmp_path / "new").iterdir() if p.name.endswith(".new")]


def test_an_empty_state_file_stops_start_up_naming_it(tmp_path, capsys):
    state = tmp_path / "state.db"
    state.write_bytes(b"")
    code, err = run_with_state(tmp_path, state, capsys)
    assert code == 2
    assert err.count("\n") == 1 and f"state file {state} is empty (0 bytes)" in err
    assert state.stat().st_size == 0  # left as it was, for whoever investigates


def test_a_corrupt_ledger_page_stops_start_up(tmp_path, capsys):
    state = ledger_file(tmp_path / "state.db")
    corrupt_ledger_pages(state)
    code, err = run_with_state(tmp_path, state, capsys)
    assert code == 2
    assert err.startswith(f"launchwatch: state file {state} is corrupt (") and err.count("\n") == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_other_damage_is_one_line_naming_the_file(tmp_path, capsys, damage):
    state = ledger_file(tmp_path / "state.db")
    data = state.read_bytes()
    state.write_bytes(b"not a database at all" * 100 if damage == "garbage" else data[: len(data) // 3])
    code, err = run_with_state(tmp_path, state, capsys)
    assert code == 2
    assert err.startswith(f"launchwatch: state file {state}") and err.count("\n") == 1
    assert "Traceback" not in err


def test_another_programs_database_is_refused(tmp_path):
    state = tmp_path / "state.db"
    conn = sqlite3.connect(state)
    conn.execute("CREATE TABLE users (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StateCorrupt, match="is not launchwatch's"):
        connect(state)


def test_a_state_file_from_before_the_version_row_is_adopted(tmp_path):
    state = tmp_path / "state.db"
    conn = sqlite3.connect(state)
    conn.execute("CREATE TABLE notify_ledger (delivery_id TEXT PRIMARY KEY)")
    conn.execute("INSERT INTO notify_ledger VALUES ('kept')")
    conn.commit()
    conn.close()
    conn = connect(state)
    assert conn.execute("SELECT delivery_id FROM notify_ledger").fetchall() == [("kept",)]
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


async def test_a_database_error_while_handling_stops_the_stage_without_dead_lettering(tmp_path):
    state = ledger_file(tmp_path / "state.db")
    conn = connect(state)  # checked and opened while the file was sound
    corrupt_ledger_pages(state)
    bus = MemoryBus(default_partitions=1)
    for n in range(3):
        await bus.producer().send("in", f"d{2000 + n}".encode())

    async def handler(record):  # what the ledger does: look the delivery up
        conn.execute("SELECT count(*) FROM notify_ledger WHERE body LIKE ?", (record.value.decode(),)).fetchone()

    runner = StageRunner(consumer=await bus.consumer(["in"], "g"), handler=handler,
                         dead_letters=DeadLetters(bus.producer(), "dlq", "notify"), poll_timeout_s=0.05)
    with capture_logs() as logs, pytest.raises(StateError, match="malformed"):
        await asyncio.wait_for(runner.run(asyncio.Event()), 5)
    assert bus.records("dlq") == []
    assert [e["event"] for e in logs if e["log_level"] == "error"] == ["state_failed"]
    # Nothing was committed: after a restore, every message is handled again.
    assert await (await bus.consumer(["in"], "g")).poll(0.05, 10) != []


@pytest.mark.parametrize("where", ["a folder", "under a file", "unwritable"])
def test_a_state_path_that_cannot_be_a_file_is_one_line_naming_it(tmp_path, capsys, where):
    if where == "a folder":
        state, reason = tmp_path, "is a directory"
    elif where == "under a file":
        (tmp_path / "garbage.db").write_text("x")
        state, reason = tmp_path / "garbage.db" / "state.db", f"{tmp_path / 'garbage.db'} is a file, not a folder"
    else:  # /proc takes no new file, whoever asks
        state, reason = Path("/proc/launchwatch-state.db"), "cannot be created ("
    code, err = run_with_state(tmp_path, state, capsys)
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1
    assert err.startswith(f"launchwatch: state file {state}") and reason in err


def test_a_file_that_is_not_sqlite_is_named_so(tmp_path, capsys):
    state = tmp_path / "state.db"
    state.write_bytes(b"PK\x03\x04" + b"\x00" * 4000)  # a zip archive
    code, err = run_with_state(tmp_path, state, capsys)
    assert code == 2 and f"state file {state} is not an SQLite database" in err


def test_an_intact_state_file_on_a_read_only_file_system_is_not_called_corrupt(tmp_path, monkeypatch):
    """The advice for a corrupt file (move it away) would lose the ledger and alert again."""
    from services.runtime.db import check_state_file

    state = tmp_path / "state.db"
    connect(state).close()
    before = state.read_bytes()
    folder = str(tmp_path)
    real_access, real_statvfs = os.access, os.statvfs

    class ReadOnly:  # what statvfs says of a file system mounted read-only
        f_flag = os.ST_RDONLY

    # The file system mounted read-only (a mount needs privileges a test does not have).
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if str(p).startswith(folder) and mode & os.W_OK
                        else real_access(p, mode, **kw))
    monkeypatch.setattr(os, "statvfs", lambda p: ReadOnly() if str(p).startswith(folder) else real_statvfs(p))
    with pytest.raises(StateCorrupt) as refused:
        check_state_file(state)
    said = str(refused.value)
    assert said.startswith(f"state file {state}: cannot be written ({state} is on a read-only file system)")
    assert "corrupt" not in said and "move it away" not in said
    assert state.read_bytes() == before


def test_a_home_path_is_the_home_folders_and_a_made_state_file_is_told_apart(tmp_path, monkeypatch):
    """"~/lw.db" made a folder named "~" in the working directory."""
    from services.config import load_settings
    from services.runtime.db import check_state_file

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    settings = load_settings(None, {"LAUNCHWATCH_STATE__PATH": "~/lw/state.db"})
    assert settings.state.path == str(tmp_path / "home" / "lw" / "state.db")
    assert check_state_file(settings.state.path)  # made: `run` logs state_created
    assert not check_state_file(settings.state.path)  # there now
    assert (tmp_path / "home" / "lw" / "state.db").exists() and not (tmp_path / "~").exists()


def test_of_two_processes_making_one_new_state_file_only_the_maker_says_so(tmp_path, monkeypatch):
    from services.runtime import db

    state = tmp_path / "state.db"
    made = db._create

    def another_process_first(path):
        assert made(path)  # the other stage's process, a moment earlier
        return made(path)

    monkeypatch.setattr(db, "_create", another_process_first)
    assert db.check_state_file(state) is False  # not made here: no state_created from this process
    assert state.exists()
