"""Questions and complaints: submission with a tracking code, public status, the office's reply, deletion."""

from __future__ import annotations

import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .models import Case, utcnow

# Crockford's base32: no I, L, O, U, so a code read over the phone is not misheard.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
STATUSES = ("received", "in_progress", "answered", "closed")
PERSONAL_FIELDS = ("name", "email", "phone", "subject", "body")
# The form script sends a UUID; anything else that is this shape is as good, anything not is ignored.
_KEY = re.compile(r"[A-Za-z0-9-]{16,64}")


def new_code(kind: str) -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{'Q' if kind == 'question' else 'C'}-{chars[:4]}-{chars[4:]}"


def idempotency_key(value) -> str | None:
    """The form fill's key if well formed; a malformed key is dropped (the case is still stored, just once)."""
    return value if isinstance(value, str) and _KEY.fullmatch(value) else None


def submit(db, kind: str, lang: str, fields: dict, key: str | None = None) -> str:
    """Store a case and return its tracking code (see submit_once)."""
    return submit_once(db, kind, lang, fields, key)[0]


def submit_once(db, kind: str, lang: str, fields: dict, key: str | None = None,
                on_created=None) -> tuple[str, bool]:
    """Store a case; returns its tracking code and whether this call stored it. A key seen before returns that
    case's code instead: the form script retries a failed fetch as a plain POST with the same key, and the case
    must be stored once (and its receipt mailed once). on_created(session, case) runs in the storing
    transaction (receipts.queue): what it writes is committed with the case, or not at all."""
    for _ in range(5):
        if key and (code := _code_for_key(db, key)):
            return code, False
        code = new_code(kind)
        try:
            with db.write() as s:
                case = Case(kind=kind, code=code, lang=lang, status="received", idempotency_key=key, **fields)
                s.add(case)
                if on_created is not None:
                    s.flush()  # the case's id for what on_created writes; a clash of code or key raises here
                    on_created(s, case)
            return code, True
        except IntegrityError:
            # 40 random bits: a clash of codes is rare, and a retry with a new code resolves it. A clash of
            # keys is the same submission arriving twice at once: the loop returns the first one's code.
            continue
    raise RuntimeError("could not allocate a tracking code")


def _code_for_key(db, key: str) -> str | None:
    with db.read() as s:
        return s.execute(select(Case.code).where(Case.idempotency_key == key)).scalar_one_or_none()


def public_status(db, code: str) -> dict | None:
    """What anyone holding the code may see: never the name, address, phone or the text of the case."""
    with db.read() as s:
        case = s.execute(select(Case).where(Case.code == code)).scalar_one_or_none()
    if case is None:
        return None
    return {
        "code": case.code, "kind": case.kind,
        "status": "deleted" if case.purged_at and case.status != "closed" else case.status,
        "received": case.created_at.isoformat(timespec="minutes"),
        "updated": case.updated_at.isoformat(timespec="minutes"),
        "reply": case.reply, "replied": case.replied_at.isoformat(timespec="minutes") if case.replied_at else None,
    }


def update(db, case_id: int, *, status: str, reply: str | None, public: bool, public_question: str | None) -> None:
    if status not in STATUSES:
        raise ValueError(status)
    now = utcnow()
    with db.write() as s:
        case = s.get(Case, case_id)
        if reply != case.reply:
            case.reply, case.replied_at = reply, (now if reply else None)
        if status != case.status:
            case.status = status
            case.closed_at = now if status == "closed" else None
        case.public = public and case.kind == "question" and bool(reply)
        case.public_question = public_question
        case.updated_at = now


def find_for_deletion(db, code: str, email: str) -> Case | None:
    with db.read() as s:
        case = s.execute(select(Case).where(Case.code == code)).scalar_one_or_none()
    if case is None or not case.email:
        return None
    return case if hmac.compare_digest(case.email.casefold().encode(), email.casefold().encode()) else None


def erase_personal_data(session, case: Case) -> None:
    for name in PERSONAL_FIELDS:
        setattr(case, name, None)
    case.purged_at = case.updated_at = utcnow()


def delete_on_request(db, case_id: int, code: str) -> bool:
    with db.write() as s:
        case = s.get(Case, case_id)
        if case is None or case.code != code:
            return False
        erase_personal_data(s, case)
        if case.status != "closed":
            case.status, case.closed_at = "closed", utcnow()
        return True
