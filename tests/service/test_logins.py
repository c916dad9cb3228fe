"""Logins under attack: password checks capped per process, a failed-login budget for the whole service,
HEAD not counted, and the commands that disable an officer or reset a password."""

from __future__ import annotations

import re
import threading
import time

import pytest
from starlette.testclient import TestClient

from changwat_service import officers

from .conftest import run_cli

PASSWORD = "correct horse battery staple"


@pytest.fixture
def officer(database):
    return officers.create(database, "somsri", PASSWORD)


def attempt(app, address: str, password: str = "wrong password!", username: str = "somsri", lang: str = "th"):
    client = TestClient(app, client=(address, 4000), follow_redirects=False)
    page = client.get(f"/{lang}/admin/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return client.post(f"/{lang}/admin/login", data={"username": username, "password": password, "csrf": csrf})


class CountingHasher:
    """The real (cheap) hasher, holding each check until released and counting how many run at once."""

    def __init__(self, real):
        self.real, self.lock, self.release = real, threading.Lock(), threading.Event()
        self.running = self.peak = self.calls = 0

    def verify(self, password_hash, password):
        with self.lock:
            self.running += 1
            self.calls += 1
            self.peak = max(self.peak, self.running)
        try:
            self.release.wait(timeout=60)
            return self.real.verify(password_hash, password)
        finally:
            with self.lock:
                self.running -= 1

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_concurrent_password_checks_are_capped(make_client, officer, monkeypatch):
    """40 addresses x 5 tries took 2.3 GiB (argon2 at 64 MiB, 40 threads): now 2 checks at once, the rest told
    to come back. The hasher holds every check, so without the cap all twelve would be inside it at once."""
    monkeypatch.setattr(officers, "HASH_WAIT_SECONDS", 0.2)
    hasher = CountingHasher(officers._hasher)
    monkeypatch.setattr(officers, "_hasher", hasher)
    app = make_client(login_hashing=2).app
    results, threads = [], []
    for i in range(12):
        t = threading.Thread(target=lambda i=i: results.append(attempt(app, f"192.0.2.{i + 1}")))
        t.start()
        threads.append(t)
    deadline = time.monotonic() + 60
    while len(results) + hasher.running < 12 and time.monotonic() < deadline:  # each one answered or checking
        time.sleep(0.01)
    hasher.release.set()
    for t in threads:
        t.join(timeout=60)
    assert hasher.peak == 2 and hasher.calls == 2
    assert sorted(r.status_code for r in results) == [401] * 2 + [503] * 10
    busy = next(r for r in results if r.status_code == 503)
    assert busy.headers["retry-after"] == "30" and busy.headers["cache-control"] == "no-store"
    assert "กรุณารอครึ่งนาที" in busy.text and "Please wait half a minute" in busy.text
    # Once the flood is over, a login goes through again.
    assert attempt(app, "192.0.2.200", PASSWORD).status_code == 303


def test_failed_login_budget_for_the_whole_service(make_client, officer):
    """Every address within its own limit, the service as a whole out of budget: 429 for logins, while the
    citizens' pages still answer."""
    app = make_client(login_budget="3/600").app
    assert [attempt(app, f"198.51.100.{i}").status_code for i in range(1, 4)] == [401, 401, 401]
    refused = attempt(app, "198.51.100.4")
    assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
    assert "ปิดรับชั่วคราว" in refused.text and "sign-in is paused" in refused.text
    assert attempt(app, "198.51.100.5", PASSWORD).status_code == 429  # no password is checked at all
    public = TestClient(app, client=("203.0.113.9", 4000), follow_redirects=False)
    expected = {"/th/": 200, "/th/question": 200, "/en/status": 200, "/healthz": 200,
                "/en/status?code=Q-0000-0000": 404}  # a real lookup: no such case
    assert {path: public.get(path).status_code for path in expected} == expected
    assert public.post("/th/question", json={"subject": "s", "body": "b", "consent": "yes"}).status_code == 201


def test_logins_waiting_for_a_slot_do_not_overspend_the_budget(make_client, officer, monkeypatch):
    """Twelve at once, all past the first budget check before any has failed: the budget is looked at again
    once a slot is free, so at most capacity + slots - 1 passwords are checked."""
    monkeypatch.setattr(officers, "HASH_WAIT_SECONDS", 60)  # nobody is sent away busy here
    hasher = CountingHasher(officers._hasher)
    hasher.release.set()
    monkeypatch.setattr(officers, "_hasher", hasher)
    app = make_client(login_budget="4/600", login_hashing=2).app
    barrier, results = threading.Barrier(12), []

    def go(i):
        barrier.wait()
        results.append(attempt(app, f"192.0.2.{i + 1}").status_code)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 12 and set(results) <= {401, 429}
    assert 4 <= results.count(401) <= 5 and hasher.calls == results.count(401)


def test_a_successful_login_does_not_spend_the_budget(make_client, officer):
    app = make_client(login_budget="2/600").app
    assert [attempt(app, "198.51.100.1", PASSWORD).status_code for _ in range(4)] == [303] * 4


def test_head_on_the_login_page_uses_no_try(make_client, officer):
    """An uptime monitor sends HEAD: it must not lock the officers out."""
    client = make_client(rate_limits="login=2/600")
    assert [client.head("/th/admin/login").status_code for _ in range(5)] == [200] * 5
    page = client.get("/th/admin/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    post = lambda: client.post("/th/admin/login", data={"username": "somsri", "password": "nope nope nope",
                                                         "csrf": csrf}).status_code
    assert [post(), post(), post()] == [401, 401, 429]


def test_disable_officer_ends_sessions_and_logins(make_client, settings, officer):
    app = make_client().app
    r = attempt(app, "192.0.2.1", PASSWORD)
    assert r.status_code == 303
    session = TestClient(app, follow_redirects=False, cookies={"cw_admin": r.cookies["cw_admin"]})
    assert session.get("/th/admin/").status_code == 200
    result = run_cli(settings, "disable-officer", "somsri")
    assert "disabled; sessions ended: 1" in result.stdout
    assert session.get("/th/admin/").headers["location"] == "/th/admin/login"
    assert attempt(app, "192.0.2.1", PASSWORD).status_code == 401
    missing = run_cli(settings, "disable-officer", "nobody", check=False)
    assert missing.returncode != 0 and "No officer is named 'nobody'" in missing.stderr


def test_reset_password_ends_sessions_and_replaces_the_password(make_client, settings, officer):
    app = make_client().app
    r = attempt(app, "192.0.2.1", PASSWORD)
    session = TestClient(app, follow_redirects=False, cookies={"cw_admin": r.cookies["cw_admin"]})
    new = "a brand new passphrase 2569"
    result = run_cli(settings, "reset-password", "somsri", "--password-stdin", stdin=new + "\n")
    assert "password of 'somsri' reset; sessions ended: 1" in result.stdout
    assert session.get("/th/admin/").status_code == 303
    assert attempt(app, "192.0.2.1", PASSWORD).status_code == 401
    assert attempt(app, "192.0.2.1", new).status_code == 303
    short = run_cli(settings, "reset-password", "somsri", "--password-stdin", stdin="short\n", check=False)
    assert short.returncode != 0 and "12 characters" in short.stderr
    assert attempt(app, "192.0.2.1", new).status_code == 303
