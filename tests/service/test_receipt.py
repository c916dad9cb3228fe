"""A citizen who gives an e-mail address with a question or complaint receives the tracking code by mail."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from changwat_service.models import Case

from .conftest import body_of, link_in, path_of


def test_tracking_code_by_mail_in_the_citizens_language(client, mailbox):
    r = client.post("/th/complaint", data={"subject": "ถนนชำรุด", "body": "หน้าโรงเรียน", "email": "somchai@example.com",
                                           "consent": "yes"})
    code = re.search(r"code=([A-Z0-9-]+)", r.headers["location"]).group(1)
    assert len(mailbox.messages) == 1
    msg = mailbox.messages[0]
    assert msg["To"] == "somchai@example.com" and code in msg["Subject"] and "เรื่องร้องเรียน" in msg["Subject"]
    assert f"รหัสติดตาม: {code}" in body_of(msg) and "ถนนชำรุด" not in body_of(msg)  # no case text in mail
    status = client.get(path_of(link_in(msg)))
    assert status.status_code == 200 and code in status.text
    r = client.post("/en/question", json={"subject": "Opening hours?", "body": "b", "email": "ann@example.com",
                                          "consent": True})
    msg = mailbox.messages[-1]
    assert msg["Subject"] == f"We have received your question: tracking code {r.json()['code']}"


def test_no_address_no_mail_and_a_mail_failure_loses_nothing(make_client, database, mailbox):
    client = make_client()
    client.post("/en/question", data={"subject": "s", "body": "b", "consent": "yes"})
    assert mailbox.messages == []
    down = make_client(smtp_port=1)  # nothing listens there: the mail cannot be sent
    r = down.post("/en/question", data={"subject": "s", "body": "b", "email": "x@example.com", "consent": "yes"})
    assert r.status_code == 303 and "code=" in r.headers["location"]
    with database.read() as s:
        assert s.execute(select(func.count()).select_from(Case)).scalar_one() == 2


def test_a_retried_submission_is_mailed_once(client, mailbox):
    # The form script retries a failed fetch as a plain POST with the same key: one case, one code, one mail.
    form = {"subject": "ไฟดับ", "body": "ซอย 3", "email": "malee@example.com", "consent": "yes",
            "idempotency_key": "6f1c1d9e-8a53-4a5b-9d3e-2b7c0c6a9f10"}
    first = client.post("/th/complaint", data=form)
    again = client.post("/th/complaint", data=form)
    assert first.headers["location"] == again.headers["location"]
    assert len(mailbox.messages) == 1
