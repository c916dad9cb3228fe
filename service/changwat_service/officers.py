"""Officer accounts (argon2id hashes) and server-side sessions."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from datetime import timedelta

import anyio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select

from .models import Officer, OfficerSession, utcnow

SESSION_TTL = timedelta(hours=8)
_hasher = PasswordHasher()
# Checked when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY = _hasher.hash(secrets.token_hex(16))


# How long a login waits for a free password check before it is told to come back: long enough for a few
# logins at once, short enough that a flood holds no more than a few threads and no memory.
HASH_WAIT_SECONDS = 2.0


class OfficerError(ValueError):
    pass


class Busy(Exception):
    """Every password check slot stayed taken while this login waited."""


class HashGate:
    """At most `slots` password checks at once in this process. argon2id takes 64 MiB and a core for each
    check, so forty at once took the service from 72 MiB to 2.3 GiB and its pages from 7 ms to 5 s.
    Waiting is done on the event loop, not in a worker thread: a flood of logins waiting for a slot must not
    take the threads that the citizens' requests need."""

    POLL = 0.02  # seconds between looks at the slots; a semaphore works across the loops tests start

    def __init__(self, slots: int, wait: float | None = None):
        self._slots = threading.BoundedSemaphore(slots)
        self.wait = HASH_WAIT_SECONDS if wait is None else wait

    async def __aenter__(self):
        deadline = time.monotonic() + self.wait
        while not self._slots.acquire(blocking=False):
            if time.monotonic() >= deadline:
                raise Busy()
            await anyio.sleep(self.POLL)
        return self

    async def __aexit__(self, *exc):
        self._slots.release()


def _check_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _validate_password(password: str) -> None:
    if len(password) < 12:
        raise OfficerError("The password must be at least 12 characters.")


def create(db, username: str, password: str) -> int:
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise OfficerError("The user name must be 1–64 characters without spaces.")
    _validate_password(password)
    with db.write() as s:
        if s.execute(select(Officer).where(Officer.username == username)).first():
            raise OfficerError(f"An officer named {username!r} exists already.")
        officer = Officer(username=username, password_hash=_hasher.hash(password))
        s.add(officer)
        s.flush()
        return officer.id


def authenticate(db, username: str, password: str) -> int | None:
    """The officer's id, or None. The web login calls this inside a HashGate."""
    with db.read() as s:
        officer = s.execute(select(Officer).where(Officer.username == username, Officer.active.is_(True))
                            ).scalar_one_or_none()
    ok = _check_password(officer.password_hash if officer else _DUMMY, password)
    if not ok or officer is None:
        return None
    if _hasher.check_needs_rehash(officer.password_hash):
        with db.write() as s:
            s.get(Officer, officer.id).password_hash = _hasher.hash(password)
    return officer.id


def _officer(s, username: str) -> Officer:
    officer = s.execute(select(Officer).where(Officer.username == username.strip())).scalar_one_or_none()
    if officer is None:
        raise OfficerError(f"No officer is named {username!r}.")
    return officer


def disable(db, username: str) -> int:
    """Disable the account and end its sessions at once; returns how many sessions ended."""
    with db.write() as s:
        officer = _officer(s, username)
        officer.active = False
        return s.execute(delete(OfficerSession).where(OfficerSession.officer_id == officer.id)).rowcount or 0


def reset_password(db, username: str, password: str) -> int:
    """Set a new password and end the account's sessions (whoever knew the old one is logged out);
    returns how many sessions ended. A disabled account stays disabled."""
    _validate_password(password)
    new_hash = _hasher.hash(password)
    with db.write() as s:
        officer = _officer(s, username)
        officer.password_hash = new_hash
        return s.execute(delete(OfficerSession).where(OfficerSession.officer_id == officer.id)).rowcount or 0


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
        # Active checked here too: a session of a disabled officer ends even if its row was somehow left.
        row = s.execute(select(OfficerSession, Officer.username).join(Officer)
                        .where(OfficerSession.token_hash == _hash(token), Officer.active.is_(True))).first()
    if row is None or row[0].expires_at < utcnow():
        return None
    return {"officer_id": row[0].officer_id, "username": row[1], "csrf": row[0].csrf}


def end_session(db, token: str | None) -> None:
    if token:
        with db.write() as s:
            s.execute(delete(OfficerSession).where(OfficerSession.token_hash == _hash(token)))
