"""Composing and sending mail over SMTP (any server). Every address reaching here has passed validation.email."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from .settings import Settings


def build(settings: Settings, to: str, subject: str, body: str, headers: dict | None = None,
          message_id: str | None = None) -> EmailMessage:
    msg = EmailMessage()  # policy.default refuses CR/LF inside header values: a second guard against injection
    msg["From"] = settings.smtp_from
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = message_id or _message_id(settings)
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg


def _message_id(settings: Settings) -> str:
    from email.utils import make_msgid
    return make_msgid(domain=sender_domain(settings))


def sender_domain(settings: Settings) -> str:
    address = settings.smtp_from.rsplit("<", 1)[-1].rstrip(">")
    return address.rpartition("@")[2] or "localhost"


class SmtpMailer:
    """One connection reused across messages (notify sends many), reopened once if the server dropped it."""

    def __init__(self, settings: Settings, timeout: float = 30):
        self.settings = settings
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.smtp_security == "tls":
            smtp = smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=self.timeout, context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=self.timeout)
            if s.smtp_security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        if s.smtp_user:
            smtp.login(s.smtp_user, s.smtp_password)
        return smtp

    def send(self, msg: EmailMessage) -> None:
        """Returns only once the server has accepted the message for delivery; raises otherwise."""
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(msg)
        except smtplib.SMTPServerDisconnected:
            self._smtp = self._connect()
            self._smtp.send_message(msg)

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._smtp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
