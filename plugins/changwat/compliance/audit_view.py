"""The Government Website Standard audit's last result (reports/audit.json, written by `make check`), read for
the site's "Standard compliance" page. The page shows the previous audit: the audit judges a built site."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path


def load_audit(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return None
    return data


def audit_view(data: dict, lang: str) -> dict:
    items = [{
        "id": row["id"],
        "title": row["title"].get(lang, row["title"].get("th", "")),
        "status": row["status"],
        "evidence": row.get("evidence") or "",
        "detail": (row.get("why") or {}).get(lang) if row["status"] == "manual" else row.get("detail", ""),
    } for row in data["items"]]
    return {"rows": items, "counts": data.get("counts", {}),
            "checked_at": dt.datetime.fromisoformat(data["checked_at"]) if data.get("checked_at") else None}
