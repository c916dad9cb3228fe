"""The Nu Html Checker check on the gate fixture: it finds the planted defects, passes clean pages,
and reports a missing or broken Java as a TOOL failure, never as invalid HTML."""
import os
import stat
import zipfile
from pathlib import Path

import pytest

from changwat.checks import vnu
from changwat.checks.__main__ import main
from changwat.checks.report import Report
from changwat.checks.site import Site
from changwat.contracts.reports import read_checks_report

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gate" / "site"
SITE_URL = "https://gate.example.go.th/"


@pytest.fixture(scope="module")
def result():
    r = vnu.run(Site(FIXTURE, SITE_URL))
    Report().add(r)  # fills each finding's fix from changwat.checks/fix_hints.yml
    return r


def on(result, page):
    return [f for f in result.findings if f.page == page]


def test_checker_version_is_the_pinned_one(result):
    assert any("Nu Html Checker 26.9.27" in n for n in result.notes)
    assert not [f for f in result.findings if f.severity == "tool"]


def test_invalid_markup_is_an_error_with_line_and_element(result):
    [f] = on(result, "invalid-markup/")
    assert f.severity == "error" and f.blocking
    assert "Stray end tag" in f.message and f.element == "</span>" and f.line == 21
    assert f.fix and "closing tag" in f.fix


def test_missing_alt_is_found(result):
    [f] = on(result, "image-alt/")
    assert "alt" in f.message and f.element.startswith("<img")


def test_wrong_language_warning_fails_the_run(result):
    [f] = on(result, "wrong-lang/")
    assert f.severity == "warning" and f.blocking, "vnu warnings count: the target is 0 errors, 0 warnings"
    assert "appears to be written in Thai" in f.message


def test_clean_pages_and_own_css_yield_nothing(result):
    for page in ("clean/", "en/clean/", "", "en/", "404.html", "en/404.html", "assets/site.css"):
        assert on(result, page) == [], page
    assert {f.page for f in result.findings} == {"invalid-markup/", "image-alt/", "wrong-lang/"}
    assert result.pages_checked == 23  # 22 pages and the site's own stylesheet


def test_third_party_theme_css_is_not_checked_but_said(tmp_path):
    (tmp_path / "assets/stylesheets").mkdir(parents=True)
    (tmp_path / "index.html").write_text((FIXTURE / "clean/index.html").read_text())
    (tmp_path / "assets/stylesheets/main.abc.min.css").write_text("a{colour:red}")
    (tmp_path / "assets/own.css").write_text("a { colr: red; }\n")
    r = vnu.run(Site(tmp_path, SITE_URL))
    assert [f.page for f in r.findings if f.message.startswith("CSS")] == ["assets/own.css"]
    assert any("third-party theme CSS" in n for n in r.notes)


def test_bogus_java_path_is_a_tool_failure(monkeypatch):
    monkeypatch.setenv("CHANGWAT_JAVA", "/nonexistent/bin/java")
    r = vnu.run(Site(FIXTURE, SITE_URL))
    [f] = r.findings
    assert f.severity == "tool" and "Java was not found" in f.message and "openjdk" in f.fix


def test_java_missing_from_path_is_a_tool_failure(monkeypatch, tmp_path):
    monkeypatch.delenv("CHANGWAT_JAVA", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    [f] = vnu.run(Site(FIXTURE, SITE_URL)).findings
    assert f.severity == "tool" and "Java was not found" in f.message


def fake_java(tmp_path, body):
    java = tmp_path / "java"
    java.write_text("#!/bin/sh\n" + body + "\n")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    return str(java)


def test_crashing_jvm_is_a_tool_failure_not_invalid_html(monkeypatch, tmp_path):
    monkeypatch.setenv("CHANGWAT_JAVA", fake_java(tmp_path, 'echo "Error: Could not create the Java Virtual Machine." >&2; exit 1'))
    [f] = vnu.run(Site(FIXTURE, SITE_URL)).findings
    assert f.severity == "tool" and "exit code 1" in f.message and "Virtual Machine" in f.message


def test_non_json_output_is_a_tool_failure(monkeypatch, tmp_path):
    monkeypatch.setenv("CHANGWAT_JAVA", fake_java(tmp_path, 'echo "Picked up JAVA_TOOL_OPTIONS"; exit 0'))
    [f] = vnu.run(Site(FIXTURE, SITE_URL)).findings
    assert f.severity == "tool" and "not the JSON report" in f.message


def test_an_old_checker_is_a_tool_failure(monkeypatch, tmp_path):
    jar = tmp_path / "vnu.jar"
    with zipfile.ZipFile(jar, "w") as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Version: 20.6.30\n")
    monkeypatch.setenv("CHANGWAT_VNU_JAR", str(jar))
    [f] = vnu.run(Site(FIXTURE, SITE_URL)).findings
    assert f.severity == "tool" and "20.6.30" in f.message and "26.9.27" in f.message


def test_gate_exits_2_on_a_tool_failure_and_writes_json(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CHANGWAT_JAVA", "/nonexistent/bin/java")
    out = tmp_path / "checks.json"
    code = main(["--site", str(FIXTURE), "--only", "vnu", "--json", str(out), "--site-url", SITE_URL])
    assert code == 2
    assert "TOOL FAILURE" in capsys.readouterr().out
    report = read_checks_report(out)
    assert report.exit_code == 2 and report.checks["vnu"].tool == 1 and not report.checks["vnu"].passed
