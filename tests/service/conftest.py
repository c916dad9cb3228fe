"""Fixtures for the service: a real SQLite file and a real PostgreSQL (started by
service/scripts/ensure-postgres.sh; if it cannot start, the tests fail), and a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "service"
if str(SERVICE) not in sys.path:  # works before the lead's `pip install -e service` too
    sys.path.insert(0, str(SERVICE))

from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from changwat_service.db import Database, migrate  # noqa: E402
from changwat_service.models import Base  # noqa: E402
from changwat_service.settings import load_settings  # noqa: E402

SECRET = "test-secret-" + "x" * 40
SITE_ORIGIN = "https://www.sample-province.go.th"
GENEROUS = "form=1000/1,status=1000/1,beacon=1000/1,login=1000/1,survey=1000/1"


def pytest_configure(config):
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch):
    """Still argon2id, with parameters that take milliseconds: the production cost is argon2-cffi's default."""
    from argon2 import PasswordHasher
    from changwat_service import officers
    monkeypatch.setattr(officers, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


# ---------------------------------------------------------------- databases

def postgres_admin_url() -> str:
    if os.environ.get("CHANGWAT_TEST_PG_URL"):
        return os.environ["CHANGWAT_TEST_PG_URL"]
    script = SERVICE / "scripts" / "ensure-postgres.sh"
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"PostgreSQL could not be started by {script}:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return result.stdout.strip().splitlines()[-1]


@contextlib.contextmanager
def fresh_postgres(admin_url: str, prefix: str):
    """A new database at the latest schema on the test server, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        migrate(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_admin_url():
    return postgres_admin_url()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_url(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'service.sqlite3'}"
        migrate(url)
        yield url
        return
    with fresh_postgres(request.getfixturevalue("pg_admin_url"), "changwat_test") as url:
        yield url


@pytest.fixture
def database(db_url):
    db = Database(db_url)
    with db.write() as s:  # a clean slate per test, schema kept
        for table in reversed(Base.metadata.sorted_tables):
            s.execute(table.delete())
    yield db
    db.dispose()


@pytest.fixture
def backend(db_url):
    return "sqlite" if db_url.startswith("sqlite") else "postgresql"


# ---------------------------------------------------------------- mail

class Collector:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        msg["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(msg)
        return "250 OK"


@pytest.fixture(scope="session")
def smtp_server():
    collector = Collector()
    with socket.socket() as probe:  # aiosmtpd checks its own port after start, so it needs a real number
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    collector.port = port
    yield collector
    controller.stop()


@pytest.fixture
def mailbox(smtp_server):
    smtp_server.messages.clear()
    return smtp_server


def body_of(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def link_in(msg, pattern: str = r"http://testserver/\S+") -> str:
    found = re.search(pattern, body_of(msg))
    assert found, body_of(msg)
    return found.group(0)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# ---------------------------------------------------------------- app

@pytest.fixture
def make_settings(db_url, smtp_server):
    def make(**overrides):
        values = dict(secret=SECRET, db_url=db_url, smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                      smtp_from="Sample Province <news@sample-province.go.th>", site_origin=SITE_ORIGIN,
                      public_url="http://testserver", cookie_secure=False, rate_limits=GENEROUS)
        values.update(overrides)
        return load_settings(env={}, **values)
    return make


@pytest.fixture
def settings(make_settings):
    return make_settings()


@pytest.fixture
def make_client(database, make_settings):
    from starlette.testclient import TestClient
    from changwat_service.web.app import create_app
    clients = []

    def make(**overrides):
        app = create_app(make_settings(**overrides), database, migrate_db=False)
        client = TestClient(app, follow_redirects=False)
        client.__enter__()
        clients.append(client)
        return client
    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client):
    return make_client()


def service_env(settings) -> dict:
    """The environment a command-line run of the service needs, for subprocess tests."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHANGWAT_")}
    env.update({
        "CHANGWAT_SERVICE_SECRET": settings.secret, "CHANGWAT_SERVICE_DB_URL": settings.db_url,
        "CHANGWAT_SMTP_HOST": settings.smtp_host, "CHANGWAT_SMTP_PORT": str(settings.smtp_port),
        "CHANGWAT_SMTP_FROM": settings.smtp_from, "CHANGWAT_SERVICE_PUBLIC_URL": settings.public_url,
        "CHANGWAT_SITE_ORIGIN": settings.site_origin,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SERVICE), env.get("PYTHONPATH")])),
    })
    return env


def run_cli(settings, *args, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """`python -m changwat_service ARGS` in this process (a subprocess costs seconds of imports per call)."""
    import contextlib
    import io
    from unittest import mock
    from changwat_service.__main__ import main
    out, err, code = io.StringIO(), io.StringIO(), 0
    env = {k: v for k, v in service_env(settings).items() if k.startswith("CHANGWAT_")}
    with mock.patch.dict(os.environ, env), mock.patch("sys.stdin", io.StringIO(stdin or "")), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
            if not isinstance(e.code, int) and e.code:
                err.write(str(e.code))
    result = subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result
