"""The retention rule (PDPA): personal data is kept only as long as the case or subscription needs it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, update

from .cases import erase_personal_data
from .models import Case, OfficerSession, Outbox, Subscriber, SurveyResponse, utcnow

UNCONFIRMED_DAYS = 7   # a confirmation link lives 3 days; a little longer for mail delays
UNSUBSCRIBED_DAYS = 30  # the window in which "subscribe again" on the unsubscribe page still works


@dataclass
class PurgeReport:
    cases: int
    subscribers: int
    survey_comments: int
    outbox_rows: int


def purge(db, retention_days: int, now=None) -> PurgeReport:
    now = now or utcnow()
    cutoff = now - timedelta(days=retention_days)
    with db.write() as s:
        cases = s.execute(select(Case).where(Case.status == "closed", Case.closed_at < cutoff,
                                             Case.purged_at.is_(None))).scalars().all()
        for case in cases:
            erase_personal_data(s, case)
        gone = s.execute(delete(Subscriber).where(
            ((Subscriber.status == "pending") & (Subscriber.created_at < now - timedelta(days=UNCONFIRMED_DAYS)))
            | ((Subscriber.status == "unsubscribed")
               & (Subscriber.unsubscribed_at < now - timedelta(days=min(UNSUBSCRIBED_DAYS, retention_days)))))
        ).rowcount
        # Who received which item is itself personal data; unsent rows are kept so nothing is lost.
        outbox = s.execute(delete(Outbox).where(Outbox.state.in_(("sent", "failed", "cancelled")),
                                                Outbox.created_at < cutoff)).rowcount
        comments = s.execute(update(SurveyResponse).where(SurveyResponse.created_at < cutoff,
                                                          SurveyResponse.comment.is_not(None))
                             .values(comment=None)).rowcount
        s.execute(delete(OfficerSession).where(OfficerSession.expires_at < now))
    return PurgeReport(len(cases), gone, comments, outbox)
