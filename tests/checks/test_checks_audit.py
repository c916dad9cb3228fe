"""The Government Website Standard audit passes on the sample site and fails, naming the item, when the site
lacks what an item asks for."""

from __future__ import annotations

import re
import shutil

import pytest

from changwat.checks import audit, i18n, links, privacy
from changwat.checks.site import Site, read_site_url
from changwat.contracts.reports import read_audit_report

SITE_URL = read_site_url()


def run_audit(root, out=None):
    site = Site(root, SITE_URL)
    results = {name: module.run(site) for name, module in (("i18n", i18n), ("links", links), ("privacy", privacy))}
    return audit.run(site, results, out or root.parent / "audit.json")


def failed_items(result) -> set[str]:
    return {f.rule.removeprefix("gws-") for f in result.findings}


@pytest.fixture
def site_copy(built_site, tmp_path):
    return shutil.copytree(built_site, tmp_path / "site")


def test_sample_site_meets_every_item_but_the_browser_and_validator_ones(built_site, tmp_path):
    out = tmp_path / "audit.json"
    result = run_audit(built_site, out)
    # vnu and axe are judged in the gate's own run (tests/test_gate.py); here they did not run.
    assert failed_items(result) == {"F3", "F4"}
    report = read_audit_report(out)
    manual = {item.id for item in report.items if item.status == "manual"}
    assert {"S2", "X2", "F15"} <= manual
    assert all(item.why for item in report.items if item.status == "manual")
    assert {item.id for item in report.items if item.status == "fail"} == {"F3", "F4"}


def test_missing_privacy_policy_link_fails_item_y2(site_copy):
    for page in site_copy.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'<li><a href="[^"]*policies/privacy/">[^<]*</a></li>', "", text), encoding="utf-8")
    result = run_audit(site_copy)
    assert "Y2" in failed_items(result)
    finding = next(f for f in result.findings if f.rule == "gws-Y2")
    assert "Privacy policy" in finding.message and "นโยบายคุ้มครองข้อมูลส่วนบุคคล" in finding.message
    assert finding.page  # the page that lacks the link


def test_missing_english_version_fails_the_language_and_page_items(site_copy):
    shutil.rmtree(site_copy / "en")
    failed = failed_items(run_audit(site_copy))
    assert {"F5", "B1", "P9"} <= failed
