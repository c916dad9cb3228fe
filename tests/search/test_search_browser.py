"""Site search in real headless Chromium, used as a citizen would: typing into the header's search box.

The query set is tests/search/search_queries.yml; at least 95 % of the Thai queries (words in the middle of Thai text,
several typed together without spaces) must put the expected page among the first five results."""

from __future__ import annotations

import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from benchmarks.search_hit_rate import TOP, ask, load_queries, start_page
from changwat.checks.browser import chromium, serve

QUERIES = load_queries()
SEARCH_REQUESTS = r"/changwat-search\.js|/search/.+\.json|lunr|wordcut|workers/search"


def hit_rate(browser, site_url, group):
    misses = []
    for item in QUERIES[group]:
        browser.get(site_url + start_page(group))
        found = ask(browser, item["query"])
        if "/" + item["page"] not in found:
            misses.append(f"{item['query']!r}: expected /{item['page']}, got {found}")
    return len(QUERIES[group]) - len(misses), misses


def test_thai_queries_find_their_page_in_the_first_five(browser, site_url):
    hits, misses = hit_rate(browser, site_url, "thai")
    total = len(QUERIES["thai"])
    assert hits / total >= 0.95, f"{hits}/{total} Thai queries found their page in the first {TOP}:\n" + \
        "\n".join(misses)


@pytest.mark.parametrize("group", ["thai_numbers", "english"])
def test_numbers_and_english_keep_working(browser, site_url, group):
    hits, misses = hit_rate(browser, site_url, group)
    assert misses == []


def resources(browser) -> list[str]:
    return browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")


def test_search_code_and_index_load_only_when_a_citizen_starts_searching(browser, site_url):
    browser.get(site_url + "en/about/")
    first_view = resources(browser)
    assert not [r for r in first_view if re.search(SEARCH_REQUESTS, r)]
    ask(browser, "dengue")
    loaded = resources(browser)
    assert any(r.endswith("/assets/changwat/search/search.js") for r in loaded)
    assert any(r.endswith("/search/en/manifest.json") for r in loaded)
    assert not any("/search/th/" in r or "lunr" in r or "workers/search" in r for r in loaded)


def test_each_language_searches_its_own_pages(browser, site_url):
    browser.get(site_url)
    assert all(not path.startswith("/en/") for path in ask(browser, "2569"))
    browser.get(site_url + "en/")
    found = ask(browser, "2026")
    assert found and all(path.startswith("/en/") for path in found)


def test_results_highlight_the_words_and_show_no_zero_width_characters(browser, site_url):
    browser.get(site_url)
    ask(browser, "เบี้ยยังชีพผู้สูงอายุ")
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__item a")
    assert first.get_attribute("href").endswith("/services/elderly-allowance/")  # the title ranks first
    marks = [m.text for m in first.find_elements(By.TAG_NAME, "mark")]
    assert "เบี้ยยังชีพผู้สูงอายุ" in marks
    shown = browser.execute_script("return document.querySelector('[data-changwat-search]').textContent")
    assert "\u200b" not in shown and "<mark>" not in shown


def test_pages_with_every_word_come_before_pages_with_some(browser, site_url):
    browser.get(site_url)
    ask(browser, "น้ำท่วม ถุงยังชีพ")
    items = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__list > li")
    classes = [li.get_attribute("class") for li in items]
    assert "changwat-search__divider" in classes
    before = items[: classes.index("changwat-search__divider")]
    assert before and all("ถุงยังชีพ" in li.text and "น้ำท่วม" in li.text for li in before)


def test_keyboard_opens_moves_through_results_and_closes_with_live_count(browser, site_url):
    browser.get(site_url + "about/")
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    field = browser.switch_to.active_element
    assert field.get_attribute("type") == "search"
    assert field.accessible_name == "ค้นหาในเว็บไซต์"
    assert browser.execute_script("return document.getElementById('__search').checked")
    field.send_keys("ศูนย์ดำรงธรรม")
    status = browser.find_element(By.CSS_SELECTOR, "[data-changwat-search-status]")
    assert status.get_attribute("role") == "status"
    deadline = time.monotonic() + 10
    while not status.get_attribute("textContent").startswith("พบ") and time.monotonic() < deadline:
        time.sleep(0.1)
    said = status.get_attribute("textContent")
    assert said.startswith("พบ") and said.endswith("หน้า")
    field.send_keys(Keys.ARROW_DOWN)
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__item a")
    assert browser.switch_to.active_element == first
    first.send_keys(Keys.ARROW_UP)
    assert browser.switch_to.active_element == field
    field.send_keys(Keys.ESCAPE)
    assert not browser.execute_script("return document.getElementById('__search').checked")
    assert browser.switch_to.active_element == field


def test_narrow_screen_opens_search_with_a_labelled_button(site_url):
    with chromium(width=390, height=800) as driver:
        driver.get(site_url + "en/")
        button = driver.find_element(By.CSS_SELECTOR, "[data-changwat-search-open]")
        assert button.is_displayed() and button.accessible_name == "Open search"
        button.send_keys(Keys.ENTER)
        assert driver.switch_to.active_element.get_attribute("type") == "search"
        assert "/en/services/damrongdhama/" in ask(driver, "Damrongdhama")


def test_without_javascript_the_search_box_is_hidden_not_broken(built_site):
    with serve(built_site) as url, chromium(extra_flags=["--blink-settings=scriptEnabled=false"]) as driver:
        driver.get(url)
        assert not driver.find_element(By.CSS_SELECTOR, "[data-changwat-search]").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, "[data-changwat-search-open]").is_displayed()
