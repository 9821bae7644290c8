"""Named failures of fetching and parsing a source, each saying what happens next.

Every error carries a short `code` for logs, metrics and `launchwatch feeds check`. The
retryable ones (DNS, TLS, connection, timeout, 429, 5xx) come back on the source's backoff
schedule; the permanent ones (4xx, too large, not a feed, unsafe document, blocked address)
need someone to fix the source or the config, but the source is still retried at the
maximum backoff so a fixed source is noticed without a restart.
"""

from __future__ import annotations

# The address guard's errors (DNS, blocked address) live with the guard, shared with notify.
from services.runtime.addresses import BlockedAddress, DnsError  # noqa: F401
from services.runtime.errors import PermanentError, RetryableError


class TlsError(RetryableError):
    """The TLS handshake or certificate check failed."""

    code = "tls"


class ConnectError(RetryableError):
    """The connection was refused, reset or closed early."""

    code = "connect"


class FetchTimeout(RetryableError):
    """The whole fetch (all redirects, headers and body) took longer than `timeout_s`."""

    code = "timeout"


class RateLimited(RetryableError):
    """HTTP 429: come back after `retry_after_s` (when the server said)."""

    code = "rate_limited"


class ServerHttpError(RetryableError):
    """HTTP 5xx."""

    code = "http_5xx"

    def __init__(self, message: str, *, status: int, retry_after_s: float | None = None) -> None:
        super().__init__(message, retry_after_s=retry_after_s)
        self.status = status


class ClientHttpError(PermanentError):
    """HTTP 4xx other than 429: the URL is wrong, gone or forbidden."""

    code = "http_4xx"

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class TooManyRedirects(PermanentError):
    code = "too_many_redirects"


class BodyTooLarge(PermanentError):
    """The body is larger than `max_body_bytes` (checked while streaming)."""

    code = "too_large"


class NotAFeed(PermanentError):
    """The document is not RSS, Atom, RDF or JSON Feed (or a page without matching links)."""

    code = "not_a_feed"


class RefusedDocument(PermanentError):
    """A document refused as hostile or unreasonably costly: its source is marked unhealthy
    at once, without waiting for `unhealthy_after_errors` failures."""


class UnsafeDocument(RefusedDocument):
    """The document declares nested entity expansion (an XML bomb) and is refused unparsed."""

    code = "unsafe_document"


class FeedTooComplex(RefusedDocument):
    """The document nests elements deeper, or holds more markup, than any feed or page needs
    (see `services.ingest.parser` and `services.ingest.pages` for the bounds)."""

    code = "too_complex"


class ParseTimeout(RefusedDocument):
    """Parsing the document took longer than `[ingest] parse_timeout_s`; its worker was killed."""

    code = "parse_timeout"


class ParseCrashed(RefusedDocument):
    """The worker process parsing the document died (out of memory, killed, a crash in C code)."""

    code = "parse_crashed"


def error_code(exc: BaseException) -> str:
    """The short name logged for `exc`: its `code`, or the class name for anything else."""
    return getattr(exc, "code", None) or type(exc).__name__


class PublishFailed(Exception):
    """The bus did not take a source's items (the broker is out of reach): the source is not
    at fault, and its next poll sends again what was not acknowledged."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.cause = cause
