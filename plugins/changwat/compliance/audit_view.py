"""The Government Website Standard audit's last result (reports/audit.json, written by `make check`), read for
the site's "Standard compliance" page. The page shows the previous audit: the audit judges a built site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from changwat.contracts.problems import content_error
from changwat.contracts.reports import AuditReport, ContractError, read_audit_report
from changwat.core.thai_dates import human_date

# The page's own words beyond ui.yml's audit_* strings: how an item is verified, and a person's attestation.
WORDS = {
    "th": {"how": "ตรวจอย่างไร", "automated": "ตรวจจากเว็บไซต์อัตโนมัติ", "person": "ตรวจโดยบุคคล",
           "attested": "รับรองแล้ว", "by": "ผู้รับรอง", "on": "เมื่อ", "proof": "หลักฐาน",
           "expired": "การรับรองเก่ากว่าหนึ่งปี ต้องตรวจใหม่", "to_check": "สิ่งที่ต้องตรวจ",
           "record": "บันทึกผลที่", "none": "ยังไม่มีผู้รับรอง", "valid_until": "ใช้ได้ถึง"},
    "en": {"how": "How verified", "automated": "Verified on the built site", "person": "Checked by a person",
           "attested": "Attested", "by": "By", "on": "on", "proof": "evidence",
           "expired": "The attestation is older than a year: check again", "to_check": "What to check",
           "record": "Record it in", "none": "Not attested yet", "valid_until": "valid until"},
}


def load_audit(path: Path, name: str | None = None) -> AuditReport | None:
    """The last audit, or None when the audit has not run yet (the page says so). ContentError naming the file
    and the field when the file is there but not a whole audit (cut short, edited by hand)."""
    try:
        return read_audit_report(path, name)
    except ContractError as e:
        raise content_error(e) from None


def _attestation(record, lang: str, today: dt.date) -> dict | None:
    if record is None:
        return None
    expires = dt.date.fromisoformat(record.expires)
    return {"who": record.who, "when": human_date(dt.date.fromisoformat(record.when), lang),
            "when_iso": record.when, "evidence": record.evidence, "note": record.note,
            "expires": human_date(expires, lang),
            # Still current when the audit ran and when this page is built: a page built a year later says so.
            "current": record.current and today < expires}


def audit_view(data: AuditReport, lang: str, today: dt.date | None = None) -> dict:
    today = today or dt.date.today()
    rows = []
    for row in data.items:
        attestation = _attestation(row.attestation, lang, today) if row.status == "manual" else None
        rows.append({
            "id": row.id,
            "title": row.title.get(lang, row.title.get("th", "")),
            "status": row.status,
            "attested": bool(attestation and attestation["current"]),
            "attestation": attestation,
            "how": row.how or ("person" if row.status == "manual" else "automated"),
            "evidence": row.evidence,
            "detail": (row.why or {}).get(lang) if row.status == "manual" else row.detail,
            "check": (row.check or {}).get(lang, ""),
            "record": row.record,
        })
    counts = dict(data.counts)
    counts["attested"] = sum(1 for r in rows if r["attested"])
    return {"rows": rows, "counts": counts, "checked_at": dt.datetime.fromisoformat(data.checked_at),
            "words": WORDS.get(lang, WORDS["en"])}
