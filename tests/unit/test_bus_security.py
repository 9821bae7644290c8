"""The `[bus]` security keys reach aiokafka as its own arguments, secrets stay redacted."""

from __future__ import annotations

import ssl

import pytest

from services.config import load_settings, secret_values
from services.runtime.errors import ConfigError
from services.runtime.lifecycle import kafka_security


def test_sasl_scram_over_tls_maps_onto_aiokafka_arguments(tmp_path):
    (tmp_path / "pw").write_text("s3cret-scram-password\n")
    settings = load_settings(None, {
        "LAUNCHWATCH_BUS__SECURITY_PROTOCOL": "SASL_SSL",
        "LAUNCHWATCH_BUS__SASL_MECHANISM": "SCRAM-SHA-512",
        "LAUNCHWATCH_BUS__SASL_USERNAME": "launchwatch",
        "LAUNCHWATCH_BUS__SASL_PASSWORD": f"file:{tmp_path / 'pw'}",
    })
    options = kafka_security(settings)
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "launchwatch"
    assert options["sasl_plain_password"] == "s3cret-scram-password"
    assert isinstance(options["ssl_context"], ssl.SSLContext)
    assert "s3cret-scram-password" not in repr(settings.bus)
    assert "s3cret-scram-password" in secret_values(settings)  # so logging redacts it


def test_plaintext_passes_no_security_arguments():
    assert kafka_security(load_settings(None, {})) == {"security_protocol": "PLAINTEXT"}


@pytest.mark.parametrize(("env", "named"), [
    ({"LAUNCHWATCH_BUS__SECURITY_PROTOCOL": "SASL_PLAINTEXT"}, "bus.sasl_mechanism"),
    ({"LAUNCHWATCH_BUS__SASL_MECHANISM": "PLAIN"}, "bus.security_protocol"),
    ({"LAUNCHWATCH_BUS__ACKS": "2"}, "bus.acks"),
    ({"LAUNCHWATCH_HTTP__LISTEN": "8080"}, "http.listen"),
])
def test_inconsistent_bus_and_http_settings_name_the_key(env, named):
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        load_settings(None, env)


def test_a_missing_ca_file_names_the_key(tmp_path):
    settings = load_settings(None, {"LAUNCHWATCH_BUS__SECURITY_PROTOCOL": "SSL",
                                    "LAUNCHWATCH_BUS__SSL_CAFILE": str(tmp_path / "nope.pem")})
    with pytest.raises(ConfigError, match="bus.ssl_cafile"):
        kafka_security(settings)


def test_a_tls_file_that_is_missing_or_no_certificate_names_its_key_and_path(tmp_path):
    missing = tmp_path / "client.key"
    garbage = tmp_path / "ca.pem"
    garbage.write_text("not a certificate\n")
    settings = load_settings(None, {"LAUNCHWATCH_BUS__SECURITY_PROTOCOL": "SSL",
                                    "LAUNCHWATCH_BUS__SSL_CERTFILE": str(garbage),
                                    "LAUNCHWATCH_BUS__SSL_KEYFILE": str(missing)})
    with pytest.raises(ConfigError) as refused:
        kafka_security(settings)
    assert str(refused.value) == f"bus.ssl_keyfile: {missing}: no such file"
    settings = load_settings(None, {"LAUNCHWATCH_BUS__SECURITY_PROTOCOL": "SSL",
                                    "LAUNCHWATCH_BUS__SSL_CAFILE": str(garbage)})
    with pytest.raises(ConfigError, match=rf"bus\.ssl_cafile {garbage}: cannot load"):
        kafka_security(settings)
