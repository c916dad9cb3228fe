"""Per-client limits over HTTP: JSON and HTML refusals in the citizen's language, buckets per client."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_form_limit(make_client, database):
    client = make_client(rate_limits="form=3/600,status=2/600,beacon=1/600,login=2/600")
    ok = [client.post("/en/question", json={"subject": "s", "body": "b", "consent": "yes"}).status_code
          for _ in range(3)]
    assert ok == [201, 201, 201]
    r = client.post("/en/question", json={"subject": "s", "body": "b", "consent": "yes"})
    assert r.status_code == 429 and r.headers["retry-after"] and r.json()["message"].startswith("Too many")
    r = client.post("/th/complaint", data={"subject": "s", "body": "b", "consent": "yes"})
    assert r.status_code == 429 and "ส่งบ่อยเกินไป" in r.text and 'lang="th"' in r.text
    # Another client address has its own bucket.
    other = TestClient(client.app, client=("192.0.2.7", 4000), follow_redirects=False)
    assert other.post("/en/question", json={"subject": "s", "body": "b", "consent": "yes"}).status_code == 201


def test_status_and_login_limits(make_client):
    client = make_client(rate_limits="status=2/600,login=2/600")
    codes = [client.get("/en/status?code=Q-0000-0000").status_code for _ in range(3)]
    assert codes == [404, 404, 429]
    assert client.get("/api/status/Q-0000-0000").status_code == 429
    page = client.get("/en/admin/login").text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    codes = [client.post("/en/admin/login", data={"username": "x", "password": "y", "csrf": csrf}).status_code
             for _ in range(3)]
    assert codes == [401, 401, 429]


def test_forwarded_for_only_behind_a_trusted_proxy(make_client):
    client = make_client(rate_limits="form=1/600", trust_proxy=True)
    send = lambda ip: client.post("/en/question", json={"subject": "s", "body": "b", "consent": "yes"},
                                  headers={"X-Forwarded-For": ip}).status_code
    assert (send("198.51.100.1"), send("198.51.100.1"), send("198.51.100.2")) == (201, 429, 201)
    untrusting = make_client(rate_limits="form=1/600")
    send = lambda ip: untrusting.post("/en/question", json={"subject": "s", "body": "b", "consent": "yes"},
                                      headers={"X-Forwarded-For": ip}).status_code
    assert (send("198.51.100.1"), send("198.51.100.2")) == (201, 429)
