"""Civic participation on the static site: where the service's form partials live, the service's address, and
the service's exports (data/service/*.json: published answers, survey results, visit counts) as views for
templates. Plain module: no MkDocs import; mkdocs_plugins/participation.py hands this to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from babel.dates import format_date

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


def snippets_dir(configured: str | None = None, base: Path | None = None) -> Path:
    """The service's site_snippets/ folder: as configured (relative to mkdocs.yml's folder), else next to the
    installed changwat_service package (an editable install of service/), else service/ in this repository."""
    candidates = []
    if configured:
        path = Path(configured)
        candidates.append(path if path.is_absolute() else (base or Path.cwd()) / path)
    else:
        spec = importlib.util.find_spec("changwat_service")
        if spec and spec.origin:
            candidates.append(Path(spec.origin).resolve().parent.parent / "site_snippets")
        candidates.append(Path(__file__).resolve().parents[2] / "service" / "site_snippets")
    for folder in candidates:
        if all((folder / name).is_file() for name in SNIPPET_TEMPLATES + SITE_ASSETS):
            return folder
    raise ParticipationError(
        "The service's form partials were not found (looked in: " + ", ".join(str(c) for c in candidates) + "). "
        "Install the service into the project's .venv (make serve does it: pip install -e service), or set "
        "snippets_dir for the changwat-participation plugin in mkdocs.yml.")


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


def load_export(path: Path) -> dict | None:
    """One of the service's export files, or None when it is absent or not what `export` writes."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _datetime(value) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)  # the service writes UTC


def _day(value, lang: str) -> dict | None:
    day = _date(value)
    return {"human": human_date(day, lang), "machine": machine_date(day)} if day else None


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


def generated_view(data: dict | None, lang: str) -> dict | None:
    when = _datetime(data.get("generated")) if data else None
    return {"human": human_date(when, lang), "machine": machine_date(when.date())} if when else None


def qa_view(data: dict | None, lang: str) -> list[dict]:
    """Published questions and answers of one language, newest answer first."""
    questions = (data or {}).get("questions")
    rows = questions.get(lang) if isinstance(questions, dict) else None
    out = []
    for row in rows or []:
        if not isinstance(row, dict) or not row.get("question") or not row.get("answer"):
            continue
        code = str(row.get("code") or "")
        out.append({
            "code": code,
            "anchor": "qa-" + re.sub(r"[^a-z0-9-]", "", code.lower()) if code else None,
            "question": str(row["question"]),
            "answer": paragraphs(str(row["answer"])),
            "asked": _day(row.get("asked"), lang),
            "answered": _day(row.get("answered"), lang),
        })
    out.sort(key=lambda r: r["answered"]["machine"] if r["answered"] else "", reverse=True)
    return out


def survey_view(data: dict | None, lang: str, labels: dict[str, str] | None = None) -> list[dict]:
    """Survey results per month (newest first) and section: responses, average, and the count of each rating.
    `labels` names the sections (see section_labels); a section without one shows its address segment."""
    rows = []
    for row in (data or {}).get("months") or []:
        try:
            month = str(row["month"])
            human = human_month(month, lang)
            ratings = {str(r): int((row.get("ratings") or {}).get(str(r), 0)) for r in range(1, 6)}
            responses = int(row.get("responses") or sum(ratings.values()))
        except (KeyError, TypeError, ValueError):
            continue
        if responses <= 0:
            continue
        average = sum(int(r) * n for r, n in ratings.items()) / responses
        rows.append({"month": month, "month_human": human, "section": (labels or {}).get(str(row.get("section"))) or str(row.get("section")),
                     "responses": responses, "average": f"{average:.2f}",
                     "ratings": [ratings[str(r)] for r in range(1, 6)]})
    rows.sort(key=lambda r: r["section"])
    rows.sort(key=lambda r: r["month"], reverse=True)
    return rows


def visits_view(data: dict | None, lang: str, days: int = 31) -> dict | None:
    """Daily visit counts: the latest `days` days that have counts, newest first, and totals."""
    found = []
    for row in (data or {}).get("days") or []:
        day = _date(row.get("date")) if isinstance(row, dict) else None
        try:
            total = int(row.get("total")) if day else 0
        except (TypeError, ValueError):
            continue
        if day:
            found.append((day, total))
    if not found:
        return None
    found.sort(reverse=True)
    shown = found[:days]
    return {
        "days": [{"human": human_date(d, lang), "machine": machine_date(d), "total": n} for d, n in shown],
        "shown_total": sum(n for _, n in shown),
        "first": {"human": human_date(shown[-1][0], lang), "machine": machine_date(shown[-1][0])},
        "last": {"human": human_date(shown[0][0], lang), "machine": machine_date(shown[0][0])},
        "all_total": sum(n for _, n in found),
        "since": {"human": human_date(found[-1][0], lang), "machine": machine_date(found[-1][0])},
    }
