"""The second engine (IBM Equal Access) and the phone variant, on pages of the session's built sample site, in
the real Debian Chromium (no mocks). A few pages are copied out, so each run takes seconds, not the whole site."""
import shutil
from pathlib import Path

import pytest

from changwat.checks import axe, ibm, tools
from changwat.checks.filters import apply_filters, load_filters
from changwat.checks.report import Report
from changwat.checks.site import Site, read_site_url

SITE_URL = read_site_url()
PAGE = "about/structure/"  # not a page of the `kinds` list below: only the rules that can fail run on it
KIND = "about/history/"


@pytest.fixture()
def small_site(built_site, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(built_site / "assets", root / "assets")
    for page in (PAGE, KIND):
        for p in (page, "en/" + page):
            (root / p).mkdir(parents=True)
            shutil.copyfile(built_site / p / "index.html", root / p / "index.html")
    variants = tmp_path / "axe_variants.yml"
    variants.write_text(
        "tags: [wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, best-practice]\n"
        "pages: []\n"
        f"kinds: ['{KIND}']\n"
        "variants:\n"
        "  phone: {viewport: [360, 800], mobile: true, device_scale_factor: 3, touch: true, pages: kinds,\n"
        "          check_horizontal_scroll: true}\n", encoding="utf-8")
    return root, variants


def blocking(result):
    """What fails the gate: the findings left after checks/filters.yml, as `python -m changwat.checks` applies it."""
    apply_filters(result, load_filters(), Report())
    return [f for f in result.findings if f.blocking]


def test_the_sample_pages_have_no_violation_and_the_engine_is_the_pinned_one(small_site):
    root, variants = small_site
    r = axe.run_engines(Site(root, SITE_URL, jobs=2), variants, ("ibm",))["ibm"]
    assert r.pages_checked == 4
    assert r.notes[0].startswith(f"accessibility-checker-engine {tools.pinned(ibm.PACKAGE)}")
    assert not blocking(r), [(f.page, f.rule, f.element) for f in blocking(r)]


def test_an_unlabelled_control_fails_the_gate(small_site):
    root, variants = small_site
    page = root / PAGE / "index.html"
    html = page.read_text(encoding="utf-8")
    label = '<label for="cw-v-comment">ข้อเสนอแนะ (ไม่บังคับ)</label>'
    assert label in html
    page.write_text(html.replace(label, ""), encoding="utf-8")
    r = axe.run_engines(Site(root, SITE_URL), variants, ("ibm",))["ibm"]
    found = [f for f in blocking(r) if f.page == PAGE]
    assert found and all(f.check == "ibm" and f.severity == "error" for f in found)
    assert any("cw-v-comment" in f.element for f in found), [(f.rule, f.element) for f in found]
    report = Report()
    report.add(r)
    assert report.exit_code() == 1  # filters applied above: none hides an unlabelled control


def test_needs_review_rules_run_on_the_kinds_only_and_never_fail(small_site):
    root, variants = small_site
    r = axe.run_engines(Site(root, SITE_URL), variants, ("ibm",))["ibm"]
    review_only = ibm.Rules.load().review_only
    assert "style_focus_visible" in review_only
    pages = {f.page for f in r.findings if f.rule in review_only}
    assert pages and pages <= {KIND, "en/" + KIND}
    assert all(not f.blocking for f in r.findings if f.needs_review)


def test_phone_variant_is_a_360px_touch_screen(small_site):
    root, variants = small_site
    r = axe.run_engines(Site(root, SITE_URL), variants, ("axe",))["axe"]
    assert "variant phone: window.innerWidth 360, pointer coarse, devicePixelRatio 3, maxTouchPoints 5" in r.notes
    assert not [f for f in r.findings if f.rule == "variant-failed"]
    assert not blocking(r), [(f.page, f.variant, f.rule) for f in blocking(r)]


def test_a_phone_that_is_not_a_phone_is_a_finding(small_site, monkeypatch):
    """The browser is not told about the touch screen: the run must notice instead of passing as a phone."""
    from selenium.webdriver.chromium.webdriver import ChromiumDriver

    real = ChromiumDriver.execute_cdp_cmd

    def no_touch(self, cmd, args):
        return {} if cmd == "Emulation.setTouchEmulationEnabled" else real(self, cmd, args)

    monkeypatch.setattr(ChromiumDriver, "execute_cdp_cmd", no_touch)
    root, variants = small_site
    r = axe.run_engines(Site(root, SITE_URL), variants, ("axe",))["axe"]
    failed = [f for f in r.findings if f.rule == "variant-failed"]
    assert failed and all(f.variant == "phone" for f in failed)
    assert "pointer: coarse" in failed[0].message
