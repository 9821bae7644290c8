"""Configuration: a bad key or value stops start-up with a message naming it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from services.runtime.errors import ConfigError
from services.config import load_settings, secret_values


def write(tmp_path, text: str):
    path = tmp_path / "launchwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_embedded_single_process_setup():
    settings = load_settings(None, environ={})
    assert settings.bus.kind == "memory"
    assert settings.bus.topic_prefix == "launchwatch."
    assert settings.state.path == "launchwatch.db"
    assert settings.ingest.allow_private_networks is False


def test_contract_keys_are_read(tmp_path):
    path = write(tmp_path, """
[bus]
kind = "kafka"
bootstrap_servers = "10.0.0.1:9092"
topic_prefix = "lw."
[state]
path = "/var/lib/lw.db"
[ingest]
allow_private_networks = true
[[feeds]]
url = "https://example.org/feed.xml"
name = "Example"
interval_s = 60
[smtp]
host = "mail.example.org"
port = 2525
sender = "alerts@example.org"
[[subscriptions]]
name = "ops-slack"
channel = "slack"
url = "env:SLACK_WEBHOOK_URL"
min_confidence = 0.7
[[subscriptions]]
name = "duty-officer"
channel = "email"
to = ["duty@example.org"]
""")
    settings = load_settings(path, environ={"SLACK_WEBHOOK_URL": "https://hooks.slack.test/T/B/secretpart"})
    assert settings.bus.bootstrap_servers == "10.0.0.1:9092"
    assert settings.feeds[0].interval_s == 60
    assert settings.smtp.port == 2525
    assert settings.subscriptions[0].url.get_secret_value() == "https://hooks.slack.test/T/B/secretpart"
    assert "secretpart" not in repr(settings)
    assert "https://hooks.slack.test/T/B/secretpart" in secret_values(settings)


def test_unknown_key_is_named(tmp_path):
    path = write(tmp_path, '[bus]\nkind = "memory"\nbootstrap_server = "x"\n')
    with pytest.raises(ConfigError, match=r"bus\.bootstrap_server: unknown config key"):
        load_settings(path, environ={})


def test_unknown_section_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"injest: unknown config key"):
        load_settings(write(tmp_path, "[injest]\nx = 1\n"), environ={})


def test_bad_value_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"bus\.kind"):
        load_settings(write(tmp_path, '[bus]\nkind = "rabbit"\n'), environ={})


def test_subscription_missing_url_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"subscriptions\.0.*needs a url"):
        load_settings(write(tmp_path, '[[subscriptions]]\nname = "x"\nchannel = "webhook"\n'), environ={})


def test_env_overrides_file_and_keeps_types(tmp_path):
    path = write(tmp_path, '[bus]\nkind = "memory"\npartitions = 2\n')
    settings = load_settings(path, environ={"LAUNCHWATCH_BUS__KIND": "kafka", "LAUNCHWATCH_BUS__PARTITIONS": "12",
                                            "LAUNCHWATCH_INGEST__ALLOW_PRIVATE_NETWORKS": "true"})
    assert settings.bus.kind == "kafka"
    assert settings.bus.partitions == 12
    assert settings.ingest.allow_private_networks is True


def test_an_env_override_of_digits_is_text_where_the_key_takes_text():
    settings = load_settings(None, environ={"LAUNCHWATCH_BUS__ACKS": "1", "LAUNCHWATCH_SMTP__PASSWORD": "123456",
                                            "LAUNCHWATCH_BUS__PARTITIONS": "4"})
    assert settings.bus.acks == "1" and settings.smtp.password.get_secret_value() == "123456"
    assert settings.bus.partitions == 4  # a number where the key takes one
    with pytest.raises(ConfigError, match="bus.acks"):
        load_settings(None, environ={"LAUNCHWATCH_BUS__ACKS": "2"})


def test_unknown_env_override_is_named():
    with pytest.raises(ConfigError, match="LAUNCHWATCH_BUS__KINDE"):
        load_settings(None, environ={"LAUNCHWATCH_BUS__KINDE": "kafka"})


@pytest.mark.parametrize("name, said", [
    ("LAUNCHWATCH_BUS_KIND", "LAUNCHWATCH_BUS_KIND: not read; two underscores part section and key: "
                             "LAUNCHWATCH_BUS__KIND"),
    ("LAUNCHWATCH_BUS", "LAUNCHWATCH_BUS: a section is not set from the environment; set one key: "
                        "LAUNCHWATCH_BUS__<KEY>"),
    ("LAUNCHWATCH_SUBSCRIPTIONS", "write [[subscriptions]] in the file"),
])
def test_a_variable_that_would_be_ignored_is_named(name, said):
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={name: "kafka"})
    assert said in str(caught.value)
    # Variables of launchwatch's tools that are no settings are left alone.
    load_settings(None, environ={"LAUNCHWATCH_SHARED_DATA": "/data", "LAUNCHWATCH_LEXICON_CACHE": "/tmp/x"})


def test_missing_secret_variable_is_named(tmp_path):
    path = write(tmp_path, '[[subscriptions]]\nname = "s"\nchannel = "slack"\nurl = "env:NOPE_URL"\n')
    with pytest.raises(ConfigError, match=r"subscriptions\.0\.url: environment variable NOPE_URL is not set"):
        load_settings(path, environ={})


def test_secret_from_file(tmp_path):
    (tmp_path / "hook").write_text("https://hooks.example/abc123\n")
    path = write(tmp_path, f'[[subscriptions]]\nname = "s"\nchannel = "webhook"\nurl = "file:{tmp_path}/hook"\n')
    assert load_settings(path, environ={}).subscriptions[0].url.get_secret_value() == "https://hooks.example/abc123"


def test_only_the_named_sections_are_read(tmp_path):
    path = write(tmp_path, '[ingest]\nuse_default_catalogue = false\n\n'
                           '[[subscriptions]]\nname = "s"\nchannel = "slack"\nurl = "env:NOPE_URL"\n')
    settings = load_settings(path, environ={"LAUNCHWATCH_SMTP__PORT": "587"}, only=("ingest", "feeds"))
    assert settings.ingest.use_default_catalogue is False
    assert settings.subscriptions == [] and settings.smtp.port == 25
    with pytest.raises(ConfigError, match="nope: unknown config key"):
        load_settings(write(tmp_path, "[nope]\nx = 1\n"), environ={}, only=("ingest",))
    # A section not read keeps its values unchecked, not its key names.
    with pytest.raises(ConfigError, match="bus.bootstrap_server: unknown config key"):
        load_settings(write(tmp_path, '[bus]\nbootstrap_server = "x"\n'), environ={}, only=("ingest",))
    # ... nor a list of tables written as one table.
    with pytest.raises(ConfigError, match=r"subscriptions: a list of tables: write \[\[subscriptions\]\]"):
        load_settings(write(tmp_path, '[subscriptions]\nname = "s"\nchannel = "slack"\n'), environ={},
                      only=("ingest",))
    # ... named as a full read names it: the table's place in its list.
    with pytest.raises(ConfigError, match=r"subscriptions\.1\.chanel: unknown config key"):
        load_settings(write(tmp_path, '[[subscriptions]]\nname = "s"\nchannel = "slack"\n\n'
                                      '[[subscriptions]]\nname = "t"\nchanel = "slack"\n'), environ={},
                      only=("ingest",))


def test_a_directory_is_not_a_config_file(tmp_path):
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings(tmp_path, environ={})


def test_not_toml_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[bus\n"), environ={})


def test_cli_exits_non_zero_naming_the_key(tmp_path):
    path = write(tmp_path, "[state]\npth = 'x.db'\n")
    result = subprocess.run([sys.executable, "-m", "services.cli", "run", "--config", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "state.pth: unknown config key" in result.stderr


def test_an_error_names_the_variable_that_set_a_value():
    from services.runtime.settings import setting_origin

    assert setting_origin("http", "listen", {}) == "[http] listen"
    assert setting_origin("http", "listen", {"LAUNCHWATCH_HTTP__LISTEN": "127.0.0.1:9"}) == (
        "[http] listen, set by LAUNCHWATCH_HTTP__LISTEN")
