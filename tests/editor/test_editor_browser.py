"""make edit's editor in headless Chromium, against a copy of the mini site: the UI is Thai, a news item written
in Thai and English with an image and its alt text is saved into docs/th/news/ and docs/en/news/, the kit's item
parser accepts both files, and the build lists the item."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from conftest import ROOT, mkdocs_build, write_minisite

def _wait(driver, xpath, timeout=30, clickable=True):
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    condition = EC.element_to_be_clickable if clickable else EC.presence_of_element_located
    return WebDriverWait(driver, timeout).until(condition(("xpath", xpath)))


def _type(driver, name, text, which=1):
    """The field `name` of the first (Thai) or second (English) column."""
    element = _wait(driver, f"(//*[starts-with(@id, '{name}-field-')])[{which}]", clickable=False)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.send_keys(text)


def test_officer_writes_a_news_item_in_both_languages(tmp_path):
    from selenium.webdriver.common.keys import Keys

    from changwat.checks.browser import chromium
    from changwat.editor.cli import running
    from changwat.sections.items import parse_item

    config = write_minisite(tmp_path)
    # The repository's cache, shared between runs: the first run (a fresh CI machine) installs the pinned Decap
    # packages itself, as make edit does.
    with running(tmp_path, config, port=0, proxy_port=8093, npm_dir=ROOT / ".cache" / "editor" / "npm") as url, \
            chromium() as driver:
        driver.get(url)
        _wait(driver, "//button[contains(., 'เข้าสู่ระบบ')]").click()   # the Thai UI: "Log in" (no password)
        _wait(driver, "//*[contains(., 'ข่าวประชาสัมพันธ์')]")
        driver.get(url + "#/collections/news/new")
        _type(driver, "slug", "editor-test")
        _type(driver, "title", "ทดสอบการเขียนข่าวในเบราว์เซอร์")
        _wait(driver, "(//button[contains(., 'เวลาตอนนี้')])[1]").click()   # "now"
        _type(driver, "summary", "เจ้าหน้าที่เขียนข่าวนี้ในเบราว์เซอร์")
        _type(driver, "category", "Events" + Keys.ENTER)
        _wait(driver, "(//button[contains(., 'แทรกจาก URL')])[1]").click()   # "insert from URL"
        prompt = driver.switch_to.alert
        prompt.send_keys("../../assets/favicon.svg")
        prompt.accept()
        _type(driver, "image_alt", "ตราจังหวัดตัวอย่าง")
        _type(driver, "title", "A news item written in the browser", which=2)
        _type(driver, "summary", "An officer wrote this item in the browser.", which=2)
        _type(driver, "image_alt", "The sample province's seal", which=2)
        for which, text in ((1, "เนื้อข่าวที่เขียนในเบราว์เซอร์"), (2, "The body, written in the browser.")):
            body = _wait(driver, f"(//*[@contenteditable='true'])[{which}]", clickable=False)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", body)
            body.send_keys(text)
        _wait(driver, "//*[self::button or @role='button'][contains(., 'เผยแพร่')]").click()   # "publish"
        _wait(driver, "//*[contains(text(), 'เผยแพร่ตอนนี้')]").click()                       # "publish now"
        deadline = time.time() + 30
        saved = []
        while time.time() < deadline and len(saved) < 2:
            saved = sorted(tmp_path.glob("docs/*/news/*-editor-test.md"))
            time.sleep(0.5)
        screen = driver.find_element("tag name", "body").text
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*editor-test*"))
    assert [p.parent.parent.name for p in saved] == ["en", "th"], (written, screen[:3000])
    assert saved[0].name == saved[1].name
    for path in saved:
        source = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(source.split("---", 2)[1])
        rel = path.relative_to(tmp_path / "docs").as_posix()
        item, problems = parse_item(source, meta, rel, "news", path.parent.parent.name, tmp_path / "docs")
        assert problems == [], [p.explain() for p in problems]
        assert item.category == "events" and item.image == "assets/favicon.svg" and item.image_alt
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    listing = (tmp_path / "site" / "news" / "index.html").read_text(encoding="utf-8")
    assert "ทดสอบการเขียนข่าวในเบราว์เซอร์" in listing
    assert "A news item written in the browser" in (tmp_path / "site" / "en" / "news" / "index.html").read_text(
        encoding="utf-8")


def test_officer_changes_the_office_phone_number(tmp_path):
    """The office's details are a form generated from the Office record; saving rewrites data/office.yml (not
    mkdocs.yml), and the file still passes the build's own check."""
    from selenium.webdriver.common.keys import Keys

    from changwat.checks.browser import chromium
    from changwat.core.office import load_office
    from changwat.editor.cli import running

    config = write_minisite(tmp_path)
    office_file = tmp_path / "data" / "office.yml"
    before = office_file.read_text(encoding="utf-8")
    settings_before = config.read_text(encoding="utf-8")
    with running(tmp_path, config, port=0, proxy_port=8094, npm_dir=ROOT / ".cache" / "editor" / "npm") as url, \
            chromium() as driver:
        driver.get(url)
        _wait(driver, "//button[contains(., 'เข้าสู่ระบบ')]").click()
        _wait(driver, "//*[contains(., 'ข่าวประชาสัมพันธ์')]")
        driver.get(url + "#/collections/office/entries/office")
        phone = _wait(driver, "(//*[starts-with(@id, 'phone-field-')])[1]", clickable=False)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", phone)
        assert phone.get_attribute("value") == "0 9999 1234"
        phone.send_keys(Keys.CONTROL, "a")
        phone.send_keys("0 9999 5678")
        _wait(driver, "//*[self::button or @role='button'][contains(., 'เผยแพร่')]").click()
        _wait(driver, "//*[contains(text(), 'เผยแพร่ตอนนี้')]").click()
        deadline = time.time() + 30
        while time.time() < deadline and office_file.read_text(encoding="utf-8") == before:
            time.sleep(0.5)
        screen = driver.find_element("tag name", "body").text
    after = office_file.read_text(encoding="utf-8")
    assert after != before, screen[:3000]
    office, problems = load_office(office_file, "data/office.yml", ("th", "en"))
    assert problems == [], [p.explain() for p in problems]
    assert office.phone == "0 9999 5678" and office.phone_e164 == "+6699991234"
    assert [s.name for s in office.social] == ["Facebook", "LINE", "YouTube"]
    assert config.read_text(encoding="utf-8") == settings_before
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 9999 5678" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
