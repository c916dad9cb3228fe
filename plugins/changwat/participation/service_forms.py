"""Civic participation on the static site: where the service's form partials live, the service's address, and
the service's exports (data/service/*.json: published answers, survey results, visit counts) as views for
templates. Plain module: no MkDocs import; participation/plugin.py hands this to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

from babel.dates import format_date

from changwat.contracts.exports import ContractError, QaExport, StatsExport, SurveyExport, read_export
from changwat.contracts.problems import content_error
from changwat.core.thai_dates import BUDDHIST_ERA_OFFSET, human_date, machine_date

# The service's partials and the forms script and style the site ships as its own files.
SNIPPET_TEMPLATES = ("case.html", "status.html", "subscribe.html", "survey.html", "delete.html")
SITE_ASSETS = ("changwat-forms.js", "changwat-forms.css")
EXPORTS = ("qa.json", "survey.json", "stats.json")

# The page components this feature gives (see changwat.core.components): forms, and views of the exports.
FORMS = {"question", "complaint", "status", "subscribe", "delete"}
DATA_VIEWS = {"qa", "survey-results", "visits"}


class ParticipationError(ValueError):
    pass


# The service's partials, shipped inside this package: a symlink to service/changwat_service/site_snippets/
# in the repository (changwat_service.site_snippets_dir()), a copy in the built wheel. One copy, no lookup.
SHIPPED_SNIPPETS = Path(__file__).resolve().parent / "service_snippets"


def snippets_dir(configured: str | None = None, base: Path | None = None) -> Path:
    """The service's form partials: the folder shipped with the kit, or one configured in mkdocs.yml
    (snippets_dir, relative to mkdocs.yml's folder) for a site that renders its own."""
    folder = SHIPPED_SNIPPETS
    if configured:
        folder = Path(configured) if Path(configured).is_absolute() else (base or Path.cwd()) / configured
    missing = [name for name in SNIPPET_TEMPLATES + SITE_ASSETS if not (folder / name).is_file()]
    if missing:
        raise ParticipationError(
            f"The service's form partials are not complete in {folder} (missing: {', '.join(missing)}). "
            + ("Fix snippets_dir of the changwat-participation plugin in mkdocs.yml, or remove it to use the "
               "partials that ship with the kit." if configured else
               "The kit is installed without them: reinstall it (pip install -e .)."))
    return folder


def check_service_url(value) -> str:
    """extra.service_url: an http(s) origin, optionally with a path; returned without a trailing slash."""
    if not isinstance(value, str) or not value.strip():
        raise ParticipationError(
            "mkdocs.yml needs the participation service's address under extra.service_url, e.g. "
            'service_url: !ENV [CHANGWAT_SERVICE_URL, "https://service.sample-province.go.th"]')
    url = value.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ParticipationError(f"extra.service_url in mkdocs.yml is not a web address: {value!r} "
                                 "(write it as https://service.example.go.th)")
    return url


def load_export(path: Path, name: str | None = None) -> QaExport | SurveyExport | StatsExport | None:
    """One of the service's export files (changwat.contracts.exports), or None when it is absent (nothing
    exported yet). ContentError naming the file and the field when it does not match what `export` writes."""
    try:
        return read_export(path, name)
    except ContractError as e:
        raise content_error(e) from None


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)  # the contract checked the form


def _datetime(value: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)  # the service writes UTC


def _day(value: str, lang: str) -> dict:
    day = _date(value)
    return {"human": human_date(day, lang), "machine": machine_date(day)}


def human_month(month: str, lang: str) -> str:
    """"2026-11" → "พฤศจิกายน 2569" / "November 2026"."""
    first = dt.date.fromisoformat(f"{month}-01")
    name = format_date(first, "LLLL", locale=lang)
    return f"{name} {first.year + BUDDHIST_ERA_OFFSET}" if lang == "th" else f"{name} {first.year}"


def section_labels(menu: list[tuple[str, list[str]]], sections: dict[str, str]) -> dict[str, str]:
    """What the survey calls each part of the site (the first segment of a page's address, "home" for the home
    page), from the names the site already gives it: a section's title in sections.yml, else the first menu entry
    (menu section or page, in menu order) whose pages all lie in that segment. `menu` is (title, language-neutral
    page addresses) per entry; `sections` is folder -> title, in the page's language."""
    labels = dict(sections)
    for title, urls in menu:
        segments = {url.split("/", 1)[0] or "home" for url in urls}
        if len(segments) == 1 and title:
            labels.setdefault(segments.pop(), title)
    return labels


def paragraphs(text: str) -> list[list[str]]:
    """Plain text from the back office → paragraphs of lines (the template escapes every line)."""
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    return [[line.strip() for line in block.split("\n") if line.strip()] for block in blocks if block.strip()]


def generated_view(data: QaExport | SurveyExport | StatsExport | None, lang: str) -> dict | None:
    when = _datetime(data.generated) if data else None
    return {"human": human_date(when, lang), "machine": machine_date(when.date())} if when else None


def qa_view(data: QaExport | None, lang: str) -> list[dict]:
    """Published questions and answers of one language, newest answer first."""
    out = []
    for row in data.questions.get(lang, ()) if data else ():
        if not row.question or not row.answer:
            continue
        out.append({
            "code": row.code,
            "anchor": "qa-" + re.sub(r"[^a-z0-9-]", "", row.code.lower()) if row.code else None,
            "question": row.question,
            "answer": paragraphs(row.answer),
            "asked": _day(row.asked, lang),
            "answered": _day(row.answered, lang),
        })
    out.sort(key=lambda r: r["answered"]["machine"], reverse=True)
    return out


def survey_view(data: SurveyExport | None, lang: str, labels: dict[str, str] | None = None) -> list[dict]:
    """Survey results per month (newest first) and section: responses, average, and the count of each rating.
    `labels` names the sections (see section_labels); a section without one shows its address segment."""
    rows = []
    for row in data.months if data else ():
        ratings = {str(r): row.ratings.get(str(r), 0) for r in range(1, 6)}
        responses = row.responses or sum(ratings.values())
        if responses <= 0:
            continue
        average = sum(int(r) * n for r, n in ratings.items()) / responses
        rows.append({"month": row.month, "month_human": human_month(row.month, lang),
                     "section": (labels or {}).get(row.section) or row.section,
                     "responses": responses, "average": f"{average:.2f}",
                     "ratings": [ratings[str(r)] for r in range(1, 6)]})
    rows.sort(key=lambda r: r["section"])
    rows.sort(key=lambda r: r["month"], reverse=True)
    return rows


def visits_view(data: StatsExport | None, lang: str, days: int = 31) -> dict | None:
    """Daily visit counts: the latest `days` days that have counts, newest first, and totals."""
    found = sorted(((_date(row.date), row.total) for row in (data.days if data else ())), reverse=True)
    if not found:
        return None
    shown = found[:days]
    return {
        "days": [{"human": human_date(d, lang), "machine": machine_date(d), "total": n} for d, n in shown],
        "shown_total": sum(n for _, n in shown),
        "first": {"human": human_date(shown[-1][0], lang), "machine": machine_date(shown[-1][0])},
        "last": {"human": human_date(shown[0][0], lang), "machine": machine_date(shown[0][0])},
        "all_total": sum(n for _, n in found),
        "since": {"human": human_date(found[-1][0], lang), "machine": machine_date(found[-1][0])},
    }
