"""The confirmation after a question or complaint, in a real Chromium on a small phone (320×640, DPR 2, touch)
with text at 200 %: the form posted, the redirect followed, the tracking code is the first thing under the heading,
has the keyboard focus (so a screen reader starts with "tracking code: C-…"), and is whole on one line."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import phone
from .conftest import ROOT, SECRET, SITE_ORIGIN
from .test_idempotency import running_service

OFFICE_FILE = str(ROOT / "data" / "office.yml")
LOGO = ROOT / "docs" / "assets" / "images" / "logo.svg"
LABEL = {"th": "รหัสติดตาม", "en": "Tracking code"}

FACTS = """
var main = document.querySelector('main'), box = document.getElementById('tracking-code');
var code = box && box.querySelector('.cw-receipt__code'), focused = document.activeElement;
var range = document.createRange(); if (code) range.selectNodeContents(code);
var logo = document.querySelector('.cw-brand__logo');
return {focused: focused && focused.id, focusedText: focused && focused.innerText,
        firstAfterHeading: main.querySelector('h1').nextElementSibling === box,
        codeText: code && code.textContent, lines: code ? range.getClientRects().length : 0,
        codeOverflows: code ? code.scrollWidth > code.clientWidth : true,
        codeRight: code ? range.getBoundingClientRect().right : 0,
        codePx: code ? parseFloat(getComputedStyle(code).fontSize) : 0,
        bodyPx: parseFloat(getComputedStyle(document.body).fontSize),
        scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        logoShown: !!logo && logo.complete && logo.naturalWidth > 0, logoAlt: logo && logo.getAttribute('alt')};
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    from changwat_service.db import Database
    from changwat_service.settings import load_settings
    from changwat_service.web.app import create_app
    db_url = f"sqlite:///{tmp_path_factory.mktemp('thanks') / 'thanks.sqlite3'}"
    database = Database(db_url)
    # No mail server: the receipt waits in the outbox, and the page does not wait for it.
    app = create_app(load_settings(env={}, secret=SECRET, db_url=db_url, site_origin=SITE_ORIGIN, smtp_port=1,
                                   office_file=OFFICE_FILE, office_logo=str(LOGO), rate_limits="off",
                                   mail_retry_seconds=0), database)
    with running_service(app) as url:
        yield url
    database.dispose()


@pytest.mark.parametrize("lang, kind", [("th", "complaint"), ("en", "question")])
def test_the_code_is_first_focused_and_on_one_line(browser, service, lang, kind):
    phone(browser, width=320, height=640, dpr=2)
    # Text at 200 %: the browser's own font size setting (16 px -> 32 px), as a citizen with low vision sets it.
    browser.execute_cdp_cmd("Page.enable", {})
    browser.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    try:
        browser.get(f"{service}/{lang}/{kind}")
        browser.find_element(By.NAME, "subject").send_keys("ไฟถนนดับ" if lang == "th" else "Street light")
        browser.find_element(By.NAME, "body").send_keys("ซอย 3" if lang == "th" else "Soi 3")
        browser.find_element(By.NAME, "email").send_keys("citizen@example.com")
        browser.find_element(By.NAME, "consent").click()
        browser.find_element(By.CSS_SELECTOR, "form.cw-form button[type=submit]").click()
        WebDriverWait(browser, 10).until(lambda d: f"/{lang}/thanks/{kind}?code=" in d.current_url)
        facts = browser.execute_script(FACTS)
    finally:
        browser.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
    code = re.search(r"code=([A-Z0-9-]+)", browser.current_url).group(1)
    assert facts["bodyPx"] == 32, facts  # the 200 % took
    assert facts["firstAfterHeading"], facts
    assert facts["focused"] == "tracking-code", facts
    assert re.sub(r"\s+", " ", facts["focusedText"]).strip() == f"{LABEL[lang]}: {code}", facts
    assert facts["codeText"] == code
    assert facts["lines"] == 1 and not facts["codeOverflows"], facts  # whole, on one line
    assert facts["codeRight"] <= 320 and facts["scroll"] <= 320 and facts["inner"] == 320, facts
    assert facts["codePx"] >= 20, facts  # large: still larger than body text at 100 %
    assert facts["logoShown"] and facts["logoAlt"] == "", facts


RECEIPT = """
var form = document.querySelector('form.cw-form'), done = form.querySelector('.cw-done');
var box = done && done.querySelector('.cw-receipt'), code = box && box.querySelector('.cw-receipt__code');
var range = document.createRange(); if (code) range.selectNodeContents(code);
var link = done && done.querySelector('a[href]');
return {focusedIsReceipt: document.activeElement === box, focusedText: box && box.innerText,
        firstInForm: !!done && done.previousElementSibling === form.querySelector('.cw-summary'),
        codeText: code && code.textContent, lines: code ? range.getClientRects().length : 0,
        codeRight: code ? range.getBoundingClientRect().right : 0, boxTop: box ? box.getBoundingClientRect().top : null,
        height: innerHeight, scroll: document.documentElement.scrollWidth, inner: innerWidth,
        link: link && link.href, subjectAfter: form.elements.subject.value, texts: done ? done.innerText : ''};
"""


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_site_form_shows_the_code_at_its_top_and_focuses_it(browser, tmp_path, lang):
    """The form on the site's own page (posted with fetch by changwat-forms.js, no page load): the receipt is not a
    line beside the button but the code at the top of the form, focused and scrolled into view, on one line."""
    from changwat.checks.browser import serve
    from changwat_service.db import Database
    from changwat_service.settings import load_settings
    from changwat_service.web.app import create_app
    from changwat_service.web.common import environment

    db_url = f"sqlite:///{tmp_path / 'site-form.sqlite3'}"
    database = Database(db_url)
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    phone(browser, width=320, height=640, dpr=2)
    try:
        with serve(site_dir) as site:
            app = create_app(load_settings(env={}, secret=SECRET, db_url=db_url, site_origin=site.rstrip("/"),
                                           smtp_port=1, office_file=OFFICE_FILE, rate_limits="off",
                                           mail_retry_seconds=0), database)
            with running_service(app) as svc:
                form = environment().get_template("snippets/case.html").render(kind="complaint", lang=lang,
                                                                                 svc_url=svc)
                (site_dir / "form.html").write_text(
                    f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
                    f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>form</title>'
                    f'<link rel="stylesheet" href="{svc}/static/changwat-forms.css"></head><body><main>'
                    f'<p style="height: 1500px">…</p>{form}</main>'
                    f'<script src="{svc}/static/changwat-forms.js" data-service="{svc}" defer></script>'
                    f'</body></html>', encoding="utf-8")
                browser.get(site + "form.html")
                WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
                browser.find_element(By.NAME, "subject").send_keys("ไฟถนนดับ")
                browser.find_element(By.NAME, "body").send_keys("ซอย 3")
                consent = browser.find_element(By.NAME, "consent")
                browser.execute_script("arguments[0].scrollIntoView()", consent)
                consent.click()
                browser.find_element(By.CSS_SELECTOR, "form.cw-form button[type=submit]").click()
                WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".cw-done .cw-receipt"))
                facts = browser.execute_script(RECEIPT)
                assert browser.current_url == site + "form.html"  # no page load: fetch did it
    finally:
        database.dispose()
    code = facts["codeText"]
    assert code and re.fullmatch(r"C-[A-Z0-9]{4}-[A-Z0-9]{4}", code), facts
    assert facts["firstInForm"] and facts["focusedIsReceipt"], facts
    assert re.sub(r"\s+", " ", facts["focusedText"]).strip() == f"{LABEL[lang]}: {code}", facts
    assert facts["lines"] == 1 and facts["codeRight"] <= 320 and facts["scroll"] <= 320 == facts["inner"], facts
    assert 0 <= facts["boxTop"] < facts["height"], facts  # focus scrolled the receipt into view
    assert facts["link"].endswith(f"/{lang}/status?code={code}") and facts["subjectAfter"] == "", facts
