"""A per-recipient limit on the mails that anyone can trigger from a public form (subscription confirmations,
deletion links, tracking codes): the forms ask for no login, so without it they mail any inbox on demand.

The table keeps a keyed hash of the address, never the address, and only for the length of the window:
each check first forgets every send older than the window.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import datetime, timedelta

from sqlalchemy import Index, String, delete, func, select, text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow

ENV = "CHANGWAT_SERVICE_MAIL_LIMIT"
DEFAULT = "3/86400"  # mails per recipient / seconds: a lost mail can be asked for twice more in a day


class MailSend(Base):
    __tablename__ = "mail_sends"
    __table_args__ = (Index("ix_mail_sends_recipient_sent_at", "recipient", "sent_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


def limit_from_env(env=None) -> tuple[int, float]:
    spec = (os.environ if env is None else env).get(ENV) or DEFAULT
    count, _, seconds = spec.partition("/")
    try:
        return int(count), float(seconds)
    except ValueError:
        raise ValueError(f"{ENV}={spec!r}: write count/seconds, e.g. 3/86400.") from None


def recipient_key(secret: str, address: str) -> str:
    return hmac.new(secret.encode(), b"mail-recipient:" + address.strip().casefold().encode(),
                    hashlib.sha256).hexdigest()


def allow(db, secret: str, address: str, limit: tuple[int, float] | None = None, now: datetime | None = None) -> bool:
    """True, and the send counted, when the address has had fewer than `count` mails in the window."""
    with db.write() as s:
        return allow_in(s, secret, address, limit, now)


def allow_in(session, secret: str, address: str, limit: tuple[int, float] | None = None,
             now: datetime | None = None) -> bool:
    """allow() inside the caller's transaction: a receipt is counted in the one that stores its case and
    queues it, so a refused submission counts nothing and an accepted one counts once."""
    count, seconds = limit or limit_from_env()
    now = now or utcnow()
    key = recipient_key(secret, address)
    s = session
    if s.get_bind().dialect.name == "postgresql":
        # Two requests for one address at once would both count below the limit: queue them.
        s.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})
    s.execute(delete(MailSend).where(MailSend.sent_at < now - timedelta(seconds=seconds)))
    sent = s.execute(select(func.count()).select_from(MailSend).where(MailSend.recipient == key)).scalar_one()
    if sent >= count:
        return False
    s.add(MailSend(recipient=key, sent_at=now))
    return True
