"""The outbox: every mail that must not be lost, one row each, delivered at least once: an item to a subscriber
(`notify`), and a case's receipt to its author (sent by the request that stored the case, right after the answer,
and retried by the service's delivery loop and by `notify` until the server accepts it).

Each row is claimed (state "sending", committed) before the SMTP conversation and marked "sent" in a
second commit after the server accepts it. A crash before the accept leaves "sending": the next run sends it
(no loss). A crash in the few milliseconds between the server's accept and the commit also leaves "sending",
and the next run sends it again: the reader may get that one mail twice. We choose this at-least-once
behaviour over at-most-once because a missed procurement notice or tracking code costs more than a duplicate mail.
Exactly-once is not possible across SMTP; to narrow the gap, the resent copy carries the same Message-ID
(derived from the row), so mail systems and clients that collapse duplicates by Message-ID show it once.

Several senders may look at one row (a request's own send, the delivery loop of each service process, notify):
a row is claimed by one UPDATE that only succeeds on the state its sender saw, so two never send it at once. A
receipt left "sending" is taken for a crash only after LEASE (longer than an SMTP conversation may last), since
its sender may still be talking to the server; an item's "sending" row is a crash at once, notify holding the run
lock.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from .models import Outbox, utcnow

MAX_ATTEMPTS = 5
LEASE = timedelta(minutes=10)  # SmtpMailer's timeout is 30 s per step: a live send is long over by then
# The delivery loop waits this long after a receipt's n-th failed attempt (doubling), so a mail server that is
# down for an afternoon does not use up a receipt's attempts in minutes: 5, 10, 20, 40 min, then failed.
FIRST_BACKOFF = timedelta(minutes=5)
_ADDRESS = re.compile(r"[^\s<>\"'(),;:]+@[^\s<>\"'(),;:]+")
log = logging.getLogger("changwat_service.mail")


@dataclass
class DeliveryReport:
    sent: int = 0
    resent_after_crash: int = 0
    retry_later: int = 0
    failed: int = 0
    cancelled: int = 0
    errors: list[str] = field(default_factory=list)


def enqueue(session, item) -> int:
    """Queue the item for every subscriber of its language and section confirmed by now; returns the count."""
    from .models import Subscriber
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


def error_text(exc: Exception) -> str:
    """What is kept of a failure (the row's last_error, notify's output, the log): its kind and the server's
    answer, with any address taken out. smtplib puts the refused recipients in the exception's text, and servers
    often repeat the address in their answer; logs and the outbox must not hold the citizen's address."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        detail = "; ".join(f"{code} {msg.decode('utf-8', 'replace') if isinstance(msg, bytes) else msg}"
                           for code, msg in exc.recipients.values())
    else:
        detail = str(exc)
    return _ADDRESS.sub("[address]", f"{type(exc).__name__}: {detail}")[:500]


def _permanent(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def _unreachable(exc: Exception) -> bool:
    # SMTPException derives from OSError, so test for the server's own answers first.
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    return not isinstance(exc, smtplib.SMTPException)


def _due(now: datetime, backoff: bool):
    """Rows a sender may claim now: pending ones (after their wait, with backoff), and "sending" ones whose
    sender died: an item's at once (notify holds the run lock), a receipt's after LEASE."""
    pending = Outbox.state == "pending"
    if backoff:
        waits = [and_(Outbox.attempts == n, Outbox.claimed_at < now - FIRST_BACKOFF * 2 ** (n - 1))
                 for n in range(1, MAX_ATTEMPTS)]
        pending = and_(pending, or_(Outbox.attempts == 0, Outbox.claimed_at.is_(None), *waits))
    crashed = and_(Outbox.state == "sending",
                   or_(Outbox.case_id.is_(None), Outbox.claimed_at.is_(None), Outbox.claimed_at < now - LEASE))
    return or_(pending, crashed)


def deliver(db, mailer, compose, on_progress=None, *, where=None, backoff: bool = False,
            now: datetime | None = None) -> DeliveryReport:
    """Send the rows that are due (`where` narrows them: receipts only, one case's). compose(session, row)
    returns the EmailMessage, or None when the mail is no longer wanted (reader unsubscribed, personal data
    deleted): the row is cancelled. Rows left "sending" by a crashed sender are sent again."""
    report = DeliveryReport()
    now = now or utcnow()
    query = select(Outbox.id, Outbox.state, Outbox.claimed_at).where(_due(now, backoff)).order_by(Outbox.id)
    if where is not None:
        query = query.where(where)
    with db.read() as s:
        todo = s.execute(query).all()
    for row_id, state_at_start, claimed_seen in todo:
        with db.write() as s:
            # The claim: only if the row is still as this sender saw it, so no two senders both send it.
            seen = Outbox.claimed_at.is_(None) if claimed_seen is None else Outbox.claimed_at == claimed_seen
            claimed = s.execute(update(Outbox).where(Outbox.id == row_id, Outbox.state == state_at_start, seen)
                                .values(state="sending", attempts=Outbox.attempts + 1, claimed_at=utcnow())
                                .execution_options(synchronize_session=False)).rowcount
            if claimed != 1:
                continue
            row = s.get(Outbox, row_id, populate_existing=True)
            msg = compose(s, row)
            if msg is None:
                row.state, row.attempts = "cancelled", row.attempts - 1
                report.cancelled += 1
                continue
        try:
            mailer.send(msg)
        except (smtplib.SMTPException, OSError) as exc:
            error = error_text(exc)
            with db.write() as s:
                row = s.get(Outbox, row_id)
                row.last_error = error
                row.state = "failed" if _permanent(exc) or row.attempts >= MAX_ATTEMPTS else "pending"
                state, attempts = row.state, row.attempts
            if state == "failed":
                report.failed += 1
            else:
                report.retry_later += 1
            report.errors.append(error)
            log.warning("outbox row %s: %s after %s attempt(s): %s", row_id, state, attempts, error)
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
