"""A retried submission is stored once. The site's form script posts with fetch and, when the fetch fails
(a lost answer on a phone network), posts the form again the plain way: before, that stored the case twice."""

from __future__ import annotations

import socket
import threading
import uuid
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from changwat_service.models import Case

CASE = {"subject": "ถนนชำรุด", "body": "หน้าโรงเรียน", "consent": "yes"}


def cases_in(database) -> list[Case]:
    with database.read() as s:
        return s.execute(select(Case).order_by(Case.id)).scalars().all()


def test_fetch_then_plain_post_with_one_key_is_one_case(client, database):
    key = str(uuid.uuid4())
    first = client.post("/th/complaint", files={k: (None, v) for k, v in {**CASE, "idempotency_key": key}.items()},
                        headers={"Accept": "application/json"})  # what fetch sends: multipart, JSON wanted
    assert first.status_code == 201
    again = client.post("/th/complaint", data={**CASE, "idempotency_key": key})  # the plain POST fallback
    assert again.status_code == 303
    code = parse_qs(urlsplit(again.headers["location"]).query)["code"][0]
    assert code == first.json()["code"]
    [case] = cases_in(database)
    assert case.code == code and case.idempotency_key == key
    assert client.get(again.headers["location"]).status_code == 200


def test_different_keys_and_no_key_are_different_cases(client, database):
    codes = {client.post("/en/question", json={**CASE, "idempotency_key": str(uuid.uuid4())}).json()["code"]
             for _ in range(2)}
    codes |= {client.post("/en/question", json=CASE).json()["code"] for _ in range(2)}  # no script, no key
    assert len(codes) == 4 and len(cases_in(database)) == 4


def test_a_malformed_key_is_ignored_not_refused(client, database):
    for key in ("short", "x" * 65, "<script>alert(1)</script>-padding"):
        assert client.post("/en/question", json={**CASE, "idempotency_key": key}).status_code == 201
    assert [c.idempotency_key for c in cases_in(database)] == [None, None, None]


def test_the_same_key_at_the_same_moment_is_one_case(make_client, database):
    """Two workers receive the retry while the first post is still being stored: the unique key decides."""
    clients = [make_client(), make_client()]
    key, codes = str(uuid.uuid4()), []
    barrier = threading.Barrier(8)

    def post(i):
        barrier.wait()
        r = clients[i % 2].post("/en/complaint", json={**CASE, "idempotency_key": key})
        codes.append((r.status_code, r.json().get("code")))

    threads = [threading.Thread(target=post, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    [case] = cases_in(database)
    assert codes == [(201, case.code)] * 8


# ---- the form script in Chromium ---------------------------------------------------------------------------

@contextmanager
def running_service(app):
    import uvicorn
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        thread.join(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


LOSE_THE_ANSWER = """
  var realFetch = window.fetch;
  window.fetch = function (url, options) {  // the post arrives, its answer is lost on the way back
    return realFetch(url, options).then(function (r) {
      return r.text().then(function () { throw new TypeError("lost"); });
    });
  };
"""


def test_the_form_script_retries_with_the_same_key(browser, make_settings, database, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from changwat.checks.browser import serve
    from changwat_service.web.app import create_app
    from changwat_service.web.common import environment

    with serve(tmp_path) as site:
        site_origin = site.rstrip("/")
        app = create_app(make_settings(site_origin=site_origin), database, migrate_db=False)
        posts = []

        async def counting(scope, receive, send):  # proves both posts arrived: fetch's (JSON) and the plain one
            if scope["type"] == "http" and scope["method"] == "POST":
                posts.append(b"application/json" in dict(scope["headers"]).get(b"accept", b""))
            await app(scope, receive, send)

        with running_service(counting) as svc:
            app.state.settings = make_settings(site_origin=site_origin, public_url=svc)
            snippet = environment().get_template("snippets/case.html")
            form = snippet.render(kind="complaint", lang="th", svc_url=svc)
            (tmp_path / "form.html").write_text(
                f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>ร้องเรียน</title></head>'
                f'<body>{form}<script src="{svc}/static/changwat-forms.js" data-service="{svc}" defer></script>'
                f'</body></html>', encoding="utf-8")
            browser.get(site + "form.html")
            WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
            browser.execute_script(LOSE_THE_ANSWER)
            browser.find_element(By.ID, "cw-c-subject").send_keys(CASE["subject"])
            browser.find_element(By.ID, "cw-c-body").send_keys(CASE["body"])
            browser.find_element(By.ID, "cw-c-consent").click()
            browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            WebDriverWait(browser, 20).until(lambda d: "/th/thanks/complaint" in d.current_url)
            code = parse_qs(urlsplit(browser.current_url).query)["code"][0]
    assert posts == [True, False]
    [case] = cases_in(database)  # the fetch stored it; the plain POST found it by its key
    assert case.code == code and case.subject == CASE["subject"]
    assert uuid.UUID(case.idempotency_key)  # crypto.randomUUID on a secure context (127.0.0.1)
