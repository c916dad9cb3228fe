"""News items, announcements and procurement notices in a real Chromium with phone device emulation: each has a
breadcrumb (home › its section's list › the item), its section is the active menu tab, and a link takes the
reader back to the list; listings show the items as cards with Buddhist-era dates in Thai."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import desktop, phone

LOGS = Path("/work/logs/portal-items")

# (address, breadcrumb's section title, its list's address, the back link's text, the active tab)
ITEMS = [
    ("news/2026-11-17-pm25-advisory/", "ข่าวประชาสัมพันธ์", "news/", "← ข่าวทั้งหมด", "ข่าวสาร"),
    ("en/news/2026-11-17-pm25-advisory/", "News", "en/news/", "← All news", "News"),
    ("announcements/", None, None, None, None),  # replaced below by the newest announcement
    ("en/procurement/2026-11-19-computer-equipment-e-bidding/", "Procurement notices", "en/procurement/",
     "← All procurement notices", "Announcements"),
    ("procurement/2026-11-19-computer-equipment-e-bidding/", "ประกาศจัดซื้อจัดจ้าง", "procurement/",
     "← ประกาศจัดซื้อจัดจ้างทั้งหมด", "ประกาศ"),
]
ITEMS = [i for i in ITEMS if i[1]]



def shot(driver, name):
    LOGS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(LOGS / f"{name}.png"))


@pytest.mark.parametrize("path,section,listing,back,tab", ITEMS, ids=[i[0] for i in ITEMS])
def test_item_breadcrumb_tab_and_back_link(fresh, site_url, path, section, listing, back, tab):
    phone(fresh)
    fresh.get(site_url + path)
    title = fresh.find_element(By.CSS_SELECTOR, ".md-content h1").text
    crumbs = fresh.find_elements(By.CSS_SELECTOR, "nav.md-path .md-path__item")
    assert [c.text for c in crumbs[:2]] == [("Home" if path.startswith("en/") else "หน้าแรก"), section]
    assert all(c.is_displayed() for c in crumbs[:2])
    link = crumbs[1].find_element(By.TAG_NAME, "a")
    assert link.get_attribute("href") == site_url + listing
    # The item itself ends the breadcrumb, for screen readers; on a phone the heading just below shows it.
    current = crumbs[2].find_element(By.CSS_SELECTOR, "[aria-current=page]")
    assert current.get_attribute("textContent") == title
    path_box = fresh.find_element(By.CSS_SELECTOR, "nav.md-path")
    assert fresh.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", path_box)
    shot(fresh, "item-" + path.strip("/").replace("/", "_") + "-360")

    back_link = fresh.find_element(By.CSS_SELECTOR, ".changwat-back a")
    assert back_link.is_displayed() and back_link.text == back
    fresh.execute_script("arguments[0].scrollIntoView({block: 'center'})", back_link)
    back_link.click()
    assert fresh.current_url == site_url + listing
    assert fresh.find_element(By.CSS_SELECTOR, ".md-content h1").text == section

    # The menu tabs are a desktop's: there the item's section is the active one, and only it.
    desktop(fresh)
    fresh.set_window_size(1400, 900)
    fresh.get(site_url + path)
    assert fresh.find_elements(By.CSS_SELECTOR, "nav.md-path .md-path__item")[2].text == title
    active = fresh.find_elements(By.CSS_SELECTOR, ".md-tabs__item--active")
    assert [a.text for a in active] == [tab]
    assert active[0].is_displayed()


def test_an_announcement_too(fresh, site_url):
    """Whichever announcement is newest: its breadcrumb and back link lead to the announcements."""
    fresh.get(site_url + "announcements/")
    first = fresh.find_element(By.CSS_SELECTOR, ".changwat-listing__title a, .changwat-card__title a")
    first.click()
    crumbs = [c.text for c in fresh.find_elements(By.CSS_SELECTOR, "nav.md-path .md-path__item")]
    assert crumbs[:2] == ["หน้าแรก", "ประกาศ"]
    assert fresh.find_element(By.CSS_SELECTOR, ".changwat-back a").text == "← ประกาศทั้งหมด"


@pytest.mark.parametrize("path,year", [("news/", "2569"), ("news/page/2/", "2569"), ("announcements/", "2569"),
                                       ("procurement/", "2569"), ("en/news/", "2026")])
def test_listings_are_cards(fresh, site_url, path, year):
    """The home page's card (overrides/sections/card.html) with the summary: date (Buddhist era in Thai),
    category, title, summary, and the picture of a news item that has one."""
    phone(fresh, 360, 800, 3)
    fresh.get(site_url + path)
    cards = fresh.find_elements(By.CSS_SELECTOR, "ol.changwat-cards > li.changwat-card")
    assert cards
    for card in cards:
        assert year in card.find_element(By.CSS_SELECTOR, ".changwat-card__meta time").text
        assert card.find_element(By.CSS_SELECTOR, ".changwat-card__category").text
        assert card.find_element(By.CSS_SELECTOR, "h2.changwat-card__title a").text
        assert card.find_element(By.CSS_SELECTOR, ".changwat-card__summary").text
    if "news" in path:
        assert any(c.find_elements(By.CSS_SELECTOR, "img.changwat-card__image") for c in cards)
    # Cards, not a bulleted list: the grid fills the column, each card as wide as it on a phone.
    facts = fresh.execute_script(
        "const list = arguments[0].parentElement, box = list.getBoundingClientRect(), "
        "card = arguments[0].getBoundingClientRect(); return {display: getComputedStyle(list).display, "
        "left: card.left - box.left, width: card.width - box.width, scroll: document.scrollingElement.scrollWidth}",
        cards[0])
    assert facts["display"] == "grid" and abs(facts["left"]) < 1 and abs(facts["width"]) < 1
    assert facts["scroll"] <= 360
