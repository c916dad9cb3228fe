"""The outbox: one row per (subscriber, item), delivered at least once.

Each row is claimed (state "sending", committed) before the SMTP conversation and marked "sent" in a
second commit after the server accepts it. A crash before the accept leaves "sending": the next run sends it
(no loss). A crash in the few milliseconds between the server's accept and the commit also leaves "sending",
and the next run sends it again: the reader may get that one mail twice. We choose this at-least-once
behaviour over at-most-once because a missed procurement notice costs more than a duplicate news mail.
Exactly-once is not possible across SMTP; to narrow the gap, the resent copy carries the same Message-ID
(derived from the row), so mail systems and clients that collapse duplicates by Message-ID show it once.
"""

from __future__ import annotations

import hashlib
import hmac
import smtplib
from dataclasses import dataclass, field

from sqlalchemy import select

from .models import FeedItem, Outbox, Subscriber, utcnow

MAX_ATTEMPTS = 5


@dataclass
class DeliveryReport:
    sent: int = 0
    resent_after_crash: int = 0
    retry_later: int = 0
    failed: int = 0
    cancelled: int = 0
    errors: list[str] = field(default_factory=list)


def enqueue(session, item: FeedItem) -> int:
    """Queue the item for every subscriber of its language and section confirmed by now; returns the count."""
    already = select(Outbox.subscriber_id).where(Outbox.item_id == item.id)
    ids = session.execute(
        select(Subscriber.id).where(Subscriber.lang == item.lang, Subscriber.section == item.section,
                                    Subscriber.status == "confirmed", Subscriber.id.not_in(already))
    ).scalars().all()
    session.add_all(Outbox(subscriber_id=i, item_id=item.id) for i in ids)
    return len(ids)


def message_id(secret: str, row_id: int, domain: str) -> str:
    tag = hmac.new(secret.encode(), f"outbox:{row_id}".encode(), hashlib.sha256).hexdigest()[:16]
    return f"<outbox-{row_id}-{tag}@{domain}>"


def _permanent(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def _unreachable(exc: Exception) -> bool:
    # SMTPException derives from OSError, so test for the server's own answers first.
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    return not isinstance(exc, smtplib.SMTPException)


def deliver(db, mailer, compose, on_progress=None) -> DeliveryReport:
    """compose(subscriber, item, row_id) -> EmailMessage. Rows left "sending" by a crashed run are sent again."""
    report = DeliveryReport()
    with db.read() as s:
        todo = s.execute(select(Outbox.id, Outbox.state).where(Outbox.state.in_(("pending", "sending")))
                         .order_by(Outbox.id)).all()
    for row_id, state_at_start in todo:
        with db.write() as s:
            row = s.get(Outbox, row_id)
            if row is None or row.state not in ("pending", "sending"):
                continue
            subscriber = s.get(Subscriber, row.subscriber_id)
            if subscriber.status != "confirmed":
                row.state = "cancelled"
                report.cancelled += 1
                continue
            item = s.get(FeedItem, row.item_id)
            row.state, row.attempts, row.claimed_at = "sending", row.attempts + 1, utcnow()
            msg = compose(subscriber, item, row.id)
        try:
            mailer.send(msg)
        except (smtplib.SMTPException, OSError) as exc:
            with db.write() as s:
                row = s.get(Outbox, row_id)
                row.last_error = f"{type(exc).__name__}: {exc}"[:500]
                row.state = "failed" if _permanent(exc) or row.attempts >= MAX_ATTEMPTS else "pending"
            if row.state == "failed":
                report.failed += 1
            else:
                report.retry_later += 1
            report.errors.append(row.last_error)
            if _unreachable(exc):
                break  # the server is unreachable: the rest waits for the next run rather than burning attempts
            continue
        with db.write() as s:
            row = s.get(Outbox, row_id)
            row.state, row.sent_at, row.last_error = "sent", utcnow(), None
        report.sent += 1
        if state_at_start == "sending":
            report.resent_after_crash += 1
        if on_progress:
            on_progress(report)
    return report
