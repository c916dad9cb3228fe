"""`notify`: feeds in, one mail per (subscriber, item), safe to re-run, and a crash loses and duplicates nothing
(except in the documented window between the SMTP server's accept and our commit)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections import Counter
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from changwat_service import notify, runlock, subscriptions
from changwat_service.models import Outbox, Subscriber

from .conftest import body_of, path_of, service_env

NOW = datetime.now(timezone.utc)


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>https://www.sample-province.go.th{path}</link><guid>{path}</guid>"
        f"<description>&lt;p&gt;Summary of {title}&lt;/p&gt;</description>"
        f"<pubDate>{format_datetime(NOW - timedelta(hours=1))}</pubDate></item>" for title, path in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed</title>'
            f"<link>https://www.sample-province.go.th/</link><description>d</description>{entries}</channel></rss>")


def atom(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<entry><title>{title}</title><id>urn:{path}</id><link href="https://www.sample-province.go.th{path}"/>'
        f"<updated>{NOW.isoformat()}</updated><summary>Summary of {title}</summary></entry>" for title, path in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            f"<id>urn:feed</id><updated>{NOW.isoformat()}</updated>{entries}</feed>")


@pytest.fixture
def site(tmp_path) -> Path:
    """A built site's feeds: whole-site feeds per language plus section feeds, overlapping on purpose."""
    root = tmp_path / "site"
    files = {
        "rss.xml": rss([("ข่าว 1", "/news/n1/"), ("ประกาศ 1", "/announcements/a1/"), ("หน้าเกี่ยวกับเรา", "/about/")]),
        "news/rss.xml": rss([("ข่าว 1", "/news/n1/"), ("ข่าว 2", "/news/n2/")]),
        "procurement/atom.xml": atom([("จัดซื้อ 1", "/procurement/p1/")]),
        "en/rss.xml": rss([("News 1", "/en/news/n1/")]),
        "en/news/atom.xml": atom([("News 1", "/en/news/n1/"), ("News 2", "/en/news/n2/")]),
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def subscribe(database, email, lang, *sections):
    ids = subscriptions.subscribe(database, email, lang, list(sections))
    subscriptions.confirm(database, ids, email)


@pytest.fixture
def readers(database):
    subscribe(database, "a@example.com", "th", "news", "announcements")
    subscribe(database, "b@example.com", "th", "news")
    subscribe(database, "c@example.com", "en", "news", "procurement")
    subscriptions.subscribe(database, "pending@example.com", "th", ["news"])  # never confirmed: gets nothing
    return {
        ("a@example.com", "ข่าว 1"), ("a@example.com", "ข่าว 2"), ("a@example.com", "ประกาศ 1"),
        ("b@example.com", "ข่าว 1"), ("b@example.com", "ข่าว 2"),
        ("c@example.com", "News 1"), ("c@example.com", "News 2"),
    }


def delivered(mailbox) -> Counter:
    return Counter((m["X-Envelope-To"], m["Subject"].split("] ", 1)[1]) for m in mailbox.messages)


def test_each_new_item_once_to_each_confirmed_subscriber(database, settings, mailbox, site, readers):
    from changwat_service.feeds import discover
    sources = discover(str(site))
    assert len(sources) == 5
    report = notify.run(database, settings, sources)
    assert (report.new_items, report.queued, report.delivery.sent) == (6, 7, 7)  # 6 items (one with no reader), 7 mails
    assert delivered(mailbox) == Counter(readers)
    # Re-running after the same deploy sends nothing.
    report = notify.run(database, settings, sources)
    assert (report.new_items, report.delivery.sent) == (0, 0)
    assert len(mailbox.messages) == 7
    # The next deploy adds one item: only that one goes out.
    (site / "news/rss.xml").write_text(rss([("ข่าว 3", "/news/n3/"), ("ข่าว 2", "/news/n2/")]), encoding="utf-8")
    report = notify.run(database, settings, sources)
    assert report.delivery.sent == 2
    assert delivered(mailbox) == Counter(readers | {("a@example.com", "ข่าว 3"), ("b@example.com", "ข่าว 3")})


def test_mail_content_and_unsubscribe_headers(client, database, settings, mailbox, site, readers):
    notify.run(database, settings, [str(site / "en/news/atom.xml")])
    msg = next(m for m in mailbox.messages if m["Subject"] == "[News] News 1")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = msg["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://testserver/unsubscribe/")
    text = body_of(msg)
    assert "https://www.sample-province.go.th/en/news/n1/" in text and "Summary of News 1" in text
    assert url in text and "Unsubscribe from this section (one click):" in text
    assert msg["Message-ID"].startswith("<outbox-")
    # One-click POST from the mail client, then a new item: this reader is skipped.
    assert client.post(path_of(url), content="List-Unsubscribe=One-Click",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 200
    mailbox.messages.clear()
    (site / "en/news/atom.xml").write_text(atom([("News 3", "/en/news/n3/")]), encoding="utf-8")
    notify.run(database, settings, [str(site / "en/news/atom.xml")])
    assert mailbox.messages == []


def test_old_items_and_baseline_are_not_mailed(database, settings, mailbox, site, readers):
    old = rss([("เก่า", "/news/old/")]).replace(format_datetime(NOW - timedelta(hours=1)),
                                                 format_datetime(NOW - timedelta(days=90)))
    (site / "news/rss.xml").write_text(old, encoding="utf-8")
    report = notify.run(database, settings, [str(site / "news/rss.xml")])
    assert (report.new_items, report.queued) == (1, 0)
    report = notify.run(database, settings, [str(site / "en/news/atom.xml")], baseline=True)
    assert (report.new_items, report.queued) == (2, 0)
    assert mailbox.messages == []


def test_unsubscribed_before_delivery_is_cancelled(database, settings, mailbox, site, readers):
    notify.ingest(database, notify.feeds.load([str(site / "news/rss.xml")]))
    with database.read() as s:
        b = s.execute(select(Subscriber).where(Subscriber.email == "b@example.com")).scalar_one()
    subscriptions.unsubscribe(database, b.id)
    report = notify.run(database, settings, [str(site / "news/rss.xml")])
    assert (report.delivery.sent, report.delivery.cancelled) == (2, 2)
    assert {m["X-Envelope-To"] for m in mailbox.messages} == {"a@example.com"}


def test_smtp_down_keeps_everything_for_the_next_run(database, make_settings, settings, mailbox, site, readers):
    down = make_settings(smtp_port=1)  # nothing listens there
    report = notify.run(database, down, [str(site / "news/rss.xml")])
    assert report.delivery.sent == 0 and report.delivery.retry_later == 1
    with database.read() as s:
        assert set(s.execute(select(Outbox.state)).scalars()) == {"pending"}
    report = notify.run(database, settings, [str(site / "news/rss.xml")])
    assert report.delivery.sent == 4 and len(mailbox.messages) == 4


def test_a_second_run_waits_for_a_live_holder(database, settings, site, readers):
    holder = runlock.acquire(database, "notify")
    try:
        with pytest.raises(runlock.LockHeld):
            notify.run(database, settings, [str(site / "news/rss.xml")])
    finally:
        runlock.release(database, "notify", holder)


CRASHING_RUN = textwrap.dedent("""
    import os, sys
    from changwat_service import mailer, notify
    from changwat_service.db import Database
    from changwat_service.settings import load_settings

    crash_at, point, sources = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    count = 0

    class CrashingMailer(mailer.SmtpMailer):
        def send(self, msg):
            global count
            count += 1
            if point == "before_send" and count == crash_at:
                os._exit(3)       # claimed ("sending") and committed, never handed to SMTP
            super().send(msg)
            if point == "after_accept" and count == crash_at:
                os._exit(3)       # SMTP accepted it, the "sent" commit never happens

    settings = load_settings()
    notify.run(Database(settings.db_url), settings, sources, mailer=CrashingMailer(settings))
""")


@pytest.mark.parametrize("point, crash_at", [("before_send", 1), ("before_send", 4), ("after_accept", 3)])
def test_crash_mid_run_then_rerun(database, settings, mailbox, site, readers, point, crash_at):
    from changwat_service.feeds import discover
    sources = discover(str(site))
    crashed = subprocess.run([sys.executable, "-c", CRASHING_RUN, str(crash_at), point, *sources],
                             env=service_env(settings), capture_output=True, text=True, timeout=120)
    assert crashed.returncode == 3, crashed.stderr
    sent_before = len(mailbox.messages)
    assert sent_before == (crash_at - 1 if point == "before_send" else crash_at)
    with database.read() as s:
        states = Counter(s.execute(select(Outbox.state)).scalars())
    assert states["sending"] == 1  # the row the crash interrupted

    report = notify.run(database, settings, sources)  # the re-run after the crash: the dead holder's lock is taken over
    assert report.delivery.resent_after_crash == 1
    got = delivered(mailbox)
    assert set(got) == readers  # nothing lost
    with database.read() as s:
        assert set(s.execute(select(Outbox.state)).scalars()) == {"sent"}
    if point == "before_send":
        assert max(got.values()) == 1  # and nothing twice
    else:
        # The documented at-least-once window: exactly one mail twice, and both copies share one Message-ID.
        assert sorted(got.values()) == [1] * (len(readers) - 1) + [2]
        ids = Counter(m["Message-ID"] for m in mailbox.messages)
        assert len(ids) == len(readers) and max(ids.values()) == 2
    assert notify.run(database, settings, sources).delivery.sent == 0
