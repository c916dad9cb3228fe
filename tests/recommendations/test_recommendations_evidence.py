"""Evidence from the site itself: met, not met, or pending, from the checks' and the audit's reports."""

from __future__ import annotations

from pathlib import Path

from changwat.recommendations.evidence import (
    MET, NOT_MET, PENDING, audit_states, check_states, judge, parse_evidence_map, read_json,
)
from changwat.recommendations.model import load_report

ROOT = Path(__file__).resolve().parents[2]
IDS = [r.id for r in load_report(ROOT / "data" / "recommendations.yml").recommendations]
MAPPING, PROBLEMS = parse_evidence_map((ROOT / "data" / "site-evidence.yml").read_text(encoding="utf-8"), IDS)


def checks(**blocking):
    return {"exit_code": 0, "checks": {name: {"errors": n, "blocking": n, "tool": 0, "findings": []}
                                       for name, n in blocking.items()}}


ALL_PASS = checks(vnu=0, axe=0, links=0, i18n=0, privacy=0)
AUDIT_PASS = {"items": {name: {"passed": True} for name in MAPPING.labels["audit"]}}


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


def test_check_states_use_blocking_findings_and_tool_failures():
    report = {"checks": {"vnu": {"blocking": 0, "tool": 1}, "axe": {"findings": [{"blocking": False}]},
                         "links": {"findings": [{"blocking": True}]}}}
    assert check_states(report) == {"vnu": NOT_MET, "axe": MET, "links": NOT_MET}


def test_the_audits_own_report_shape():
    # checks/audit.py: items with status pass / fail / manual; a manual item is never counted as passed.
    report = {"items": [{"id": "P6", "status": "pass"}, {"id": "P1", "status": "manual"}], "counts": {}}
    assert audit_states(report) == {"P6": MET, "P1": PENDING, "*": PENDING}
    result = judge(MAPPING, ALL_PASS, report)
    assert result["d1-s1-r4"].state == MET and result["d1-s1-r3"].state == PENDING
    assert result["d5-s2-r13"].state == MET     # checks only: the downloads exist and every link works


def test_audit_report_shapes():
    assert audit_states({"items": [{"id": "a", "passed": True}, {"id": "b", "status": "fail"}]}) == {
        "a": MET, "b": NOT_MET, "*": NOT_MET}
    assert audit_states({"items": {"a": {"status": "pass"}, "b": True}}) == {"a": MET, "b": MET, "*": MET}
    assert audit_states({"items": {"a": {"note": "?"}}})["*"] == PENDING
    assert audit_states({}) == {} and audit_states(None) == {}


def test_unreadable_report_is_treated_as_missing(tmp_path):
    half_written = tmp_path / "checks.json"
    half_written.write_text('{"checks": {', encoding="utf-8")
    assert read_json(half_written) is None and read_json(tmp_path / "absent.json") is None


def test_mapping_problems_name_the_file_and_field():
    _, problems = parse_evidence_map("sources: {checks: {vnu: {th: a, en: a}}}\n"
                                     "recommendations:\n  d9-s9-r9: {checks: [vnu]}\n  d1-s1-r2: {checks: [vnux]}\n", IDS)
    assert [(p.file, p.field) for p in problems] == [
        ("data/site-evidence.yml", "d9-s9-r9"), ("data/site-evidence.yml", "d1-s1-r2.checks")]
