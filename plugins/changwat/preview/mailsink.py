"""The preview's mail sink: the service's mail arrives here over SMTP instead of going out, is printed decoded in
the terminal and kept for a small inbox page, so an officer testing subscribe/confirm can click the link.

    python -m changwat.preview.mailsink [--smtp 127.0.0.1:8025] [--inbox 127.0.0.1:8026]

Nothing is sent anywhere and nothing is written to disk; mail is gone when the sink stops.
"""

from __future__ import annotations

import argparse
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

from changwat.preview.mail import Inbox, decode, terminal_text
from changwat.preview.pages import inbox_page

# The inbox shows what strangers may have typed into a form: nothing in it may load or run, but for its own
# inline style and the inline script that reloads it when mail arrives.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'"


class SinkHandler:
    """aiosmtpd handler: every mail accepted, decoded, kept and printed."""

    def __init__(self, inbox: Inbox, echo: Callable[[str], None], inbox_url: str = ""):
        self.inbox, self.echo, self.inbox_url = inbox, echo, inbox_url

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        mail = decode(raw if isinstance(raw, bytes) else raw.encode("utf-8"), envelope_from=envelope.mail_from,
                      envelope_to=list(envelope.rcpt_tos))
        self.inbox.add(mail)
        self.echo(terminal_text(mail, self.inbox_url))
        return "250 OK"


def inbox_server(inbox: Inbox, host: str, port: int, smtp_address: str) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/count":
                self._send(str(inbox.received).encode(), "text/plain; charset=utf-8")
            elif self.path in ("/", "/index.html"):
                page = inbox_page(inbox.newest_first(), smtp_address=smtp_address, received=inbox.received)
                self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            else:
                self._send("ไม่พบ / Not found".encode(), "text/plain; charset=utf-8", status=404)

        def _send(self, body: bytes, content_type: str, status: int = 200):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Security-Policy", CSP)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # the terminal is for the mails themselves
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


class MailSink:
    """SMTP on one port, the inbox page on another; start() returns once both answer."""

    def __init__(self, smtp: tuple[str, int], inbox: tuple[str, int], echo: Callable[[str], None] | None = None):
        from aiosmtpd.controller import Controller

        self.inbox = Inbox()
        self.inbox_url = f"http://{inbox[0]}:{inbox[1]}/"
        self.smtp_address = f"{smtp[0]}:{smtp[1]}"
        echo = echo or (lambda text: print(text, flush=True))
        self.controller = Controller(SinkHandler(self.inbox, echo, self.inbox_url), hostname=smtp[0], port=smtp[1],
                                     enable_SMTPUTF8=True)
        self.http = inbox_server(self.inbox, inbox[0], inbox[1], self.smtp_address)

    def start(self) -> None:
        import threading

        self.controller.start()
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()
        self.controller.stop()


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not port.isdigit():
        raise argparse.ArgumentTypeError(f"ใช้รูปแบบ ที่อยู่:พอร์ต / write host:port, not {text!r}")
    return host or "127.0.0.1", int(port)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="กล่องรับจดหมายของตัวอย่างเว็บไซต์ / the preview's mail sink")
    parser.add_argument("--smtp", type=_address, default=("127.0.0.1", 8025), help="SMTP (default 127.0.0.1:8025)")
    parser.add_argument("--inbox", type=_address, default=("127.0.0.1", 8026),
                        help="หน้ากล่องจดหมาย / the inbox page (default 127.0.0.1:8026)")
    args = parser.parse_args(argv)
    try:
        sink = MailSink(args.smtp, args.inbox)
        sink.start()
    except ImportError:
        print("ต้องติดตั้งแพ็กเกจ aiosmtpd ก่อน: pip install aiosmtpd\n"
              "The mail sink needs the aiosmtpd package: pip install aiosmtpd", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"เปิดพอร์ตของกล่องจดหมายไม่ได้ ({error}) อาจมีโปรแกรมอื่นใช้พอร์ตนี้อยู่\n"
              f"The mail sink could not open its port ({error}); another program may be using it.", file=sys.stderr)
        return 2
    print(f"จดหมายจากตัวอย่างเว็บไซต์ไม่ได้ส่งออกไปจริง: แสดงที่นี่และที่ {sink.inbox_url} (SMTP {sink.smtp_address})\n"
          f"Preview mail is not sent: it is shown here and at {sink.inbox_url} (SMTP {sink.smtp_address}).",
          flush=True)
    try:
        import threading

        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        sink.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
