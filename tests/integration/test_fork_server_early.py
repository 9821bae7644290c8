"""The workers' fork server started first thing (`start_fork_server`): its imports run while
the process goes on, and Ctrl-C during them costs no traceback."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

# Scripts run in a process of their own: the fork server is one per process. Each starts
# the fork server on a module whose import takes a while, acts while it imports, then runs
# one call on a pool.
_WAIT_FOR_THE_IMPORT = """
    marker = os.path.join(os.environ["MARKER_DIR"], "importing")
    deadline = time.monotonic() + 30
    while not os.path.exists(marker) and time.monotonic() < deadline:
        time.sleep(0.01)  # until the fork server is importing slow_lexicons, even under load
"""
_ONE_CALL = """
    async def main():
        pool = CpuPool(1, preload=["slow_lexicons"])
        try:
            return await pool.run(len, "abc", timeout_s=10)
        finally:
            pool.close()

    result = asyncio.run(main())
"""
_IMPORTS = """
    import asyncio, json, multiprocessing.forkserver as fs, os, signal, sys, time
    from services.runtime.cpu_pool import CpuPool, start_fork_server
"""

SCRIPT = textwrap.dedent(_IMPORTS + """
    started = time.monotonic()
    start_fork_server("slow_lexicons")
    returned_s = time.monotonic() - started
""" + _WAIT_FOR_THE_IMPORT + """
    os.kill(fs._forkserver._forkserver_pid, signal.SIGINT)  # as Ctrl-C reaches the process group
""" + _ONE_CALL + """
    print(json.dumps({"returned_s": returned_s, "result": result}))
""")


def _run_beside_a_slow_import(tmp_path, script: str, import_s: float, **popen) -> subprocess.CompletedProcess:
    (tmp_path / "slow_lexicons.py").write_text(
        f"import pathlib, time\npathlib.Path({str(tmp_path / 'importing')!r}).touch()\ntime.sleep({import_s})\n",
        encoding="utf-8")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": f"{tmp_path}:{':'.join(sys.path)}", "PATH": "/usr/bin:/bin",
                               "MARKER_DIR": str(tmp_path)}, **popen)


def test_the_fork_server_imports_in_the_background_and_ignores_ctrl_c(tmp_path):
    done = _run_beside_a_slow_import(tmp_path, SCRIPT, 2.0)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr
    out = json.loads(done.stdout)
    assert out["returned_s"] < 1.0  # the 2 s import did not hold the caller
    assert out["result"] == 3


GROUP_SIGTERM = textwrap.dedent(_IMPORTS + """
    terms = []
    signal.signal(signal.SIGTERM, lambda *_: terms.append(1))  # the parent stops by itself, as run does
    start_fork_server("slow_lexicons")
""" + _WAIT_FOR_THE_IMPORT + """
    server = fs._forkserver._forkserver_pid
    os.killpg(os.getpgid(0), signal.SIGTERM)  # as `timeout` or `kill -- -PGID` does
""" + _ONE_CALL + """
    print(json.dumps({"result": result, "terms": len(terms),
                      "same_server": fs._forkserver._forkserver_pid == server}))
""")


SPAWN_MASKS = textwrap.dedent(_IMPORTS + """
    import multiprocessing.util as util
    spawn, masks = util.spawnv_passfds, {}

    def recording(path, args, passfds):
        kind = "fork server" if "forkserver" in args[-1] else "other"
        masks[kind] = sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, []))
        return spawn(path, args, passfds)

    util.spawnv_passfds = recording
    start_fork_server()
    print(json.dumps(masks))
""")


def test_the_fork_server_is_started_with_the_group_signals_held_back(tmp_path):
    """Python's resource tracker, started on the way, unblocks SIGINT and SIGTERM after its own
    start: a Ctrl-C to the group landing then, while the fork server imports multiprocessing,
    printed a KeyboardInterrupt traceback from it."""
    done = subprocess.run([sys.executable, "-c", SPAWN_MASKS], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    held = json.loads(done.stdout)["fork server"]
    assert {int(signal.SIGINT), int(signal.SIGTERM)} <= set(held), held


def test_a_sigterm_to_the_process_group_reaches_the_parent_and_not_its_starting_workers(tmp_path):
    """A SIGTERM to the whole group while the pool was starting ended the fork server:
    `BrokenProcessPool`, the stage failed with a traceback and exit 1. The workers are a
    group of their own, stopped by their parent."""
    # In a session of its own, so that the test's runner is not signalled.
    done = _run_beside_a_slow_import(tmp_path, GROUP_SIGTERM, 1.0, start_new_session=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    # The fork server lived through it (a pool starting its workers from a dead one broke).
    assert json.loads(done.stdout) == {"result": 3, "terms": 1, "same_server": True}


COLLECTOR = textwrap.dedent("""
    import asyncio, gc, json
    from services.runtime.cpu_pool import CpuPool, start_fork_server

    start_fork_server("json")

    async def main():
        pool = CpuPool(1)
        try:
            return [await pool.run(gc.isenabled, timeout_s=10), await pool.run(gc.get_freeze_count, timeout_s=10)]
        finally:
            pool.close()

    enabled, frozen = asyncio.run(main())
    print(json.dumps({"enabled": enabled, "frozen": frozen, "here": gc.isenabled()}))
""")


def test_workers_run_with_the_collector_on_and_the_fork_servers_imports_frozen():
    # The fork server imports with the collector off (start-up CPU); a worker forked with it
    # still off would never free a reference cycle.
    done = subprocess.run([sys.executable, "-c", COLLECTOR], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out == {"enabled": True, "frozen": out["frozen"], "here": True}
    assert out["frozen"] > 10_000  # the modules the fork server imported, out of the collector's way


MODEL = textwrap.dedent("""
    import asyncio, json
    from model_probe import models_loaded
    from services.classify.workers import start_early
    from services.runtime.cpu_pool import CpuPool

    start_early()

    async def main():
        pool = CpuPool(1)
        try:
            return await pool.run(models_loaded, timeout_s=30)
        finally:
            pool.close()

    print(json.dumps({"loaded_before_the_first_item": asyncio.run(main())}))
""")


def test_a_classify_worker_has_the_model_before_its_first_item(tmp_path):
    # Loaded once by the fork server, not by each worker's first classification (within that
    # item's time limit, on the way to the first alert).
    (tmp_path / "model_probe.py").write_text(
        "from services.classify import model\n\n\ndef models_loaded():\n    return model.shipped.cache_info().currsize\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", MODEL], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": f"{tmp_path}:{':'.join(sys.path)}", "PATH": "/usr/bin:/bin",
                               "MARKER_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"loaded_before_the_first_item": 1}
