"""make edit's editor in headless Chromium, against a copy of the mini site: the UI is Thai, a news item written
in Thai and English with a photo uploaded from the officer's computer and its alt text is saved into docs/th/news/
and docs/en/news/, the photo into docs/assets/images/news/, the kit's item parser accepts both files, and the built
site lists the item and shows the photo on its page and its home page card."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path
from urllib.parse import unquote, urljoin

import yaml
from bs4 import BeautifulSoup

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


def _png(path: Path, width=48, height=32) -> Path:
    """A real (small) PNG photo, as an officer's computer would hold one."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes((20, 120 + y * 3, 90)) * width for y in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def _publish(driver):
    _wait(driver, "//*[self::button or @role='button'][contains(., 'เผยแพร่')]").click()   # "publish"
    _wait(driver, "//*[contains(text(), 'เผยแพร่ตอนนี้')]").click()                       # "publish now"


def _page_text(driver):
    # textContent, not .text: Decap shows errors in capitals (CSS), the DOM keeps the message as written.
    return driver.execute_script("return document.body.textContent")


def _wait_for_text(driver, texts, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline and not all(t in _page_text(driver) for t in texts):
        time.sleep(0.3)
    return _page_text(driver)


def _shown_image(html_file: Path, site: Path, alt: str) -> Path:
    """The file in site/ that the page's <img alt=alt> loads."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    images = [img for img in soup.find_all("img") if img.get("alt") == alt]
    assert images, f"no <img alt={alt!r}> in {html_file}"
    page_url = "/" + html_file.relative_to(site).as_posix()
    target = unquote(urljoin(page_url, images[0]["src"]).split("?")[0])
    return site / target.lstrip("/")


def test_officer_writes_a_news_item_with_an_uploaded_photo(tmp_path):
    from selenium.webdriver.common.keys import Keys

    from changwat.checks.browser import chromium
    from changwat.editor.cli import running
    from changwat.sections.fields import field_rules
    from changwat.sections.items import parse_item

    config = write_minisite(tmp_path)
    # The home page as the sample site has it: its news cards carry the items' photos.
    for language in ("th", "en"):
        home = tmp_path / "docs" / language / "index.md"
        home.write_text(home.read_text(encoding="utf-8").replace("---\n", "---\ntemplate: home/home.html\n", 1),
                        encoding="utf-8")
    # The officer's file, outside the site: the editor must copy it into the site's images folder.
    photo = _png(tmp_path / "river-cleanup.png")
    missing_alt = field_rules()["image_alt"].message("missing")
    refusal = [missing_alt.what["th"], missing_alt.what["en"]]
    alt = {"th": "อาสาสมัครเก็บขยะริมคลอง", "en": "Volunteers picking up rubbish along the canal"}
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
        # The media library: "choose an image", upload from the computer, "choose the selected one".
        _wait(driver, "(//button[contains(., 'เลือกรูปภาพ')])[1]").click()
        _wait(driver, "//input[@type='file']", clickable=False).send_keys(str(photo))
        _wait(driver, "//button[contains(., 'เลือกข้อมูลที่ถูกเลือก')]").click()
        _type(driver, "title", "A news item written in the browser", which=2)
        _type(driver, "summary", "An officer wrote this item in the browser.", which=2)
        for which, text in ((1, "เนื้อข่าวที่เขียนในเบราว์เซอร์"), (2, "The body, written in the browser.")):
            body = _wait(driver, f"(//*[@contenteditable='true'])[{which}]", clickable=False)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", body)
            body.send_keys(text)

        # An image and no alt text: refused with the build's words, in Thai, then for the English twin alone.
        _publish(driver)
        screen = _wait_for_text(driver, refusal)
        assert all(t in screen for t in refusal), screen[-3000:]
        assert "[EN]" not in screen
        _type(driver, "image_alt", alt["th"])
        _publish(driver)
        screen = _wait_for_text(driver, ["[EN] " + refusal[0]])
        assert "[EN] " + refusal[0] in screen, screen[-3000:]
        assert not list(tmp_path.glob("docs/*/news/*editor-test*")), "saved without alt text"

        _type(driver, "image_alt", alt["en"], which=2)
        _publish(driver)
        deadline = time.time() + 30
        saved = []
        while time.time() < deadline and len(saved) < 2:
            saved = sorted(tmp_path.glob("docs/*/news/*-editor-test.md"))
            time.sleep(0.5)
        screen = _page_text(driver)
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*editor-test*"))
    assert [p.parent.parent.name for p in saved] == ["en", "th"], (written, screen[-3000:])
    assert saved[0].name == saved[1].name
    # The upload lands in the section's images folder, byte for byte, and the items point at it from where they are.
    uploaded = tmp_path / "docs" / "assets" / "images" / "news" / photo.name
    assert uploaded.read_bytes() == photo.read_bytes()
    for path in saved:
        language = path.parent.parent.name
        source = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(source.split("---", 2)[1])
        assert meta["image"] == f"../../assets/images/news/{photo.name}"
        assert meta["image_alt"] == alt[language]
        rel = path.relative_to(tmp_path / "docs").as_posix()
        item, problems = parse_item(source, meta, rel, "news", language, tmp_path / "docs")
        assert problems == [], [p.explain() for p in problems]
        assert item.category == "events" and item.image == f"assets/images/news/{photo.name}"
    site = tmp_path / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    slug = saved[0].stem
    for language, prefix, title in (("th", "", "ทดสอบการเขียนข่าวในเบราว์เซอร์"),
                                    ("en", "en/", "A news item written in the browser")):
        listing = site / prefix / "news" / "index.html"
        assert title in listing.read_text(encoding="utf-8")
        # The item's page and the home page's card show the photo (the section's listing has no pictures).
        for page in (site / prefix / "news" / slug / "index.html", site / prefix / "index.html"):
            shown = _shown_image(page, site, alt[language])
            assert shown.is_file() and shown.read_bytes() == photo.read_bytes(), (page, shown)


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
