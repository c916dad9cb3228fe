"""Limits per client over HTTP (JSON and HTML refusals in the citizen's language), kept in the database so
that every worker and host shares them, per /64 for IPv6."""

from __future__ import annotations

from sqlalchemy import func, select
from starlette.testclient import TestClient

from changwat_service.models import RateLimit
from changwat_service.ratelimit import RateLimiter, client_network

from .conftest import SECRET

CASE = {"subject": "s", "body": "b", "consent": "yes"}


def test_form_limit(make_client, database):
    client = make_client(rate_limits="form=3/600,status=2/600,beacon=1/600,login=2/600")
    ok = [client.post("/en/question", json=CASE).status_code for _ in range(3)]
    assert ok == [201, 201, 201]
    r = client.post("/en/question", json=CASE)
    assert r.status_code == 429 and r.headers["retry-after"] and r.json()["message"].startswith("Too many")
    r = client.post("/th/complaint", data=CASE)
    assert r.status_code == 429 and "ส่งบ่อยเกินไป" in r.text and 'lang="th"' in r.text
    # Another client address has its own bucket.
    other = TestClient(client.app, client=("192.0.2.7", 4000), follow_redirects=False)
    assert other.post("/en/question", json=CASE).status_code == 201


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


def test_two_app_instances_on_one_database_share_the_limits(make_client):
    """Two workers (or hosts): before, each process kept its own buckets and the limit doubled."""
    first, second = make_client(rate_limits="form=2/600"), make_client(rate_limits="form=2/600")
    assert first.app is not second.app and first.app.state.limiter is not second.app.state.limiter
    codes = [c.post("/en/question", json=CASE).status_code for c in (first, second, first, second)]
    assert codes == [201, 201, 429, 429]


def test_ipv6_clients_are_limited_per_64(make_client):
    client = make_client(rate_limits="form=1/600")

    def post(address):
        peer = TestClient(client.app, client=(address, 4000), follow_redirects=False)
        return peer.post("/en/question", json=CASE).status_code

    # One phone picks any address in its /64 (privacy extensions): the same bucket.
    assert post("2001:db8:1:2::1") == 201
    assert post("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == 429
    # The neighbouring /64 is another household.
    assert post("2001:db8:1:3::1") == 201
    # IPv4 stays per exact address, also when written IPv4-mapped.
    assert post("198.51.100.1") == 201
    assert post("::ffff:198.51.100.1") == 429
    assert post("198.51.100.2") == 201


def test_client_network():
    assert client_network("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert client_network("fe80::1%eth0") == "fe80::/64"
    assert client_network("::ffff:192.0.2.1") == "192.0.2.1"
    assert client_network("192.0.2.1") == "192.0.2.1"
    assert client_network("testclient") == "testclient"


def test_sliding_window_with_a_clock(database):
    now = [6000.0]
    limiter = RateLimiter({"form": (3, 30)}, database, SECRET, clock=lambda: now[0])
    assert [limiter.allow("form", "192.0.2.1") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("form", "192.0.2.2")  # another client has its own count
    assert limiter.allow("unlimited-rule", "192.0.2.1")
    # Just past the slot boundary the previous slot still counts almost fully: no doubled burst.
    now[0] = 6030.0 + 1
    assert not limiter.allow("form", "192.0.2.1")
    # A whole window later everything has slid out.
    now[0] = 6090.0
    assert limiter.allow("form", "192.0.2.1")


def test_counts_are_atomic_across_workers(database):
    """Twenty requests of one client at the same moment through two limiters (two workers): every one is
    counted once, and exactly the capacity is let through."""
    import threading
    limiters = [RateLimiter({"form": (7, 600)}, database, SECRET, clock=lambda: 6000.0) for _ in range(2)]
    barrier, answers = threading.Barrier(20), []

    def ask(i):
        barrier.wait()
        answers.append(limiters[i % 2].allow("form", "203.0.113.5"))

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert answers.count(True) == 7 and len(answers) == 20
    with database.read() as s:
        assert s.execute(select(RateLimit.count)).scalars().all() == [20]


def test_spent_and_record_count_without_asking(database):
    now = [1200.0]
    limiter = RateLimiter({"budget": (2, 60)}, database, SECRET, clock=lambda: now[0])
    assert not limiter.spent("budget", "*")
    limiter.record("budget", "*")
    assert not limiter.spent("budget", "*")
    limiter.record("budget", "*")
    assert limiter.spent("budget", "*") and limiter.spent("budget", "*")  # asking does not count
    assert not limiter.spent("other", "*")


def test_keys_are_keyed_hashes_shared_by_workers_with_one_secret(database):
    limiter = RateLimiter({"form": (3, 30)}, database, SECRET)
    limiter.allow("form", "192.0.2.1")
    with database.read() as s:
        keys = s.execute(select(RateLimit.key)).scalars().all()
    assert keys == [limiter.client_key("192.0.2.1")] and "192.0.2" not in keys[0]
    assert RateLimiter({}, database, SECRET).client_key("192.0.2.1") == keys[0]
    assert RateLimiter({}, database, "another-secret-" + "y" * 40).client_key("192.0.2.1") != keys[0]


def test_expired_slots_are_pruned(database):
    now = [100_000.0]
    limiter = RateLimiter({"beacon": (2, 60), "form": (10, 600)}, database, SECRET, clock=lambda: now[0],
                          prune_every=3600)
    for i in range(50):
        limiter.allow("beacon", f"10.0.0.{i}")
    limiter.allow("form", "10.0.0.1")

    def count():
        with database.read() as s:
            return s.execute(select(func.count()).select_from(RateLimit)).scalar()
    assert count() == 51
    now[0] += 60  # the beacon rows are the previous slot now: still read
    assert limiter.prune() == 0
    now[0] += 61  # two beacon windows on: never read again; the form's 600 s window still holds its row
    assert limiter.prune() == 50 and count() == 1
    # Without being asked, a limiter prunes at most once per prune_every, on a count.
    limiter = RateLimiter({"beacon": (2, 60)}, database, SECRET, clock=lambda: now[0], prune_every=60)
    limiter.allow("beacon", "10.0.0.1")
    now[0] += 1300
    limiter.allow("beacon", "10.0.0.2")
    assert count() == 1
