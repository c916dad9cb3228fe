"""Signed, optionally expiring tokens for e-mail links (confirm, unsubscribe, delete my data).

Each purpose signs with its own derived key, so an unsubscribe token can never pass as a deletion token.
No database row is needed to check one, which is what lets an unsubscribe link work without logging in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time


class TokenError(ValueError):
    """reason is "invalid" or "expired"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _key(secret: str, purpose: str) -> bytes:
    return hmac.new(secret.encode(), b"changwat-token:" + purpose.encode(), hashlib.sha256).digest()


def sign(secret: str, purpose: str, data: dict, ttl_seconds: int | None = None, now: float | None = None) -> str:
    payload = {"d": data}
    if ttl_seconds is not None:
        payload["e"] = int((time.time() if now is None else now) + ttl_seconds)
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    mac = hmac.new(_key(secret, purpose), body.encode(), hashlib.sha256).digest()[:20]
    return f"{body}.{_b64(mac)}"


def verify(secret: str, purpose: str, token: str, now: float | None = None) -> dict:
    if not isinstance(token, str) or token.count(".") != 1 or len(token) > 2048:
        raise TokenError("invalid")
    body, mac = token.split(".")
    expected = hmac.new(_key(secret, purpose), body.encode(), hashlib.sha256).digest()[:20]
    try:
        if not hmac.compare_digest(_unb64(mac), expected):
            raise TokenError("invalid")
        payload = json.loads(_unb64(body))
    except (ValueError, TypeError):
        raise TokenError("invalid") from None
    if "e" in payload and (time.time() if now is None else now) > payload["e"]:
        raise TokenError("expired")
    return payload["d"]
