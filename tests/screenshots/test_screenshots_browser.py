"""make screenshots (changwat.screenshots), run on the freshly built sample site with a small plan: two page kinds
(home, a news item) × a 360×800 phone at dpr 3 and the 1280×800 desktop × the default and dark modes, in Thai.
The PNGs have the emulated device pixels, the contact sheet links every shot and is valid HTML (Nu checker) with no
request elsewhere, the dark mode really darkens the picture, and each shot's facts are numbers."""

from __future__ import annotations

import html.parser
import json
import struct
import subprocess
from pathlib import Path

import pytest

from changwat.checks import tools
from changwat.checks.browser import serve
from changwat.screenshots.__main__ import main

SHOTS = ["home-th-phone-360-default", "home-th-phone-360-dark", "home-th-desktop-1280-default",
         "home-th-desktop-1280-dark", "news-item-th-phone-360-default", "news-item-th-phone-360-dark",
         "news-item-th-desktop-1280-default", "news-item-th-desktop-1280-dark"]
# Device pixels: CSS pixels × the pixel ratio (360×800 at dpr 3; the desktop at dpr 1).
PIXELS = {"phone-360": (1080, 2400), "desktop-1280": (1280, 800)}


@pytest.fixture(scope="module")
def run(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("shots") / "screenshots"
    code = main(["--site", str(built_site), "--out", str(out), "--pages", "home,news-item",
                 "--devices", "phone-360,desktop-1280", "--modes", "default,dark", "--languages", "th"])
    return code, out


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_every_shot_is_a_png_of_the_emulated_device_pixels(run):
    code, out = run
    assert code == 0, "a shot of home or a news item breaks a rule: see " + str(out / "index.html")
    assert sorted(p.stem for p in out.glob("*.png")) == sorted(SHOTS)
    for name in SHOTS:
        device = next(d for d in PIXELS if d in name)
        assert png_size(out / f"{name}.png") == PIXELS[device], name


class Sheet(html.parser.HTMLParser):
    """The sheet's elements, checked to nest properly, with its links, images, ids and lang."""
    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self):
        super().__init__()
        self.open, self.links, self.images, self.ids, self.lang, self.errors = [], [], [], [], None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a":
            self.links.append(a.get("href", ""))
        if tag == "img":
            self.images.append(a)
        if tag in {"script", "link", "iframe"}:
            self.errors.append(f"<{tag}> in a self-contained sheet")
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1] if self.open else None}>")
        else:
            self.open.pop()


def test_the_sheet_links_every_shot_and_is_valid_self_contained_html(run):
    _, out = run
    text = (out / "index.html").read_text(encoding="utf-8")
    sheet = Sheet()
    sheet.feed(text)
    sheet.close()
    assert not sheet.errors and not sheet.open, (sheet.errors, sheet.open)
    assert sheet.lang == "th"
    assert len(sheet.ids) == len(set(sheet.ids))
    assert {f"{name}.png" for name in SHOTS} <= set(sheet.links)
    for href in sheet.links:
        assert not href.startswith(("http:", "https:", "//")), href
        if not href.startswith("#"):
            assert (out / href).is_file(), href
        else:
            assert href[1:] in sheet.ids, href
    assert len(sheet.images) == len(SHOTS)
    for img in sheet.images:
        assert (out / img["src"]).is_file() and img["alt"] and img["width"], img
    java = tools.java()
    assert java, "Java is needed for the Nu checker"
    result = subprocess.run([java, "-jar", str(tools.vnu_jar()), "--errors-only", str(out / "index.html")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


MEAN_LIGHTNESS = """
const done = arguments[arguments.length - 1];
const img = new Image();
img.onload = () => {
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, c.width, c.height).data;
  let sum = 0;
  for (let i = 0; i < px.length; i += 4) sum += 0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2];
  done(sum / (px.length / 4));
};
img.onerror = () => done(null);
img.src = arguments[0];
"""


def test_the_dark_mode_really_darkens_the_picture(run, browser):
    _, out = run
    with serve(out) as url:
        browser.get(url + "index.html")
        for page in ("home-th-phone-360", "news-item-th-desktop-1280"):
            light = browser.execute_async_script(MEAN_LIGHTNESS, f"{page}-default.png")
            dark = browser.execute_async_script(MEAN_LIGHTNESS, f"{page}-dark.png")
            assert light is not None and dark is not None
            assert dark < light / 2, (page, light, dark)


def test_each_shot_has_its_layout_facts_in_numbers(run):
    _, out = run
    for name in SHOTS:
        record = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        facts, device = record["facts"], record["device"]
        assert record["png"] == f"{name}.png" and record["problems"] == []
        for key in ("scrollWidth", "innerWidth", "innerHeight", "h1Top", "nameScrollWidth", "nameWidth", "dpr"):
            assert isinstance(facts[key], (int, float)) and not isinstance(facts[key], bool), (name, key)
        assert facts["innerWidth"] == device["width"] and facts["dpr"] == device["dpr"]
        assert facts["touch"] is device["mobile"]
        assert facts["mode"] == record["mode"]
        assert facts["scheme"] == ("slate" if record["mode"] == "dark" else "default")
        assert 0 < facts["h1Top"] < facts["innerHeight"]


def test_an_out_folder_with_other_files_is_left_alone(built_site, tmp_path, capsys):
    mine = tmp_path / "notes.txt"
    mine.write_text("not a screenshot", encoding="utf-8")
    assert main(["--site", str(built_site), "--out", str(tmp_path), "--pages", "home", "--devices", "phone-360",
                 "--languages", "th", "--modes", "default"]) == 2
    assert mine.read_text(encoding="utf-8") == "not a screenshot"
    assert "already holds other files" in capsys.readouterr().err


def test_no_built_site_is_said_in_thai_and_english(tmp_path, capsys):
    assert main(["--site", str(tmp_path / "site"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "ไม่พบเว็บไซต์ที่สร้างแล้ว" in err and "make build" in err
    assert not (tmp_path / "out").exists()


def test_the_search_shot_shows_results_for_the_word(built_site, tmp_path):
    out = tmp_path / "search"
    main(["--site", str(built_site), "--out", str(out), "--pages", "search", "--devices", "desktop-1280",
          "--languages", "en", "--modes", "default"])
    record = json.loads((out / "search-en-desktop-1280-default.json").read_text(encoding="utf-8"))
    assert record["search"] == "province"
    assert record["facts"]["results"] > 0, record["problems"]
    assert not [p for p in record["problems"] if "search" in p]
