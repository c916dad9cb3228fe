"""The satisfaction survey and the cookie-free visitor counter."""

from __future__ import annotations

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
