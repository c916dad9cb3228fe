"""The citizen's design in a real Chromium with phone device emulation (360×800 at dpr 3 and 320×640 at dpr 2,
touch): the kit's colours and Thai-first fonts take effect, the heading is strong, one accent colour; the home
page is a portal built from data/services.yml, data/alerts.yml and the sections' items; on phones the heading
starts in the top third, the office name is whole and nothing scrolls sideways, search included."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from changwat.checks.browser import serve
from changwat.screenshots.capture import BROKEN_IN, CUT_WORDS, FACTS

from conftest import ROOT, mkdocs_build, phone

PHONES = [(360, 800, 3), (320, 640, 2), (412, 915, 2.625)]
TABLET = (768, 1024, 2)
PAGES = ["", "en/", "about/history/", "news/", "news/2026-11-17-pm25-advisory/", "en/news/"]
ACCENT = "rgb(11, 79, 138)"
THAI_FONTS = ("Noto Sans Thai", "Sarabun", "Leelawadee UI", "Thonburi", "Sukhumvit Set", "Tahoma")



def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rgb(css: str):
    parts = css[css.index("(") + 1: css.index(")")].split(",")
    assert len(parts) == 3 or float(parts[3]) == 1, f"a translucent colour cannot be judged: {css}"
    return tuple(int(float(p)) for p in parts[:3])


LOOK = """
const h1 = document.querySelector('.md-content h1');
const hs = getComputedStyle(h1);
const link = document.querySelector('.md-content .md-typeset a[href]');
return {weight: parseInt(hs.fontWeight), colour: hs.color, background: getComputedStyle(document.body).backgroundColor,
        font: getComputedStyle(document.body).fontFamily, h1font: hs.fontFamily, link: getComputedStyle(link).color};
"""


@pytest.mark.parametrize("path", ["", "en/", "about/history/", "news/2026-11-17-pm25-advisory/"])
def test_strong_heading_thai_fonts_and_accent_links(fresh, site_url, path):
    phone(fresh, *PHONES[0])
    fresh.get(site_url + path)
    look = fresh.execute_script(LOOK)
    assert look["weight"] >= 600
    assert contrast(rgb(look["colour"]), rgb(look["background"])) >= 7
    first = look["font"].split(",")[0].strip().strip('"')
    assert first in THAI_FONTS, look["font"]
    assert look["h1font"] == look["font"]  # digits and Latin in headings from the same family as the Thai
    assert look["link"] == ACCENT


def test_form_buttons_and_focus_use_the_accent(fresh, site_url):
    fresh.get(site_url + "participation/questions/")
    button = fresh.find_element(By.CSS_SELECTOR, "form.cw-form button[type=submit], form.cw-form button")
    assert fresh.execute_script("return getComputedStyle(arguments[0]).backgroundColor", button) == ACCENT
    # A keyboard focus (Tab) shows :focus-visible: the first stop is the skip link, on the page's background.
    fresh.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = fresh.execute_script(
        "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineColor]")
    assert focused == ["solid", ACCENT]


def test_dark_and_high_contrast_modes_still_apply(fresh, site_url):
    fresh.execute_script("localStorage.setItem('changwat-colour-mode', 'high-contrast')")
    fresh.get(site_url + "about/history/")
    look = fresh.execute_script(LOOK)
    assert [look["colour"], look["background"]] == ["rgb(255, 255, 0)", "rgb(0, 0, 0)"]
    fresh.execute_script("localStorage.setItem('changwat-colour-mode', 'dark')")
    fresh.get(site_url + "about/history/")
    look = fresh.execute_script(LOOK)
    assert contrast(rgb(look["colour"]), rgb(look["background"])) >= 7
    assert look["link"] == "rgb(156, 201, 255)"


def tile_titles(driver):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".changwat-tile__title")]


def test_home_is_a_portal(fresh, site_url):
    tiles = yaml.safe_load((ROOT / "data" / "services.yml").read_text(encoding="utf-8"))["tiles"]
    for prefix, lang, year in (("", "th", "2569"), ("en/", "en", "2026")):
        fresh.get(site_url + prefix)
        assert tile_titles(fresh) == [t["title"][lang] for t in tiles]
        cards = fresh.find_elements(By.CSS_SELECTOR, ".changwat-cards .changwat-card")
        assert len(cards) >= 3
        assert any(c.find_elements(By.CSS_SELECTOR, "img.changwat-card__image") for c in cards)
        for card in cards:
            assert year in card.find_element(By.CSS_SELECTOR, "time").text
            assert card.find_element(By.CSS_SELECTOR, ".changwat-card__category").text
        for name in ("announcements", "procurement"):
            assert fresh.find_elements(By.CSS_SELECTOR, f"#changwat-{name}-title + ul .changwat-notice a")
        assert fresh.find_element(By.CSS_SELECTOR, ".changwat-home__contact").text
        assert not [e for e in fresh.find_elements(By.CSS_SELECTOR, ".md-sidebar--primary, .md-sidebar--secondary")
                    if e.is_displayed()]
        assert not fresh.find_elements(By.CSS_SELECTOR, ".changwat-alert")  # data/alerts.yml has none


def test_home_follows_its_data_files(tmp_path, browser):
    """Another services file and two alerts (one current and urgent, one expired): the page changes with them."""
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "data" / "services.yml").write_text(
        "tiles:\n"
        "  - title: {th: แจ้งน้ำท่วม, en: Report a flood}\n"
        "    text: {th: แจ้งเหตุได้ตลอดวัน, en: Report it any time.}\n"
        "    link: contact.md\n", encoding="utf-8")
    today = dt.date.today()
    (tmp_path / "data" / "alerts.yml").write_text(
        "alerts:\n"
        "  - level: danger\n"
        "    title: {th: น้ำท่วมฉับพลัน, en: Flash flood}\n"
        "    text: {th: หลีกเลี่ยงถนนริมแม่น้ำ, en: Avoid the riverside roads.}\n"
        f"    start: {today - dt.timedelta(days=1)}\n"
        f"    expires: {today + dt.timedelta(days=2)}\n"
        "  - level: info\n"
        "    title: {th: ประกาศเก่า, en: Old notice}\n"
        "    text: {th: หมดอายุแล้ว, en: Expired.}\n"
        f"    start: {today - dt.timedelta(days=20)}\n"
        f"    expires: {today - dt.timedelta(days=10)}\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(tmp_path / "site") as url:
        try:
            browser.get(url + "en/")
            assert tile_titles(browser) == ["Report a flood"]
            assert browser.find_element(By.CSS_SELECTOR, ".changwat-tile__link").get_attribute("href") \
                == url + "en/contact/"
            alerts = browser.find_elements(By.CSS_SELECTOR, ".changwat-alert")
            assert [a.text.splitlines()[0] for a in alerts] == ["Danger: Flash flood"]
            assert "changwat-alert--danger" in alerts[0].get_attribute("class")
            assert browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", alerts[0]) \
                == "rgb(155, 28, 28)"
            browser.get(url)
            assert tile_titles(browser) == ["แจ้งน้ำท่วม"]
        finally:
            browser.get("about:blank")


@pytest.mark.parametrize("width,height,dpr", [*PHONES, TABLET])
def test_phone_first_screen(fresh, site_url, width, height, dpr):
    phone(fresh, width, height, dpr)
    problems = []
    for path in PAGES:
        fresh.get(site_url + path)
        # The screenshot tool's facts (one definition): measured against the emulated screen, since a page wider
        # than a phone widens innerWidth with it.
        facts = fresh.execute_script(FACTS, width)
        assert facts["screenWidth"] == width
        if max(facts["scrollWidth"], facts["innerWidth"]) > width:
            problems.append(f"{path}: scrolls sideways ({facts['scrollWidth']} > {width}: {facts['wide']})")
        if facts["h1Top"] >= height / 3:
            problems.append(f"{path}: heading at {facts['h1Top']} px, below the top third of {height}")
        if not facts["nameVisible"] or facts["nameScrollWidth"] > facts["nameWidth"]:
            problems.append(f"{path}: office name cut ({facts['nameScrollWidth']} > {facts['nameWidth']})")
    assert not problems, problems


@pytest.mark.parametrize("width,height,dpr", PHONES)
def test_phone_display_settings_are_one_button_and_search_stays_inside(fresh, site_url, width, height, dpr):
    phone(fresh, width, height, dpr)
    fresh.get(site_url)
    toggle = fresh.find_element(By.CSS_SELECTOR, ".changwat-toolbar__toggle")
    larger = fresh.find_element(By.CSS_SELECTOR, 'button[data-changwat-text="larger"]')
    assert toggle.is_displayed() and not larger.is_displayed()
    toolbar = fresh.find_element(By.CSS_SELECTOR, "[data-changwat-toolbar]")
    assert toolbar.size["height"] <= 40
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and larger.is_displayed()
    larger.click()
    assert fresh.find_element(By.TAG_NAME, "html").get_attribute("data-changwat-text") == "125"
    fresh.find_element(By.CSS_SELECTOR, "[data-changwat-search-open]").click()
    query = fresh.find_element(By.CSS_SELECTOR, "[data-changwat-search-query]")
    query.send_keys("จังหวัด")
    fresh.execute_script("return new Promise(r => setTimeout(r, 1500))")
    results = fresh.find_elements(By.CSS_SELECTOR, ".changwat-search .md-search-result__item")
    assert results
    facts = fresh.execute_script(
        "const r = [...document.querySelectorAll('.changwat-search .md-search-result__item')].map("
        "e => e.getBoundingClientRect()); return {scroll: document.scrollingElement.scrollWidth, inner: innerWidth,"
        "left: Math.min(...r.map(b => b.left)), right: Math.max(...r.map(b => b.right))}")
    # Open, the search once widened a phone's page by the language switch's width (innerWidth 344 on a 320 px phone).
    assert facts["inner"] == width and facts["scroll"] <= width, facts
    assert facts["left"] >= 0 and facts["right"] <= width, facts


@pytest.mark.parametrize("width,height,dpr,text", [(320, 640, 2, None), (360, 800, 3, None), (412, 915, 2.625, None),
                                                   (320, 640, 2, "200"), (412, 915, 2.625, "150")])
def test_no_word_is_cut_in_the_middle(fresh, site_url, width, height, dpr, text):
    phone(fresh, width, height, dpr)
    if text:
        fresh.execute_script("localStorage.setItem('changwat-text-size', arguments[0])", text)
    cut = {}
    for path in ["", "en/", "news/", "en/news/", "en/procurement/"]:
        fresh.get(site_url + path)
        assert fresh.find_elements(By.CSS_SELECTOR, ".changwat-tile__title, .changwat-card__title")
        if found := fresh.execute_script(CUT_WORDS + "return cutWords(arguments[0]);", BROKEN_IN):
            cut[path or "home"] = found
    assert not cut, cut
