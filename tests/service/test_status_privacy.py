"""Tracking by code, deletion on request, retention purge and the JSON exports."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from changwat_service import cases, purge, subscriptions, survey
from changwat_service.contract.exports import read_export
from changwat_service.models import Case, Subscriber, SurveyResponse, utcnow

from .conftest import link_in, path_of, run_cli

PERSONAL = {"name": "สมหญิง ใจดี", "email": "somying@example.com", "phone": "081-234-5678",
            "subject": "น้ำท่วมซอย 5", "body": "บ้านเลขที่ 99 ซอย 5"}


def test_status_by_code_without_personal_data(client, database):
    code = cases.submit(database, "complaint", "th", PERSONAL)
    r = client.get(f"/th/status?code={code.lower()}")
    assert r.status_code == 200 and "ได้รับเรื่องแล้ว" in r.text and code in r.text
    for value in PERSONAL.values():
        assert value not in r.text
    api = client.get(f"/api/status/{code}?lang=en").json()
    assert api["ok"] and api["status"] == "received" and api["status_text"] == "Received" and api["reply"] is None
    assert not set(api) & set(PERSONAL)
    r = client.get("/en/status?code=Q-ZZZZ-ZZZZ")
    assert r.status_code == 404 and "No case has this code" in r.text
    r = client.get("/en/status?code=hello")
    assert r.status_code == 404 and "not valid" in r.text
    assert client.get("/api/status/nonsense").json()["errors"]["code"]


def test_deletion_on_request_by_code_and_mail(client, database, mailbox):
    code = cases.submit(database, "complaint", "en", PERSONAL)
    r = client.post("/en/delete", data={"code": code, "email": "wrong@example.com"})
    assert r.status_code == 303 and mailbox.messages == []  # same answer, no mail: nothing is revealed
    r = client.post("/en/delete", data={"code": code, "email": "SOMYING@example.com"})
    assert r.status_code == 303 and r.headers["location"] == "/en/thanks/delete"
    assert len(mailbox.messages) == 1 and mailbox.messages[0]["To"] == "somying@example.com"
    link = path_of(link_in(mailbox.messages[0]))
    page = client.get(link)  # a button, not a deletion: scanners open links
    assert page.status_code == 200 and code in page.text
    assert cases.find_for_deletion(database, code, "somying@example.com") is not None
    token = link.split("token=")[1]
    from urllib.parse import unquote
    r = client.post("/en/delete/confirm", data={"token": unquote(token)})
    assert r.status_code == 200 and "has been deleted" in r.text
    with database.read() as s:
        case = s.execute(select(Case).where(Case.code == code)).scalar_one()
    assert all(getattr(case, f) is None for f in PERSONAL) and case.purged_at and case.status == "closed"
    assert client.post("/en/delete/confirm", data={"token": "forged.token"}).status_code == 400


def test_purge_closed_cases_and_stale_subscribers(database, settings):
    old, recent, open_ = (cases.submit(database, "complaint", "th", dict(PERSONAL)) for _ in range(3))
    long_ago = utcnow() - timedelta(days=400)
    with database.write() as s:
        for code, closed_at in ((old, long_ago), (recent, utcnow())):
            case = s.execute(select(Case).where(Case.code == code)).scalar_one()
            case.status, case.closed_at, case.reply = "closed", closed_at, "done"
        s.add(SurveyResponse(rating=5, comment="ชื่อผม", page="/", lang="th", section="home", created_at=long_ago))
    subscriptions.subscribe(database, "never@example.com", "th", ["news"])
    with database.write() as s:
        s.execute(select(Subscriber)).scalar_one().created_at = long_ago
    report = purge.purge(database, retention_days=365)
    assert (report.cases, report.subscribers, report.survey_comments) == (1, 1, 1)
    with database.read() as s:
        by_code = {c.code: c for c in s.execute(select(Case)).scalars()}
    assert by_code[old].email is None and by_code[old].reply == "done"
    assert by_code[recent].email == PERSONAL["email"] and by_code[open_].email == PERSONAL["email"]
    assert cases.public_status(database, old)["status"] == "closed"


def test_commands_export_and_purge(settings, database, tmp_path):
    code = cases.submit(database, "question", "th", dict(PERSONAL))
    with database.write() as s:
        case = s.execute(select(Case).where(Case.code == code)).scalar_one()
        cases_id = case.id
    cases.update(database, cases_id, status="answered", reply="ตอบ", public=True, public_question="ถามว่า?")
    survey.record(database, 4, None, "/news/x/")
    survey.record(database, 2, "ช้า", "/news/y/")
    survey.record(database, 5, None, "/en/")
    out = tmp_path / "data"
    result = run_cli(settings, "export", "--out", str(out))
    assert "qa.json" in result.stdout
    qa = json.loads((out / "qa.json").read_text(encoding="utf-8"))
    assert qa["questions"]["th"] == [{"code": code, "question": "ถามว่า?", "answer": "ตอบ",
                                      "asked": qa["questions"]["th"][0]["asked"],
                                      "answered": qa["questions"]["th"][0]["answered"]}]
    assert "somying" not in (out / "qa.json").read_text(encoding="utf-8")
    months = json.loads((out / "survey.json").read_text(encoding="utf-8"))["months"]
    news = next(m for m in months if m["section"] == "news")
    assert news["responses"] == 2 and news["average"] == 3.0 and news["ratings"]["4"] == 1
    assert "ช้า" not in (out / "survey.json").read_text(encoding="utf-8")
    assert {m["section"] for m in months} == {"news", "home"}
    assert json.loads((out / "stats.json").read_text())["days"] == []
    # What the command wrote is what the site's build reads: the contract's readers take all three back.
    qa_back, survey_back, stats_back = (read_export(out / n) for n in ("qa.json", "survey.json", "stats.json"))
    assert qa_back.questions["th"][0].code == code and stats_back.days == ()
    assert {(m.section, m.responses) for m in survey_back.months} == {("news", 2), ("home", 1)}
    result = run_cli(settings, "purge", "--days", "30")
    assert "cases purged 0" in result.stdout
