"""Officer accounts (argon2id hashes) and server-side sessions."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select

from .models import Officer, OfficerSession, utcnow

SESSION_TTL = timedelta(hours=8)
_hasher = PasswordHasher()
# Checked when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY = _hasher.hash(secrets.token_hex(16))


class OfficerError(ValueError):
    pass


def create(db, username: str, password: str) -> int:
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise OfficerError("The user name must be 1–64 characters without spaces.")
    if len(password) < 12:
        raise OfficerError("The password must be at least 12 characters.")
    with db.write() as s:
        if s.execute(select(Officer).where(Officer.username == username)).first():
            raise OfficerError(f"An officer named {username!r} exists already.")
        officer = Officer(username=username, password_hash=_hasher.hash(password))
        s.add(officer)
        s.flush()
        return officer.id


def authenticate(db, username: str, password: str) -> int | None:
    with db.read() as s:
        officer = s.execute(select(Officer).where(Officer.username == username, Officer.active.is_(True))
                            ).scalar_one_or_none()
    try:
        _hasher.verify(officer.password_hash if officer else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if officer is None:
        return None
    if _hasher.check_needs_rehash(officer.password_hash):
        with db.write() as s:
            s.get(Officer, officer.id).password_hash = _hasher.hash(password)
    return officer.id


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db, officer_id: int) -> str:
    token = secrets.token_urlsafe(32)
    with db.write() as s:
        s.execute(delete(OfficerSession).where(OfficerSession.expires_at < utcnow()))
        s.add(OfficerSession(token_hash=_hash(token), officer_id=officer_id, csrf=secrets.token_urlsafe(32),
                             expires_at=utcnow() + SESSION_TTL))
    return token


def load_session(db, token: str | None) -> dict | None:
    if not token or len(token) > 100:
        return None
    with db.read() as s:
        row = s.execute(select(OfficerSession, Officer.username).join(Officer)
                        .where(OfficerSession.token_hash == _hash(token))).first()
    if row is None or row[0].expires_at < utcnow():
        return None
    return {"officer_id": row[0].officer_id, "username": row[1], "csrf": row[0].csrf}


def end_session(db, token: str | None) -> None:
    if token:
        with db.write() as s:
            s.execute(delete(OfficerSession).where(OfficerSession.token_hash == _hash(token)))
