"""The axe-core check on the gate fixture, in the real Debian Chromium (no mocks)."""
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from changwat.checks import axe
from changwat.checks.browser import chromium, serve
from changwat.checks.site import Site

GATE = Path(__file__).parents[1] / "fixtures" / "gate"
FIXTURE = GATE / "site"
SITE_URL = "https://gate.example.go.th/"


@pytest.fixture(scope="module")
def result():
    return axe.run(Site(FIXTURE, SITE_URL, jobs=2), GATE / "axe_variants.yml")


def rules(result, page, variant=""):
    return sorted({f.rule for f in result.findings if f.page == page and f.variant == variant and not f.needs_review})


def test_engine_is_the_pinned_axe_core(result):
    assert any(n.startswith("axe-core 4.14.1") for n in result.notes)
    assert not [f for f in result.findings if f.severity == "tool"]
    assert result.pages_checked == 22


def test_image_without_alt(result):
    [f] = [f for f in result.findings if f.page == "image-alt/"]
    assert f.rule == "image-alt" and f.severity == "error" and f.blocking
    assert "img" in f.element and 'src="../assets/photo.svg"' in f.element
    assert "alternative text" in f.message


def test_low_contrast_text(result):
    [f] = [f for f in result.findings if f.page == "low-contrast/"]
    assert f.rule == "color-contrast" and ".faint" in f.element and "#c8c8c8" in f.message


def test_horizontal_scroll_in_narrow_and_large_text_variants(result):
    assert rules(result, "wide/") == []  # fine in a desktop window
    for variant in ("narrow", "text-200"):
        assert rules(result, "wide/", variant) == ["horizontal-scroll"], variant
        [f] = [f for f in result.findings if f.page == "wide/" and f.rule == "horizontal-scroll" and f.variant == variant]
        assert "div.wide" in f.element and "scrolls sideways" in f.message
    for page in ("", "en/", "en/wide/"):
        for variant in ("", "narrow", "text-200"):
            assert rules(result, page, variant) == [], (page, variant)


def test_clean_pages_yield_nothing_not_even_needs_review(result):
    for page in ("clean/", "en/clean/", "404.html", "en/404.html"):
        assert [f for f in result.findings if f.page == page] == [], page


def test_missing_variant_pages_are_said_not_skipped_silently(result):
    assert any("not in this site" in n and "no-such-section" in n for n in result.notes)


def test_a_variant_that_cannot_be_reached_is_a_finding(tmp_path):
    spec = tmp_path / "variants.yml"
    spec.write_text('tags: [wcag2a]\npages: [""]\nvariants:\n  search-open: {search: {th: "บริการ", en: "service"}}\n')
    r = axe.run(Site(FIXTURE, SITE_URL), spec)
    failed = [f for f in r.findings if f.rule == "variant-failed"]
    assert {f.page for f in failed} == {"", "en/"} and all(f.blocking for f in failed)


def test_local_storage_is_set_before_reload_and_cleared_after(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>t</title></head><body><main>'
        '<h1>ทดสอบ</h1><div id="w">ข้อความยาว</div></main><script>'
        'if (localStorage.getItem("changwat-text-size") === "200")'
        ' document.getElementById("w").style.width = "5000px";</script></body></html>')
    spec = tmp_path / "variants.yml"
    spec.write_text('tags: [wcag2a]\npages: [""]\nvariants:\n'
                    '  text-200: {local_storage: {changwat-text-size: "200"}, check_horizontal_scroll: true}\n'
                    '  plain: {check_horizontal_scroll: true}\n')
    r = axe.run(Site(site, SITE_URL), spec)
    scroll = [f for f in r.findings if f.rule == "horizontal-scroll"]
    assert [f.variant for f in scroll] == ["text-200"], "the key must be set before load, and removed afterwards"


def test_missing_chromedriver_is_a_tool_failure(monkeypatch):
    monkeypatch.setenv("CHANGWAT_CHROMEDRIVER", "/nonexistent/chromedriver")
    r = axe.run(Site(FIXTURE, SITE_URL), GATE / "axe_variants.yml")
    tool = [f for f in r.findings if f.severity == "tool"]
    assert tool and all("chromedriver" in f.message and "chromium-driver" in f.fix for f in tool)
    assert not [f for f in r.findings if f.severity != "tool"]


def test_a_browser_that_crashes_on_start_is_a_tool_failure_not_a_pass(monkeypatch):
    # e.g. selenium missing: the worker dies before any page; the pages must not read as "no violations".
    def broken(*args, **kwargs):
        raise ImportError("No module named 'selenium'")

    monkeypatch.setattr(axe, "chromium", broken)
    r = axe.run(Site(FIXTURE, SITE_URL), GATE / "axe_variants.yml")
    assert [f.rule for f in r.findings] == ["tool-failure"]
    assert "selenium" in r.findings[0].message and r.findings[0].severity == "tool"


def test_a_different_axe_version_is_a_tool_failure(monkeypatch, tmp_path):
    fake = tmp_path / "axe.min.js"
    fake.write_text("window.axe = {version: '3.5.0', run: () => Promise.resolve({violations: [], incomplete: []})};")
    monkeypatch.setenv("CHANGWAT_AXE_JS", str(fake))
    r = axe.run(Site(FIXTURE, SITE_URL), GATE / "axe_variants.yml")
    [f] = r.findings
    assert f.severity == "tool" and "3.5.0" in f.message and "4.14.1" in f.message


def test_serve_and_chromium_helpers_are_reusable():
    with serve(FIXTURE) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        with urllib.request.urlopen(base + "en/clean/") as resp:
            assert b'lang="en"' in resp.read()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "no-such-page/")
        with chromium(width=800, height=600) as driver:
            driver.get(base + "clean/")
            assert driver.execute_script("return document.documentElement.lang") == "th"
            assert driver.execute_script("return window.innerWidth") == 800


def test_serve_under_a_base_path():
    with serve(FIXTURE, "/changwat/") as base:
        assert base.endswith("/changwat/")
        with urllib.request.urlopen(base + "clean/") as resp:
            assert resp.status == 200


def test_a_page_wider_than_an_emulated_phone_is_a_scroll_finding_not_a_failed_emulation(tmp_path):
    """On an emulated phone a page wider than the screen widens the layout viewport (innerWidth) with it: compared
    with innerWidth it would pass. A search that opens wider than the phone (the language switch once did) is
    found, named, and the emulation still counts as done (judged by the screen's width)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>t</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>ทดสอบ</h1>'
        '<button type="button" data-changwat-search-open onclick="document.getElementById(\'s\').hidden = false">'
        'ค้นหา</button><div class="md-search" id="s" hidden><input type="search" aria-label="ค้นหา" '
        'oninput="document.getElementById(\'r\').innerHTML = \'<li class=md-search-result__item>ผล</li>\'">'
        '<ol id="r"></ol><div class="too-wide" style="width: 400px">กว้างเกิน</div></div></main></body></html>',
        encoding="utf-8")
    spec = tmp_path / "variants.yml"
    spec.write_text('tags: [wcag2a]\npages: [""]\nvariants:\n'
                    '  search-phone: {viewport: [360, 800], mobile: true, device_scale_factor: 3, touch: true,'
                    ' search: {th: "จังหวัด"}, context: ".md-search", check_horizontal_scroll: true}\n')
    r = axe.run(Site(site, SITE_URL), spec)
    found = [(f.variant, f.rule) for f in r.findings if f.variant]
    assert found == [("search-phone", "horizontal-scroll")], r.findings
    [f] = [f for f in r.findings if f.rule == "horizontal-scroll"]
    assert "div.too-wide" in f.message and "360 px" in f.message
