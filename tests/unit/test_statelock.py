"""The state file of `launchwatch run` has one owner at a time."""

from __future__ import annotations

import os

import pytest

from services.runtime.errors import StateInUse
from services.runtime.statelock import StateLock


def test_a_second_owner_is_refused_naming_the_file_and_the_holder(tmp_path):
    state = tmp_path / "launchwatch.db"
    with StateLock(state):
        with pytest.raises(StateInUse) as refused:
            StateLock(state).acquire()
    message = str(refused.value)
    assert str(state) in message and f"pid {os.getpid()}" in message
    assert refused.value.pid == os.getpid()
    # Released: the next owner gets it.
    StateLock(state).acquire().release()


def test_an_in_memory_state_needs_no_lock(tmp_path):
    with StateLock(":memory:"), StateLock(":memory:"):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_relative_state_path_gives_a_lock_named_absolutely(tmp_path, monkeypatch):
    """The `events_active` line named `launchwatch.db.events-launchwatch.cluster.lock`, the
    `state_created` line the file's absolute path: which one, from which directory?"""
    monkeypatch.chdir(tmp_path)
    assert StateLock("launchwatch.db", role="events").path == tmp_path / "launchwatch.db.events.lock"
