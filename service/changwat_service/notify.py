"""`notify`: after a deploy, mail each new feed item once to each confirmed subscriber of its section (and send
whatever else waits in the outbox: a receipt the mail server refused earlier)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from . import feeds, links, mailer as mail, outbox, receipts, runlock
from .i18n import t
from .models import FeedItem, Subscriber, utcnow
from .office import load_office
from .settings import Settings


@dataclass
class NotifyReport:
    new_items: int
    queued: int
    delivery: outbox.DeliveryReport


def ingest(db, entries: list[feeds.Entry], max_age_days: int | None = 30, baseline: bool = False) -> tuple[int, int]:
    """Record unseen items and queue them. Old items (first deploy of a long-running site) and --baseline
    runs are recorded without mail, so subscribers never receive the archive."""
    now = utcnow()
    cutoff = now - timedelta(days=max_age_days) if max_age_days is not None else None
    new_items = queued = 0
    with db.write() as s:
        for e in entries:
            exists = s.execute(select(FeedItem.id).where(FeedItem.lang == e.lang, FeedItem.section == e.section,
                                                         FeedItem.key == e.key)).first()
            if exists:
                continue
            item = FeedItem(lang=e.lang, section=e.section, key=e.key, title=e.title, link=e.link,
                            summary=e.summary, published_at=e.published, first_seen_at=now)
            s.add(item)
            s.flush()
            new_items += 1
            if not baseline and (cutoff is None or e.published is None or e.published >= cutoff):
                queued += outbox.enqueue(s, item)
    return new_items, queued


def composer(settings: Settings, office=None):
    """compose(session, row) for outbox.deliver: an item for a confirmed subscriber, or a case's receipt."""
    domain = mail.sender_domain(settings)
    receipt = receipts.composer(settings, office or load_office(settings))

    def compose(session, row):
        if row.case_id is not None:
            return receipt(session, row)
        subscriber = session.get(Subscriber, row.subscriber_id)
        if subscriber is None or subscriber.status != "confirmed":
            return None
        item = session.get(FeedItem, row.item_id)
        unsubscribe = links.unsubscribe(settings, subscriber.id)
        lang = subscriber.lang
        body = f"{item.title}\n\n{item.summary}\n\n{item.link}\n\n-- \n{t('mail.item.footer', lang)}\n{unsubscribe}\n"
        return mail.build(
            settings, subscriber.email, f"[{t('section.' + item.section, lang)}] {item.title}", body,
            headers={
                # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to this URL, no login, no page.
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"{item.section}.{lang}.{domain}",
            },
            message_id=outbox.message_id(settings.secret, row.id, domain),
        )
    return compose


def run(db, settings: Settings, sources: list[str], mailer=None, max_age_days: int | None = 30,
        baseline: bool = False) -> NotifyReport:
    entries = feeds.load(sources)  # parse everything first: a broken feed stops the run before any mail
    holder = runlock.acquire(db, "notify")
    own_mailer = mailer is None
    mailer = mailer or mail.SmtpMailer(settings)
    try:
        new_items, queued = ingest(db, entries, max_age_days, baseline)
        last = [utcnow()]

        def keep_lock(_report):
            if utcnow() - last[0] > timedelta(seconds=30):
                runlock.heartbeat(db, "notify", holder)
                last[0] = utcnow()

        delivery = outbox.deliver(db, mailer, composer(settings), on_progress=keep_lock)
    finally:
        if own_mailer:
            mailer.close()
        runlock.release(db, "notify", holder)
    return NotifyReport(new_items, queued, delivery)
