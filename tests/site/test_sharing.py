"""Share links are plain links carrying the page's URL and title; Open Graph, Twitter and JSON-LD describe it."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from conftest import mkdocs_build

SITE_URL = "https://www.sample-province.go.th/"


def build(minisite, tmp_path):
    site = tmp_path / "out"
    assert mkdocs_build(minisite, site).returncode == 0
    return site


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_share_links_carry_url_and_title_encoded(minisite, tmp_path):
    site = build(minisite, tmp_path)
    page = soup_of(site / "en" / "news" / "2026-11-20-flood-relief" / "index.html")
    url = SITE_URL + "en/news/2026-11-20-flood-relief/"
    title = "Province hands out relief bags to flood victims | Sample Provincial Office"
    links = {a.get_text(strip=True): a["href"] for a in page.select(".changwat-share a")}
    assert set(links) == {"Share on LINE", "Share on Facebook", "Share on X", "Send by e-mail"}
    for href in links.values():
        query = parse_qs(urlsplit(href).query)
        assert url in query.get("url", []) + query.get("u", []) + query.get("body", [])
        assert " " not in href and "|" not in href, "values must be URL-encoded"
    assert parse_qs(urlsplit(links["Share on X"]).query)["text"] == [title]
    assert parse_qs(urlsplit(links["Send by e-mail"]).query)["subject"] == [title]
    copy = page.select_one("[data-changwat-copy]")
    assert copy["data-changwat-copy"] == url and copy.has_attr("hidden"), "copy needs JavaScript: hidden without it"


def test_open_graph_twitter_and_canonical(minisite, tmp_path):
    site = build(minisite, tmp_path)
    thai = soup_of(site / "index.html")
    meta = {m.get("property") or m.get("name"): m["content"] for m in thai.select("meta[content]")}
    assert meta["og:locale"] == "th_TH" and meta["og:locale:alternate"] == "en_US"
    assert meta["og:url"] == SITE_URL and thai.select_one("link[rel=canonical]")["href"] == SITE_URL
    assert meta["og:image"].startswith(SITE_URL) and meta["twitter:card"] == "summary_large_image"
    english = soup_of(site / "en" / "index.html")
    assert english.select_one('meta[property="og:locale"]')["content"] == "en_US"


def test_office_json_ld_from_mkdocs_yml(minisite, tmp_path):
    site = build(minisite, tmp_path)
    data = json.loads(soup_of(site / "index.html").select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "สำนักงานจังหวัดตัวอย่าง"
    assert data["address"]["postalCode"] == "99999" and data["telephone"] == "+6699991234"
    english = json.loads(soup_of(site / "en" / "index.html").select_one('script[type="application/ld+json"]').string)
    assert english["name"] == "Sample Provincial Office"
