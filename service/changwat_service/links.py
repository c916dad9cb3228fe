"""Absolute links the service puts in mail, each carrying a signed token."""

from __future__ import annotations

from urllib.parse import quote

from . import tokens
from .settings import Settings

CONFIRM_TTL = 3 * 24 * 3600
DELETE_TTL = 24 * 3600


def confirm(settings: Settings, lang: str, subscriber_ids: list[int], email: str) -> str:
    token = tokens.sign(settings.secret, "confirm", {"ids": subscriber_ids, "e": email}, CONFIRM_TTL)
    return f"{settings.base_url}/{lang}/subscribe/confirm?token={quote(token)}"


def unsubscribe(settings: Settings, subscriber_id: int) -> str:
    # No expiry: a link in a mail from years ago must still unsubscribe.
    token = tokens.sign(settings.secret, "unsubscribe", {"s": subscriber_id})
    return f"{settings.base_url}/unsubscribe/{quote(token)}"


def delete(settings: Settings, lang: str, case_id: int, code: str) -> str:
    token = tokens.sign(settings.secret, "delete", {"c": case_id, "k": code}, DELETE_TTL)
    return f"{settings.base_url}/{lang}/delete/confirm?token={quote(token)}"
