"""The tables. Personal data lives only in cases (name, email, phone, subject, body) and subscribers (email)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint,
                        Index)
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on both backends: SQLite keeps no zone, and naive/aware comparisons would fail."""
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        if value is not None and dialect.name == "sqlite":
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    })
    type_annotation_map = {datetime: UTCDateTime()}


class Case(Base):
    """A question or a complaint. Status: received -> in_progress -> answered -> closed (or deleted)."""
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16), unique=True)
    lang: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    name: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    subject: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(Text)
    reply: Mapped[str | None] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    public_question: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Chosen by the form script once per form fill, so a retried post (fetch, then plain POST) finds this case.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    replied_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    purged_at: Mapped[datetime | None]


class Subscriber(Base):
    """One address for one language and section. Status: pending -> confirmed -> unsubscribed."""
    __tablename__ = "subscribers"
    __table_args__ = (UniqueConstraint("email", "lang", "section"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    lang: Mapped[str] = mapped_column(String(2))
    section: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    unsubscribed_at: Mapped[datetime | None]


class FeedItem(Base):
    """An item seen in the site's feeds; key is its link (or id), the same across the site and section feeds."""
    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("lang", "section", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    lang: Mapped[str] = mapped_column(String(2))
    section: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(500))
    title: Mapped[str] = mapped_column(String(500))
    link: Mapped[str] = mapped_column(String(1000))
    summary: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None]
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Outbox(Base):
    """One mail waiting to go out, delivered at least once by outbox.deliver: an item to a subscriber (the unique
    pair is what makes notify safe to re-run), or a case's receipt to the address its author gave (one per case,
    so a retried submission cannot queue a second one). The address is read from its subscriber or case when the
    mail is composed, never copied here.
    State: pending -> sending -> sent; failed after too many attempts; cancelled if the reader unsubscribed or the
    case's personal data was deleted first."""
    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("subscriber_id", "item_id"), Index("ix_outbox_state", "state"),
                      CheckConstraint("(case_id IS NULL) = (subscriber_id IS NOT NULL AND item_id IS NOT NULL)",
                                      name="one_mail"))
    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("feed_items.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]


class RunLock(Base):
    """Keeps two notify runs from sending at once; a crashed holder is detected and replaced."""
    __tablename__ = "run_locks"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(200))
    heartbeat_at: Mapped[datetime | None]


class SurveyResponse(Base):
    __tablename__ = "survey_responses"
    id: Mapped[int] = mapped_column(primary_key=True)
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    page: Mapped[str] = mapped_column(String(300))
    lang: Mapped[str] = mapped_column(String(2))
    section: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class PageCount(Base):
    """Visits per day and path: no address, no user agent, no cookie, nothing per visitor."""
    __tablename__ = "page_counts"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    path: Mapped[str] = mapped_column(String(300), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class Officer(Base):
    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfficerSession(Base):
    """Server-side sessions so that logging out really ends one; the cookie holds a token, we keep its hash."""
    __tablename__ = "officer_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column()


class RateLimit(Base):
    """Requests per rule, client and time slot (one window of the rule's seconds), shared by every worker and
    host on the database. The key is a keyed hash of the client's address (or /64), never the address; rows
    are deleted once expired."""
    __tablename__ = "rate_limits"
    rule: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    slot: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)  # Unix seconds: no longer read after this
