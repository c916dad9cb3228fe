"""The production profile run for real (helpers and fixtures, imported by the test modules: a conftest.py here
would shadow tests/conftest.py for `from conftest import ...`): Debian's nginx with the configuration `python -m changwat.production`
writes, on free ports of 127.0.0.1. nginx missing is a failure, never a skip: `make test` installs it first
(deploy/ensure-nginx.sh)."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

NGINX = os.environ.get("CHANGWAT_NGINX", "/usr/sbin/nginx")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    """Until something listens on the port; a server that never comes up fails the test."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@dataclass
class Nginx:
    prefix: Path
    site: str       # http://127.0.0.1:PORT/
    service: str    # http://127.0.0.1:PORT/ (the proxy in front of the upstream)

    @property
    def access_log(self) -> str:
        return (self.prefix / "logs" / "access.log").read_text(encoding="utf-8")

    @property
    def include(self) -> Path:
        return self.prefix / "security-headers.conf"


def generate(site: Path, prefix: Path, site_port: int, service_port: int, upstream: str, *extra: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "changwat.production", "--site", str(site), "--out", str(prefix),
         "--listen", f"127.0.0.1:{site_port}", "--service-listen", f"127.0.0.1:{service_port}",
         "--upstream", upstream, *extra], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@contextlib.contextmanager
def run_nginx(site: Path, prefix: Path, upstream: str, *extra: str, site_port: int | None = None,
              service_port: int | None = None, before_start=None) -> Iterator[Nginx]:
    if not os.access(NGINX, os.X_OK):
        pytest.fail(f"nginx is not installed at {NGINX}: run `make nginx` (deploy/ensure-nginx.sh) or set CHANGWAT_NGINX")
    site_port, service_port = site_port or free_port(), service_port or free_port()
    generate(site, prefix, site_port, service_port, upstream, *extra)
    if before_start:
        before_start(prefix)
    conf = prefix / "nginx.conf"
    test = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(site_port)
        yield Nginx(prefix, f"http://127.0.0.1:{site_port}/", f"http://127.0.0.1:{service_port}/")
    finally:
        process.terminate()
        process.wait(10)


class Echo(http.server.BaseHTTPRequestHandler):
    """A stand-in for the service: answers with the headers and body size it received, and remembers them."""
    seen: list[dict] = []

    def _answer(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        record = {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": len(body)}
        self.seen.append(record)
        payload = json.dumps(record).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def echo_upstream():
    handler = type("Echo", (Echo,), {"seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.seen, f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def production(built_site, echo_upstream, tmp_path_factory) -> Iterator[Nginx]:
    """nginx over the freshly built sample site, its service location proxied to the echo upstream."""
    with run_nginx(built_site, tmp_path_factory.mktemp("nginx"), echo_upstream[1]) as nginx:
        yield nginx
