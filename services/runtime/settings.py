"""Configuration mechanics: one TOML file, overridden by `LAUNCHWATCH_<SECTION>__<KEY>` variables.

The sections the plumbing reads (`[bus]`, `[state]`, `[log]`, `[run]`) live here, in
`RuntimeSettings`; the root model that adds every stage's sections is assembled at the top
(`services.config`), so this package imports no stage. In a secret field (one typed
`SecretStr`) a value `"env:NAME"` is read from the environment and `"file:/path"` from a
file, so secrets stay out of the config file; elsewhere such a value is an error, as a
secret read into a plain field would be logged unredacted. Unknown keys and bad values
raise `ConfigError` naming the key.
"""

from __future__ import annotations

import difflib
import os
import stat
import tomllib
import types
import typing
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, StrictBool, ValidationError, field_validator, model_validator

from services.runtime.config_model import Section, host_port, http_url
from services.runtime.errors import ConfigError

ENV_PREFIX = "LAUNCHWATCH_"


# The compression codecs of aiokafka that need a package of their own (cramjam).
_OPTIONAL_CODECS = ("snappy", "lz4", "zstd")


class BusSettings(Section):
    kind: Literal["memory", "kafka"] = Field("memory", description="memory: one process; kafka: stages over a broker.")
    bootstrap_servers: str = Field("127.0.0.1:9092", description="Kafka brokers, host:port[,host:port].")
    topic_prefix: str = Field("launchwatch.", description="Prefix of topic and consumer group names.")
    partitions: int = Field(6, ge=1, description="Partitions of topics created at start-up.")
    replication_factor: int = Field(1, ge=1, description="Replicas of topics created at start-up.")
    fetch_max_wait_ms: int = Field(500, ge=0, description="Longest a consumer fetch waits.")
    enable_idempotence: StrictBool = Field(
        False, description="Needs a broker with InitProducerId (Apache Kafka has it, tansu not); a broker that "
        "refuses it stops start-up with a configuration error.")
    client_id: str = Field("launchwatch", description="Client id the broker sees.")
    session_timeout_ms: int = Field(
        6000, ge=1, description="A silent group member is dropped after this (Apache Kafka's least by default: "
        "6000). Some brokers hold a new group's first join for half of it.")
    heartbeat_interval_ms: int = Field(
        1000, ge=1, description="How often a group member says it is alive (at most a third of session_timeout_ms).")
    rebalance_timeout_ms: int = Field(10000, ge=1, description="Longest a rebalance waits for members.")
    max_batch: int = Field(100, ge=1, description="Messages a stage takes per poll.")
    journal: StrictBool = Field(
        True, description="Memory bus: keep its messages in the state file, so a restart resumes where it stopped."
    )
    connect_retry_max_s: float = Field(
        30.0, gt=0,
        description="run/serve: while no broker answers, retry with backoff from 0.5 s up to this; one "
        "bus_unavailable line per attempt.",
    )
    health_check_s: float = Field(
        2.0, gt=0,
        description="run/serve: how often a running process asks the broker for metadata; while no answer comes "
        "(within the same time, 2 s at least), /readyz names bus_connected. A web stage on a [state] url database "
        "asks that as often too, and stops when it does not answer.",
    )
    retention_ms: int | None = Field(
        None, ge=-1, description="retention.ms of topics created at start-up (-1: forever); unset: the broker's default."
    )
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="How clients talk to the brokers: plain, TLS, SASL, or SASL over TLS."
    )
    ssl_cafile: str | None = Field(None, description="CA bundle (PEM) to verify the brokers; unset: the system's.")
    ssl_certfile: str | None = Field(None, description="Client certificate (PEM), for brokers that ask for one.")
    ssl_keyfile: str | None = Field(None, description="Private key (PEM) of ssl_certfile.")
    ssl_key_password: SecretStr | None = Field(None, description="Password of ssl_keyfile; env:/file: accepted.")
    ssl_check_hostname: StrictBool = Field(True, description="Check that a broker's certificate names its host.")
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        None, description="SASL mechanism (with security_protocol SASL_PLAINTEXT or SASL_SSL)."
    )
    sasl_username: str | None = Field(None, description="SASL user name.")
    sasl_password: SecretStr | None = Field(None, description="SASL password; env:/file: accepted, never logged.")
    compression_type: Literal["none", "gzip", "snappy", "lz4", "zstd"] = Field(
        "none", description="Compression of produced batches (snappy, lz4, zstd need their Python packages)."
    )
    acks: Literal["all", "1", "0"] = Field("all", description="Replicas that must have a message before a send counts.")
    group_names: dict[Literal["classify", "cluster", "notify", "web"], str] = Field(
        {}, description="Consumer group per stage (classify, cluster, notify, web), replacing <topic_prefix><stage>."
    )
    assign_partitions: list[Literal["classify", "cluster", "notify", "web"]] = Field(
        [], description="Stages (named as in group_names) that read every partition of their topic without joining "
        "their consumer group, from the group's committed offsets, committing to it as usual: they read at once "
        "instead of after the group's first join (Apache Kafka holds it group.initial.rebalance.delay.ms). Only for "
        "a stage of which one instance reads at a time: cluster (events is one active instance), or classify and "
        "notify when one instance of each runs. Instances of a listed stage do not share the work.")

    @field_validator("topic_prefix")
    @classmethod
    def _topic_names(cls, value: str) -> str:
        # Kafka's own rule for topic names; the longest name made from it is the prefix and
        # "dlq-reader-" with 12 hex digits (dlq's consumer group), within Kafka's 249.
        if len(value) > 200 or value.strip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"):
            raise ValueError("Kafka names topics with letters, digits, '.', '_' and '-' only (at most 200 here), "
                             "e.g. \"launchwatch.\"")
        return value

    @field_validator("bootstrap_servers")
    @classmethod
    def _brokers(cls, value: str) -> str:
        for server in value.split(","):
            try:
                host_port(server.strip(), "127.0.0.1:9092 (several: host:port,host:port)")
            except ValueError as exc:
                raise ValueError(f"{server.strip()!r}: {exc}") from None
            if server.strip().endswith(":0"):
                raise ValueError(f"{server.strip()!r}: a broker's port is from 1 to 65535")
        return value

    @model_validator(mode="after")
    def _timing_and_codec(self) -> "BusSettings":
        if self.heartbeat_interval_ms * 3 > self.session_timeout_ms:
            raise ValueError(f"bus.heartbeat_interval_ms ({self.heartbeat_interval_ms}) must be at most a third of "
                             f"bus.session_timeout_ms ({self.session_timeout_ms})")
        if self.kind == "kafka" and self.compression_type in _OPTIONAL_CODECS:
            import aiokafka.codec

            if not getattr(aiokafka.codec, f"has_{self.compression_type}")():
                raise ValueError(f"bus.compression_type {self.compression_type} needs the Python package cramjam, "
                                 f"which is not installed (pip install 'aiokafka[{self.compression_type}]')")
        return self

    @model_validator(mode="after")
    def _security_consistent(self) -> "BusSettings":
        sasl = self.security_protocol.startswith("SASL")
        if sasl and (self.sasl_mechanism is None or not self.sasl_username or self.sasl_password is None):
            raise ValueError(f"bus.security_protocol {self.security_protocol} needs bus.sasl_mechanism, "
                             "bus.sasl_username and bus.sasl_password")
        if not sasl and self.sasl_mechanism is not None:
            raise ValueError("bus.sasl_mechanism is set but bus.security_protocol is "
                             f"{self.security_protocol}: use SASL_SSL or SASL_PLAINTEXT")
        if (self.ssl_certfile is None) != (self.ssl_keyfile is None):
            raise ValueError("bus.ssl_certfile and bus.ssl_keyfile go together")
        return self


class HttpSettings(Section):
    listen: str = Field(
        "127.0.0.1:8080",
        description="host:port of /healthz, /readyz and /metrics (and the web pages); port 0: any free port, "
        "logged in the started line.",
    )

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        return host_port(value, "127.0.0.1:8080 (port 0: any free port)")


class StateSettings(Section):
    path: str = Field("launchwatch.db", min_length=1, description="SQLite file for ingest, classify and notify state "
                      "(~ is the home folder; a relative path in a config file is relative to that file's folder, "
                      "else to the working directory); made, with its folders, when missing (logged state_created).")
    url: SecretStr | None = Field(
        None,
        description="PostgreSQL URL (postgresql://user@host:5432/db) of a state shared by every instance of every "
        "stage, so any one process or host can be lost; unset: the SQLite file path. Needs bus.kind kafka. "
        "env:/file: accepted; its password is never logged.",
    )
    connect_timeout_s: float = Field(5.0, gt=0, description="PostgreSQL: longest wait to open a session.")
    dead_peer_s: float = Field(
        15.0, ge=3,
        description="PostgreSQL: a peer that stops answering is given up after about this long (TCP keepalives): "
        "the server ends a vanished host's session, releasing its locks. A killed process loses them at once.",
    )
    poll_s: float = Field(
        0.5, gt=0,
        description="PostgreSQL: how often a standby tries for the work it waits for (the events lock, a "
        "subscription's sender) and a sender looks for alerts another instance queued.",
    )

    @field_validator("path")
    @classmethod
    def _home(cls, value: str) -> str:
        # "~/launchwatch.db" is the home folder's file, as a shell would read it, not a
        # folder named "~" made in the working directory.
        return os.path.expanduser(value)

    @field_validator("url")
    @classmethod
    def _postgres_url(cls, value: SecretStr | None) -> SecretStr | None:
        example = "e.g. postgresql://launchwatch@db.internal:5432/launchwatch"
        if value is not None and not value.get_secret_value().startswith(("postgresql://", "postgres://")):
            raise ValueError(f"must be a postgresql:// URL, {example}")
        if value is not None:
            try:
                # (A bracket left open. The port is libpq's to read: "db1:5432,db2:5432" lists
                # several hosts.)
                urlsplit(value.get_secret_value())
            except ValueError:  # its words may quote the URL, which holds a password
                raise ValueError(f"is no URL (an IPv6 address's bracket left open?): write it as {example}") from None
        return value


class LogSettings(Section):
    format: Literal["auto", "json", "console"] = Field(
        "auto", description="auto: console on a terminal, JSON lines otherwise; --log-format wins."
    )
    level: Literal["debug", "info", "warning", "error"] = Field("info", description="Least level logged (in either case).")

    @field_validator("level", mode="before")
    @classmethod
    def _lower_case(cls, value: object) -> object:
        """"DEBUG" as well as "debug", the way log levels are usually written."""
        return value.lower() if isinstance(value, str) else value


class RunSettings(Section):
    shutdown_grace_s: float = Field(10.0, ge=0, description="Time to finish work on SIGTERM.")


class RuntimeSettings(Section):
    """The sections every process reads; the root configuration extends it with the stages'."""

    bus: BusSettings = BusSettings()
    state: StateSettings = StateSettings()
    log: LogSettings = LogSettings()
    run: RunSettings = RunSettings()
    http: HttpSettings = HttpSettings()

    @model_validator(mode="after")
    def _shared_state_needs_kafka(self) -> "RuntimeSettings":
        if self.state.url is not None and self.bus.kind != "kafka":
            raise ValueError('state.url (a state shared by many processes) needs bus.kind = "kafka": the in-memory '
                             "bus joins the stages of one process only")
        return self


SettingsT = TypeVar("SettingsT", bound=RuntimeSettings)


def load_config(model: type[SettingsT], path: str | Path | None = None,
                environ: Mapping[str, str] | None = None, *, only: Collection[str] | None = None) -> SettingsT:
    """Read `path` (or nothing: all defaults), apply env overrides, resolve secrets, validate as `model`.

    With `only`, the sections not named keep their defaults and what the file or the
    environment says about them is not read, so a tool that needs the sources alone does
    not need the subscriptions' secrets; unknown sections are still an error.

    Raises `ConfigError` naming the file, key or variable that is wrong.
    """
    environ = os.environ if environ is None else environ
    raw: dict[str, Any] = {}
    if path is not None:
        if not str(path).strip():
            raise ConfigError("config file: the name given is empty: name a TOML file")
        try:
            # (An editor's byte-order mark before the first key is no TOML error.)
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except IsADirectoryError:
            raise ConfigError(f"config file {path} is a directory: name a TOML file") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"config file {path} is not UTF-8 text (byte {exc.start})") from None
        except OSError as exc:
            raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    if path is not None:
        _anchor_state_path(raw, Path(path))
    # Misspelt keys first, in every section and every variable, all of them in one message:
    # a missing variable is no reason to hide them, and a newcomer fixes them in one edit,
    # not one per run.
    misspelt: list[str] = []
    overridden = _apply_env_overrides(model, raw, environ, misspelt)
    for key, value in raw.items():
        if key not in model.model_fields:
            misspelt.append(f"{key}: unknown config key{_did_you_mean(key, model.model_fields) or _section_of(key, model)}")
        else:
            misspelt.extend(_unknown_keys(key, value, model.model_fields[key].annotation))
    if misspelt:
        raise ConfigError("invalid configuration: " + "; ".join(misspelt))
    if only is not None:
        raw = {key: value for key, value in raw.items() if key in only}
    unset: dict[str, str] = {}
    folder = os.path.dirname(os.path.abspath(path)) if path is not None else None
    raw = _resolve_references(raw, model, environ, (), unset, folder, frozenset(overridden))
    try:
        settings = model.model_validate(raw)
    except ValidationError as exc:
        # Every variable a reference names that is not set, and every other bad value, in
        # one message, not one per run (a key whose variable is unset is said once).
        raise ConfigError(_describe(exc, overridden, besides=list(unset.values()), skip=frozenset(unset))) from None
    if unset:
        raise ConfigError("invalid configuration: " + "; ".join(unset.values()))
    return settings


def setting_origin(section: str, key: str, environ: Mapping[str, str] | None = None) -> str:
    """Where a setting's value came from, as an error names it: "[http] listen", and the
    variable when the environment set it (a shell's old `export` wins over the file)."""
    variable = f"{ENV_PREFIX}{section.upper()}__{key.upper()}"
    environ = os.environ if environ is None else environ
    return f"[{section}] {key}" + (f", set by {variable}" if variable in environ else "")


def _apply_env_overrides(model: type[Section], raw: dict[str, Any], environ: Mapping[str, str],
                         misnamed: list[str]) -> dict[str, str]:
    """Put the `LAUNCHWATCH_<SECTION>__<KEY>` values into `raw`; returns which variable set
    each key ("bus.kind" -> "LAUNCHWATCH_BUS__KIND"), for the errors to name it. A variable
    that names no setting is added to `misnamed`, saying why."""
    overridden: dict[str, str] = {}
    for name, text in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        if "__" not in name:
            misnamed.extend(filter(None, [_single_underscore(model, name)]))
            continue
        section, _, key = name[len(ENV_PREFIX):].partition("__")
        section, key = section.lower(), key.lower()
        field = model.model_fields.get(section)
        if field is None:
            misnamed.append(f"{name}: unknown config section {section!r}")
            continue
        section_model = field.annotation
        if not (isinstance(section_model, type) and issubclass(section_model, Section)) \
                or not isinstance(raw.get(section, {}), dict):
            # A list of tables ([[subscriptions]], [[feeds]]): no entry is set from the environment.
            misnamed.append(f"{name}: [[{section}]] entries are not set from the environment: write them in "
                            'the file (a secret of one may name a variable there: "env:NAME")')
            continue
        if key not in section_model.model_fields:
            misnamed.append(f"{name}: unknown config key {section}.{key}"
                            f"{_did_you_mean(key, section_model.model_fields)}")
            continue
        value = _parse_env_value(text)
        if not isinstance(value, str) and _takes_text_only(section_model.model_fields[key].annotation):
            value = text  # LAUNCHWATCH_BUS__ACKS=1 is the text "1", a password of digits is text
        raw.setdefault(section, {})[key] = value
        overridden[f"{section}.{key}"] = name
    return overridden


def _single_underscore(model: type[Section], name: str) -> str | None:
    """What is wrong with a variable that names a section but not as an override does
    (`LAUNCHWATCH_BUS_KIND`, `LAUNCHWATCH_SUBSCRIPTIONS`), which would be ignored; None for
    other `LAUNCHWATCH_` variables (`LAUNCHWATCH_SHARED_DATA`), which are not settings."""
    rest = name[len(ENV_PREFIX):].lower()
    for section, field in model.model_fields.items():
        section_model = field.annotation
        table = isinstance(section_model, type) and issubclass(section_model, Section)
        if rest == section:
            return f"{name}: a section is not set from the environment; " + (
                f"set one key: {ENV_PREFIX}{section.upper()}__<KEY>" if table else f"write [[{section}]] in the file")
        key = rest.removeprefix(section + "_")
        if key != rest and table and key in section_model.model_fields:  # type: ignore[union-attr]
            return (f"{name}: not read; two underscores part section and key: "
                    f"{ENV_PREFIX}{section.upper()}__{key.upper()}")
    return None


# "[subscriptions]" written for "[[subscriptions]]".
_LIST_OF_TABLES = "{key}: a list of tables: write [[{key}]] before each entry, not [{key}]"


def _anchor_state_path(raw: dict[str, Any], config: Path) -> None:
    """A relative `[state] path` in a config file is the file's neighbour, wherever the
    command is started from: read from the working directory, a `run` started elsewhere with
    the same file began from an empty state and sent every alert again."""
    state = raw.get("state")
    if isinstance(state, dict) and isinstance(state.get("path"), str) and state["path"].strip() \
            and not state["path"].startswith(("env:", "file:")):  # a reference: refused as such, below
        state["path"] = _beside(os.path.dirname(os.path.abspath(config)), state["path"])


def _beside(folder: str, written: str) -> str:
    """A path written in the config file: `~` expanded, and a relative one in `folder` (the
    file's), wherever the command is started from."""
    expanded = os.path.expanduser(written)
    return expanded if os.path.isabs(expanded) else os.path.abspath(os.path.join(folder, expanded))


def _unknown_keys(name: str, value: Any, annotation: Any) -> list[str]:
    """The misspelt keys of section `name`, each as an error names it, found before any
    value is read: also in a section that is not read (`only`), whose values are left
    unchecked (a tool that needs the sources alone does not need the subscriptions' secrets)."""
    if get_origin(annotation) is list and isinstance(value, dict):
        return [_LIST_OF_TABLES.format(key=name)]
    if get_origin(annotation) is list and isinstance(value, list):
        (annotation,) = get_args(annotation)
        tables = [(f"{name}.{i}", table) for i, table in enumerate(value)]  # named as validation names them
    else:
        tables = [(name, value)]
    if not (isinstance(annotation, type) and issubclass(annotation, Section)):
        return []
    return [f"{where}.{key}: unknown config key{_did_you_mean(key, annotation.model_fields)}"
            for where, table in tables if isinstance(table, dict)
            for key in sorted(set(table) - set(annotation.model_fields))]


def _section_of(key: str, model: type[Section]) -> str:
    """`; it is a key of [bus]: write it under [bus]` for a section's key written at the top
    of the file (before any section header), else nothing."""
    sections = [f"[{name}]" for name, field in model.model_fields.items()
                if isinstance(field.annotation, type) and issubclass(field.annotation, Section)
                and key in field.annotation.model_fields]
    if not sections:
        return ""
    if len(sections) == 1:
        return f"; it is a key of {sections[0]}: write it under {sections[0]}"
    return f"; it is a key of {', '.join(sections[:-1])} and {sections[-1]}: write it under one of them"


def _did_you_mean(key: str, known: Collection[str]) -> str:
    """`; did you mean 'path'?` for a key spelt close to a known one, else nothing."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8) or [
        # Two letters swapped ("prot", "paht") is the commonest slip, and scores below 0.8.
        name for name in known if len(name) == len(key) and sorted(name) == sorted(key)
        and sum(a != b for a, b in zip(name, key)) == 2][:1]
    return f"; did you mean {close[0]!r}?" if close else ""


def _parse_env_value(text: str) -> Any:
    """`true`, `3`, `0.5`, `["a", "b"]` keep their TOML type; anything else is a string."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def _takes_text_only(annotation: Any) -> bool:
    """Whether a field takes nothing but text: `str`, `SecretStr`, a `Literal` of strings,
    optional or annotated."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _takes_text_only(get_args(annotation)[0])
    if origin is Literal:
        return all(isinstance(arg, str) for arg in get_args(annotation))
    if origin in (Union, types.UnionType):
        kinds = [arg for arg in get_args(annotation) if arg is not type(None)]
        return bool(kinds) and all(_takes_text_only(arg) for arg in kinds)
    return annotation in (str, SecretStr)


def _resolve_references(value: Any, annotation: Any, environ: Mapping[str, str], where: tuple[str, ...],
                        unset: dict[str, str], folder: str | None = None,
                        from_environment: frozenset[str] = frozenset()) -> Any:
    """`value` with `env:`/`file:` references read, in the fields `annotation` types as secrets;
    a variable that is not set is added to `unset` (key -> what is wrong), and read as "".
    A relative `file:` path written in the config file is the file's neighbour (in `folder`),
    as `[state] path` is; one a variable set (its key in `from_environment`) is the working
    directory's, as a variable's `[state] path` is.

    Raises `ConfigError` for a reference in any other field or an unreadable file, naming
    the key.
    """
    kind, inner = _field_kind(annotation)
    if kind == "model" and isinstance(value, dict):
        fields = inner.model_fields
        return {k: _resolve_references(v, fields[k].rebuild_annotation() if k in fields else None, environ,
                                       (*where, k), unset, folder, from_environment)
                for k, v in value.items()}
    if kind == "list" and isinstance(value, list):
        return [_resolve_references(v, inner, environ, (*where, str(i)), unset, folder, from_environment)
                for i, v in enumerate(value)]
    if isinstance(value, str) and value.startswith(("env:", "file:")):
        key = ".".join(where)
        if kind != "secret":
            if value.startswith("file://") and _takes_url(annotation):
                return value  # a file URL in a URL field, no reference: the field's check says what it takes
            raise ConfigError(f"invalid configuration: {key}: env: and file: references are read only in secret fields "
                              "(subscription url, secret and token, smtp password, bus sasl_password and ssl_key_password, state url)")
        if value.startswith("env:"):
            var = value[4:]
            if not var.strip():
                raise ConfigError(f'invalid configuration: {key}: "env:" names no variable: write "env:NAME"')
            if var not in environ:
                unset[key] = f"{key}: environment variable {var} is not set"
            elif not environ[var].strip():
                unset[key] = f"{key}: environment variable {var} is empty"
            return environ.get(var, "")
        if not value[5:].strip():
            raise ConfigError(f'invalid configuration: {key}: "file:" names no file: write "file:/path"')
        name = value[5:] if folder is None or key in from_environment else _beside(folder, value[5:])
        text = _read_secret_file(key, name)
        if not text:
            # A webhook with an empty secret would go unsigned, a receiver checking
            # signatures none the wiser.
            raise ConfigError(f"invalid configuration: {key}: {name} is empty: write the secret in it")
        return text
    if kind == "secret" and isinstance(value, str) and not value.strip():
        raise ConfigError(f"invalid configuration: {'.'.join(where)}: is empty: give it a value, or leave the key out")
    return value


# A secret is a token, a password or a URL: a file longer than this is the wrong file.
MAX_SECRET_FILE_BYTES = 64 * 1024


def _read_secret_file(key: str, name: str) -> str:
    """The text of the secret file `name`: a regular file (not a device that never ends nor
    a FIFO that waits for a writer) of at most `MAX_SECRET_FILE_BYTES`."""
    try:
        with open(name, "rb", opener=lambda path, flags: os.open(path, flags | os.O_NONBLOCK)) as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ConfigError(f"invalid configuration: {key}: {name} is not a regular file")
            data = fh.read(MAX_SECRET_FILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"invalid configuration: {key}: cannot read {name}: {exc.strerror}") from None
    if len(data) > MAX_SECRET_FILE_BYTES:
        raise ConfigError(f"invalid configuration: {key}: {name} is larger than {MAX_SECRET_FILE_BYTES // 1024} KiB: "
                          "not a secret")
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ConfigError(f"invalid configuration: {key}: {name} is not UTF-8 text") from None


def _takes_url(annotation: Any) -> bool:
    """Whether a field takes an http(s) URL (`config_model.HttpUrl`, optional too)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        return any(getattr(m, "func", None) is http_url for m in metadata) or _takes_url(base)
    if origin in (typing.Union, types.UnionType):
        return any(_takes_url(arg) for arg in typing.get_args(annotation) if arg is not type(None))
    return False


def _field_kind(annotation: Any) -> tuple[str, Any]:
    """("model", cls), ("list", item annotation), ("secret", None) or ("plain", None)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _field_kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        kinds = [_field_kind(arg) for arg in typing.get_args(annotation) if arg is not type(None)]
        return next((k for k in kinds if k[0] != "plain"), ("plain", None))
    if origin is list:
        args = typing.get_args(annotation)
        return ("list", args[0] if args else None)
    if annotation is SecretStr:
        return ("secret", None)
    if isinstance(annotation, type) and issubclass(annotation, Section):
        return ("model", annotation)
    return ("plain", None)


_TYPE_HINTS = {
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "int_parsing": "write a whole number, e.g. 6",
    "int_type": "write a whole number, e.g. 6",
    "float_parsing": "write a number, e.g. 0.5",
    "float_type": "write a number, e.g. 0.5",
    "list_type": 'write a TOML list, e.g. ["127.0.0.1/32"]',
}
"""How to write a value of that type in an environment variable, where TOML's types are not
apparent."""


def _describe(exc: ValidationError, overridden: Mapping[str, str] | None = None, *,
              besides: Sequence[str] = (), skip: frozenset[str] = frozenset()) -> str:
    """The configuration's problems in one line: `besides` first, then each of `exc`'s but
    those at a key in `skip` or at an entry holding one (a check of the entry that the
    skipped value failed)."""
    lines = list(besides)
    overridden = overridden or {}
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"])
        if any(skipped == key or skipped.startswith(key + ".") for skipped in skip) and key:
            continue
        message = error["msg"].removeprefix("Value error, ")
        variable = overridden.get(".".join(str(part) for part in error["loc"][:2]))
        if variable is not None:
            message += f" (set by {variable})"
        if error["type"] == "extra_forbidden":
            lines.append(f"{key}: unknown config key")
        elif error["type"] in _TYPE_HINTS and variable is not None:
            lines.append(f"{key}: {message}; {_TYPE_HINTS[error['type']]}")
        elif error["type"] == "list_type" and isinstance(error.get("input"), dict):
            lines.append(_LIST_OF_TABLES.format(key=key))
        elif key and not message.startswith(key + "."):
            lines.append(f"{key}: {message}")
        else:
            lines.append(message)  # a check across keys names them itself
    return "invalid configuration: " + "; ".join(lines)
