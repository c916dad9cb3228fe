"""Every error the service answers carries the same security headers as its pages, including a crash."""

from __future__ import annotations

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from changwat_service.web.app import create_app

SECURITY_HEADERS = ("content-security-policy", "referrer-policy", "x-content-type-options")


def has_security_headers(response) -> bool:
    return all(name in response.headers for name in SECURITY_HEADERS) and \
        "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("depth", [9, 20_000])
def test_deeply_nested_json_is_refused_with_a_clear_message(client, database, depth):
    body = '{"email": "a@example.com", "sections": ' + "[" * depth + "]" * depth + "}"
    r = client.post("/en/subscribe", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and has_security_headers(r)
    assert "nested more than 8 levels" in r.text and "ซ้อนกันเกิน 8 ชั้น" in r.text
    # The beacon never shows an error, whatever it is sent.
    r = client.post("/api/hit", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 204


def test_the_forms_own_json_still_passes(client, mailbox):
    r = client.post("/en/subscribe", json={"email": "a@example.com", "sections": ["news"], "consent": True,
                                           "page": "/en/news/[1]/{x}/"})
    assert r.status_code == 200 and r.json()["ok"]


def test_error_responses_carry_the_security_headers(make_client, database, settings):
    client = make_client(rate_limits="form=1/600")
    answers = {
        400: client.get("/unsubscribe/not.a-token"),
        404: client.get("/en/no/such/page"),
        405: client.put("/healthz"),
        413: client.post("/en/question", content=b"x" * (settings.max_body_bytes + 1),
                         headers={"Content-Type": "application/x-www-form-urlencoded"}),
    }
    client.post("/en/question", data={"subject": "s", "body": "b", "consent": "yes"})
    answers[429] = client.post("/en/question", data={"subject": "s", "body": "b", "consent": "yes"})
    for status, r in answers.items():
        assert r.status_code == status and has_security_headers(r), (status, r.status_code, dict(r.headers))


def test_a_crash_answers_500_with_the_security_headers(database, settings):
    app = create_app(settings, database, migrate_db=False)

    async def boom(request):
        raise RuntimeError("a bug in our own code")

    app.router.routes.insert(0, Route("/boom", boom))
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/boom")
    assert r.status_code == 500 and has_security_headers(r)
    assert "Sorry, something went wrong" in r.text and "a bug" not in r.text
