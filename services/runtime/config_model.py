"""Base model for configuration sections (unknown keys are an error) and the checked value
types that sections share."""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class Section(BaseModel):
    """A config table. `extra="forbid"` makes a misspelt key stop start-up, naming it; no
    number is `inf` or `nan` (TOML writes both: a grace of `inf` would never end)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def single_line(value: str) -> str:
    """`value` when it holds no control character: names and addresses end up in HTTP and
    mail headers, where a CR or LF would start a header of the writer's choosing."""
    bad = next((c for c in value if ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        raise ValueError(f"must be one line of text, without control characters (found {bad!r})")
    return value


def http_url(value: str) -> str:
    """`value` when it is an http(s) URL with a host; the message never echoes the value,
    which may be a secret."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise ValueError("must be an http:// or https:// URL with a host (and a port from 1 to 65535)") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError("must be an http:// or https:// URL with a host")
    single_line(value)
    return value


def time_zone(value: str) -> str:
    """`value` when it names an IANA time zone (`Asia/Seoul`)."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not an IANA time zone (such as Asia/Seoul or UTC)") from None
    return value


def host_port(value: str, example: str) -> str:
    """`value` when it is host:port with a port from 0 to 65535 (`example` shows the form)."""
    if "://" in value:
        raise ValueError(f"must be host:port without a scheme, e.g. {example}")
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ValueError(f"must be host:port, e.g. {example}")
    if int(port) > 65535:
        raise ValueError(f"port {port} is above 65535")
    if not _host(host):
        raise ValueError(f"{host!r} is no host name or IP address (host:port, e.g. {example})")
    return value


_HOST_NAME = re.compile(r"(?!-)[\w-]{1,63}(?<!-)(?:\.(?!-)[\w-]{1,63}(?<!-))*\.?", re.ASCII)


def _host(host: str) -> bool:
    """A name (RFC 1123 labels, and "_" as container names have), an IPv4 address, or an IPv6
    one in brackets."""
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        # Digits and dots alone are meant as an address ("999.1.1.1" is none), not a name.
        return not re.fullmatch(r"[\d.]+", host) and bool(_HOST_NAME.fullmatch(host))


def language_tag(value: str) -> str:
    """`value` when it is a language tag (`en`, `ko`, `pt-BR`, `pt_BR`)."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", value):
        raise ValueError(f"{value[:20]!r} is not a language tag (e.g. en, ko, ja, pl)")
    return value


def country_code(value: str) -> str:
    """`value` upper-cased when it is an ISO 3166-1 alpha-2 code (`KR`)."""
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. KR, JP, US)")
    return value.upper()


SingleLine = Annotated[str, AfterValidator(single_line)]
Name = Annotated[str, Field(min_length=1), AfterValidator(single_line)]
HttpUrl = Annotated[str, AfterValidator(http_url)]
TimeZone = Annotated[str, AfterValidator(time_zone)]
LanguageTag = Annotated[str, AfterValidator(language_tag)]
CountryCode = Annotated[str, AfterValidator(country_code)]
Port = Annotated[int, Field(ge=1, le=65535)]
