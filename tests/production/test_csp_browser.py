"""The built site through the production nginx in real headless Chromium, with the generated
Content-Security-Policy enforced: no page kind logs a CSP violation, and text size, colour modes, search and the
participation forms (posting through the proxy to the real service) still work. A policy missing one hash is
seen to fail, so a clean console means the policy was read and met."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from benchmarks.search_hit_rate import ask
from changwat.checks.browser import chromium
from conftest import ROOT
from production_nginx import free_port, run_nginx, wait_for

SECRET = "production-test-secret-" + "x" * 32
PAGE_KINDS = {
    "home": "", "news listing": "news/", "news item": "news/2026-08-28-dengue-prevention/",
    "announcements": "announcements/", "procurement": "procurement/", "content page": "about/structure/",
    "site map": "sitemap/", "recommendations": "recommendations/", "compliance": "compliance/", "recommendation": "recommendations/d1/",
    "question form": "participation/questions/", "complaint form and status": "participation/complaints/",
    "statistics": "participation/statistics/", "subscribe form": "follow/", "English home": "en/",
    "English news item": "en/news/2026-08-28-dengue-prevention/", "404": "no-such-page/", "English 404": "en/no-such-page/",
}


def csp_messages(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The sample site built for a service behind the proxy, the real service (SQLite, a local SMTP sink) and
    nginx in front of both, as `make production` runs them."""
    work = tmp_path_factory.mktemp("production")
    site_port, proxy_port, service_port, smtp_port = free_port(), free_port(), free_port(), free_port()
    site = work / "site"
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "CHANGWAT_SERVICE_URL": f"http://127.0.0.1:{proxy_port}"}
    built = subprocess.run([sys.executable, "-m", "changwat.cli.build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                           capture_output=True, text=True, env=env, cwd=ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    service_env = dict(os.environ, CHANGWAT_SERVICE_SECRET=SECRET,
                       CHANGWAT_SERVICE_DB_URL=f"sqlite:///{work / 'service.db'}",
                       CHANGWAT_SITE_ORIGIN=f"http://127.0.0.1:{site_port}",
                       CHANGWAT_SERVICE_PUBLIC_URL=f"http://127.0.0.1:{proxy_port}",
                       CHANGWAT_SMTP_HOST="127.0.0.1", CHANGWAT_SMTP_PORT=str(smtp_port),
                       CHANGWAT_SERVICE_COOKIE_SECURE="false", CHANGWAT_SERVICE_TRUST_PROXY="127.0.0.1,::1")
    smtp = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    service = subprocess.Popen([sys.executable, "-m", "changwat_service", "serve", "--host", "127.0.0.1",
                                "--port", str(service_port)], env=service_env, cwd=work,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(service_port)
        with run_nginx(site, work / "nginx", f"127.0.0.1:{service_port}", site_port=site_port,
                       service_port=proxy_port) as nginx:
            yield nginx, site
    finally:
        for process in (service, smtp):
            process.terminate()
            process.wait(10)


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


def test_the_policy_is_enforced_and_names_the_service(live):
    nginx, _ = live
    from urllib.request import urlopen

    with urlopen(nginx.site) as response:
        csp = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    assert f"form-action 'self' {nginx.service.rstrip('/')}" in csp


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_csp_violation_on_any_page_kind(live, browser, kind):
    nginx, site = live
    path = PAGE_KINDS[kind]
    assert (site / path / "index.html").exists() or kind.endswith("404"), f"{path} is not in the built site"
    browser.get(nginx.site + path)
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert csp_messages(browser) == []


def test_text_size_and_colour_mode_work_and_are_applied_before_first_paint(live, browser):
    nginx, _ = live
    browser.get(nginx.site)
    browser.execute_script("localStorage.clear()")
    browser.get(nginx.site)
    size = "return parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    base = browser.execute_script(size)
    browser.find_element(By.CSS_SELECTOR, 'button[data-changwat-text="larger"]').click()
    assert browser.execute_script(size) == pytest.approx(base * 1.25, rel=0.02)
    browser.find_element(By.CSS_SELECTOR, 'button[data-changwat-mode="high-contrast"]').click()
    browser.get(nginx.site + "about/structure/")
    # The hashed inline scripts ran on the next page: size and mode come from localStorage before first paint.
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("data-changwat-text") == "125"
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme") == "changwat-contrast"
    assert browser.execute_script(size) == pytest.approx(base * 1.25, rel=0.02)
    browser.execute_script("localStorage.clear()")
    assert csp_messages(browser) == []


def test_search_finds_thai_words(live, browser):
    nginx, _ = live
    browser.get(nginx.site)
    found = ask(browser, "ข่าว")
    assert found, "no results for ข่าว"
    assert csp_messages(browser) == []


def test_a_question_posts_through_the_proxy_to_the_service_and_shows_its_tracking_code(live, browser):
    nginx, _ = live
    browser.get(nginx.site + "participation/questions/")
    browser.find_element(By.ID, "cw-q-subject").send_keys("ทดสอบผ่าน nginx")
    browser.find_element(By.ID, "cw-q-body").send_keys("คำถามนี้ส่งผ่านพร็อกซีพร้อมนโยบาย CSP")
    browser.find_element(By.ID, "cw-q-consent").click()
    form = browser.find_element(By.CSS_SELECTOR, 'form[action$="/th/question"]')
    form.find_element(By.CSS_SELECTOR, 'button[type="submit"]').click()
    code = re.compile(r"Q-[A-Z0-9]{4}-[A-Z0-9]{4}")
    WebDriverWait(browser, 20).until(lambda d: code.search(d.find_element(By.TAG_NAME, "main").text))
    assert browser.current_url == nginx.site + "participation/questions/"  # posted without leaving the page
    assert '"POST /th/question HTTP/1.1" 201' in nginx.access_log
    assert csp_messages(browser) == []


def test_a_policy_missing_one_hash_is_reported_in_the_console(live, tmp_path):
    """The control: drop the hash of the text-size script and Chromium refuses it, and says so."""
    _, site = live
    text_size = re.search(r"<script>(\(function\(h\)\{try\{var s=localStorage.*?)</script>",
                          (site / "index.html").read_text(encoding="utf-8")).group(1)
    from changwat.production.csp import csp_hash

    def drop_hash(prefix: Path):
        include = prefix / "security-headers.conf"
        text = include.read_text(encoding="utf-8")
        assert csp_hash(text_size) in text
        include.write_text(text.replace(" " + csp_hash(text_size), ""), encoding="utf-8")

    with run_nginx(site, tmp_path / "nginx", "127.0.0.1:9", before_start=drop_hash) as broken, chromium() as driver:
        driver.get(broken.site)
        messages = csp_messages(driver)
        # Chromium names the hash the refused script would need: the one that was dropped, and only that one.
        assert len(messages) == 1 and "script-src" in messages[0]
        assert csp_hash(text_size).strip("'") in messages[0]
