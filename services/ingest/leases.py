"""When to ask a WebSub hub again: pure functions of the lease it granted and of failures.

- After a verification the subscription is renewed between 80 % and 90 % of the lease the
  hub *granted* (not the one asked for: hubs may grant less), at a random point so that
  subscriptions made together drift apart.
- No subscription is asked for more often than `min_request_interval_s`, whatever the
  lease: a hub granting 10 s is asked once a minute, not ten times.
- A request the hub refuses (4xx, 5xx), that cannot reach it, or that it never verifies is
  retried after a capped exponential backoff, and never before a `Retry-After`.
- After a restart a renewal that fell due while the process was down is spread over the
  next few minutes (sooner when the lease would end first), so a restart does not send
  every hub a request in the same second.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from services.runtime.retry import Backoff

MAX_RETRY_AFTER_S = 86400.0


@dataclass(frozen=True)
class LeasePolicy:
    renew_at: float = 0.9  # latest renewal point, as a fraction of the granted lease
    renew_spread: float = 0.1  # renewals come up to this fraction of the lease earlier
    min_request_interval_s: float = 60.0
    retry: Backoff = field(default_factory=lambda: Backoff(base_s=60.0, max_s=3600.0, jitter=0.2))
    restart_spread_s: float = 300.0

    def renewal_delay_s(self, granted_lease_s: float, rng: random.Random) -> float:
        """Seconds from a verification to the renewal request, never under the floor."""
        fraction = self.renew_at - self.renew_spread * rng.random()
        return max(self.min_request_interval_s, granted_lease_s * fraction)

    def retry_delay_s(self, attempts: int, rng: random.Random, retry_after_s: float | None = None) -> float:
        """Seconds until the next request after `attempts` unverified ones (1 = the first).

        Doubles from `retry.base_s` up to `retry.max_s`; a hub's Retry-After wins when longer
        (up to a day); never under the floor.
        """
        delay = self.retry.delay_s(attempts, None, rng)
        if retry_after_s is not None:
            delay = max(delay, min(retry_after_s, MAX_RETRY_AFTER_S))
        return max(self.min_request_interval_s, delay)

    def restored_attempt_at(self, next_attempt_at: float, lease_expires_at: float | None, now: float,
                            rng: random.Random) -> float:
        """When to ask the hub after a restart.

        As planned when that is still ahead. An overdue request goes to a random moment in
        the next `restart_spread_s` seconds, or within the first half of what is left of the
        lease when that is shorter, so that no lease runs out for the spreading.
        """
        if next_attempt_at > now:
            return next_attempt_at
        window = self.restart_spread_s
        if lease_expires_at is not None and lease_expires_at > now:
            window = min(window, (lease_expires_at - now) / 2)
        return now + window * rng.random()
