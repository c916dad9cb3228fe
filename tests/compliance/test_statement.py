"""The accessibility statement component: its facts are the gate's last reports (change the report, the page
changes), its office parts come from data/accessibility.yml, its dates are Buddhist era in Thai."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup

from changwat.contracts.reports import CheckSummary, ChecksReport, FindingRecord, write_report
from conftest import mkdocs_build
from test_compliance import AUDIT

DATA = Path(__file__).parents[2] / "data" / "accessibility.yml"


def finding(check, page, rule, severity="error", blocking=True, review=False):
    return FindingRecord(check, page, rule, "message", "element", None, "fix", severity, blocking, review, "")


def checks_report(pages: int, axe_version: str, ibm_findings=()) -> ChecksReport:
    def summary(notes, findings=()):
        blocking = sum(f.blocking for f in findings)
        return CheckSummary(pages, sum(f.severity == "error" for f in findings), 0,
                            sum(f.needs_review for f in findings), 0, blocking, 1.0, tuple(notes), tuple(findings))
    return ChecksReport(exit_code=1 if any(f.blocking for f in ibm_findings) else 0, checks={
        "axe": summary([f"axe-core {axe_version} (/x/axe.min.js), tags: wcag2aa",
                        "variant phone: window.innerWidth 360, pointer coarse, devicePixelRatio 3, maxTouchPoints 5"]),
        "ibm": summary(["accessibility-checker-engine 4.0.34 (/x/ace.js), policy IBM_Accessibility"], ibm_findings),
    }, applied_filters=())


def statement_site(minisite, report: ChecksReport):
    root = minisite.parent
    docs = root / "docs"
    for lang, title in (("th", "แถลงการณ์การเข้าถึง"), ("en", "Accessibility statement")):
        (docs / lang / "accessibility.md").write_text(
            f"---\ntitle: {title}\ncomponents: [accessibility_statement]\n---\n\n# {title}\n\nIntro.\n",
            encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    shutil.copyfile(DATA, root / "data" / "accessibility.yml")
    write_report(root / "reports" / "audit.json", AUDIT)
    write_report(root / "reports" / "checks.json", report)
    config = minisite.read_text(encoding="utf-8")
    if "accessibility.md" not in config:
        minisite.write_text(config.replace("      - news/index.md\n", "      - news/index.md\n  - accessibility.md\n"),
                            encoding="utf-8")
    return minisite


def statement(out: Path, prefix: str):
    html = (out / prefix / "accessibility" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml").select_one("[data-changwat-statement]")


def test_the_statement_shows_the_numbers_of_the_report_it_was_built_from(minisite, tmp_path):
    assert mkdocs_build(statement_site(minisite, checks_report(282, "4.14.1")), tmp_path / "a").returncode == 0
    th, en = statement(tmp_path / "a", ""), statement(tmp_path / "a", "en/")
    assert en["data-changwat-statement"] == "partial"  # the office lists known problems and F2 is not attested
    assert en.select_one("[data-changwat-pages]").get_text() == "282"
    versions = [v.get_text() for v in en.select("[data-changwat-engine-version]")]
    assert versions == ["4.14.1", "4.0.34"]
    assert "360 px wide, touch screen" in en.get_text()
    assert "24 November 2026" in en.get_text() and "24 พฤศจิกายน 2569" in th.get_text()  # run date, Buddhist era
    assert "The last automated check found no failures" in en.get_text()
    # Another report: other numbers, and a violation becomes a known problem and the status says so.
    broken = checks_report(300, "4.15.0", (finding("ibm", "about/", "label_ref_valid"),
                                           finding("ibm", "news/", "label_ref_valid"),
                                           finding("ibm", "", "style_focus_visible", "warning", False, True)))
    assert mkdocs_build(statement_site(minisite, broken), tmp_path / "b").returncode == 0
    en = statement(tmp_path / "b", "en/")
    assert en["data-changwat-statement"] == "not"
    assert en.select_one("[data-changwat-pages]").get_text() == "300"
    assert [v.get_text() for v in en.select("[data-changwat-engine-version]")] == ["4.15.0", "4.0.34"]
    rows = {tr.select("td")[1].get_text(): tr.select("td")[2].get_text() for tr in en.select("tbody tr")}
    assert rows == {"label_ref_valid": "2", "style_focus_visible": "1"}


def test_the_office_parts_come_from_the_data_file(minisite, tmp_path):
    site = statement_site(minisite, checks_report(10, "4.14.1"))
    data = site.parent / "data" / "accessibility.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("saraban@sample-province.go.th", "a11y@example.go.th")
                    .replace("reviewed: 2026-11-24", "reviewed: 2027-01-05"), encoding="utf-8")
    assert mkdocs_build(site, tmp_path / "out").returncode == 0
    th, en = statement(tmp_path / "out", ""), statement(tmp_path / "out", "en/")
    assert "a11y@example.go.th" in en.get_text() and "a11y@example.go.th" in th.get_text()
    assert en.select_one("time[datetime='2027-01-05']") and "5 มกราคม 2570" in th.get_text()


def test_without_reports_the_statement_says_the_gate_has_not_run(minisite, tmp_path):
    site = statement_site(minisite, checks_report(10, "4.14.1"))
    (site.parent / "reports" / "checks.json").unlink()
    assert mkdocs_build(site, tmp_path / "out").returncode == 0
    en = statement(tmp_path / "out", "en/")
    assert "has not run" in en.get_text() and not en.select("[data-changwat-engine-version]")
