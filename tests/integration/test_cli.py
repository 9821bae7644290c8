"""The `launchwatch` command as a user runs it: demo, dlq, exit codes."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.integration.harness import LaunchwatchProcess
from tests.loopback import free_port


def launchwatch(*args: str, cwd, timeout_s: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.cli", *args], capture_output=True, text=True,
                          timeout=timeout_s, cwd=cwd)


async def test_demo_shows_one_alert_and_a_few_updates_for_the_recorded_launch(tmp_path):
    demo = await LaunchwatchProcess(["demo", "--speed", "300"], tmp_path / "demo.log",
                                    stderr_path=tmp_path / "demo.err").start()
    assert await demo.process.wait() == 0  # the demo stops by itself once the morning is told
    # `launchwatch demo > file`: stdout is one JSON object per line, nothing else.
    stdout = demo.log_path.read_text(encoding="utf-8").splitlines()
    assert stdout and all(line.startswith("{") and json.loads(line) for line in stdout)
    published = demo.events("item_published")
    delivered = demo.events("alert_delivered")
    assert len(published) == 40
    assert [d["kind"] for d in delivered][:1] == ["alert"]
    assert sum(d["kind"] == "alert" for d in delivered) == 1, delivered
    # Compressed 300 times, several reports land in one poll, so the update count varies
    # with timing (bench/events_replay.py measures it at a realistic pace); what must hold
    # is a handful of updates at most (none when a loaded machine lets every report land in
    # one poll), all about the one event, with the facts only firming up.
    assert sum(d["kind"] == "update" for d in delivered) <= 3, delivered
    assert len({d["event_id"] for d in delivered}) == 1
    assert "North Korea" in delivered[0]["summary"]
    assert "2 short-range ballistic missiles" in delivered[-1]["summary"]
    # How far the story has firmed up when each update goes out depends on which reports one
    # poll brings; a fact once told is never taken back.
    told = [{fact for fact in ("2 ", "short-range") if fact in d["summary"]} for d in delivered]
    assert all(before <= after for before, after in zip(told, told[1:])), [d["summary"] for d in delivered]
    # `service` is one of the log contract's four; a stage within one says so as `stage`.
    assert {line["service"] for line in demo.lines()} == {"ingest", "classify", "notify", "run"}
    assert {(line["service"], line["stage"]) for line in demo.events("event_published")} == {("classify", "events")}
    # The story, not the routine: no line per poll or per revision without news.
    assert not demo.events("feed_polled") and not demo.events("alert_skipped")
    assert len(stdout) < 150
    # The readable alert blocks go to the terminal on stderr, and so does where to look.
    terminal = (tmp_path / "demo.err").read_text(encoding="utf-8")
    assert "ALERT: North Korea" in terminal
    (listening,) = demo.events("http_listening")
    assert f"the launch events page is at http://{listening['address']}/" in terminal
    assert not list(tmp_path.glob("*.db")), "the demo keeps its state in a temporary directory"


async def test_a_demo_whose_alerts_did_not_reach_their_receiver_says_so_and_fails(tmp_path):
    """A demo to a receiver that was down ended like one that worked: exit 0, nothing but
    `delivery_failed` lines among its JSON. Its last line says what was not delivered."""
    config = tmp_path / "down.toml"
    config.write_text(f'[notify]\nallowed_networks = ["127.0.0.1/32"]\n[[subscriptions]]\nname = "down"\n'
                      f'channel = "webhook"\nurl = "http://127.0.0.1:{free_port()}/hook"\n', encoding="utf-8")
    demo = await LaunchwatchProcess(["demo", "--speed", "300", "--config", str(config)], tmp_path / "demo.log",
                                    stderr_path=tmp_path / "demo.err").start()
    assert await demo.process.wait() == 1
    assert demo.events("delivery_failed")
    last = (tmp_path / "demo.err").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last.startswith("launchwatch demo: not delivered: ") and "to 'down' (dead-lettered, or still" in last


def test_dlq_on_a_fresh_state_lists_nothing_and_replays_nothing(tmp_path):
    listed = launchwatch("dlq", "list", cwd=tmp_path)
    assert listed.returncode == 0 and "(no dead letters)" in listed.stdout
    replayed = launchwatch("dlq", "replay", "--subscription", "console", cwd=tmp_path)
    assert replayed.returncode == 0 and "delivered 0, failed again 0" in replayed.stdout


def test_unknown_command_and_stage_exit_with_usage(tmp_path):
    assert launchwatch("serve", "notifier", cwd=tmp_path).returncode == 2
    assert launchwatch("launch", cwd=tmp_path).returncode == 2


def quiet_config(tmp_path) -> str:
    """A `launchwatch run` with no sources and its state in `tmp_path`: nothing leaves the machine."""
    config = tmp_path / "launchwatch.toml"
    config.write_text(f'[state]\npath = "{tmp_path / "state.db"}"\n\n[ingest]\nuse_default_catalogue = false\n',
                      encoding="utf-8")
    return str(config)


@contextmanager
def reaped(proc: subprocess.Popen) -> Iterator[subprocess.Popen]:
    """`proc`, killed and waited for on the way out if it still runs (a failed assertion)."""
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def read_until(stream, event: str, timeout_s: float = 30.0) -> list[str]:
    """Lines of `stream` up to and including the first JSON line whose event is `event`."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            raise AssertionError(f"the process ended before {event!r}: {lines}")
        lines.append(line)
        if line.startswith("{") and json.loads(line).get("event") == event:
            return lines
    raise AssertionError(f"no {event!r} line within {timeout_s} s: {lines}")


def env_without_launchwatch_vars(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAUNCHWATCH_")}
    return {**env, "LAUNCHWATCH_HTTP__LISTEN": "127.0.0.1:0", **extra}


def test_a_closed_stdout_pipe_still_stops_cleanly_and_says_so(tmp_path):
    # `launchwatch run | tee log`, then Ctrl-C: tee is gone before launchwatch's last lines.
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", "run", "--config", quiet_config(tmp_path),
                             "--log-format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=tmp_path, env=env_without_launchwatch_vars())
    try:
        read_until(proc.stdout, "ingest_started")
        proc.stdout.close()
        proc.send_signal(signal.SIGINT)
        err = proc.stderr.read()
        assert proc.wait(timeout=30) == 0, err
    finally:
        proc.kill()
        proc.wait()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert '"event": "stopped"' in err  # the last lines reach the terminal on stderr


def test_a_second_run_on_the_same_state_file_refuses_in_one_line(tmp_path):
    config = quiet_config(tmp_path)
    first = subprocess.Popen([sys.executable, "-m", "services.cli", "run", "--config", config, "--log-format", "json"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path,
                             env=env_without_launchwatch_vars())
    try:
        created = [json.loads(line) for line in read_until(first.stdout, "started") if '"state_created"' in line]
        # A new state file is said, so that a mistyped path is no silent fresh start.
        assert [line["path"] for line in created] == [str(tmp_path / "state.db")]
        second = subprocess.run([sys.executable, "-m", "services.cli", "run", "--config", config],
                                capture_output=True, text=True, timeout=60, cwd=tmp_path,
                                env=env_without_launchwatch_vars())
        assert second.returncode == 1
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1, second.stderr
        assert str(tmp_path / "state.db") in lines[0] and f"pid {first.pid}" in lines[0]
        assert second.stdout == ""  # it started nothing
    finally:
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 0
    # The lock went with the process: the next run starts.
    again = subprocess.Popen([sys.executable, "-m", "services.cli", "run", "--config", config, "--log-format", "json"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path,
                             env=env_without_launchwatch_vars())
    try:
        assert not [line for line in read_until(again.stdout, "started") if '"state_created"' in line]
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(timeout=30)


@pytest.mark.parametrize("args", [["dlq", "list"]])
def test_no_kafka_broker_is_one_line_naming_it(tmp_path, args):
    address = f"127.0.0.1:{free_port()}"  # nothing listens there
    result = subprocess.run([sys.executable, "-m", "services.cli", *args], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path, env=env_without_launchwatch_vars(
                                LAUNCHWATCH_BUS__KIND="kafka", LAUNCHWATCH_BUS__BOOTSTRAP_SERVERS=address,
                                LAUNCHWATCH_STATE__PATH=str(tmp_path / "state.db"),
                                LAUNCHWATCH_INGEST__USE_DEFAULT_CATALOGUE="false"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert address in lines[0] and "bootstrap_servers" in lines[0]


@pytest.mark.parametrize("args", [["run"], ["serve", "notify"]])
def test_without_a_broker_run_and_serve_wait_saying_so_once_per_attempt(tmp_path, args):
    address = f"127.0.0.1:{free_port()}"  # nothing listens there
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", *args, "--log-format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            env=env_without_launchwatch_vars(
                                LAUNCHWATCH_BUS__KIND="kafka", LAUNCHWATCH_BUS__BOOTSTRAP_SERVERS=address,
                                LAUNCHWATCH_BUS__CONNECT_RETRY_MAX_S="0.5",
                                LAUNCHWATCH_STATE__PATH=str(tmp_path / "state.db"),
                                LAUNCHWATCH_INGEST__USE_DEFAULT_CATALOGUE="false"))
    try:
        read_until(proc.stdout, "bus_unavailable")
        second = json.loads(read_until(proc.stdout, "bus_unavailable")[-1])
        assert second["attempt"] == 2 and address in second["message"] and second["level"] == "warning"
        proc.send_signal(signal.SIGTERM)
        rest = proc.stdout.read()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
    assert proc.stderr.read() == ""
    assert '"event": "stopped"' in rest and '"event": "started"' not in rest


def test_serve_web_read_only_needs_no_delivery_secret_and_with_replay_does(tmp_path):
    """A read-only web stage (no `[web] admin_token`) refused to start without the Slack
    webhook and SMTP password it never uses, and in compose restarted forever."""
    config = tmp_path / "launchwatch.toml"
    hook = '[[subscriptions]]\nname = "ops"\nchannel = "webhook"\nurl = "env:HOOK_URL_UNSET"\n'
    config.write_text(f'[state]\npath = "{tmp_path / "state.db"}"\n' + hook, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", "serve", "web", "--config", str(config),
                             "--log-format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=tmp_path, env=env_without_launchwatch_vars())
    with reaped(proc):
        read_until(proc.stdout, "started", timeout_s=60)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    # With replay on, the secrets are read, and a missing one is named.
    config.write_text(f'[state]\npath = "{tmp_path / "state.db"}"\n[web]\nadmin_token = "s3cret-token-1"\n' + hook,
                      encoding="utf-8")
    result = launchwatch("serve", "web", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("launchwatch: invalid configuration: subscriptions.0.url: environment variable "
                                     "HOOK_URL_UNSET is not set")


def test_a_closed_terminal_stops_run_cleanly(tmp_path):
    """SIGHUP (the terminal `launchwatch run &` was started from, closed) killed it at once:
    exit 129, no `stopped` line, and the resource tracker's warning of leaked semaphores on
    stderr. It is a clean stop, as SIGTERM is."""
    command = Path(sys.executable).with_name("launchwatch")
    # Started as from a terminal: hang-ups not ignored, whatever this test run ignores (`nohup`).
    proc = subprocess.Popen([str(command), "run", "--config", quiet_config(tmp_path), "--log-format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            env=env_without_launchwatch_vars(LAUNCHWATCH_HTTP__LISTEN="127.0.0.1:0"),
                            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))
    with reaped(proc):
        read_until(proc.stdout, "started", timeout_s=60)
        proc.send_signal(signal.SIGHUP)
        rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert '"event": "stopped"' in rest
    assert err == ""


@pytest.mark.parametrize("bus", ["kafka", "memory"])
def test_a_listen_address_already_taken_is_one_line_and_nothing_left_open(tmp_path, bus):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        listen = "127.0.0.1:%d" % taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "services.cli", "serve", "ingest"], capture_output=True,
                                text=True, timeout=60, cwd=tmp_path, env=env_without_launchwatch_vars(
                                    LAUNCHWATCH_HTTP__LISTEN=listen, LAUNCHWATCH_BUS__KIND=bus,
                                    LAUNCHWATCH_BUS__BOOTSTRAP_SERVERS=f"127.0.0.1:{free_port()}",
                                    LAUNCHWATCH_STATE__PATH=str(tmp_path / "state.db")))
    assert result.returncode == 1
    # No "Unclosed AIOKafkaProducer" after it: the bus that was built is closed too.
    assert result.stderr.strip().splitlines() == [result.stderr.strip()], result.stderr
    assert f"cannot listen on {listen}" in result.stderr
    # Where the address came from: the variable, which a shell's old `export` may have left.
    assert "([http] listen, set by LAUNCHWATCH_HTTP__LISTEN)" in result.stderr


@pytest.mark.parametrize("state_before", [False, True])
def test_a_run_that_cannot_listen_leaves_no_new_state_file_and_keeps_an_old_one(tmp_path, state_before):
    import socket

    state = tmp_path / "state.db"
    if state_before:  # an earlier run's state
        from services.runtime.db import check_state_file

        check_state_file(state)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        listen = "127.0.0.1:%d" % taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "services.cli", "run", "--log-format", "json"],
                                capture_output=True, text=True, timeout=60, cwd=tmp_path,
                                env=env_without_launchwatch_vars(LAUNCHWATCH_HTTP__LISTEN=listen,
                                                                 LAUNCHWATCH_STATE__PATH=str(state)))
    assert result.returncode == 1 and f"cannot listen on {listen}" in result.stderr
    assert "state_created" not in result.stdout  # nothing was started with it
    assert state.exists() is state_before
    if not state_before:
        assert list(tmp_path.iterdir()) == []  # nor its lock file


@pytest.mark.kafka
@pytest.mark.parametrize("command", [["serve", "events"], ["run"]])
def test_an_idempotent_producer_on_a_broker_without_one_is_a_configuration_error(tmp_path, kafka_broker,
                                                                                 topic_prefix, command):
    # tansu answers, but gives an idempotent producer no id: waiting for it would never end.
    result = subprocess.run([sys.executable, "-m", "services.cli", *command], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path, env=env_without_launchwatch_vars(
                                LAUNCHWATCH_BUS__KIND="kafka",
                                LAUNCHWATCH_BUS__BOOTSTRAP_SERVERS=kafka_broker.bootstrap_servers,
                                LAUNCHWATCH_BUS__TOPIC_PREFIX=topic_prefix,
                                LAUNCHWATCH_BUS__ENABLE_IDEMPOTENCE="true",
                                LAUNCHWATCH_STATE__PATH=str(tmp_path / "state.db")))
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()  # aiokafka's own error line kept off stderr
    assert line.startswith("launchwatch: bus.enable_idempotence:") and "enable_idempotence = false" in line
    if command == ["run"]:  # (a `serve` stage shares the file: another may have opened it meanwhile)
        assert list(tmp_path.iterdir()) == []  # the state file made for it, and its lock, not left behind


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
async def test_feeds_check_stops_at_once_on_a_signal_even_started_with_ctrl_c_ignored(tmp_path, signum):
    """A command started in the background of a script (`launchwatch feeds check &`) has
    SIGINT ignored; a hanging feed held the check for its whole fetch timeout (20 s)."""
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    hang, asked = asyncio.Event(), asyncio.Event()

    async def slow(request: web.Request) -> web.Response:
        asked.set()
        await hang.wait()
        return web.Response(text="")

    app = web.Application()
    app.router.add_get("/slow", slow)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    base = str(server.make_url("")).rstrip("/")
    try:
        config = tmp_path / "c.toml"
        config.write_text(f'[ingest]\nuse_default_catalogue = false\nallow_private_networks = true\n'
                          f'[[feeds]]\nurl = "{base}/slow"\nname = "slow"\n', encoding="utf-8")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "services.cli", "feeds", "check", "--config", str(config),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env_without_launchwatch_vars(),
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
        await asyncio.wait_for(asked.wait(), 30)  # fetching, well inside the 20 s fetch timeout
        process.send_signal(signum)
        sent = time.monotonic()
        out, err = await asyncio.wait_for(process.communicate(), 15)
        took_s = time.monotonic() - sent
    finally:
        hang.set()
        await server.close()
    assert process.returncode == 128 + signum and took_s < 5, (process.returncode, took_s)
    assert err.decode().strip() == f"launchwatch: feeds check stopped by {signum.name}: no table"
    assert b"Traceback" not in out + err


@pytest.mark.parametrize(("command", "said"), [
    (["feeds", "check"], "no table"),
    # `dlq` stopped said nothing: had the replay happened?
    (["dlq", "list"], "no list"), (["dlq", "replay"], "`launchwatch dlq list` shows the letters still dead")])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_one_off_command_stopped_while_it_starts_says_so_in_its_one_line(tmp_path, signum, command, said):
    """A signal before the check has taken the signals over (its modules still loading)
    ends it as one that comes during the fetches: 130 or 143, and the one line."""
    config = tmp_path / "c.toml"
    config.write_text('[ingest]\nuse_default_catalogue = false\n', encoding="utf-8")
    # The console script's entry point, with the signal sent as the command's module is
    # looked for: while it starts, at a moment of its own, not after a sleep.
    script = f"""
import importlib.abc, os, sys
class SignalOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "services.cli":
            os.kill(os.getpid(), {int(signum)})
        return None
sys.meta_path.insert(0, SignalOnImport())
import services.entry
sys.argv = ["launchwatch", *{command!r}, "--config", {str(config)!r}]
sys.exit(services.entry.main())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env=env_without_launchwatch_vars())
    assert result.returncode == 128 + signum, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"launchwatch: {' '.join(command)} stopped by {signum.name}: {said}")


def test_serve_on_the_in_memory_bus_warns_that_its_messages_reach_no_other_process(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", "serve", "web", "--config", quiet_config(tmp_path),
                             "--log-format", "json"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            cwd=tmp_path, env=env_without_launchwatch_vars())
    try:
        lines = [json.loads(line) for line in read_until(proc.stdout, "started") if line.startswith("{")]
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    warned = [line for line in lines if line["event"] == "serve_memory_bus"]
    assert len(warned) == 1 and warned[0]["level"] == "warning" and 'kind = "kafka"' in warned[0]["message"]
    # The web stage reads the state file (a kept day's, say): the warning says what it shows.
    assert "it shows what its state file holds" in warned[0]["message"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_to_classify_waiting_for_input_stops_it_at_once(tmp_path, sig):
    """Ctrl-C while `classify` waits for its next line of stdin, its answer to the line before
    already out (each answer is written at once when items come on stdin): exit 130 (143),
    at once and without a traceback."""
    command = Path(sys.executable).with_name("launchwatch")
    proc = subprocess.Popen([str(command), "classify"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env_without_launchwatch_vars())
    with reaped(proc):
        proc.stdin.write('{"id": "a1", "title": "North Korea fires a ballistic missile"}\n')
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["is_launch"] is True  # reading its input
        proc.send_signal(sig)
        assert proc.wait(timeout=15) == 128 + sig
    err = proc.stderr.read()
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err


def test_classify_stopped_says_its_output_file_holds_only_the_first_answers(tmp_path):
    """An --output file cut short by Ctrl-C looked like the whole answer: one line says it is not."""
    command = Path(sys.executable).with_name("launchwatch")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([str(command), "classify", "--output", str(out)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            env=env_without_launchwatch_vars())
    with reaped(proc):
        for n in range(2):
            proc.stdin.write(f'{{"id": "a{n}", "title": "North Korea fires a ballistic missile"}}\n')
        proc.stdin.flush()
        # Items coming through a pipe, each answer is in the file as soon as it is made.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or out.read_text(encoding="utf-8").count("\n") < 2):
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 130
    err = proc.stderr.read()
    assert err.strip() == f"launchwatch: classify stopped: --output {out} holds the first 2 answers only", err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_to_the_process_group_while_run_starts_is_a_clean_stop(tmp_path, sig):
    """Ctrl-C (or `timeout`, `kill -- -PGID`) while the command is still importing its modules
    or starting its workers' fork server: exit 0 and no traceback, from the command or from
    the fork server. Before, a Ctrl-C there printed a KeyboardInterrupt traceback (exit 130)
    and a SIGTERM killed it silently (143)."""
    command = Path(sys.executable).with_name("launchwatch")  # the console script a user runs
    config = quiet_config(tmp_path)
    ours = 0
    for delay_s in (0.1, 0.2, 0.3, 0.6, 1.0, 1.5):
        proc = subprocess.Popen([str(command), "run", "--config", config, "--log-format", "json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                                env=env_without_launchwatch_vars(), start_new_session=True)
        try:
            time.sleep(delay_s)
            os.killpg(proc.pid, sig)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if "init_import_site" in err:
            continue  # the interpreter's own start, before any code of the command: no one's to handle
        ours += 1
        assert proc.returncode == 0, (delay_s, proc.returncode, err)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (delay_s, err)
    assert ours >= 4


def test_a_listing_piped_to_a_reader_that_stops_early_ends_without_a_traceback(tmp_path):
    # `launchwatch dlq list | true`: the reader is gone before the table is printed.
    reader = subprocess.Popen(["true"], stdin=subprocess.PIPE)
    reader.wait()
    result = subprocess.run([sys.executable, "-m", "services.cli", "dlq", "list"], stdout=reader.stdin,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env_without_launchwatch_vars(),
                            timeout=60)
    reader.stdin.close()
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
    assert result.returncode == 1


def test_a_replay_while_run_holds_the_state_says_to_stop_run_first(tmp_path):
    import sqlite3

    from services.runtime.statelock import StateLock

    state = tmp_path / "state.db"
    sqlite3.connect(state).close()
    config = tmp_path / "launchwatch.toml"
    config.write_text(f'[state]\npath = "{state}"\n[[subscriptions]]\nname = "console"\nchannel = "console"\n',
                      encoding="utf-8")
    with StateLock(state).acquire():  # as a running `launchwatch run` holds it
        result = launchwatch("dlq", "replay", "--subscription", "console", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 1
    assert "is in use by another launchwatch process" in result.stderr and "stop it first" in result.stderr
    assert "its own [state] path" not in result.stderr


def test_a_websub_address_in_use_stops_run_in_one_line(tmp_path):
    """As for `[http] listen`: the setting named, exit 1, no traceback (it printed one, in
    the log line and on stderr)."""
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    config = tmp_path / "launchwatch.toml"
    config.write_text(f'[state]\npath = "{tmp_path / "state.db"}"\n[ingest]\nuse_default_catalogue = false\n'
                      f'[http]\nlisten = "127.0.0.1:0"\n[websub]\npublic_url = "https://ingest.example.org"\n'
                      f'listen = "127.0.0.1:{port}"\n', encoding="utf-8")
    try:
        result = launchwatch("run", "--config", str(config), "--log-format", "json", cwd=tmp_path)
    finally:
        taken.close()
    assert result.returncode == 1
    assert result.stderr.strip() == (f"launchwatch: cannot listen on 127.0.0.1:{port} ([websub] listen): error while "
                                     f"attempting to bind on address ('127.0.0.1', {port}): address already in use")
    [failed] = [json.loads(line) for line in result.stdout.splitlines() if '"stage_failed"' in line]
    assert failed["error"] == "ListenFailed" and "exception" not in failed


async def test_a_demo_whose_stages_start_after_the_morning_was_served_still_tells_it(tmp_path, monkeypatch, capsys):
    """On a busy machine at a high speed the stages started after the demo's end had come:
    it stopped having polled nothing, no alert, exit 0. The end counts from the start of the
    stages when they start late, so every item is polled and told."""
    from services.config import load_settings
    from services.demo import runner

    real_run = runner.run

    async def late_run(*args, **kwargs):
        await asyncio.sleep(runner.stop_at_s(2.6))  # longer than the whole morning at 1000x
        await real_run(*args, **kwargs)

    monkeypatch.setattr(runner, "run", late_run)
    settings = load_settings(None, environ={"LAUNCHWATCH_STATE__PATH": str(tmp_path / "unused.db")})
    assert await runner.run_demo(settings, speed=1000) == 0
    captured = capsys.readouterr()
    assert "ALERT: North Korea" in captured.out + captured.err, captured.out[-3000:]
