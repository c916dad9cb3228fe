"""Text size complete, in a real Chromium with phone device emulation: at 200 % every text grows (info boxes,
tables, breadcrumbs, menu tabs, header, the display control, cards), and on a 320×640 phone (dpr 2, touch)
nothing scrolls sideways: home, a news item, a listing and a page with a table."""

from __future__ import annotations

import time

import pytest

from changwat.checks.browser import emulate, stop_emulating

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
    stop_emulating(browser)
    browser.set_window_size(1280, 900)
    browser.get(site_url)
    yield browser
    browser.execute_script("localStorage.clear()")


@pytest.fixture
def small_phone(browser, site_url):
    browser.get(site_url)
    emulate(browser, 320, 640, 2)
    yield browser
    browser.execute_script("localStorage.clear()")
    stop_emulating(browser)


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
    assert not problems, problems


SEARCH_SIZES = """
const size = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
return ['[data-changwat-search-query]', '.changwat-search__title', '.changwat-search__excerpt',
        '.changwat-search .md-search-result__meta'].map(size);
"""


def search_text_sizes(driver, site_url, text):
    driver.execute_script("localStorage.setItem('changwat-text-size', arguments[0])", text)
    driver.get(site_url)
    driver.find_element("css selector", "[data-changwat-search-open]").click()
    driver.find_element("css selector", "[data-changwat-search-query]").send_keys("จังหวัด")
    for _ in range(50):
        if driver.find_elements("css selector", ".changwat-search__title"):
            break
        time.sleep(0.1)
    return driver.execute_script(SEARCH_SIZES)


def test_search_box_and_results_grow_with_the_text(small_phone, site_url):
    normal = search_text_sizes(small_phone, site_url, "100")
    larger = search_text_sizes(small_phone, site_url, "200")
    assert larger == pytest.approx([2 * n for n in normal], rel=0.05), (normal, larger)


def test_menu_tabs_wrap_instead_of_scrolling_at_200_percent(desktop, site_url):
    for text in ("100", "200"):
        desktop.execute_script("localStorage.setItem('changwat-text-size', arguments[0])", text)
        desktop.get(site_url + "en/news/")
        tabs = desktop.execute_script(
            "const l = document.querySelector('.md-tabs__list');"
            "return {scroll: l.scrollWidth, width: l.clientWidth, rows: new Set([...l.children].map("
            "e => Math.round(e.getBoundingClientRect().top))).size, count: l.children.length}")
        assert tabs["count"] > 5 and tabs["scroll"] <= tabs["width"], (text, tabs)
    assert tabs["rows"] > 1, tabs


def test_search_placeholder_fits_its_box_at_200_percent(desktop, site_url):
    desktop.execute_script("localStorage.setItem('changwat-text-size', '200')")
    for path in ("", "en/"):
        desktop.get(site_url + path)
        box = desktop.execute_script(
            "const i = document.querySelector('[data-changwat-search-query]'); const cs = getComputedStyle(i);"
            "const c = document.createElement('canvas').getContext('2d'); c.font = cs.fontSize + ' ' + cs.fontFamily;"
            "return {text: c.measureText(i.placeholder).width, room: i.clientWidth - parseFloat(cs.paddingLeft)"
            " - parseFloat(cs.paddingRight), size: parseFloat(cs.fontSize)}")
        assert box["size"] >= 30 and box["text"] <= box["room"], (path, box)
