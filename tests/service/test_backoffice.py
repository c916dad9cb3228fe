"""The office's back office: accounts, login, CSRF, cases, replies, counts, CSV."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from changwat_service import cases, officers
from changwat_service.models import Officer

from .conftest import run_cli

PASSWORD = "correct horse battery staple"


@pytest.fixture
def officer(database):
    return officers.create(database, "somsri", PASSWORD)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client, username="somsri", password=PASSWORD, lang="th"):
    page = client.get(f"/{lang}/admin/login")
    return client.post(f"/{lang}/admin/login", data={"username": username, "password": password,
                                                     "csrf": csrf_of(page.text)})


def test_create_officer_command_stores_an_argon2_hash(settings, database):
    result = run_cli(settings, "create-officer", "anan", "--password-stdin", stdin=PASSWORD + "\n")
    assert "officer 'anan' created" in result.stdout
    with database.read() as s:
        officer = s.execute(select(Officer).where(Officer.username == "anan")).scalar_one()
    assert officer.password_hash.startswith("$argon2id$") and PASSWORD not in officer.password_hash
    again = run_cli(settings, "create-officer", "anan", "--password-stdin", stdin=PASSWORD + "\n", check=False)
    assert again.returncode != 0 and "exists already" in again.stderr
    short = run_cli(settings, "create-officer", "kob", "--password-stdin", stdin="short\n", check=False)
    assert short.returncode != 0 and "12 characters" in short.stderr


def test_login_logout(client, officer):
    assert client.get("/th/admin/").headers["location"] == "/th/admin/login"
    r = login(client, password="wrong password!")
    assert r.status_code == 401 and "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in r.text and 'aria-invalid="true"' in r.text
    r = login(client, username="nobody")
    assert r.status_code == 401
    r = login(client)
    assert r.status_code == 303 and r.headers["location"] == "/th/admin/"
    cookie = r.headers["set-cookie"]
    assert "cw_admin=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    dash = client.get("/th/admin/")
    assert dash.status_code == 200 and "somsri" in dash.text and dash.headers["cache-control"] == "no-store"
    r = client.post("/th/admin/logout", data={"csrf": csrf_of(dash.text)})
    assert r.status_code == 303
    assert client.get("/th/admin/").status_code == 303


def test_login_needs_its_csrf_token(client, officer):
    client.get("/en/admin/login")
    r = client.post("/en/admin/login", data={"username": "somsri", "password": PASSWORD, "csrf": "guess"})
    assert r.status_code == 403 and "expired" in r.text
    client.cookies.clear()
    r = client.post("/en/admin/login", data={"username": "somsri", "password": PASSWORD, "csrf": "guess"})
    assert r.status_code == 403


def test_changes_need_the_session_csrf_token(client, database, officer):
    code = cases.submit(database, "complaint", "th", {"subject": "s", "body": "b", "name": None, "email": None,
                                                      "phone": None})
    case_id = cases.public_status(database, code) and 1
    login(client)
    listing = client.get("/th/admin/complaints")
    case_id = int(re.search(r'/th/admin/cases/(\d+)', listing.text).group(1))
    for csrf in ("", "forged"):
        r = client.post(f"/th/admin/cases/{case_id}", data={"status": "closed", "reply": "x", "csrf": csrf})
        assert r.status_code == 403
    assert cases.public_status(database, code)["status"] == "received"
    r = client.post("/th/admin/logout", data={"csrf": "forged"})
    assert r.status_code == 403


def test_reply_status_public_flag_and_escaping(client, database, officer):
    xss = "<script>alert(1)</script>"
    code = cases.submit(database, "question", "en", {"subject": xss, "body": xss, "name": xss,
                                                     "email": "asker@example.com", "phone": None})
    login(client, lang="en")
    listing = client.get("/en/admin/questions")
    assert code in listing.text and "<script>" not in listing.text and "&lt;script&gt;" in listing.text
    case_id = int(re.search(r'/en/admin/cases/(\d+)', listing.text).group(1))
    detail = client.get(f"/en/admin/cases/{case_id}")
    assert "<script>" not in detail.text and "asker@example.com" in detail.text
    r = client.post(f"/en/admin/cases/{case_id}", data={"csrf": csrf_of(detail.text), "status": "bogus"})
    assert r.status_code == 422 and "Not a valid status." in r.text
    r = client.post(f"/en/admin/cases/{case_id}", data={
        "csrf": csrf_of(detail.text), "status": "answered", "reply": "Office hours are 8:30–16:30. <b>ok</b>",
        "public": "yes", "public_question": "When is the office open?"})
    assert r.status_code == 303 and r.headers["location"].endswith("?saved=1")
    assert "Saved." in client.get(r.headers["location"]).text
    status = client.get(f"/en/status?code={code}")
    assert "Office hours are 8:30–16:30. &lt;b&gt;ok&lt;/b&gt;" in status.text and "Answered" in status.text
    assert "asker@example.com" not in status.text and "&lt;script&gt;" not in status.text
    from changwat_service.exports import public_qa
    assert public_qa(database)["en"][0].question == "When is the office open?"


def test_filters_counts_and_csv(client, database, officer):
    for i in range(3):
        cases.submit(database, "complaint", "th", {"subject": f"=cmd|' /C calc'!A{i}", "body": "ถนน", "name": "ก",
                                                   "email": None, "phone": None})
    from changwat_service import subscriptions
    subscriptions.subscribe(database, "x@example.com", "th", ["news", "procurement"])
    login(client)
    dash = client.get("/th/admin/")
    assert re.search(r"ได้รับเรื่องแล้ว</a></th><td>3</td>", dash.text)
    assert "รอยืนยัน" in dash.text
    assert client.get("/th/admin/complaints?status=closed").text.count("/th/admin/cases/") == 0
    assert client.get("/th/admin/complaints?status=received").text.count("/th/admin/cases/") == 3
    r = client.get("/th/admin/export/complaints.csv")
    assert r.headers["content-type"].startswith("text/csv") and r.content.startswith(b"\xef\xbb\xbf")
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("code,kind,lang,status")
    assert "'=cmd" in text and "ถนน" in text
    subs = client.get("/th/admin/export/subscribers.csv").content.decode("utf-8-sig")
    assert "th,news,pending,1" in subs
    assert client.get("/th/admin/export/survey.csv").status_code == 200
    assert client.get("/th/admin/export/secrets.csv").status_code == 404
    client.cookies.clear()
    assert client.get("/th/admin/export/complaints.csv").status_code == 303
