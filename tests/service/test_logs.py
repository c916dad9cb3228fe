"""The service as `python -m changwat_service serve` runs it: its log holds no client address and no secret
from a link (confirmation tokens spell out the e-mail address; unsubscribe tokens work for ever)."""

from __future__ import annotations

import base64
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy import select

from changwat_service import links
from changwat_service.logs import redact_path
from changwat_service.models import Subscriber

from .conftest import GENEROUS, link_in, path_of, service_env

CLIENT_ADDRESS = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}:\d+\b")


@contextmanager
def serve(settings, log: list):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = service_env(settings) | {"CHANGWAT_SERVICE_RATE_LIMITS": GENEROUS, "CHANGWAT_SERVICE_COOKIE_SECURE": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "changwat_service", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # waiting for the server to listen, not measuring anything
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read())
            try:
                httpx.get(f"{base}/healthz")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()  # a clean stop flushes the log
        log.extend(proc.communicate(timeout=30)[0].splitlines())


def test_access_log_has_no_client_address_and_no_link_secrets(settings, database, mailbox):
    log: list[str] = []
    with serve(settings, log) as base, httpx.Client(base_url=base) as http:
        http.post("/en/subscribe", data={"email": "reader@example.com", "sections": "news", "consent": "yes"})
        confirm = path_of(link_in(mailbox.messages[-1]))
        assert http.get(confirm).status_code == 200
        with database.read() as s:
            sub_id = s.execute(select(Subscriber.id)).scalar_one()
        unsubscribe = path_of(links.unsubscribe(settings, sub_id))
        assert http.get(unsubscribe).status_code == 200
        r = http.post("/en/question", data={"subject": "s", "body": "b", "email": "asker@example.com",
                                            "consent": "yes"})
        code = re.search(r"code=([A-Z0-9-]+)", r.headers["location"]).group(1)
        assert http.get(r.headers["location"]).status_code == 200
        assert http.get(f"/en/status?code={code}").status_code == 200
        assert http.get(f"/api/status/{code}").status_code == 200
        http.post("/en/delete", data={"code": code, "email": "asker@example.com"})
        delete = path_of(link_in(mailbox.messages[-1]))
        assert http.get(delete).status_code == 200
    secrets = [confirm.split("token=")[1], unsubscribe.rsplit("/", 1)[1], delete.split("token=")[1], code]
    # The confirmation token's first part is the address in base64: look for that too.
    secrets.append(base64.urlsafe_b64encode(b"reader@example.com").decode().rstrip("=")[:16])
    access = [line for line in log if ' HTTP/1.1" ' in line]
    text = "\n".join(log)
    assert len(access) >= 10, text  # the log still says what was asked and answered
    assert any('"GET /unsubscribe/[redacted] HTTP/1.1" 200' in line for line in access), text
    assert any('"GET /en/subscribe/confirm?token=[redacted] HTTP/1.1" 200' in line for line in access), text
    assert not [line for line in access if CLIENT_ADDRESS.search(line) or "127.0.0.1" in line], text
    for secret in secrets:
        assert secret not in text and secret.replace("%3D", "=") not in text, secret
    assert "example.com" not in text


def test_redaction_of_paths():
    assert redact_path("/unsubscribe/eyJk.abc/again") == "/unsubscribe/[redacted]/again"
    assert redact_path("/en/delete/confirm?token=abc&x=1") == "/en/delete/confirm?token=[redacted]&x=1"
    assert redact_path("/th/thanks/question?code=Q-1234-5678") == "/th/thanks/question?code=[redacted]"
    assert redact_path("/api/status/Q-1234-5678") == "/api/status/[redacted]"
    assert redact_path("/th/survey?page=/news/") == "/th/survey?page=/news/"
