"""Double opt-in and one-click unsubscribe, with real mail through a local SMTP server."""

from __future__ import annotations

import re
from urllib.parse import quote

from sqlalchemy import select

from changwat_service import links, tokens
from changwat_service.models import Subscriber

from .conftest import SECRET, body_of, link_in, path_of


def statuses(database) -> dict:
    with database.read() as s:
        return {(r.email, r.lang, r.section): r.status for r in s.execute(select(Subscriber)).scalars()}


def test_double_opt_in(client, database, mailbox):
    r = client.post("/th/subscribe", data={"email": "Reader@Example.COM", "sections": ["news", "procurement"],
                                           "consent": "yes"})
    assert r.status_code == 303 and r.headers["location"] == "/th/thanks/subscribe"
    assert statuses(database) == {("Reader@example.com", "th", "news"): "pending",
                                  ("Reader@example.com", "th", "procurement"): "pending"}
    assert len(mailbox.messages) == 1
    msg = mailbox.messages[0]
    assert msg["To"] == "Reader@example.com" and msg["Subject"] == "ยืนยันการรับข่าวทางอีเมล"
    assert "ข่าวประชาสัมพันธ์, จัดซื้อจัดจ้าง" in body_of(msg)
    page = client.get(path_of(link_in(msg)))
    assert page.status_code == 200 and "ยืนยันแล้ว" in page.text
    assert set(statuses(database).values()) == {"confirmed"}
    # Asking again neither mails nor tells the asker that the address is subscribed.
    r = client.post("/th/subscribe", json={"email": "Reader@example.com", "sections": ["news"], "consent": "yes"})
    assert r.status_code == 200 and r.json()["ok"]
    assert len(mailbox.messages) == 1


def test_subscribe_errors_and_language(client, mailbox):
    r = client.post("/en/subscribe", json={"email": "", "sections": ["weather"]})
    assert r.status_code == 422
    assert r.json()["errors"] == {"email": "Please fill in this field.",
                                  "sections": "Please choose at least one section.",
                                  "consent": "Please agree to how we use your personal data before sending."}
    r = client.post("/en/subscribe", data={"email": "x@example.com", "sections": "news", "consent": "yes"})
    assert r.status_code == 303
    assert mailbox.messages[0]["Subject"] == "Confirm your e-mail subscription"


def test_expired_or_forged_confirmation(client, database, mailbox, settings):
    client.post("/en/subscribe", data={"email": "late@example.com", "sections": "news", "consent": "yes"})
    sub_id = next(iter(database.read().__enter__().execute(select(Subscriber.id)).scalars()))
    old = tokens.sign(SECRET, "confirm", {"ids": [sub_id], "e": "late@example.com"}, ttl_seconds=-1)
    r = client.get(f"/en/subscribe/confirm?token={quote(old)}")
    assert r.status_code == 400 and "expired" in r.text
    forged = tokens.sign("another-secret-" + "y" * 30, "confirm", {"ids": [sub_id], "e": "late@example.com"}, 60)
    r = client.get(f"/en/subscribe/confirm?token={quote(forged)}")
    assert r.status_code == 400 and "not valid" in r.text
    wrong_address = tokens.sign(SECRET, "confirm", {"ids": [sub_id], "e": "other@example.com"}, 60)
    client.get(f"/en/subscribe/confirm?token={quote(wrong_address)}")
    assert set(statuses(database).values()) == {"pending"}


def confirmed(client, mailbox, email="reader@example.com", lang="en", sections=("news",)) -> None:
    mailbox.messages.clear()
    client.post(f"/{lang}/subscribe", data={"email": email, "sections": list(sections), "consent": "yes"})
    client.get(path_of(link_in(mailbox.messages[-1])))
    mailbox.messages.clear()


def test_unsubscribe_link_asks_before_unsubscribing_and_undo(client, database, mailbox, settings):
    confirmed(client, mailbox)
    sub_id = next(iter(database.read().__enter__().execute(select(Subscriber.id)).scalars()))
    url = path_of(links.unsubscribe(settings, sub_id))
    # Mail scanners and link previews fetch (GET or HEAD) every link in a message: neither may unsubscribe.
    assert client.head(url).status_code == 200
    page = client.get(url)
    assert page.status_code == 200 and 'lang="en"' in page.text and "stop receiving News" in page.text
    assert set(statuses(database).values()) == {"confirmed"}
    # A POST without the page's token (another site's form, a replayed request) is refused.
    r = client.post(url, data={"csrf": "forged"})
    assert r.status_code == 403 and 'lang="en"' in r.text and "reload the page" in r.text
    assert set(statuses(database).values()) == {"confirmed"}
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
    r = client.post(action, data={"csrf": csrf}, headers={"Origin": "http://testserver"})
    assert r.status_code == 200 and "You have been unsubscribed" in r.text
    assert set(statuses(database).values()) == {"unsubscribed"}
    # Fetching the link again after unsubscribing says so, and offers the undo.
    again = client.get(url)
    assert "You have been unsubscribed" in again.text and "/again" in again.text
    r = client.post(url + "/again")
    assert r.status_code == 200
    assert set(statuses(database).values()) == {"confirmed"}


def test_unsubscribe_page_in_thai(client, database, mailbox, settings):
    confirmed(client, mailbox, lang="th", sections=("procurement",))
    sub_id = next(iter(database.read().__enter__().execute(select(Subscriber.id)).scalars()))
    page = client.get(path_of(links.unsubscribe(settings, sub_id)))
    assert 'lang="th"' in page.text and "จัดซื้อจัดจ้าง" in page.text and "ยกเลิกการรับข่าว" in page.text
    assert set(statuses(database).values()) == {"confirmed"}


def test_rfc8058_one_click_post(client, database, mailbox, settings):
    confirmed(client, mailbox)
    sub_id = next(iter(database.read().__enter__().execute(select(Subscriber.id)).scalars()))
    r = client.post(path_of(links.unsubscribe(settings, sub_id)), content="List-Unsubscribe=One-Click",
                    headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://mail.example"})
    assert r.status_code == 200
    assert set(statuses(database).values()) == {"unsubscribed"}
    assert client.get("/unsubscribe/garbage.token").status_code == 400


def test_two_identical_subscribes_at_once(client, database, mailbox, backend):
    """Both requests look for the row before either inserts it: on PostgreSQL the second INSERT then hits the
    unique constraint. The barrier holds each request's first INSERT until both have looked (SQLite writers
    queue for the write lock instead, so there the two run one after the other)."""
    from concurrent.futures import ThreadPoolExecutor
    import threading
    from sqlalchemy import event

    barrier = threading.Barrier(2, timeout=30)
    held = []

    def hold_first_inserts(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO subscribers") and len(held) < 2:
            held.append(statement)
            barrier.wait()

    if backend == "postgresql":
        event.listen(database.engine, "before_cursor_execute", hold_first_inserts)
    try:
        body = {"email": "twice@example.com", "sections": ["news"], "consent": "yes"}
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda _: client.post("/en/subscribe", json=body), range(2)))
    finally:
        if backend == "postgresql":
            event.remove(database.engine, "before_cursor_execute", hold_first_inserts)
    assert [r.status_code for r in answers] == [200, 200], [r.text for r in answers]
    assert all(r.json()["message"].startswith("We have sent you a confirmation e-mail") for r in answers)
    assert statuses(database) == {("twice@example.com", "en", "news"): "pending"}
    # Both answers promised a mail: each link confirms the one row.
    assert 1 <= len(mailbox.messages) <= 2
    client.get(path_of(link_in(mailbox.messages[-1])))
    assert statuses(database) == {("twice@example.com", "en", "news"): "confirmed"}


def test_confirmation_mails_per_recipient_are_limited(client, database, mailbox, settings):
    """Anyone may type any address into the form: after three mails in a day, that inbox gets no more, and
    the form's answer does not change (it must not tell who is being flooded, or that a limit was hit)."""
    from changwat_service.maillimits import MailSend
    answers = []
    for i in range(6):
        address = "Victim@Example.com" if i % 2 else "victim@example.com"
        answers.append(client.post("/en/subscribe", json={"email": address, "sections": ["news"], "consent": "yes"}))
    assert {(r.status_code, r.json()["message"]) for r in answers} == {
        (200, "We have sent you a confirmation e-mail. Open its link within 3 days to start receiving news.")}
    assert len(mailbox.messages) == 3
    assert {m["X-Envelope-To"].casefold() for m in mailbox.messages} == {"victim@example.com"}
    # Another inbox is not affected, and the link in a mail that did arrive still confirms.
    client.post("/en/subscribe", json={"email": "other@example.com", "sections": ["news"], "consent": "yes"})
    assert len(mailbox.messages) == 4 and mailbox.messages[-1]["To"] == "other@example.com"
    client.get(path_of(link_in(mailbox.messages[0])))
    assert statuses(database)[("victim@example.com", "en", "news")] == "confirmed"
    with database.read() as s:
        kept = [r.recipient for r in s.execute(select(MailSend)).scalars()]
    assert len(kept) == 4 and not any("@" in k or "example" in k for k in kept)  # a keyed hash, not the address


def test_mail_limit_window_forgets_old_sends(database, settings):
    from datetime import timedelta
    from changwat_service import maillimits
    from changwat_service.models import utcnow
    day_ago = utcnow() - timedelta(hours=25)
    for _ in range(3):
        assert maillimits.allow(database, settings.secret, "a@example.com", (3, 86400), now=day_ago)
    assert not maillimits.allow(database, settings.secret, "a@example.com", (3, 86400), now=day_ago)
    assert maillimits.allow(database, settings.secret, "a@example.com", (3, 86400))
    with database.read() as s:
        assert s.execute(select(maillimits.MailSend)).scalars().all()[0].sent_at > day_ago + timedelta(hours=1)
