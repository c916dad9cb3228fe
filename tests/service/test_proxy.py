"""Behind the office's HTTPS proxy: whose address counts. Without CHANGWAT_SERVICE_TRUST_PROXY every request is
the proxy's (one bucket for the province); with it, each citizen has their own; a header from anyone else is
ignored."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from changwat_service.settings import SettingsError, load_settings

from .conftest import SECRET

CASE = {"subject": "s", "body": "b", "consent": "yes"}
PROXY = ("10.0.0.5", 40000)


def poster(app, peer=PROXY):
    client = TestClient(app, client=peer, follow_redirects=False)
    return lambda forwarded=None: client.post("/en/question", json=CASE, headers=(
        {"X-Forwarded-For": forwarded} if forwarded else {})).status_code


def test_without_the_setting_everyone_is_the_proxy(make_client):
    app = make_client(rate_limits="form=1/600").app
    post = poster(app)
    assert post("198.51.100.1") == 201
    assert post("198.51.100.2") == 429  # another citizen, the same (proxy's) bucket


def test_with_the_setting_each_citizen_has_a_limit(make_client):
    app = make_client(rate_limits="form=1/600", trust_proxy="10.0.0.0/24, ::1").app
    post = poster(app)
    assert post("198.51.100.1") == 201
    assert post("198.51.100.2") == 201
    assert post("198.51.100.1") == 429
    # The client's own X-Forwarded-For is to the left of what our proxy appends: it changes nothing.
    assert post("203.0.113.99, 198.51.100.1") == 429
    # Two trusted proxies in a row (a load balancer, then nginx): the right-most untrusted hop is the citizen.
    assert post("198.51.100.3, 10.0.0.7") == 201
    assert post("198.51.100.3, 10.0.0.8") == 429
    # Without the header the peer (the proxy) is the client.
    assert post() == 201 and post() == 429


def test_a_spoofed_header_from_an_untrusted_peer_is_ignored(make_client):
    app = make_client(rate_limits="form=1/600", trust_proxy="10.0.0.0/24").app
    stranger = poster(app, peer=("192.0.2.50", 5000))
    assert stranger("198.51.100.10") == 201
    assert stranger("198.51.100.11") == 429  # still the stranger's own address


def test_garbage_in_the_header_falls_back_to_the_trusted_hop(make_client):
    app = make_client(rate_limits="form=1/600", trust_proxy="10.0.0.0/24").app
    post = poster(app)
    assert post("not-an-address") == 201
    assert post("also-garbage") == 429  # both counted as the proxy, not as two made-up clients


def test_setting_parsing():
    base = {"CHANGWAT_SERVICE_SECRET": SECRET}
    s = load_settings(env={**base, "CHANGWAT_SERVICE_TRUST_PROXY": "127.0.0.1, ::1, 10.0.0.0/8"})
    assert [str(n) for n in s.trust_proxy] == ["127.0.0.1/32", "::1/128", "10.0.0.0/8"]
    assert load_settings(env=base).trust_proxy == ()
    assert load_settings(env={**base, "CHANGWAT_TRUST_PROXY": "127.0.0.1"}).trust_proxy == s.trust_proxy[:1]
    for bad in ("true", "127.0.0.1,nonsense"):
        with pytest.raises(SettingsError, match="TRUST_PROXY"):
            load_settings(env={**base, "CHANGWAT_SERVICE_TRUST_PROXY": bad})
    with pytest.raises(SettingsError, match="differ"):
        load_settings(env={**base, "CHANGWAT_SERVICE_TRUST_PROXY": "::1", "CHANGWAT_TRUST_PROXY": "127.0.0.1"})
