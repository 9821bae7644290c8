"""Which ingest instance polls which source, when several share one state (`[state] url`).

Every instance is a member: it says it is alive in `ingest_members` (until `now + lease_s`)
and holds sources through claims in `ingest_claims` (source, owner, expiry). Every
`lease_s / 3` it renews what it holds and evens the work out (`plan`):

- its share is the number of sources divided by the live members, rounded up;
- it claims free sources (never claimed, released, or expired because their holder died)
  up to its share;
- it releases what it holds beyond its share (never a source being polled), so an instance
  that joins gets work.

A claim is taken by a compare-and-set (only when free, expired or already ours), so two
instances never hold one source at once, and an instance polls a source only while its
claim has at least a third of `lease_s` left: a live instance renews long before that, and
a dead one's sources are polled by another at most `lease_s` (plus one renewal round)
after its last renewal. A clean stop releases every claim at once. The times are the
instances' own clocks: keep them in step (NTP) to well within `lease_s`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from services.runtime.postgres import StateConnection, upsert_sql

SCHEMA = """
CREATE TABLE IF NOT EXISTS ingest_claims (
    source_key TEXT PRIMARY KEY,          -- the configured URL
    owner TEXT NOT NULL,                  -- the instance polling it
    expires_at REAL NOT NULL              -- epoch seconds; then any instance may take it
);
CREATE TABLE IF NOT EXISTS ingest_members (
    owner TEXT PRIMARY KEY,
    alive_until REAL NOT NULL
);
"""
# A member row is forgotten this many leases after it stopped renewing.
FORGET_MEMBER_LEASES = 10


@dataclass(frozen=True)
class Claim:
    source_key: str
    owner: str
    expires_at: float


@dataclass(frozen=True)
class Plan:
    """What one instance does in one round: sources to claim and to release."""

    claim: tuple[str, ...]
    release: tuple[str, ...]


def _spread(owner: str, source_key: str) -> bytes:
    # Each member tries free sources in its own order, so two members claiming together
    # mostly reach for different ones.
    return hashlib.blake2b(f"{owner}\n{source_key}".encode(), digest_size=8).digest()


def plan(sources: Sequence[str], claims: Mapping[str, Claim], *, me: str, live_members: int, now: float,
         busy: Collection[str] = ()) -> Plan:
    """The claims and releases that bring `me` to its share of `sources` (pure).

    `claims` are the stored claims by source; `live_members` counts the members alive now
    (`me` among them); `busy` are sources `me` is polling now, never released.
    """
    share = math.ceil(len(sources) / max(1, live_members))
    held = [s for s in sources if (c := claims.get(s)) is not None and c.owner == me and c.expires_at > now]
    free = [s for s in sources if (c := claims.get(s)) is None or c.expires_at <= now]
    release: list[str] = []
    if len(held) > share:
        idle = sorted((s for s in held if s not in busy), key=lambda s: _spread(me, s), reverse=True)
        release = idle[:len(held) - share]
    room = max(0, share - len(held))
    claim = sorted(free, key=lambda s: _spread(me, s))[:room]
    return Plan(tuple(claim), tuple(release))


class SourceClaims:
    """The claim and member tables on the stage's state connection."""

    def __init__(self, conn: StateConnection, *, owner: str, lease_s: float) -> None:
        self._conn = conn
        self.owner = owner
        self.lease_s = lease_s
        conn.executescript(SCHEMA)

    def heartbeat(self, now: float) -> int:
        """Say this member is alive until `now + lease_s`; returns the members alive now
        (this one included) and forgets those long gone."""
        self._conn.execute(upsert_sql("ingest_members", ("owner", "alive_until"), key=("owner",)),
                           (self.owner, now + self.lease_s))
        self._conn.execute("DELETE FROM ingest_members WHERE alive_until < ?",
                           (now - FORGET_MEMBER_LEASES * self.lease_s,))
        (alive,) = self._conn.execute("SELECT count(*) FROM ingest_members WHERE alive_until > ?",
                                      (now,)).fetchone()
        return int(alive)

    def claims(self) -> dict[str, Claim]:
        return {key: Claim(key, owner, expires_at)
                for key, owner, expires_at in self._conn.execute(
                    "SELECT source_key, owner, expires_at FROM ingest_claims").fetchall()}

    def take(self, source_key: str, now: float) -> bool:
        """Claim `source_key` until `now + lease_s` if it is free, expired or ours; True when
        it is ours now."""
        cursor = self._conn.execute(
            "INSERT INTO ingest_claims (source_key, owner, expires_at) VALUES (?, ?, ?)"
            " ON CONFLICT (source_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at"
            " WHERE ingest_claims.owner = excluded.owner OR ingest_claims.expires_at <= ?",
            (source_key, self.owner, now + self.lease_s, now))
        return cursor.rowcount == 1

    def renew(self, source_keys: Iterable[str], now: float) -> set[str]:
        """Extend our claims on `source_keys` to `now + lease_s`; returns those still ours
        (one another instance took after it expired is not)."""
        kept = set()
        for key in source_keys:
            cursor = self._conn.execute(
                "UPDATE ingest_claims SET expires_at = ? WHERE source_key = ? AND owner = ?",
                (now + self.lease_s, key, self.owner))
            if cursor.rowcount == 1:
                kept.add(key)
        return kept

    def release(self, source_keys: Iterable[str]) -> None:
        for key in source_keys:
            self._conn.execute("DELETE FROM ingest_claims WHERE source_key = ? AND owner = ?", (key, self.owner))

    def leave(self) -> None:
        """Release every claim and say this member is gone (a clean stop)."""
        self._conn.execute("DELETE FROM ingest_claims WHERE owner = ?", (self.owner,))
        self._conn.execute("DELETE FROM ingest_members WHERE owner = ?", (self.owner,))


class SourceOwnership:
    """This instance's part of the sources, kept up to date by `tick` (see the module doc)."""

    def __init__(self, claims: SourceClaims, sources: Sequence[str]) -> None:
        self._claims = claims
        self._sources = list(sources)
        self._held: dict[str, float] = {}  # source -> our claim's expiry
        self._next_at: float | None = None

    @property
    def lease_s(self) -> float:
        return self._claims.lease_s

    @property
    def held(self) -> set[str]:
        return set(self._held)

    def due(self, now: float) -> bool:
        return self._next_at is None or now >= self._next_at

    def tick(self, now: float, busy: Collection[str] = ()) -> tuple[set[str], set[str]]:
        """One round: renew, release beyond the share, claim up to it. Returns (gained, lost).
        Raises what the state connection raises."""
        live = self._claims.heartbeat(now)
        kept = self._claims.renew(self._held, now)
        lost = set(self._held) - kept
        self._held = {key: now + self.lease_s for key in kept}
        decided = plan(self._sources, self._claims.claims(), me=self._claims.owner, live_members=live, now=now,
                       busy=busy)
        self._claims.release(decided.release)
        for key in decided.release:
            self._held.pop(key, None)
        lost |= set(decided.release)
        gained = {key for key in decided.claim if self._claims.take(key, now)}
        self._held.update({key: now + self.lease_s for key in gained})
        self._next_at = now + self.lease_s / 3
        return gained, lost

    def may_poll(self, source_key: str, now: float) -> bool:
        """True while our claim on `source_key` has at least a third of the lease left."""
        expires_at = self._held.get(source_key)
        return expires_at is not None and expires_at - now >= self.lease_s / 3

    def leave(self) -> None:
        self._held.clear()
        self._claims.leave()
