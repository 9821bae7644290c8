"""The error hierarchy, named by what the caller does next.

- `RetryableError`: try again later (timeouts, 5xx, 429, SMTP 4xx); may say when.
- `PermanentError`: trying again will not help (4xx, a bad address); dead-letter it.
- `InvalidMessage`: a message that cannot be decoded or validated; dead-letter it.
- `ConfigError`: start-up stops, naming the bad key.
- `BusUnavailable`: the broker cannot be reached; the message names it.
- `StateInUse`: another process holds the state file; the message names it and its pid.
- `StateError`: the state database failed; the stage stops (going on would lose or repeat
  work). `StateCorrupt`: the state file is unusable at start, named in the message.
"""

from __future__ import annotations


class LaunchwatchError(Exception):
    """Base of every error launchwatch raises on purpose."""


class RetryableError(LaunchwatchError):
    """A failure that may pass: retry with backoff, honouring `retry_after_s` when given."""

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class PermanentError(LaunchwatchError):
    """A failure that retrying will not fix."""


class InvalidMessage(PermanentError):
    """A message that cannot be decoded or does not validate against its schema."""


class RetriesExhausted(PermanentError):
    """A retryable failure that kept failing until the attempt cap."""

    def __init__(self, message: str, *, attempts: int, last_error: BaseException) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last_error = last_error


class ConfigError(LaunchwatchError):
    """The configuration is wrong; the message names the key."""


class BusUnavailable(RetryableError):
    """The bus cannot be reached (no Kafka broker answers at `bootstrap_servers`)."""

    def __init__(self, message: str, *, bootstrap_servers: str) -> None:
        super().__init__(message)
        self.bootstrap_servers = bootstrap_servers


class TopicMissing(LaunchwatchError):
    """A topic a consumer was to read has no partitions on the broker (deleted after start-up,
    or never made)."""


class StateInUse(LaunchwatchError):
    """Another process holds the state file this one needs for itself."""

    def __init__(self, message: str, *, path: str, pid: int | None) -> None:
        super().__init__(message)
        self.path = path
        self.pid = pid
class StateError(LaunchwatchError):
    """The state database failed while working: the stage stops instead of going on without it."""


class StateCorrupt(StateError):
    """The state file is empty, truncated, corrupt or not launchwatch's; the message names it."""
