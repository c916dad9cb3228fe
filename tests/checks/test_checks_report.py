"""The gate's report: filters need reasons and start empty, fix hints fall back, exit codes mean what they say."""
from pathlib import Path

import pytest

from changwat.checks.__main__ import main
from changwat.checks.filters import FilterError, apply_filters, load_filters
from changwat.checks.report import CheckResult, Finding, FixHints, Report
from changwat.contracts.reports import read_checks_report

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gate" / "site"
SITE_URL = "https://gate.example.go.th/"


def test_shipped_filters_are_few_narrow_and_reasoned():
    """The shipped list hides only named elements of named IBM rules (false positives argued in their reasons);
    nothing of axe, the Nu checker or the other checks, and never a whole rule."""
    shipped = load_filters()
    assert len(shipped) <= 3
    for f in shipped:
        assert f["check"] == "ibm" and f["rule"].startswith("^") and f["element"].strip()
        assert len(f["reason"]) > 200


def test_a_filter_can_hide_one_element_only():
    e = {"check": "ibm", "rule": "^r$", "element": "^<a class=\"skip\"", "reason": "why"}
    result = CheckResult("ibm", findings=[Finding("ibm", "", "r", "m", element='<a class="skip">'),
                                          Finding("ibm", "", "r", "m", element='<a class="other">')])
    apply_filters(result, [e], Report())
    assert [f.element for f in result.findings] == ['<a class="other">']


def test_a_filter_without_a_reason_is_refused(tmp_path):
    f = tmp_path / "filters.yml"
    f.write_text("filters:\n  - {check: vnu, message: 'Stray end tag'}\n")
    with pytest.raises(FilterError, match="reason"):
        load_filters(f)


def test_applied_filters_are_printed_with_their_reason(tmp_path, capsys):
    f = tmp_path / "filters.yml"
    f.write_text("filters:\n  - {check: links, rule: '^broken-link$', pages: 'old/*', reason: 'Archived pages, see issue 12'}\n")
    r = CheckResult("links", [Finding("links", "old/a/", "broken-link", "x"), Finding("links", "new/", "broken-link", "y"),
                              Finding("links", "old/b/", "tool-failure", "z", severity="tool")])
    report = Report()
    apply_filters(r, load_filters(f), report)
    report.add(r)
    assert [x.page for x in r.findings] == ["new/", "old/b/"]  # a broken tool is never filtered
    report.print()
    out = capsys.readouterr().out
    assert "1 finding(s) hidden" in out and "Archived pages, see issue 12" in out


def test_exit_codes_and_needs_review():
    report = Report()
    report.add(CheckResult("axe", [Finding("axe", "", "color-contrast", "?", severity="warning", needs_review=True)]))
    assert report.exit_code() == 0 and report.counts(report.results[0])["incomplete"] == 1
    report.add(CheckResult("vnu", [Finding("vnu", "", "w", "warning", severity="warning", blocking=True)]))
    assert report.exit_code() == 1
    report.add(CheckResult("links", [Finding("links", "", "tool-failure", "broken", severity="tool")]))
    assert report.exit_code() == 2


def test_fix_hint_falls_back_to_the_generic_one():
    hints = FixHints()
    assert "alt" in hints.hint(Finding("axe", "", "image-alt", "m"))
    assert hints.hint(Finding("axe", "", "some-new-rule", "m")) == hints.generic["axe"]
    assert hints.hint(Finding("nocheck", "", "r", "m")) == hints.generic["default"]


def test_whole_gate_on_the_fixture_without_browser_checks(tmp_path, capsys):
    out = tmp_path / "r.json"
    code = main(["--site", str(FIXTURE), "--only", "links,i18n,privacy", "--json", str(out), "--site-url", SITE_URL])
    assert code == 1
    text = capsys.readouterr().out
    assert "summary" in text and "broken-link/:22" in text
    report = read_checks_report(out)
    assert report.checks["links"].errors == 2 and report.checks["privacy"].errors == 3  # a Google font, a CDN script, a map naming a CDN
    f = report.checks["links"].findings[0]
    assert f.check == "links" and f.rule == "broken-link" and f.line and f.fix and f.severity == "error"


def test_missing_site_folder_is_exit_2(tmp_path):
    assert main(["--site", str(tmp_path / "nope"), "--json", ""]) == 2


def test_the_audit_reads_the_checks_after_the_filters(tmp_path, monkeypatch):
    """A finding a reasoned filter hides does not fail the audit item that the check proves (F4b: links)."""
    import changwat.checks.__main__ as gate

    hide = [{"check": "links", "reason": "this test hides every finding of the links check"}]
    monkeypatch.setattr(gate, "load_filters", lambda: hide)
    out = tmp_path / "r.json"
    gate.main(["--site", str(FIXTURE), "--only", "links,audit", "--json", str(out), "--site-url", SITE_URL,
               "--reports", str(tmp_path)])
    report = read_checks_report(out)
    assert report.checks["links"].errors == 0
    assert not [f for f in report.checks["audit"].findings if f.rule == "gws-F4b"]
    monkeypatch.setattr(gate, "load_filters", lambda: [])
    gate.main(["--site", str(FIXTURE), "--only", "links,audit", "--json", str(out), "--site-url", SITE_URL,
               "--reports", str(tmp_path)])
    assert [f for f in read_checks_report(out).checks["audit"].findings if f.rule == "gws-F4b"]
