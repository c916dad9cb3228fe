"""E-mail subscriptions per language and section, with double opt-in."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .models import Subscriber, utcnow


def subscribe(db, email: str, lang: str, sections: list[str]) -> list[int]:
    """Rows awaiting confirmation for this request. Already confirmed sections stay as they are, and the
    answer to the citizen is the same either way, so the form does not reveal who is subscribed."""
    try:
        return _subscribe(db, email, lang, sections)
    except IntegrityError:
        # The same request at the same moment (a double tap, a retry) inserted the row first: on PostgreSQL
        # both looked before either wrote. Run again: now the row is there and this is a repeat subscribe.
        return _subscribe(db, email, lang, sections)


def _subscribe(db, email: str, lang: str, sections: list[str]) -> list[int]:
    pending = []
    with db.write() as s:
        for section in sections:
            row = s.execute(select(Subscriber).where(Subscriber.email == email, Subscriber.lang == lang,
                                                     Subscriber.section == section)).scalar_one_or_none()
            if row is None:
                row = Subscriber(email=email, lang=lang, section=section, status="pending")
                s.add(row)
                s.flush()
            elif row.status == "unsubscribed":
                row.status, row.unsubscribed_at = "pending", None
            if row.status == "pending":
                pending.append(row.id)
    return pending


def confirm(db, ids: list[int], email: str) -> int:
    with db.write() as s:
        rows = s.execute(select(Subscriber).where(Subscriber.id.in_(ids), Subscriber.email == email)).scalars().all()
        for row in rows:
            if row.status == "pending":
                row.status, row.confirmed_at = "confirmed", utcnow()
        return len(rows)


def find(db, subscriber_id: int) -> Subscriber | None:
    with db.read() as s:
        return s.get(Subscriber, subscriber_id)


def unsubscribe(db, subscriber_id: int) -> Subscriber | None:
    with db.write() as s:
        row = s.get(Subscriber, subscriber_id)
        if row is not None and row.status != "unsubscribed":
            row.status, row.unsubscribed_at = "unsubscribed", utcnow()
        return row


def resubscribe(db, subscriber_id: int) -> Subscriber | None:
    """Undo from the unsubscribe page: the signed link already proves the address, so no new opt-in."""
    with db.write() as s:
        row = s.get(Subscriber, subscriber_id)
        if row is not None and row.status == "unsubscribed":
            row.status, row.unsubscribed_at, row.confirmed_at = "confirmed", None, utcnow()
        return row


def counts(db) -> list[dict]:
    with db.read() as s:
        rows = s.execute(select(Subscriber.lang, Subscriber.section, Subscriber.status, func.count())
                         .group_by(Subscriber.lang, Subscriber.section, Subscriber.status)
                         .order_by(Subscriber.lang, Subscriber.section, Subscriber.status)).all()
    return [{"lang": l, "section": sec, "status": st, "count": n} for l, sec, st, n in rows]
