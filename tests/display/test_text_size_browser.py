"""Text size complete, in a real Chromium with phone device emulation: at 200 % every text grows (info boxes,
tables, breadcrumbs, menu tabs, header, the display control, cards), and on a 320×640 phone (dpr 2, touch)
nothing scrolls sideways: home, a news item, a listing and a page with a table."""

from __future__ import annotations

from pathlib import Path

import pytest

LOGS = Path("/work/logs/portal-items")

# (what, the page that has it, its selector)
TEXTS = [
    ("admonition", "about/history/", ".md-typeset .admonition"),
    ("table cell", "contact/", ".md-typeset td"),
    ("breadcrumb", "about/history/", ".md-path"),
    ("menu tab", "about/history/", ".md-tabs__link"),
    ("header title", "about/history/", ".md-header__title"),
    ("display control", "about/history/", ".changwat-toolbar"),
    ("card title", "news/", ".changwat-card__title"),
    ("tile", "", ".changwat-tile__title"),
]
PAGES = ["", "en/", "news/2026-11-17-pm25-advisory/", "en/news/2026-11-17-pm25-advisory/", "news/", "news/page/2/",
         "en/procurement/", "contact/"]


def size_of(driver, selector):
    return driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e && parseFloat(getComputedStyle(e).fontSize)",
        selector)


@pytest.fixture
def desktop(browser, site_url):
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.set_window_size(1280, 900)
    browser.get(site_url)
    yield browser
    browser.execute_script("localStorage.clear()")


@pytest.fixture
def small_phone(browser, site_url):
    browser.get(site_url)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": True})
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    yield browser
    browser.execute_script("localStorage.clear()")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


@pytest.mark.parametrize("what,path,selector", TEXTS, ids=[t[0] for t in TEXTS])
def test_every_text_doubles_at_200_percent(desktop, site_url, what, path, selector):
    desktop.execute_script("localStorage.removeItem('changwat-text-size')")
    desktop.get(site_url + path)
    normal = size_of(desktop, selector)
    assert normal, f"{what}: no {selector} on {path}"
    desktop.execute_script("localStorage.setItem('changwat-text-size', '200')")
    desktop.get(site_url + path)
    assert desktop.find_element("css selector", "html").get_attribute("data-changwat-text") == "200"
    larger = size_of(desktop, selector)
    assert larger == pytest.approx(2 * normal, rel=0.05), f"{what}: {normal} px at 100 %, {larger} px at 200 %"


def test_the_control_itself_sets_200_percent(small_phone, site_url):
    small_phone.get(site_url + "about/history/")
    normal = size_of(small_phone, ".md-typeset .admonition")
    small_phone.find_element("css selector", ".changwat-toolbar__toggle").click()
    larger = small_phone.find_element("css selector", 'button[data-changwat-text="larger"]')
    while larger.is_enabled():
        larger.click()
    assert small_phone.find_element("css selector", "html").get_attribute("data-changwat-text") == "200"
    assert size_of(small_phone, ".md-typeset .admonition") == pytest.approx(2 * normal, rel=0.05)


def test_nothing_scrolls_sideways_at_200_percent_on_320_px(small_phone, site_url):
    small_phone.execute_script("localStorage.setItem('changwat-text-size', '200')")
    problems = []
    LOGS.mkdir(parents=True, exist_ok=True)
    for path in PAGES:
        small_phone.get(site_url + path)
        # innerWidth stays 320: a page wider than the device would make the emulated phone zoom out to fit it.
        # Text kept for screen readers only (clipped to 1 px, e.g. an item's own title in its breadcrumb) is not seen.
        facts = small_phone.execute_script(
            "const clipped = e => { for (; e; e = e.parentElement) if (getComputedStyle(e).clip !== 'auto') return true;"
            " return false; };"
            "const wide = [...document.querySelectorAll('.md-header *, .md-main *, .changwat-toolbar *')]"
            ".filter(e => e.checkVisibility() && e.getBoundingClientRect().width > 1"
            " && e.getBoundingClientRect().right > innerWidth + 0.5 && !clipped(e)).map(e => e.className || e.tagName);"
            "return {scroll: document.scrollingElement.scrollWidth, width: innerWidth, wide: wide.slice(0, 5),"
            "text: document.documentElement.dataset.changwatText}")
        assert facts["text"] == "200"
        if facts["width"] != 320 or facts["scroll"] > facts["width"] or facts["wide"]:
            problems.append(f"{path or 'home'}: {facts}")
        small_phone.save_screenshot(str(LOGS / f"{path.strip('/').replace('/', '_') or 'home'}-320-200.png"))
    assert not problems, problems
