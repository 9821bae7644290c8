"""Notify configuration fails fast, naming the key, without echoing secrets."""

from __future__ import annotations

import pytest

from services.runtime.errors import ConfigError
from services.config import load_settings


def load(tmp_path, text: str, environ: dict[str, str] | None = None):
    path = tmp_path / "lw.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, environ or {})


def test_a_full_subscription_loads_with_secrets_from_the_environment(tmp_path):
    settings = load(tmp_path, """
[[subscriptions]]
name = "ops"
channel = "slack"
token = "env:SLACK_BOT_TOKEN"
slack_channel = "C0123"
actors = ["PRK"]
kinds = ["icbm", "irbm"]
min_status = "confirmed"
freshness_window_s = 3600
follow_ups = "corrections"
""", {"SLACK_BOT_TOKEN": "xoxb-1234567890"})
    sub = settings.subscriptions[0]
    assert sub.token.get_secret_value() == "xoxb-1234567890" and "xoxb" not in repr(sub)
    assert sub.min_status == "confirmed" and sub.follow_ups == "corrections"


@pytest.mark.parametrize(("text", "named"), [
    ('[[subscriptions]]\nname = "a"\nchannel = "webhook"\nurl = "https://x.example"\nmin_confidance = 0.5\n',
     "min_confidance"),
    ('[[subscriptions]]\nname = "a"\nchannel = "webhook"\nurl = "ftp://hooks.example/s3cr3t-path"\n', "url"),
    ('[[subscriptions]]\nname = "a"\nchannel = "slack"\ntoken = "xoxb-123456789"\n', "slack_channel"),
    ('[[subscriptions]]\nname = "a"\nchannel = "email"\nto = ["duty"]\n', "'to'"),
    ('[[subscriptions]]\nname = "a"\nchannel = "webhook"\nurl = "https://x.example"\nkinds = ["rocket"]\n', "kinds"),
    ('[smtp]\nstarttls = true\nuse_tls = true\n', "starttls"),
    ('[notify]\nconsole_output = "sometimes"\n', "console_output"),
])
def test_bad_notify_config_stops_start_up_naming_the_key(tmp_path, text, named):
    with pytest.raises(ConfigError) as info:
        load(tmp_path, text)
    assert named in str(info.value)
    assert "s3cr3t-path" not in str(info.value)
