"""Configuration values that used to be accepted and broke things later are errors at
start-up naming the key; env:/file: references are read only in secret fields, and every
secret is redacted from the logs."""

from __future__ import annotations

import io
import json

import pytest

from services.config import load_settings, secret_values
from services.runtime.errors import ConfigError
from services.runtime.lifecycle import describe_state, open_state
from services.runtime.postgres import StateUnavailable
from services.runtime.logs import configure_logging, get_logger

FEED = '[[feeds]]\nurl = "https://example.org/feed.xml"\nname = "Example"\n'
CONSOLE = '[[subscriptions]]\nname = "ops"\nchannel = "console"\n'


def load(tmp_path, text: str, environ: dict[str, str] | None = None):
    path = tmp_path / "launchwatch.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, environ=environ or {})


@pytest.mark.parametrize(("text", "named"), [
    (CONSOLE + CONSOLE, "subscriptions.1.name: 'ops' repeats subscriptions.0.name"),
    (FEED + FEED.replace('"Example"', '"Other"'), "feeds.1.url: 'https://example.org/feed.xml' repeats feeds.0.url"),
    (FEED + '[[pages]]\nurl = "https://example.org/feed.xml"\nname = "Page"\nselector = "a"\n',
     "pages.0.url: 'https://example.org/feed.xml' repeats feeds.0.url"),
    (FEED + FEED.replace("feed.xml", "other.xml"), "feeds.1.name: 'Example' repeats feeds.0.name"),
    (FEED + 'timezone = "Mars/Olympus"\n', "feeds.0.timezone: 'Mars/Olympus' is not an IANA time zone"),
    ('[smtp]\nport = 99999\n', "smtp.port: Input should be less than or equal to 65535"),
    ('[smtp]\nport = 0\n', "smtp.port: Input should be greater than or equal to 1"),
    ('[[feeds]]\nurl = "http://"\nname = "x"\n', "feeds.0.url: must be an http:// or https:// URL with a host"),
    ('[[feeds]]\nurl = "https://example.org:99999/feed"\nname = "x"\n', "feeds.0.url: must be an http:// or https://"),
    ('[websub]\npublic_url = "https:///cb"\n', "websub.public_url: must be an http:// or https:// URL with a host"),
    ('[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "https://"\n',
     "subscription 'hook': url must be an http:// or https:// URL with a host"),
    ('[ingest]\nmin_interval_s = 600\nmax_interval_s = 60\n',
     "ingest.min_interval_s (600) is above ingest.max_interval_s (60)"),
    ('[notify]\nbackoff_base_s = 900\nbackoff_max_s = 300\n',
     "notify.backoff_base_s (900) is above notify.backoff_max_s (300)"),
    ('[smtp]\nsender = "alerts@example.org\\r\\nBcc: everyone@example.org"\n',
     "smtp.sender: must be one line of text, without control characters (found '\\r')"),
    ('[smtp]\nsender = "alerts"\n', "smtp.sender: 'alerts' is not an e-mail address"),
    ('[[subscriptions]]\nname = "ops\\nX-Injected: 1"\nchannel = "console"\n', "subscriptions.0.name: must be one line"),
    ('[[feeds]]\nurl = "https://example.org/f"\nname = "a\\rb"\n', "feeds.0.name: must be one line"),
    ('[ingest]\nuser_agent = "lw\\r\\nX: y"\n', "ingest.user_agent: must be one line"),
    ('[ingest]\nallow_private_networks = "no"\n', "ingest.allow_private_networks: Input should be a valid boolean"),
    ('[smtp]\nstarttls = "yes"\n', "smtp.starttls: Input should be a valid boolean"),
    ('[bus]\njournal = 0\n', "bus.journal: Input should be a valid boolean"),
    (FEED.replace('"Example"', '"env:HOME"'), "feeds.0.name: env: and file: references are read only in secret fields"),
    ('[state]\npath = "file:/etc/hostname"\n', "state.path: env: and file: references are read only in secret fields"),
    # A section's key written before any section header: the section is named.
    ('kind = "memory"\n', 'kind: unknown config key; it is a key of [bus]: write it under [bus]'),
    ('listen = "127.0.0.1:8080"\n', "listen: unknown config key; it is a key of [http] and [websub]: write it under one of them"),
    # A file URL is no reference: the field says what it takes.
    ('[[feeds]]\nurl = "file:///etc/passwd"\n', "feeds.0.url: must be an http:// or https:// URL with a host"),
    # ... but in a field that takes no URL, it is a reference, and refused as one.
    ('[state]\npath = "file:///tmp/x.db"\n', "state.path: env: and file: references are read only in secret fields"),
    (CONSOLE + 'actors = ["North Korea", "Narnia"]\n',
     "subscriptions.0.actors: 'Narnia' is neither an ISO 3166-1 alpha-3 code nor a known state or group"),
    (CONSOLE + 'languages = ["english"]\n', "subscriptions.0.languages.0: 'english' is not a language tag"),
    ('[subscriptions]\nname = "ops"\nchannel = "console"\n',
     "subscriptions: a list of tables: write [[subscriptions]] before each entry, not [subscriptions]"),
    ('[http]\nlisten = "127.0.0.1:99999"\n', "http.listen: port 99999 is above 65535"),
    ('[websub]\nlisten = "0.0.0.0:99999"\n', "websub.listen: port 99999 is above 65535"),
    ('[http]\nlisten = "127.0.0.1:8091"\n[websub]\npublic_url = "https://lw.example.org"\nlisten = "0.0.0.0:8091"\n',
     "websub.listen (0.0.0.0:8091) and http.listen (127.0.0.1:8091) take the same port: give each a port of its own"),
    ('[http]\nlisten = "localhost:8091"\n[websub]\npublic_url = "https://lw.example.org"\nlisten = "127.0.0.1:8091"\n',
     "websub.listen (127.0.0.1:8091) and http.listen (localhost:8091) take the same port"),
    ('[http]\nlisten = "http://127.0.0.1:8085"\n',
     "http.listen: must be host:port without a scheme, e.g. 127.0.0.1:8080"),
    ('[http]\nlisten = "999.1.1.1:80"\n', "http.listen: '999.1.1.1' is no host name or IP address"),
    ('[bus]\nbootstrap_servers = "kafka 1:9092"\n',
     "bus.bootstrap_servers: 'kafka 1:9092': 'kafka 1' is no host name or IP address"),
    ('[state]\npath = ""\n', "state.path: String should have at least 1 character"),
    ('[bus]\nbootstrap_servers = "localhost:notaport"\n',
     "bus.bootstrap_servers: 'localhost:notaport': must be host:port, e.g. 127.0.0.1:9092"),
    ('[bus]\nbootstrap_servers = "a:9092,,b:9092"\n', "bus.bootstrap_servers: '': must be host:port"),
    ('[bus]\nbootstrap_servers = "broker"\n', "bus.bootstrap_servers: 'broker': must be host:port"),
    ('[bus]\nheartbeat_interval_ms = 10000\n',
     "bus.heartbeat_interval_ms (10000) must be at most a third of bus.session_timeout_ms (6000)"),
    ('[bus.group_names]\nfoo = "x"\n', "bus.group_names.foo"),
    (FEED + 'kind = "blog"\n', "feeds.0.kind: Input should be 'agency', 'wire', 'news' or 'aggregator'"),
    (FEED + 'country = "ZZZ"\n', "feeds.0.country: 'ZZZ' is not an ISO 3166-1 alpha-2 country code"),
    (FEED + 'lang = "klingon!!"\n', "feeds.0.lang: 'klingon!!' is not a language tag"),
])
def test_bad_values_stop_start_up_naming_the_key(tmp_path, text, named):
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text, environ={"HOME": "/root"})
    assert named in str(caught.value)


def test_a_non_boolean_environment_override_is_an_error():
    with pytest.raises(ConfigError, match="ingest.allow_private_networks: Input should be a valid boolean"):
        load_settings(None, environ={"LAUNCHWATCH_INGEST__ALLOW_PRIVATE_NETWORKS": "no"})
    assert load_settings(None, environ={"LAUNCHWATCH_INGEST__ALLOW_PRIVATE_NETWORKS": "true"}) \
        .ingest.allow_private_networks is True


def test_secrets_are_read_in_secret_fields_and_redacted_from_every_log_line(tmp_path):
    settings = load(tmp_path, '[smtp]\npassword = "env:SMTP_PW"\n'
                    '[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "env:HOOK_URL"\nsecret = "env:HOOK_SECRET"\n'
                    '[[subscriptions]]\nname = "bot"\nchannel = "slack"\ntoken = "env:BOT"\nslack_channel = "C1"\n',
                    environ={"SMTP_PW": "pw-123456", "HOOK_URL": "https://hooks.example.org/T0/abcdef",
                             "HOOK_SECRET": "sign-abcdef", "BOT": "xoxb-123456"})
    secrets = ["pw-123456", "https://hooks.example.org/T0/abcdef", "sign-abcdef", "xoxb-123456"]
    assert sorted(secret_values(settings)) == sorted(secrets)
    stream = io.StringIO()
    configure_logging(fmt="json", secrets=secret_values(settings), stream=stream)
    get_logger().warning("delivery_failed", message=f"POST {secrets[1]} failed", detail=" ".join(secrets))
    line = json.loads(stream.getvalue())
    assert not any(secret in stream.getvalue() for secret in secrets)
    assert line["message"] == "POST [redacted] failed"


def test_a_database_password_the_configuration_names_openly_is_not_redacted_from_every_line(tmp_path):
    """`postgresql://launchwatch:launchwatch@...` (a weak password, the user's name and the
    topics' word): redacting it turned every topic and lock name into "[redacted].notify"
    and told the password to whoever read the logs. A password named nowhere else is still
    redacted."""
    settings = load(tmp_path, CONSOLE + '[bus]\nkind = "kafka"\n[state]\nurl = "env:DB"\n',
                    environ={"DB": "postgresql://launchwatch:launchwatch@db.internal/launchwatch"})
    assert secret_values(settings) == []
    stream = io.StringIO()
    configure_logging(fmt="json", secrets=secret_values(settings), stream=stream)
    get_logger().info("started", topic="launchwatch.notify")
    assert json.loads(stream.getvalue())["topic"] == "launchwatch.notify"
    settings = load(tmp_path, CONSOLE + '[bus]\nkind = "kafka"\n[state]\nurl = "env:DB"\n',
                    environ={"DB": "postgresql://launchwatch:Tr0ub4dor-3@db.internal/launchwatch"})
    assert secret_values(settings) == ["Tr0ub4dor-3"]
    # Any other secret is redacted whatever plain text holds it too (a feed's name here).
    settings = load(tmp_path, CONSOLE.replace('"ops"', '"ops-Sup3rS3cret"') + '[smtp]\npassword = "env:PW"\n',
                    environ={"PW": "Sup3rS3cret"})
    assert secret_values(settings) == ["Sup3rS3cret"]


def test_a_subscriptions_actors_are_read_by_name_or_code(tmp_path):
    settings = load(tmp_path, CONSOLE + 'actors = ["North Korea", "houthis", "BRA"]\n')
    assert settings.subscriptions[0].actors == ["PRK", "Houthis", "BRA"]


def test_a_log_level_may_be_written_in_capitals(tmp_path):
    assert load(tmp_path, "", environ={"LAUNCHWATCH_LOG__LEVEL": "DEBUG"}).log.level == "debug"


def test_an_error_names_the_variable_that_set_the_value(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, "", environ={"LAUNCHWATCH_BUS__KIND": "rabbit"})
    assert str(caught.value).startswith("invalid configuration: bus.kind: ")
    assert str(caught.value).endswith("(set by LAUNCHWATCH_BUS__KIND)")


def test_every_unset_variable_is_named_at_once(tmp_path):
    hook = '[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "env:HOOK_URL"\nsecret = "env:HOOK_SECRET"\n'
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, hook)
    assert str(caught.value) == ("invalid configuration: subscriptions.0.url: environment variable HOOK_URL is not set; "
                                 "subscriptions.0.secret: environment variable HOOK_SECRET is not set")
    # The other bad values come in the same line: not one round of fixes per run.
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, '[bus]\npartitions = "six"\n' + hook)
    assert str(caught.value) == ("invalid configuration: subscriptions.0.url: environment variable HOOK_URL is not set; "
                                 "subscriptions.0.secret: environment variable HOOK_SECRET is not set; "
                                 "bus.partitions: Input should be a valid integer, unable to parse string as an integer")


def test_a_compression_whose_package_is_missing_stops_start_up(tmp_path, monkeypatch):
    import aiokafka.codec

    monkeypatch.setattr(aiokafka.codec, "has_zstd", lambda: False)
    with pytest.raises(ConfigError, match=r"bus.compression_type zstd needs the Python package cramjam, which is not "
                                          r"installed \(pip install 'aiokafka\[zstd\]'\)"):
        load(tmp_path, '[bus]\nkind = "kafka"\ncompression_type = "zstd"\n', environ={"HOME": "/root"})
    # The memory bus compresses nothing: no package is needed.
    load(tmp_path, '[bus]\nkind = "memory"\ncompression_type = "zstd"\n', environ={"HOME": "/root"})


@pytest.mark.parametrize("in_file", ["", '[[subscriptions]]\nname = "ops"\nchannel = "console"\n'])
def test_an_entry_of_a_list_of_tables_set_from_the_environment_is_told_to_go_in_the_file(tmp_path, in_file):
    config = tmp_path / "c.toml"
    config.write_text(in_file, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(str(config), {"LAUNCHWATCH_SUBSCRIPTIONS__0__URL": "https://hooks.example/x"})
    assert str(caught.value).startswith("invalid configuration: LAUNCHWATCH_SUBSCRIPTIONS__0__URL: [[subscriptions]] entries are not set "
                                        "from the environment: write them in the file")


def test_a_state_url_is_shown_with_its_user_host_and_database_but_never_a_password(tmp_path):
    # The `started` line and a start-up error name the same database the same way.
    url = "postgresql://lw:hunter2-pw@127.0.0.1:1/launchwatch?password=other-pw-9&connect_timeout=1"
    settings = load(tmp_path, '[bus]\nkind = "kafka"\n[state]\nurl = "env:STATE_URL"\n', environ={"STATE_URL": url})
    shown = "postgresql://lw:***@127.0.0.1:1/launchwatch?password=***&connect_timeout=1"
    assert describe_state(settings) == shown
    with pytest.raises(StateUnavailable) as failed:
        open_state(settings)
    assert shown in str(failed.value)
    stream = io.StringIO()
    configure_logging(fmt="json", secrets=secret_values(settings), stream=stream)
    get_logger().info("started", state=describe_state(settings))
    get_logger().error("state_failed", error=f"a message quoting {url}")
    started, failed_line = (json.loads(line) for line in stream.getvalue().splitlines())
    assert started["state"] == shown
    assert "hunter2-pw" not in failed_line["error"] and "other-pw-9" not in failed_line["error"]
    assert "@127.0.0.1:1/launchwatch" in failed_line["error"]


def test_a_misspelt_key_is_named_even_where_a_secrets_variable_is_not_set(tmp_path):
    # Before, the unset variable was all the error said; the typo came out one run later.
    with pytest.raises(ConfigError) as failed:
        load(tmp_path, '[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "env:HOOK_URL_UNSET"\n'
                       'min_confidense = 0.6\n')
    assert str(failed.value) == ("invalid configuration: subscriptions.0.min_confidense: unknown config key; "
                                 "did you mean 'min_confidence'?")


@pytest.mark.parametrize(("text", "named"), [
    ('[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "http://10.1.2.3/hook"\n',
     "subscriptions.0.url: 10.1.2.3 is not a public address (private), so every delivery would be refused: "
     'add "10.1.2.3/32" (or its network) to [notify] allowed_networks to allow it'),
    ('[[subscriptions]]\nname = "ops"\nchannel = "slack"\nurl = "http://localhost:9000/services/T0/B0/x"\n',
     "subscriptions.0.url: localhost is not a public address (loopback)"),
    ('[smtp]\nhost = "10.1.2.3"\nsender = "lw@example.org"\n'
     '[[subscriptions]]\nname = "duty"\nchannel = "email"\nto = ["duty@example.org"]\n',
     "smtp.host: 10.1.2.3 is not a public address (private), so every e-mail would be refused"),
])
def test_a_destination_the_delivery_guard_refuses_is_an_error_at_start_up(tmp_path, text, named):
    # Found out at the first launch before: every alert dead-lettered as a blocked address.
    with pytest.raises(ConfigError) as failed:
        load(tmp_path, text)
    assert named in str(failed.value)


def test_a_destination_in_an_allowed_network_or_named_by_host_name_starts(tmp_path):
    allowed = load(tmp_path, '[notify]\nallowed_networks = ["10.0.0.0/8"]\n'
                             '[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "http://10.1.2.3/hook"\n')
    assert allowed.subscriptions[0].name == "hook"
    # A name is checked when it is resolved, at each delivery; a secret URL is never quoted.
    named = load(tmp_path, '[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "env:HOOK"\n',
                 environ={"HOOK": "https://hooks.internal.example/T0/secret-path"})
    assert named.subscriptions[0].url is not None


def test_a_relative_state_path_in_a_config_file_is_next_to_the_file_wherever_the_command_starts(tmp_path,
                                                                                                monkeypatch):
    # From another directory, the same file used to mean a new, empty state: every alert again.
    (tmp_path / "conf").mkdir()
    (tmp_path / "elsewhere").mkdir()
    config = tmp_path / "conf" / "launchwatch.toml"
    config.write_text('[state]\npath = "state/lw.db"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert load_settings("../conf/launchwatch.toml", environ={}).state.path == str(tmp_path / "conf" / "state" / "lw.db")
    # A variable, or no file at all, is read from the working directory as before.
    assert load_settings(config, environ={"LAUNCHWATCH_STATE__PATH": "lw.db"}).state.path == "lw.db"
    assert load_settings(None, environ={}).state.path == "launchwatch.db"
    config.write_text(f'[state]\npath = "{tmp_path / "abs.db"}"\n', encoding="utf-8")
    assert load_settings(config, environ={}).state.path == str(tmp_path / "abs.db")


@pytest.mark.parametrize(("text", "environ", "said"), [
    ('[stat]\npath = "lw.db"\n', {}, "stat: unknown config key; did you mean 'state'?"),
    ('[state]\npth = "lw.db"\n', {}, "state.pth: unknown config key; did you mean 'path'?"),
    ('[bogus]\nx = 1\n', {}, "bogus: unknown config key"),  # nothing close: no guess
    ('[smtp]\nprot = 25\nhots = "mail"\n', {}, "smtp.hots: unknown config key; did you mean 'host'?; "
     "smtp.prot: unknown config key; did you mean 'port'?"),  # two letters swapped
    # Every misspelt key in one message, each with its guess: not one per run.
    ('[ingest]\nconcurency = 3\ntimeout = 5\n[notfy]\n[[subscriptions]]\nname = "a"\nchanel = "console"\n', {},
     "ingest.concurency: unknown config key; did you mean 'concurrency'?; ingest.timeout: unknown config key; "
     "did you mean 'timeout_s'?; "
     "notfy: unknown config key; did you mean 'notify'?; subscriptions.0.chanel: unknown config key; "
     "did you mean 'channel'?"),
    ("", {"LAUNCHWATCH_INGEST__ALLOW_PRIVATE_NETWORKS": "True"},
     "(set by LAUNCHWATCH_INGEST__ALLOW_PRIVATE_NETWORKS); write true or false"),
    ("", {"LAUNCHWATCH_NOTIFY__ALLOWED_NETWORKS": "127.0.0.1/32"},
     '(set by LAUNCHWATCH_NOTIFY__ALLOWED_NETWORKS); write a TOML list, e.g. ["127.0.0.1/32"]'),
    ('[[subscriptions]]\nname = "ops"\nchannel = "webhook"\nurl = "https://h.example.org/x"\nto = ["a@b.org"]\n'
     'token = "xoxb-1"\n', {}, "channel 'webhook' does not read token, to (it reads url, secret)"),
    # A console's url was refused by the address guard, for a URL it would never use.
    ('[[subscriptions]]\nname = "ops"\nchannel = "console"\nurl = "http://127.0.0.1/x"\n', {},
     "channel 'console' does not read url (it reads no address)"),
    ('[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "env:HOOK_URL"\n', {"HOOK_URL": " "},
     "subscriptions.0.url: environment variable HOOK_URL is empty"),
    # A URL that cannot be read is a configuration error, not a traceback, and its words
    # never quote the password.
    ("", {"LAUNCHWATCH_STATE__URL": "postgresql://lw:s3cr3tXY@[::1:15499/db"},
     "state.url: is no URL (an IPv6 address's bracket left open?): write it as e.g. postgresql://"),
    ("", {"LAUNCHWATCH_BUS__TOPIC_PREFIX": "bad topic/"},
     "bus.topic_prefix: Kafka names topics with letters, digits, '.', '_' and '-' only"),
    # An empty secret, written or in its file, is refused: a webhook would go unsigned.
    ('[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "https://h.example.org/x"\nsecret = " "\n', {},
     "subscriptions.0.secret: is empty: give it a value, or leave the key out"),
    ('[run]\nshutdown_grace_s = inf\n', {}, "run.shutdown_grace_s: Input should be a finite number"),
    ('[events]\nday_tolerance_s = nan\n', {}, "events.day_tolerance_s: Input should be a finite number"),
    ('[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "env:"\n', {},
     'subscriptions.0.url: "env:" names no variable: write "env:NAME"'),
    ('[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "file:/nonexistent/hook-url"\n', {},
     "invalid configuration: subscriptions.0.url: cannot read /nonexistent/hook-url: No such file or directory"),
])
def test_a_mistake_is_told_with_how_to_mend_it(tmp_path, text, environ, said):
    with pytest.raises(ConfigError) as failed:
        load(tmp_path, text, environ=environ)
    assert said in str(failed.value) and str(failed.value).startswith("invalid configuration: ")
    assert not str(failed.value).endswith("?") or "did you mean" in said
    assert "s3cr3t" not in str(failed.value)  # a password is never quoted


@pytest.mark.parametrize("kind", ["device", "fifo", "directory", "large"])
def test_a_secret_file_that_is_no_secret_is_refused_at_once(tmp_path, kind):
    """`file:/dev/zero` grew the process to the memory killer; a FIFO without a writer held
    start-up for ever. Each is one line naming the key."""
    import os

    path = {"device": "/dev/zero", "fifo": str(tmp_path / "fifo"), "directory": str(tmp_path),
            "large": str(tmp_path / "large")}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    if kind == "large":
        (tmp_path / "large").write_bytes(b"x" * (200 * 1024))
    with pytest.raises(ConfigError) as failed:
        load(tmp_path, f'[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "file:{path}"\n', environ={})
    said = {"device": "is not a regular file", "fifo": "is not a regular file",
            "directory": "Is a directory", "large": "is larger than 64 KiB"}[kind]
    assert str(failed.value).startswith("invalid configuration: subscriptions.0.url: ") and said in str(failed.value)


def test_a_secret_file_of_blanks_is_refused_not_read_as_no_secret(tmp_path):
    """A webhook whose secret file holds only a newline went out unsigned."""
    blank = tmp_path / "hook-secret"
    blank.write_text("  \n", encoding="utf-8")
    with pytest.raises(ConfigError) as failed:
        load(tmp_path, '[[subscriptions]]\nname = "hook"\nchannel = "webhook"\nurl = "https://h.example.org/x"\n'
                       f'secret = "file:{blank}"\n')
    assert str(failed.value) == f"invalid configuration: subscriptions.0.secret: {blank} is empty: write the secret in it"


def test_a_mail_relay_on_this_host_needs_no_allow_list(tmp_path):
    """The design's own example: `[smtp] host = "127.0.0.1"` with an e-mail subscription."""
    settings = load(tmp_path, '[smtp]\nhost = "127.0.0.1"\nport = 25\nsender = "launchwatch@example.org"\n'
                              '[[subscriptions]]\nname = "duty-officer"\nchannel = "email"\nto = ["duty@example.org"]\n')
    import ipaddress

    policy = settings.notify.smtp_policy()
    assert policy.refusal(ipaddress.ip_address("127.0.0.1")) is None and policy.refusal(ipaddress.ip_address("::1")) is None
    # ... and only this host: a relay elsewhere on a private network is listed, as a webhook is.
    assert policy.refusal(ipaddress.ip_address("10.1.2.3")) == "private"
    assert settings.notify.address_policy().refusal(ipaddress.ip_address("127.0.0.1")) == "loopback"


def test_a_state_url_of_several_hosts_is_libpqs_to_read(tmp_path):
    """libpq's failover form: no port check of ours refuses it, and no error quotes a password."""
    url = "postgresql://lw:pw@db1:5432,db2:5432/launchwatch?target_session_attrs=read-write"
    settings = load(tmp_path, '[bus]\nkind = "kafka"\n', environ={"LAUNCHWATCH_STATE__URL": url})
    assert settings.state.url.get_secret_value() == url
    with pytest.raises(ConfigError) as failed:
        load(tmp_path, "", environ={"LAUNCHWATCH_STATE__URL": "postgresql://lw:s3cr[etPass@db.internal:5432/lw"})
    assert "s3cr" not in str(failed.value) and "etPass" not in str(failed.value)


def test_a_relative_secret_file_is_the_config_files_neighbour_wherever_the_command_starts(tmp_path, monkeypatch):
    """`secret = "file:hook.secret"` was read from the working directory: the same file, run
    from another folder, could not find its secret (while `[state] path` was found)."""
    (tmp_path / "hook.secret").write_text("sign-abcdef\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings = load(tmp_path, '[[subscriptions]]\nname = "hook"\nchannel = "webhook"\n'
                              'url = "https://hooks.example.org/x"\nsecret = "file:hook.secret"\n')
    assert settings.subscriptions[0].secret.get_secret_value() == "sign-abcdef"
    # One a variable names is the working directory's, as a variable's [state] path is.
    (elsewhere / "smtp.pw").write_text("pw-123456", encoding="utf-8")
    settings = load(tmp_path, "", environ={"LAUNCHWATCH_SMTP__PASSWORD": "file:smtp.pw"})
    assert settings.smtp.password.get_secret_value() == "pw-123456"


def test_a_misspelt_key_in_a_variable_is_told_the_key_it_is_close_to_with_those_of_the_file(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={"LAUNCHWATCH_BUS__KINDD": "kafka"})
    assert str(caught.value) == ("invalid configuration: LAUNCHWATCH_BUS__KINDD: unknown config key bus.kindd; "
                                 "did you mean 'kind'?")
    # The file's misspelt keys in the same line: not one round per run.
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, 'kind = "memory"\n', environ={"LAUNCHWATCH_BUS__KINDD": "kafka"})
    assert str(caught.value) == ("invalid configuration: LAUNCHWATCH_BUS__KINDD: unknown config key bus.kindd; "
                                 "did you mean 'kind'?; kind: unknown config key; it is a key of [bus]: write it "
                                 "under [bus]")


def test_a_number_set_by_a_variable_that_reads_as_none_says_how_to_write_it():
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={"LAUNCHWATCH_BUS__PARTITIONS": "six"})
    assert str(caught.value).endswith("(set by LAUNCHWATCH_BUS__PARTITIONS); write a whole number, e.g. 6")
