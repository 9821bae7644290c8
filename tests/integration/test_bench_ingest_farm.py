"""The ingest-farm section of the benchmark report, measured for real on a tiny farm:
launchwatch's ingest beside newsboat and rss2email (when installed), a reader written
here that every machine has, a tool that is not installed and one that never finishes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from bench.ingest_farm import ITEMS, TOOLS, Tool, compare_tools, farm_section, pass_rows, ratio_rows, run_tool

FEEDS = 8
LIMIT_S = 30.0

# A sequential reader: fetches every URL, keeps the guids it has seen in a file.
READER = """
import re, sys, urllib.request
from pathlib import Path
folder = Path(sys.argv[1])
seen_file = folder / "seen"
seen = set(seen_file.read_text().split()) if seen_file.exists() else set()
for url in (folder / "urls").read_text().split():
    body = urllib.request.urlopen(url, timeout=10).read().decode()
    seen.update(re.findall(r"<guid[^>]*>([^<]+)</guid>", body))
seen_file.write_text("\\n".join(sorted(seen)))
"""


def _reader_argv(folder: Path, urls: list[str], threads: int) -> list[str]:
    (folder / "urls").write_text("\n".join(urls))
    (folder / "reader.py").write_text(READER)
    return [sys.executable, str(folder / "reader.py"), str(folder)]


def _reader_items(folder: Path) -> int | None:
    seen = folder / "seen"
    return len(seen.read_text().split()) if seen.exists() else None


READER_TOOL = Tool("test-reader", sys.executable, "python3", "urllib, one feed after the other",
                   _reader_argv, _reader_items)
ABSENT_TOOL = Tool("absent", "launchwatch-no-such-reader", "no-such-package", "-",
                   _reader_argv, _reader_items)


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    section = farm_section(out, (FEEDS,), limit_s=LIMIT_S, tools=(*TOOLS, READER_TOOL, ABSENT_TOOL),
                           command="test")
    return section, out


def _table(section, prefix):
    (table,) = [t for t in section.tables if t.title.startswith(prefix)]
    return [dict(zip(table.headers, row)) for row in table.rows]


def test_every_program_has_a_cold_and_a_warm_row_and_the_readers_took_in_every_item(measured):
    section, _ = measured
    rows = _table(section, "Cold and warm passes")
    programs = ["launchwatch", *(t.name for t in TOOLS), "test-reader", "absent"]
    assert [(r["program"], r["pass"]) for r in rows] == [(p, name) for p in programs for name in ("cold", "warm")]
    by = {(r["program"], r["pass"]): r for r in rows}
    finished = ["launchwatch", "test-reader", *(t.name for t in TOOLS if shutil.which(t.program))]
    for program in finished:
        cold, warm = by[(program, "cold")], by[(program, "warm")]
        assert cold["note"] == "" and warm["note"] == "", (cold, warm)
        assert cold["items taken in"] == ITEMS * FEEDS, cold
        assert warm["items taken in"] == 0, warm
        assert cold["wall s"] > 0 and cold["peak RSS MB"] > 0
    for tool in TOOLS:
        if not shutil.which(tool.program):
            assert by[(tool.name, "cold")]["note"] == f"{tool.program} is not installed (Debian package {tool.package})"
    assert by[("absent", "cold")]["note"].startswith("launchwatch-no-such-reader is not installed")
    assert by[("absent", "cold")]["wall s"] == "-"


def test_the_ratios_are_launchwatch_over_each_tool_from_the_measured_figures(measured):
    section, _ = measured
    passes = {(r["program"], r["pass"]): r for r in _table(section, "Cold and warm passes")}
    ratios = _table(section, "launchwatch / tool")
    assert {(r["tool"], r["pass"]) for r in ratios} == {(p, name) for p, name in passes if p != "launchwatch"}
    for r in ratios:
        mine, theirs = passes[("launchwatch", r["pass"])], passes[(r["tool"], r["pass"])]
        for ratio, figure in (("wall time", "wall s"), ("CPU time", "CPU s"), ("peak RSS", "peak RSS MB")):
            if theirs["note"]:
                assert r[ratio] == "-", r
            elif theirs[figure]:
                assert r[ratio] == pytest.approx(mine[figure] / theirs[figure], abs=1e-3), (r, mine, theirs)
    reader = next(r for r in ratios if (r["tool"], r["pass"]) == ("test-reader", "cold"))
    assert isinstance(reader["wall time"], float)


def test_the_memory_table_and_the_plot(measured):
    section, out = measured
    (memory,) = _table(section, "launchwatch's memory")
    assert memory["sources"] == FEEDS
    assert 0 < memory["RSS with the sources loaded, MB"] <= memory["peak RSS after the cold pass, MB"]
    (figure,) = section.figures
    assert figure == out / "ingest_farm.png" and figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_pass_over_the_limit_is_stopped_and_reported_as_not_finished(tmp_path):
    started = run_tool([sys.executable, "-c", "import time; time.sleep(30)"], {}, limit_s=0.5)
    assert started["finished"] is False and started["wall_s"] < 5

    def sleeper(folder, urls, threads):
        return [sys.executable, "-c", "import time; time.sleep(30)"]

    slow = Tool("slow", sys.executable, "python3", "sleeps", sleeper, lambda folder: None)
    (result,) = compare_tools(port=9, feeds=3, threads=1, limit_s=0.5, tools=(slow,))
    assert result["cold"]["finished"] is False
    assert result["warm"] == {"skipped": "the cold pass did not finish"}
    # In the report: the note, and ratios that can only be bounds (the tool would have taken longer).
    mine = {"finished": True, "wall_s": 0.2, "cpu_s": 0.1, "peak_rss_mb": 60.0, "items_published": 3 * ITEMS}
    rows = pass_rows([{"feeds": 3, "launchwatch": {"cold": mine, "warm": {**mine, "items_published": 0}},
                       "tools": [result]}], limit_s=0.5)
    assert [(r["program"], r["pass"], r["note"]) for r in rows if r["program"] == "slow"] == [
        ("slow", "cold", "did not finish in 0.5 s"), ("slow", "warm", "the cold pass did not finish")]
    cold, warm = ratio_rows(rows)
    assert cold[3] == f"< {0.2 / result['cold']['wall_s']:.3g}" and cold[-1] == "did not finish in 0.5 s"
    assert warm[3:6] == ["-", "-", "-"]


def test_a_tool_runs_while_another_run_of_it_holds_the_users_lock(tmp_path, monkeypatch):
    # rss2email takes one lock per user ($XDG_RUNTIME_DIR, else /tmp/rss2email-<uid>); the
    # bench gives each pass a runtime folder of its own, so a run elsewhere does not hold it.
    import fcntl
    import os

    runtime = tmp_path / "runtime"
    runtime.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    seen = tmp_path / "runtime-seen"

    def locker(folder, urls, threads):
        code = ("import fcntl, os, sys; f = open(os.path.join(os.environ['XDG_RUNTIME_DIR'], 'held.lock'), 'w'); "
                "fcntl.lockf(f, fcntl.LOCK_EX); open(sys.argv[1], 'w').write(os.environ['XDG_RUNTIME_DIR'])")
        return [sys.executable, "-c", code, str(seen)]

    with open(runtime / "held.lock", "w") as held:
        fcntl.lockf(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by "another run" for the whole pass
        tool = Tool("locking", sys.executable, "python3", "locks", locker, lambda folder: None)
        (result,) = compare_tools(port=9, feeds=1, threads=1, limit_s=5.0, tools=(tool,))
    assert result["cold"]["finished"] and result["cold"]["exit"] == 0
    assert seen.read_text() != str(runtime) and os.path.isabs(seen.read_text())
