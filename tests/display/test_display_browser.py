"""Text size and colour modes in real headless Chromium: they change the page, persist to the next page, work
by keyboard and are announced; nothing scrolls sideways at 200 % text or 320 px; without JavaScript the site
still reads and navigates."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from changwat.checks.browser import chromium, serve

from conftest import desktop, phone

PAGES = ["", "about/structure/", "news/", "services/elderly-allowance/", "en/", "en/about/executives/"]


def fresh(driver, url):
    driver.get(url)
    driver.execute_script("localStorage.clear()")
    driver.get(url)


def typeset_font_px(driver) -> float:
    return driver.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")


def press(driver, selector):
    button = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].focus()", button)
    assert driver.switch_to.active_element == button
    button.send_keys(Keys.ENTER)


def test_text_size_grows_by_keyboard_is_announced_and_persists(browser, site_url):
    fresh(browser, site_url)
    base = typeset_font_px(browser)
    for _ in range(4):
        press(browser, 'button[data-changwat-text="larger"]')
    assert browser.find_element(By.CSS_SELECTOR, "html").get_attribute("data-changwat-text") == "200"
    assert typeset_font_px(browser) == pytest.approx(base * 2, rel=0.02)
    assert browser.find_element(By.CSS_SELECTOR, "[data-changwat-status]").text == "ขนาดตัวอักษร 200%"
    assert browser.find_element(By.CSS_SELECTOR, 'button[data-changwat-text="larger"]').get_attribute("disabled")
    browser.get(site_url + "about/history/")
    assert typeset_font_px(browser) == pytest.approx(base * 2, rel=0.02)
    press(browser, 'button[data-changwat-text="reset"]')
    assert typeset_font_px(browser) == pytest.approx(base, rel=0.02)


def test_high_contrast_mode_changes_colours_is_announced_and_persists(browser, site_url):
    fresh(browser, site_url + "en/")
    press(browser, 'button[data-changwat-mode="high-contrast"]')
    body = browser.find_element(By.TAG_NAME, "body")
    assert body.get_attribute("data-md-color-scheme") == "changwat-contrast"
    button = browser.find_element(By.CSS_SELECTOR, 'button[data-changwat-mode="high-contrast"]')
    assert button.get_attribute("aria-pressed") == "true"
    assert browser.find_element(By.CSS_SELECTOR, "[data-changwat-status]").text == "Colour mode: High contrast"
    browser.get(site_url + "en/contact/")
    colours = browser.execute_script(
        "const s = getComputedStyle(document.querySelector('.md-typeset'));"
        "return [s.color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(255, 255, 0)", "rgb(0, 0, 0)"]
    press(browser, 'button[data-changwat-mode="dark"]')
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme") == "slate"
    press(browser, 'button[data-changwat-mode="default"]')
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme") == "default"


def test_no_sideways_scroll_at_200_percent_text_and_320_px(browser, site_url):
    fresh(browser, site_url)
    browser.execute_script("localStorage.setItem('changwat-text-size', '200')")
    phone(browser, 320, 800, 1)
    try:
        wide = []
        for path in PAGES:
            browser.get(site_url + path)
            assert browser.find_element(By.CSS_SELECTOR, "html").get_attribute("data-changwat-text") == "200"
            # Against the phone's width: a too-wide page widens innerWidth with it on an emulated phone.
            scroll, width = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]")
            if max(scroll, width) > 320 + 1:
                wide.append((path, scroll, width))
        assert wide == []
    finally:
        desktop(browser)
        browser.execute_script("localStorage.clear()")


def test_without_javascript_content_and_navigation_work(built_site):
    with serve(built_site) as url, chromium(extra_flags=["--blink-settings=scriptEnabled=false"]) as driver:
        driver.get(url + "about/")
        assert driver.find_element(By.TAG_NAME, "h1").is_displayed()
        # The controls need JavaScript: hidden, not broken.
        assert not driver.find_element(By.CSS_SELECTOR, "[data-changwat-toolbar]").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, "[data-changwat-copy]").is_displayed()
        link = driver.find_element(By.CSS_SELECTOR, ".changwat-footer a[href$='contact/']")
        link.click()
        assert driver.current_url.endswith("/contact/")
        switch = driver.find_element(By.CSS_SELECTOR, "a.changwat-lang-switch")
        switch.click()
        assert driver.current_url.endswith("/en/contact/")
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


def test_print_shows_content_only_with_link_addresses(browser, site_url):
    fresh(browser, site_url + "services/e-services/")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return ['.md-header', '.md-sidebar--primary', '.changwat-footer', '.changwat-share', '.md-tabs']"
            ".map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none').length")
        assert hidden == 0
        assert browser.find_element(By.CSS_SELECTOR, "article h1").is_displayed()
        after = browser.execute_script(
            "const a = document.querySelector('.md-typeset a[href^=\"http\"]');"
            "return [a.href, getComputedStyle(a, '::after').content]")
        assert after[0] in after[1]
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
