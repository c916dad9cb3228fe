"""reports/checks.json and reports/audit.json: what the gate writes is what the next build reads, and a file
that is not a whole report is refused naming the file and the field, in Thai and English."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from changwat.checks import audit, i18n, links, privacy
from changwat.checks.__main__ import main
from changwat.checks.report import CheckResult, Finding, Report
from changwat.checks.site import Site
from changwat.contracts.reports import (
    AttestationRecord, AuditItem, AuditReport, ChecksReport, ContractError, FindingRecord, read_audit_report, read_checks_report,
    write_report,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gate" / "site"
SITE_URL = "https://gate.example.go.th/"


def sample_report() -> Report:
    report = Report()
    report.add(CheckResult("vnu", [Finding("vnu", "en/about/", "html", "Stray end tag “span”.", "<span>", line=12)],
                           pages_checked=7, seconds=1.234, notes=["vnu 24.7.30"]))
    report.add(CheckResult("axe", [Finding("axe", "", "color-contrast", "?", severity="warning", needs_review=True,
                                           variant="text-200")], pages_checked=7))
    report.applied_filters.append(({"check": "links", "rule": "^broken-link$", "pages": "old/*",
                                    "reason": "Archived pages"}, 3))
    return report


def sample_audit() -> AuditReport:
    return AuditReport(checked_at="2026-11-24T10:05+07:00", site_url="https://www.sample-province.go.th/",
                       counts={"pass": 1, "fail": 0, "manual": 1}, items=(
        AuditItem("P6", "pages", {"th": "หน้าติดต่อ", "en": "Contact page"}, "pass", "contact/", "found", None),
        AuditItem("S2", "services", {"th": "ขั้นตอนบริการ", "en": "Service steps"}, "manual", "", "a person",
                  {"th": "ต้องอ่าน", "en": "A person must read"}, how="person",
                  check={"th": "อ่านทุกหน้า", "en": "Read every page"}, record="data/attestations.yml",
                  attestation=AttestationRecord("สมชาย", "2026-10-01", "https://example.go.th/r", "2027-10-01", True)),
    ), attestations_file="data/attestations.yml")


def written(tmp_path, data, name="checks.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def refusal(reader, path, name=None) -> ContractError:
    with pytest.raises(ContractError) as caught:
        reader(path, name)
    error = caught.value
    text = str(error)
    assert "ปัญหา:" in text and "Problem:" in text and "วิธีแก้:" in text and "How to fix:" in text
    assert (name or str(path)) in text
    return error


# ---- checks.json --------------------------------------------------------------------------------------------

def test_checks_report_round_trip(tmp_path):
    report = sample_report()
    report.write_json(tmp_path / "checks.json")
    back = read_checks_report(tmp_path / "checks.json")
    assert back == report.to_report()
    assert back.checks["vnu"].findings[0] == FindingRecord(
        "vnu", "en/about/", "html", "Stray end tag “span”.", "<span>", 12, report.findings[0].fix, "error", True,
        False, "")
    assert back.checks["axe"].passed and not back.checks["vnu"].passed
    assert back.applied_filters[0].matched == 3 and back.applied_filters[0].message is None
    # The published shape is unchanged: the same keys, in the same order, with a version at the end.
    data = json.loads((tmp_path / "checks.json").read_text(encoding="utf-8"))
    assert list(data) == ["exit_code", "checks", "applied_filters", "version"]
    assert list(data["checks"]["vnu"]) == ["pages", "errors", "warnings", "incomplete", "tool", "blocking", "seconds",
                                           "notes", "findings"]
    assert list(data["checks"]["vnu"]["findings"][0]) == [f.name for f in dataclasses.fields(Finding)]


def test_a_field_added_to_findings_must_be_added_to_the_format():
    assert [f.name for f in dataclasses.fields(Finding)] == [f.name for f in dataclasses.fields(FindingRecord)]


def test_a_report_from_before_the_version_field_still_reads(tmp_path):
    data = dataclasses.asdict(sample_report().to_report())
    del data["version"]
    assert read_checks_report(written(tmp_path, data)).version == 1


def test_checks_report_missing_field(tmp_path):
    data = dataclasses.asdict(sample_report().to_report())
    del data["checks"]["vnu"]["findings"][0]["blocking"]
    error = refusal(read_checks_report, written(tmp_path, data), "reports/checks.json")
    assert error.field == "checks.vnu.findings[0].blocking"
    assert "ไม่มีช่อง blocking" in error.what_th and "required field blocking is missing" in error.what_en
    assert "make check" in error.fix_en and "make check" in error.fix_th


@pytest.mark.parametrize("change, field, expected", [
    (lambda d: d["checks"]["vnu"]["findings"][0].update(line="12"), "checks.vnu.findings[0].line", "whole number"),
    (lambda d: d["checks"]["vnu"].update(errors=True), "checks.vnu.errors", "whole number"),
    (lambda d: d["checks"]["vnu"].update(seconds="1.2"), "checks.vnu.seconds", "a number"),
    (lambda d: d["checks"]["axe"]["findings"][0].update(severity="fatal"), "checks.axe.findings[0].severity",
     "one of error, warning, tool"),
    (lambda d: d.update(checks=[]), "checks", "an object"),
    (lambda d: d.update(exit_code=7), "exit_code", "one of 0, 1, 2"),
    (lambda d: d.update(version=2), "version", "format version 2"),
])
def test_checks_report_wrong_types(tmp_path, change, field, expected):
    data = dataclasses.asdict(sample_report().to_report())
    change(data)
    error = refusal(read_checks_report, written(tmp_path, data))
    assert error.field == field and expected in error.what_en


def test_a_truncated_checks_report(tmp_path):
    sample_report().write_json(tmp_path / "checks.json")
    text = (tmp_path / "checks.json").read_text(encoding="utf-8")
    (tmp_path / "checks.json").write_text(text[: len(text) // 2], encoding="utf-8")
    error = refusal(read_checks_report, tmp_path / "checks.json", "reports/checks.json")
    assert error.field.startswith("line ") and "not complete JSON" in error.what_en
    assert read_checks_report(tmp_path / "absent.json") is None  # not run yet is not an error


def test_the_gate_run_over_the_fixture_reads_back(tmp_path):
    out = tmp_path / "checks.json"
    assert main(["--site", str(FIXTURE), "--only", "links,i18n,privacy", "--json", str(out), "--site-url", SITE_URL]) == 1
    report = read_checks_report(out)
    assert report.exit_code == 1 and list(report.checks) == ["links", "i18n", "privacy"]
    links_result = report.checks["links"]
    assert links_result.errors == 2 == len([f for f in links_result.findings if f.severity == "error"])
    assert {f.page for f in links_result.findings} == {"broken-link/", "missing-fragment/"}
    assert not links_result.passed and "third-party-request" in {f.rule for f in report.checks["privacy"].findings}


# ---- audit.json ---------------------------------------------------------------------------------------------

def test_audit_report_round_trip(tmp_path):
    write_report(tmp_path / "audit.json", sample_audit())
    assert read_audit_report(tmp_path / "audit.json") == sample_audit()
    data = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert list(data) == ["checked_at", "site_url", "counts", "items", "version", "attestations_file"]
    assert list(data["items"][0]) == ["id", "group", "title", "status", "evidence", "detail", "why", "how", "check",
                                      "record", "attestation", "gws3"]
    assert read_audit_report(tmp_path / "audit.json").items[1].attested


def test_an_audit_report_written_before_attestations_still_reads(tmp_path):
    """The fields added for attestations have defaults: an older audit.json (and recommendations/evidence.py,
    which reads only id and status) is unaffected."""
    data = dataclasses.asdict(sample_audit())
    data.pop("attestations_file")
    for item in data["items"]:
        for name in ("how", "check", "record", "attestation", "gws3"):
            item.pop(name)
    report = read_audit_report(written(tmp_path, data, "audit.json"))
    assert [i.status for i in report.items] == ["pass", "manual"]
    assert report.items[1].attestation is None and not report.items[1].attested and report.attestations_file == ""


@pytest.mark.parametrize("change, field, expected", [
    (lambda d: d["items"][1].pop("status"), "items[1].status", "required field status is missing"),
    (lambda d: d["items"][0].update(status="passed"), "items[0].status", "one of pass, fail, manual"),
    (lambda d: d["items"][0].update(title="Contact page"), "items[0].title", "an object"),
    (lambda d: d["items"][1].update(why={"th": 1}), "items[1].why.th", "expected text"),
    (lambda d: d.update(checked_at="yesterday"), "checked_at", "a date and time"),
    (lambda d: d.update(items={"P6": {}}), "items", "a list"),
    (lambda d: d["items"][1].update(how="robot"), "items[1].how", "one of , automated, person"),
    (lambda d: d["items"][1]["attestation"].update(when="15/10/2026"), "items[1].attestation.when", "a date like"),
    (lambda d: d["items"][1]["attestation"].pop("who"), "items[1].attestation.who", "required field who"),
])
def test_audit_report_mismatches(tmp_path, change, field, expected):
    data = dataclasses.asdict(sample_audit())
    change(data)
    error = refusal(read_audit_report, written(tmp_path, data, "audit.json"), "reports/audit.json")
    assert error.field == field and expected in error.what_en


def test_a_truncated_audit_report(tmp_path):
    write_report(tmp_path / "audit.json", sample_audit())
    (tmp_path / "audit.json").write_bytes((tmp_path / "audit.json").read_bytes()[:100])
    assert "not complete JSON" in refusal(read_audit_report, tmp_path / "audit.json").what_en


def test_the_audit_over_the_fixture_reads_back(tmp_path):
    site = Site(FIXTURE, SITE_URL)
    results = {name: module.run(site) for name, module in (("i18n", i18n), ("links", links), ("privacy", privacy))}
    result = audit.run(site, results, tmp_path / "audit.json")
    report = read_audit_report(tmp_path / "audit.json")
    assert report.site_url == SITE_URL and len(report.items) == len(audit.load_yaml(audit.ITEMS)["items"])
    failed = {item.id for item in report.items if item.status == "fail"}
    assert failed == {f.rule.removeprefix("gws-") for f in result.findings} and failed
    assert report.counts == {**{s: sum(i.status == s for i in report.items) for s in ("pass", "fail", "manual")},
                             "attested": 0}
    assert all(item.why and item.check and item.how == "person" for item in report.items if item.status == "manual")
