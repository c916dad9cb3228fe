"""The satisfaction survey: store one answer, aggregate per month (Bangkok time) and section."""

from __future__ import annotations

from sqlalchemy import func, select, text

from .models import SurveyResponse
from .paths import OTHER, page_section, site_paths


def record(db, rating: int, comment: str | None, page: str, form_lang: str = "th") -> str:
    """Stores the answer against the site's own path for the page, or "other": the page field comes from the
    visitor, and sections are published on the statistics page. Returns the path stored."""
    page = site_paths().normalise(page)
    lang, section = (form_lang, OTHER) if page == OTHER else page_section(page)
    with db.write() as s:
        s.add(SurveyResponse(rating=rating, comment=comment, page=page, lang=lang, section=section))
    return page


def month_expr(dialect: str):
    if dialect == "sqlite":
        return func.strftime("%Y-%m", SurveyResponse.created_at, "+7 hours")
    return func.to_char(func.timezone("Asia/Bangkok", SurveyResponse.created_at), text("'YYYY-MM'"))


def aggregate(db) -> list[dict]:
    """Counts only: comments are read by the office, never published (they may name people)."""
    with db.read() as s:
        month = month_expr(s.get_bind().dialect.name).label("month")
        rows = s.execute(select(month, SurveyResponse.section, SurveyResponse.rating, func.count())
                         .group_by(month, SurveyResponse.section, SurveyResponse.rating)).all()
    groups: dict[tuple[str, str], dict] = {}
    for m, section, rating, n in rows:
        g = groups.setdefault((m, section), {"month": m, "section": section, "responses": 0,
                                             "ratings": {str(i): 0 for i in range(1, 6)}})
        g["responses"] += n
        g["ratings"][str(rating)] += n
    result = []
    for key in sorted(groups):
        g = groups[key]
        g["average"] = round(sum(int(r) * n for r, n in g["ratings"].items()) / g["responses"], 2)
        result.append(g)
    return result
