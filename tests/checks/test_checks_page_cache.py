"""The browser check's page cache (checks/page_cache.py), in the real Debian Chromium on a three-page site: a result is
reused only when the page, every file it fetched, the engines and the settings are what they were."""
import os

import pytest

from changwat.checks import axe, filters, page_cache
from changwat.checks.site import Site

SITE_URL = "https://cache.example.go.th/"
PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/assets/site.css"><script src="/assets/site.js" defer></script></head>
<body><main><h1>{title}</h1>{body}<p id="data"></p></main></body></html>"""
VARIANTS = "tags: [wcag2a, wcag2aa]\npages: []\nkinds: []\nvariants: {}\n"


@pytest.fixture()
def site(tmp_path):
    root = tmp_path / "site"
    pages = {"": ("th", "หน้าแรก", "<p>สวัสดี</p>"), "en/": ("en", "Home", "<p>Hello</p>"),
             "bad/": ("th", "รูปภาพ", '<img src="/assets/photo.svg">')}
    for path, (lang, title, body) in pages.items():
        (root / path).mkdir(parents=True, exist_ok=True)
        (root / path / "index.html").write_text(PAGE.format(lang=lang, title=title, body=body), encoding="utf-8")
    assets = root / "assets"
    assets.mkdir()
    (assets / "site.css").write_text("body { color: #222; background: #fff; }\n", encoding="utf-8")
    # A script that fetches more on load: the fetched file is an input of every page too.
    (assets / "site.js").write_text("fetch('/assets/data.json').then(r => r.json())"
                                    ".then(d => { document.getElementById('data').textContent = d.text; });\n",
                                    encoding="utf-8")
    (assets / "data.json").write_text('{"text": "ok"}', encoding="utf-8")
    (assets / "photo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                                      encoding="utf-8")
    (assets / "unused.css").write_text("p { color: red; }", encoding="utf-8")
    for f in root.rglob("*"):
        # Files of long ago: a browser would take them from its cache without asking, unless told to ask.
        os.utime(f, (1577836800, 1577836800))
    variants = tmp_path / "axe_variants.yml"
    variants.write_text(VARIANTS, encoding="utf-8")
    return root, variants, tmp_path / "cache"


def check(site):
    root, variants, cache = site
    return axe.run_engines(Site(root, SITE_URL, jobs=1), variants, ("axe",), cache=cache)["axe"]


def found(result):
    return sorted((f.page, f.rule, f.element, f.message) for f in result.findings)


def forbid_browser(monkeypatch):
    """From here on the check may only reuse: starting a browser would show as a tool failure in its findings."""
    def refuse(*args, **kwargs):
        raise RuntimeError("a page was loaded in the browser")
    monkeypatch.setattr(axe, "chromium", refuse)


def test_unchanged_pages_are_reused_and_a_failing_page_still_fails(site, monkeypatch):
    first = check(site)
    assert (first.fresh, first.reused) == (3, 0)
    assert ("bad/", "image-alt") in {(f.page, f.rule) for f in first.findings if f.blocking}
    forbid_browser(monkeypatch)
    second = check(site)
    assert (second.fresh, second.reused) == (0, 3)
    assert found(second) == found(first)  # the cached violation is reported again, not dropped
    assert any(n.startswith("3 page views checked afresh, 0 reused") for n in first.notes)
    assert any(n.startswith("0 page views checked afresh, 3 reused") for n in second.notes)
    assert second.pages_checked == 3  # reused pages are covered pages


def test_a_file_no_page_fetched_does_not_matter(site, monkeypatch):
    check(site)
    (site[0] / "assets" / "unused.css").write_text("p { color: blue; }", encoding="utf-8")
    forbid_browser(monkeypatch)
    assert check(site).reused == 3


def test_a_changed_page_is_checked_again(site):
    first = check(site)
    page = site[0] / "bad" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<img ", '<img alt="" '), encoding="utf-8")
    second = check(site)
    assert (second.fresh, second.reused) == (1, 2)
    assert "image-alt" in {f.rule for f in first.findings} - {f.rule for f in second.findings}


@pytest.mark.parametrize("changed", ["site.css", "site.js", "data.json", "photo.svg"])
def test_a_changed_file_the_page_fetched_checks_the_pages_that_fetched_it(site, changed):
    check(site)
    asset = site[0] / "assets" / changed
    asset.write_text(asset.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = check(site)
    # One browser checks the three pages in turn: the later ones had the CSS and scripts cached, and still count.
    expected = 1 if changed == "photo.svg" else 3  # only bad/ shows the picture
    assert (second.fresh, second.reused) == (expected, 3 - expected)


def test_changed_filters_check_everything_again(site, tmp_path, monkeypatch):
    check(site)
    own = tmp_path / "filters.yml"
    own.write_text(filters.FILTERS.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    monkeypatch.setattr(filters, "FILTERS", own)
    again = check(site)
    assert (again.fresh, again.reused) == (3, 0)


def test_the_cache_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert page_cache.default_folder() == tmp_path / ".cache" / "gate"
    monkeypatch.setenv("CHANGWAT_GATE_CACHE", "off")
    assert page_cache.default_folder() is None
