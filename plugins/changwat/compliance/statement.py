"""The accessibility statement (GOV.UK structure) from the gate's last reports and the office's data.

Facts come from the gate's files, never typed by hand: which engines ran and their versions, how many pages, the
screens (variants), the date of the run, what is still wrong and what needs a person (reports/checks.json and
reports/audit.json, written by `make check` / `make publish`). What only the office can say (scope, contact,
response times, the complaint and enforcement route, when the statement was prepared and reviewed, problems the
office knows of that no tool finds) comes from data/accessibility.yml. No MkDocs import: the plugin passes paths.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import yaml

from changwat.contracts.reports import AuditReport, ChecksReport
from changwat.core.problems import ContentError, Problem
from changwat.core.thai_dates import human_date, human_datetime

ENGINES = ("axe", "ibm")
# The first note of each engine's result names it and its version (checks/axe.py writes them).
_ENGINE_NOTE = re.compile(r"^(axe-core|accessibility-checker-engine) (\d[\w.\-]*)")
_VARIANT_NOTE = re.compile(r"^variant ([\w-]+): window\.innerWidth (\d+), pointer (\w+)")
NAMES = {"axe-core": "axe-core (Deque)", "accessibility-checker-engine": "IBM Equal Access Accessibility Checker"}
REQUIRED = ("scope", "contact", "enforcement", "prepared", "reviewed")

# The statement's own words (GOV.UK's headings), per language.
WORDS = {
    "th": {"scope": "ขอบเขตของแถลงการณ์", "how": "เว็บไซต์นี้เข้าถึงได้เพียงใด",
           "status_full": "สอดคล้องกับ WCAG 2.1 ระดับ AA ทั้งหมด",
           "status_partial": "สอดคล้องกับ WCAG 2.1 ระดับ AA บางส่วน เนื่องจากปัญหาที่ทราบด้านล่าง",
           "status_not": "ยังไม่สอดคล้องกับ WCAG 2.1 ระดับ AA: การตรวจอัตโนมัติครั้งล่าสุดพบปัญหาที่ต้องแก้",
           "status_none": "ยังไม่มีผลการตรวจอัตโนมัติ (ยังไม่ได้รันการตรวจมาตรฐาน)",
           "cannot": "หากเข้าถึงส่วนใดของเว็บไซต์ไม่ได้", "known": "ปัญหาที่ทราบ",
           "failing": "ปัญหาที่เครื่องมือตรวจพบและยังไม่ได้แก้", "advice": "ข้อแนะนำของเครื่องมือตรวจ (ไม่ใช่ข้อบกพร่องตาม WCAG)",
           "review": "สิ่งที่เครื่องมือตัดสินเองไม่ได้ ต้องให้คนตรวจ", "person": "รายการที่คนต้องตรวจ",
           "rule": "กฎ", "engine": "เครื่องมือ", "pages": "จำนวนหน้า", "example": "ตัวอย่างหน้า",
           "none_failing": "การตรวจอัตโนมัติครั้งล่าสุดไม่พบข้อบกพร่อง", "stop": "",
           "attested": "ตรวจและรับรองแล้ว", "not_attested": "ยังไม่ได้ตรวจ",
           "enforcement": "การร้องเรียนและหน่วยงานกำกับดูแล", "tested": "วิธีทดสอบเว็บไซต์นี้",
           "tested_engines": "ตรวจทุกหน้าทั้งภาษาไทยและภาษาอังกฤษด้วยเครื่องมือตรวจอัตโนมัติสองชุดที่ทำงานแยกกัน",
           "version": "รุ่น", "tested_pages": "จำนวนหน้าที่ตรวจ", "screens": "ขนาดจอที่ตรวจเพิ่ม",
           "screen": "กว้าง {width} px", "touch": "จอสัมผัส", "date": "วันที่ตรวจครั้งล่าสุด",
           "prepared": "การจัดทำแถลงการณ์", "prepared_on": "จัดทำเมื่อ", "reviewed_on": "ทบทวนล่าสุดเมื่อ",
           "auto_note": "ตัวเลขและรายการจากการตรวจอัตโนมัติในหน้านี้มาจากผลการตรวจครั้งล่าสุดโดยตรง"},
    "en": {"scope": "Scope of this statement", "how": "How accessible this website is",
           "status_full": "Fully compliant with WCAG 2.1 level AA",
           "status_partial": "Partially compliant with WCAG 2.1 level AA, because of the known problems below",
           "status_not": "Not compliant with WCAG 2.1 level AA: the last automated check found problems to fix",
           "status_none": "No automated results yet (the standards gate has not run)",
           "cannot": "What to do if you cannot access parts of this website", "known": "Known problems",
           "failing": "Problems the checkers found that are not fixed yet",
           "advice": "The checkers' advice (not WCAG failures)",
           "review": "What the checkers cannot decide: a person must check", "person": "Checks a person makes",
           "rule": "Rule", "engine": "Checker", "pages": "Pages", "example": "Example page",
           "none_failing": "The last automated check found no failures.", "stop": ".",
           "attested": "checked and attested", "not_attested": "not checked yet",
           "enforcement": "Complaints and enforcement", "tested": "How we tested this website",
           "tested_engines": "Every page, in Thai and English, is checked by two independent automated checkers",
           "version": "version", "tested_pages": "Pages checked", "screens": "Screens also checked",
           "screen": "{width} px wide", "touch": "touch screen", "date": "Date of the last check",
           "prepared": "Preparation of this statement", "prepared_on": "Prepared on", "reviewed_on": "Last reviewed on",
           "auto_note": "The figures and lists from the automated checks on this page come straight from the last check."},
}


def load_data(path: Path, name: str) -> dict:
    """data/accessibility.yml: per language th/en, the office's parts of the statement."""
    def problem(what_th, what_en, fix_th, fix_en, field=None):
        return ContentError([Problem(file=name, line=None, field=field, what_th=what_th, what_en=what_en,
                                     fix_th=fix_th, fix_en=fix_en)])
    if not path.is_file():
        raise problem("ไม่พบไฟล์ข้อมูลแถลงการณ์การเข้าถึง", "The accessibility statement's data file is missing",
                      f"สร้างไฟล์ {name} (ดูตัวอย่างใน data/accessibility.yml ของเว็บไซต์ตัวอย่าง)",
                      f"Create {name} (see the sample site's data/accessibility.yml)")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for key in REQUIRED:
        if key not in data:
            raise problem(f"ไม่มีหัวข้อ {key}", f"{key} is missing", f"เพิ่ม {key}: ในไฟล์", f"Add {key}: to the file",
                          key)
    for key in ("prepared", "reviewed"):
        if not isinstance(data[key], dt.date):
            raise problem(f"{key} ต้องเป็นวันที่แบบ ค.ศ. เช่น 2026-11-24", f"{key} must be a date such as 2026-11-24",
                          "เขียนวันที่เป็นปี ค.ศ.-เดือน-วัน", "Write the date as year-month-day (Common Era)", key)
    return data


def _local(value, lang: str):
    if isinstance(value, dict) and set(value) <= {"th", "en"}:
        return value.get(lang, value.get("th"))
    if isinstance(value, list):
        return [_local(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: _local(v, lang) for k, v in value.items()}
    return value


def statement_view(checks: ChecksReport | None, audit: AuditReport | None, data: dict, lang: str,
                   person_items: tuple[str, ...] = ()) -> dict:
    """What the template shows. `person_items`: the audit items that a person checks for accessibility."""
    engines, pages, screens = [], 0, []
    findings = []
    for name in ENGINES:
        summary = checks.checks.get(name) if checks else None
        if summary is None:
            continue
        for note in summary.notes:
            m = _ENGINE_NOTE.match(note)
            if m:
                engines.append({"name": NAMES.get(m.group(1), m.group(1)), "package": m.group(1),
                                "version": m.group(2), "pages": summary.pages, "check": name})
            v = _VARIANT_NOTE.match(note)
            if v:
                screens.append({"variant": v.group(1), "width": int(v.group(2)), "pointer": v.group(3)})
        pages = max(pages, summary.pages)
        findings += summary.findings
    failing, advice, review = defaultdict(set), defaultdict(set), defaultdict(set)
    for f in findings:
        if f.severity == "tool":
            continue
        key = (f.check, f.rule)
        (failing if f.blocking else review if f.needs_review else advice)[key].add(f.page or "/")
    rows = lambda groups: [{"check": c, "rule": r, "pages": len(p), "example": sorted(p)[0]}
                           for (c, r), p in sorted(groups.items())]
    person = []
    for item in (audit.items if audit else ()):
        if item.id in person_items:
            person.append({"id": item.id, "title": item.title.get(lang, item.title.get("th", "")),
                           "status": item.status, "attested": item.attested,
                           "check": (item.check or {}).get(lang, "")})
    accessible_pass = checks is not None and all(
        checks.checks.get(n) is not None and checks.checks[n].passed for n in ENGINES)
    known = _local(data.get("known_problems") or [], lang)
    status = ("full" if accessible_pass and not advice and not known and all(p["attested"] for p in person)
              else "partial" if accessible_pass else "not")
    checked_at = dt.datetime.fromisoformat(audit.checked_at) if audit else None
    return {
        "ran": bool(engines),
        "status": status,
        "engines": engines,
        "pages": pages,
        "screens": screens,
        "checked": human_datetime(checked_at, lang) if checked_at else "",
        "checked_iso": checked_at.isoformat() if checked_at else "",
        "failing": rows(failing), "advice": rows(advice), "review": rows(review),
        "person": person,
        "known": known,
        "scope": _local(data["scope"], lang),
        "contact": _local(data["contact"], lang),
        "enforcement": _local(data["enforcement"], lang),
        "prepared": human_date(data["prepared"], lang), "prepared_iso": data["prepared"].isoformat(),
        "reviewed": human_date(data["reviewed"], lang), "reviewed_iso": data["reviewed"].isoformat(),
        "words": WORDS.get(lang, WORDS["en"]),
    }
