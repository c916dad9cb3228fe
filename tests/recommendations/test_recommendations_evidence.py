"""Evidence from the site itself: met, not met, or pending, from the checks' and the audit's reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from changwat.contracts.reports import AuditItem, AuditReport, CheckSummary, ChecksReport, FindingRecord
from changwat.core.problems import ContentError
from changwat.recommendations.evidence import (
    MET, NOT_MET, PART, PENDING, WHOLE, audit_states, check_states, judge, parse_evidence_map, read_reports,
)
from changwat.recommendations.model import load_report

ROOT = Path(__file__).resolve().parents[2]
IDS = [r.id for r in load_report(ROOT / "data" / "recommendations.yml").recommendations]
MAPPING, PROBLEMS = parse_evidence_map((ROOT / "data" / "site-evidence.yml").read_text(encoding="utf-8"), IDS)


def summary(blocking=0, tool=0, findings=()):
    return CheckSummary(pages=1, errors=blocking, warnings=0, incomplete=0, tool=tool, blocking=blocking,
                        seconds=0.1, notes=(), findings=tuple(findings))


def checks(**blocking):
    return ChecksReport(exit_code=0, checks={name: summary(n) for name, n in blocking.items()}, applied_filters=())


def audit(**statuses):
    items = tuple(AuditItem(id=name, group="g", title={"th": name, "en": name}, status=status, evidence="",
                            detail="", why=None) for name, status in statuses.items())
    return AuditReport(checked_at="2026-11-24T10:00+07:00", site_url="https://x.go.th/", counts={}, items=items)


ALL_PASS = checks(vnu=0, axe=0, links=0, i18n=0, privacy=0)
AUDIT_PASS = audit(**{name: "pass" for name in MAPPING.labels["audit"]})


def test_the_mapping_covers_what_the_site_fulfils():
    assert PROBLEMS == []
    # a standard website, civic participation, complaints, open data (twice), usability and language/text size
    assert set(MAPPING.recommendations) == {
        "d1-s1-r2", "d1-s1-r3", "d1-s1-r4", "d1-s2-r5", "d3-s2-r11", "d3-s2-r12", "d5-s2-r13"}
    assert "vnu" in MAPPING.recommendations["d3-s2-r11"]["check"]  # W3C validity


def test_no_report_yet_means_pending_never_met():
    result = judge(MAPPING, None, None)
    assert {e.state for e in result.values()} == {PENDING}


def test_checks_alone_leave_audit_backed_recommendations_pending():
    result = judge(MAPPING, ALL_PASS, None)
    assert result["d1-s1-r2"].state == PENDING      # its audit part has no result yet
    assert all(s.state == MET for s in result["d1-s1-r2"].sources if s.kind == "check")


def test_everything_passing_is_met_and_names_the_checks():
    result = judge(MAPPING, ALL_PASS, AUDIT_PASS)
    assert {e.state for e in result.values()} == {MET}
    names = [s.name for s in result["d3-s2-r11"].sources]
    assert names == ["vnu", "i18n", "axe", "F3", "F5", "F6"]
    assert result["d3-s2-r11"].sources[0].label["en"].startswith("W3C")


def test_a_failing_check_turns_its_recommendations_to_not_met():
    result = judge(MAPPING, checks(vnu=3, axe=0, links=0, i18n=0, privacy=0), AUDIT_PASS)
    assert result["d3-s2-r11"].state == NOT_MET and result["d1-s1-r2"].state == NOT_MET
    assert result["d3-s2-r12"].state == MET           # needs axe and links only


def test_a_check_missing_from_the_report_stays_pending():
    result = judge(MAPPING, checks(axe=0, links=0), AUDIT_PASS)
    assert result["d3-s2-r12"].state == MET
    assert result["d3-s2-r11"].state == PENDING       # vnu and i18n were not run


def test_check_states_use_blocking_counts_and_tool_failures():
    review = FindingRecord("axe", "", "color-contrast", "?", "", None, "", "warning", False, True, "")
    report = ChecksReport(exit_code=2, applied_filters=(), checks={
        "vnu": summary(0, tool=1), "axe": summary(0, findings=[review]), "links": summary(1)})
    assert check_states(report) == {"vnu": NOT_MET, "axe": MET, "links": NOT_MET}


def test_the_audits_own_report_shape():
    # checks/audit.py: items with status pass / fail / manual; a manual item is never counted as passed.
    report = audit(P6="pass", P1="manual")
    assert audit_states(report) == {"P6": MET, "P1": PENDING, "*": PENDING}
    result = judge(MAPPING, ALL_PASS, report)
    assert result["d1-s1-r4"].state == MET and result["d1-s1-r3"].state == PENDING
    assert result["d5-s2-r13"].state == MET     # checks only: the downloads exist and every link works


def test_audit_states():
    assert audit_states(audit(a="pass", b="fail")) == {"a": MET, "b": NOT_MET, "*": NOT_MET}
    assert audit_states(audit(a="pass", b="pass")) == {"a": MET, "b": MET, "*": MET}
    assert audit_states(audit()) == {} and audit_states(None) == {}


def test_absent_reports_leave_evidence_pending(tmp_path):
    assert read_reports(tmp_path / "checks.json", tmp_path / "audit.json") == (None, None)


def test_a_half_written_report_stops_the_build_naming_the_file(tmp_path):
    half_written = tmp_path / "checks.json"
    half_written.write_text('{"checks": {', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_reports(half_written, tmp_path / "absent.json", "reports/checks.json")
    assert "reports/checks.json" in str(caught.value) and "make check" in str(caught.value)
    (tmp_path / "audit.json").write_text(json.dumps({"items": []}), encoding="utf-8")
    with pytest.raises(ContentError, match=r"reports/audit\.json \(checked_at\)"):
        read_reports(tmp_path / "absent.json", tmp_path / "audit.json", audit_name="reports/audit.json")


def test_mapping_problems_name_the_file_and_field():
    _, problems = parse_evidence_map("sources: {checks: {vnu: {th: a, en: a}}}\n"
                                     "recommendations:\n  d9-s9-r9: {checks: [vnu]}\n  d1-s1-r2: {checks: [vnux]}\n", IDS)
    assert [(p.file, p.field) for p in problems] == [
        ("data/site-evidence.yml", "d9-s9-r9"), ("data/site-evidence.yml", "d1-s1-r2.checks")]


# ---- Scope: whole decides, part is shown beside the officer's data ------------------------------------------

def test_every_sample_mapping_is_partial_and_says_why():
    # None of the sample's checks proves everything its recommendation asks (data/site-evidence.yml says what
    # each leaves out), so none may replace the officer's status or score.
    assert set(MAPPING.scopes.values()) == {PART}
    text = (ROOT / "data" / "site-evidence.yml").read_text(encoding="utf-8")
    assert text.count("# Why part:") == len(MAPPING.recommendations)


def test_the_complaint_check_passing_does_not_decide_d1_s1_r4():
    result = judge(MAPPING, ALL_PASS, audit(P6="pass"))["d1-s1-r4"]
    assert (result.state, result.scope, result.decides) == (MET, PART, False)


def test_scope_is_read_and_defaults_to_part():
    mapping, problems = parse_evidence_map(
        "sources: {checks: {vnu: {th: a, en: a}}}\n"
        "recommendations:\n  d1-s1-r2: {checks: [vnu], scope: whole}\n  d1-s1-r3: {checks: [vnu]}\n", IDS)
    assert problems == [] and mapping.scopes == {"d1-s1-r2": WHOLE, "d1-s1-r3": PART}
    result = judge(mapping, checks(vnu=0), None)
    assert result["d1-s1-r2"].decides and not result["d1-s1-r3"].decides
    assert not judge(mapping, None, None)["d1-s1-r2"].decides      # pending decides nothing, even when whole


def test_a_bad_scope_or_field_names_the_file_and_field():
    _, problems = parse_evidence_map(
        "sources: {checks: {vnu: {th: a, en: a}}}\n"
        "recommendations:\n  d1-s1-r2: {checks: [vnu], scope: all}\n  d1-s1-r3: {checks: [vnu], scpoe: part}\n", IDS)
    assert [(p.file, p.field) for p in problems] == [
        ("data/site-evidence.yml", "d1-s1-r2.scope"), ("data/site-evidence.yml", "d1-s1-r3.scpoe")]
    assert "whole" in problems[0].fix_en and "whole" in problems[0].fix_th
