"""Per-client token buckets, in process memory only.

Clients are keyed by a keyed hash of their address with a salt drawn at start-up and never written anywhere,
so neither the address nor anything that could be matched back to it outlives the process. With several
worker processes each keeps its own buckets: the effective limit is the per-process limit times workers.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, rules: dict[str, tuple[int, float]], clock=time.monotonic, max_clients: int = 50_000):
        self.rules = rules
        self._salt = os.urandom(32)
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: dict[tuple[str, bytes], _Bucket] = {}
        self._lock = threading.Lock()

    def client_key(self, address: str) -> bytes:
        return hashlib.blake2b(address.encode(), key=self._salt, digest_size=16).digest()

    def allow(self, rule: str, address: str) -> bool:
        if rule not in self.rules:
            return True
        capacity, seconds = self.rules[rule]
        rate = capacity / seconds
        now = self._clock()
        key = (rule, self.client_key(address))
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self._max_clients:
                    self._prune(now)
                bucket = self._buckets[key] = _Bucket(capacity, now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return True
            return False

    def _prune(self, now: float) -> None:
        # A bucket that has refilled is the same as no bucket: forgetting it loses nothing.
        for key, bucket in list(self._buckets.items()):
            capacity, seconds = self.rules[key[0]]
            if bucket.tokens + (now - bucket.updated) * capacity / seconds >= capacity:
                del self._buckets[key]
        if len(self._buckets) >= self._max_clients:
            # Under a flood of distinct addresses, memory is bounded before fairness.
            for key in list(self._buckets)[: len(self._buckets) // 2]:
                del self._buckets[key]
