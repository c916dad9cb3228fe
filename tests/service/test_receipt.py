"""A citizen who gives an e-mail address with a question or complaint receives the tracking code by mail: through
the outbox, so an accepted case's receipt is never lost (mail server down, process stopped) and never sent twice
(a retried submission, two senders at once)."""

from __future__ import annotations

import logging
import re
import smtplib
import socket
import time
from datetime import timedelta

from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from changwat_service import cases, outbox, receipts
from changwat_service.maillimits import MailSend
from changwat_service.models import Case, Outbox, utcnow

from .conftest import ROOT, body_of, link_in, path_of

OFFICE_FILE = str(ROOT / "data" / "office.yml")


def code_of(response) -> str:
    return re.search(r"code=([A-Z0-9-]+)", response.headers["location"]).group(1)


def rows(database) -> list[tuple]:
    with database.read() as s:
        return s.execute(select(Outbox.case_id, Outbox.state, Outbox.attempts).order_by(Outbox.id)).all()


def test_tracking_code_by_mail_in_the_citizens_language(make_client, mailbox):
    client = make_client(office_file=OFFICE_FILE)
    r = client.post("/th/complaint", data={"subject": "ถนนชำรุด", "body": "หน้าโรงเรียน", "email": "somchai@example.com",
                                           "consent": "yes"})
    code = code_of(r)
    assert len(mailbox.messages) == 1
    msg = mailbox.messages[0]
    body = body_of(msg)
    assert msg["To"] == "somchai@example.com" and msg["X-Envelope-To"] == "somchai@example.com"
    assert msg["Subject"] == f"ได้รับเรื่องร้องเรียนของท่านแล้ว รหัสติดตาม {code}"
    assert f"รหัสติดตาม: {code}" in body and "ถนนชำรุด" not in body and "หน้าโรงเรียน" not in body  # no case text
    assert "สำนักงานจังหวัดตัวอย่างได้รับเรื่องร้องเรียนของท่านแล้ว" in body
    assert "ขั้นตอนต่อไป: เจ้าหน้าที่จะพิจารณาเรื่องร้องเรียนของท่าน" in body  # what happens next
    # The office's contact from its data/office.yml, in Thai.
    for text in ("ติดต่อสำนักงาน:", "ศาลากลางจังหวัดตัวอย่าง ชั้น 2", "0 9999 1234", "saraban@sample-province.go.th",
                 "วันจันทร์–วันศุกร์"):
        assert text in body, text
    link = link_in(msg)
    assert link == f"http://testserver/th/status?code={code}"
    status = client.get(path_of(link))
    assert status.status_code == 200 and code in status.text and '<html lang="th">' in status.text

    r = client.post("/en/question", json={"subject": "Opening hours?", "body": "b", "email": "ann@example.com",
                                          "consent": True})
    code = r.json()["code"]
    msg = mailbox.messages[-1]
    body = body_of(msg).replace("\r\n", "\n")
    assert len(mailbox.messages) == 2 and msg["To"] == "ann@example.com"
    assert msg["Subject"] == f"We have received your question: tracking code {code}"
    assert f"Sample Provincial Office has received your question.\nTracking code: {code}" in body
    assert "What happens next: an officer looks into your question" in body
    assert "To contact the office:" in body and "Monday to Friday" in body and "Sample Provincial Hall" in body
    assert not re.search(r"[\u0e00-\u0e7f]", body + msg["Subject"])  # all English
    assert link_in(msg) == f"http://testserver/en/status?code={code}"
    assert client.get(path_of(link_in(msg))).status_code == 200


def test_no_address_no_mail(client, database, mailbox):
    r = client.post("/en/question", data={"subject": "s", "body": "b", "consent": "yes"})
    assert r.status_code == 303
    assert mailbox.messages == [] and rows(database) == []


def test_a_mail_server_down_loses_nothing_and_the_loop_sends_it_once(make_client, database, mailbox):
    down = make_client(smtp_port=1)  # nothing listens there: the mail cannot be sent
    r = down.post("/en/question", data={"subject": "s", "body": "b", "email": "x@example.com", "consent": "yes"})
    assert r.status_code == 303 and "code=" in r.headers["location"]  # the citizen's answer does not wait for mail
    code = code_of(r)
    with database.read() as s:
        case_id = s.execute(select(Case.id).where(Case.code == code)).scalar_one()
        assert "x@example.com" not in str(s.execute(select(Outbox.last_error)).scalar_one())
    assert rows(database) == [(case_id, "pending", 1)] and mailbox.messages == []
    # The server is back; the loop of a running service sends the receipt once its wait (5 minutes) is over.
    sender = make_client(mail_retry_seconds=1)
    time.sleep(1.5)
    assert mailbox.messages == []  # still waiting: a flapping server does not use up the attempts
    with database.write() as s:
        s.execute(update(Outbox).values(claimed_at=utcnow() - timedelta(minutes=6)))
    deadline = time.monotonic() + 10
    while not mailbox.messages and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [m["To"] for m in mailbox.messages] == ["x@example.com"] and code in mailbox.messages[0]["Subject"]
    assert rows(database) == [(case_id, "sent", 2)]
    time.sleep(1.5)  # further rounds send nothing
    assert len(mailbox.messages) == 1
    assert sender.get("/healthz").status_code == 200


def test_a_retried_submission_is_mailed_once(client, database, mailbox):
    # The form script retries a failed fetch as a plain POST with the same key: one case, one code, one mail.
    form = {"subject": "ไฟดับ", "body": "ซอย 3", "email": "malee@example.com", "consent": "yes",
            "idempotency_key": "6f1c1d9e-8a53-4a5b-9d3e-2b7c0c6a9f10"}
    first = client.post("/th/complaint", data=form)
    again = client.post("/th/complaint", data=form)
    also_json = client.post("/th/complaint", json=form)
    assert first.headers["location"] == again.headers["location"]
    assert also_json.json()["code"] == code_of(first)
    assert len(mailbox.messages) == 1 and len(rows(database)) == 1
    with database.read() as s:  # and the per-address limit counted it once
        assert s.execute(select(func.count()).select_from(MailSend)).scalar_one() == 1


def test_a_retry_while_the_first_receipt_waits_queues_nothing(make_client, database, mailbox, settings):
    form = {"subject": "s", "body": "b", "email": "kanya@example.com", "consent": "yes",
            "idempotency_key": "0b7e2a51-3c4d-4e5f-8a9b-1c2d3e4f5a6b"}
    down = make_client(smtp_port=1)
    code = code_of(down.post("/th/question", data=form))
    assert code_of(make_client().post("/th/question", data=form)) == code
    assert mailbox.messages == [] and len(rows(database)) == 1
    report = receipts.deliver(database, settings, down.app.state.office, make_client().app.state.mailer_factory,
                              backoff=False)
    assert report.sent == 1 and len(mailbox.messages) == 1


def test_two_senders_never_send_one_receipt_twice(client, database, mailbox, settings):
    """A request's own send, another process's loop and notify may look at one row at once: the claim lets one
    send it. The second sender runs while the first is in the middle of its first SMTP conversation, after the
    first has listed both receipts as due."""
    with database.write() as s:
        for n in range(2):
            s.add(case := Case(kind="question", code=f"Q-0000-000{n}", lang="en", email=f"lek{n}@example.com"))
            s.flush()
            s.add(Outbox(case_id=case.id))
    office = client.app.state.office
    factory = client.app.state.mailer_factory
    inner: list = []

    class SlowMailer:
        def send(self, msg):
            if not inner:  # the other sender (a loop, notify: no backoff) takes the second receipt meanwhile
                inner.append(receipts.deliver(database, settings, office, factory, backoff=False))
            with factory() as m:
                m.send(msg)

    report = outbox.deliver(database, SlowMailer(), receipts.composer(settings, office))
    # The first receipt was "sending" (its lease running): not the other's. The second was the other's: not ours.
    assert inner[0].sent == 1 and report.sent == 1
    assert sorted(m["To"] for m in mailbox.messages) == ["lek0@example.com", "lek1@example.com"]
    # A receipt left "sending" by a sender that died is sent again, but only after the lease.
    with database.write() as s:
        s.execute(update(Outbox).where(Outbox.id == min(r[0] for r in s.execute(select(Outbox.id))))
                  .values(state="sending", claimed_at=utcnow() - timedelta(minutes=2)))
    assert receipts.deliver(database, settings, office, factory).sent == 0
    with database.write() as s:
        s.execute(update(Outbox).where(Outbox.state == "sending")
                  .values(claimed_at=utcnow() - outbox.LEASE - timedelta(seconds=5)))
    again = receipts.deliver(database, settings, office, factory)
    assert (again.sent, again.resent_after_crash) == (1, 1)
    first = [m for m in mailbox.messages if m["To"] == "lek0@example.com"]
    assert len(mailbox.messages) == 3 and len({m["Message-ID"] for m in first}) == 1  # the resent copy is the same


def test_a_receipt_whose_personal_data_was_deleted_is_cancelled(make_client, database, mailbox, settings):
    down = make_client(smtp_port=1)
    code = code_of(down.post("/en/complaint", data={"subject": "s", "body": "b", "email": "nok@example.com",
                                                    "consent": "yes"}))
    with database.write() as s:
        cases.erase_personal_data(s, s.execute(select(Case).where(Case.code == code)).scalar_one())
    report = receipts.deliver(database, settings, down.app.state.office, make_client().app.state.mailer_factory,
                              backoff=False)
    assert (report.sent, report.cancelled) == (0, 1) and mailbox.messages == []
    assert rows(database)[0][1] == "cancelled"


def test_the_mail_limit_counts_receipts_and_the_case_is_kept(client, database, mailbox, monkeypatch):
    monkeypatch.setenv("CHANGWAT_SERVICE_MAIL_LIMIT", "2/86400")
    for n in range(3):
        r = client.post("/en/question", data={"subject": f"q{n}", "body": "b", "email": "Busy@Example.com",
                                              "consent": "yes"})
        assert r.status_code == 303
    assert len(mailbox.messages) == 2 and len(rows(database)) == 2
    with database.read() as s:
        assert s.execute(select(func.count()).select_from(Case)).scalar_one() == 3


class Refusing:
    """An SMTP server that refuses every recipient for good (550), repeating the address as servers do."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return f"550 5.1.1 <{address}>: Recipient address rejected"


def test_a_refused_receipt_is_failed_and_neither_log_nor_outbox_has_the_address(make_client, database, caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Refusing(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        client = make_client(smtp_port=port)
        with caplog.at_level(logging.INFO):
            r = client.post("/th/question", data={"subject": "s", "body": "b", "email": "wichai@example.com",
                                                  "consent": "yes"})
    finally:
        controller.stop()
    assert r.status_code == 303
    with database.read() as s:
        state, error = s.execute(select(Outbox.state, Outbox.last_error)).one()
    assert state == "failed" and "550" in error and "Recipient address rejected" in error  # permanent: no retry
    # Everything logged in the service's process, but for the test's own mail server (aiosmtpd's "mail.log").
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name != "mail.log")
    assert "550" in logged
    assert "wichai" not in error and "wichai" not in logged and "example.com" not in logged


def test_error_text_takes_addresses_out():
    refused = smtplib.SMTPRecipientsRefused({"a.b@example.com": (550, b"5.1.1 <a.b@example.com> unknown user")})
    assert outbox.error_text(refused) == "SMTPRecipientsRefused: 550 5.1.1 <[address]> unknown user"
    answer = smtplib.SMTPDataError(554, b"rejected for c@example.org")
    assert "c@example.org" not in outbox.error_text(answer) and "554" in outbox.error_text(answer)


def test_notify_also_sends_a_waiting_receipt(make_client, database, mailbox, settings, tmp_path):
    """With the delivery loop off (CHANGWAT_SERVICE_MAIL_RETRY_SECONDS=0), the next deploy's notify run sends it."""
    from changwat_service import notify
    from .test_notify import rss
    feed = tmp_path / "news" / "rss.xml"
    feed.parent.mkdir()
    feed.write_text(rss([]), encoding="utf-8")
    down = make_client(smtp_port=1, mail_retry_seconds=0)
    code = code_of(down.post("/th/question", data={"subject": "s", "body": "b", "email": "dao@example.com",
                                                  "consent": "yes"}))
    assert mailbox.messages == []
    report = notify.run(database, settings, [str(feed)])
    assert report.delivery.sent == 1 and [m["To"] for m in mailbox.messages] == ["dao@example.com"]
    assert code in mailbox.messages[0]["Subject"] and "ติดต่อสำนักงาน:" in body_of(mailbox.messages[0])
    assert notify.run(database, settings, [str(feed)]).delivery.sent == 0
