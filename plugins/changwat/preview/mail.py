"""Mail the preview's service sends, decoded for a person: from, to, subject, text and its links.

The service writes UTF-8 mail, so the subject travels as =?utf-8?b?...?= and the body as base64; a plain SMTP
debugging server prints exactly that. Here the standard library's email parser undoes both, and the links of
the text are picked out so the inbox page can make them clickable (a confirmation link, say).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from html.parser import HTMLParser
from threading import Lock

# A web address in plain text; a full stop or bracket right after it belongs to the sentence, not to the link.
LINK = re.compile(r"https?://[^\s<>\"'`]+")
TRAILING = ".,;:!?)]}"


@dataclass(frozen=True)
class Mail:
    sender: str
    recipients: str
    subject: str
    text: str
    received: datetime = field(default_factory=datetime.now)

    @property
    def links(self) -> list[str]:
        return list(dict.fromkeys(piece for piece, is_link in self.parts() if is_link))

    def parts(self) -> list[tuple[str, bool]]:
        """The text cut into (piece, is_link), in order: the inbox writes the links as <a> and the rest as text."""
        parts, end = [], 0
        for match in LINK.finditer(self.text):
            link = match.group().rstrip(TRAILING)
            if match.start() > end:
                parts.append((self.text[end:match.start()], False))
            parts.append((link, True))
            end = match.start() + len(link)
        if end < len(self.text):
            parts.append((self.text[end:], False))
        return parts


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and LINK.fullmatch(href):
            self.chunks.append(f" {href} ")
        elif tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3"):
            self.chunks.append("\n")

    def handle_data(self, data):
        self.chunks.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.chunks).strip()


def decode(raw: bytes, *, envelope_from: str = "", envelope_to: list[str] | None = None,
           received: datetime | None = None) -> Mail:
    """A mail as it arrived over SMTP (MIME, any transfer encoding) made readable."""
    message = message_from_bytes(raw, policy=policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        try:
            text = body.get_content()
        except (LookupError, ValueError):  # an unknown charset: show what can be shown
            text = body.get_payload(decode=True).decode("utf-8", "replace")
        if body.get_content_type() == "text/html":
            text = html_text(text)
    headers = message_from_bytes(raw, policy=policy.compat32)
    return Mail(sender=_header(headers, "From") or envelope_from, subject=_header(headers, "Subject"),
                recipients=_header(headers, "To") or ", ".join(envelope_to or []), text=text.strip(),
                received=received or datetime.now())


def _header(message, name: str) -> str:
    """A header decoded. Not with policy.default: it puts a space between two encoded words of one display name
    ("สำนักงานจังหวัด ตัวอย่าง"), where RFC 2047 joins them; the older decoder joins them."""
    value = message.get(name)
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value)))).replace("\r", "").replace("\n", "")
    except (LookupError, ValueError, UnicodeDecodeError):  # an unknown charset or a broken encoded word
        return str(value)


def terminal_text(mail: Mail, inbox_url: str = "") -> str:
    lines = [f"── จดหมาย / Mail {mail.received:%H:%M:%S} " + "─" * 30,
             f"จาก / From:     {mail.sender}",
             f"ถึง / To:       {mail.recipients}",
             f"เรื่อง / Subject: {mail.subject}",
             "", mail.text, ""]
    if mail.links:
        lines += ["ลิงก์ / Links:", *(f"  {link}" for link in mail.links)]
    if inbox_url:
        lines.append(f"กล่องจดหมาย / Inbox: {inbox_url}")
    return "\n".join(lines)


class Inbox:
    """The mails received since the sink started, newest first, at most `limit` of them (a preview, not an archive)."""

    def __init__(self, limit: int = 200):
        self.limit = limit
        self._mails: list[Mail] = []
        self._lock = Lock()
        self.received = 0  # how many ever arrived: the inbox page reloads when it changes

    def add(self, mail: Mail) -> None:
        with self._lock:
            self._mails.insert(0, mail)
            del self._mails[self.limit:]
            self.received += 1

    def newest_first(self) -> list[Mail]:
        with self._lock:
            return list(self._mails)
