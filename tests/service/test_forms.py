"""Citizen forms over HTTP, with and without JavaScript, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from changwat_service.models import Case

from .conftest import SITE_ORIGIN

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def count_cases(database) -> int:
    with database.read() as s:
        return s.execute(select(func.count()).select_from(Case)).scalar_one()


@pytest.mark.parametrize("path", ["/th/", "/en/", "/th/question", "/en/question", "/th/complaint", "/en/complaint",
                                  "/th/subscribe", "/en/subscribe", "/th/survey", "/en/survey", "/th/status",
                                  "/en/status", "/th/delete", "/en/delete", "/healthz", "/static/service.css",
                                  "/static/changwat-forms.js"])
def test_pages_answer(client, path):
    r = client.get(path)
    assert r.status_code == 200
    if path.endswith(("/", "question", "complaint", "subscribe", "survey", "status", "delete")):
        lang = path.split("/")[1]
        assert f'<html lang="{lang}">' in r.text
        assert "<label" in r.text or path.endswith("/")


def test_root_and_unknown(client):
    assert client.get("/").status_code == 303
    assert client.get("/fr/question").status_code == 404
    assert client.get("/th/nothing").status_code == 404
    assert client.post("/th/nothing", data={}).status_code == 404
    assert client.get("/api/status/Q-0000-0000").status_code == 404


@pytest.mark.parametrize("kind, prefix", [("question", "Q-"), ("complaint", "C-")])
def test_plain_post_redirects_to_thank_you_page_with_code(client, database, kind, prefix):
    r = client.post(f"/th/{kind}", data={"subject": "ไฟถนนดับ", "body": "หน้าบ้านเลขที่ 1", "consent": "yes",
                                         "email": "somchai@example.com", "name": "สมชาย"})
    assert r.status_code == 303
    location = r.headers["location"]
    assert location.startswith(f"/th/thanks/{kind}?code={prefix}")
    page = client.get(location)
    code = location.split("code=")[1]
    assert page.status_code == 200 and code in page.text and 'lang="th"' in page.text
    with database.read() as s:
        case = s.execute(select(Case).where(Case.code == code)).scalar_one()
    assert (case.kind, case.lang, case.status, case.name, case.email) == (kind, "th", "received", "สมชาย",
                                                                          "somchai@example.com")


def test_json_post_returns_code_in_language(client):
    r = client.post("/en/complaint", data={"subject": "Pothole", "body": "On road 12", "consent": "yes",
                                           "phone": "+66 81-234-5678"}, headers={"Accept": "application/json"})
    assert r.status_code == 201
    body = r.json()
    assert body["ok"] and re.fullmatch(r"C-[0-9A-Z]{4}-[0-9A-Z]{4}", body["code"])
    assert body["message"].startswith("We have received") and body["status_url"].endswith(body["code"])
    r = client.post("/th/question", json={"subject": "ถาม", "body": "คำถาม", "consent": True})
    assert r.status_code == 201 and r.json()["message"].startswith("ได้รับคำถาม")


@pytest.mark.parametrize("lang, required", [("th", "กรุณากรอกช่องนี้"), ("en", "Please fill in this field.")])
def test_errors_next_to_fields_in_citizens_language(client, database, lang, required):
    r = client.post(f"/{lang}/question", data={"email": "not-an-email"}, headers={"Accept": "application/json"})
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert set(errors) == {"subject", "body", "email", "consent"}
    assert errors["subject"] == required
    # Without JavaScript: the same form again, each message inside the field's own error element.
    r = client.post(f"/{lang}/question", data={"email": "not-an-email", "subject": "kept"})
    assert r.status_code == 422
    assert re.search(rf'<p class="cw-error" id="cw-q-subject-error"[^>]*>{re.escape(required)}</p>', r.text) is None
    assert re.search(rf'<p class="cw-error" id="cw-q-body-error">{re.escape(required)}</p>', r.text)
    assert 'id="cw-q-email" name="email"' in r.text and 'aria-invalid="true" value="not-an-email"' in r.text
    assert 'value="kept"' in r.text
    assert count_cases(database) == 0


def test_oversized_fields_and_body(client, database):
    r = client.post("/en/question", json={"subject": "s" * 201, "body": "b" * 5001, "name": "n" * 101,
                                          "consent": "yes"})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"subject", "body", "name"}
    assert "at most 200" in r.json()["errors"]["subject"]
    r = client.post("/en/question", data={"subject": "s", "body": "b" * 70_000, "consent": "yes"})
    assert r.status_code == 413
    assert count_cases(database) == 0


@pytest.mark.parametrize("evil", ["victim@example.com\r\nBcc: all@example.com", "a@example.com\nSubject: x",
                                  "a@example.com%0d%0aBcc:b@example.com"])
def test_header_injection_in_email_fields_is_refused(client, mailbox, database, evil):
    for path in ("/en/question", "/en/subscribe", "/en/delete"):
        r = client.post(path, json={"subject": "s", "body": "b", "email": evil, "consent": "yes",
                                    "sections": ["news"], "code": "Q-0000-0000"})
        assert r.status_code == 422, path
        assert "email" in r.json()["errors"]
    assert mailbox.messages == []
    assert count_cases(database) == 0


def test_html_and_script_come_out_escaped(client):
    r = client.post("/en/question", data={"subject": XSS, "body": XSS, "name": XSS, "email": "bad"})
    assert r.status_code == 422
    assert "<script>" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in r.text
    r = client.post("/en/question", data={"subject": XSS, "body": XSS, "consent": "yes"})
    assert r.status_code == 303  # stored as typed; escaping is the job of every place that shows it


def test_honeypot_pretends_and_stores_nothing(client, database):
    r = client.post("/th/complaint", data={"subject": "buy", "body": "spam", "consent": "yes",
                                           "website": "http://spam.example"})
    assert r.status_code == 303 and "/th/thanks/complaint?code=C-" in r.headers["location"]
    r = client.post("/th/complaint", json={"subject": "buy", "body": "spam", "consent": "yes", "website": "x"})
    assert r.status_code == 201
    assert count_cases(database) == 0


def test_cors_only_for_the_site_origin(client):
    r = client.options("/en/question", headers={"Origin": SITE_ORIGIN, "Access-Control-Request-Method": "POST",
                                                "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == SITE_ORIGIN
    r = client.options("/en/question", headers={"Origin": "https://evil.example",
                                                "Access-Control-Request-Method": "POST"})
    assert r.status_code == 400 and "access-control-allow-origin" not in r.headers
    r = client.post("/en/question", data={"subject": "s", "body": "b", "consent": "yes"},
                    headers={"Origin": SITE_ORIGIN, "Accept": "application/json"})
    assert r.status_code == 201 and r.headers["access-control-allow-origin"] == SITE_ORIGIN


def test_foreign_origin_is_refused(client, database):
    r = client.post("/en/question", data={"subject": "s", "body": "b", "consent": "yes"},
                    headers={"Origin": "https://evil.example", "Accept": "application/json"})
    assert r.status_code == 403 and "access-control-allow-origin" not in r.headers
    assert count_cases(database) == 0


def test_security_headers(client):
    r = client.get("/th/question")
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_no_third_party_assets(client):
    for path in ("/th/question", "/en/subscribe", "/th/admin/login"):
        html = client.get(path).text
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert url.startswith(("/", "#", SITE_ORIGIN)), url
