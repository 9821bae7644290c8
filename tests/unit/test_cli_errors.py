"""Mistakes at the command line end in one clear line on stderr and an exit status (2 for
usage and configuration, 1 for a failure), never a traceback."""

from __future__ import annotations

import io
import logging
import os

import pytest
import structlog

from services.cli import main
from tests.loopback import free_port


@pytest.fixture(autouse=True)
def logging_as_it_was():
    """main() sets up logging on this test's captured stdout; later tests must not write to it."""
    saved = structlog.get_config()
    handlers = list(logging.getLogger().handlers)
    yield
    structlog.configure(**saved)
    logging.getLogger().handlers[:] = handlers


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_classify_input_that_does_not_exist(capsys):
    assert main(["classify", "--input", "/no/such/file"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "/no/such/file" in line and "No such file" in line


def test_classify_output_that_is_a_directory(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "1", "title": "x"}\n', encoding="utf-8")
    assert main(["classify", "--input", str(source), "--output", str(tmp_path)]) == 2
    line = one_line(capsys.readouterr().err)
    assert str(tmp_path) in line and "directory" in line


def test_classify_refuses_to_write_over_the_file_it_reads(tmp_path, capsys, monkeypatch):
    """`--output` the input file (by its name, a link to it, or with the input from `<`)
    would empty it before a line was read: refused, the file as it was."""
    source = tmp_path / "items.jsonl"
    text = '{"id": "1", "title": "North Korea fires a ballistic missile"}\n'
    source.write_text(text, encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(source)
    for output in (str(source), str(tmp_path / "link.jsonl")):
        assert main(["classify", "--input", str(source), "--output", output]) == 2
        assert one_line(capsys.readouterr().err) == (
            f"launchwatch: --output {output} is the file read as input: name another file")
    with open(source, "rb") as redirected:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(redirected))
        assert main(["classify", "--output", str(source)]) == 2
    assert "is the file read as input" in one_line(capsys.readouterr().err)
    assert source.read_text(encoding="utf-8") == text
    # Another file is written as before.
    assert main(["classify", "--input", str(source), "--output", str(tmp_path / "out.jsonl")]) == 0
    assert '"is_launch": true' in (tmp_path / "out.jsonl").read_text(encoding="utf-8")


def test_classify_names_the_column_where_a_line_breaks(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "1", "title": "x"\n'))
    assert main(["classify"]) == 1
    # The 24-character line lacks its closing brace: the parser stops just past its end, at
    # column 25 of line 1, not at column 1 of a line after it.
    assert one_line(capsys.readouterr().err) == "line 1: not valid JSON (Expecting ',' delimiter at column 25)"


def test_classify_says_where_a_string_left_open_starts(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "1", "title": "x\n'))
    assert main(["classify"]) == 1
    assert one_line(capsys.readouterr().err) == "line 1: not valid JSON (Unterminated string starting at column 22)"


def test_run_with_a_directory_as_config(tmp_path, capsys):
    assert main(["run", "--config", str(tmp_path)]) == 2
    line = one_line(capsys.readouterr().err)
    assert str(tmp_path) in line and "directory" in line


@pytest.mark.parametrize("speed", ["0", "-5", "nan", "fast", "inf", "100000"])
def test_demo_speed_must_be_a_positive_number(speed, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "--speed", speed])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "--speed" in err.splitlines()[-1]
    if speed == "inf":
        assert "must be a finite number above 0" in err
    if speed == "100000":  # the morning over before the pipeline starts: nothing shown, exit 0
        assert "at most 1000, got 100000" in err


@pytest.mark.parametrize("argv", [["--config", "x.toml", "run"], ["--config=x.toml", "run"],
                                  ["--log-format", "json", "run"]])
def test_an_option_before_the_command_is_told_to_go_after_it(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    option = argv[0].split("=")[0]
    assert f"{option} goes after the command: launchwatch COMMAND {option}" in capsys.readouterr().err


@pytest.mark.parametrize(("command", "choices"), [("feeds", "{check}"), ("dlq", "{list,replay}")])
def test_a_missing_action_is_named_as_the_help_names_it(command, choices, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command])
    assert exit_.value.code == 2
    assert f"the following arguments are required: {choices} (usage: " in capsys.readouterr().err


def test_feeds_check_needs_only_the_sources_and_takes_log_format(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SLACK_WEBHOOK_URL", raising=False)
    config = tmp_path / "launchwatch.toml"
    config.write_text(
        f'[ingest]\nallow_private_networks = true\n\n[[feeds]]\nname = "Here"\n'
        f'url = "http://127.0.0.1:{free_port()}/feed.xml"\n\n'
        '[[subscriptions]]\nname = "ops-slack"\nchannel = "slack"\nurl = "env:SLACK_WEBHOOK_URL"\n',
        encoding="utf-8")
    assert main(["feeds", "check", "--config", str(config), "--log-format", "json"]) == 1  # nothing listens there
    assert "0 of 1 sources answered" in capsys.readouterr().out


def test_feeds_check_with_no_source_says_so_instead_of_an_empty_table(tmp_path, capsys):
    config = tmp_path / "launchwatch.toml"
    config.write_text('[ingest]\nuse_default_catalogue = false\n', encoding="utf-8")
    assert main(["feeds", "check", "--config", str(config)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert one_line(captured.err).startswith("launchwatch: feeds check: no source to check: ")


def test_feeds_check_still_names_an_unknown_key(tmp_path, capsys):
    config = tmp_path / "launchwatch.toml"
    config.write_text('[ingest]\nuse_default_catalogue = false\ninterval = 5\n', encoding="utf-8")
    assert main(["feeds", "check", "--config", str(config)]) == 2
    assert "ingest.interval: unknown config key" in one_line(capsys.readouterr().err)


def test_classify_takes_log_format(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["classify", "--log-format", "json"]) == 0


def test_dlq_list_creates_no_state_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("LAUNCHWATCH_")]:
        monkeypatch.delenv(name)
    assert main(["dlq", "list"]) == 0
    captured = capsys.readouterr()
    assert "(no dead letters)" in captured.out
    assert "no state file" in one_line(captured.err)
    assert list(tmp_path.iterdir()) == []


def test_classify_help_shows_what_a_line_holds_in_and_out(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["classify", "--help"])
    assert exit_.value.code == 0
    help_text = capsys.readouterr().out
    for key in ('"id"', '"title"', '"summary"', '"is_launch"', '"confidence"', "source_agency", "launched_at"):
        assert key in help_text


@pytest.mark.parametrize(("command", "choices"), [
    (["serve"], ("ingest:", "classify:", "events:", "notify:", "web:")),
    (["dlq"], ("list:", "replay:")),
    (["feeds"], ("check:",)),
])
def test_help_says_what_each_choice_does(command, choices, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    for choice in choices:
        assert choice in help_text, choice


def test_version_is_told(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("launchwatch ")


def test_classify_reads_a_file_an_editor_began_with_a_byte_order_mark(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'\xef\xbb\xbf{"id": "1", "title": "North Korea fires ballistic missile into sea"}\n')
    assert main(["classify", "--input", str(source)]) == 0
    assert '"is_launch": true' in capsys.readouterr().out


def test_dlq_replay_to_a_subscription_the_configuration_lacks(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("LAUNCHWATCH_")]:
        monkeypatch.delenv(name)
    assert main(["dlq", "replay", "--subscription", "nope"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "'nope'" in line and "configured: console" in line
    assert list(tmp_path.iterdir()) == []


def test_dlq_list_of_a_subscription_nobody_has(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("LAUNCHWATCH_")]:
        monkeypatch.delenv(name)
    assert main(["dlq", "list", "--subscription", "nope"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "no state file" in err  # a fresh directory: said as for any listing
    line = err.strip().splitlines()[-1]
    assert line.startswith("launchwatch: --subscription 'nope': no such subscription")
    assert "configured: console" in line


def test_dlq_list_needs_no_subscription_secret_and_replay_does(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("LAUNCHWATCH_") or n == "HOOK_SECRET"]:
        monkeypatch.delenv(name)
    config = tmp_path / "launchwatch.toml"
    config.write_text('[[subscriptions]]\nname = "ops-hook"\nchannel = "webhook"\nurl = "https://hooks.example.org/in"\n'
                      'secret = "env:HOOK_SECRET"\n')
    assert main(["dlq", "list", "--config", str(config)]) == 0
    assert "(no dead letters)" in capsys.readouterr().out
    # Its own subscription named, with no dead letters: an empty table, not a usage error.
    assert main(["dlq", "list", "--subscription", "ops-hook", "--config", str(config)]) == 0
    assert "(no dead letters of subscription 'ops-hook')" in capsys.readouterr().out
    # An event with none says which event it looked for.
    assert main(["dlq", "list", "--event", "evt_nosuch", "--config", str(config)]) == 0
    assert "(no dead letters of event 'evt_nosuch')" in capsys.readouterr().out
    assert main(["dlq", "list", "--subscription", "ops-hok", "--config", str(config)]) == 2
    assert "configured: ops-hook)" in capsys.readouterr().err
    assert main(["dlq", "replay", "--config", str(config)]) == 2
    assert "environment variable HOOK_SECRET is not set" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("stage", ["ingest", "classify", "events"])
def test_a_stage_that_sends_nothing_starts_without_the_subscriptions_secrets(stage, tmp_path, monkeypatch):
    from services.cli import _parser, _start_up
    from services.runtime.errors import ConfigError

    monkeypatch.delenv("HOOK_SECRET", raising=False)
    config = tmp_path / "launchwatch.toml"
    config.write_text('[[subscriptions]]\nname = "ops-hook"\nchannel = "webhook"\nurl = "https://hooks.example.org/in"\n'
                      'secret = "env:HOOK_SECRET"\n')
    settings = _start_up(_parser().parse_args(["serve", stage, "--config", str(config)]))
    assert settings.state.path  # read, with the sections the stage uses
    with pytest.raises(ConfigError, match="HOOK_SECRET is not set"):
        _start_up(_parser().parse_args(["serve", "notify", "--config", str(config)]))


@pytest.mark.parametrize(("smtp", "said"), [
    ('starttls = true\nca_file = "{missing}"', "no such file"),
    ('use_tls = true\nca_file = "{not_pem}"', "not a CA bundle in PEM"),
    ('ca_file = "{not_pem}"', "neither starttls nor use_tls is on"),
])
@pytest.mark.parametrize("command", [["run"], ["serve", "notify"], ["demo"], ["dlq", "replay"]])
def test_an_smtp_ca_file_that_cannot_serve_stops_start_up_in_one_line(smtp, said, command, tmp_path, capsys):
    not_pem = tmp_path / "hostname"
    not_pem.write_text("launchwatch-host\n")
    config = tmp_path / "c.toml"
    config.write_text("[smtp]\n" + smtp.format(missing=tmp_path / "ca.pem", not_pem=not_pem) + "\n")
    assert main([*command, "--config", str(config)]) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith("launchwatch: invalid configuration: smtp.ca_file: ") and said in line, line


def test_a_config_file_an_editor_began_with_a_byte_order_mark_is_read(tmp_path, capsys):
    config = tmp_path / "bom.toml"
    config.write_bytes("\ufeff[smtp]\nport = 99999\n".encode())
    assert main(["run", "--config", str(config)]) == 2  # read: its own mistake is named
    assert one_line(capsys.readouterr().err) == ("launchwatch: invalid configuration: smtp.port: Input should be "
                                                 "less than or equal to 65535")


def test_an_empty_config_file_name_is_said_so(capsys):
    assert main(["run", "--config", ""]) == 2
    assert one_line(capsys.readouterr().err) == "launchwatch: config file: the name given is empty: name a TOML file"


@pytest.mark.parametrize(("argv", "usage", "unknown"), [
    (["run", "--confg", "x.toml"], "launchwatch run ", "--confg x.toml"),
    (["serve", "web", "extra"], "launchwatch serve ", "extra"),
    (["dlq", "list", "--bogus"], "launchwatch dlq ", "--bogus")])
def test_an_unknown_argument_after_a_command_shows_that_commands_usage(argv, usage, unknown, capsys):
    """One line, as every error: what is wrong, then the command's own usage."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{usage.strip()}: error: unrecognized arguments: {unknown} (usage: {usage}[-h] ")


@pytest.mark.parametrize("argv", [["dlq"], ["feeds"], ["serve", "bogus"], ["run", "--log-format", "xml"], []])
def test_every_usage_error_is_one_line(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert ": error: " in line and "(usage: launchwatch" in line


def _jsonl(tmp_path):
    items = tmp_path / "in.jsonl"
    items.write_text('{"id": "a", "title": "North Korea fires a ballistic missile"}\n', encoding="utf-8")
    return str(items)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_an_answer_that_cannot_be_written_is_one_line_naming_where(tmp_path, capsys):
    assert main(["classify", "--input", _jsonl(tmp_path), "--output", "/dev/full"]) == 1
    assert one_line(capsys.readouterr().err) == "launchwatch: cannot write --output /dev/full: No space left on device"


def test_a_closed_stdin_or_stdout_is_said_so(tmp_path, capsys, monkeypatch):
    # (`launchwatch classify <&-`, `launchwatch classify --input f >&-`: a TypeError before.)
    monkeypatch.setattr("sys.stdin", None)
    assert main(["classify"]) == 2
    assert one_line(capsys.readouterr().err) == "launchwatch: stdin is closed: give --input FILE"
    monkeypatch.setattr("sys.stdout", None)
    assert main(["classify", "--input", _jsonl(tmp_path)]) == 2
    assert one_line(capsys.readouterr().err) == "launchwatch: stdout is closed: give --output FILE"


def test_a_log_that_cannot_be_written_goes_on_to_stderr_saying_why(capsys):
    from services.runtime.logs import LineWriter

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    writer = LineWriter(Full())
    writer.msg('{"event": "started"}')
    writer.msg('{"event": "stopped"}')
    assert capsys.readouterr().err.splitlines() == [
        "launchwatch: cannot write the log to its stream (No space left on device): logging to stderr",
        '{"event": "started"}', '{"event": "stopped"}']


@pytest.mark.parametrize(("flag", "said"), [("--input", "stdin"), ("--output", "stdout")])
def test_an_empty_file_name_is_said_so(flag, said, capsys):
    assert main(["classify", f"{flag}="]) == 2
    assert one_line(capsys.readouterr().err) == f"launchwatch: {flag}: the name given is empty: name a file, or - for {said}"


def test_a_state_file_with_launchwatchs_table_names_but_not_its_columns_is_one_line(tmp_path, capsys):
    import sqlite3

    state = tmp_path / "other.db"
    conn = sqlite3.connect(state)
    conn.execute("CREATE TABLE notify_ledger (x)")
    conn.commit()
    conn.close()
    config = tmp_path / "c.toml"
    config.write_text(f'[state]\npath = "{state}"\n', encoding="utf-8")
    assert main(["dlq", "list", "--config", str(config)]) == 2
    assert one_line(capsys.readouterr().err).startswith("launchwatch: the state file cannot be used: no such column")


def test_a_state_database_failing_while_it_runs_is_a_failure_not_a_file_to_mend(tmp_path, capsys, monkeypatch):
    import sqlite3

    import services.cli as cli

    def full(args):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cli, "_command", full)
    assert main(["dlq", "list"]) == 1
    assert one_line(capsys.readouterr().err) == "launchwatch: the state file cannot be used: database or disk is full"


def test_dlq_with_stdout_closed_asks_for_no_flag_it_does_not_have(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout", None)
    assert main(["dlq", "list"]) == 2
    assert one_line(capsys.readouterr().err) == "launchwatch: stdout is closed"


def test_serve_web_with_the_pages_turned_off_is_refused(tmp_path, capsys, monkeypatch):
    """It started and served /healthz alone, saying nothing of why every page was a 404."""
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "launchwatch.toml"
    config.write_text('[web]\nenabled = false\n', encoding="utf-8")
    assert main(["serve", "web", "--config", str(config)]) == 2
    assert one_line(capsys.readouterr().err) == ("launchwatch: [web] enabled = false: serve web would serve no page; "
                                                 "set it to true, or serve another stage")


def test_a_failure_whose_cause_speaks_in_several_lines_is_still_one(monkeypatch, capsys):
    """PostgreSQL's "server closed the connection unexpectedly\n\tThis probably means ..."."""
    import services.cli as cli
    from services.runtime.errors import StateError

    def lost(args):  # type: ignore[no-untyped-def]
        raise StateError("state database error: server closed the connection unexpectedly\n\tThis probably "
                         "means the server terminated abnormally")

    monkeypatch.setattr(cli, "_command", lost)
    assert main(["dlq", "list"]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.endswith("unexpectedly This probably means the server terminated abnormally")


def test_a_one_off_commands_failed_statement_on_the_shared_state_is_one_line(monkeypatch, capsys):
    import services.cli as cli
    from services.runtime.postgres import PostgresError

    def lost(args):  # type: ignore[no-untyped-def]
        raise PostgresError("OperationalError: server closed the connection unexpectedly\n\tThis probably means")

    monkeypatch.setattr(cli, "_command", lost)
    assert main(["dlq", "list"]) == 1
    assert "state database failed: OperationalError: server closed" in one_line(capsys.readouterr().err)
