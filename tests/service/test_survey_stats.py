"""The satisfaction survey and the cookie-free visitor counter."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import inspect, select

from changwat_service import stats, survey
from changwat_service.models import PageCount, SurveyResponse

from .conftest import SITE_ORIGIN


def test_survey_without_and_with_javascript(client, database):
    r = client.post("/en/survey", data={"rating": "5", "comment": "Clear <b>site</b>", "page": "/en/news/x/"})
    assert r.status_code == 303 and r.headers["location"] == "/en/thanks/survey?page=/en/news/x/"
    thanks = client.get(r.headers["location"])
    assert f'href="{SITE_ORIGIN}/en/news/x/"' in thanks.text
    r = client.post("/th/survey", data={"rating": "3", "page": "/news/"}, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.json() == {"ok": True, "message": "ขอบคุณสำหรับความคิดเห็น"}
    r = client.post("/th/survey", json={"rating": 0, "page": "/"})
    assert r.status_code == 422 and r.json()["errors"] == {"rating": "กรุณาเลือกคะแนน 1 ถึง 5"}
    r = client.post("/en/survey", data={"rating": "9", "comment": "c" * 1001, "page": "/en/about/"})
    assert r.status_code == 422 and 'value="/en/about/"' in r.text and "at most 1000" in r.text
    with database.read() as s:
        rows = s.execute(select(SurveyResponse).order_by(SurveyResponse.id)).scalars().all()
    assert [(r.rating, r.lang, r.section, r.comment) for r in rows] == [(5, "en", "news", "Clear <b>site</b>"),
                                                                        (3, "th", "news", None)]
    months = survey.aggregate(database)
    assert [(m["section"], m["responses"], m["average"]) for m in months] == [("news", 2, 4.0)]


def test_beacon_counts_per_day_and_path_and_nothing_else(client, database):
    for body, ctype in (("path=%2Fnews%2F", "application/x-www-form-urlencoded"), ("/news/", "text/plain"),
                        ("/en/?q=x#y", "text/plain;charset=UTF-8")):
        r = client.post("/api/hit", content=body, headers={"Content-Type": ctype, "Origin": SITE_ORIGIN})
        assert r.status_code == 204 and "set-cookie" not in r.headers
    for junk in ("https://evil.example/", "x" * 500, "", "/a/../../b"):
        assert client.post("/api/hit", content=junk, headers={"Content-Type": "text/plain"}).status_code == 204
    r = client.post("/api/hit", content="/news/", headers={"Content-Type": "text/plain",
                                                           "Origin": "https://evil.example"})
    assert r.status_code == 204
    days = stats.daily(database)
    assert len(days) == 1 and days[0]["pages"] == {"/en/": 1, "/news/": 2} and days[0]["total"] == 3
    columns = {c["name"] for c in inspect(database.engine).get_columns("page_counts")}
    assert columns == {"day", "path", "count"}  # no address, no user agent, no visitor id
    with database.read() as s:
        assert all("testclient" not in r.path for r in s.execute(select(PageCount)).scalars())


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://www.sample-province.go.th/</loc></url>
<url><loc>https://www.sample-province.go.th/about/</loc></url>
<url><loc>https://www.sample-province.go.th/news/2026-11-flood-relief/</loc></url>
<url><loc>https://www.sample-province.go.th/ข่าว/</loc></url>
<url><loc>https://www.sample-province.go.th/en/about/</loc></url>
</urlset>
"""
FREE_TEXT = "/en/call-0812345678-for-cheap-loans/"


@pytest.fixture
def sitemap(tmp_path, monkeypatch):
    path = tmp_path / "sitemap.xml"
    path.write_text(SITEMAP, encoding="utf-8")
    monkeypatch.setenv("CHANGWAT_SITE_SITEMAP", str(path))
    return path


def published(database) -> str:
    """Everything the statistics page is built from."""
    return json.dumps([survey.aggregate(database), stats.daily(database)], default=str, ensure_ascii=False)


def stored_pages(database) -> list[tuple[str, str, str]]:
    with database.read() as s:
        return [(r.page, r.lang, r.section)
                for r in s.execute(select(SurveyResponse).order_by(SurveyResponse.id)).scalars()]


def test_survey_and_beacon_keep_only_the_sites_real_paths(client, database, sitemap):
    for page in ("/about/index.html", "/news/2026-11-flood-relief", "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/",
                 "/en/about/?utm=x", FREE_TEXT, "/news/not-a-page/"):
        r = client.post("/en/survey", data={"rating": "4", "page": page})
        assert r.status_code == 303
        assert client.post("/api/hit", content=page, headers={"Content-Type": "text/plain"}).status_code == 204
    assert stored_pages(database) == [
        ("/about/", "th", "about"), ("/news/2026-11-flood-relief/", "th", "news"),
        ("/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/", "th", "%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7"),
        ("/en/about/", "en", "about"), ("other", "en", "other"), ("other", "en", "other")]
    assert stats.daily(database)[0]["pages"] == {
        "/about/": 1, "/news/2026-11-flood-relief/": 1, "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/": 1,
        "/en/about/": 1, "other": 2}
    assert "0812345678" not in published(database) and "not-a-page" not in published(database)
    # The rating is kept either way; the thanks page links back only to a real page.
    r = client.post("/en/survey", data={"rating": "5", "page": FREE_TEXT})
    assert r.headers["location"] == "/en/thanks/survey"


def test_without_a_sitemap_only_home_and_sections_are_known(client, database, monkeypatch):
    monkeypatch.delenv("CHANGWAT_SITE_SITEMAP", raising=False)
    for page in ("/", "/en/news/some-item/", "/procurement/x/y/", FREE_TEXT):
        client.post("/th/survey", data={"rating": "3", "page": page})
    assert stored_pages(database) == [("/", "th", "home"), ("/en/news/", "en", "news"),
                                      ("/procurement/", "th", "procurement"), ("other", "th", "other")]
    assert "0812345678" not in published(database)


def test_a_rebuilt_sitemap_is_read_again(client, database, sitemap):
    client.post("/en/survey", data={"rating": "2", "page": "/en/new-page/"})
    sitemap.write_text(SITEMAP.replace("/en/about/", "/en/new-page/"), encoding="utf-8")
    os.utime(sitemap, ns=(1, 1))  # a different modification time, whatever the file system's resolution
    client.post("/en/survey", data={"rating": "2", "page": "/en/new-page/"})
    assert [p for p, _, _ in stored_pages(database)] == ["other", "/en/new-page/"]


def test_a_site_published_under_a_folder(client, database, sitemap):
    sitemap.write_text(SITEMAP.replace("sample-province.go.th/", "sample-province.go.th/office/"), encoding="utf-8")
    client.post("/en/survey", data={"rating": "4", "page": "/news/2026-11-flood-relief/"})  # the survey: no folder
    client.post("/api/hit", content="/office/about/", headers={"Content-Type": "text/plain"})  # the beacon: with it
    client.post("/api/hit", content="/office/nowhere/", headers={"Content-Type": "text/plain"})
    assert stored_pages(database) == [("/news/2026-11-flood-relief/", "th", "news")]
    assert stats.daily(database)[0]["pages"] == {"/about/": 1, "other": 1}
