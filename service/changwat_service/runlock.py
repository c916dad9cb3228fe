"""A lock row so that two notify runs (a deploy and a retry, say) never send at the same time.

A holder that crashed leaves the row behind; it is taken over when its process is gone (same host) or its
heartbeat is old (another host), which is what lets a re-run right after a crash recover at once.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from .models import RunLock, utcnow

STALE_AFTER = timedelta(minutes=10)


class LockHeld(RuntimeError):
    pass


def _alive_here(holder: str) -> bool:
    host, pid, _ = (holder.split(":") + ["", "", ""])[:3]
    if host != socket.gethostname():
        return True  # cannot tell from here: trust the heartbeat
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, ValueError):
        return False
    except PermissionError:
        return True
    return True


def acquire(db, name: str, now: datetime | None = None) -> str:
    now = now or utcnow()
    me = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    with db.write() as s:
        lock = s.get(RunLock, name)
        if lock is None:
            s.add(RunLock(name=name, holder=me, heartbeat_at=now))
            return me
        if lock.holder and _alive_here(lock.holder) and lock.heartbeat_at and now - lock.heartbeat_at < STALE_AFTER:
            raise LockHeld(f"another {name} run holds the lock: {lock.holder} since {lock.heartbeat_at:%Y-%m-%d %H:%M}")
        lock.holder, lock.heartbeat_at = me, now
    return me


def heartbeat(db, name: str, me: str) -> None:
    with db.write() as s:
        lock = s.execute(select(RunLock).where(RunLock.name == name)).scalar_one()
        if lock.holder != me:
            raise LockHeld(f"the {name} lock was taken over by {lock.holder}")
        lock.heartbeat_at = utcnow()


def release(db, name: str, me: str) -> None:
    with db.write() as s:
        lock = s.get(RunLock, name)
        if lock is not None and lock.holder == me:
            lock.holder = None
