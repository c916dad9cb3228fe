"""On a real build: a report or export that is not whole stops the build with the file and the field in Thai
and English (never a traceback), and a whole one is published."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from changwat.contracts.reports import AuditItem, AuditReport, write_report
from conftest import ROOT, mkdocs_build, write_minisite

AUDIT = AuditReport(checked_at="2026-11-24T10:05+07:00", site_url="https://www.sample-province.go.th/",
                    counts={"pass": 1, "fail": 1, "manual": 0}, items=(
    AuditItem("P6", "pages", {"th": "หน้าติดต่อ", "en": "Contact page"}, "pass", "contact/", "found", None),
    AuditItem("Y2", "policies", {"th": "ลิงก์นโยบาย", "en": "Policy links"}, "fail", "", "no link", None),
))


def add_page(where: Path, rel: str, component: str) -> None:
    """A page showing one component (see changwat.core.components), in both languages."""
    for lang in ("th", "en"):
        path = where / "docs" / lang / rel
        path.write_text(f"---\ntitle: T\ndescription: T\ncomponents: [{component}]\nhidden: true\n---\n\n# T\n",
                        encoding="utf-8")


def failed_plainly(result, *expected: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output[-3000:]
    for text in expected:
        assert text in output, output[-3000:]


def test_the_compliance_page_publishes_a_whole_audit_and_refuses_a_broken_one(tmp_path):
    config = write_minisite(tmp_path)
    add_page(tmp_path, "compliance.md", "compliance")
    write_report(tmp_path / "reports" / "audit.json", AUDIT)
    result = mkdocs_build(config, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((tmp_path / "out" / "en" / "compliance" / "index.html").read_text("utf-8"), "lxml")
    rows = [[c.get_text(" ", strip=True) for c in tr.select("th, td")] for tr in page.select("tbody tr")]
    assert [r[:2] for r in rows] == [["P6", "Contact page"], ["Y2", "Policy links"]]

    data = dataclasses.asdict(AUDIT)
    data["items"][1]["status"] = "failed"
    (tmp_path / "reports" / "audit.json").write_text(json.dumps(data), encoding="utf-8")
    failed_plainly(mkdocs_build(config, tmp_path / "out2"), "reports/audit.json (items[1].status)",
                   "ปัญหา:", "one of pass, fail, manual", "make check")


def test_a_broken_service_export_stops_the_build_naming_file_and_field(tmp_path):
    config = write_minisite(tmp_path)
    add_page(tmp_path, "statistics.md", "visits")
    (tmp_path / "data" / "service").mkdir(parents=True)
    (tmp_path / "data" / "service" / "stats.json").write_text(json.dumps(
        {"generated": "2026-11-24T03:00:00+00:00", "days": [{"date": "2026-11-23", "total": "56", "pages": {}}]}),
        encoding="utf-8")
    failed_plainly(mkdocs_build(config, tmp_path / "out"), "data/service/stats.json (days[0].total)",
                   "ต้องเป็นจำนวนเต็ม", "expected a whole number", "make service-export")


def test_a_half_written_checks_report_stops_the_build(tmp_path):
    config = write_minisite(tmp_path)
    (tmp_path / "data").mkdir(exist_ok=True)  # write_minisite gave it data/office.yml
    for name in ("recommendations.yml", "progress.yml", "site-evidence.yml"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "checks.json").write_text('{"exit_code": 0, "checks": {"vnu": {"pages": 3,',
                                                      encoding="utf-8")
    failed_plainly(mkdocs_build(config, tmp_path / "out"), "reports/checks.json (line 1)",
                   "ไฟล์ไม่ใช่ JSON ที่สมบูรณ์", "not complete JSON", "make check")
