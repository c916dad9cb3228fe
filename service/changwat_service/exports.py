"""Files for the site's next build (JSON) and for the office's spreadsheets (CSV, UTF-8 with BOM for Excel)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import select

from . import stats, subscriptions, survey
from .contract.exports import Answer, DayCount, QaExport, StatsExport, SurveyExport, SurveyMonth, write_export
from .models import Case, SurveyResponse, utcnow


def public_qa(db) -> dict[str, tuple[Answer, ...]]:
    """Answered questions the office marked public, per language, newest first. Only the office's
    public wording of the question is exported, never the citizen's own text or details."""
    with db.read() as s:
        rows = s.execute(select(Case).where(Case.kind == "question", Case.public.is_(True),
                                            Case.reply.is_not(None), Case.public_question.is_not(None))
                         .order_by(Case.replied_at.desc())).scalars().all()
    out: dict[str, list[Answer]] = {"th": [], "en": []}
    for c in rows:
        out.setdefault(c.lang, []).append(Answer(
            code=c.code, question=c.public_question, answer=c.reply,
            asked=c.created_at.date().isoformat(), answered=c.replied_at.date().isoformat(),
        ))
    return {lang: tuple(answers) for lang, answers in out.items()}


def export_all(db, out_dir: str | Path) -> list[Path]:
    """qa.json, survey.json and stats.json for the site's next build, in the format of contract/exports.py
    (each written beside its place, then renamed: a build never reads half a file)."""
    generated = utcnow().isoformat(timespec="seconds")
    exports = (
        QaExport(generated=generated, questions=public_qa(db)),
        SurveyExport(generated=generated, months=tuple(SurveyMonth(**m) for m in survey.aggregate(db))),
        StatsExport(generated=generated, days=tuple(DayCount(**d) for d in stats.daily(db))),
    )
    return [write_export(Path(out_dir), e) for e in exports]


def _safe_cell(value) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: citizens' text must stay text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(header: list[str], rows) -> str:
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    return buf.getvalue()


def cases_csv(db, kind: str | None = None) -> str:
    with db.read() as s:
        q = select(Case).order_by(Case.id)
        if kind:
            q = q.where(Case.kind == kind)
        rows = s.execute(q).scalars().all()
    header = ["code", "kind", "lang", "status", "received", "name", "email", "phone", "subject", "body", "reply",
              "public"]
    return _csv(header, ([c.code, c.kind, c.lang, c.status, c.created_at.isoformat(timespec="minutes"), c.name,
                          c.email, c.phone, c.subject, c.body, c.reply, "yes" if c.public else "no"] for c in rows))


def survey_csv(db) -> str:
    with db.read() as s:
        rows = s.execute(select(SurveyResponse).order_by(SurveyResponse.id)).scalars().all()
    return _csv(["received", "page", "section", "lang", "rating", "comment"],
                ([r.created_at.isoformat(timespec="minutes"), r.page, r.section, r.lang, r.rating, r.comment]
                 for r in rows))


def subscribers_csv(db) -> str:
    return _csv(["lang", "section", "status", "count"],
                ([r["lang"], r["section"], r["status"], r["count"]] for r in subscriptions.counts(db)))
