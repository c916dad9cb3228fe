"""The preview's mail sink shows mail decoded, in the terminal and on its inbox page, with clickable links."""

from __future__ import annotations

import base64
import os
import re
import smtplib
import subprocess
import sys
import urllib.parse
import urllib.request
from email.message import EmailMessage

from test_preview_server import free_port, wait_until

from changwat.preview.mail import decode

SUBJECT = "ยืนยันการรับข่าวสารจากสำนักงานจังหวัด"
LINK = "http://127.0.0.1:8001/th/subscribe/confirm?token=QmFzZTY0&lang=th"
TEXT = (f"เรียน คุณสมศรี\n\nกรุณากดลิงก์นี้เพื่อยืนยันการรับข่าวสาร: {LINK}.\n"
        "หากไม่ได้สมัคร <b>ไม่ต้องทำอะไร</b>\n")


def thai_mail() -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "สำนักงานจังหวัดตัวอย่าง <noreply@sample-province.go.th>"
    mail["To"] = "somsri@example.com"
    mail["Subject"] = SUBJECT
    mail.set_content(TEXT, charset="utf-8", cte="base64")
    return mail


def test_a_real_mime_mail_is_shown_decoded_in_the_terminal_and_the_inbox(tmp_path):
    mail = thai_mail()
    wire = mail.as_string()
    assert "=?utf-8?b?" in wire and SUBJECT not in wire and LINK not in wire  # what the raw sink used to print
    smtp_port, inbox_port = free_port(), free_port()
    log = tmp_path / "sink.log"
    with open(log, "wb") as out:
        sink = subprocess.Popen(
            [sys.executable, "-m", "changwat.preview.mailsink", "--smtp", f"127.0.0.1:{smtp_port}",
             "--inbox", f"127.0.0.1:{inbox_port}"], stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        inbox = f"http://127.0.0.1:{inbox_port}/"
        wait_until(lambda: urllib.request.urlopen(inbox, timeout=5).status == 200, 20, "the inbox answers")
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as client:
            client.send_message(mail)
            client.send_message(_second())

        with urllib.request.urlopen(inbox, timeout=5) as response:
            page = response.read().decode("utf-8")
            policy = response.headers["Content-Security-Policy"]
        assert f"<h2>{SUBJECT}</h2>" in page
        assert f'<a href="{LINK.replace("&", "&amp;")}">' in page  # clickable, without the sentence's full stop
        assert "&lt;b&gt;ไม่ต้องทำอะไร&lt;/b&gt;" in page and "<b>ไม่ต้องทำอะไร" not in page
        assert page.index("ข่าวใหม่") < page.index(SUBJECT)  # newest first
        assert "default-src 'none'" in policy and not re.search(r"\ssrc=|<link\b|@import|url\(", page)  # loads nothing
        assert urllib.request.urlopen(inbox + "count", timeout=5).read() == b"2"
    finally:
        sink.terminate()
        sink.wait(timeout=10)

    output = log.read_text(encoding="utf-8")
    assert SUBJECT in output and LINK in output and "เรียน คุณสมศรี" in output
    assert "สำนักงานจังหวัดตัวอย่าง <noreply@sample-province.go.th>" in output
    body_base64 = base64.b64encode(TEXT.encode("utf-8")).decode()[:40]
    assert body_base64 not in output and "=?utf-8?" not in output
    assert "Traceback" not in output


def _second() -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "noreply@sample-province.go.th"
    mail["To"] = "somsri@example.com"
    mail["Subject"] = "ข่าวใหม่: ประกาศรับสมัครงาน"
    mail.set_content("อ่านต่อ https://www.sample-province.go.th/news/a/", charset="utf-8", cte="quoted-printable")
    return mail


def test_an_html_only_mail_gives_its_text_and_links():
    mail = EmailMessage()
    mail["Subject"] = "ทดสอบ"
    mail.set_content('<p>กด <a href="https://example.go.th/x">ที่นี่</a></p><p>ขอบคุณ</p>', subtype="html",
                     charset="utf-8", cte="base64")
    decoded = decode(mail.as_bytes())
    assert decoded.subject == "ทดสอบ" and decoded.links == ["https://example.go.th/x"]
    assert "ขอบคุณ" in decoded.text and "<p>" not in decoded.text


def test_an_officer_subscribes_on_the_preview_and_confirms_from_the_inbox(tmp_path):
    """The preview as make serve starts it: the service mails the sink; the inbox's link confirms the address."""
    smtp_port, inbox_port, service_port = free_port(), free_port(), free_port()
    service_url = f"http://127.0.0.1:{service_port}"
    env = {**os.environ, "CHANGWAT_SERVICE_DB_URL": f"sqlite:///{tmp_path / 'service.db'}",
           "CHANGWAT_SERVICE_SECRET": "s" * 40, "CHANGWAT_SITE_ORIGIN": "http://127.0.0.1:8000",
           "CHANGWAT_SERVICE_PUBLIC_URL": service_url, "CHANGWAT_SMTP_HOST": "127.0.0.1",
           "CHANGWAT_SMTP_PORT": str(smtp_port), "CHANGWAT_SERVICE_COOKIE_SECURE": "false"}
    with open(tmp_path / "sink.log", "wb") as sink_out, open(tmp_path / "service.log", "wb") as service_out:
        processes = [
            subprocess.Popen([sys.executable, "-m", "changwat.preview.mailsink", "--smtp", f"127.0.0.1:{smtp_port}",
                              "--inbox", f"127.0.0.1:{inbox_port}"], stdout=sink_out, stderr=subprocess.STDOUT),
            subprocess.Popen([sys.executable, "-m", "changwat_service", "serve", "--host", "127.0.0.1", "--port",
                              str(service_port)], env=env, stdout=service_out, stderr=subprocess.STDOUT)]
    try:
        inbox = f"http://127.0.0.1:{inbox_port}/"
        wait_until(lambda: urllib.request.urlopen(inbox, timeout=5).status == 200, 20, "the inbox answers")
        form = urllib.parse.urlencode({"email": "somsri@example.com", "sections": "news", "consent": "yes"})
        subscribe = urllib.request.Request(f"{service_url}/th/subscribe", data=form.encode(),
                                           headers={"Origin": "http://127.0.0.1:8000"})
        wait_until(lambda: urllib.request.urlopen(subscribe, timeout=10).status == 200, 30, "the service subscribes")

        page = wait_until(lambda: (lambda p: p if "/subscribe/confirm?token=" in p else None)(
            urllib.request.urlopen(inbox, timeout=5).read().decode("utf-8")), 10, "the confirmation in the inbox")
        assert "ยืนยันการรับข่าวทางอีเมล" in page
        link = re.search(r'<a href="([^"]+/th/subscribe/confirm\?token=[^"]+)">', page)[1]
        confirmed = urllib.request.urlopen(link.replace("&amp;", "&"), timeout=10).read().decode("utf-8")
        assert "ยืนยันแล้ว" in confirmed
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
