"""Per-client request limits kept in the database, so every worker process and host shares them.

Each rule is `capacity` requests per `seconds`. Counts are kept per fixed slot of `seconds` and read as a
sliding window (the previous slot weighted by how much of it still lies inside the window), so a client
cannot double its allowance at a slot boundary. A count is one atomic UPSERT, so two workers counting the
same client at the same moment both count.

Clients are keyed by a keyed hash of their address, with a key derived from the service's secret (every
worker must derive the same key to share a bucket): the address itself is never stored, and a row is
deleted once its slot can no longer be read (at most two windows). An IPv6 client is its /64: one
household or phone gets one /64 and picks any address in it, so limits per exact address would give it
2^64 buckets.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import threading
import time

from sqlalchemy import delete, select, text
from sqlalchemy.dialects import postgresql, sqlite

from .models import RateLimit

# Rule names longer than the column are refused at start, not cut at the first request.
MAX_RULE = 20


def client_network(address: str) -> str:
    """What one client is for counting: an IPv4 address, an IPv6 /64, or the text itself if not an address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))
    return str(ip)


class RateLimiter:
    def __init__(self, rules: dict[str, tuple[int, float]], database, secret: str, clock=time.time,
                 prune_every: float = 60.0):
        too_long = [name for name in rules if len(name) > MAX_RULE]
        if too_long:
            raise ValueError(f"rate limit rule names must be at most {MAX_RULE} characters: {too_long}")
        self.rules = rules
        self.db = database
        self._postgres = database.engine.dialect.name == "postgresql"
        self._key = hmac.new(secret.encode(), b"changwat-service rate limits", hashlib.sha256).digest()
        self._clock = clock
        self._prune_every = prune_every
        self._last_prune = -math.inf
        self._prune_lock = threading.Lock()

    def client_key(self, address: str) -> str:
        return hashlib.blake2b(client_network(address).encode(), key=self._key, digest_size=16).hexdigest()

    def allow(self, rule: str, address: str) -> bool:
        """Count this request and say whether it is within the limit (refused requests count too)."""
        if rule not in self.rules:
            return True
        return self._count(rule, address) <= self.rules[rule][0]

    def record(self, rule: str, address: str) -> None:
        """Count an event without asking (e.g. a failed login, known only after the password check)."""
        if rule in self.rules:
            self._count(rule, address)

    def spent(self, rule: str, address: str) -> bool:
        """Whether one more event would exceed the limit, without counting anything."""
        if rule not in self.rules:
            return False
        capacity, seconds = self.rules[rule]
        now = self._clock()
        slot, weight = self._slot(now, seconds)
        key = self.client_key(address)
        with self.db.read() as s:
            counts = dict(s.execute(select(RateLimit.slot, RateLimit.count).where(
                RateLimit.rule == rule, RateLimit.key == key, RateLimit.slot.in_((slot - 1, slot)))).all())
        return counts.get(slot - 1, 0) * weight + counts.get(slot, 0) + 1 > capacity

    def prune(self) -> int:
        """Delete the rows no rule can read any more; returns how many."""
        with self.db.write() as s:
            return s.execute(delete(RateLimit).where(RateLimit.expires_at < int(self._clock()))).rowcount or 0

    @staticmethod
    def _slot(now: float, seconds: float) -> tuple[int, float]:
        slot = int(now // seconds)
        return slot, 1.0 - (now - slot * seconds) / seconds

    def _count(self, rule: str, address: str) -> float:
        """Add one to the current slot; return the sliding-window estimate including this request."""
        _, seconds = self.rules[rule]
        now = self._clock()
        slot, weight = self._slot(now, seconds)
        key = self.client_key(address)
        insert = postgresql.insert if self._postgres else sqlite.insert
        stmt = insert(RateLimit).values(rule=rule, key=key, slot=slot, count=1,
                                        expires_at=math.ceil((slot + 2) * seconds))
        stmt = stmt.on_conflict_do_update(index_elements=["rule", "key", "slot"],
                                          set_={"count": RateLimit.count + 1}).returning(RateLimit.count)
        with self.db.write() as s:
            if self._postgres:
                # A count lost in a crash costs nothing; waiting for the disk on every request costs milliseconds.
                s.execute(text("SET LOCAL synchronous_commit TO OFF"))
            current = s.execute(stmt).scalar_one()
            previous = s.execute(select(RateLimit.count).where(
                RateLimit.rule == rule, RateLimit.key == key, RateLimit.slot == slot - 1)).scalar() or 0
        self._maybe_prune(now)
        return previous * weight + current

    def _maybe_prune(self, now: float) -> None:
        # Once a minute per process is plenty: expired rows are never read, they only take space.
        if now - self._last_prune < self._prune_every or not self._prune_lock.acquire(blocking=False):
            return
        try:
            self._last_prune = now
            self.prune()
        finally:
            self._prune_lock.release()
