"""News listings: newest first, paginated, with accessible page links; items never in the navigation."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from conftest import mkdocs_build


def add_news(docs, count: int, start=dt.date(2026, 1, 1)):
    for n in range(count):
        day = start + dt.timedelta(days=n)
        for lang, title in (("th", f"ข่าวที่ {n + 1}"), ("en", f"News {n + 1}")):
            (docs / lang / "news" / f"{day.isoformat()}-item-{n + 1}.md").write_text(
                f"---\ntitle: {title}\ndate: {day.isoformat()}\nsummary: สรุป {n + 1}\ncategory: events\n---\n\nเนื้อหา\n",
                encoding="utf-8")


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_listing_is_paginated_newest_first_in_both_languages(minisite, tmp_path):
    docs = minisite.parent / "docs"
    add_news(docs, 22)            # plus the fixture's own item: 23 items, 3 pages of 10
    site = tmp_path / "out"
    result = mkdocs_build(minisite, site)
    assert result.returncode == 0, result.stderr
    for prefix in ("", "en/"):
        first = soup(site / prefix / "news" / "index.html")
        titles = [a.get_text(strip=True) for a in first.select(".changwat-listing__title a")]
        assert len(titles) == 10
        dates = [t["datetime"][:10] for t in first.select(".changwat-listing__meta time")]
        assert dates == sorted(dates, reverse=True) and dates[0] == "2026-11-20"
        third = soup(site / prefix / "news" / "page" / "3" / "index.html")
        assert len(third.select(".changwat-listing__title a")) == 3
        current = third.select_one(".changwat-pagination [aria-current=page]")
        assert current.get_text(strip=True) == "3"
        assert third.select_one(".changwat-pagination a[rel=prev]")["href"] == "../2/"
        assert third.find("html")["lang"] == ("en" if prefix else "th")
    # Items stay out of the navigation, so a page's HTML does not grow with the number of items.
    nav_links = [a["href"] for a in soup(site / "index.html").select(".md-nav a")]
    assert not any("item-" in href for href in nav_links)


def test_page_size_does_not_grow_with_items(minisite, tmp_path):
    small_site, big_site = tmp_path / "small", tmp_path / "big"
    assert mkdocs_build(minisite, small_site).returncode == 0
    add_news(minisite.parent / "docs", 60)
    assert mkdocs_build(minisite, big_site).returncode == 0
    for page in ("index.html", "en/index.html"):
        small = len((small_site / page).read_bytes())
        big = len((big_site / page).read_bytes())
        # the home page lists the latest five either way
        assert abs(big - small) < 2500, (page, small, big)


def test_unreadable_front_matter_of_an_item_is_a_message_not_a_traceback(minisite, tmp_path):
    item = minisite.parent / "docs" / "th" / "news" / "2026-11-20-flood-relief.md"
    lines = item.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = 'title: "ข่าวน้ำท่วม'   # a quote opened and never closed
    item.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"docs/th/news/2026-11-20-flood-relief.md:{at + 1}" in output
    assert "อ่านส่วนหัวของไฟล์" in output and "The front matter" in output
