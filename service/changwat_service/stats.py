"""Visitor statistics: one counter per day (Bangkok time) and path. Nothing about the visitor is kept."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .models import PageCount

BANGKOK = timezone(timedelta(hours=7))


def today() -> date:
    return datetime.now(BANGKOK).date()


def record_hit(db, path: str, day: date | None = None) -> None:
    day = day or today()
    with db.write() as s:
        insert = sqlite_insert if s.get_bind().dialect.name == "sqlite" else pg_insert
        stmt = insert(PageCount).values(day=day, path=path, count=1)
        s.execute(stmt.on_conflict_do_update(index_elements=["day", "path"],
                                             set_={"count": PageCount.count + 1}))


def daily(db, days: int | None = None) -> list[dict]:
    with db.read() as s:
        q = select(PageCount).order_by(PageCount.day, PageCount.path)
        if days:
            q = q.where(PageCount.day > today() - timedelta(days=days))
        rows = s.execute(q).scalars().all()
    out: dict[date, dict] = {}
    for r in rows:
        d = out.setdefault(r.day, {"date": r.day.isoformat(), "total": 0, "pages": {}})
        d["pages"][r.path] = r.count
        d["total"] += r.count
    return list(out.values())
