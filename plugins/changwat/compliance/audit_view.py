"""The Government Website Standard audit's last result (reports/audit.json, written by `make check`), read for
the site's "Standard compliance" page. The page shows the previous audit: the audit judges a built site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from changwat.contracts.problems import content_error
from changwat.contracts.reports import AuditReport, ContractError, read_audit_report


def load_audit(path: Path, name: str | None = None) -> AuditReport | None:
    """The last audit, or None when the audit has not run yet (the page says so). ContentError naming the file
    and the field when the file is there but not a whole audit (cut short, edited by hand)."""
    try:
        return read_audit_report(path, name)
    except ContractError as e:
        raise content_error(e) from None


def audit_view(data: AuditReport, lang: str) -> dict:
    items = [{
        "id": row.id,
        "title": row.title.get(lang, row.title.get("th", "")),
        "status": row.status,
        "evidence": row.evidence,
        "detail": (row.why or {}).get(lang) if row.status == "manual" else row.detail,
    } for row in data.items]
    return {"rows": items, "counts": data.counts, "checked_at": dt.datetime.fromisoformat(data.checked_at)}
